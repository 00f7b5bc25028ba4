"""Every output format on the bundled refs.bib (golden files), the JSON schema, several
outputs in one run, and the format options of the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pubgen.cli import main
from pubgen.config import Marker
from pubgen.markers import END, START
from pubgen.render import latex_markers
from tests.conftest import REPO
from tests.hostile import ARGS as HOSTILE

GOLDEN = REPO / "tests" / "golden"
SEED = ["--bib", str(REPO / "refs.bib"), "--overrides", str(REPO / "overrides.yaml")]


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        ([], "seed.md"),
        (["--format", "html", "--standalone"], "seed.html"),
        (["--format", "json"], "seed.json"),
        (["--format", "latex", "--standalone"], "seed.tex"),
    ],
)
def test_golden(capsys: pytest.CaptureFixture[str], args: list[str], golden: str) -> None:
    assert main(["build", *SEED, "-o", "-", *args]) == 0
    assert capsys.readouterr().out == (GOLDEN / golden).read_text(encoding="utf-8")


def test_fragments_are_the_standalone_pages_inner_part(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, golden in (("html", "seed.html"), ("latex", "seed.tex")):
        assert main(["build", *SEED, "-o", "-", "--format", fmt]) == 0
        fragment = capsys.readouterr().out
        # markdown="0" is for kramdown, when the fragment is spliced into a Markdown page.
        inner = fragment.replace('<div class="pubgen" markdown="0">', '<div class="pubgen">')
        assert inner in (GOLDEN / golden).read_text(encoding="utf-8")
        if fmt == "html":  # splices into a Markdown page as one raw HTML block
            assert "\n\n" not in fragment


AUTHOR = {
    "first": str,
    "von": str,
    "last": str,
    "jr": str,
    "full": str,
    "short": str,
    "is_owner": bool,
    "is_others": bool,
    "roles": list,
}
PUBLICATION = {
    "key": str,
    "entry_type": str,
    "type": str,
    "title": str,
    "authors": list,
    "year": (int, type(None)),
    "month": (int, type(None)),
    "venue": str,
    "venue_name": str,
    "awards": list,
    "selected": bool,
    "doi": str,
    "arxiv": str,
    "links": list,
    "bibtex": str,
}
GROUP = {"heading": str, "level": int, "publications": list, "groups": list}


def _shape(record: dict[str, Any], shape: dict[str, Any]) -> None:
    assert sorted(record) == sorted(shape)
    for key, kind in shape.items():
        assert isinstance(record[key], kind), (key, record[key])


def _groups(groups: list[dict[str, Any]]) -> list[str]:
    keys = []
    for group in groups:
        _shape(group, GROUP)
        keys.extend(group["publications"])
        keys.extend(_groups(group["groups"]))
    return keys


def test_json_schema() -> None:
    data = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    assert sorted(data) == ["groups", "legend", "markers", "publications", "schema"]
    assert data["schema"] == "pubgen/1"
    assert data["legend"] == ["equal", "corresponding", "lead"]
    for marker in data["markers"]:
        assert sorted(marker) == ["label", "role", "symbol"]
    for pub in data["publications"]:
        _shape(pub, PUBLICATION)
        for author in pub["authors"]:
            _shape(author, AUTHOR)
            assert set(author["roles"]) <= set(data["legend"])
        for link in pub["links"]:
            assert sorted(link) == ["kind", "label", "url"]
            assert link["url"].startswith("https://")
        assert pub["bibtex"].startswith(f"@{pub['entry_type']}{{{pub['key']},\n")
    # Groups name every publication once, in the order of "publications".
    assert _groups(data["groups"]) == [pub["key"] for pub in data["publications"]]
    owners = {a["full"] for pub in data["publications"] for a in pub["authors"] if a["is_owner"]}
    assert owners == {"Zhenheng Tang"}


OVERRIDES = """\
owner: {names: [Zhenheng Tang]}
papers:
  tang2024a: {selected: true, links: {code: "https://github.com/a/b"}}
outputs:
  - page: _pages/about.md
    select: selected
  - page: _pages/publications.md
  - file: cv/pubs.tex
    format: latex
  - file: _data/publications.json
    format: json
    bibtex: false
  - file: public/pubs.html
    format: html
    standalone: true
    links: false
