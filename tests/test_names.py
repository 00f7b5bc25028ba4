"""The plain-name shortcut must split every name exactly as pybtex does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import Person

from pubgen.names import _plain_parts, _split_braced, split_and
from pubgen.parse import parse_bib


def _pybtex(raw: str) -> tuple[str, str, str, str]:
    person = Person(raw)
    return (
        " ".join(person.first_names + person.middle_names),
        " ".join(person.prelast_names),
        " ".join(person.last_names),
        " ".join(person.lineage_names),
    )


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("Tang, Zhenheng", True),
        ("Zhenheng Tang", True),
        ("Cheung, Yiu-ming", True),
        ("Zhou, Amelie  Chi", True),
        ("liu, zhuang", True),
        ("Ludwig van Beethoven", False),
        ("van den Oord, Aaron", False),
        ("Doe, Jr., John", False),
        ("{Barnes and Noble}", False),
        ("R{\\o}nnow, T.", False),
        ("Plato", False),
        ("A. -- B", False),
    ],
)
def test_plain_names_split_as_pybtex_does(raw: str, plain: bool) -> None:
    parts = _plain_parts(raw)
    assert (parts is not None) == plain
    if parts is not None:
        assert parts == _pybtex(raw)


def test_every_plain_name_in_the_corpus_agrees_with_pybtex(corpus: Path) -> None:
    checked = 0
    for path in sorted(corpus.glob("*/*.bib")):
        text = path.read_bytes().decode("utf-8", "replace")
        for pub in parse_bib(text, str(path))[0]:
            for raw in split_and(pub.get("author")):
                parts = _plain_parts(raw)
                if parts is None or re.search(r"[=*#<$]", raw):
                    continue
                try:
                    expected = _pybtex(raw)
                except Exception:
                    continue
                assert parts == expected, (path.name, raw)
                checked += 1
    assert checked > 10_000


def test_brace_free_author_fields_split_as_the_brace_aware_loop_does(corpus: Path) -> None:
    checked = 0
    for path in sorted(corpus.glob("*/*.bib")):
        text = path.read_bytes().decode("utf-8", "replace")
        for pub in parse_bib(text, str(path))[0]:
            for field in (pub.get("author"), pub.get("editor")):
                if field and "{" not in field and "}" not in field:
                    assert split_and(field) == _split_braced(field), (path.name, field)
                    checked += 1
    assert checked > 1_000
