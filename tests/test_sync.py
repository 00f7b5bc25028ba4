"""pubgen sync against a real HTTP server on 127.0.0.1 (tests/zotero_server.py).

Waits are recorded through main(sleep=...) as (requests the server had seen, seconds), so
a test knows which answer each wait followed without sleeping for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from pubgen.cli import main
from pubgen.parse import parse_bib
from tests.conftest import REPO
from tests.zotero_server import ZoteroServer, entries

KEY = "k3yK3yS3cr3tZ0t3r0Abc123"
USER = "475425"
ORIGINAL = b"@misc{kept,\n  title = {The refs.bib from before the sync},\n}\n"
LIBRARY = entries(250)
QUERY = "format=bibtex&limit=100&start=0&sort=dateAdded&direction=asc&itemType=-attachment+%7C%7C+note+%7C%7C+annotation"
ITEMS = f"/users/{USER}/items"
Waits = list[tuple[int, float]]


def joined(library: list[str]) -> str:
    return "\n\n".join(entry.strip() for entry in library) + "\n"


@pytest.fixture
def server() -> Iterator[ZoteroServer]:
    libraries = {
        ITEMS: LIBRARY,
        "/groups/9/items": entries(3, "group"),
        f"/users/{USER}/collections/ABCD2345/items": LIBRARY[::50],
        f"/users/{USER}/publications/items": entries(2, "mine"),
    }
    files = {"/me.bib": joined(entries(4, "dblp")), "/empty.bib": "% nothing here\n"}
    with ZoteroServer(libraries, files, key=KEY) as running:
        yield running


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "refs.bib").write_bytes(ORIGINAL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZOTERO_API_KEY", KEY)
    return tmp_path


def sync(server: ZoteroServer, waits: Waits, *args: str) -> int:
    def sleep(seconds: float) -> None:
        waits.append((len(server.requests), seconds))

    head = ["sync", "zotero", "--api-url", server.url, "--timeout", "2", "--deadline", "30"]
    if not {"--user", "--group"} & set(args):
        head += ["--user", USER]
    return main([*head, *args], sleep=sleep)


def output(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """stdout and stderr, once checked that neither, nor any file, shows the key."""
    out, err = capsys.readouterr()
    assert KEY not in out + err
    assert all(KEY not in p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
    return out, err


@pytest.mark.parametrize(
    ("args", "path", "library", "fmt"),
    [
        ([], ITEMS, LIBRARY, "bibtex"),
        (["--format", "biblatex"], ITEMS, LIBRARY, "biblatex"),
        (["--group", "9"], "/groups/9/items", entries(3, "group"), "bibtex"),
        (
            ["--collection", "ABCD2345"],
            f"/users/{USER}/collections/ABCD2345/items",
            LIBRARY[::50],
            "bibtex",
        ),
        (["--publications"], f"/users/{USER}/publications/items", entries(2, "mine"), "bibtex"),
    ],
    ids=["user", "biblatex", "group", "collection", "publications"],
)
def test_a_sync_writes_exactly_the_library(
    server: ZoteroServer,
    site: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    path: str,
    library: list[str],
    fmt: str,
) -> None:
    waits: Waits = []
    assert sync(server, waits, *args) == 1
    text = (site / "refs.bib").read_text(encoding="utf-8")
    assert text == joined(library)
    publications, problems = parse_bib(text, "refs.bib")
    assert (len(publications), problems) == (len(library), [])
    pages = (len(library) + 99) // 100
    assert [r.path for r in server.requests] == [path] * pages
    assert server.starts() == [str(start) for start in range(0, len(library), 100)]
    for request in server.requests:
        assert request.query["format"] == fmt
        assert request.query["limit"] == "100"
        assert request.headers["Zotero-API-Key"] == KEY
        assert request.headers["Zotero-API-Version"] == "3"
        assert "If-Modified-Since-Version" not in request.headers
    assert (server.most_at_once, waits) == (1, [])
    state = json.loads((site / "refs.bib.pubgen-sync.json").read_text())
    assert state == {
        "etag": None,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "source": f"{server.url}{path}?{QUERY.replace('bibtex', fmt)}",
        "version": 40,
    }
    assert output(site, capsys) == (
        "",
        f"synced refs.bib: {len(library)} entries, Zotero library version 40\n",
    )


def test_a_server_without_link_headers_is_paged_by_start(server: ZoteroServer, site: Path) -> None:
    server.faults = ["no-link"] * 3
    assert sync(server, []) == 1
    assert server.starts() == ["0", "100", "200"]
    assert (site / "refs.bib").read_text(encoding="utf-8") == joined(LIBRARY)


def test_up_to_date_is_asked_with_the_stored_version_and_writes_nothing(
    server: ZoteroServer, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs, state = site / "refs.bib", site / "refs.bib.pubgen-sync.json"
    assert sync(server, []) == 1
    stamps = (refs.stat().st_mtime_ns, state.stat().st_mtime_ns)
    capsys.readouterr()

    assert sync(server, []) == 0  # 304
    assert server.requests[-1].headers["If-Modified-Since-Version"] == "40"
    assert (refs.stat().st_mtime_ns, state.stat().st_mtime_ns) == stamps
    assert (
        capsys.readouterr().err
        == "refs.bib is up to date: Zotero library version 40 not modified\n"
    )

    server.version = 41  # edited, but nothing that changes the BibTeX
    assert sync(server, []) == 0
    assert refs.stat().st_mtime_ns == stamps[0]
    assert json.loads(state.read_text())["version"] == 41
    assert (
        capsys.readouterr().err
        == "refs.bib is up to date: 250 entries, Zotero library version 41\n"
    )

    server.libraries[ITEMS] = [*LIBRARY, *entries(1, "new")]
    server.version = 42
    before = len(server.requests)
    assert sync(server, []) == 1
    asked = [r.headers.get("If-Modified-Since-Version") for r in server.requests[before:]]
    assert asked == ["41", None, None]  # only the first page is conditional
    assert refs.read_text(encoding="utf-8") == joined(server.libraries[ITEMS])


def test_a_hand_edited_refs_bib_is_fetched_again(server: ZoteroServer, site: Path) -> None:
    assert sync(server, []) == 1
    (site / "refs.bib").write_bytes(ORIGINAL)
    assert sync(server, []) == 1
    assert "If-Modified-Since-Version" not in server.requests[-3].headers
    assert (site / "refs.bib").read_text(encoding="utf-8") == joined(LIBRARY)


def test_an_unreadable_state_file_means_fetching_everything(
    server: ZoteroServer, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sync(server, []) == 1
    (site / "refs.bib.pubgen-sync.json").write_text('{"version": 40}')
    assert sync(server, []) == 0  # the same library: refs.bib stays, the state is mended
    assert server.starts() == ["0", "100", "200"] * 2
    assert "If-Modified-Since-Version" not in server.requests[3].headers
    assert capsys.readouterr().err.splitlines()[1:] == [
        "warning: refs.bib.pubgen-sync.json: unreadable, ignored; fetching everything",
        "refs.bib is up to date: 250 entries, Zotero library version 40",
    ]
    assert json.loads((site / "refs.bib.pubgen-sync.json").read_text())["version"] == 40


def test_a_library_edited_mid_sync_is_fetched_again(server: ZoteroServer, site: Path) -> None:
    server.faults = ["", "edit"]  # the version changes between pages 1 and 2
    assert sync(server, []) == 1
    assert server.starts() == ["0", "100", "0", "100", "200"]
    assert json.loads((site / "refs.bib.pubgen-sync.json").read_text())["version"] == 41
    assert (site / "refs.bib").read_text(encoding="utf-8") == joined(LIBRARY)


@pytest.mark.parametrize(
    ("faults", "retry_after", "waits"),
    [
        (["429"], "7", [(1, 7.0)]),
        (["503"], "7", [(1, 7.0)]),
        (["", "backoff"], "", [(2, 5.0)]),  # Backoff on a 200: the next page waits
        (["", "", "backoff"], "", []),  # Backoff on the last page: no request follows
        (["500", "500"], "", [(1, 1.0), (2, 2.0)]),
        (["reset"], "", [(1, 1.0)]),
        (["429", "backoff"], "2", [(1, 2.0), (2, 5.0)]),
    ],
    ids=["429", "503", "backoff", "backoff-last", "500-twice", "reset", "429-then-backoff"],
)
def test_the_server_is_retried_no_sooner_than_it_asked(
    server: ZoteroServer, site: Path, faults: list[str], retry_after: str, waits: Waits
) -> None:
    server.faults, server.retry_after = faults, retry_after
    recorded: Waits = []
    assert sync(server, recorded) == 1
    assert recorded == waits
    assert server.most_at_once == 1
    assert (site / "refs.bib").read_text(encoding="utf-8") == joined(LIBRARY)


def test_retry_after_as_a_date(server: ZoteroServer, site: Path) -> None:
    server.faults, server.retry_after = ["429"], formatdate(time.time() + 30, usegmt=True)
    recorded: Waits = []
    assert sync(server, recorded) == 1
    [(after, seconds)] = recorded
    assert after == 1 and 25 < seconds <= 30


def test_real_waits_hold_the_next_request_back(site: Path, server: ZoteroServer) -> None:
    server.faults, server.retry_after = ["429"], "1"
    assert main(["sync", "zotero", "--user", USER, "--api-url", server.url]) == 1
    first, second = server.requests[:2]
    assert second.arrived - first.arrived >= 1.0


@pytest.mark.parametrize(
    ("faults", "args", "env_key", "reason"),
    [
        (["", "drop"], [], KEY, "page 2: {url}: the body was cut short (ChunkedEncodingError)"),
        (["", "truncate"], [], KEY, "page 2: {url}: the body was cut short (ChunkedEncodingError)"),
        (["", "html"], [], KEY, "page 2: {url}: the server sent text/html, not BibTeX"),
        (
            ["", "garbage"],
            [],
            KEY,
            "page 2:351: [paper151] entry could not be parsed: Unexpectedly reached end of file.",
        ),
        (
            ["", "more-total"],
            [],
            KEY,
            "page 2: Total-Results changed from 250 to 251 within library version 40",
        ),
        (["more-total"] * 3, [], KEY, "250 of 251 entries (Total-Results) arrived"),
        (
            ["", "edit"] * 3,
            [],
            KEY,
            "the library was edited during each of 3 attempts; try again later",
        ),
        (
            ["429"] * 3,
            ["--retries", "2"],
            KEY,
            "page 1: {url}: HTTP 429 Too Many Requests, 3 attempts",
        ),
        (
            ["500"] * 3,
            ["--retries", "2"],
            KEY,
            "page 1: {url}: HTTP 500 Internal Server Error, 3 attempts",
        ),
        (["slow"], ["--timeout", "0.3"], KEY, "page 1: {url}: no response within 0.3 s"),
        (
            ["", "429"],
            ["--max-wait", "5"],
            KEY,
            "page 2: the server asked to wait 7 s (Retry-After), more than the 5 s allowed (--max-wait); try again later",
        ),
        (
            ["429"],
            ["--deadline", "5"],
            KEY,
            "page 1: waiting 7 s (Retry-After) would pass the 5 s deadline",
        ),
        (
            ["foreign-next"],
            [],
            KEY,
            "the next page is on another server ({elsewhere}), not followed",
        ),
        (
            ["redirect"],
            [],
            KEY,
            "page 1: {url}: HTTP 301 redirect to {elsewhere}, not followed",
        ),
        (
            [],
            [],
            "",
            "page 1: {url}: HTTP 403 Forbidden: set ZOTERO_API_KEY to an API key that can read this library",
        ),
        (
            [],
            [],
            "not-the-key",
            "page 1: {url}: HTTP 403 Forbidden: the API key cannot read this library",
        ),
        (
            [],
            ["--collection", "NOSUCH99"],
            KEY,
            "page 1: {origin}/users/475425/collections/NOSUCH99/items: HTTP 404 Not Found: no such user, group or collection",
        ),
    ],
    ids=[
        "dropped-mid-body",
        "truncated",
        "html",
        "unparseable",
        "total-changes",
        "too-few-entries",
        "always-edited",
        "429-forever",
        "500-forever",
        "slow",
        "wait-too-long",
        "wait-past-deadline",
        "next-page-elsewhere",
        "redirect",
        "403-without-key",
        "403-wrong-key",
        "404",
    ],
)
def test_a_failed_sync_leaves_refs_bib_as_it_was(
    server: ZoteroServer,
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    faults: list[str],
    args: list[str],
    env_key: str,
    reason: str,
) -> None:
    monkeypatch.setenv("ZOTERO_API_KEY", env_key)
    server.faults, server.slow_seconds = faults, 2.0
    assert sync(server, [], *args) == 2
    assert (site / "refs.bib").read_bytes() == ORIGINAL
    assert sorted(p.name for p in site.iterdir()) == ["refs.bib"]
    reason = reason.format(
        url=server.url + ITEMS, origin=server.url, elsewhere=server.elsewhere + ITEMS
    )
    assert output(site, capsys) == ("", f"pubgen: sync failed, refs.bib left as it was: {reason}\n")
    assert server.most_at_once == 1
    assert {r.headers["Host"] for r in server.requests} <= {server.url[7:]}


def test_a_server_that_is_not_there(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ZoteroServer({}) as gone:
        url = gone.url  # the port is closed once the server has stopped
    recorded: Waits = []
    args = ["--user", USER, "--api-url", url, "--retries", "2", "--timeout", "2"]
    assert main(["sync", "zotero", *args], sleep=lambda s: recorded.append((0, s))) == 2
    assert recorded == [(0, 1.0), (0, 2.0)]
    reason = f"page 1: cannot connect to {url}{ITEMS} (ConnectionError), 3 attempts"
    assert capsys.readouterr().err == f"pubgen: sync failed, refs.bib left as it was: {reason}\n"
    assert (site / "refs.bib").read_bytes() == ORIGINAL


@pytest.mark.parametrize(
    ("args", "env_key", "message"),
    [
        (["--user", "me"], KEY, "--user takes the numeric ID, not 'me'"),
        (
            ["--group", "9", "--publications"],
            KEY,
            "--publications is a user's My Publications: it needs --user",
        ),
        (
            ["--user", "1", "--collection", "../x"],
            KEY,
            "--collection takes a collection key: letters and digits only",
        ),
        (
            ["--user", "1", "--api-url", "ftp://x"],
            KEY,
            "--api-url needs an http(s) URL without a query, not 'ftp://x'",
        ),
        (
            ["--user", "1", "--api-url", "http://example.org"],
            KEY,
            "ZOTERO_API_KEY is only sent over https, not to example.org",
        ),
        (
            ["--user", "1"],
            "two words",
            "ZOTERO_API_KEY holds spaces or non-ASCII characters; not sent",
        ),
        (
            ["--user", "1", "-o", "no/such/refs.bib"],
            KEY,
            "no/such/refs.bib: folder no/such does not exist",
        ),
    ],
)
def test_usage_errors_send_nothing(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env_key: str,
    message: str,
) -> None:
    monkeypatch.setenv("ZOTERO_API_KEY", env_key)
    output = args[-1] if "-o" in args else "refs.bib"
    assert main(["sync", "zotero", "--api-url", "http://127.0.0.1:9", *args]) == 2
    err = capsys.readouterr().err
    assert err == f"pubgen: sync failed, {output} left as it was: {message}\n"
    assert (site / "refs.bib").read_bytes() == ORIGINAL


def test_a_real_zotero_export_over_seven_pages(
    server: ZoteroServer, site: Path, corpus: Path
) -> None:
    text = (corpus / "zotero" / "bbt_El3ssar_zotero-680.bib").read_text(encoding="utf-8")
    library = re.split(r"(?m)^(?=@)", text)[1:]
    server.libraries[ITEMS] = library
    assert sync(server, []) == 1
    assert server.starts() == [str(start) for start in range(0, 700, 100)]
    synced, problems = parse_bib((site / "refs.bib").read_text(encoding="utf-8"), "refs.bib")
    expected, _ = parse_bib(text, "refs.bib")
    assert problems == []
    assert [(p.key, p.entry_type, p.fields) for p in synced] == [
        (p.key, p.entry_type, p.fields) for p in expected
    ]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("{server}/empty.bib", "{server}/empty.bib holds no BibTeX entries"),
        ("{server}/missing.bib", "{server}/missing.bib: HTTP 404 Not Found"),
        (
            "ftp://example.org/me.bib",
            "ftp://example.org/me.bib: only http and https URLs can be synced",
        ),
    ],
)
def test_sync_url_failures(
    server: ZoteroServer, site: Path, capsys: pytest.CaptureFixture[str], url: str, reason: str
) -> None:
    assert main(["sync", "url", url.format(server=server.url), "--timeout", "2"]) == 2
    expected = reason.format(server=server.url)
    assert capsys.readouterr().err == f"pubgen: sync failed, refs.bib left as it was: {expected}\n"
    assert (site / "refs.bib").read_bytes() == ORIGINAL


def test_sync_url_uses_the_etag(
    server: ZoteroServer, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url + "/me.bib"
    assert main(["sync", "url", url, "--timeout", "2"]) == 1
    refs = site / "refs.bib"
    assert refs.read_text(encoding="utf-8") == joined(entries(4, "dblp"))
    etag = json.loads((site / "refs.bib.pubgen-sync.json").read_text())["etag"]
    assert etag.startswith('"')
    stamp = refs.stat().st_mtime_ns
    assert main(["sync", "url", url, "--timeout", "2"]) == 0
    assert server.requests[-1].headers["If-None-Match"] == etag
    assert "Zotero-API-Key" not in server.requests[-1].headers
    assert refs.stat().st_mtime_ns == stamp
    assert capsys.readouterr().err == (
        f"synced refs.bib: 4 entries\nrefs.bib is up to date: {url} not modified (ETag {etag})\n"
    )


def test_progress_line_only_on_a_terminal(server: ZoteroServer, tmp_path: Path) -> None:
    # capsys is no terminal, and the tests above show a clean stderr; here stderr is a pty.
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "ZOTERO_API_KEY": KEY}
    args = ["sync", "zotero", "--user", USER, "--api-url", server.url, "--timeout", "5"]
    result = subprocess.run(
        [sys.executable, "-m", "pubgen", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=60,
        check=False,
        env=env,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert result.returncode == 1
    clear = "\r\x1b[K"
    pages = "".join(f"{clear}pubgen: page {n}/3" for n in (1, 2, 3))
    assert shown.replace("\r\n", "\n") == (
        f"{pages}{clear}synced refs.bib: 250 entries, Zotero library version 40\n"
    )


def test_sync_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sync", "zotero", "--help"])
    out = capsys.readouterr().out
    assert "ZOTERO_API_KEY" in out
    assert "2  the sync failed: refs.bib is exactly as it was" in out
