"""Links from BibTeX fields and overrides.yaml, and the clean per-entry BibTeX block."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.bibtex import clean_bibtex
from pubgen.config import parse_config
from pubgen.pipeline import load


def _load(tmp_path: Path, fields: str, overrides: str = "") -> tuple[list[tuple[str, str]], str]:
    bib = tmp_path / "refs.bib"
    bib.write_text(f"@misc{{k,\n  title = {{T}},\n  year = 2024,\n{fields}}}\n", encoding="utf-8")
    loaded = load([str(bib)], parse_config(overrides, "o.yaml"))
    (pub,) = loaded.publications
    messages = "\n".join(d.message for d in loaded.diagnostics if d.message != "no title")
    return [(link.kind, link.url) for link in pub.links], messages


@pytest.mark.parametrize(
    ("fields", "links", "warning"),
    [
        ("", [], ""),
        (
            "  doi = {10.1145/3669940.3707272},\n",
            [("doi", "https://doi.org/10.1145/3669940.3707272")],
            "",
        ),
        ("  doi = {https://doi.org/10.1000/xyz},\n", [("doi", "https://doi.org/10.1000/xyz")], ""),
        (
            "  eprint = {2401.17644},\n  archiveprefix = {arXiv},\n",
            [("arxiv", "https://arxiv.org/abs/2401.17644")],
            "",
        ),
        # The url repeats the arXiv page or the DOI: one link, not two.
        (
            "  eprint = {2401.17644},\n  archiveprefix = {arXiv},\n  url = {http://arxiv.org/abs/2401.17644v2},\n",
            [("arxiv", "https://arxiv.org/abs/2401.17644")],
            "",
        ),
        (
            "  doi = {10.1000/xyz},\n  url = {https://dx.doi.org/10.1000/xyz},\n",
            [("doi", "https://doi.org/10.1000/xyz")],
            "",
        ),
        (
            "  url = {https://openreview.net/forum?id=x},\n",
            [("url", "https://openreview.net/forum?id=x")],
            "",
        ),
        ("  url = {https://ex.org/paper.PDF},\n", [("pdf", "https://ex.org/paper.PDF")], ""),
        (
            "  pdf = {https://ex.org/p.pdf},\n  url = {https://ex.org/other.pdf},\n",
            [("pdf", "https://ex.org/p.pdf")],
            "",
        ),
        (
            "  code = {https://github.com/a/b},\n  slides = {https://ex.org/s},\n  video = {https://youtu.be/x},\n"
            "  poster = {https://ex.org/p},\n  website = {https://ex.org/project},\n",
            [
                ("code", "https://github.com/a/b"),
                ("project", "https://ex.org/project"),
                ("slides", "https://ex.org/s"),
                ("video", "https://youtu.be/x"),
                ("poster", "https://ex.org/p"),
            ],
            "",
        ),
        (
            "  url = {javascript:alert(1)},\n",
            [],
            "url is not an http(s) link, not shown: 'javascript:alert(1)'",
        ),
        (
            "  pdf = {data:application/pdf;base64,AAAA},\n",
            [],
            "pdf is not an http(s) link, not shown: 'data:application/pdf;base64,AAAA'",
        ),
        (
            "  pdf = {assets/pdf/paper.pdf},\n",
            [],
            "pdf is not an http(s) link, not shown: 'assets/pdf/paper.pdf'",
        ),
        (
            "  code = {javascript:alert(1)},\n",
            [],
            "code is not an http(s) link, not shown: 'javascript:alert(1)'",
        ),
        (
            "  url = {https://doi.org@evil.example/x},\n",
            [],
            "url is not a usable http(s) link, not shown: 'https://doi.org@evil.example/x'",
        ),
        ("  doi = {not a doi},\n", [], "doi is not a DOI (10.NNNN/...): 'not a doi'"),
    ],
)
def test_links_from_bibtex(
    tmp_path: Path, fields: str, links: list[tuple[str, str]], warning: str
) -> None:
    assert _load(tmp_path, fields) == (links, warning)


def test_override_links_replace_and_add(tmp_path: Path) -> None:
    overrides = (
        "papers:\n  k:\n    links:\n      code: https://github.com/a/b\n"
        "      pdf: https://ex.org/camera-ready.pdf\n"
    )
    fields = "  pdf = {https://ex.org/preprint.pdf},\n  doi = {10.1000/xyz},\n"
    assert _load(tmp_path, fields, overrides) == (
        [
            ("pdf", "https://ex.org/camera-ready.pdf"),
            ("doi", "https://doi.org/10.1000/xyz"),
            ("code", "https://github.com/a/b"),
        ],
        "",
    )


ZOTERO = """\
@inproceedings{tang2024,
  title = {{FuseFL}: One-Shot
     Federated Learning},
  booktitle = {Advances in Neural Information Processing Systems},
  author = {Tang, Zhenheng and Chu, Xiaowen},
  year = 2024,
  month = dec,
  volume = {37},
  pages = {1--10},
  doi = {10.1000/xyz},
  url = {javascript:alert(1)},
  abstract = {We propose {FuseFL}.},
  file = {/home/me/Zotero/storage/ABC/paper.pdf},
  urldate = {2024-12-01},
  langid = {english},
  keywords = {federated learning},
  groups = {mine},
  timestamp = {2024-12-02},
  annotation = {read},
  note = {Oral},
}
"""
CLEAN = """\
@inproceedings{tang2024,
  author = {Tang, Zhenheng and Chu, Xiaowen},
  title = {{FuseFL}: One-Shot Federated Learning},
  booktitle = {Advances in Neural Information Processing Systems},
  volume = {37},
  pages = {1--10},
  year = 2024,
  month = dec,
  note = {Oral},
  doi = {10.1000/xyz}
}"""


@pytest.mark.parametrize("abstract", [False, True])
def test_clean_bibtex(tmp_path: Path, abstract: bool) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(ZOTERO, encoding="utf-8")
    (pub,) = load([str(bib)], parse_config("", "o.yaml")).publications
    expected = (
        CLEAN.replace("\n}", ",\n  abstract = {We propose {FuseFL}.}\n}") if abstract else CLEAN
    )
    assert clean_bibtex(pub, abstract) == expected


def test_unbalanced_braces_never_reach_the_block(tmp_path: Path) -> None:
    """A quoted value may hold one brace; written in braces it would end the entry."""
    bib = tmp_path / "refs.bib"
    bib.write_text('@misc{k,\n  title = "a {b",\n  note = "x } y",\n  year = 2024\n}\n')
    (pub,) = load([str(bib)], parse_config("", "o.yaml")).publications
    assert clean_bibtex(pub) == "@misc{k,\n  year = 2024\n}"
