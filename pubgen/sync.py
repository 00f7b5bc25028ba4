"""pubgen sync: refresh refs.bib from Zotero or a URL, and never lose a good refs.bib.

Everything is downloaded and checked (every entry parses; for Zotero, the count matches
Total-Results) before refs.bib is replaced, atomically, through pubgen.write. A state file
beside it, ``refs.bib.pubgen-sync.json``, remembers where refs.bib came from, the Zotero
library version or the URL's ETag, and the SHA-256 of what was written. The next sync
asks the server only for changes (If-Modified-Since-Version, If-None-Match), and only
while refs.bib is still exactly what the last sync wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from pubgen import write
from pubgen.errors import PubgenError
from pubgen.fetch import Client, Policy, bibtex_entries, shown
from pubgen.zotero import Library, download

STATE_SUFFIX = ".pubgen-sync.json"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class State:
    source: str  # the first URL asked, without the key (that is a header, never stored)
    sha256: str  # of refs.bib as written
    version: int | None = None  # Zotero's Last-Modified-Version
    etag: str | None = None  # a URL's ETag


@dataclass(frozen=True)
class Result:
    changed: bool  # refs.bib was rewritten
    summary: str  # "12 entries, Zotero library version 40"
    warnings: tuple[str, ...] = ()


def sync_zotero(
    library: Library,
    output: str,
    key: str,
    policy: Policy,
    sleep: Callable[[float], None],
    progress: Progress,
) -> Result:
    source = library.items_url()
    old, state, warnings = _prepare(output, source)
    since = state.version if state else None
    client = Client(policy, follow_redirects=False, sleep=sleep, notify=progress)
    try:
        got = download(library, client, key, since, progress)
    finally:
        client.close()
    if got is None:
        return Result(False, f"Zotero library version {since} not modified", tuple(warnings))
    summary = f"{got.entries} entries, Zotero library version {got.version}"
    new_state = State(source, _digest(got.text), version=got.version)
    return _commit(output, old, got.text, new_state, summary, warnings)


def sync_url(
    url: str,
    output: str,
    policy: Policy,
    sleep: Callable[[float], None],
    progress: Progress,
) -> Result:
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).hostname:
        raise PubgenError(f"{shown(url)}: only http and https URLs can be synced")
    old, state, warnings = _prepare(output, url)
    etag = state.etag if state else None
    client = Client(policy, follow_redirects=True, sleep=sleep, notify=progress)
    try:
        reply = client.get(url, {"If-None-Match": etag} if etag else {})
    finally:
        client.close()
    if reply.status == 304:
        if etag is None:
            raise PubgenError(
                f"{shown(url)}: 304 Not Modified to a request that was not conditional"
            )
        return Result(False, f"{shown(url)} not modified (ETag {etag})", tuple(warnings))
    entries = bibtex_entries(reply.text, shown(url))
    if entries == 0:
        raise PubgenError(f"{shown(url)} holds no BibTeX entries")
    new_state = State(url, _digest(reply.text), etag=reply.header("ETag") or None)
    return _commit(output, old, reply.text, new_state, f"{entries} entries", warnings)


def state_path(output: str) -> str:
    return output + STATE_SUFFIX


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _prepare(output: str, source: str) -> tuple[str | None, State | None, list[str]]:
    """refs.bib as it is now, and the saved state if it still describes that refs.bib."""
    folder = os.path.dirname(output) or "."
    if not os.path.isdir(folder):
        raise PubgenError(f"{output}: folder {folder} does not exist")
    old = write.read_text(output)
    warnings: list[str] = []
    try:
        state = _load_state(state_path(output))
    except (ValueError, TypeError, PubgenError):
        warnings.append(f"{state_path(output)}: unreadable, ignored; fetching everything")
        return old, None, warnings
    if state is None or old is None or state.source != source or state.sha256 != _digest(old):
        return old, None, warnings
    return old, state, warnings


def _load_state(path: str) -> State | None:
    data = json.loads(write.read_text(path) or "null")
    if data is None:
        return None
    state = State(**data)  # TypeError for a missing or unknown name
    kinds = [(state.source, str), (state.sha256, str), (state.version, int), (state.etag, str)]
    if any(value is not None and type(value) is not kind for value, kind in kinds):
        raise TypeError("a value of the wrong kind")
    return state


def _commit(
    output: str, old: str | None, text: str, state: State, summary: str, warnings: list[str]
) -> Result:
    change = write.Change(output, old, text)
    if change.changed:
        try:
            write.apply(change)  # refuses if refs.bib changed since _prepare read it
        except OSError as exc:
            raise PubgenError(f"{output}: cannot write: {exc.strerror or exc}") from None
    record = json.dumps(asdict(state), indent=2, sort_keys=True) + "\n"
    try:
        saved = write.plan(state_path(output), record, page=False)
        if saved.changed:
            write.apply(saved)
    except (OSError, PubgenError) as exc:
        # refs.bib is right; without its state the next sync only fetches everything.
        warnings.append(f"{state_path(output)}: not saved ({exc}); the next sync fetches all")
    return Result(change.changed, summary, tuple(warnings))
