"""Author names: split by BibTeX's rules *before* LaTeX is decoded, then decode each part.

Splitting first matters: ``{\\relax Ph}ilippe`` or ``{Barnes and Noble, Inc.}`` only split
correctly while their braces are still there. Matching a person (owner, roles) uses
``name_key``: case- and accent-insensitive, blind to hyphens, dots and spacing, so that
``Tang, Zhenheng``, ``Zhenheng Tang`` and ``{Tang}, Zhenheng`` are one person.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pubgen.latex import decode
from pubgen.lazyre import LazyRegex
from pubgen.model import Author

# al-folio and hand-kept bibs type roles into names: "Einstein*†, A.", "Xie<b>#</b>, Junwei".
DEFAULT_NAME_MARKERS = {
    "*": "equal",
    "#": "equal",
    "†": "corresponding",
    "✉": "corresponding",
    "📧": "corresponding",
    "💡": "lead",
}
_HTML_TAG = LazyRegex(r"</?(?:b|strong|i|em|sup|u|span)\b[^>]*>", re.IGNORECASE)
# LaTeX spellings of marker symbols, so that one table entry covers them all.
_MARKER_SPELLINGS = (
    (LazyRegex(r"\$\^\{?\\?(\*|ast)\}?\$|\\textsuperscript\{\*\}|\\ast\b"), "*"),
    (LazyRegex(r"\$\^?\{?\\dagger\}?\$|\\textdagger\b|\\dag\b|\\textsuperscript\{\\dag\}"), "†"),
)
# Braces, commands, ties, a second comma or a dash-only word need pybtex's full rules.
_NOT_PLAIN = re.compile(r"[{}\\~]|,.*,|(?:^|\s)-")
# biblatex's extended name format: "family=Oord, given=Aaron, prefix=van den, useprefix=true"
_EXTENDED = re.compile(r"^\s*(family|given|prefix|suffix)\s*=", re.IGNORECASE)
_EXTENDED_PART = LazyRegex(r"(\w+)\s*=\s*(\{[^{}]*\}|[^,]*)")


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AND_OR_BRACE = LazyRegex(r"[{}]|\s+and\s+", re.IGNORECASE)


def split_and(value: str) -> list[str]:
    """Split an author field at the ``and`` that are outside braces."""
    if "{" in value or "}" in value:
        return _split_braced(value)
    # Without braces every "and" splits (tests/test_names.py checks the two paths agree).
    names = [name.strip() for name in _AND.split(value)]
    return [name for name in names if name]


def _split_braced(value: str) -> list[str]:
    names: list[str] = []
    depth = 0
    start = 0
    for match in _AND_OR_BRACE.compiled.finditer(value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


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


def _bibtex_parts(raw: str) -> tuple[str, str, str, str] | None:
    """BibTeX's split of a name that needs no more than its word and case rules, else None.

    Most real names are such: "Tang, Zhenheng", "Zhenheng Tang", "da Silva, Paweł",
    "Ludwig van Beethoven", "Wi{\\'s}niewski, Ming": at most one comma, and braces only
    around one special character each. pybtex's rules for these are short enough to apply
    here, which saves its import and most of the name-splitting time
    (tests/test_names.py checks every such corpus name against pybtex).
    """
    if _MASK in raw:
        return None
    specials = iter(_SPECIAL.findall(raw))
    masked = _SPECIAL.sub(_MASK, raw)
    if _NOT_PLAIN.search(masked):
        return None

    def words(part: str) -> list[str]:
        return [_unmask(word, specials) if _MASK in word else word for word in part.split()]

    family, comma, given = masked.partition(",")
    if comma:
        before, after = words(family), words(given)
        if not before:
            return None
        first_middle, von_last = after, before
    else:
        every = words(masked)
        if not every:
            return None
        # "First von Last": von starts at the first lower-case word; the last word is
        # the last name whatever its case.
        cases = [_von(word) for word in every[:-1]]
        if None in cases:
            return None
        start = cases.index(True) if True in cases else len(every) - 1
        first_middle, von_last = every[:start], every[start:]
    # "von Last": von ends at the last lower-case word before the last one.
    cases = [_von(word) for word in von_last[:-1]]
    if None in cases:
        return None
    end = len(cases) - cases[::-1].index(True) if True in cases else 0
    return " ".join(first_middle), " ".join(von_last[:end]), " ".join(von_last[end:]), ""


@functools.cache
def _person_class() -> Any:
    """pybtex's Person, imported only when a name needs BibTeX's rules."""
    from pybtex.database import Person
    from pybtex.errors import set_strict_mode

    set_strict_mode(True)  # raise, rather than print, on e.g. "too many commas"
    return Person


def _parts(raw: str) -> tuple[str, str, str, str]:
    """(first, von, last, jr), each still LaTeX."""
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
    known = _bibtex_parts(raw)
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


def strip_markers(raw: str, markers: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """``raw`` without typed-in role markers and HTML tags, and the roles, in typed order."""
    if not any(char in raw for char in "<$\\") and not any(m in raw for m in markers):
        return raw, ()
    text = _HTML_TAG.compiled.sub("", raw)
    for pattern, symbol in _MARKER_SPELLINGS:
        text = pattern.compiled.sub(symbol, text)
    found = sorted((text.find(symbol), symbol) for symbol in markers if symbol and symbol in text)
    roles = tuple(dict.fromkeys(markers[symbol] for _, symbol in found))
    for symbol in markers:
        text = text.replace(symbol, "")
    return text, roles


Markers = tuple[tuple[str, str], ...]  # a marker table as a cache key: (symbol, role) pairs
Parsed = tuple[Author, tuple[str, ...]]


def parse_author(raw: str, markers: Mapping[str, str] | None = None) -> Parsed:
    """One BibTeX name as an Author, and the LaTeX commands that could not be decoded.

    Role markers typed into the name (see ``strip_markers``) become the author's roles.
    """
    return _name_parser(_marker_key(markers))(raw)


def _marker_key(markers: Mapping[str, str] | None) -> Markers:
    return tuple((DEFAULT_NAME_MARKERS if markers is None else markers).items())


@functools.lru_cache(maxsize=8)  # one per marker table: overrides.yaml's, the default
def _name_parser(markers: Markers) -> Callable[[str], Parsed]:
    """A parser of names for one marker table, remembering the names it has parsed.

    A big bibliography repeats the same names (half of them at 5,000 entries); Author is
    frozen, so one parsed name can be shared by every paper that spells it so. The
    cache is keyed by the name alone, so a lookup costs one string hash.
    """
    table = dict(markers)
    # Anything strip_markers would act on; without it the name keeps no roles.
    marked = re.compile("|".join([r"[<$\\]", *map(re.escape, table)]))

    @functools.lru_cache(maxsize=1 << 15)
    def parse(raw: str) -> Parsed:
        raw, roles = strip_markers(raw, table) if marked.search(raw) else (raw, ())
        if raw.strip().lower() == "others":
            return Author(first="", last="", raw=raw, is_others=True), ()
        unknown: list[str] = []
        decoded = []
        for part in _parts(raw):
            result = decode(part)
            decoded.append(result.text)
            unknown.extend(result.unknown)
        first, von, last, jr = decoded
        if not last and first:  # "Plato": pybtex calls a lone word the last name; keep it
            first, last = "", first
        author = Author(first=first, last=last, von=von, jr=jr, raw=raw, roles=roles)
        return author, tuple(unknown)

    return parse


def parse_authors(
    value: str, markers: Mapping[str, str] | None = None
) -> tuple[tuple[Author, ...], tuple[str, ...]]:
    parse = _name_parser(_marker_key(markers))
    authors = []
    unknown: list[str] = []
    for raw in split_and(value):
        author, commands = parse(raw)
        authors.append(author)
        unknown.extend(commands)
    return tuple(authors), tuple(unknown)


@functools.lru_cache(maxsize=1 << 16)  # a big bibliography repeats the same names
def _fold(text: str) -> str:
    # Accents off, case folded, and only letters/digits kept: "Yiu-ming" == "Yiuming".
    stripped = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return "".join(char for char in stripped.casefold() if char.isalnum())


def name_key(author: Author) -> tuple[str, str]:
    """Identity of a person as (family, given), insensitive to spelling details."""
    return family_key(author), _fold(author.first)


def family_key(author: Author) -> str:
    """The first half of ``name_key``: enough to rule most people out."""
    # author.last is the family when there is no von part, without the property's join.
    return _fold(author.family if author.von else author.last)


def compatible(spec: Author, author: Author) -> bool:
    """Could ``spec`` ("X. Chu", "Xiaowen Chu", "Chu") name ``author``?

    Same family name, and each given name of ``spec`` is either the author's given name
    or its initial, word by word.
    """
    if _fold(spec.family) != _fold(author.family):
        return False
    wanted = [_fold(word) for word in re.split(r"[\s.\-]+", spec.first) if _fold(word)]
    have = [_fold(word) for word in re.split(r"[\s.\-]+", author.first) if _fold(word)]
    if not wanted:
        return True
    if len(wanted) > len(have):
        # "Amelie Chi" vs "Amelie": no; "A. C." vs "Amelie Chi": checked below
        return False
    return all(have[i].startswith(w) if len(w) == 1 else have[i] == w for i, w in enumerate(wanted))
