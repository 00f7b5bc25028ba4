"""safe_url's shortcut for already-canonical links must agree with the full rebuild."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from pubgen.parse import parse_bib
from pubgen.urls import _CANONICAL, _DOI_KEPT, DOI, _rebuild, doi_url, safe_url
from tests.test_escape import URLS

# Near misses of the shortcut: each must fall through to the rebuild and come out as it says.
EDGES = [
    "https://ex.org?",
    "https://ex.org/a?",
    "https://ex.org/a#",
    "https://ex.org/a?#",
    "https://ex.org/a?b#c?d",
    "https://ex.org//evil.example/x",
    "https://ex.org./x",
    "https://Ex.org/x",
    "HTTPS://ex.org/x",
    "https://ex..org/x",
    "https://-ex.org/x",
    "https://" + "a" * 63 + ".org/x",
    "https://" + "a" * 64 + ".org/x",
    "https://ex.org/%4",
    "https://ex.org/%zz",
    "https://ex.org/a%20b",
    "https://ex.org/a b",
    "https://ex.org/a\tb",
    "https://ex.org:80/x",
    "https://ex.org/~user/(x)",
    " https://ex.org/x \n",
]


def _corpus_links(corpus: Path) -> list[str]:
    links = []
    for path in sorted(corpus.glob("*/*.bib")):
        text = path.read_bytes().decode("utf-8", "replace")
        for pub in parse_bib(text, str(path))[0]:
            links += [pub.get(name) for name in ("url", "pdf", "code", "website") if pub.get(name)]
            if pub.get("doi"):
                links.append("https://doi.org/" + quote(pub.get("doi").strip(), safe="/:@!&=+,;"))
    return links


def test_canonical_shortcut_agrees_with_the_rebuild(corpus: Path) -> None:
    links = _corpus_links(corpus) + [url for url, _ in URLS] + EDGES
    shortcut = 0
    for link in links:
        assert safe_url(link) == _rebuild(link.strip()), link
        shortcut += _CANONICAL.fullmatch(link.strip()) is not None
    assert shortcut > 1_000  # the shortcut is really taken, so this compares two paths


@pytest.mark.parametrize("link", EDGES)
def test_near_misses_are_canonical_after_one_pass(link: str) -> None:
    once = safe_url(link)
    assert safe_url(once) == once


# DOIs as exports hold them: quote() changes only the last four.
DOIS = [
    "10.1145/3292500.3330701",
    "10.1007/978-3-030-58452-8_13",
    "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    "10.48550/arXiv.2303.01778",
    "10.1000/a?b#c%d",
    "10.1000/café",
    "10.1000/x\\y",
]


def test_a_doi_quote_keeps_is_not_quoted(corpus: Path) -> None:
    """doi_url skips quote() for a DOI that it would leave alone: the link is the same."""
    dois = list(DOIS)
    for path in sorted(corpus.glob("*/*.bib")):
        text = path.read_bytes().decode("utf-8", "replace")
        dois += [pub.get("doi").strip() for pub in parse_bib(text, str(path))[0] if pub.get("doi")]
    kept = 0
    for doi in dois:
        full = safe_url("https://doi.org/" + quote(doi, safe="/:@!&=+,;"))
        assert doi_url(doi) == (full if DOI.fullmatch(doi) else ""), doi
        kept += _DOI_KEPT.fullmatch(doi) is not None
    assert 100 < kept < len(dois)  # both paths are taken
