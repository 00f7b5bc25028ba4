"""The hostile bib (tests/data/hostile.bib + hostile.yaml) and what a page built from it
must show: shared by the tests that open pubgen's output in real clients."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from pubgen.bibtex import clean_bibtex
from pubgen.config import load_config
from pubgen.escape import clean_text
from pubgen.pipeline import load
from tests.conftest import REPO

BIB = REPO / "tests" / "data" / "hostile.bib"
OVERRIDES = REPO / "tests" / "data" / "hostile.yaml"
ARGS = ["--bib", str(BIB), "--overrides", str(OVERRIDES)]
BIDI_CLOSERS = "\u202c\u2069"


def words(text: str) -> str:
    """Text as a reader compares it: runs of whitespace are one space."""
    return " ".join(text.split())


def visible_texts(bibtex: bool = False) -> list[str]:
    """Every title, author, venue and award of the hostile bib, as a page must show it."""
    loaded = load([str(BIB)], load_config(str(OVERRIDES)))
    texts = []
    for pub in loaded.publications:
        texts.append(pub.title)
        texts.extend(author.short for author in pub.authors)
        texts.extend((pub.venue, *pub.awards))
        if bibtex:
            texts.extend(clean_bibtex(pub).splitlines())
    # clean_text closes a bidirectional override the text leaves open; the page closes it
    # after the whole value (a title's full stop included), so compare without the closers.
    return [words(clean_text(text).rstrip(BIDI_CLOSERS)) for text in texts if text.strip()]


class Page(HTMLParser):
    """Tags with their attributes, and the text a reader sees, of an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return words(" ".join(self.chunks))

    def problems(self) -> list[str]:
        """Scripts, event handlers, images and links that are not http(s)."""
        found = []
        for tag, attrs in self.tags:
            if tag in ("script", "img", "iframe", "object", "embed"):
                found.append(f"<{tag}> element")
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"<{tag} {name}=...> event handler")
                if name in ("href", "src") and not value.startswith(("http://", "https://")):
                    found.append(f"<{tag} {name}={value!r}> not an http(s) link")
        return found


def missing_texts(page: Page, texts: list[str]) -> list[str]:
    shown = page.text
    return [text for text in texts if text not in shown]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
