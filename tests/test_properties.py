"""Arbitrary input never makes pubgen raise anything but its own errors (exit code 2)."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen.cli import main

# Pieces of BibTeX syntax, so that generated text gets deep into the parser.
FRAGMENTS = [
    "@article{",
    "@misc(",
    "@string{",
    "@comment{",
    "@preamble{",
    "}",
    ")",
    "{",
    '"',
    "#",
    " = ",
    ",",
    "\n",
    "%",
    "\\",
    "\\'",
    '\\"{o}',
    "$x^2$",
    "{\\relax Ph}",
    " and ",
    "others",
    "author",
    "title",
    "year",
    "2024",
    "month",
    "jan",
    "date",
    "2019?",
    "doi",
    "10.1/x",
    "url",
    "javascript:",
    "<!-- pubgen:end -->",
    "{{ x }}",
    "*",
    "\u00e9",
    "\u4e1c",
    "\x00",
    "~",
    "family=Oord, given=Aaron",
    "Tang, Zhenheng",
    "eprint",
    "archiveprefix",
    "arXiv",
    "\ufeff",
]
bibtexish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map(
    "".join
)
OVERRIDES = "owner: {names: [Zhenheng Tang]}\nmax_authors: 3\n"


def _run(bib: bytes, overrides: str, *args: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "refs.bib").write_bytes(bib)
        (Path(folder) / "overrides.yaml").write_text(overrides, encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with (
                contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                return main(["build", "-o", "-", *args])
        finally:
            os.chdir(cwd)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bibtexish)
def test_any_bib_gives_exit_0_or_2(text: str) -> None:
    assert _run(text.encode("utf-8", "surrogatepass"), OVERRIDES) in (0, 2)
    assert _run(text.encode("utf-8", "surrogatepass"), OVERRIDES, "--lenient") in (0, 2)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_exit_0_or_2(data: bytes) -> None:
    assert _run(data, OVERRIDES) in (0, 2)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "owner:",
                " names:",
                " [",
                "]",
                "papers:",
                "  k:",
                "    equal:",
                " - ",
                "1",
                "Tang",
                "markers:",
                "  equal: '*'",
                "group:",
                "  by: [year]",
                "{",
                "}",
                "\n",
                ": ",
                "- ",
                "outputs:",
                "  - page: p.md",
                "max_authors: ",
                "x",
                "'",
                '"',
                "&a",
                "*a",
                "!!python/object",
                "name_markers:",
                "  '#': equal",
                "venues:",
                "legend: no",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_overrides_give_exit_0_or_2(overrides: str) -> None:
    bib = b"@article{k, title={T}, author={Tang, Zhenheng}, journal={Nature}, year=2020}\n"
    assert _run(bib, overrides) in (0, 2)