"""
BIB = """\
@inproceedings{tang2024a,
  title = {One}, author = {Tang, Zhenheng}, booktitle = {ICML}, year = 2024, doi = {10.1000/a}
}
@article{tang2023b,
  title = {Two}, author = {Chu, Xiaowen and Tang, Zhenheng}, journal = {IEEE TPDS}, year = 2023
}
"""
PAGE = f"---\ntitle: x\n---\nbefore\n{START}\n{END}\nafter\n"


def test_several_outputs_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    for folder in ("_pages", "cv", "_data", "public"):
        (tmp_path / folder).mkdir()
    for page in ("about.md", "publications.md"):
        (tmp_path / "_pages" / page).write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    assert capsys.readouterr().err.count("rebuilt ") == 5
    about = (tmp_path / "_pages" / "about.md").read_text(encoding="utf-8")
    assert "One." in about
    assert "Two." not in about
    assert "[Code]" not in about  # markdown: links off by default
    full = (tmp_path / "_pages" / "publications.md").read_text(encoding="utf-8")
    assert "One." in full
    assert "Two." in full
    tex = (tmp_path / "cv" / "pubs.tex").read_text(encoding="utf-8")
    assert "\\textbf{Z. Tang}" in tex
    assert "\\href{https://github.com/a/b}{Code}" in tex
    data = json.loads((tmp_path / "_data" / "publications.json").read_text(encoding="utf-8"))
    assert [pub["bibtex"] for pub in data["publications"]] == ["", ""]
    html = (tmp_path / "public" / "pubs.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<a " not in html
    assert main(["build"]) == 0
    assert main(["build", "--check"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--page", "p.md", "--format", "json"], "a page holds markdown or html, not json"),
        (["--page", "p.md", "--format", "html", "--standalone"], "standalone is for a file"),
        (["-o", "-", "--standalone"], "standalone is for a file in html or latex"),
        (["-o", "-", "--format", "latex", "--bibtex"], "latex has no BibTeX block"),
        (["--format", "html"], "format options go with -o or --page"),
        (["--select", "selected"], "format options go with -o or --page"),
    ],
)
def test_format_option_errors(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_select_and_links_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", *SEED, "-o", "-", "--select", "selected"]) == 0
    assert capsys.readouterr().out == ""  # the bundled overrides select nothing
    assert main(["build", *SEED, "-o", "-", "--links"]) == 0
    out = capsys.readouterr().out
    assert "[DOI](https://doi.org/10.1145/3669940.3707272)" in out
    assert main(["build", *SEED, "-o", "-", "--format", "html", "--no-bibtex"]) == 0
    assert "<details" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("markers", "expected"),
    [
        (
            [Marker("equal", "*", ""), Marker("corresponding", "📧", ""), Marker("lead", "💡", "")],
            ["*", "\\dag", "\\ddag"],
        ),
        ([Marker("equal", "†", ""), Marker("corresponding", "📧", "")], ["†", "\\ddag"]),
        (
            [Marker("corresponding", "📧", "", "\\Letter"), Marker("x", "#", "")],
            ["\\Letter", "\\#"],
        ),
        (
            [Marker(f"r{i}", "🚀", "") for i in range(6)],
            [*"\\dag \\ddag \\S \\P \\|".split(), "\\pubgenchar{1F680}{🚀}"],
        ),
    ],
)
def test_latex_markers(markers: list[Marker], expected: list[str]) -> None:
    assert [m.symbol for m in latex_markers(markers)] == expected


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_hostile_titles_cannot_forge_markers(tmp_path: Path, fmt: str) -> None:
    """Titles and awards of the hostile bib hold both markers: splicing twice is stable and
    the page keeps exactly its own two marker lines, with no marker text anywhere else."""
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    args = ["build", *HOSTILE, "--page", str(page), "--format", fmt, "--links", "--bibtex"]
    assert main(args) == 1
    text = page.read_text(encoding="utf-8")
    assert (text.count(START), text.count(END)) == (1, 1)
    assert text.startswith(PAGE.split(START)[0] + START + "\n")
    assert text.endswith(END + "\nafter\n")
    assert main(args) == 0
    assert page.read_text(encoding="utf-8") == text
