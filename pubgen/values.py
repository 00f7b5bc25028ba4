"""Field values: delimiters removed, ``@string`` macros expanded, ``#`` pieces joined.

bibtexparser hands over each value as written; its middleware neither concatenates nor
reports an undefined macro, and a value it accepted may still be broken (a missing comma
swallows the next field). ``evaluate`` reads a value strictly and says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# BibTeX's predefined month macros (plain.bst and friends).
MONTH_MACROS = {
    short: name
    for name in (
        "January February March April May June July August September October November December"
    ).split()
    # BibTeX predefines jan..dec; many files also write the bare full name.
    for short in (name[:3].lower(), name.lower())
}

# A macro name or a number: BibTeX allows any printable character but these.
_WORD = re.compile(r"[^\s\"#%'(),={}]+")
_BRACE_MARKS = re.compile(r"[{}]")
_QUOTE_MARKS = re.compile(r'[{}"]')


def _one_group(depth: int) -> str:
    # Balanced braces nested up to ``depth`` levels in one outer pair; possessive, so a
    # failure never backtracks.
    inner = r"[^{}]*+"
    for _ in range(depth):
        inner = r"(?:[^{}]++|\{" + inner + r"\})*+"
    return r"\{" + inner + r"\}"


# A value that is one braced group with braces inside ("{{Protected}} Title"): a tenth of
# all values, which _closing's loop over every brace made a third of evaluate's time.
_ONE_GROUP = re.compile(_one_group(4))


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


def one_group(value: str) -> bool:
    """Is ``value`` one braced group, its first brace closed by its last ("{Title}",
    "{{Protected}} Title}", "{Barnes and Noble, Inc.}")?"""
    if value[:1] != "{" or value[-1:] != "}":
        return False
    inner = value[1:-1]
    return ("{" not in inner and "}" not in inner) or _closed_by_last(value)


def _closed_by_last(value: str) -> bool:
    """Is the first brace of ``value``, which starts and ends with one, closed by its last?"""
    return bool(_ONE_GROUP.fullmatch(value)) or _closing(value, 0) == len(value) - 1


def evaluate(value: str, macros: Mapping[str, str]) -> str:
    """The text of a raw value: delimiters removed, macros expanded, ``#`` pieces joined.

    ``macros`` is keyed by lower-case name (BibTeX macro names are case-insensitive).
    Raises UndefinedMacro for a bare word that names no macro, and MalformedValue for
    anything else that is not a value, such as a missing comma swallowing the next field.
    """
    if value[:1] == "{" and value[-1:] == "}":
        # Nearly every value is one braced group: skip the general reader below. The
        # common case is tested here, inline: a call for each of 75,000 values costs ~8 ms.
        inner = value[1:-1]
        if ("{" not in inner and "}" not in inner) or _closed_by_last(value):
            return inner
    if _WORD.fullmatch(value):  # a year or a month macro, most of the rest
        return value if value.isdigit() else _macro(value, macros)
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
                raise MalformedValue(f"unexpected {excerpt(value, position)} in value")
            text = word.group()
            parts.append(text if text.isdigit() else _macro(text, macros))
            position = word.end()
        position = _skip_space(value, position)
        if position >= len(value):
            return "".join(parts)
        if value[position] != "#":
            raise MalformedValue(
                f"text after the value: {excerpt(value, position)} (a missing comma?)"
            )
        position += 1


def _macro(name: str, macros: Mapping[str, str]) -> str:
    try:
        return macros[name.lower()]
    except KeyError:
        raise UndefinedMacro(name) from None


def _skip_space(value: str, position: int) -> int:
    while position < len(value) and value[position].isspace():
        position += 1
    return position


def excerpt(value: str, position: int) -> str:
    text = " ".join(value[position : position + 30].split())
    return f"`{text}`"
