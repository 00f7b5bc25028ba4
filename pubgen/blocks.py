"""The blocks a BibTeX file splits into, as pubgen.split and pubgen.bibsplit give them."""

from __future__ import annotations

from typing import NamedTuple


class Field(NamedTuple):
    name: str
    value: str  # as written: delimiters, macros and "#" still there
    line: int


class Entry(NamedTuple):
    entry_type: str  # lower case
    key: str
    fields: tuple[Field, ...]
    line: int


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
