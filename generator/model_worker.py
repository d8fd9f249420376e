"""datamodel-code-generator in a worker process, overlapping the rest of a generation.

The CLI starts the worker first thing; while the main process loads the spec and builds the
IR, the worker imports datamodel-code-generator (~0.2 s). The main process then sends it the
model request and renders the Jinja templates while the worker renders the models; the two
halves meet before the formatter. On a cache hit the worker is stopped unused; when the same
command hit the cache last time (a hint in the cache folder), it is not started early at all.

The worker runs ``generator.model_worker.main``: it reads one pickled request on stdin and
writes one pickled reply on stdout. Pickle is safe here: both ends are this program.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from stat import S_ISDIR as stat_is_dir
from typing import IO, Any

from generator.errors import GeneratorError

# Run from wherever this package is, whatever the current directory and sys.path of the caller.
_ROOT = str(Path(__file__).resolve().parent.parent)
_BOOT = f"import sys; sys.path.insert(0, {_ROOT!r}); from generator.model_worker import main; main()"


def _worker_environment() -> dict[str, str]:
    # pydantic plugins cannot change what datamodel-code-generator writes; looking for them
    # (an entry-point scan when its first model class is built) costs the worker ~10 ms.
    return {"PYDANTIC_DISABLE_PLUGINS": "__all__", **os.environ}


class ModelWorker:
    """A running worker process, good for one request."""

    def __init__(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # a file, not a pipe: it cannot fill up and block the worker
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-c", _BOOT],  # -P: the current directory shadows no module
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=_worker_environment(),
        )
        self._sent = False
        # Filled by receive(): the worker's clock (perf_counter) at its stages, for benchmarks.
        self.timings: dict[str, float] = {}

    def send(self, request: dict[str, Any]) -> None:
        """Hand the worker its request (it reads while it imports, so this does not wait for it)."""
        stdin = self._process.stdin
        assert stdin is not None and not self._sent, "a worker serves one request"
        self._sent = True
        with contextlib.suppress(BrokenPipeError):  # it died: receive() reports why
            stdin.write(pickle.dumps(request, protocol=5))
            stdin.close()

    def receive(self) -> str:
        """The rendered source; raises GeneratorError as datamodel-code-generator would."""
        stdout = self._process.stdout
        assert stdout is not None and self._sent
        blob = stdout.read()
        stdout.close()
        code = self._process.wait()
        try:
            status, payload, self.timings = pickle.loads(blob)  # noqa: S301 - written by our own worker
        except Exception:
            self._stderr.seek(0)
            detail = self._stderr.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"the model worker exited with code {code} and no reply:\n{detail}") from None
        finally:
            self._stderr.close()
        if status == "ok":
            return str(payload)
        if status == "error":
            raise GeneratorError(str(payload))
        if status == "recursion":
            raise RecursionError(str(payload))
        raise RuntimeError(f"the model worker failed:\n{payload}")

    def close(self) -> None:
        """Stop the worker if it is still running (a cache hit, or an error in the main process)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()


_early: ModelWorker | None = None
# Set by start_early() when it started no worker because a cache hit is expected.
skipped_for_hint = False


def start_early(argv: list[str] | None = None) -> None:
    """Start a worker before the generator's own imports, for the next ``take_early()``.

    Not when the same command, on the same unchanged files, last found its models in the cache
    (see ``remember_hit``): it most likely will again, and the worker would only take CPU from
    the main process. If the hint is wrong, the worker is started later, when it is needed.
    """
    global _early, skipped_for_hint
    if _hit_expected(sys.argv[1:] if argv is None else argv):
        skipped_for_hint = True
        return
    try:
        _early = ModelWorker()
    except OSError:  # no subprocess here: the models render in this process
        _early = None


def _without_output(argv: list[str]) -> list[str]:
    """``argv`` less the output directory, which the models do not depend on."""
    kept: list[str] = []
    skip = False
    for argument in argv:
        if skip:
            skip = False
        elif argument in ("-o", "--output"):
            skip = True
        elif not argument.startswith(("--output=", "-o")):
            kept.append(argument)
    return kept


def _hint_path(argv: list[str]) -> Path:
    from generator.model_cache import cache_dir

    command = "\0".join([os.getcwd(), *_without_output(argv)])
    return cache_dir() / "hints" / hashlib.sha256(command.encode()).hexdigest()


def _file_states(argv: list[str]) -> list[str]:
    """Size and modification time of every existing file the command names (spec, config)."""
    states = []
    for argument in _without_output(argv):
        with contextlib.suppress(OSError, ValueError):
            stat = os.stat(argument)
            if not stat_is_dir(stat.st_mode):
                states.append(f"{argument}:{stat.st_size}:{stat.st_mtime_ns}")
    return states


def _hit_expected(argv: list[str]) -> bool:
    if "--no-cache" in argv:
        return False
    try:
        hint = json.loads(_hint_path(argv).read_text(encoding="utf-8"))
        from generator.model_cache import cache_dir

        return bool(hint["files"] == _file_states(argv) and (cache_dir() / f"{hint['key']}.models").is_file())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remember_hit(key: str, argv: list[str] | None = None) -> None:
    """Note that this command found its models under ``key``, for the next ``start_early()``."""
    argv = sys.argv[1:] if argv is None else argv
    path = _hint_path(argv)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        temporary.write_text(json.dumps({"files": _file_states(argv), "key": key}), encoding="utf-8")
        os.replace(temporary, path)


def take_early() -> ModelWorker | None:
    """The worker ``start_early()`` started, if any (once)."""
    global _early
    worker, _early = _early, None
    return worker


def discard_early() -> None:
    """Stop a worker that ``start_early()`` started and nothing took (e.g. ``--help``)."""
    worker = take_early()
    if worker is not None:
        worker.close()


def _read_all(stream: IO[bytes], into: list[bytes]) -> None:
    into.append(stream.read())


def main() -> None:
    """The worker side: import datamodel-code-generator while reading the request, render, reply."""
    timings = {"start": time.perf_counter()}
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # as the CLI: deeply nested schemas
    received: list[bytes] = []
    reader = threading.Thread(target=_read_all, args=(sys.stdin.buffer, received), daemon=True)
    reader.start()
    import datamodel_code_generator.parser.openapi  # noqa: F401 - the slow import, while the request arrives

    from generator.models import render_request

    timings["imported"] = time.perf_counter()
    reader.join()
    timings["received"] = time.perf_counter()
    reply: tuple[str, object, dict[str, float]]
    try:
        request = pickle.loads(received[0])  # noqa: S301 - written by the main process
        del received[0]  # the request's bytes are not needed while rendering
        reply = ("ok", render_request(request), timings)
    except GeneratorError as exc:
        reply = ("error", str(exc), timings)
    except RecursionError:
        reply = ("recursion", "schemas nest too deeply to generate", timings)
    except Exception:
        reply = ("crash", traceback.format_exc(), timings)
    timings["rendered"] = time.perf_counter()
    sys.stdout.buffer.write(pickle.dumps(reply, protocol=5))
    sys.stdout.buffer.flush()
    sys.stdout.close()  # the main process reads up to here
    # Tearing down datamodel-code-generator's model tree takes up to a second on large
    # documents, and nothing is left to clean up: end the process at once.
    os._exit(0)


if __name__ == "__main__":
    main()
