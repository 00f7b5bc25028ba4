"""Parse stage: BibTeX text -> raw Publication records + diagnostics.

pubgen.split finds the blocks (bibtexparser's for anything irregular) and never raises on
bad input; what it cannot parse it returns as a failed block. This stage turns every
block that is not an entry we can use into a ``file:line: [key] message`` so that nothing
is dropped silently, and evaluates field values (``@string`` macros, ``#``
concatenation, delimiters) itself, because bibtexparser's middleware neither concatenates
nor reports undefined macros.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from pubgen import blocks, split
from pubgen.fields import unknown_fields
from pubgen.lazyre import LazyRegex
from pubgen.model import Diagnostic, Location, Publication
from pubgen.values import MONTH_MACROS, MalformedValue, UndefinedMacro, evaluate, excerpt

# A hostile or broken file must not make pubgen crawl: no real field comes near these.
MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 64
_KEY_IN_RAW = LazyRegex(r"@\s*\w+\s*[{(]\s*([^,\s{}()=]*)\s*,")
# "@article{\n  author = ..." (EndNote): the key is missing, the first field came first.
_NO_KEY = LazyRegex(r"@\s*\w+\s*[{(]\s*[^,\s{}()=]+\s*=")
_COMMENT_BLOCK = LazyRegex(r"@\s*comment\b", re.IGNORECASE)
# A line that starts like an entry ("@type" then anything but "{" or "(").
_STRAY_ENTRY = LazyRegex(r"^[ \t]*(@[ \t]*[A-Za-z]\w*\b.*)$", re.MULTILINE)
_FIELD_NAME = re.compile(r"[^\s\"#%'(),={}]+")


def _failed_key(raw: str) -> str:
    match = _KEY_IN_RAW.compiled.match(raw)
    return match.group(1) if match else ""


def _failure_message(block: blocks.Failed) -> str:
    if _NO_KEY.compiled.match(block.raw):
        return "entry has no citation key"
    what = "@comment" if _COMMENT_BLOCK.compiled.match(block.raw) else "entry"
    return f"{what} could not be parsed: " + " ".join(block.reason.split())


def _brace_depth(value: str) -> int:
    depth = deepest = 0
    for char in value:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


def _field_problem(name: str, value: str) -> str:
    if len(value) > MAX_FIELD_CHARS:
        return f"field `{name}` is {len(value)} characters, more than the {MAX_FIELD_CHARS} allowed"
    if value.count("{") > MAX_BRACE_DEPTH and _brace_depth(value) > MAX_BRACE_DEPTH:
        return f"field `{name}` nests braces deeper than {MAX_BRACE_DEPTH}"
    return ""


class Parsed(NamedTuple):
    """An entry block, evaluated, before it is checked against the keys above it.

    ``problems`` are shown only if the entry is kept (a duplicate is reported as that
    alone), and so are the problems of the stages the reader of the chunk ran after
    parsing (pubgen.prepare, in the same pass): ``later`` with the parse problems,
    ``after_papers`` after those of the ``papers:`` overrides (pipeline.load).
    """

    publication: Publication
    problems: list[Diagnostic]
    later: list[Diagnostic]
    after_papers: list[Diagnostic]


# What reading a chunk gives, in text order: a kept-or-dropped entry, or a problem found
# outside any entry (an @string, a broken block, a stray "@word").
Event = Parsed | Diagnostic


class Reader:
    """Blocks -> events, chunk by chunk; what it carries between chunks are the macros.

    A chunk without an @string can be read with a copy of the macros as they stand
    before it (pubgen.reading does so in a second process); the keys seen so far are the
    business of ``Keeper``, which takes the events in text order.
    """

    def __init__(self, path: str, file_index: int, macros: dict[str, str] | None = None) -> None:
        self.path = path
        self.file_index = file_index
        self.macros = dict(MONTH_MACROS) if macros is None else macros
        self.string_lines: dict[str, int] = {}
        self.names: dict[str, str] = {}  # valid field name as written -> lower case

    def diagnostic(
        self, line: int, message: str, key: str = "", severity: str = "error", dropped: bool = False
    ) -> Diagnostic:
        return Diagnostic(Location(self.path, line), message, key, severity, dropped)

    def read(self, chunk: split.Chunk) -> list[Event]:
        events: list[Event] = []
        for block in split.split_chunk(chunk):
            if isinstance(block, blocks.Entry):
                events.append(self._entry(block))
            elif isinstance(block, blocks.String):
                events.extend(self._string(block))
            elif isinstance(block, blocks.Failed):
                if _COMMENT_BLOCK.compiled.match(block.raw):
                    # A broken @comment loses no entry (the splitter goes on after it).
                    message = _failure_message(block)
                    events.append(self.diagnostic(block.line, message, severity="warning"))
                else:
                    key = _failed_key(block.raw)
                    message = _failure_message(block)
                    events.append(self.diagnostic(block.line, message, key, dropped=True))
            else:
                # Text between entries is ignored, but "@some name{id,}" or an "@Article"
                # without its brace is an entry the author meant and the splitter skipped.
                for match in _STRAY_ENTRY.compiled.finditer(block.text):
                    stray_line = block.line + block.text.count("\n", 0, match.start())
                    message = f"not an entry, ignored: {excerpt(match.group(1), 0)}"
                    events.append(self.diagnostic(stray_line, message, severity="warning"))
        return events

    def _string(self, block: blocks.String) -> list[Diagnostic]:
        problems = []
        name = block.name.lower()
        line = block.line
        if name in self.string_lines:
            first = self.string_lines[name]
            message = (
                f"@string {block.name} redefined (first on line {first}); the later value is used"
            )
            problems.append(self.diagnostic(line, message, severity="warning"))
        self.string_lines[name] = line
        try:
            self.macros[name] = evaluate(block.value, self.macros)
        except UndefinedMacro as exc:
            message = f"@string uses undefined macro `{exc.name}`"
            problems.append(self.diagnostic(line, message, block.name))
        except MalformedValue as exc:
            problems.append(self.diagnostic(line, f"@string {block.name}: {exc}"))
        return problems

    def _entry(self, entry: blocks.Entry) -> Event:
        line = entry.line
        if not entry.key:
            return self.diagnostic(line, "entry has no citation key", dropped=True)
        problems: list[Diagnostic] = []
        fields = self._fields(entry, problems)
        unknown = unknown_fields(list(fields))
        if unknown:
            plural = "s" if len(unknown) > 1 else ""
            message = f"unknown field{plural} ignored: " + ", ".join(unknown)
            problems.append(self.diagnostic(line, message, entry.key, "warning"))
        publication = Publication(
            key=entry.key,
            entry_type=entry.entry_type,
            fields=fields,
            location=Location(self.path, line),
            # The line, not a count of entries: a chunk read apart from the others knows
            # it. Two entries on one line tie, and the list order decides (it is the same).
            order=(self.file_index, line),
        )
        return Parsed(publication, problems, [], [])

    def _fields(self, entry: blocks.Entry, problems: list[Diagnostic]) -> dict[str, str]:
        fields: dict[str, str] = {}
        # (index of the field, message): the lines of an entry's fields are counted only
        # if it has a problem to show.
        found: list[tuple[int, str]] = []
        for index, (raw_name, value) in enumerate(entry.fields):
            # One string per field name, not one per field: 50,000 entries repeat a dozen.
            name = self.names.get(raw_name, "")
            if not name:
                name = raw_name.lower()
                if not _FIELD_NAME.fullmatch(name):
                    found.append((index, f"not a field name: {excerpt(name, 0)}"))
                    continue
                self.names[raw_name] = name  # only names that are field names
            if name in fields:
                found.append((index, f"duplicate field `{name}`: the first one is used"))
                continue
            # The call only for a value that may be too long or too deep (never, in practice).
            if len(value) > MAX_FIELD_CHARS or value.count("{") > MAX_BRACE_DEPTH:
                problem = _field_problem(name, value)
                if problem:
                    found.append((index, problem))
                    fields[name] = ""
                    continue
            try:
                fields[name] = evaluate(value, self.macros)
            except UndefinedMacro as exc:
                found.append((index, f"field `{name}` uses undefined macro `{exc.name}`"))
                fields[name] = exc.name
            except MalformedValue as exc:
                found.append((index, f"field `{name}`: {exc}"))
                fields[name] = ""
        if found:
            lines = entry.field_lines()
            for index, message in found:
                problems.append(self.diagnostic(lines[index], message, entry.key))
        return fields


class Keeper:
    """Events in text order -> the entries kept, and every problem in the order found."""

    def __init__(self) -> None:
        self.first_seen: dict[str, int] = {}  # case-folded key -> line of its first entry
        self.kept: list[Parsed] = []
        self.diagnostics: list[Diagnostic] = []

    def take(self, events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, Diagnostic):
                self.diagnostics.append(event)
                continue
            pub = event.publication
            # bibtexparser's duplicate checks are case-sensitive; ours are not.
            folded = pub.key.casefold()
            first = self.first_seen.get(folded)
            if first is not None:
                message = f"duplicate citation key (first defined on line {first})"
                self.diagnostics.append(
                    Diagnostic(pub.location, message, pub.key, "error", dropped=True)
                )
                continue
            self.first_seen[folded] = pub.location.line
            self.diagnostics.extend(event.problems)
            self.kept.append(event)


def parse_bib(
    text: str | Iterable[str], path: str, file_index: int = 0
) -> tuple[list[Publication], list[Diagnostic]]:
    """Every entry block of ``text`` (or of its pieces) as a Publication, or as a diagnostic
    if it is broken."""
    reader = Reader(path, file_index)
    keeper = Keeper()
    for chunk in split.chunks(text, split.CHUNK_CHARS):
        keeper.take(reader.read(chunk))
    return [parsed.publication for parsed in keeper.kept], keeper.diagnostics
