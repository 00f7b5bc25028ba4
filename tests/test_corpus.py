"""Real BibTeX nobody here wrote (../shared/corpus): nothing is lost, nothing crashes.

For every file: entries rendered + entries reported as dropped == entry blocks in the
file, counted independently of the parser by a regular expression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pubgen.config import Config
from pubgen.errors import InputError
from pubgen.outputs import Output
from pubgen.pipeline import Loaded, load, render_list
from tests.conftest import REPO, SHARED

CORPUS = SHARED / "corpus"
_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]\w*)[ \t]*[{(]", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*", re.MULTILINE)
_NOT_ENTRIES = {"string", "preamble", "comment"}


def _files(*folders: str) -> list[str]:
    found = [
        str(path.relative_to(CORPUS))
        for folder in folders
        for path in sorted((CORPUS / folder).rglob("*.bib"))
    ]
    # An empty list would make the parametrised tests vanish; a test then says why.
    return found or [f"{folders[0]}/<corpus missing>"]


def entry_blocks(path: Path) -> int:
    text = _COMMENT_LINE.sub("", path.read_bytes().decode("utf-8", "replace"))
    return sum(1 for m in _ENTRY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)


def _load(path: Path) -> Loaded:
    return load([str(path)], Config())


@pytest.mark.parametrize("name", _files("zotero", "homepages", "large", "seed_papers"))
def test_every_entry_is_rendered_or_reported(corpus: Path, name: str) -> None:
    path = corpus / name
    loaded = _load(path)
    dropped = [d for d in loaded.diagnostics if d.dropped]
    assert len(loaded.publications) + len(dropped) == entry_blocks(path)
    for diagnostic in loaded.diagnostics:
        assert diagnostic.location.file == str(path)
        assert diagnostic.location.line >= 1
    text = render_list(loaded.publications, Config(), Output("markdown"))
    assert text.count("\n* ") + text.startswith("* ") == len(loaded.publications)


def _diagnostics_of(path: Path) -> list[str]:
    try:
        diagnostics = _load(path).diagnostics
    except InputError as exc:
        diagnostics = exc.diagnostics
    return [
        f"{d.location.line}: [{d.key}] {d.severity}: {' '.join(d.message.split())}"
        for d in diagnostics
    ]


def test_malformed_files_give_the_expected_messages(corpus: Path) -> None:
    """Golden diagnostics for every broken or odd file (reviewed by hand when written)."""
    golden = REPO / "tests" / "golden" / "malformed.txt"
    lines = []
    for path in sorted((corpus / "malformed").rglob("*.bib")):
        lines.append(f"== {path.relative_to(corpus)}")
        lines.extend(_diagnostics_of(path))
    assert "\n".join(lines) + "\n" == golden.read_text(encoding="utf-8")


# pybtex cases where pubgen's verdict differs from pybtex's, and why.
PYBTEX_DIFFERENCES = {
    "AtTest.bib": "'The @ here' is text between entries, not a broken entry: nothing to report",
    "KeyParsingTest.bib": "@article(test(parens1)): the key ends at the first ')', as bibtexparser reads it",
    "WindowsNewlineTest.bib": "the extracted input starts with a quote: '@Article is not at a line start",
    "EntryInStringTest.bib": "an @article at a line start inside a quoted title ends that entry: "
    "reported as an error, where pybtex reads the title on",
}


def test_pybtex_cases_report_what_pybtex_reports(corpus: Path) -> None:
    """Where pybtex's own tests expect a syntax or macro error, pubgen says something too."""
    folder = corpus / "malformed" / "pybtex_parser_cases"
    cases = json.loads((folder / "_index.json").read_text(encoding="utf-8"))
    for case in cases:
        if case["parser_options"] or case["file"] in PYBTEX_DIFFERENCES:
            continue  # wanted_entries / keyless_entries: pybtex options pubgen does not have
        messages = _diagnostics_of(folder / case["file"])
        problems = [m for m in messages if "no year" not in m and "no title" not in m]
        if case["expected_errors"]:
            assert problems, case["file"]  # pybtex objects: pubgen warns or errs too
        else:
            assert not [m for m in problems if " error: " in m], (case["file"], messages)


# Where pubgen follows BibTeX's name rules and Zotero's importer does not, or Zotero
# keeps markup: (file, what differs).
ZOTERO_DIFFERENCES = {
    "case04.bib": "von Hicks, III, Michael: BibTeX's Jr part III; Zotero glues it to the first name",
    "case06.bib": "~ is a no-break space in BibTeX; Zotero's expected title has it as nothing",
    "case07.bib": "Zotero keeps <i>/<b>/small-caps markup in titles; pubgen prints plain text",
    "case08.bib": "'American Rights at Work': BibTeX makes lower-case 'at' a von part",
    "case09.bib": "a title missing its comma swallows the next field: an error in pubgen",
    "case10.bib": "the input holds literal TABs where \\t was meant",
    "case18.bib": "'Corporation for Digital Scholarship': lower-case 'for' is a von part",
    "case19.bib": "literal TABs again, and \\TeL is not a glyph pubgen knows",
    "case20.bib": "Zotero expands 'KC' to 'K. C.'; pubgen keeps what the file says",
    "case21.bib": "'sudhin jacob': all lower case, so BibTeX reads it as von + last",
    "case22.bib": "D'aspremont: Zotero inserts a space after the apostrophe",
}


def test_zotero_import_cases_match_zoteros_expected_items(corpus: Path) -> None:
    folder = corpus / "malformed" / "zotero-translators_bibtex-import-cases"
    cases = json.loads((folder / "_index.json").read_text(encoding="utf-8"))
    for case in cases:
        loaded = _load(folder / case["file"])
        assert (
            len(loaded.publications) + sum(d.dropped for d in loaded.diagnostics)
            == case["n_expected_items"]
        ), case["file"]
        if case["file"] in ZOTERO_DIFFERENCES:
            continue
        ordered = sorted(loaded.publications, key=lambda pub: pub.order)
        for pub, item in zip(ordered, case["expected_zotero_items"], strict=True):
            ours = [(a.first, a.family) for a in pub.authors if not a.is_others]
            theirs = [
                (c.get("firstName", ""), c.get("lastName", "") or c.get("name", ""))
                for c in item["creators"]
                if c["creatorType"] == "author"
            ]
            if theirs:
                assert ours == theirs, case["file"]
            assert pub.title == item.get("title", pub.title), case["file"]
