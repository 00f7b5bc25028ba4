"""A Zotero library as BibTeX through the Web API v3, page by page, all of one version.

Pages are ``limit=100`` long; the next one is the Link header's rel="next" (or, from a
server that sends no Link header, the same URL with ``start`` moved on). Every page must
carry the same ``Last-Modified-Version``: when it changes, the library was edited during
the sync and the whole library is fetched again. The entries that arrived must number
``Total-Results``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pubgen.errors import PubgenError
from pubgen.fetch import Client, Reply, StatusError, bibtex_entries, shown

PAGE_LIMIT = 100
PASSES = 3  # fetches of the whole library before giving up on one that keeps changing
# The export translators skip notes, attachments and annotations, but Total-Results counts
# every item a query matches: leave them out of the query so the two numbers agree.
NOT_EXPORTED = "-attachment || note || annotation"
_NUMBER = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class Library:
    owner: str  # "users" or "groups"
    owner_id: str
    api_url: str
    collection: str = ""
    publications: bool = False
    fmt: str = "bibtex"

    def items_url(self) -> str:
        prefix = f"{self.api_url.rstrip('/')}/{self.owner}/{self.owner_id}"
        if self.collection:
            prefix += f"/collections/{self.collection}"
        elif self.publications:
            prefix += "/publications"
        query = {
            "format": self.fmt,
            "limit": str(PAGE_LIMIT),
            "start": "0",
            # Oldest first: a new item lands at the end of refs.bib, a small diff.
            "sort": "dateAdded",
            "direction": "asc",
            "itemType": NOT_EXPORTED,
        }
        return f"{prefix}/items?{urlencode(query)}"


@dataclass(frozen=True)
class Download:
    text: str
    entries: int
    version: int


@dataclass(frozen=True)
class _Edited:
    old: int
    new: int


def download(
    library: Library,
    client: Client,
    key: str,
    since: int | None,
    progress: Callable[[str], None],
) -> Download | None:
    """The whole library, or None when it has not changed since version ``since``."""
    headers = {"Zotero-API-Version": "3"}
    if key:
        headers["Zotero-API-Key"] = key
    for _ in range(PASSES):
        result = _one_pass(library.items_url(), client, headers, since, progress)
        if not isinstance(result, _Edited):
            return result
        progress(f"library edited during the sync (version {result.old} -> {result.new})")
        since = None  # it has changed, so a 304 cannot come
    raise PubgenError(f"the library was edited during each of {PASSES} attempts; try again later")


def _one_pass(
    first: str,
    client: Client,
    headers: dict[str, str],
    since: int | None,
    progress: Callable[[str], None],
) -> Download | _Edited | None:
    pages: list[str] = []
    count = 0
    version = total = -1
    url: str | None = first
    while url is not None:
        number = len(pages) + 1
        conditional = (
            {"If-Modified-Since-Version": str(since)} if since is not None and number == 1 else {}
        )
        reply = _get(client, url, {**headers, **conditional}, number)
        if reply.status == 304:
            if conditional:
                return None
            raise PubgenError(
                f"page {number}: 304 Not Modified to a request that was not conditional"
            )
        page_version = _header_number(reply, "Last-Modified-Version", number)
        page_total = _header_number(reply, "Total-Results", number)
        if number == 1:
            version, total = page_version, page_total
        elif page_version != version:
            return _Edited(version, page_version)
        elif page_total != total:
            raise PubgenError(
                f"page {number}: Total-Results changed from {total} to {page_total}"
                f" within library version {version}"
            )
        entries = bibtex_entries(reply.text, f"page {number}")
        count += entries
        pages.append(reply.text)
        if count > total:
            raise PubgenError(f"{count} entries arrived, more than Total-Results {total}")
        if count < total and entries == 0:
            raise PubgenError(f"page {number} is empty, but {total - count} entries are missing")
        expected = number + (math.ceil((total - count) / entries) if count < total else 0)
        if expected > 1:
            progress(f"page {number}/{expected}")
        url = _next_url(reply, first, count) if count < total else None
    if count != total:
        raise PubgenError(f"{count} of {total} entries (Total-Results) arrived")
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    return Download(text + "\n" if text else "", count, version)


def _get(client: Client, url: str, headers: dict[str, str], number: int) -> Reply:
    try:
        return client.get(url, headers)
    except StatusError as exc:
        hint = {
            403: "set ZOTERO_API_KEY to an API key that can read this library"
            if "Zotero-API-Key" not in headers
            else "the API key cannot read this library",
            404: "no such user, group or collection",
        }.get(exc.status, "")
        raise PubgenError(f"page {number}: {exc}" + (f": {hint}" if hint else "")) from None
    except PubgenError as exc:
        raise PubgenError(f"page {number}: {exc}") from None


def _header_number(reply: Reply, name: str, number: int) -> int:
    value = reply.header(name)
    if not _NUMBER.fullmatch(value):
        found = f"{value[:40]!r}" if value else "none"
        raise PubgenError(f"page {number}: no {name} header with a number (found {found})")
    return int(value)


def _next_url(reply: Reply, first: str, count: int) -> str | None:
    following = reply.links.get("next")
    if following is None:
        if reply.header("Link"):
            return None  # the last page, by the server's word
        parts = urlsplit(first)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "start"]
        return urlunsplit(parts._replace(query=urlencode([*query, ("start", str(count))])))
    # The key goes with every request: never let a link carry it to another server.
    if urlsplit(following)[:2] != urlsplit(first)[:2]:
        raise PubgenError(f"the next page is on another server ({shown(following)}), not followed")
    return following
