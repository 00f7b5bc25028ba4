"""A real Jekyll build (Debian's jekyll: kramdown with GFM input, Liquid, safe mode, as
GitHub Pages runs it) of pages holding the hostile bib spliced in as Markdown and as an
HTML fragment: the build succeeds, nothing is live, nothing is evaluated, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.cli import main
from pubgen.config import Config
from pubgen.escape import clean_text
from pubgen.markers import END, START
from pubgen.pipeline import load
from tests.conftest import jekyll_build, need_program
from tests.hostile import ARGS, BIB, BIDI_CLOSERS, Page, missing_texts, read, visible_texts, words

CONFIG = "title: SITE-TITLE-EVALUATED\nmarkdown: kramdown\nkramdown:\n  input: GFM\n"
# Some sites ask kramdown to parse Markdown inside HTML blocks too.
CONFIGS = {"default": CONFIG, "parse_block_html": CONFIG + "  parse_block_html: true\n"}
PAGE = f"---\nlayout: null\ntitle: Papers\n---\n# Papers\n\n{START}\n{END}\n\nThe end.\n"
# Liquid would print the site title, include a file that does not exist (failing the build)
# or evaluate a filter; kramdown would turn $$ into math and {::} into raw HTML.
CORPUS_FOLDERS = ("zotero", "homepages", "seed_papers")
NEVER = ("SITE-TITLE-EVALUATED", "Papers</title>", "\\(x\\)", "<i>raw</i>", "<em>emph</em>")


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    jekyll = need_program("jekyll", "the hostile-bib test builds a real Jekyll site")
    site = tmp_path_factory.mktemp("site")
    (site / "_config.yml").write_text(CONFIGS[request.param], encoding="utf-8")
    for name, fmt in (("markdown.md", "markdown"), ("html.md", "html")):
        (site / name).write_text(PAGE, encoding="utf-8")
        args = ["build", *ARGS, "--page", str(site / name), "--format", fmt, "--links", "--bibtex"]
        assert main(args) == 1
    jekyll_build(jekyll, site)
    return site


@pytest.mark.parametrize("name", ["markdown", "html"])
def test_built_page_is_inert_and_literal(built: Path, name: str) -> None:
    html = read(built / "_site" / f"{name}.html")
    page = Page(html)
    assert page.problems() == []
    assert [never for never in NEVER if never in html] == []
    assert missing_texts(page, visible_texts(bibtex=True)) == []
    assert "{{ site.title }}" in page.text
    assert "The end." in page.text  # nothing after the list was swallowed
    # One list item per entry: no value opened or closed a list or a block.
    assert html.count("<li") == read(BIB).count("\n@") == 11


@pytest.mark.parametrize("name", ["markdown.md", "html.md"])
def test_markers_cannot_be_forged_and_rebuild_is_stable(built: Path, name: str) -> None:
    page = built / name
    lines = read(page).splitlines()
    assert (lines.count(START), lines.count(END)) == (1, 1)
    # The titles hold both markers; only the real marker lines may contain them verbatim.
    assert sum(START in line or END in line for line in lines) == 2
    before = page.read_bytes()
    fmt = name.split(".")[0]
    args = ["build", *ARGS, "--page", str(page), "--format", fmt, "--links", "--bibtex"]
    assert main(args) == 0
    assert page.read_bytes() == before


def test_real_world_bibs_build_literally(corpus: Path, tmp_path: Path) -> None:
    """Every Zotero export, homepage and seed-paper .bib of the shared corpus, spliced as
    Markdown into pages of one Jekyll site: each title, author and venue shows as written,
    and nothing is live."""
    jekyll = need_program("jekyll", "the corpus test builds a real Jekyll site")
    (tmp_path / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    expected: dict[str, list[str]] = {}
    bibs = [bib for folder in CORPUS_FOLDERS for bib in sorted((corpus / folder).glob("*.bib"))]
    for index, bib in enumerate(bibs):
        loaded = load([str(bib)], Config())
        texts = [
            words(clean_text(text).rstrip(BIDI_CLOSERS))
            for pub in loaded.publications
            for text in (pub.title, pub.venue, *(author.short for author in pub.authors))
            if text.strip()
        ]
        args = ["--bib", str(bib), "--overrides", str(tmp_path / "empty.yaml"), "--lenient"]
        page = tmp_path / f"p{index}.md"
        page.write_text(PAGE, encoding="utf-8")
        assert main(["build", *args, "--page", str(page)]) in (0, 1), bib
        expected[page.stem] = texts
    jekyll_build(jekyll, tmp_path, timeout=600)  # the whole corpus: about 90 pages
    problems = {}
    for stem, texts in expected.items():
        built = Page(read(tmp_path / "_site" / f"{stem}.html"))
        lost = missing_texts(built, texts)
        if built.problems() or lost:
            problems[stem] = (built.problems(), lost[:5])
    assert problems == {}
    assert len(bibs) > 50
