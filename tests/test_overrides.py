from __future__ import annotations

from collections.abc import Sequence

import pytest

from pubgen.config import Config, parse_config
from pubgen.model import Diagnostic, Location, Publication
from pubgen.names import parse_authors
from pubgen.normalise import title_key
from pubgen.overrides import apply_paper_overrides, mark_owner, owner_of


def _pub(author: str, key: str = "k") -> Publication:
    authors, _ = parse_authors(author)
    return Publication(key, "article", {}, Location("r.bib", 1), authors=authors)


def apply_overrides(
    publications: Sequence[Publication], config: Config
) -> tuple[list[Publication], list[Diagnostic]]:
    """The owner marked per entry, then ``papers:``: the order pipeline.load runs them in."""
    owner = owner_of(config)
    return apply_paper_overrides([mark_owner(pub, owner) for pub in publications], config)


CONFIG = """\
owner:
  names: [Zhenheng Tang]
papers:
  k:
    lead: [Zhenheng Tang]
    corresponding: [Zhenheng Tang, X. Chu]
"""


def test_owner_is_matched_by_identity_not_by_printed_form() -> None:
    pub = _pub("Tang, Zichen and Huang, Jiajun and Tang, Zhenheng and Chu, Xiaowen")
    (result,), diagnostics = apply_overrides([pub], parse_config(CONFIG, "o.yaml"))
    assert diagnostics == []
    assert [a.short for a in result.authors] == ["Z. Tang", "J. Huang", "Z. Tang", "X. Chu"]
    assert [a.is_owner for a in result.authors] == [False, False, True, False]
    assert [a.roles for a in result.authors] == [
        (),
        (),
        ("lead", "corresponding"),
        ("corresponding",),
    ]


@pytest.mark.parametrize(
    "spelling",
    [
        "Tang, Zhenheng",
        "Zhenheng Tang",
        "{Tang}, Zhenheng",
        "TANG, ZHENHENG",
        "Tang, Zhen-heng",
        "T{\\'a}ng, Zhenheng",
    ],
)
def test_owner_spellings(spelling: str) -> None:
    (result,), _ = apply_overrides([_pub(f"Li, Qi and {spelling}")], parse_config(CONFIG, "o.yaml"))
    assert [a.is_owner for a in result.authors] == [False, True]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "Z. Tang",
            "o.yaml:5: [k] equal: 'Z. Tang' matches more than one author (positions 1, 2): "
            "write the full name or the position",
        ),
        (
            "Bo Li",
            "o.yaml:5: [k] equal: 'Bo Li' matches no author (authors: Zichen Tang, Zhenheng Tang)",
        ),
        ("3", "o.yaml:5: [k] equal: author position 3 is out of range (1-2)"),
    ],
)
def test_role_names_that_do_not_name_one_author(ref: str, message: str) -> None:
    config = parse_config(
        f"owner: {{names: [Zhenheng Tang]}}\npapers:\n  k:\n    equal:\n      - {ref}\n", "o.yaml"
    )
    _, diagnostics = apply_overrides([_pub("Tang, Zichen and Tang, Zhenheng")], config)
    assert [str(d) for d in diagnostics] == [message]


def test_override_for_a_missing_key_is_a_warning_at_its_line() -> None:
    config = parse_config("papers:\n  gone:\n    awards: [Oral]\n", "o.yaml")
    _, diagnostics = apply_overrides([_pub("A, B")], config)
    assert [(str(d), d.severity) for d in diagnostics] == [
        ("o.yaml:2: [gone] override matches no entry in the .bib files", "warning")
    ]


def test_et_al_is_never_a_person() -> None:
    (result,), _ = apply_overrides(
        [_pub("Tang, Zhenheng and others")], parse_config(CONFIG, "o.yaml")
    )
    assert [(a.is_others, a.is_owner) for a in result.authors] == [(False, True), (True, False)]


def test_title_key_keeps_exactly_what_isalnum_keeps() -> None:
    # Every code point once: the regex must drop what str.isalnum() drops, no more.
    every = "".join(map(chr, range(0x110000)))
    assert title_key(every) == "".join(char for char in every.casefold() if char.isalnum())
