"""Pages of list endpoints that know how to fetch the pages after them.

Generated code declares one page class per paginated operation by combining the
list-view model with :class:`SyncPage` / :class:`AsyncPage` and a :class:`PageConfig`::

    class SyncJobsPage(JobListView, SyncPage[JobView]):
        _page_config: ClassVar[PageConfig] = PageConfig(
            kind="cursor", items_field="jobs", has_more_field="has_more",
            cursor_param="starting_after", cursor_field="id",
        )

Iterating a page yields the items of every following page, fetched lazily one page
at a time; pages already iterated are not kept.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Generator, Iterator, Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    Literal,
    Self,
    TypeAlias,
    TypeVar,
    cast,
)

import httpx
from pydantic import PrivateAttr

from ._models import BaseModel
from ._request import APICall, RawMode

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncPage", "AsyncPaginator", "PageConfig", "SyncPage"]

ItemT = TypeVar("ItemT")
FieldPath: TypeAlias = str | tuple[str, ...]
"""A field name, or the names leading to a field in nested objects."""
AsyncPageT = TypeVar("AsyncPageT", bound="AsyncPage[Any]")


@dataclasses.dataclass(frozen=True)
class PageConfig:
    """How an endpoint paginates.

    Attributes:
        kind: ``"cursor"`` (a query parameter carries a cursor), ``"offset"``
            (a query parameter carries the number of items to skip), ``"page"``
            (a query parameter carries the page number, counting from 1),
            ``"next_url"`` (the page holds the URL of the next page) or
            ``"link_header"`` (the ``Link`` response header's ``rel="next"`` URL).
        items_field: Page field holding the list of items (a response that is a
            bare JSON array is read into this field).
        has_more_field: Optional boolean page field telling whether more pages exist.
        cursor_param: Query parameter receiving the cursor (``"cursor"`` kind).
        cursor_field: Item field whose value on the last item is the next cursor.
        offset_param: Query parameter receiving the offset (``"offset"`` kind).
        page_param: Query parameter receiving the page number (``"page"`` kind).
        next_field: Page field holding the next page's URL (``"next_url"`` kind) or
            the next cursor token (``"cursor"`` kind without ``cursor_field``); a
            tuple is a path into nested objects, e.g. ``("metadata", "continue")``.
    """

    kind: Literal["cursor", "offset", "next_url", "page", "link_header"]
    items_field: str
    has_more_field: str | None = None
    cursor_param: str | None = None
    cursor_field: str | None = None
    offset_param: str | None = None
    next_field: FieldPath | None = None
    page_param: str | None = None


class _BasePage(BaseModel, Generic[ItemT]):
    """Logic shared by sync and async pages: reading items and the next request."""

    _page_config: ClassVar[PageConfig]
    _call: APICall | None = PrivateAttr(default=None)
    _next_link: str | None = PrivateAttr(default=None)
    # Narrowed to the sync or async client by the subclasses.
    _client: Any = PrivateAttr(default=None)

    @classmethod
    def wrap_json_document(cls, content: bytes) -> bytes:
        """A bare JSON array answer as the page object whose ``items_field`` it fills.

        Done on the bytes, not in a model validator: any ``before``/``wrap`` validator
        makes pydantic validate the rest in Python mode, where strict mode refuses
        the ISO strings of ``date-time`` fields.
        """
        if content.lstrip()[:1] != b"[":
            return content
        return (
            b"{"
            + json.dumps(cls._page_config.items_field).encode()
            + b":"
            + content
            + b"}"
        )

    def _remember_links(self, response: httpx.Response | None) -> None:
        if response is not None and "link" in response.headers:
            self._next_link = response.links.get("next", {}).get("url")

    def page_items(self) -> list[ItemT]:
        """The items of this page only."""
        items = _field(self, self._page_config.items_field)
        return cast("list[ItemT]", items or [])

    def has_next_page(self) -> bool:
        """Whether another page should be requested after this one."""
        config = self._page_config
        if not self.page_items():
            return False
        if config.has_more_field is not None and not _field(
            self, config.has_more_field
        ):
            return False
        if config.kind == "link_header":
            return bool(self._next_link)
        if config.next_field is not None and config.cursor_field is None:
            return bool(_field(self, config.next_field))
        return True

    def next_page_request(self) -> APICall | None:
        """The call fetching the next page, or ``None`` on the last page (internal)."""
        if self._call is None:
            raise RuntimeError(
                "This page is not bound to a client; only pages returned by the "
                "API can fetch the next page."
            )
        if not self.has_next_page():
            return None
        config = self._page_config
        query = dict(self._call.query)
        if config.kind in ("next_url", "link_header"):
            return self._next_url_request(query)
        if config.kind == "page":
            param = _required(config.page_param, "page_param")
            query[param] = int(str(query.get(param) or 1)) + 1
        elif config.kind == "offset":
            param = _required(config.offset_param, "offset_param")
            start = int(str(query.get(param) or 0))
            query[param] = start + len(self.page_items())
        else:
            query[_required(config.cursor_param, "cursor_param")] = self._next_cursor()
        return self._call.for_next_page(query=query)

    def _next_cursor(self) -> object:
        config = self._page_config
        if config.cursor_field is not None:
            return _field(self.page_items()[-1], config.cursor_field)
        return _field(
            self, _required_path(config.next_field, "cursor_field or next_field")
        )

    def _next_url_request(self, query: dict[str, object]) -> APICall:
        assert self._call is not None
        if self._page_config.kind == "link_header":
            url = httpx.URL(_required(self._next_link, "a Link header"))
        else:
            path = _required_path(self._page_config.next_field, "next_field")
            url = httpx.URL(str(_field(self, path)))
        base_url: httpx.URL = self._client.base_url
        # Credentials are sent with the next request: never to another origin.
        if url.is_absolute_url and (url.scheme, url.netloc) != (
            base_url.scheme,
            base_url.netloc,
        ):
            raise ValueError(
                f"Refusing to follow a next-page URL on another origin: {url.scheme}://"
                f"{url.host}"
            )
        # Parameters in the next URL replace the original ones of the same name.
        for name in url.params:
            values = url.params.get_list(name)
            query[name] = values[0] if len(values) == 1 else values
        next_path = str(url.copy_with(query=None))
        return self._call.for_next_page(path=next_path, query=query)


class SyncPage(_BasePage[ItemT], Generic[ItemT]):
    """A page of a synchronous list endpoint; ``for item in page`` walks all pages."""

    _client: SyncAPIClient | None = PrivateAttr(default=None)

    def _bind(
        self,
        client: SyncAPIClient,
        call: APICall,
        response: httpx.Response | None = None,
    ) -> Self:
        self._client = client
        self._call = call
        self._remember_links(response)
        return self

    def get_next_page(self) -> Self:
        """Fetch the page after this one.

        Raises:
            RuntimeError: this is the last page (check :meth:`has_next_page`).
        """
        call = self.next_page_request()
        if call is None or self._client is None:
            raise RuntimeError("No next page; check `has_next_page()` first.")
        request = self._client._request_call  # pyright: ignore[reportPrivateUsage]
        page: Self = request(call, type(self))
        return page

    def iter_pages(self) -> Iterator[Self]:
        """Yield this page, then each following page, fetched when needed."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    # Pydantic's __iter__ yields (field, value) pairs; pages yield their items.
    def __iter__(self) -> Iterator[ItemT]:  # type: ignore[override]
        for page in self.iter_pages():
            yield from page.page_items()


class AsyncPage(_BasePage[ItemT], Generic[ItemT]):
    """A page of an async list endpoint; ``async for item in page`` walks all pages."""

    _client: AsyncAPIClient | None = PrivateAttr(default=None)

    def _bind(
        self,
        client: AsyncAPIClient,
        call: APICall,
        response: httpx.Response | None = None,
    ) -> Self:
        self._client = client
        self._call = call
        self._remember_links(response)
        return self

    async def get_next_page(self) -> Self:
        """Fetch the page after this one.

        Raises:
            RuntimeError: this is the last page (check :meth:`has_next_page`).
        """
        call = self.next_page_request()
        if call is None or self._client is None:
            raise RuntimeError("No next page; check `has_next_page()` first.")
        request = self._client._request_call  # pyright: ignore[reportPrivateUsage]
        page: Self = await request(call, type(self))
        return page

    async def iter_pages(self) -> AsyncIterator[Self]:
        """Yield this page, then each following page, fetched when needed."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.page_items():
                yield item


class AsyncPaginator(Generic[ItemT, AsyncPageT]):
    """What an async list method returns.

    ``await client.things.list()`` gives the first page;
    ``async for thing in client.things.list()`` yields every item of every page.
    """

    def __init__(
        self,
        client: AsyncAPIClient,
        call: APICall,
        page_cls: type[AsyncPageT],
        *,
        raw_mode: RawMode | None = None,
    ) -> None:
        self._client = client
        self._call = call
        self._page_cls = page_cls
        # Set when wrapped by with_raw_response / with_streaming_response.
        self._raw_mode: RawMode | None = raw_mode

    def __await__(self) -> Generator[Any, None, AsyncPageT]:
        return self._first_page().__await__()

    async def _first_page(self) -> AsyncPageT:
        request = self._client._request_call  # pyright: ignore[reportPrivateUsage]
        page: AsyncPageT = await request(self._call, self._page_cls, self._raw_mode)
        return page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first_page()
        async for item in page:
            yield cast("ItemT", item)


def _field(obj: object, name: FieldPath) -> object:
    """Read ``name`` from a model (attribute, wire alias or extra field) or a dict.

    A tuple of names reads nested objects; a missing step gives ``None``.
    """
    if isinstance(name, tuple):
        for step in name:
            if obj is None:
                return None
            obj = _field(obj, step)
        return obj
    if isinstance(obj, Mapping):
        return cast("Mapping[str, object]", obj).get(name)
    if isinstance(obj, BaseModel):
        fields = type(obj).model_fields
        if name not in fields:
            for attribute, info in fields.items():
                if info.alias == name:
                    return getattr(obj, attribute)
            return (obj.model_extra or {}).get(name)
    return getattr(obj, name, None)


def _required_path(value: FieldPath | None, what: str) -> FieldPath:
    if value is None:
        raise TypeError(f"PageConfig is missing `{what}`")
    return value


def _required(value: str | None, what: str) -> str:
    if value is None:
        raise TypeError(f"PageConfig is missing `{what}`")
    return value
