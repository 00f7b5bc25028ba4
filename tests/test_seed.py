"""The bundled refs.bib + overrides.yaml against the seed homepage, item by item.

The seed's Publications section is parsed independently of pubgen's code and every item
pubgen renders is compared with the seed item of the same title: the authors' surnames
in order, which of them is bolded, the markers on each, the awards, the venue and the
section. Where pubgen prints what the author meant rather than a slip of the seed, the
difference is listed below with its reason; nothing else may differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest.capture import CaptureResult

from pubgen.cli import main
from tests.conftest import REPO

MARKERS = ("\\*", "📧", "💡")

# Seed slips that pubgen corrects: seed item title (letters only, prefix) -> what differs.
# Venues where the seed wrote the full or odd name and pubgen's table gives the short one.
SEED_VENUE_SLIPS = {
    "gossipfl": "In IEEE Transactions on Parallel and Distributed Systems, 2022",
    "virtualhomogeneity": "Proceedings of the 39th International Conference on Machine Learning, 2022",
    "aquantitativesurvey": "IEEE Network,35(3):230–237, 2021",
    "layerwiseadaptive": "In ECAI 2020 * 24th European Conference on Artificial Intelligence",
    "theimpactofgpu": "Proceedings of the Tenth ACM International Conference on Future Energy Systems, e-Energy ’19",
    "aconvergenceanalysis": "IJCAI-19",
    "deeplearningidentifiesaccurate": "Water Research,166:115058, 2019",
    "computeraided": "2019 IEEE International Conference on BigData (Big Data)",
    "communicationefficientdistributed": "CoRR, abs/2003.06307, 2020",
    "fedcv": "In FL-AAAI-22 workshop, 2022",
    "dataresampling": "In FTL-IJCAI workshop, 2021",
}
# NAS-LID: the seed garbles two coauthors ("C. K. Chun, S. Simon"); refs.bib has their
# real names, Ka Chun Cheung and Simon See (the AAAI paper's author list).
SEED_NAME_SLIPS = {"naslid": {"Chun": "Cheung", "Simon": "See"}}


@dataclass(frozen=True)
class Item:
    section: str
    title_key: str
    surnames: tuple[str, ...]
    bold: tuple[bool, ...]
    markers: tuple[frozenset[str], ...]
    awards: tuple[str, ...]
    text: str


def letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _parse_author(raw: str) -> tuple[str, bool, frozenset[str]]:
    found = frozenset(m for m in MARKERS if m in raw)
    for marker in MARKERS:
        raw = raw.replace(marker, "")
    bold = "**" in raw
    name = raw.replace("**", "").replace("and ", "").strip(" .")
    return name.split()[-1] if name else "", bold, found


def parse_items(markdown: str, titles: list[str]) -> list[Item]:
    """Items of a Markdown list; the authors are what precedes the known title."""
    items = []
    section = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if not line.startswith("* "):
            continue
        squashed = letters(line)
        title = next((t for t in titles if letters(t) in squashed), None)
        assert title is not None, f"no known title in {line!r}"
        # Cut the line where the title's first word starts.
        first_word = re.escape(re.split(r"[\s:]", title)[0])
        authors_part = re.split(rf'"?{first_word}', line[2:], maxsplit=1)[0]
        authors = [a for a in re.split(r",\s*|\s+and\s+", authors_part.strip().rstrip(".")) if a]
        parsed = [_parse_author(a) for a in authors]
        awards = tuple(re.findall(r"<strong>(.*?)</strong>|\[(Best Paper Award)\]", line))
        items.append(
            Item(
                section,
                letters(title.removeprefix("Pruner-Zero: ")),
                tuple(p[0] for p in parsed),
                tuple(p[1] for p in parsed),
                tuple(p[2] for p in parsed),
                tuple(a or b for a, b in awards),
                line,
            )
        )
    return items


def seed_section(seed: Path) -> str:
    text = (seed / "000_f059fa1164575b5c.utf8-repaired.md").read_text(encoding="utf-8")
    start = text.index("# 📝 Publications")
    end = text.index("# 🛠️ Projects")
    return text[start:end]


@pytest.fixture
def rendered(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(REPO)
    assert main(["build", "-o", "-"]) == 0
    return capsys.readouterr().out


def test_the_golden_file_is_what_build_prints(rendered: str) -> None:
    assert rendered == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")


def test_every_seed_item_is_rendered_as_the_author_meant(rendered: str, seed: Path) -> None:
    from pubgen.config import load_config
    from pubgen.pipeline import load

    loaded = load([str(REPO / "refs.bib")], load_config(str(REPO / "overrides.yaml")))
    titles = [p.title for p in loaded.publications]
    ours = {item.title_key: item for item in parse_items(rendered, titles)}
    # The seed leaves out the "Pruner-Zero: " that begins the paper's real title.
    seed_titles = [title.removeprefix("Pruner-Zero: ") for title in titles]
    theirs = parse_items(seed_section(seed), seed_titles)
    assert len(theirs) == 30 and len(ours) == 30
    assert sorted(ours) == sorted(item.title_key for item in theirs)
    for seed_item in theirs:
        item = ours[seed_item.title_key]
        slip_key = next((k for k in SEED_NAME_SLIPS if seed_item.title_key.startswith(k)), "")
        renames = SEED_NAME_SLIPS.get(slip_key, {})
        expected_surnames = tuple(renames.get(s, s) for s in seed_item.surnames)
        assert item.surnames == expected_surnames, item.text
        assert item.bold == seed_item.bold, item.text
        assert item.markers == seed_item.markers, item.text
        assert item.awards == seed_item.awards, item.text
        assert item.section == ("Preprint" if seed_item.section == "Preprint" else ""), item.text
        venue = item.text.rsplit(". ", 1)[-1].split(" (<strong>")[0].rstrip(".")
        venue = venue.removeprefix("In ")
        slip = next(
            (v for k, v in SEED_VENUE_SLIPS.items() if seed_item.title_key.startswith(k)), None
        )
        if slip is not None:
            assert slip in seed_item.text, seed_item.text
        else:
            assert venue in seed_item.text, (venue, seed_item.text)


def test_bold_is_the_owner_only(rendered: str) -> None:
    assert rendered.count("**Z. Tang**") == 30
    # The first author of the ICPP 2024 paper is Zichen Tang: same print, not the owner.
    assert "* Z. Tang, J. Huang, R. Yan, Y. Wang, **Z. Tang**💡📧," in rendered


def build_bundled_overrides_with(
    bib: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CaptureResult[str]:
    """``pubgen build -o -`` of ``bib`` with the bundled overrides.yaml, in ``folder``."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "overrides.yaml").write_bytes((REPO / "overrides.yaml").read_bytes())
    monkeypatch.chdir(folder)
    assert main(["build", "-o", "-"]) == 0
    return capsys.readouterr()


