"""Top-level ``webhooks`` (OpenAPI 3.1): one payload type per webhook, and how to recognise a delivery."""

from __future__ import annotations

from typing import Any

from generator.build_ir.common import HTTP_METHODS, description_of
from generator.build_ir.context import Stage
from generator.config import as_text
from generator.errors import SpecError
from generator.ir import ResourceIR, WebhookIR
from generator.loader import SpecDocument, join_pointer
from generator.naming import pascal_case

_JSON_SUFFIXES = ("/json", "+json")


class WebhookBuilder(Stage):
    """Builds the webhooks of the document."""

    def build_webhooks(self) -> tuple[WebhookIR, ...]:
        webhooks = self.doc.root.get("webhooks")
        if webhooks is None:
            return ()
        if not isinstance(webhooks, dict):
            self.warn("`webhooks` must be a mapping; ignored", self.doc, "/webhooks")
            return ()
        result: list[WebhookIR] = []
        for name, raw in webhooks.items():
            pointer = join_pointer("/webhooks", name)
            try:
                resolved = self.loader.resolve(raw, self.doc, pointer)
            except SpecError as exc:
                self.warn(f"{exc.message}; webhook skipped", self.doc, pointer)
                continue
            item, document, item_pointer = resolved.value, resolved.document, resolved.pointer
            if not isinstance(item, dict):
                self.warn("a webhook must be a path item; skipped", document, item_pointer)
                continue
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                # The operation may be a $ref too, resolved against the file that holds the path item.
                op = self.resolve(item[method], document, join_pointer(item_pointer, method), "webhook skipped")
                if op is not None and isinstance(op.value, dict):
                    webhook = self._webhook(str(name), method, op.value, op.document, op.pointer)
                    if webhook is not None:
                        result.append(webhook)
        return tuple(result)

    def _webhook(
        self, name: str, method: str, operation: dict[str, Any], document: SpecDocument, pointer: str
    ) -> WebhookIR | None:
        body_pointer = join_pointer(pointer, "requestBody")
        try:
            resolved = self.loader.resolve(operation.get("requestBody"), document, body_pointer)
        except SpecError as exc:
            self.warn(f"{exc.message}; webhook skipped", document, body_pointer)
            return None
        body, body_doc, body_pointer = resolved.value, resolved.document, resolved.pointer
        content = body.get("content") if isinstance(body, dict) else None
        media_type = next(
            (str(ct) for ct in content or {} if str(ct).lower().split(";")[0].endswith(_JSON_SUFFIXES)), None
        )
        if not isinstance(content, dict) or media_type is None:
            self.warn("webhook has no JSON request body; no payload type generated", document, pointer)
            return None
        media = content[media_type] if isinstance(content[media_type], dict) else {}
        hint = pascal_case(as_text(operation.get("operationId")) or name, fallback="Webhook") + "Payload"
        payload = self.convert(
            media.get("schema", {}), body_doc, join_pointer(body_pointer, "content", media_type, "schema"), hint
        )
        return WebhookIR(
            name=name,
            http_method=method,
            payload=payload,
            headers=self._fixed_headers(operation, document, pointer),
            description=as_text(operation.get("summary")) or as_text(body.get("description")) or description_of(media),
            source=pointer,
        )

    def _fixed_headers(
        self, operation: dict[str, Any], document: SpecDocument, pointer: str
    ) -> tuple[tuple[str, str], ...]:
        """Header parameters with one possible value (``const`` or a one-value ``enum``): they name the event."""
        fixed: list[tuple[str, str]] = []
        for index, raw in enumerate(operation.get("parameters") or []):
            try:
                param = self.loader.resolve(raw, document, join_pointer(pointer, "parameters", index)).value
            except SpecError:
                continue
            if not isinstance(param, dict) or param.get("in") != "header" or not isinstance(param.get("name"), str):
                continue
            schema = param.get("schema")
            if not isinstance(schema, dict):
                continue
            values = [schema["const"]] if "const" in schema else schema.get("enum")
            if isinstance(values, list) and len(values) == 1 and isinstance(values[0], (str, int)):
                fixed.append((param["name"], str(values[0])))
        return tuple(fixed)


def webhooks_attribute(resources: tuple[ResourceIR, ...]) -> str:
    """``webhooks``, unless a resource already has that client attribute."""
    taken = {r.attr_name for r in resources}
    name = "webhooks"
    while name in taken:
        name = "webhook_events" if name == "webhooks" else name + "_"
    return name
