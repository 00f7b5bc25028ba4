"""The hostile Markdown through a CommonMark parser (markdown-it-py, the reference
behaviour Hugo's goldmark follows) with raw HTML allowed, the most permissive setting:
nothing is live and every text shows as written, as in kramdown (test_jekyll.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

from pubgen.cli import main
from tests.conftest import missing
from tests.hostile import ARGS, BIB, Page, missing_texts, read, visible_texts


def test_commonmark_shows_the_hostile_bib_literally(tmp_path: Path) -> None:
    try:
        markdown_it = importlib.import_module("markdown_it")
    except ImportError:
        missing("markdown-it-py is not installed (pip install '.[test]')")
    out = tmp_path / "list.md"
    assert main(["build", *ARGS, "-o", str(out), "--links", "--bibtex"]) == 1
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).render(read(out))
    page = Page(html)
    assert page.problems() == []
    assert missing_texts(page, visible_texts(bibtex=True)) == []
    assert "{{ site.title }}" in page.text
    # One list item per entry: no value opened or closed a list or a block.
    assert html.count("<li>") == read(BIB).count("\n@") == 11
