"""One BibTeX name split into (first, von, last, jr), each part still LaTeX.

Splitting comes *before* LaTeX is decoded: ``{\\relax Ph}ilippe`` or ``{Barnes and Noble,
Inc.}`` only split correctly while their braces are still there. BibTeX's word and case
rules are applied here for the names that need no more (most real ones); pybtex splits
the rest (tests/test_names.py checks the two agree on the whole corpus).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from pubgen.lazyre import LazyRegex
from pubgen.values import one_group

Parts = tuple[str, str, str, str]  # (first, von, last, jr)

# Braces, commands, ties, a second comma or a dash-only word need pybtex's full rules.
_NOT_PLAIN = re.compile(r"[{}\\~]|,.*,|(?:^|\s)-")
_DASH_WORD = re.compile(r"(?:^|\s)-")
# biblatex's extended name format: "family=Oord, given=Aaron, prefix=van den, useprefix=true"
_EXTENDED = re.compile(r"^\s*(family|given|prefix|suffix)\s*=", re.IGNORECASE)
_EXTENDED_PART = LazyRegex(r"(\w+)\s*=\s*(\{[^{}]*\}|[^,]*)")
# One special character in braces ("{\\'e}", "{\\c c}", "{\\o}"): a word never splits inside it.
_SPECIAL = re.compile(r"\{\\[^{}]*\}")
_MASK = "\x00"  # stands for one special character while words and commas are found


def _von(word: str) -> bool | None:
    """pybtex's "is this a von word" where its first character decides, else None."""
    if word[0].isupper():
        return False
    return True if word[0].islower() else None


def _unmask(word: str, specials: Iterator[str]) -> str:
    return "".join(next(specials) if char == _MASK else char for char in word)


def _by_rules(before: list[str], after: list[str] | None) -> Parts | None:
    """BibTeX's split of the words before and after a name's comma (``after`` is None
    without one), or None where a word's case is not decided by its first character."""
    if not before:
        return None
    if after is not None:
        first_middle, von_last = after, before
    else:
        # "First von Last": von starts at the first lower-case word; the last word is
        # the last name whatever its case.
        cases = [_von(word) for word in before[:-1]]
        if None in cases:
            return None
        start = cases.index(True) if True in cases else len(before) - 1
        first_middle, von_last = before[:start], before[start:]
    if len(von_last) == 1:  # most names: one family word, so no von to look for
        return " ".join(first_middle), "", von_last[0], ""
    # "von Last": von ends at the last lower-case word before the last one.
    cases = [_von(word) for word in von_last[:-1]]
    if None in cases:
        return None
    end = len(cases) - cases[::-1].index(True) if True in cases else 0
    return " ".join(first_middle), " ".join(von_last[:end]), " ".join(von_last[end:]), ""


def plain_parts(raw: str) -> Parts | None:
    """``bibtex_parts`` of a name the caller found free of braces, backslashes, ``~`` and
    the mask: nothing to mask, so its words are ``str.split``'s."""
    family, comma, given = raw.partition(",")
    if "," in given or ("-" in raw and _DASH_WORD.search(raw)):
        return None
    return _by_rules(family.split(), given.split() if comma else None)


def bibtex_parts(raw: str) -> Parts | None:
    """BibTeX's split of a name that needs no more than its word and case rules, else None.

    Most real names are such: "Tang, Zhenheng", "Zhenheng Tang", "da Silva, Paweł",
    "Ludwig van Beethoven", "Wi{\\'s}niewski, Ming": at most one comma, and braces only
    around one special character each; and an organisation in one pair of braces. pybtex's
    rules for these are short enough to apply here, which saves its import (~25 ms in each
    process that meets a name like "{OpenAI}") and most of the name-splitting time.
    """
    if _MASK in raw:
        return None
    # One braced group is an organisation ("{OpenAI}"): one word to BibTeX, so its last
    # name whatever is inside. With a backslash ("\{" is no brace to pybtex) its rules decide.
    if "\\" not in raw and one_group(raw):
        return "", "", raw, ""
    specials = iter(_SPECIAL.findall(raw))
    masked = _SPECIAL.sub(_MASK, raw)
    if _NOT_PLAIN.search(masked):
        return None

    def words(part: str) -> list[str]:
        return [_unmask(word, specials) if _MASK in word else word for word in part.split()]

    family, comma, given = masked.partition(",")
    before = words(family)
    return _by_rules(before, words(given) if comma else None)


@functools.cache
def _person_class() -> Any:
    """pybtex's Person, imported only when a name needs BibTeX's rules."""
    from pybtex.database import Person
    from pybtex.errors import set_strict_mode

    set_strict_mode(True)  # raise, rather than print, on e.g. "too many commas"
    return Person


def parts(raw: str) -> Parts:
    """(first, von, last, jr) of any name, each still LaTeX."""
    if _EXTENDED.match(raw):
        found = {
            key.lower(): value.strip().strip("{}")
            for key, value in _EXTENDED_PART.compiled.findall(raw)
        }
        return (
            found.get("given", ""),
            found.get("prefix", ""),
            found.get("family", ""),
            found.get("suffix", ""),
        )
    known = bibtex_parts(raw)
    if known is not None:
        return known
    try:
        person = _person_class()(raw)
    except Exception:  # pybtex raises its own errors for e.g. "a, b, c, d"
        return "", "", raw, ""
    return (
        " ".join(person.first_names + person.middle_names),
        " ".join(person.prelast_names),
        " ".join(person.last_names),
        " ".join(person.lineage_names),
    )
