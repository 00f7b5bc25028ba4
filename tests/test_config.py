from __future__ import annotations

import pytest

from pubgen.config import Grouping, Marker, NameRef, parse_config
from pubgen.errors import InputError
from pubgen.outputs import Output

GOOD = """\
owner:
  names: [Zhenheng Tang, "Tang, Z."]
markers:
  equal: {symbol: "*", label: "the equal contribution"}
  corresponding: "📧"
group:
  by: [year, type]
  headings: {preprint: Preprint, conference: ""}
papers:
  key1:
    equal: [Lei Shen, 2]
    corresponding: ["3"]
    awards: [Oral]
    venue: "Workshop 2024"
    type: workshop
    selected: yes
  "012345":
    awards: no
"""


def test_parse_good_config() -> None:
    config = parse_config(GOOD, "o.yaml")
    assert config.owner_names == ("Zhenheng Tang", "Tang, Z.")
    assert config.markers == (
        Marker("equal", "*", "the equal contribution"),
        Marker("corresponding", "📧", "corresponding author"),
    )
    assert config.grouping.by == ("year", "type")
    assert config.grouping.headings[:3] == (
        ("preprint", "Preprint"),
        ("conference", ""),
        ("journal", "Journal Articles"),
    )
    first, second = config.papers
    assert first.key == "key1"
    assert first.roles == (
        ("equal", (NameRef("Lei Shen", None, 11), NameRef("2", 2, 11))),
        ("corresponding", (NameRef("3", None, 12),)),  # quoted: a name, not a position
    )
    assert (first.awards, first.venue, first.type, first.selected) == (
        ("Oral",),
        "Workshop 2024",
        "workshop",
        True,
    )
    # YAML 1.1 would read these as 5349 and False; where a string is expected they stay text.
    assert (second.key, second.awards) == ("012345", ("no",))


def test_empty_config_has_defaults() -> None:
    config = parse_config("", "o.yaml")
    assert config.owner_names == ()
    assert config.grouping == Grouping()
    assert [m.symbol for m in config.markers] == ["*", "📧", "💡"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ownr: {names: [x]}\n",
            [
                "o.yaml:1: unknown key 'ownr' (expected: bib, owner, markers, legend, name_markers, max_authors, merge_preprints, group, venues, outputs, papers)"
            ],
        ),
        (
            "owner:\n  names: [a]\nowner:\n  names: [b]\n",
            ["o.yaml:3: duplicate key 'owner' in overrides.yaml (first on line 1)"],
        ),
        (
            "markers: {equal: '*'}\npapers:\n  k:\n    lead: [A]\n",
            [
                "o.yaml:4: unknown key 'lead' in papers.k (expected: equal, awards, venue, type, selected, doi, arxiv, title, merge, style, links, max_authors)"
            ],
        ),
        (
            "papers:\n  k:\n    type: talk\n",
            [
                "o.yaml:3: unknown venue type 'talk' (one of conference, journal, workshop, preprint, thesis, book, other)"
            ],
        ),
        (
            "group:\n  by: [month]\n",
            ["o.yaml:2: group.by takes distinct levels from ('year', 'type')"],
        ),
        ("- a\n- b\n", ["o.yaml:1: overrides.yaml must be a mapping"]),
        (
            "markers: {equal: '*'}\nname_markers:\n  '#': cofirst\n",
            ["o.yaml:2: name_markers: '#' maps to 'cofirst', which markers does not define"],
        ),
        ("max_authors: many\n", ["o.yaml:1: max_authors must be a whole number, not 'many'"]),
        (
            "papers:\n  k:\n    links:\n      code: https://github.com/x/y\n      pdf: javascript:alert(1)\n",
            ["o.yaml:5: links.pdf must be an http:// or https:// link: 'javascript:alert(1)'"],
        ),
        (
            "papers:\n  k:\n    links: {code: 'data:text/html,x'}\n",
            ["o.yaml:3: links.code must be an http:// or https:// link: 'data:text/html,x'"],
        ),
        (
            "papers:\n  k:\n    links:\n      blog: https://x.org\n",
            [
                "o.yaml:4: unknown link kind 'blog' (one of pdf, arxiv, doi, url, code, project, slides, video, poster)"
            ],
        ),
        (
            "outputs:\n  - file: a.md\n  - page: b.md\n    format: json\n",
            ["o.yaml:3: a page holds markdown or html, not json (use file)"],
        ),
        (
            "outputs:\n  - file: a.md\n    standalone: true\n",
            ["o.yaml:2: standalone is for a file in html or latex"],
        ),
        (
            "outputs:\n  - {file: cv.tex, format: latex, bibtex: yes}\n",
            ["o.yaml:2: latex has no BibTeX block (bibtex: false)"],
        ),
        (
            "outputs:\n  - file: a.html\n    format: html\n    select: best\n",
            ["o.yaml:2: unknown select 'best' (one of all, selected)"],
        ),
        (
            "outputs:\n  - file: a.html\n    fromat: html\n",
            [
                "o.yaml:3: unknown key 'fromat' in an output (format, page, file, select, standalone, bibtex, abstract, links)"
            ],
        ),
        (
            "outputs:\n  - file: a.html\n    bibtex: maybe\n",
            ["o.yaml:3: outputs.bibtex must be true or false, not 'maybe'"],
        ),
        (
            "papers:\n  a: {selected: maybe}\n  b: {awards: {x: 1}}\n",
            [
                "o.yaml:2: selected must be true or false, not 'maybe'",
                "o.yaml:3: awards must be a single value, not a list or mapping",
            ],
        ),
    ],
)
def test_config_errors_name_their_line(text: str, expected: list[str]) -> None:
    with pytest.raises(InputError) as info:
        parse_config(text, "o.yaml")
    assert [str(d) for d in info.value.diagnostics] == expected


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        parse_config("owner:\n  names: [x\n", "o.yaml")
    (diagnostic,) = info.value.diagnostics
    assert str(diagnostic).startswith("o.yaml:3: invalid YAML: ")


def test_links_outputs_and_latex_markers() -> None:
    config = parse_config(
        """\
markers:
  corresponding: {symbol: "📧", latex: "\\\\Letter"}
outputs:
  - page: about.md
    select: selected
  - file: cv.tex
    format: latex
    standalone: yes
    links: no
  - file: pubs.json
    format: json
    bibtex: false
    abstract: true
papers:
  k:
    links:
      code: https://github.com/a/b
      pdf: "https://ex.org/a b.pdf"
""",
        "o.yaml",
    )
    assert config.markers == (Marker("corresponding", "📧", "corresponding author", "\\Letter"),)
    assert config.outputs == (
        Output("markdown", page="about.md", line=4, select="selected"),
        Output("latex", file="cv.tex", line=6, standalone=True, links=False),
        Output("json", file="pubs.json", line=10, bibtex=False, abstract=True),
    )
    assert [(o.show_links, o.show_bibtex) for o in config.outputs] == [
        (False, False),
        (False, False),
        (True, False),
    ]
    assert config.papers[0].links == (
        ("code", "https://github.com/a/b"),
        ("pdf", "https://ex.org/a%20b.pdf"),
    )
