"""``pubgen init``: a starter overrides.yaml, the page markers, the pre-commit snippet.

Nothing here prints or writes: ``plan_init`` returns the files to write (as write.Change,
so they go through the same safe write as a build) and notes for cli.py to show. An
existing file or existing markers are kept unless ``force`` is given.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pubgen import __version__
from pubgen.config import Config, parse_config
from pubgen.errors import PubgenError
from pubgen.markers import add_markers, describe, find_markers, split_lines
from pubgen.names import name_key
from pubgen.pipeline import load
from pubgen.write import Change, read_text

REPO_PLACEHOLDER = "https://github.com/OWNER/pubgen"
REV_PLACEHOLDER = f"v{__version__}"
DEFAULT_BIB = "refs.bib"
DEFAULT_OVERRIDES = "overrides.yaml"


@dataclass(frozen=True)
class OwnerGuess:
    """The most frequent author: their commonest spelling and in how many entries."""

    name: str
    entries: int
    total: int
    runners_up: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class InitPlan:
    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    owner: OwnerGuess | None
    snippet: str


def guess_owner(bibs: Sequence[str]) -> OwnerGuess | None:
    """The author in most entries, None without authors.

    On a student's page the advisor is often on every paper too; of people tied on
    entries, the one listed earlier on average (then the one met first) wins.
    """
    # Input errors do not matter for a guess: what parses is counted.
    publications = load(bibs, Config()).publications
    positions: dict[tuple[str, str], list[float]] = {}
    spellings: dict[tuple[str, str], Counter[str]] = {}
    for pub in publications:
        seen = set()
        for index, author in enumerate(pub.authors):
            key = name_key(author)
            if author.is_others or not author.full or key in seen:
                continue
            seen.add(key)
            positions.setdefault(key, []).append(index / len(pub.authors))
            spellings.setdefault(key, Counter())[author.full] += 1
    if not positions:
        return None
    ranked = sorted(
        positions, key=lambda k: (-len(positions[k]), sum(positions[k]) / len(positions[k]))
    )
    # Counter.most_common keeps first-met order among equal counts.
    named = [(spellings[key].most_common(1)[0][0], len(positions[key])) for key in ranked[:3]]
    return OwnerGuess(named[0][0], named[0][1], len(publications), tuple(named[1:]))


# What YAML may hold as is: printable, and no line break (YAML also breaks lines at
# U+0085, U+2028 and U+2029, which JSON leaves alone).
_UNSAFE = re.compile(r"[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as ``text``, whatever it holds."""
    # A JSON string is YAML double-quoted; JSON escapes quotes, backslashes and C0 controls.
    return _UNSAFE.sub(lambda match: _escape(match.group()), json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """``text`` made safe to sit in a YAML comment: one line, printable."""
    return _UNSAFE.sub(" ", text)


def starter_overrides(owner: OwnerGuess | None, bibs: Sequence[str], page: str | None) -> str:
    lines = ["# pubgen: what the .bib cannot say. Every key: README, overrides.yaml reference."]
    lines.append("owner:")
    if owner is None:
        lines.append(f"  # Your name as {_comment(', '.join(bibs))} spells it; add every spelling.")
        lines.append("  names: []")
    else:
        others = _comment(", ".join(f"{name} ({n})" for name, n in owner.runners_up))
        lines += [
            f"  # GUESSED by pubgen init: the most frequent author in {_comment(', '.join(bibs))}",
            f"  # ({owner.entries} of {owner.total} entries"
            + (f"; next: {others})." if others else ")."),
            *(
                ["  # A tie: of those, the one listed earlier in author lists was picked."]
                if owner.runners_up and owner.runners_up[0][1] == owner.entries
                else []
            ),
            "  # Confirm it is you, and add every other spelling of your name.",
            f"  names: [{_quoted(owner.name)}]",
        ]
    if page is None:
        lines.append("outputs: []  # what `pubgen build` writes, e.g. [page: _pages/about.md]")
    else:
        lines.append("outputs:  # what `pubgen build` and the pre-commit hook write")
        lines.append(f"  - page: {_quoted(page)}")
    lines += [
        "papers:                   # per paper, by citation key; for example:",
        "  # yourKey2024:",
        "  #   equal: [First Author, Second Author]",
        "  #   corresponding: [Your Name]",
        "  #   awards: [Oral]",
    ]
    return "\n".join(lines) + "\n"


def hook_snippet(bibs: Sequence[str], overrides: str) -> str:
    """The ``.pre-commit-config.yaml`` entry; arguments only where defaults do not fit."""
    args: list[str] = []
    if list(bibs) != [DEFAULT_BIB]:
        for bib in bibs:
            args += ["--bib", bib]
    lines = [
        "# .pre-commit-config.yaml, at the top of the site's git repository",
        "repos:",
        f"  - repo: {REPO_PLACEHOLDER}  # where you get pubgen from",
        f"    rev: {REV_PLACEHOLDER}  # a tag or commit of that repository",
        "    hooks:",
        "      - id: pubgen",
    ]
    if overrides != DEFAULT_OVERRIDES:
        args += ["--overrides", overrides]
        pattern = rf"(\.bib|^{re.escape(overrides)}|(^|/)templates/.+)$"
        lines.append(f"        files: {_quoted(pattern)}")
    if args:
        lines.append(f"        args: [{', '.join(_quoted(arg) for arg in args)}]")
    return "\n".join(lines) + "\n"


def _posix_relative(path: str, start: str) -> str:
    return os.path.relpath(path, start or ".").replace(os.sep, "/")


def _page_change(page: str, after: str | None, force: bool) -> tuple[Change | None, str]:
    old = read_text(page)
    if old is None:
        heading = f"{after}\n" if after else ""
        return Change(page, None, add_markers(heading, after, page)), f"created {page}"
    markers = find_markers(split_lines(old))
    if markers.found and not force:
        if markers.pair is None:
            raise PubgenError(f"{describe(markers, page)}; fix them, or --force replaces them")
        return None, f"{page} has its markers already; kept (--force moves them)"
    where = f"after {after!r}" if after else "at the end"
    return Change(page, old, add_markers(old, after, page)), f"added the markers to {page} {where}"


def _overrides_change(
    path: str, text: str, page: str | None, force: bool
) -> tuple[Change | None, str]:
    old = read_text(path)
    if old is None or force:
        return Change(path, old, text), f"wrote {path}"
    note = f"{path} exists; kept (--force replaces it)"
    if page is not None:
        try:
            outputs = parse_config(old, path).outputs
        except PubgenError:
            return None, note + "; it does not load, run pubgen build to see why"
        base = os.path.dirname(path)
        pages = {os.path.normpath(os.path.join(base, out.page)) for out in outputs if out.page}
        if os.path.normpath(page) not in pages:
            relative = _posix_relative(page, base)
            return None, note + f"; add `- page: {relative}` under its outputs:"
    return None, note


def plan_init(
    bibs: Sequence[str],
    bibs_given: bool,
    overrides: str,
    page: str | None,
    after: str | None,
    force: bool,
) -> InitPlan:
    if after is not None and page is None:
        raise PubgenError("pubgen init: --after needs --page")
    present = [bib for bib in bibs if os.path.exists(bib)]
    if bibs_given and len(present) != len(bibs):
        missing = next(bib for bib in bibs if bib not in present)
        raise PubgenError(f"{missing}: no such file")
    owner = guess_owner(present) if present else None
    page_in_config = _posix_relative(page, os.path.dirname(overrides)) if page else None
    text = starter_overrides(owner, bibs, page_in_config)
    parse_config(text, overrides)  # what init writes, pubgen must read
    changes, notes = [], []
    for change, note in (
        _overrides_change(overrides, text, page, force),
        _page_change(page, after, force) if page else (None, ""),
    ):
        if change is not None and change.changed:
            changes.append(change)
        elif change is not None:
            note = f"{change.path} is up to date"
        if note:
            notes.append(note)
    if not present:
        notes.append(f"{', '.join(bibs)} not found: fill in owner.names yourself")
    return InitPlan(tuple(changes), tuple(notes), owner, hook_snippet(bibs, overrides))
