"""The benchmark's machinery (bench/): generated bibs are deterministic and clean enough
that pubgen renders every entry, peak memory is measured per process, and the report
computes the ratios issue 8's targets are written in. No timing is asserted here: speed
is measured by ``python bench/run.py``, never by the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import generate, report, vocab
from bench.entries import OWNER, Entry
from bench.entries import generate as stream
from bench.measure import GNU_TIME, Case, Result, Sample, run_once
from bench.run import count_entries
from pubgen.cli import main
from pubgen.latex import decode
from pubgen.venues import match
from tests.conftest import need_path


@pytest.mark.parametrize(("seed", "same"), [(8, True), (9, False)])
def test_same_seed_gives_the_same_bytes(seed: int, same: bool) -> None:
    reference = generate.bib_text(stream(60, 8))
    assert (generate.bib_text(stream(60, seed)) == reference) is same


def test_each_size_is_the_start_of_the_next() -> None:
    assert generate.bib_text(stream(500, 8)[:30]) == generate.bib_text(stream(30, 8))


def test_files_are_rewritten_only_when_stale(tmp_path: Path) -> None:
    (bib,) = generate.ensure([30], out=tmp_path)
    first = bib.stat().st_mtime_ns
    generate.ensure([30], out=tmp_path)
    assert bib.stat().st_mtime_ns == first
    (tmp_path / "gen-30.stamp").write_text("stale\n", encoding="utf-8")
    generate.ensure([30], out=tmp_path)
    assert (tmp_path / "gen-30.stamp").read_text(encoding="utf-8") != "stale\n"
    assert bib.read_text(encoding="utf-8") == generate.bib_text(stream(30, generate.SEED))


@pytest.mark.parametrize(
    ("name", "known"),
    [(name, True) for name in (*vocab.KNOWN_BOOKTITLES, *vocab.KNOWN_JOURNALS)]
    + [(name, False) for name in (*vocab.UNKNOWN_BOOKTITLES, *vocab.UNKNOWN_JOURNALS)],
)
def test_venue_names_are_known_to_pubgen_or_not_as_labelled(name: str, known: bool) -> None:
    text = decode(name.replace("{n}", "39th")).text
    assert (match(text) is not None) is known


@pytest.mark.parametrize("size", [30, 500, 5_000])
def test_every_generated_entry_is_rendered_or_merged_into_its_published_version(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = stream(size, generate.SEED)
    twins = [entry for entry in entries if entry.twin_of]
    (tmp_path / "refs.bib").write_text(generate.bib_text(entries), encoding="utf-8")
    overrides = generate.overrides_text(entries, generate.SEED)
    (tmp_path / "overrides.yaml").write_text(overrides, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert main(["build", "-o", "out.md"]) == 1

    problems = capsys.readouterr().err.splitlines()
    assert problems == [
        f"refs.bib:{_line(entries, twin.key)}: [{twin.key}] warning: preprint shown once, "
        f"as its published version {twin.twin_of}"
        for twin in twins
    ] + ["rebuilt out.md"]
    items = [line for line in (tmp_path / "out.md").read_text().splitlines() if line[:2] == "* "]
    assert len(items) == size - len(twins)
    owned = [e for e in entries if e.owner is not None and not e.twin_of]
    assert sum(f"**A. M. {OWNER.family}**" in item for item in items) == len(owned)


def _line(entries: list[Entry], key: str) -> int:
    text = generate.bib_text(entries)
    return text[: text.index("{" + key + ",")].count("\n") + 1


def _result(name: str, where: str, seconds: float, rss: int = 0) -> Result:
    return Result(Case(name, "tool", where, ("true",)), [Sample(seconds, rss, 0)])


REBUILD = (report.REBUILD, "seed")
BARE = ("python -c pass", "-")
BUILD_5K, BUILD_50K = (report.BUILD, "gen-5000"), (report.BUILD, "gen-50000")
PANDOC_5K = ("pandoc citeproc", "gen-5000")


@pytest.mark.parametrize(
    ("label", "measured", "row"),
    [
        ("unchanged rebuild / `python -c pass`", {REBUILD: 0.04, BARE: 0.02}, ["2.00", "met"]),
        ("unchanged rebuild / `python -c pass`", {REBUILD: 0.05, BARE: 0.02}, ["2.50", "NOT met"]),
        ("unchanged rebuild / `python -c pass`", {REBUILD: 0.05}, ["n/a", "not measured"]),
        ("pandoc 5k / 5k build", {PANDOC_5K: 15.0, BUILD_5K: 1.0}, ["15.00", "met"]),
        ("pandoc 5k / 5k build", {PANDOC_5K: 14.0, BUILD_5K: 1.0}, ["14.00", "NOT met"]),
        ("50k build / 5k build", {BUILD_50K: 10.5, BUILD_5K: 1.0}, ["10.50", "met"]),
        ("50k build peak RSS, MB", {BUILD_50K: 1.0}, ["400.00", "met"]),
    ],
)
def test_ratios_are_computed_and_judged_against_the_targets(
    label: str, measured: dict[tuple[str, str], float], row: list[str]
) -> None:
    results = [_result(name, where, sec, 400_000_000) for (name, where), sec in measured.items()]
    line = next(line for line in report.ratios_table(results) if line.startswith(f"| {label} "))
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert [cells[1], cells[3]] == row


@pytest.mark.parametrize(
    ("code", "low_mb", "high_mb"),
    [("pass", 1, 60), ("data = b'x' * 300_000_000", 300, 400)],
)
def test_peak_memory_is_the_childs_own_not_the_runners(
    code: str, low_mb: int, high_mb: int, tmp_path: Path
) -> None:
    need_path(Path(GNU_TIME or "/usr/bin/time"), "GNU time measures each child's peak RSS")
    ballast = b"y" * 200_000_000  # the runner's own peak must not leak into the child's
    sample, _ = run_once([sys.executable, "-c", code], tmp_path, {})
    assert ballast and sample.returncode == 0
    assert low_mb * 1_000_000 <= sample.rss_bytes <= high_mb * 1_000_000


def test_entries_are_counted_without_strings_comments_or_commented_out_lines(
    tmp_path: Path,
) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(
        "@String{a = b}\n@article{x,}\n  @Misc (y,)\n@comment{z}\n%@book{w,}\n@preamble{p}\n",
        encoding="utf-8",
    )
    assert count_entries(bib) == 2
