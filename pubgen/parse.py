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
from collections.abc import Mapping

import bibtexparser
from bibtexparser import model as bib

from pubgen.fields import unknown_fields
from pubgen.model import Diagnostic, Location, Publication

# bibtexparser logs every failed block at WARNING; we report those ourselves, and only
# cli.py may print, so its records must not reach Python's last-resort stderr handler.
_bib_logger = logging.getLogger("bibtexparser")
_bib_logger.addHandler(logging.NullHandler())
_bib_logger.propagate = False

# BibTeX's predefined month macros (plain.bst and friends).
MONTH_MACROS = {
    short: name
    for name in (
        "January February March April May June July August September October November December"
    ).split()
    # BibTeX predefines jan..dec; many files also write the bare full name.
    for short in (name[:3].lower(), name.lower())
}

# A hostile or broken file must not make pubgen crawl: no real field comes near these.
MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 64
_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*", re.MULTILINE)
_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()=]*)\s*,")
# "@article{\n  author = ..." (EndNote): the key is missing, the first field came first.
_NO_KEY = re.compile(r"@\s*\w+\s*[{(]\s*[^,\s{}()=]+\s*=")
_BRACE_MARKS = re.compile(r"[{}]")
_QUOTE_MARKS = re.compile(r'[{}"]')
_COMMENT_BLOCK = re.compile(r"@\s*comment\b", re.IGNORECASE)
# A line that starts like an entry ("@type" then anything but "{" or "(").
_STRAY_ENTRY = re.compile(r"^[ \t]*(@[ \t]*[A-Za-z]\w*\b.*)$", re.MULTILINE)
_FIELD_NAME = re.compile(r"[^\s\"#%'(),={}]+")
# A macro name or a number: BibTeX allows any printable character but these.
_WORD = re.compile(r"[^\s\"#%'(),={}]+")


