"""Hand-written publication lists, read independently of pubgen's code, for item-by-item
comparisons: the seed homepage (tests/test_seed.py, examples/acad-homepage) and the
owner's al-folio page (examples/al-folio).

An item is found by its title (the titles come from the .bib); what precedes the title
is the author list, each author with its surname, bold or not, and its markers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SEED_MARKERS = ("\\*", "📧", "💡")

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
# The seed leaves out the "Pruner-Zero: " that begins the paper's real title.
SEED_TITLE_PREFIXES = ("Pruner-Zero: ",)


@dataclass(frozen=True)
class Item:
    section: str
    title_key: str
    surnames: tuple[str, ...]
    bold: tuple[bool, ...]
    markers: tuple[frozenset[str], ...]
    awards: tuple[str, ...]
    text: str
    rest: str  # what follows the title: venue, awards


def letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _parse_author(raw: str, markers: Sequence[str]) -> tuple[str, bool, frozenset[str]]:
    found = frozenset(m for m in markers if m in raw)
    for marker in markers:
        raw = raw.replace(marker, "")
    bold = "**" in raw
    name = raw.replace("**", "").replace("and ", "").strip(" .")
    return name.split()[-1] if name else "", bold, found


def seed_awards(line: str) -> tuple[str, ...]:
    found = re.findall(r"<strong>(.*?)</strong>|\[(Best Paper Award)\]", line)
    return tuple(a or b for a, b in found)


def parse_items(
    markdown: str,
    titles: Sequence[str],
    markers: Sequence[str] = SEED_MARKERS,
    awards: Callable[[str], tuple[str, ...]] = seed_awards,
) -> list[Item]:
    """Items of a Markdown list ("* " or "- "); the authors are what precedes the title."""
    # Longest first: "Hot Pluggable Federated Learning" is inside a longer title.
    by_length = sorted(titles, key=len, reverse=True)
    items = []
    section = ""
    # pubgen writes some characters as entities (an apostrophe as &#39;, which kramdown
    # would otherwise curl); a hand-written page types them.
    for line in html.unescape(markdown).splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if not line.startswith(("* ", "- ")):
            continue
        squashed = letters(line)
        title = next((t for t in by_length if letters(t) in squashed), None)
        assert title is not None, f"no known title in {line!r}"
        # Cut the line where the title's first word starts, after the authors' full stop.
        first_word = re.escape(re.split(r"[\s:]", title)[0])
        authors_part, rest = re.split(rf'\.\s+"?(?={first_word})', line[2:], maxsplit=1)
        authors = [a for a in re.split(r",\s*|\s+and\s+", authors_part.strip().rstrip(".")) if a]
        parsed = [_parse_author(a, markers) for a in authors]
        tail = _after_title(rest, title)
        items.append(
            Item(
                section,
                letters(title),
                tuple(p[0] for p in parsed),
                tuple(p[1] for p in parsed),
                tuple(p[2] for p in parsed),
                awards(line),
                line,
                tail,
            )
        )
    return items


def _after_title(text: str, title: str) -> str:
    """What follows the title at the start of ``text`` (compared by letters and digits)."""
    wanted = len(letters(title))
    seen = 0
    for index, char in enumerate(text):
        if seen == wanted:
            return text[index:]
        seen += len(letters(char))
    return ""


def seed_section(seed: Path) -> str:
    text = (seed / "000_f059fa1164575b5c.utf8-repaired.md").read_text(encoding="utf-8")
    start = text.index("# 📝 Publications")
    end = text.index("# 🛠️ Projects")
    return text[start:end]


def _without_prefix(title: str) -> str:
    for prefix in SEED_TITLE_PREFIXES:
        title = title.removeprefix(prefix)
    return title


def _seed_key(title_key: str) -> str:
    for prefix in SEED_TITLE_PREFIXES:
        title_key = title_key.removeprefix(letters(prefix))
    return title_key


def compare_with_seed(rendered: str, titles: Sequence[str], seed: Path) -> int:
    """Assert every seed item is rendered as the author meant; return the items compared.

    Compared: the authors' surnames in order, which of them is bolded, the markers on
    each, the awards, the venue and the section. Only the slips listed above may differ.
    """
    ours = {_seed_key(item.title_key): item for item in parse_items(rendered, titles)}
    theirs = parse_items(seed_section(seed), [_without_prefix(title) for title in titles])
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
    return len(theirs)


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
