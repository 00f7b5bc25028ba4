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

from pubgen.model import Diagnostic, Location, Publication

# bibtexparser logs every failed block at WARNING; we report those ourselves, and only
# cli.py may print, so its records must not reach Python's last-resort stderr handler.
_bib_logger = logging.getLogger("bibtexparser")
_bib_logger.addHandler(logging.NullHandler())
_bib_logger.propagate = False

# BibTeX's predefined month macros (plain.bst and friends).
MONTH_MACROS = {
    name[:3].lower(): name
    for name in (
        "January February March April May June July August September October November December"
    ).split()
}

_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()=]*)")
_NUMBER = re.compile(r"\d+")


class UndefinedMacro(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def split_concatenation(value: str) -> list[str]:
    """Split a raw field value at the ``#`` operators that are outside braces and quotes."""
    pieces: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            pieces.append(value[start:index])
            start = index + 1
    pieces.append(value[start:])
    return [piece.strip() for piece in pieces]


def evaluate(value: str, macros: Mapping[str, str]) -> str:
    """The text of a raw value: delimiters removed, macros expanded, pieces joined.

    ``macros`` is keyed by lower-case name (BibTeX macro names are case-insensitive).
    Raises UndefinedMacro for a bare word that names no macro.
    """
    parts = []
    for piece in split_concatenation(value):
        if len(piece) >= 2 and (piece[0], piece[-1]) in {("{", "}"), ('"', '"')}:
            parts.append(piece[1:-1])
        elif _NUMBER.fullmatch(piece) or piece == "":
            parts.append(piece)
        else:
            try:
                parts.append(macros[piece.lower()])
            except KeyError:
                raise UndefinedMacro(piece) from None
    return "".join(parts)


def _failed_key(raw: str) -> str:
    match = _KEY_IN_RAW.match(raw)
    return match.group(1) if match else ""


def _failure_message(block: bib.ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    return "entry could not be parsed: " + " ".join(reason.split())


def parse_bib(
    text: str, path: str, file_index: int = 0
) -> tuple[list[Publication], list[Diagnostic]]:
    """Every entry block of ``text`` as a Publication, or as a diagnostic if it is broken."""
    library = bibtexparser.parse_string(  # type: ignore[attr-defined]
        text, parse_stack=[]
    )
    macros = dict(MONTH_MACROS)
    publications: list[Publication] = []
    diagnostics: list[Diagnostic] = []
    first_seen: dict[str, int] = {}  # case-folded key -> line of its first entry

    def report(line: int, message: str, key: str = "", severity: str = "error") -> None:
        diagnostics.append(Diagnostic(Location(path, line), message, key, severity))

    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bib.String):
            try:
                macros[block.key.lower()] = evaluate(block.value, macros)
            except UndefinedMacro as exc:
                report(line, f"@string uses undefined macro `{exc.name}`", block.key)
            continue
        if isinstance(block, bib.DuplicateBlockKeyBlock):
            # bibtexparser's own exact-duplicate check; ours below also catches case.
            entry = block.ignore_error_block
            assert isinstance(entry, bib.Entry)
        elif isinstance(block, bib.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            assert isinstance(entry, bib.Entry)
            names = ", ".join(sorted(block.duplicate_keys))
            report(line, f"duplicate field: {names}", entry.key)
        elif isinstance(block, bib.ParsingFailedBlock):
            report(line, _failure_message(block), _failed_key(block.raw or ""))
            continue
        elif isinstance(block, bib.Entry):
            entry = block
        else:  # @preamble, @comment and text between entries carry no entries
            continue

        if not entry.key:
            report(line, "entry has no citation key")
            continue
        folded = entry.key.casefold()
        if folded in first_seen:
            report(
                line,
                f"duplicate citation key (first defined on line {first_seen[folded]})",
                entry.key,
            )
            continue
        first_seen[folded] = line

        fields: dict[str, str] = {}
        for bib_field in entry.fields:
            name = bib_field.key.lower()
            if name in fields:
                continue  # already reported as a duplicate field; the first one wins
            try:
                fields[name] = evaluate(bib_field.value, macros)
            except UndefinedMacro as exc:
                report(
                    (bib_field.start_line or 0) + 1,
                    f"field `{name}` uses undefined macro `{exc.name}`",
                    entry.key,
                )
                fields[name] = exc.name
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
