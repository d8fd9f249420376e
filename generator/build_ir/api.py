"""The build as a whole: document checks, then schemas, auth, resources, and the package config."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.build_ir.auth import AuthBuilder
from generator.build_ir.context import BuildContext
from generator.build_ir.extensions import RetriesBuilder
from generator.build_ir.resources import ResourceBuilder
from generator.build_ir.schemas import SchemaConverter
from generator.build_ir.waiters import WaiterBuilder
from generator.build_ir.webhooks import WebhookBuilder, webhooks_attribute
from generator.config import GeneratorConfig, as_text, derive_names
from generator.errors import SpecError, SpecWarning
from generator.ir import ApiIR, PackageConfig, map_resources, walk_resources
from generator.loader import SpecLoader


def build_api(loader: SpecLoader, config: GeneratorConfig, warnings: Sequence[SpecWarning] = ()) -> ApiIR:
    """Build the whole IR of the document ``loader`` holds (``warnings``: the loader stage's)."""
    ctx = BuildContext(loader, config)
    ctx.warnings.extend(warnings)
    doc = ctx.doc
    root = doc.root
    if not isinstance(root, dict):
        raise SpecError("an OpenAPI document must be a mapping", doc.locate(""))
    version = as_text(root.get("openapi"))
    if not version:
        hint = (
            "Swagger 2.0 is not supported: convert it to OpenAPI 3 first, for example with "
            "`npx swagger2openapi swagger.yaml -o openapi.yaml` (or the Swagger Editor's converter)"
            if "swagger" in root
            else "add `openapi: 3.1.0`"
        )
        raise SpecError("not an OpenAPI 3 document: no `openapi` version", doc.locate(""), hint)
    if isinstance(root.get("openapi"), (int, float)):
        ctx.warn(f"`openapi: {version}` is a number; write it as a string, e.g. '{version}.0'", doc, "/openapi")
    if not version.startswith("3."):
        raise SpecError(f"unsupported OpenAPI version {version!r}", doc.locate("/openapi"), "use OpenAPI 3.0 or 3.1")
    info = root.get("info")
    if not isinstance(info, dict):
        raise SpecError("missing `info` object", doc.locate(""), "add info.title and info.version")
    title = as_text(info.get("title")) or doc.path.stem
    names = derive_names(title, config)

    converter = SchemaConverter(ctx)
    converter.claim_component_names()
    converter.convert_components()
    auth_builder = AuthBuilder(ctx)
    auth = auth_builder.build_auth(names["env_prefix"], names["api_key_env_var"])
    resources = ResourceBuilder(ctx, auth_builder).build_resources(auth)
    retries = RetriesBuilder(ctx)
    # The passes below read and rewrite every resource's operations: they see the tree flat.
    resources = map_resources(resources, lambda flat: retries.attach(WaiterBuilder(ctx).attach(flat)))
    client_retries = retries.client_default()
    webhooks = WebhookBuilder(ctx).build_webhooks()
    converter.narrow_tags(tuple(walk_resources(resources)), webhooks)
    converter.mark_input_schemas(tuple(walk_resources(resources)))
    servers = auth_builder.server_urls(root.get("servers"), doc, "/servers")
    server_template, server_variables = (
        auth_builder.server_variables(root.get("servers"), auth) if config.base_url is None else ("", ())
    )
    base_url = config.base_url if config.base_url is not None else (servers[0] if servers else "")
    package = PackageConfig(
        package_name=names["package_name"],
        distribution_name=names["distribution_name"],
        client_class=names["client_class"],
        async_client_class=names["async_client_class"],
        version=config.version or pep440(as_text(info.get("version")) or "0.1.0"),
        base_url=base_url,
        base_url_env_var=names["base_url_env_var"],
        log_env_var=names["log_env_var"],
        title=title,
        description=as_text(info.get("description")),
        env_prefix=names["env_prefix"],
    )
    return ApiIR(
        config=package,
        resources=resources,
        schemas=tuple(ctx.schemas.values()),
        auth=auth,
        servers=tuple(servers),
        server_template=server_template,
        server_variables=server_variables,
        webhooks=webhooks,
        webhooks_attr=webhooks_attribute(resources),
        max_retries=client_retries,
        warnings=tuple(str(w) for w in ctx.warnings),
    )


def pep440(version: str) -> str:
    """A spec version like ``v2010-04-01`` or ``1.0.0-beta`` → a valid package version."""
    match = re.match(r"^v?(\d+(?:\.\d+)*)(?:[-.]?(a|b|rc|alpha|beta|dev)\.?(\d*))?$", version.strip(), re.IGNORECASE)
    if not match:
        digits = re.findall(r"\d+", version)
        return ".".join(str(int(d)) for d in digits[:3]) if digits else "0.1.0"
    release, pre, number = match.groups()
    if not pre:
        return release
    pre = {"alpha": "a", "beta": "b"}.get(pre.lower(), pre.lower())
    return f"{release}{'.' if pre == 'dev' else ''}{pre}{number or 0}"
