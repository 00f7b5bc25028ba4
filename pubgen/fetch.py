"""One HTTP GET at a time, with timeouts, retries, the server's waits and content checks.

The only module that imports requests; only ``pubgen sync`` imports it, so ``pubgen build``
never loads requests. Every failure is a one-line PubgenError.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from pubgen import __version__
from pubgen.errors import PubgenError
from pubgen.parse import parse_bib
from pubgen.sources import MAX_BIB_BYTES

USER_AGENT = f"pubgen/{__version__}"
# What servers call BibTeX: Zotero's translators, dblp, raw file hosts. A missing
# Content-Type is let through to the parse check; anything else (HTML, JSON) is refused.
BIBTEX_TYPES = frozenset(
    "application/x-bibtex text/x-bibtex application/x-biblatex text/x-biblatex "
    "text/plain application/octet-stream".split()
)
_CHUNK = 64 * 1024
# Our own waits between attempts are capped by --max-wait; a server's are refused beyond it.
_OWN_BACKOFF = "backoff after a failure"


@dataclass(frozen=True)
class Policy:
    timeout: float = 30.0  # seconds to connect, and to wait for each read
    deadline: float = 600.0  # seconds for the whole sync, waits included
    retries: int = 5  # further attempts after a 429, a 5xx or a failed connection
    max_wait: float = 300.0  # the longest single wait a server may ask for


@dataclass(frozen=True)
class Reply:
    url: str
    status: int
    headers: Mapping[str, str]  # names in lower case
    links: Mapping[str, str]  # Link header: rel -> absolute URL
    text: str  # "" for 304

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "").strip()


class StatusError(PubgenError):
    """The server answered with an error status that retrying cannot mend."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def shown(url: str) -> str:
    """``url`` for messages: without user:password and query, where secrets may sit."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2], query=""))


def seconds(value: str) -> float | None:
    """Retry-After or Backoff as seconds to wait: delta-seconds or an HTTP date."""
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        number = (when - datetime.now(timezone.utc)).total_seconds()
    return max(number, 0.0) if not math.isnan(number) else None


def bibtex_entries(text: str, label: str) -> int:
    """How many entries ``text`` holds; PubgenError unless every block parses."""
    if text.lstrip().startswith("<"):
        raise PubgenError(f"{label} looks like HTML or XML, not BibTeX")
    publications, diagnostics = parse_bib(text, label)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise PubgenError(f"{errors[0]}{more}")  # "page 2:14: [key] entry could not be ..."
    return len(publications)


class Client:
    """Sends GETs one after another, never sooner than the last server asked."""

    def __init__(
        self,
        policy: Policy,
        *,
        follow_redirects: bool,
        sleep: Callable[[float], None] = time.sleep,
        notify: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.policy = policy
        self._follow = follow_redirects
        self._sleep = sleep
        self._notify = notify
        self._deadline = time.monotonic() + policy.deadline
        self._wait = 0.0  # seconds to wait before the next request, and why
        self._why = ""
        self._session = requests.Session()
        self._session.max_redirects = 5

    def close(self) -> None:
        self._session.close()

    def ask_wait(self, wait: float, why: str) -> None:
        if wait > self._wait:
            self._wait, self._why = wait, why

    def _wait_as_asked(self) -> None:
        wait, why = self._wait, self._why
        self._wait, self._why = 0.0, ""
        if wait <= 0:
            return
        if why != _OWN_BACKOFF and wait > self.policy.max_wait:
            raise PubgenError(
                f"the server asked to wait {wait:g} s ({why}), more than the "
                f"{self.policy.max_wait:g} s allowed (--max-wait); try again later"
            )
        if time.monotonic() + wait > self._deadline:
            raise PubgenError(
                f"waiting {wait:g} s ({why}) would pass the {self.policy.deadline:g} s deadline"
            )
        self._notify(f"waiting {wait:g} s ({why})")
        self._sleep(wait)

    def get(self, url: str, headers: Mapping[str, str]) -> Reply:
        for attempt in range(self.policy.retries + 1):
            self._wait_as_asked()
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise PubgenError(f"the {self.policy.deadline:g} s deadline passed")
            timeout = min(self.policy.timeout, left)
            try:
                response = self._session.get(
                    url,
                    headers={"User-Agent": USER_AGENT, **headers},
                    timeout=(timeout, timeout),
                    stream=True,
                    allow_redirects=self._follow,
                )
            except requests.ConnectionError as exc:  # includes a connect timeout
                failure = f"cannot connect to {shown(url)} ({type(exc).__name__})"
            except requests.Timeout:
                raise PubgenError(f"{shown(url)}: no response within {timeout:g} s") from None
            except requests.RequestException as exc:
                raise PubgenError(f"{shown(url)}: {type(exc).__name__}") from None
            else:
                with response:
                    reply = self._reply(response)
                if reply is not None:
                    return reply
                failure = f"{shown(url)}: HTTP {response.status_code} {response.reason}"
            self.ask_wait(min(2.0**attempt, self.policy.max_wait), _OWN_BACKOFF)
        raise PubgenError(f"{failure}, {self.policy.retries + 1} attempts")

    def _reply(self, response: requests.Response) -> Reply | None:
        """The reply to return, or None to try again."""
        status, url = response.status_code, shown(response.url)
        headers = {name.lower(): value for name, value in response.headers.items()}
        for name in ("Backoff", "Retry-After"):
            wait = seconds(headers.get(name.lower(), ""))
            if wait is not None:
                self.ask_wait(wait, name)
        if status == 429 or status >= 500:
            return None
        if status != 304 and 300 <= status < 400:
            target = response.headers.get("Location", "")
            raise PubgenError(f"{url}: HTTP {status} redirect to {shown(target)}, not followed")
        if status not in (200, 304):
            raise StatusError(f"{url}: HTTP {status} {response.reason}", status)
        links = {}
        for link in requests.utils.parse_header_links(headers.get("link", "")):
            for rel in link.get("rel", "").split():
                links[rel] = urljoin(response.url, link.get("url", ""))
        text = self._text(response, headers) if status == 200 else ""
        return Reply(response.url, status, headers, links, text)

    def _text(self, response: requests.Response, headers: Mapping[str, str]) -> str:
        url = shown(response.url)
        media, _, params = headers.get("content-type", "").partition(";")
        media = media.strip().lower()
        if media and media not in BIBTEX_TYPES:
            raise PubgenError(f"{url}: the server sent {media}, not BibTeX")
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > MAX_BIB_BYTES:
                    raise PubgenError(f"{url}: more than {MAX_BIB_BYTES} bytes")
                if time.monotonic() > self._deadline:
                    raise PubgenError(f"the {self.policy.deadline:g} s deadline passed")
        except requests.RequestException as exc:
            raise PubgenError(f"{url}: the body was cut short ({type(exc).__name__})") from None
        length = headers.get("content-length", "")
        if "content-encoding" not in headers and length.isdigit() and int(length) != len(body):
            raise PubgenError(f"{url}: the body was cut short: {len(body)} of {length} bytes")
        charset = "utf-8"
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip('"') or charset
        try:
            text = bytes(body).decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise PubgenError(f"{url}: the body is not {charset} text") from None
        if "\x00" in text:
            raise PubgenError(f"{url}: the body holds NUL bytes, not BibTeX text")
        return text.removeprefix("\ufeff")
