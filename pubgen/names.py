"""Author names: split by BibTeX's rules *before* LaTeX is decoded (pubgen.nameparts), then
each part decoded. Matching a person (owner, roles) uses ``name_key``: case- and
accent-insensitive, blind to hyphens, dots and spacing, so that ``Tang, Zhenheng``,
``Zhenheng Tang`` and ``{Tang}, Zhenheng`` are one person.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping

from pubgen.latex import decode
from pubgen.lazyre import LazyRegex
from pubgen.model import Author
from pubgen.nameparts import parts, plain_parts

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


# Characters that decode acts on (braces, commands, "~", "$"), that strip_markers acts on
# ("<", "$", "\\"), or that make a name more than words and one comma: biblatex's
# "family=", the mask of nameparts. One character class scans several times faster than
# the alternatives below, which the few names left go through.
_NOT_PLAIN_CHARS = "{}\\~$<=\x00"


def _plain_rejects(table: Mapping[str, str]) -> re.Pattern[str]:
    """What keeps a name off ``_plain_author`` for one marker table: any of its symbols too."""
    chars = _NOT_PLAIN_CHARS + "".join(symbol for symbol in table if len(symbol) == 1)
    longer = [re.escape(symbol) for symbol in table if len(symbol) != 1]
    return re.compile("|".join(["[" + re.escape(chars) + "]", *longer]))


def _plain_author(raw: str) -> Author | None:
    """The Author of a name ``_plain_rejects`` passed, or None if it needs ``_decoded``.

    decode leaves such a name's parts as they are (words joined by single spaces, with
    nothing it would act on), so they are not decoded: the masking, unmasking and four
    decode calls per name were a third of the normalise stage (tests/test_names.py checks
    this agrees with ``_decoded`` on every such corpus name). The last part of
    ``plain_parts`` is never empty, so there is no "Plato" swap to make.
    """
    if "--" in raw or "``" in raw or "''" in raw:  # what else decode changes: dashes, quotes
        return None
    if raw.strip().lower() == "others":
        return None  # "et al.", which _decoded makes
    split = plain_parts(raw)
    if split is None:
        return None
    first, von, last, jr = split
    # Interned, as decode's cache shared them before: 50,000 entries repeat given and
    # family names, and a copy of each in every Author was 2 MB.
    return Author(sys.intern(first), sys.intern(last), von, jr, raw)


def _decoded(raw: str, roles: tuple[str, ...]) -> Parsed:
    """The Author of any name with its markers stripped, and the commands decode kept."""
    if raw.strip().lower() == "others":
        return Author(first="", last="", raw=raw, is_others=True), ()
    unknown: list[str] = []
    decoded = []
    for part in parts(raw):
        result = decode(part)
        decoded.append(result.text)
        unknown.extend(result.unknown)
    first, von, last, jr = decoded
    if not last and first:  # "Plato": pybtex calls a lone word the last name; keep it
        first, last = "", first
    author = Author(first=first, last=last, von=von, jr=jr, raw=raw, roles=roles)
    return author, tuple(unknown)


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
    rejects = _plain_rejects(table)

    @functools.lru_cache(maxsize=1 << 15)
    def parse(raw: str) -> Parsed:
        if not rejects.search(raw):
            author = _plain_author(raw)
            if author is not None:
                return author, ()
        raw, roles = strip_markers(raw, table) if marked.search(raw) else (raw, ())
        return _decoded(raw, roles)

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
