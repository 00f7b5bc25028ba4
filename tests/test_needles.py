"""Needles rule a venue out without compiling its regex, and never rule out a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pubgen import venues
from pubgen.needles import needles
from pubgen.parse import parse_bib
from pubgen.sources import read_bib
from pubgen.venue_needles import NEEDLES


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bmlsys\b|\bsysml\b|machine learning", {"mlsys", "sysml", "machine learning"}),
        (r"^(?:the )?(?:nature)$", {"nature"}),  # the longest of the required pieces
        (r"colou?r", {"colo"}),  # an optional letter ends a piece
        (r"a+bc", {"bc"}),  # a repeated one too: the next letter need not follow it
        (r"(?:x|y)zz", {"zz"}),
        (r"(?:xx|yy)z", {"xx", "yy"}),
        (r"a{0,2}bcd", {"bcd"}),
        (r"(?P<n>ab)c", {"ab"}),
        (r"icml(?! and applications)", {"icml"}),  # a lookahead consumes nothing
        (r"[a-z]x\.y", {"x.y"}),
        (r"IEEE\s+ACM", {"IEEE"}),
        (r"(ab)*", None),  # may match the empty string
        (r"x|", None),
        (r"[a-z]+", None),
        (r"a(?i)b", None),  # syntax the reader does not follow: no claim at all
        (r"\x41bc|d", None),
        (r"ab)", None),
    ],
)
def test_needles(pattern: str, expected: set[str] | None) -> None:
    assert needles(pattern) == (None if expected is None else frozenset(expected))


# Text made of the pieces regexes are made of, so that generated patterns match some.
_PIECES = ["a", "b", "ab", "c", "|", "?", "*", "+", "(", "(?:", ")", "[ab]", r"\b", " ", "{2}"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.text("abc ", max_size=12))
def test_a_match_always_holds_a_needle(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    try:
        regex = re.compile(pattern)
    except re.error:
        return
    found = needles(pattern)
    if found is not None and regex.search(text):
        assert any(needle in text for needle in found), (pattern, text, found)


def _corpus_venue_names(corpus: Path) -> set[str]:
    names: set[str] = set()
    for path in sorted(corpus.rglob("*.bib")):
        try:
            text, _ = read_bib(str(path))
        except Exception:  # not UTF-8 and the like: nothing to classify
            continue
        for pub in parse_bib(text, str(path))[0]:
            for field in ("journal", "journaltitle", "booktitle", "eventtitle", "series"):
                if pub.get(field):
                    names.add(pub.get(field))
    return names


def test_the_table_scan_finds_what_a_full_scan_finds(corpus: Path) -> None:
    def full_scan(name: str) -> venues.Venue | None:
        cased = venues._REVERSED.sub(r"\2 \1", venues.normalise(name))
        folded = cased.casefold()
        if venues._URL.search(name) or not folded:
            return None
        for venue in venues.VENUES:
            pattern, acronym, exclude = venue.regexes
            hit = pattern.search(folded) or (acronym and acronym.search(cased))
            if hit and not (exclude and exclude.search(folded)):
                return venue
        return None

    names = _corpus_venue_names(corpus) | {v.abbr for v in venues.VENUES}
    assert len(names) > 2000
    found = [name for name in sorted(names) if venues._first_venue(name) is not None]
    assert len(found) > 500  # the check below is not vacuous
    assert [venues._first_venue(n) for n in sorted(names)] == [full_scan(n) for n in sorted(names)]


def test_the_needles_derived_in_advance_are_current() -> None:
    """pubgen/venue_needles.py is what ``python -m pubgen.venues`` writes now, and every
    venue takes its needles from it rather than deriving them."""
    written = Path(venues.__file__).with_name("venue_needles.py").read_text(encoding="utf-8")
    assert written == venues.needle_table(), "venue table changed: run python -m pubgen.venues"
    for venue in venues.VENUES:
        assert venue.pattern in NEEDLES and (not venue.acronym or venue.acronym in NEEDLES)


def test_a_pattern_not_derived_in_advance_gets_its_needles_at_run_time() -> None:
    edited = venues.Venue("X", venues.CONFERENCE, r"\bxyzzy\b|a conference on plugh")
    assert edited.pattern not in NEEDLES
    assert edited.needles == (frozenset({"xyzzy", "a conference on plugh"}), frozenset())
