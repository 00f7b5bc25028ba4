"""The name-splitting shortcuts must split every name exactly as pybtex does, and the plain-name
path must give exactly what decoding the parts gives."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from pybtex.database import Person

from pubgen.nameparts import bibtex_parts
from pubgen.names import (
    DEFAULT_NAME_MARKERS,
    _decoded,
    _plain_author,
    _plain_rejects,
    _split_braced,
    parse_author,
    split_and,
)
from pubgen.parse import parse_bib


def _pybtex(raw: str) -> tuple[str, str, str, str]:
    person = Person(raw)
    return (
        " ".join(person.first_names + person.middle_names),
        " ".join(person.prelast_names),
        " ".join(person.last_names),
        " ".join(person.lineage_names),
    )


@functools.cache
def _name_fields(corpus: Path) -> list[tuple[str, str]]:
    """(file name, author or editor field) of every corpus entry, parsed once per session."""
    fields = []
    for path in sorted(corpus.glob("*/*.bib")):
        text = path.read_bytes().decode("utf-8", "replace")
        for pub in parse_bib(text, str(path))[0]:
            fields += [(path.name, pub.get(name)) for name in ("author", "editor") if pub.get(name)]
    return fields


def test_brace_free_author_fields_split_as_the_brace_aware_loop_does(corpus: Path) -> None:
    checked = 0
    for name, field in _name_fields(corpus):
        if "{" not in field and "}" not in field:
            assert split_and(field) == _split_braced(field), (name, field)
            checked += 1
    assert checked > 1_000


@pytest.mark.parametrize(
    ("raw", "handled"),
    [
        ("Tang, Zhenheng", True),
        ("Zhenheng Tang", True),
        ("Cheung, Yiu-ming", True),
        ("Zhou, Amelie  Chi", True),
        ("liu, zhuang", True),
        ("Ludwig van Beethoven", True),
        ("van den Oord, Aaron", True),
        ("de la Fuente P\u00e9rez, Ana", True),
        ("Jean de la Fontaine", True),
        ("R{\\o}nnow, T.", True),
        ("Gon{\\c c}alves, \u00c7a{\\u g}r{\\i}", True),
        ('{\\"O}zt{\\"u}rk, Hans-Peter', True),
        ("Plato", True),
        ("Doe, Jr., John", False),
        ("{Barnes and Noble}", True),
        ("{Barnes and Noble, Inc.}", True),
        ("{OpenAI}", True),
        ("{The {LLM} Team}", True),
        ("{Google} {DeepMind}", False),
        ("{Google}, DeepMind", False),
        ("{\\relax Ph}ilippe Martin", False),
        ("{a\\}b}", False),
        ('M{\\"{u}}ller, Hans', False),
        ("{\\'E}mile Zola", False),
        ("Jean 2nd Last", False),
        ("A. -- B", False),
        ("Tang,~Zhenheng", False),
    ],
)
def test_names_split_by_the_rules_as_pybtex_splits_them(raw: str, handled: bool) -> None:
    parts = bibtex_parts(raw)
    assert (parts is not None) == handled
    if parts is not None:
        assert parts == _pybtex(raw)


def test_every_name_the_rules_split_in_the_corpus_agrees_with_pybtex(corpus: Path) -> None:
    checked = von = 0
    for name, field in _name_fields(corpus):
        for raw in split_and(field):
            parts = bibtex_parts(raw)
            if parts is None or re.search(r"[=*#<$]", raw):
                continue
            try:
                expected = _pybtex(raw)
            except Exception:
                continue
            assert parts == expected, (name, raw)
            checked += 1
            von += bool(parts[1]) or "{" in raw
    assert checked > 200_000 and von > 5_000


def _plain(raw: str) -> bool:
    """Does ``raw`` take the plain-name path (no masking, no decode) of parse_author?"""
    rejected = _plain_rejects(DEFAULT_NAME_MARKERS).search(raw)
    return not rejected and _plain_author(raw) is not None


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("N\u00fa\u00f1ez-Garc\u00eda, Ana Mar\u00eda", True),
        ("Ana Mar\u00eda N\u00fa\u00f1ez-Garc\u00eda", True),
        ("van den Oord, Aaron", True),
        ("Ludwig van Beethoven", True),
        ("O'Brien, Aoife", True),
        ("Zhou, Amelie  Chi", True),
        ("Plato", True),
        ("others", False),  # "et al.": _decoded makes it, for plain names and marked ones
        (" Others ", False),
        ("Jean 2nd Last", False),  # the word rules do not decide: pybtex does
        (", Aaron", False),
        ("Smith--Jones, A.", False),  # decode makes "--" a dash
        ("O''Brien, Aoife", False),  # and "''" a quote
        ("``Tang'', Zhenheng", False),
        ("Doe, Jr., John", False),
        ("A. -B", False),
        ("-B A.", False),
        ("R{\\o}nnow, T.", False),
        ("Tang,~Zhenheng", False),
        ("Einstein*, A.", False),
        ("Einstein\u2020, A.", False),
        ("Xie<b>#</b>, Junwei", False),
        ("$^*$Li, Wei", False),
        ("family=Oord, given=Aaron, prefix=van den", False),
    ],
)
def test_plain_names_skip_decoding_and_give_what_decoding_gives(raw: str, plain: bool) -> None:
    assert _plain(raw) == plain
    if plain:
        assert parse_author(raw) == (_plain_author(raw), ()) == _decoded(raw, ())


def test_every_plain_name_in_the_corpus_parses_as_decoding_its_parts_does(corpus: Path) -> None:
    checked = von = 0
    for name, field in _name_fields(corpus):
        for raw in split_and(field):
            if _plain(raw):
                author = _plain_author(raw)
                assert (author, ()) == _decoded(raw, ()), (name, raw)
                checked += 1
                von += bool(author and author.von)
    assert checked > 200_000 and von > 2_000
