"""Parse stage: BibTeX text -> raw Publication records + diagnostics.

bibtexparser v2 splits the file into blocks and never raises on bad input; what it
cannot parse it keeps as a failed block. This stage turns every block that is not an
entry we can use into a ``file:line: [key] message`` so that nothing is dropped silently,
and evaluates field values (``@string`` macros, ``#`` concatenation, delimiters) itself,
because bibtexparser's middleware neither concatenates nor reports undefined macros.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser import model as bib

from pubgen.fields import unknown_fields
from pubgen.model import Diagnostic, Location, Publication
from pubgen.values import MONTH_MACROS, MalformedValue, UndefinedMacro, evaluate, excerpt

# bibtexparser logs every failed block at WARNING; we report those ourselves, and only
# cli.py may print, so its records must not reach Python's last-resort stderr handler.
_bib_logger = logging.getLogger("bibtexparser")
_bib_logger.addHandler(logging.NullHandler())
_bib_logger.propagate = False


# A hostile or broken file must not make pubgen crawl: no real field comes near these.
MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 64
# About 1,000 entries of a Zotero export: small enough to bound memory, large enough that
# the per-chunk cost of bibtexparser is nothing.
CHUNK_CHARS = 1_000_000
_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*", re.MULTILINE)
_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()=]*)\s*,")
# "@article{\n  author = ..." (EndNote): the key is missing, the first field came first.
_NO_KEY = re.compile(r"@\s*\w+\s*[{(]\s*[^,\s{}()=]+\s*=")
_COMMENT_BLOCK = re.compile(r"@\s*comment\b", re.IGNORECASE)
# A line that starts like an entry ("@type" then anything but "{" or "(").
_STRAY_ENTRY = re.compile(r"^[ \t]*(@[ \t]*[A-Za-z]\w*\b.*)$", re.MULTILINE)
_FIELD_NAME = re.compile(r"[^\s\"#%'(),={}]+")


def _failed_key(raw: str) -> str:
    match = _KEY_IN_RAW.match(raw)
    return match.group(1) if match else ""


def _failure_message(block: bib.ParsingFailedBlock) -> str:
    if _NO_KEY.match(block.raw or ""):
        return "entry has no citation key"
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    what = "@comment" if _COMMENT_BLOCK.match(block.raw or "") else "entry"
    return f"{what} could not be parsed: " + " ".join(reason.split())


def _blank_comment_lines(text: str) -> str:
    """Lines that start with ``%`` emptied, keeping line numbers.

    BibTeX itself has no comments, but biber, Zotero and JabRef treat such lines as
    comments, and users comment out whole entries that way (``%@article{...``), which
    bibtexparser would otherwise parse as live entries.
    """
    if "%" not in text:
        return text
    return _COMMENT_LINE.sub("", text)


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


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(lines before it, text) of pieces of about ``size`` characters, cut before an ``@``
    that starts a line, so that bibtexparser's copy of a huge file never exists at once."""
    start = line = 0
    size = CHUNK_CHARS
    while start < len(text):
        cut = text.find("\n@", start + size) if start + size < len(text) else -1
        end = len(text) if cut < 0 else cut + 1
        yield line, text[start:end]
        line += text.count("\n", start, end)
        start = end


class _Parser:
    """The state that outlives one chunk: macros, keys seen, results."""

    def __init__(self, path: str, file_index: int) -> None:
        self.path = path
        self.file_index = file_index
        self.macros = dict(MONTH_MACROS)
        self.string_lines: dict[str, int] = {}
        self.first_seen: dict[str, int] = {}  # case-folded key -> line of its first entry
        self.publications: list[Publication] = []
        self.diagnostics: list[Diagnostic] = []

    def report(
        self, line: int, message: str, key: str = "", severity: str = "error", dropped: bool = False
    ) -> None:
        self.diagnostics.append(
            Diagnostic(Location(self.path, line), message, key, severity, dropped)
        )

    def feed(self, text: str, line_offset: int) -> None:
        library = bibtexparser.parse_string(  # type: ignore[attr-defined]
            _blank_comment_lines(text), parse_stack=[]
        )
        for block in library.blocks:
            line = (block.start_line or 0) + 1 + line_offset
            if isinstance(block, bib.DuplicateBlockKeyBlock) and isinstance(
                block.ignore_error_block, bib.String
            ):
                block = block.ignore_error_block
            if isinstance(block, bib.String):
                self._string(block, line)
            elif isinstance(block, (bib.DuplicateBlockKeyBlock, bib.DuplicateFieldKeyBlock)):
                # bibtexparser's own duplicate checks are case-sensitive; ours are not.
                entry = block.ignore_error_block
                assert isinstance(entry, bib.Entry)
                self._entry(entry, line, line_offset)
            elif isinstance(block, bib.ParsingFailedBlock):
                if _COMMENT_BLOCK.match(block.raw or ""):
                    # A broken @comment loses no entry (bibtexparser goes on after it).
                    self.report(line, _failure_message(block), severity="warning")
                else:
                    key = _failed_key(block.raw or "")
                    self.report(line, _failure_message(block), key, dropped=True)
            elif isinstance(block, bib.Entry):
                self._entry(block, line, line_offset)
            elif isinstance(block, bib.ImplicitComment):
                # Text between entries is ignored, but "@some name{id,}" or an "@Article"
                # without its brace is an entry the author meant and the parser skipped.
                for match in _STRAY_ENTRY.finditer(block.comment):
                    stray_line = line + block.comment.count("\n", 0, match.start())
                    message = f"not an entry, ignored: {excerpt(match.group(1), 0)}"
                    self.report(stray_line, message, severity="warning")

    def _string(self, block: bib.String, line: int) -> None:
        name = block.key.lower()
        if name in self.string_lines:
            first = self.string_lines[name]
            message = (
                f"@string {block.key} redefined (first on line {first}); the later value is used"
            )
            self.report(line, message, severity="warning")
        self.string_lines[name] = line
        try:
            self.macros[name] = evaluate(block.value, self.macros)
        except UndefinedMacro as exc:
            self.report(line, f"@string uses undefined macro `{exc.name}`", block.key)
        except MalformedValue as exc:
            self.report(line, f"@string {block.key}: {exc}")

    def _entry(self, entry: bib.Entry, line: int, line_offset: int) -> None:
        if not entry.key:
            self.report(line, "entry has no citation key", dropped=True)
            return
        folded = entry.key.casefold()
        if folded in self.first_seen:
            message = f"duplicate citation key (first defined on line {self.first_seen[folded]})"
            self.report(line, message, entry.key, dropped=True)
            return
        self.first_seen[folded] = line
        fields = self._fields(entry, line_offset)
        unknown = unknown_fields(list(fields))
        if unknown:
            plural = "s" if len(unknown) > 1 else ""
            message = f"unknown field{plural} ignored: " + ", ".join(unknown)
            self.report(line, message, entry.key, "warning")
        self.publications.append(
            Publication(
                key=entry.key,
                entry_type=entry.entry_type.lower(),
                fields=fields,
                location=Location(self.path, line),
                order=(self.file_index, len(self.publications)),
            )
        )

    def _fields(self, entry: bib.Entry, line_offset: int) -> dict[str, str]:
        fields: dict[str, str] = {}
        for bib_field in entry.fields:
            name = bib_field.key.lower()
            line = (bib_field.start_line or 0) + 1 + line_offset
            if not _FIELD_NAME.fullmatch(name):
                self.report(line, f"not a field name: {excerpt(name, 0)}", entry.key)
                continue
            if name in fields:
                self.report(line, f"duplicate field `{name}`: the first one is used", entry.key)
                continue
            problem = _field_problem(name, bib_field.value)
            if problem:
                self.report(line, problem, entry.key)
                fields[name] = ""
                continue
            try:
                fields[name] = evaluate(bib_field.value, self.macros)
            except UndefinedMacro as exc:
                message = f"field `{name}` uses undefined macro `{exc.name}`"
                self.report(line, message, entry.key)
                fields[name] = exc.name
            except MalformedValue as exc:
                self.report(line, f"field `{name}`: {exc}", entry.key)
                fields[name] = ""
        return fields


def parse_bib(
    text: str, path: str, file_index: int = 0
) -> tuple[list[Publication], list[Diagnostic]]:
    """Every entry block of ``text`` as a Publication, or as a diagnostic if it is broken."""
    parser = _Parser(path, file_index)
    for line_offset, chunk in _chunks(text):
        parser.feed(chunk, line_offset)
    return parser.publications, parser.diagnostics
