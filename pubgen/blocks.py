"""The blocks a BibTeX file splits into, as pubgen.split and pubgen.bibsplit give them."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

# (name, value as written: delimiters, macros and "#" still there)
Field = tuple[str, str]
FieldLines = Callable[[], tuple[int, ...]]


class Entry(NamedTuple):
    entry_type: str  # lower case
    key: str
    fields: tuple[Field, ...]
    line: int
    # The line of each field, counted only when asked (pubgen.split's keeps the chunk's
    # text for that): only a diagnostic shows one, and counting them while the fields
    # were read was a quarter of the splitter's time.
    field_lines: FieldLines


def known_lines(lines: tuple[int, ...]) -> FieldLines:
    """``field_lines`` of an entry whose field lines are counted already."""
    return lambda: lines


class String(NamedTuple):
    name: str
    value: str
    line: int


class Between(NamedTuple):
    """Text between blocks (what bibtexparser calls an implicit comment), stripped."""

    text: str
    line: int


class Failed(NamedTuple):
    raw: str
    reason: str
    line: int


Block = Entry | String | Between | Failed


class Lines:
    """1-based line numbers of positions that never decrease, counting each newline once."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.pos = 0
        self.line = first_line

    def at(self, pos: int) -> int:
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line
