"""Security schemes, per-operation security and server URLs."""

from __future__ import annotations

from typing import Any

from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import Stage
from generator.config import as_text
from generator.errors import SpecError
from generator.ir import AuthSchemeIR, ServerVariableIR
from generator.loader import Resolved, SpecDocument, join_pointer
from generator.naming import NameRegistry, parameter_name


class AuthBuilder(Stage):
    """Builds the client's auth schemes and resolves servers."""

    def build_auth(self, env_prefix: str, api_key_env: str) -> tuple[AuthSchemeIR, ...]:
        components = self.doc.root.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(schemes, dict):
            return ()
        used = self._used_schemes()
        result: list[AuthSchemeIR] = []
        args = NameRegistry(
            frozenset(
                {
                    "base_url",
                    "timeout",
                    "max_retries",
                    "default_headers",
                    "default_query",
                    "http_client",
                    "strict_response_validation",
                    "self",
                }
            )
        )
        first_key_env = True
        for name, raw in schemes.items():
            pointer = join_pointer("/components/securitySchemes", name)
            if used and name not in used:
                continue
            try:
                scheme = self.loader.resolve(raw, self.doc, pointer).value
            except SpecError as exc:
                self.warn(f"{exc.message}; security scheme ignored", self.doc, pointer)
                continue
            if not isinstance(scheme, dict):
                continue
            kind = scheme.get("type")
            description = as_text(scheme.get("description"))
            if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
                result.append(AuthSchemeIR(str(name), "basic", "header", "Authorization",
                                           (args.claim("username"), args.claim("password")),
                                           (f"{env_prefix}_USERNAME", f"{env_prefix}_PASSWORD"), description))  # fmt: skip
            elif kind in ("http", "oauth2", "openIdConnect"):
                arg = args.claim("bearer_token" if kind == "http" else "access_token")
                env = api_key_env if first_key_env else f"{env_prefix}_{arg.upper()}"
                first_key_env = False
                result.append(AuthSchemeIR(str(name), "bearer", "header", "Authorization", (arg,), (env,), description))
            elif (
                kind == "apiKey"
                and scheme.get("in") in ("header", "query", "cookie")
                and isinstance(scheme.get("name"), str)
            ):
                arg = args.claim(parameter_name(str(name)) if len(schemes) > 1 else "api_key")
                env = api_key_env if first_key_env else f"{env_prefix}_{arg.upper()}"
                first_key_env = False
                result.append(
                    AuthSchemeIR(str(name), "api_key", scheme["in"], scheme["name"], (arg,), (env,), description)
                )
            else:
                self.warn(f"security scheme type {kind!r} is not supported; ignored", self.doc, pointer)
        return tuple(result)

    def _used_schemes(self) -> set[str]:
        used: set[str] = set()
        requirements = list(self.doc.root.get("security") or [])
        paths = self.doc.root.get("paths")
        for path, raw_item in (paths if isinstance(paths, dict) else {}).items():
            item = self._quiet_resolve(raw_item, self.doc, join_pointer("/paths", str(path)))
            if item is None or not isinstance(item.value, dict):
                continue
            for method in HTTP_METHODS:
                op = self._quiet_resolve(item.value.get(method), item.document, join_pointer(item.pointer, method))
                if op is not None and isinstance(op.value, dict):
                    requirements.extend(op.value.get("security") or [])
        for requirement in requirements:
            if isinstance(requirement, dict):
                used.update(str(k) for k in requirement)
        return used

    def _quiet_resolve(self, value: Any, document: SpecDocument, pointer: str) -> Resolved | None:
        # The operations stage reports broken $refs; here they only mean "no security requirements".
        try:
            return self.loader.resolve(value, document, pointer)
        except SpecError:
            return None

    def security(self, operation: dict[str, Any], auth: tuple[AuthSchemeIR, ...]) -> tuple[str, ...]:
        requirements = operation.get("security", self.doc.root.get("security"))
        known = {a.name for a in auth}
        names: list[str] = []
        for requirement in requirements or []:
            if isinstance(requirement, dict):
                names.extend(str(k) for k in requirement if str(k) in known and str(k) not in names)
        return tuple(names)

    def server_urls(self, servers: Any, document: SpecDocument, pointer: str) -> list[str]:
        urls: list[str] = []
        for index, server in enumerate(servers or [] if isinstance(servers, list) else []):
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                self.warn("a server needs a `url`; ignored", document, join_pointer(pointer, index))
                continue
            url = server["url"]
            for var, spec in (server.get("variables") or {}).items():
                if isinstance(spec, dict) and "default" in spec:
                    url = url.replace("{" + str(var) + "}", as_text(spec["default"]))
            urls.append(url.rstrip("/") if url != "/" else "")
        return urls

    def server_variables(
        self, servers: Any, auth: tuple[AuthSchemeIR, ...]
    ) -> tuple[str, tuple[ServerVariableIR, ...]]:
        """The first server's URL template and its variables (``("", ())`` when it has none)."""
        first = servers[0] if isinstance(servers, list) and servers else None
        if not isinstance(first, dict) or not isinstance(first.get("url"), str):
            return "", ()
        variables = first.get("variables")
        if not isinstance(variables, dict) or not variables:
            return "", ()
        url: str = first["url"]
        taken = {"base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
                 "strict_response_validation", "self", *(arg for a in auth for arg in a.client_args)}  # fmt: skip
        names = NameRegistry(frozenset(taken))
        result: list[ServerVariableIR] = []
        for name, spec in variables.items():
            pointer = join_pointer("/servers/0/variables", name)
            if "{" + str(name) + "}" not in url:
                continue
            if not isinstance(spec, dict) or "default" not in spec:
                self.warn("a server variable needs a `default`; the URL keeps its placeholder", self.doc, pointer)
                continue
            enum = tuple(as_text(v) for v in spec.get("enum") or [] if isinstance(v, (str, int, float)))
            result.append(
                ServerVariableIR(str(name), names.claim(parameter_name(str(name))), as_text(spec["default"]), enum,
                                 as_text(spec.get("description")))
            )  # fmt: skip
        return url.rstrip("/"), tuple(result)

    # ---- inputs ------------------------------------------------------------------------------