class UndefinedMacro(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class MalformedValue(Exception):
    pass


def _closing(value: str, start: int) -> int:
    """Index of the delimiter closing the ``{`` or ``"`` at ``start``; -1 if none."""
    # Jump between delimiters with a regex: a per-character loop over every value (and
    # abstracts are long) was most of the parse stage's time.
    depth = 0
    quoted = value[start] == '"'
    for match in (_QUOTE_MARKS if quoted else _BRACE_MARKS).finditer(value, start + 1):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return -1 if quoted else match.start()
            depth -= 1
        elif depth == 0:  # a '"' outside braces closes a quoted value
            return match.start()
    return -1


def evaluate(value: str, macros: Mapping[str, str]) -> str:
    """The text of a raw value: delimiters removed, macros expanded, ``#`` pieces joined.

    ``macros`` is keyed by lower-case name (BibTeX macro names are case-insensitive).
    Raises UndefinedMacro for a bare word that names no macro, and MalformedValue for
    anything else that is not a value, such as a missing comma swallowing the next field.
    """
    parts: list[str] = []
    position = 0
    while True:
        position = _skip_space(value, position)
        if position >= len(value):
            if parts:
                raise MalformedValue("value ends with `#`")
            return ""
        if value[position] in '{"':
            end = _closing(value, position)
            if end < 0:
                raise MalformedValue(f"unbalanced {value[position]} in value")
            parts.append(value[position + 1 : end])
            position = end + 1
        else:
            word = _WORD.match(value, position)
            if word is None:
                raise MalformedValue(f"unexpected {_excerpt(value, position)} in value")
            text = word.group()
            if not text.isdigit():
                try:
                    text = macros[text.lower()]
                except KeyError:
                    raise UndefinedMacro(text) from None
            parts.append(text)
            position = word.end()
        position = _skip_space(value, position)
        if position >= len(value):
            return "".join(parts)
        if value[position] != "#":
            raise MalformedValue(
                f"text after the value: {_excerpt(value, position)} (a missing comma?)"
            )
        position += 1


def _skip_space(value: str, position: int) -> int:
    while position < len(value) and value[position].isspace():
        position += 1
    return position


def _excerpt(value: str, position: int) -> str:
    text = " ".join(value[position : position + 30].split())
    return f"`{text}`"


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


def parse_bib(
    text: str, path: str, file_index: int = 0
) -> tuple[list[Publication], list[Diagnostic]]:
    """Every entry block of ``text`` as a Publication, or as a diagnostic if it is broken."""
    library = bibtexparser.parse_string(  # type: ignore[attr-defined]
        _blank_comment_lines(text), parse_stack=[]
    )
    macros = dict(MONTH_MACROS)
    string_lines: dict[str, int] = {}
    publications: list[Publication] = []
    diagnostics: list[Diagnostic] = []
    first_seen: dict[str, int] = {}  # case-folded key -> line of its first entry

    def report(
        line: int, message: str, key: str = "", severity: str = "error", dropped: bool = False
    ) -> None:
        diagnostics.append(Diagnostic(Location(path, line), message, key, severity, dropped))

    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bib.DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, bib.String
        ):
            block = block.ignore_error_block
        if isinstance(block, bib.String):
            name = block.key.lower()
            if name in string_lines:
                report(
                    line,
                    f"@string {block.key} redefined (first on line "
                    f"{string_lines[name]}); the later value is used",
                    severity="warning",
                )
            string_lines[name] = line
            try:
                macros[name] = evaluate(block.value, macros)
            except UndefinedMacro as exc:
                report(line, f"@string uses undefined macro `{exc.name}`", block.key)
            except MalformedValue as exc:
                report(line, f"@string {block.key}: {exc}")
            continue
        if isinstance(block, (bib.DuplicateBlockKeyBlock, bib.DuplicateFieldKeyBlock)):
            # bibtexparser's own duplicate checks are case-sensitive; ours below are not.
            entry = block.ignore_error_block
            assert isinstance(entry, bib.Entry)
        elif isinstance(block, bib.ParsingFailedBlock):
            if _COMMENT_BLOCK.match(block.raw or ""):
                # A broken @comment loses no entry (bibtexparser goes on after it).
                report(line, _failure_message(block), severity="warning")
            else:
                report(line, _failure_message(block), _failed_key(block.raw or ""), dropped=True)
            continue
        elif isinstance(block, bib.Entry):
            entry = block
        else:
            if isinstance(block, bib.ImplicitComment):
                # Text between entries is ignored, but "@some name{id,}" or an "@Article"
                # without its brace is an entry the author meant and the parser skipped.
                for match in _STRAY_ENTRY.finditer(block.comment):
                    stray_line = line + block.comment.count("\n", 0, match.start())
                    report(
                        stray_line,
                        f"not an entry, ignored: {_excerpt(match.group(1), 0)}",
                        severity="warning",
                    )
            continue

        if not entry.key:
            report(line, "entry has no citation key", dropped=True)
            continue
        folded = entry.key.casefold()
        if folded in first_seen:
            report(
                line,
                f"duplicate citation key (first defined on line {first_seen[folded]})",
                entry.key,
                dropped=True,
            )
            continue
        first_seen[folded] = line

        fields: dict[str, str] = {}
        for bib_field in entry.fields:
            name = bib_field.key.lower()
            field_line = (bib_field.start_line or 0) + 1
            if not _FIELD_NAME.fullmatch(name):
                report(field_line, f"not a field name: {_excerpt(name, 0)}", entry.key)
                continue
            if name in fields:
                report(field_line, f"duplicate field `{name}`: the first one is used", entry.key)
                continue
            problem = _field_problem(name, bib_field.value)
            if problem:
                report(field_line, problem, entry.key)
                fields[name] = ""
                continue
            try:
                fields[name] = evaluate(bib_field.value, macros)
            except UndefinedMacro as exc:
                report(field_line, f"field `{name}` uses undefined macro `{exc.name}`", entry.key)
                fields[name] = exc.name
            except MalformedValue as exc:
                report(field_line, f"field `{name}`: {exc}", entry.key)
                fields[name] = ""
        unknown = unknown_fields(list(fields))
        if unknown:
            report(
                line,
                f"unknown field{'s' if len(unknown) > 1 else ''} ignored: " + ", ".join(unknown),
                entry.key,
                "warning",
            )
        publications.append(
            Publication(
                key=entry.key,
                entry_type=entry.entry_type.lower(),
                fields=fields,
                location=Location(path, line),
                order=(file_index, len(publications)),
            )
        )
    return publications, diagnostics
