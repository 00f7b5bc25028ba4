"""The records that flow through the pipeline.

Every stage takes these frozen records and returns new ones (``replace`` below, which is
``dataclasses.replace`` made faster); nothing is mutated in place, so a stage can be tested
on its own and run in any process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar

Record = TypeVar("Record")

# Venue types, in the order a list shows them unless overrides.yaml says otherwise.
VENUE_TYPES = ("conference", "journal", "workshop", "preprint", "thesis", "book", "other")


# Link kinds -> label, in the order a list shows them. ``url`` is the BibTeX url that is
# not already one of the others (an arXiv abstract page, a DOI resolver, a PDF).
LINK_KINDS = {
    "pdf": "PDF",
    "arxiv": "arXiv",
    "doi": "DOI",
    "url": "Link",
    "code": "Code",
    "project": "Project",
    "slides": "Slides",
    "video": "Video",
    "poster": "Poster",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where something came from: a file and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in an input, reported as ``file:line: [key] message``."""

    location: Location
    message: str
    key: str = ""
    severity: str = "error"  # "error" or "warning"
    # True when the entry this is about is not on the page because of it: every entry
    # of a .bib is either rendered or counted by exactly one dropped diagnostic.
    dropped: bool = False

    def __str__(self) -> str:
        key = f" [{self.key}]" if self.key else ""
        return f"{self.location}:{key} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True, slots=True)
class Author:
    """One author, split with pybtex, each part LaTeX-decoded and brace-free."""

    first: str
    last: str
    von: str = ""
    jr: str = ""
    raw: str = ""
    # "and others" in BibTeX: rendered as "et al.", never matched to a person.
    is_others: bool = False
    is_owner: bool = False
    # Role names from overrides.yaml ("equal", "corresponding", "lead", ...), in the
    # order they were given, which is the order their markers are printed in.
    roles: tuple[str, ...] = ()
    # ``Z. Tang``: the form a publication list usually prints. Made from the name parts
    # when the record is made, never passed: a list prints it once per paper, and one
    # record serves every paper that spells the name alike. A copy keeps it, so a copy
    # never changes a name part (overrides change is_owner and roles only).
    short: str = ""

    def __post_init__(self) -> None:
        if not self.short:  # a copy (replace(), unpickling) has it already
            # What joining initials, von and last gives, in one list: made for every
            # distinct name of a bibliography (~14,000 at 5,000 entries), 2.1 -> 1.5 us.
            parts = _initials(self.first)
            if self.von:
                parts.append(self.von)
            if self.last:
                parts.append(self.last)
            name = " ".join(parts)
            object.__setattr__(self, "short", f"{name}, {self.jr}" if self.jr else name)

    @property
    def full(self) -> str:
        """``First von Last, Jr``: the name as a person writes it."""
        name = " ".join(part for part in (self.first, self.von, self.last) if part)
        return f"{name}, {self.jr}" if self.jr else name

    @property
    def family(self) -> str:
        return " ".join(part for part in (self.von, self.last) if part)

    @property
    def initials(self) -> str:
        """``Z.`` for ``Zhenheng``, ``A. C.`` for ``Amelie Chi``; a given initial stays."""
        return " ".join(_initials(self.first))


def _initials(first: str) -> list[str]:
    # The usual word ("Zhenheng") inline: a call per word was a fifth of making an Author.
    return [
        word[0] + "." if word[0].isalpha() and word[-1] != "." else _initial(word)
        for word in first.split()
    ]


def _initial(word: str) -> str:
    # What _initials does not do inline: "A.C." (already initials) and "Ph." stay,
    # "'Abdu" -> "A.".
    if word[-1] == ".":
        return word
    for char in word:
        if char.isalpha():
            return f"{char}."
    return word


@dataclass(frozen=True, slots=True)
class Link:
    """An http(s) link of a publication; ``url`` is already checked and percent-encoded."""

    kind: str  # one of LINK_KINDS
    url: str

    @property
    def label(self) -> str:
        return LINK_KINDS[self.kind]


@dataclass(frozen=True, slots=True)
class Publication:
    """One BibTeX entry on its way to the page.

    ``fields`` holds every field as parsed (macros resolved, outer delimiters removed,
    still LaTeX); the typed attributes are what normalise/overrides/classify derived.
    """

    key: str
    entry_type: str
    fields: dict[str, str]
    location: Location
    # Position among all inputs (file index, line of the entry): the last tiebreak.
    order: tuple[int, int] = (0, 0)
    title: str = ""
    # The title reduced to its letters and digits (normalise.title_key), set with it: how
    # a preprint and its published version, and a ``papers:`` title hint, find one work.
    # Made where the entry is read (on any core), not once per list where all are in.
    title_key: str = ""
    authors: tuple[Author, ...] = ()
    year: int | None = None
    month: int | None = None
    # The venue as the BibTeX names it (journal, booktitle, ...), decoded.
    venue_name: str = ""
    # What classify derived: one of VENUE_TYPES, and the short venue ("NeurIPS 2024").
    type: str = "other"
    venue: str = ""
    awards: tuple[str, ...] = ()
    selected: bool = False
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    # Every link, in LINK_KINDS order (set by the links stage, after overrides).
    links: tuple[Link, ...] = ()
    # Per-paper overrides that later stages honour (set by the overrides stage).
    type_override: str = ""
    venue_override: str = ""
    merge: bool = True  # may a preprint and its published version show as one line?
    style: str = ""  # the user's word for templates, from overrides.yaml
    max_authors: int | None = None  # this paper's author limit (overrides.yaml); None: global

    def get(self, name: str) -> str:
        """A field as parsed (still LaTeX), or "" when the entry lacks it."""
        return self.fields.get(name, "")


_LAYOUTS: dict[type[Any], tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]] = {}


def _layout(cls: type[Any]) -> tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]:
    """(getter of every field's value in order, field name -> position), made once."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        names = [field.name for field in fields(cls)]
        if len(names) < 2 or not all(field.init for field in fields(cls)):
            raise TypeError(f"{cls.__name__}: use dataclasses.replace")
        layout = _LAYOUTS[cls] = attrgetter(*names), {n: i for i, n in enumerate(names)}
    return layout


def field_positions(cls: type[Any]) -> dict[str, int]:
    """Field name -> its position in ``field_values`` (and in the constructor's arguments)."""
    return dict(_layout(cls)[1])


def field_values(record: Any) -> tuple[Any, ...]:
    """Every field of ``record`` in order: the arguments its constructor takes back."""
    return _layout(type(record))[0](record)


def replace(record: Record, **changes: Any) -> Record:
    """A copy of ``record`` with ``changes``: what ``dataclasses.replace`` does, ~1.7x faster.

    dataclasses.replace reads each field in a Python loop and passes them all by keyword;
    a build replaces every publication three or four times (normalise, owner, links,
    classify: ~8% of its time when this was written). Here one C-level getter reads
    them and the constructor gets them in order.
    """
    cls = type(record)
    read, position = _layout(cls)
    values = list(read(record))
    for name, value in changes.items():
        if name not in position:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
        values[position[name]] = value
    return cls(*values)
