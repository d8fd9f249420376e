"""Lazy imports: a module is imported when one of its names is first used.

A big API's SDK has thousands of model classes; building them all would make ``import`` take
seconds. Packages of models export their names through :func:`lazy_export` (a module
``__getattr__``), and resources reach the classes their methods return through
:class:`LazyModule`; type checkers see ordinary imports (under ``TYPE_CHECKING``) instead.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["LazyModule", "lazy_export", "lazy_types"]


class LazyModule:
    """Stands for a module until one of its attributes is read, then imports it.

    Each attribute read is kept on this object, so later reads are plain attribute reads.
    """

    def __init__(self, name: str, package: str | None = None) -> None:
        self._lazy_name = name
        self._lazy_package = package

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith(
            "_lazy_"
        ):  # not set yet: never import while being built
            raise AttributeError(attribute)
        module = importlib.import_module(self._lazy_name, self._lazy_package)
        value = getattr(module, attribute)
        setattr(self, attribute, value)
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self._lazy_name!r}>"


def lazy_export(
    package: str, namespace: dict[str, Any], modules: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` exporting ``modules`` (name → module, relative
    to the package of ``namespace``: the globals of the module ``package``).

    The first read of a name imports its module and binds the name in ``namespace`` (the
    package's globals), so it is found directly from then on.
    """

    def __getattr__(name: str) -> Any:
        if name == "__all__":
            return sorted(modules)
        try:
            module = modules[name]
        except KeyError:
            raise AttributeError(
                f"module {package!r} has no attribute {name!r}"
            ) from None
        value = getattr(importlib.import_module(module, namespace["__package__"]), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *modules})

    return __getattr__, __dir__


def lazy_types(
    package: str, namespace: dict[str, Any], folder: str, shards: int
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``types`` (``folder`` "") or one of its folders.

    A name's module is found in ``types._names.n<k>``, ``k`` the name's CRC-32 modulo
    ``shards``: a mapping kept out of the indexes (which type checkers read), in parts small
    enough to load in a moment.
    """
    types_package = package.rsplit(".", 1)[0] if folder else package
    prefix = f"{folder}." if folder else ""

    def shard(index: int) -> Mapping[str, str]:
        names = importlib.import_module(f"{types_package}._names.n{index}")
        return names.MODULES  # type: ignore[no-any-return]

    def __getattr__(name: str) -> Any:
        if name == "__all__":
            return __dir__()
        module = shard(zlib.crc32(name.encode()) % shards).get(name) if shards else None
        if module is None or not module.startswith(prefix):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{types_package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        found = {
            n
            for index in range(shards)
            for n, m in shard(index).items()
            if m.startswith(prefix)
        }
        return sorted(found)

    return __getattr__, __dir__
