from __future__ import annotations

from pubgen.config import Grouping, parse_config
from pubgen.group import Group, group
from pubgen.model import Location, Publication


def _pub(
    key: str, year: int | None, month: int | None = None, vtype: str = "conference", title: str = ""
) -> Publication:
    return Publication(
        key,
        "article",
        {},
        Location("r.bib", 1),
        year=year,
        month=month,
        type=vtype,
        title=title or key,
    )


def _shape(groups: tuple[Group, ...]) -> list[object]:
    return [
        (g.heading, g.level, [p.key for p in g.publications] or _shape(g.subgroups)) for g in groups
    ]


PUBS = [
    _pub("old", 2019),
    _pub("pre", 2024, 1, "preprint"),
    _pub("dec", 2024, 12),
    _pub("b-may", 2024, 5, title="B"),
    _pub("a-may", 2024, 5, title="a"),
    _pub("nomonth", 2024),
    _pub("undated", None, vtype="journal"),
]


def test_one_level_by_type_merges_types_sharing_a_heading() -> None:
    grouping = parse_config(
        "group:\n  by: [type]\n  headings: {conference: '', journal: '', preprint: Preprint}\n", "o"
    ).grouping
    assert _shape(group(PUBS, grouping)) == [
        ("", 2, ["dec", "a-may", "b-may", "nomonth", "old", "undated"]),
        ("Preprint", 2, ["pre"]),
    ]


def test_year_then_type() -> None:
    grouping = Grouping(by=("year", "type"), heading_level=3)
    assert _shape(group(PUBS, grouping)) == [
        (
            "2024",
            3,
            [
                ("Conference Papers", 4, ["dec", "a-may", "b-may", "nomonth"]),
                ("Preprints", 4, ["pre"]),
            ],
        ),
        ("2019", 3, [("Conference Papers", 4, ["old"])]),
        ("Undated", 3, [("Journal Articles", 4, ["undated"])]),
    ]


def test_no_levels_and_input_order_does_not_matter() -> None:
    grouping = Grouping(by=())
    assert _shape(group(PUBS, grouping)) == _shape(group(list(reversed(PUBS)), grouping))
    assert _shape(group([], grouping)) == []


def test_years_then_flat_preprints_and_an_earlier_group() -> None:
    grouping = parse_config(
        "group:\n  by: [type, year]\n  headings: {conference: '', journal: '', preprint: Preprints}\n"
        "  flat: [preprint]\n  earliest: 2019\n",
        "o",
    ).grouping
    pubs = [*PUBS, _pub("older", 2010), _pub("pre2", 2019, vtype="preprint")]
    assert _shape(group(pubs, grouping)) == [
        (
            "",
            2,
            [
                ("2024", 2, ["dec", "a-may", "b-may", "nomonth"]),
                ("2019 and earlier", 2, ["old", "older"]),
                ("Undated", 2, ["undated"]),
            ],
        ),
        ("Preprints", 2, ["pre", "pre2"]),
    ]
