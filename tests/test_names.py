"""The name-splitting shortcuts must split every name exactly as pybtex does."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from pybtex.database import Person

from pubgen.names import _bibtex_parts, _split_braced, split_and
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
        ("{Barnes and Noble}", False),
        ('M{\\"{u}}ller, Hans', False),
        ("{\\'E}mile Zola", False),
        ("Jean 2nd Last", False),
        ("A. -- B", False),
        ("Tang,~Zhenheng", False),
    ],
)
def test_names_split_by_the_rules_as_pybtex_splits_them(raw: str, handled: bool) -> None:
    parts = _bibtex_parts(raw)
    assert (parts is not None) == handled
    if parts is not None:
        assert parts == _pybtex(raw)


def test_every_name_the_rules_split_in_the_corpus_agrees_with_pybtex(corpus: Path) -> None:
    checked = von = 0
    for name, field in _name_fields(corpus):
        for raw in split_and(field):
            parts = _bibtex_parts(raw)
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
