"""A small Zotero-like Web API on 127.0.0.1 for the sync tests, with faults to order.

It serves libraries as BibTeX page by page the way api.zotero.org does (``limit``/``start``,
``Link``, ``Total-Results``, ``Last-Modified-Version``, 304 for ``If-Modified-Since-Version``,
403 without the key of a private library) and plain .bib files with an ETag. Each request
takes the next fault from ``faults`` (none left: a normal answer). Every request is
recorded with its path, query, headers and arrival time, and how many ran at once.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qsl, urlencode, urlsplit

FAULTS = frozenset(
    "429 503 500 backoff edit reset drop truncate html garbage slow no-link more-total "
    "foreign-next redirect".split()
)
BIBTEX = "application/x-bibtex"


def entries(count: int, prefix: str = "paper") -> list[str]:
    """``count`` distinct BibTeX entries, each ending in a blank line as Zotero writes them."""
    return [
        f"@article{{{prefix}{n:03d},\n\ttitle = {{Paper {n} on {{Federated}} Learning}},\n"
        f"\tauthor = {{Müller, Jörg and Tang, Zhenheng}},\n\tjournal = {{Journal {n % 7}}},\n"
        f"\tyear = {{{2000 + n % 25}}},\n}}\n\n"
        for n in range(1, count + 1)
    ]


@dataclass(frozen=True)
class Recorded:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    arrived: float  # time.monotonic() when the request line was read


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class ZoteroServer:
    def __init__(
        self,
        libraries: dict[str, list[str]],
        files: dict[str, str] | None = None,
        key: str = "",
        version: int = 40,
    ) -> None:
        self.libraries = libraries  # "/users/1/items" -> its entries, in order
        self.files = files or {}  # "/me.bib" -> BibTeX served with an ETag
        self.key = key  # set: a private library, 403 without this Zotero-API-Key
        self.version = version
        self.faults: list[str] = []
        self.retry_after = "7"
        self.backoff = "5"
        self.slow_seconds = 3.0
        self.requests: list[Recorded] = []
        self.most_at_once = 0
        self._running = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.zotero = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        # This same server by another name: where a key must never be sent.
        self.elsewhere = f"http://localhost:{self._httpd.server_address[1]}"
        # A short poll interval: shutdown() waits for it at the end of every test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> ZoteroServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def starts(self) -> list[str]:
        return [r.query.get("start", "") for r in self.requests]

    def _arrive(self, handler: BaseHTTPRequestHandler) -> tuple[Recorded, str]:
        parts = urlsplit(handler.path)
        record = Recorded(
            parts.path, dict(parse_qsl(parts.query)), dict(handler.headers), time.monotonic()
        )
        with self._lock:
            self.requests.append(record)
            self._running += 1
            self.most_at_once = max(self.most_at_once, self._running)
            fault = self.faults.pop(0) if self.faults else ""
            if fault == "edit":
                self.version += 1
        assert fault in FAULTS | {""}, fault
        return record, fault

    def _leave(self) -> None:
        with self._lock:
            self._running -= 1

    def answer(self, request: Recorded, fault: str) -> Answer:
        if fault == "slow":
            self._stop.wait(self.slow_seconds)
        if fault in ("429", "503"):
            return Answer(int(fault), b"Too busy\n", {"Retry-After": self.retry_after})
        if fault == "500":
            return Answer(500, b"An error occurred\n")
        if fault == "redirect":
            return Answer(301, b"", {"Location": f"{self.elsewhere}{request.path}"})
        if request.path in self.files:
            return self._file(request)
        if request.path not in self.libraries:
            return Answer(404, b"Not found\n")
        if self.key and request.headers.get("Zotero-API-Key") != self.key:
            return Answer(403, b"Forbidden\n")
        if request.query.get("format") not in ("bibtex", "biblatex"):
            return Answer(400, b"Invalid format\n")
        version = {"Last-Modified-Version": str(self.version)}
        since = request.headers.get("If-Modified-Since-Version", "")
        if since.isdigit() and int(since) >= self.version:
            return Answer(304, b"", version)
        return self._page(request, fault, version)

    def _page(self, request: Recorded, fault: str, headers: dict[str, str]) -> Answer:
        library = self.libraries[request.path]
        start = int(request.query.get("start", "0"))
        limit = min(int(request.query.get("limit", "25")), 100)
        body = "".join(library[start : start + limit]).encode()
        total = len(library) + (1 if fault == "more-total" else 0)
        headers.update({"Content-Type": BIBTEX, "Total-Results": str(total)})
        links = [f'<https://www.zotero.org{request.path}>; rel="alternate"']
        if start + limit < len(library):
            query = urlencode({**request.query, "start": str(start + limit)})
            origin = self.elsewhere if fault == "foreign-next" else self.url
            links.insert(0, f'<{origin}{request.path}?{query}>; rel="next"')
        if fault != "no-link":
            headers["Link"] = ", ".join(links)
        if fault == "backoff":
            headers["Backoff"] = self.backoff
        if fault == "html":
            headers["Content-Type"] = "text/html; charset=utf-8"
            body = b"<!DOCTYPE html><html><body>Zotero is down</body></html>"
        if fault == "garbage":
            body = body[: len(body) // 2 + 20]  # a whole response that stops mid-entry
        return Answer(200, body, headers)

    def _file(self, request: Recorded) -> Answer:
        body = self.files[request.path].encode()
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if request.headers.get("If-None-Match") == etag:
            return Answer(304, b"", {"ETag": etag})
        return Answer(200, body, {"Content-Type": "text/x-bibtex; charset=utf-8", "ETag": etag})


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        zotero: ZoteroServer = self.server.zotero  # type: ignore[attr-defined]
        request, fault = zotero._arrive(self)
        try:
            data = b"" if fault == "reset" else self._response(zotero.answer(request, fault), fault)
        finally:
            # Done before the last bytes go out: a client that waits for the whole answer
            # before its next request is never counted as two requests at once.
            zotero._leave()
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up on this answer (a timeout)
        if fault in ("reset", "drop"):
            # SO_LINGER 0: close() sends a TCP reset, as a dropped connection looks to a client.
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        self.close_connection = True

    def _response(self, answer: Answer, fault: str) -> bytes:
        """Status line, headers and body in one piece of bytes."""
        body = answer.body
        length = len(body) + (100 if fault == "truncate" else 0)  # promise more than is sent
        if fault == "drop":
            body = body[: len(body) // 2]  # then the connection is torn down
        lines = [f"HTTP/1.0 {answer.status} {HTTPStatus(answer.status).phrase}"]
        lines += [f"{name}: {value}" for name, value in answer.headers.items()]
        lines += [f"Content-Length: {length}", "", ""]
        return "\r\n".join(lines).encode("latin-1") + body

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output clean
