"""Security schemes, per-operation security and server URLs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import Stage
from generator.config import as_text
from generator.errors import SpecError
from generator.ir import AuthSchemeIR, ServerVariableIR
from generator.loader import Resolved, SpecDocument, join_pointer
from generator.naming import NameRegistry, credential_name, parameter_name

# The client constructor's own arguments: no credential or server variable may take them.
CLIENT_OPTIONS = frozenset(
    {"base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
     "strict_response_validation", "self", "before_request", "after_response", "on_error", "telemetry"}
)  # fmt: skip


def _client_credentials_url(scheme: dict[str, Any]) -> str | None:
    """The token URL of an OAuth2 scheme's client credentials flow, if it has one."""
    flows = scheme.get("flows") if scheme.get("type") == "oauth2" else None
    flow = flows.get("clientCredentials") if isinstance(flows, dict) else None
    url = flow.get("tokenUrl") if isinstance(flow, dict) else None
    return url if isinstance(url, str) and url else None


def _is_token_scheme(scheme: dict[str, Any]) -> bool:
    """An API key or an HTTP scheme other than basic (bearer): one secret string."""
    kind = scheme.get("type")
    if kind == "http":
        return str(scheme.get("scheme", "")).lower() != "basic"
    return (
        kind == "apiKey" and scheme.get("in") in ("header", "query", "cookie") and isinstance(scheme.get("name"), str)
    )


class AuthBuilder(Stage):
    """Builds the client's auth schemes and resolves servers."""

    def build_auth(self, env_prefix: str, api_key_env: str) -> tuple[AuthSchemeIR, ...]:
        """The client's credentials, one :class:`AuthSchemeIR` per security scheme an operation uses.

        Credential arguments are named after what they carry: a document with one API key or bearer
        scheme takes ``api_key``; several are named from their scheme names (``AdminApiKeyAuth`` →
        ``admin_api_key``); basic auth takes ``username`` and ``password``; the first OAuth2 scheme
        takes ``client_id`` and ``client_secret`` (client credentials flow) or ``access_token``, and
        a ``token_provider``.
        """
        components = self.doc.root.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(schemes, dict):
            return ()
        used = self._used_schemes()
        found: list[tuple[str, str, dict[str, Any]]] = []
        for name, raw in schemes.items():
            pointer = join_pointer("/components/securitySchemes", name)
            if used and name not in used:
                continue
            try:
                scheme = self.loader.resolve(raw, self.doc, pointer).value
            except SpecError as exc:
                self.warn(f"{exc.message}; security scheme ignored", self.doc, pointer)
                continue
            if isinstance(scheme, dict):
                found.append((str(name), pointer, scheme))
        single_token = sum(_is_token_scheme(scheme) for _, _, scheme in found) == 1
        args = NameRegistry(CLIENT_OPTIONS)
        result: list[AuthSchemeIR] = []
        # The scheme whose token the SDK runs: the first with a client credentials flow, else the first OAuth2 one.
        oauth = [name for name, _, scheme in found if scheme.get("type") in ("oauth2", "openIdConnect")]
        credentials = [name for name, _, scheme in found if _client_credentials_url(scheme)]
        token_scheme = next(iter(credentials or oauth), None)

        def env(arg: str) -> str:
            return api_key_env if arg == "api_key" else f"{env_prefix}_{arg.upper()}"

        for name, pointer, scheme in found:
            kind = scheme.get("type")
            description = as_text(scheme.get("description"))
            if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
                names = (args.claim("username"), args.claim("password"))
                result.append(AuthSchemeIR(name, "basic", "header", "Authorization", names,
                                           (env(names[0]), env(names[1])), description))  # fmt: skip
            elif name == token_scheme:
                result.append(self._oauth(name, scheme, pointer, args, env, used.get(name, ()), description))
            elif _is_token_scheme(scheme) or kind in ("oauth2", "openIdConnect"):
                suffix, fallback = ("key", "api_key") if kind == "apiKey" else ("token", "bearer_token")
                if kind != "apiKey" and kind != "http":
                    fallback = "access_token"
                arg = args.claim("api_key" if single_token and _is_token_scheme(scheme) else
                                 credential_name(name, suffix=suffix, fallback=fallback))  # fmt: skip
                if kind == "apiKey":
                    result.append(AuthSchemeIR(name, "api_key", scheme["in"], scheme["name"], (arg,), (env(arg),),
                                               description))  # fmt: skip
                else:
                    result.append(AuthSchemeIR(name, "bearer", "header", "Authorization", (arg,), (env(arg),),
                                               description))  # fmt: skip
            else:
                self.warn(f"security scheme type {kind!r} is not supported; ignored", self.doc, pointer)
        return tuple(result)

    def _oauth(
        self,
        name: str,
        scheme: dict[str, Any],
        pointer: str,
        args: NameRegistry,
        env: Callable[[str], str],
        scopes: tuple[str, ...],
        description: str,
    ) -> AuthSchemeIR:
        """The first OAuth2 / OpenID Connect scheme: client credentials run by the SDK, or a token."""
        flows = scheme.get("flows") if scheme.get("type") == "oauth2" else None
        flow = flows.get("clientCredentials") if isinstance(flows, dict) else None
        token_url = flow.get("tokenUrl") if isinstance(flow, dict) else None
        if isinstance(flow, dict) and not isinstance(token_url, str):
            self.warn("a clientCredentials flow needs a `tokenUrl`; the client takes an access token instead",
                      self.doc, join_pointer(pointer, "flows", "clientCredentials"))  # fmt: skip
        if isinstance(token_url, str) and token_url:
            names: tuple[str, ...] = (args.claim("client_id"), args.claim("client_secret"))
        else:
            token_url, names = "", (args.claim("access_token"),)
        # The scopes the operations ask for; none asked: no `scope` parameter (the server's default).
        default_scopes = scopes
        return AuthSchemeIR(
            name,
            "oauth2",
            "header",
            "Authorization",
            names,
            tuple(env(n) for n in names),
            description,
            token_url=token_url,
            scopes=default_scopes if token_url else (),
            provider_arg=args.claim("token_provider"),
            scopes_arg=args.claim("scopes") if token_url else "",
            auth_method_arg=args.claim("token_auth_method") if token_url else "",
        )

    def _used_schemes(self) -> dict[str, tuple[str, ...]]:
        """The schemes named by a security requirement, each with the scopes asked for, in order."""
        used: dict[str, list[str]] = {}
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
                for key, scopes in requirement.items():
                    names = used.setdefault(str(key), [])
                    names.extend(str(s) for s in scopes or [] if isinstance(s, str) and str(s) not in names)
        return {name: tuple(scopes) for name, scopes in used.items()}

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
        taken = {*CLIENT_OPTIONS, *(arg for a in auth for arg in (*a.client_args, a.provider_arg, a.scopes_arg,
                                                                   a.auth_method_arg))}  # fmt: skip
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
