"""model.replace is dataclasses.replace, only faster."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from pubgen.model import Author, Diagnostic, Link, Location, Publication, replace

WHERE = Location("refs.bib", 3)
PUB = Publication("k", "article", {"title": "T"}, WHERE, year=2020, authors=(Author("A", "B"),))
AUTHOR = Author("Ana", "Núñez", roles=("equal",))


@pytest.mark.parametrize(
    ("record", "changes"),
    [
        (PUB, {}),
        (PUB, {"title": "New"}),
        (PUB, {"year": None, "venue": "NeurIPS 2024", "max_authors": 3, "key": "k2"}),
        (PUB, {"fields": {}, "location": Location("b.bib", 1), "order": (1, 9)}),
        (AUTHOR, {"is_owner": True}),
        (AUTHOR, {"roles": (), "raw": "x", "first": ""}),
        (WHERE, {"line": 4}),
        (Link("doi", "https://doi.org/10.1/x"), {"kind": "pdf"}),
        (Diagnostic(WHERE, "m"), {"severity": "warning", "dropped": True}),
    ],
)
def test_replace_is_dataclasses_replace(record: Any, changes: dict[str, Any]) -> None:
    made = replace(record, **changes)
    assert made == dataclasses.replace(record, **changes)
    assert type(made) is type(record) and made is not record


@pytest.mark.parametrize(
    ("record", "changes", "message"),
    [
        (PUB, {"titel": "x"}, "Publication has no field 'titel'"),
        (AUTHOR, {"roles": (), "owner": True}, "Author has no field 'owner'"),
    ],
)
def test_replace_refuses_what_is_not_a_field(
    record: Any, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        replace(record, **changes)


@pytest.mark.parametrize(
    ("first", "short"),
    [
        ("Zhenheng", "Z. Tang"),
        ("Amelie Chi", "A. C. Tang"),
        ("A.C.", "A.C. Tang"),  # already initials
        ("Ph. D.", "Ph. D. Tang"),  # a given abbreviation stays
        ("Yiu-ming", "Y. Tang"),
        ("'Abdu", "A. Tang"),  # the first letter, not the first character
        ("Élodie", "É. Tang"),
        ("1234", "1234 Tang"),  # no letter at all: kept
        ("", "Tang"),
    ],
)
def test_short_is_the_initials_then_the_family_name(first: str, short: str) -> None:
    assert Author(first=first, last="Tang").short == short
