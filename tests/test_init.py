"""pubgen init: starter overrides.yaml, markers added without loss, the hook snippet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pubgen.cli import main
from pubgen.config import parse_config
from pubgen.init import OwnerGuess, guess_owner, starter_overrides
from tests.conftest import REPO

S, E = "<!-- pubgen:start -->", "<!-- pubgen:end -->"
BIB = r"""@article{a, title={A}, author={Doe, Jane and Roe, Rick}, journal={J}, year=2020}
@article{b, title={B}, author={Roe, Rick and Doe, Jane and Poe, Pat}, journal={J}, year=2021}
@article{c, title={C}, author={Doe, J{\'a}ne and Poe, Pat}, journal={J}, year=2022}
"""
STARTER = """\
# pubgen: what the .bib cannot say. Every key: README, overrides.yaml reference.
owner:
  # GUESSED by pubgen init: the most frequent author in refs.bib
  # (3 of 3 entries; next: Rick Roe (2), Pat Poe (2)).
  # Confirm it is you, and add every other spelling of your name.
  names: ["Jane Doe"]
outputs:  # what `pubgen build` and the pre-commit hook write
  - page: "about.md"
papers:                   # per paper, by citation key; for example:
  # yourKey2024:
  #   equal: [First Author, Second Author]
  #   corresponding: [Your Name]
  #   awards: [Oral]
"""
NO_OWNER = STARTER.replace(
    STARTER[STARTER.index("  # GUESSED") : STARTER.index("outputs:")],
    "  # Your name as refs.bib spells it; add every spelling.\n  names: []\n",
)
SNIPPET = """\
# .pre-commit-config.yaml, at the top of the site's git repository
repos:
  - repo: https://github.com/OWNER/pubgen  # where you get pubgen from
    rev: v0.1.0  # a tag or commit of that repository
    hooks:
      - id: pubgen
"""
CUSTOM_SNIPPET = (
    SNIPPET
    + """\
        files: "(\\\\.bib|^site/over\\\\.yaml|(^|/)templates/.+)$"
        args: ["--bib", "a.bib", "--bib", "b.bib", "--overrides", "site/over.yaml"]
"""
)
LISTS_PAGE = "owner:\n  names: [Jane Doe]\noutputs:\n  - page: about.md\n"
WROTE = "wrote overrides.yaml\n"
GUESSED = "owner guessed: Jane Doe; check owner.names\n"
KEPT = "overrides.yaml exists; kept (--force replaces it)"
SAME = "<unchanged>"
MISSING = "<missing>"
H = "# Publications"


@pytest.mark.parametrize(
    ("files", "args", "code", "after", "out", "err"),
    [
        (
            {"refs.bib": BIB, "about.md": "\ufeff---\r\ntitle: me\r\n---\r\nHello"},
            ["--page", "about.md"],
            0,
            {
                "overrides.yaml": STARTER,
                "about.md": f"\ufeff---\r\ntitle: me\r\n---\r\nHello\r\n\r\n{S}\r\n{E}\r\n",
            },
            SNIPPET,
            WROTE + "added the markers to about.md at the end\n" + GUESSED,
        ),
        (
            {"refs.bib": BIB, "about.md": f"# Me\n\n{H}\n* old list\n"},
            ["--page", "about.md", "--after", H],
            0,
            {"overrides.yaml": STARTER, "about.md": f"# Me\n\n{H}\n\n{S}\n{E}\n\n* old list\n"},
            SNIPPET,
            WROTE + "added the markers to about.md after '# Publications'\n" + GUESSED,
        ),
        (
            {"refs.bib": BIB},
            ["--page", "about.md", "--after", H],
            0,
            {"overrides.yaml": STARTER, "about.md": f"{H}\n\n{S}\n{E}\n"},
            SNIPPET,
            WROTE + "created about.md\n" + GUESSED,
        ),
        (
            {"refs.bib": BIB, "overrides.yaml": "owner:\n  names: [X]\n", "about.md": "x\n"},
            ["--page", "about.md"],
            0,
            {"overrides.yaml": SAME, "about.md": f"x\n\n{S}\n{E}\n"},
            SNIPPET,
            KEPT + "; add `- page: about.md` under its outputs:\nadded the markers",
        ),
        (
            {"refs.bib": BIB, "overrides.yaml": LISTS_PAGE, "about.md": f"x\n{S}\nlist\n{E}\n"},
            ["--page", "about.md"],
            0,
            {"overrides.yaml": SAME, "about.md": SAME},
            SNIPPET,
            KEPT + "\nabout.md has its markers already; kept (--force moves them)\n",
        ),
        (
            {"refs.bib": BIB, "overrides.yaml": LISTS_PAGE, "about.md": f"{S}\nlist\n{E}\n{H}\n"},
            ["--page", "about.md", "--after", H, "--force"],
            0,
            {"overrides.yaml": STARTER, "about.md": f"{H}\n\n{S}\n{E}\n"},
            SNIPPET,
            WROTE + "added the markers to about.md after '# Publications'\n" + GUESSED,
        ),
        (
            {"refs.bib": BIB, "overrides.yaml": STARTER, "about.md": f"{S}\n{E}\n"},
            ["--page", "about.md", "--force"],
            0,
            {"overrides.yaml": SAME, "about.md": SAME},
            SNIPPET,
            "overrides.yaml is up to date\nabout.md is up to date\n",
        ),
        (
            {"refs.bib": BIB, "about.md": f"{S}\n{S}\n"},
            ["--page", "about.md"],
            2,
            {"overrides.yaml": MISSING, "about.md": SAME},
            "",
            "about.md: needs exactly one <!-- pubgen:start --> line and one <!-- pubgen:end --> line, found 2 start and 0 end markers (lines 1, 2); fix them, or --force replaces them\n",
        ),
        (
            {"refs.bib": BIB, "about.md": f"{S}\n{S}\n"},
            ["--page", "about.md", "--force"],
            0,
            {"overrides.yaml": STARTER, "about.md": f"{S}\n{E}\n"},
            SNIPPET,
            WROTE,
        ),
        (
            {"refs.bib": BIB, "about.md": "# Me\n"},
            ["--page", "about.md", "--after", H],
            2,
            {"overrides.yaml": MISSING, "about.md": SAME},
            "",
            "about.md: needs exactly one line '# Publications' to put the markers after, found 0\n",
        ),
        (
            {"about.md": ""},
            ["--page", "about.md"],
            0,
            {"overrides.yaml": NO_OWNER, "about.md": f"{S}\n{E}\n"},
            SNIPPET,
            WROTE
            + "added the markers to about.md at the end\nrefs.bib not found: fill in owner.names yourself\n",
        ),
        ({}, ["--bib", "x.bib"], 2, {"overrides.yaml": MISSING}, "", "x.bib: no such file\n"),
        (
            {},
            ["--after", H],
            2,
            {"overrides.yaml": MISSING},
            "",
            "pubgen init: --after needs --page\n",
        ),
        (
            {"a.bib": BIB, "b.bib": "", "site/x": ""},
            [
                "--bib",
                "a.bib",
                "--bib",
                "b.bib",
                "--overrides",
                "site/over.yaml",
                "--page",
                "site/index.md",
            ],
            0,
            {
                "site/over.yaml": STARTER.replace("refs.bib", "a.bib, b.bib").replace(
                    "about.md", "index.md"
                ),
                "site/index.md": f"{S}\n{E}\n",
            },
            CUSTOM_SNIPPET,
            "wrote site/over.yaml\ncreated site/index.md\n" + GUESSED,
        ),
    ],
    ids=[
        "crlf-bom-page",
        "after-heading",
        "new-page",
        "overrides-kept",
        "all-kept",
        "force-moves-markers",
        "force-up-to-date",
        "broken-markers",
        "broken-markers-force",
        "heading-missing",
        "no-bib",
        "bib-missing",
        "after-without-page",
        "custom-paths",
    ],
)
def test_init(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    args: list[str],
    code: int,
    after: dict[str, str],
    out: str,
    err: str,
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["init", *args]) == code
    captured = capsys.readouterr()
    assert (captured.out, err in captured.err) == (out, True), captured.err
    for name, expected in after.items():
        path = tmp_path / name
        if expected == MISSING:
            assert not path.exists()
        else:
            text = files[name] if expected == SAME else expected
            assert path.read_bytes() == text.encode("utf-8")


def test_init_then_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "about.md").write_bytes(b"# Me\r\n")
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--page", "about.md"]) == 0
    assert main(["build"]) == 1
    assert main(["build"]) == 0
    page = (tmp_path / "about.md").read_bytes().decode("utf-8")
    assert page.startswith(f"# Me\r\n\r\n{S}\r\n## Journal Articles\r\n")
    assert "* **J. Doe**, R. Roe. A. In J 2020.\r\n" in page
    assert page.endswith(f"{E}\r\n")
    # Running init again changes nothing and says so.
    capsys.readouterr()
    assert main(["init", "--page", "about.md"]) == 0
    assert "about.md has its markers already; kept" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("bib", "expected"),
    [
        (BIB, OwnerGuess("Jane Doe", 3, 3, (("Rick Roe", 2), ("Pat Poe", 2)))),
        (
            "@misc{a, author={Chu, Xiaowen and Tang, Zhenheng}}\n"
            "@misc{b, author={Tang, Zhenheng and Chu, Xiaowen}}\n"
            "@misc{c, author={Tang, Zhenheng and Shi, S. and Chu, Xiaowen}}\n",
            OwnerGuess("Zhenheng Tang", 3, 3, (("Xiaowen Chu", 3), ("S. Shi", 1))),
        ),
        (
            "@misc{a, author={Doe, J. and others}}\n@misc{b, author={Doe, J. and Doe, J.}}\n",
            OwnerGuess("J. Doe", 2, 2),
        ),
        ("@misc{a, title={No authors}}\n", None),
    ],
    ids=["most-entries", "tie-goes-to-earlier-position", "others-and-repeats", "no-authors"],
)
def test_guess_owner(tmp_path: Path, bib: str, expected: OwnerGuess | None) -> None:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    assert guess_owner([str(tmp_path / "refs.bib")]) == expected


def test_a_tie_is_said_in_the_file() -> None:
    text = starter_overrides(OwnerGuess("A B", 3, 3, (("C D", 3),)), ["refs.bib"], None)
    assert "  # A tie: of those, the one listed earlier in author lists was picked.\n" in text
    assert "outputs: []" in text


_ANY = st.text(st.characters(codec="utf-8"))


@given(
    name=_ANY.filter(lambda name: name != ""),
    others=st.lists(st.tuples(_ANY, st.integers(0, 99)), max_size=2),
    bibs=st.lists(_ANY, min_size=1, max_size=2),
    page=st.one_of(st.none(), _ANY.filter(lambda page: page != "")),
)
def test_starter_overrides_round_trips_through_the_config_loader(
    name: str, others: list[tuple[str, int]], bibs: list[str], page: str | None
) -> None:
    text = starter_overrides(OwnerGuess(name, 5, 9, tuple(others)), bibs, page)
    config = parse_config(text, "overrides.yaml")
    assert config.owner_names == (name,)
    assert [out.page for out in config.outputs] == ([] if page is None else [page])
    assert yaml.safe_load(text)["owner"]["names"] == [name]


def test_the_readme_shows_the_snippet_init_prints() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Workflow: Zotero, init and the pre-commit hook", 1)[1]
    section = section.split("\n## ", 1)[0]
    shown = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert shown == SNIPPET.split("\n", 1)[1]
