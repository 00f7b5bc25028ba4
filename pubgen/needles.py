"""Substrings a regex cannot match without, so a text that has none of them is ruled out
before the regex is compiled.

Compiling is what costs: Python's ``re`` compiles in Python, ~60 µs a pattern, and the
venue table has 125 venues. ``needles(pattern)`` reads the pattern's own text (plain
literals, escapes, classes, groups, alternatives, quantifiers) and returns a set of
literal strings of which every match contains at least one, or None when it cannot tell
(then the regex must be tried). Reading less than the pattern says only ever makes the
answer None or weaker, never wrong: a needle is taken only from text that every match of
its branch spells out literally.
"""

from __future__ import annotations

import re

_CLASS_ESCAPES = frozenset("bBdDsSwWAZ")  # \b, \d, ...: not one literal character
_PLAIN = re.compile(r"[^\\\[\](){}|?*+.^$]+")
Needles = frozenset[str]


class _Unread(Exception):
    """Syntax this reader does not follow (flags, backreferences, \\x41...)."""


def needles(pattern: str) -> Needles | None:
    """At least one of these is in every text ``pattern`` matches; None: no such set."""
    try:
        found, end = _alternation(pattern, 0)
    except (_Unread, IndexError, ValueError):
        return None
    return found if end == len(pattern) else None


def _alternation(pattern: str, i: int) -> tuple[Needles | None, int]:
    """Needles of ``a|b|...`` from ``i`` up to an unmatched ")" or the end: the union of
    each branch's, or None if any branch has none."""
    union: set[str] = set()
    known = True
    while True:
        branch, i = _sequence(pattern, i)
        if branch is None:
            known = False
        else:
            union |= branch
        if i < len(pattern) and pattern[i] == "|":
            i += 1
            continue
        return (frozenset(union) if known else None), i


def _sequence(pattern: str, i: int) -> tuple[Needles | None, int]:
    """Needles of one branch: the best of its literal runs and its required groups."""
    candidates: list[Needles] = []
    run = ""
    while i < len(pattern) and pattern[i] not in "|)":
        plain = _PLAIN.match(pattern, i)
        if plain and plain.end() - i > 1:
            # A run of plain letters at once, but for its last one, which a quantifier
            # after the run would make optional or repeated.
            run += pattern[i : plain.end() - 1]
            i = plain.end() - 1
        char, item, i = _item(pattern, i)
        optional, repeated, i = _quantifier(pattern, i)
        if optional or char is None:
            run = _flush(run, candidates)
            if item is not None and not optional:
                candidates.append(item)
            continue
        run += char
        if repeated:  # "a+": the "a" is there, what follows it may not be adjacent
            run = _flush(run, candidates)
    _flush(run, candidates)
    # All of them are required; the one with the longest shortest needle rules out most.
    best = max(candidates, key=lambda found: min(map(len, found)), default=None)
    return best, i


def _flush(run: str, candidates: list[Needles]) -> str:
    if run:
        candidates.append(frozenset({run}))
    return ""


def _item(pattern: str, i: int) -> tuple[str | None, Needles | None, int]:
    """(literal character or None, needles of a group or None, index after the item)."""
    char = pattern[i]
    if char == "\\":
        escaped = pattern[i + 1]
        if escaped in _CLASS_ESCAPES:
            return None, None, i + 2
        if escaped.isalnum():
            raise _Unread(pattern)  # \\1, \\x41, \\n...
        return escaped, None, i + 2
    if char == "[":
        end = i + 1
        end += pattern[end] == "^"
        end += pattern[end] == "]"  # a "]" first is a member
        while pattern[end] != "]":
            end += 2 if pattern[end] == "\\" else 1
        return None, None, end + 1
    if char == "(":
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            start = i + 4 if pattern.startswith("(?<", i) else i + 3
            _, end = _alternation(pattern, start)
            return None, None, end + 1  # a lookaround consumes nothing
        if pattern.startswith("(?:", i):
            start = i + 3
        elif pattern.startswith("(?P<", i):
            start = pattern.index(">", i) + 1
        elif pattern.startswith("(?", i):
            raise _Unread(pattern)  # inline flags, (?P=name)...
        else:
            start = i + 1
        group, end = _alternation(pattern, start)
        if pattern[end] != ")":
            raise _Unread(pattern)
        return None, group, end + 1
    if char in ".^$":
        return None, None, i + 1
    return char, None, i + 1


def _quantifier(pattern: str, i: int) -> tuple[bool, bool, int]:
    """(may be absent, may repeat, index after the quantifier) of the item before ``i``."""
    if i >= len(pattern) or pattern[i] not in "?*+{":
        return False, False, i
    char = pattern[i]
    if char == "{":
        end = pattern.find("}", i)
        if end < 0:
            return False, False, i  # a literal "{"
        low = pattern[i + 1 : end].split(",")[0].strip()
        optional, i = low in ("", "0"), end + 1
    else:
        optional, i = char in "?*", i + 1
    if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive
        i += 1
    return optional, True, i
