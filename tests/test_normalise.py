from __future__ import annotations

import pytest

from pubgen.model import Location, Publication
from pubgen.names import parse_authors
from pubgen.normalise import normalise


def _normalise(**fields: str) -> tuple[Publication, list[str]]:
    pub, diagnostics = normalise(Publication("k", "article", fields, Location("r.bib", 7)))
    return pub, [f"{d.severity}: {d.message}" for d in diagnostics]


@pytest.mark.parametrize(
    ("fields", "year", "month"),
    [
        ({"year": "2024", "month": "December"}, 2024, 12),
        ({"year": "2024", "month": "dec"}, 2024, 12),
        ({"year": "2024", "month": "5"}, 2024, 5),
        ({"year": "2024", "month": "fall"}, 2024, None),
        ({"date": "2024-05"}, 2024, 5),
        ({"date": "2024-05-17"}, 2024, 5),
        ({"date": "2015-06-22/2015-06-26"}, 2015, 6),
        ({"date": "2019?"}, 2019, None),
        ({"year": "2020", "date": "2020-03-01"}, 2020, 3),
    ],
)
def test_dates(fields: dict[str, str], year: int, month: int | None) -> None:
    pub, problems = _normalise(title="t", **fields)
    assert (pub.year, pub.month, problems) == (year, month, [])


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"year": "in press"}, "error: year is not a year: 'in press'"),
        ({"year": "2024a"}, "error: year is not a year: '2024a'"),
        ({}, "warning: no year: listed as undated"),
        (
            {"year": "2024", "doi": "not-a-doi"},
            "warning: doi is not a DOI (10.NNNN/...): 'not-a-doi'",
        ),
        (
            {"year": "2024", "url": "javascript:alert(1)"},
            "warning: url is not an http(s) link, not shown: 'javascript:alert(1)'",
        ),
        (
            {"year": "2024", "title": "A \\foo{b}"},
            "warning: unknown LaTeX command \\foo kept as text",
        ),
    ],
)
def test_problems(fields: dict[str, str], problem: str) -> None:
    _, problems = _normalise(**{"title": "t", **fields})
    assert problems == [problem]


@pytest.mark.parametrize(
    ("fields", "doi", "arxiv"),
    [
        ({"doi": "https://doi.org/10.1145/3711896.3737413"}, "10.1145/3711896.3737413", ""),
        ({"doi": "10.48550/arXiv.2401.17644"}, "10.48550/arXiv.2401.17644", "2401.17644"),
        ({"eprint": "2401.17644v2", "archiveprefix": "arXiv"}, "", "2401.17644"),
        ({"journal": "arXiv preprint arXiv:2303.01778"}, "", "2303.01778"),
        ({"journal": "CoRR", "volume": "abs/2003.06307"}, "", "2003.06307"),
        ({"url": "https://arxiv.org/abs/2410.04808"}, "", "2410.04808"),
    ],
)
def test_identifiers(fields: dict[str, str], doi: str, arxiv: str) -> None:
    pub, _ = _normalise(title="t", year="2024", **fields)
    assert (pub.doi, pub.arxiv) == (doi, arxiv)


def test_decodes_shown_fields_but_not_identifiers() -> None:
    pub, _ = _normalise(
        title="{FuseFL}: 100\\% {\\'E}t{\\'e}",
        booktitle="Advances in {Neural} Information Processing Systems",
        url="https://example.org/a_b{c}",
        year="2024",
    )
    assert pub.title == "FuseFL: 100% Été"
    assert pub.venue_name == "Advances in Neural Information Processing Systems"
    assert pub.url == "https://example.org/a_b{c}"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Tang, Zhenheng and Zhenheng Tang", [("Zhenheng", "", "Tang", "")] * 2),
        ("van den Oord, Aaron", [("Aaron", "van den", "Oord", "")]),
        ("Ludwig van Beethoven", [("Ludwig", "van", "Beethoven", "")]),
        ("Doe, Jr., John", [("John", "", "Doe", "Jr.")]),
        ("{\\relax Ph}ilippe Dupont", [("Philippe", "", "Dupont", "")]),
        (
            "{Barnes and Noble, Inc.} and R{\\o}nnow, T.",
            [("", "", "Barnes and Noble, Inc.", ""), ("T.", "", "Rønnow", "")],
        ),
        (
            "family=Oord, given=Aaron, prefix=van den, useprefix=true",
            [("Aaron", "van den", "Oord", "")],
        ),
        ("{{东方不败}}", [("", "", "东方不败", "")]),
        (
            'Wengerowsky, S\\"oren AND Larsson, Jan-\\AA ke',
            [("Sören", "", "Wengerowsky", ""), ("Jan-Åke", "", "Larsson", "")],
        ),
    ],
)
def test_names_split_before_decoding(field: str, expected: list[tuple[str, str, str, str]]) -> None:
    authors, unknown = parse_authors(field)
    assert [(a.first, a.von, a.last, a.jr) for a in authors] == expected
    assert unknown == ()


def test_short_names() -> None:
    authors, _ = parse_authors("Zhou, Amelie Chi and Cheung, Yiu-ming and others")
    assert [a.short for a in authors] == ["A. C. Zhou", "Y. Cheung", ""]
    assert authors[-1].is_others