def test_renaming_every_key_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-export that renames every citation key: the overrides still find their papers."""
    bib = (REPO / "refs.bib").read_text(encoding="utf-8")
    renamed = re.sub(r"^(@\w+\{)(\w+),", r"\1renamed\2,", bib, flags=re.MULTILINE)
    assert renamed.count("{renamed") == 30
    captured = build_bundled_overrides_with(renamed, tmp_path, monkeypatch, capsys)
    assert captured.out == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")
    warnings = captured.err.splitlines()
    assert len(warnings) == 19  # one per paper in overrides.yaml
    assert (
        "overrides.yaml:22: [tangFuseFLOneshotFederated2024] warning: override applied to "
        "renamedtangFuseFLOneshotFederated2024 (same title): the citation key changed"
    ) in warnings


MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def as_biblatex_without_ids(bib: str) -> str:
    """The same papers as another export shape: BibLaTeX dates and journaltitle, names as
    "First Last", new citation keys, and no DOI (so overrides must match by title)."""

    def date(match: re.Match[str]) -> str:
        year, month = match.group(1), match.group(3)
        if month is None:
            return f"date = {{{year}}},"
        return f"date = {{{year}-{MONTHS.index(month) + 1:02d}}},"

    bib = re.sub(r"year = \{?(\d{4})\}?,(\n\s*month = (\w+),)?", date, bib)
    bib = re.sub(r"^\s*doi = .*\n", "", bib, flags=re.MULTILINE)
    bib = bib.replace("journal = {", "journaltitle = {")
    bib = re.sub(r"^(@\w+\{)(\w+),", r"\1gs:\2,", bib, flags=re.MULTILINE)

    def first_last(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(2).split(" and ")]
        flipped = [" ".join(reversed(n.split(", ", 1))) if ", " in n else n for n in names]
        return f"{match.group(1)}{{{' and '.join(flipped)}}}"

    return re.sub(r"(author = )\{(.*)\}", first_last, bib)


def test_another_export_shape_gives_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reshaped = as_biblatex_without_ids((REPO / "refs.bib").read_text(encoding="utf-8"))
    assert "journaltitle = {" in reshaped and "date = {2024-12}" in reshaped
    assert "doi = " not in reshaped and "Tang, Zhenheng" not in reshaped
    captured = build_bundled_overrides_with(reshaped, tmp_path, monkeypatch, capsys)
    assert captured.out == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")
    assert captured.err.count("the citation key changed") == 19
