"""The bench's tables: every measurement, then the ratios issue 8's targets are written in."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata

from bench.measure import Result

MB = 1_000_000  # decimal megabytes, the stricter reading of "400 MB"


@dataclass(frozen=True)
class Target:
    label: str
    numerator: tuple[str, str]  # (measure, input)
    denominator: tuple[str, str] | None  # None: the numerator's own figure
    at_most: bool  # True: ratio <= limit is met; False: ratio >= limit is met
    limit: float
    rss: bool = False  # compare peak memory (MB) instead of median time


BUILD, REBUILD = "pubgen build", "pubgen rebuild (unchanged)"
BUILD_ONE = "pubgen build -j 1"  # one process: without the workers pubgen.reading starts
TARGETS = (
    Target("unchanged rebuild / `python -c pass`", (REBUILD, "seed"), ("python -c pass", "-"),
           True, 2.0),
    Target("unchanged rebuild / bibtex2html (seed)", (REBUILD, "seed"), ("bibtex2html", "seed"),
           True, 1.0),
    Target("seed build / import baseline", (BUILD, "seed"), ("python imports", "-"), True, 1.3),
    Target("seed build / pandoc (seed)", (BUILD, "seed"), ("pandoc citeproc", "seed"), True, 0.5),
    Target("5k build / bibtex2html 5k", (BUILD, "gen-5000"), ("bibtex2html", "gen-5000"),
           True, 1.0),
    Target("pandoc 5k / 5k build", ("pandoc citeproc", "gen-5000"), (BUILD, "gen-5000"),
           False, 15.0),
    Target("50k build / 5k build", (BUILD, "gen-50000"), (BUILD, "gen-5000"), True, 10.5),
    Target("50k build peak RSS, MB", (BUILD, "gen-50000"), None, True, 400.0, rss=True),
)  # fmt: skip


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]


def results_table(results: Sequence[Result]) -> list[str]:
    rows = []
    for r in results:
        c = r.case
        timed = bool(r.samples)
        per_entry = f"{r.median / c.entries * 1000:.3f}" if timed and c.entries else ""
        rows.append(
            [
                c.name,
                c.input,
                f"{c.entries:,}" if c.entries else "",
                str(len(r.samples)),
                f"{r.median:.3f}" if timed else "",
                f"{r.min:.3f}" if timed else "",
                per_entry,
                f"{r.rss / MB:.0f}" if timed else "",
                r.note.replace("|", "\\|"),  # a tool's stderr must not split the row
            ]
        )
    header = ["measure", "input", "entries", "runs", "median s", "min s", "ms/entry",
              "peak RSS MB", "note"]  # fmt: skip
    return _table(header, rows)


def ratios_table(results: Sequence[Result]) -> list[str]:
    found = {(r.case.name, r.case.input): r for r in results if r.ran}
    rows = []
    for t in TARGETS:
        top = found.get(t.numerator)
        bottom = found.get(t.denominator) if t.denominator else None
        if top is None or (t.denominator and bottom is None):
            rows.append([t.label, "n/a", _limit(t), "not measured"])
            continue
        value = top.rss / MB if t.rss else top.median
        if bottom is not None:
            value /= bottom.median
        met = value <= t.limit if t.at_most else value >= t.limit
        rows.append([t.label, f"{value:.2f}", _limit(t), "met" if met else "NOT met"])
    return _table(["ratio (medians)", "value", "target", "status"], rows)


def _limit(target: Target) -> str:
    return f"{'≤' if target.at_most else '≥'} {target.limit:g}"


def _version(argv: Sequence[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return "absent"
    return (out.stdout or out.stderr).strip().splitlines()[0]


def machine() -> list[str]:
    cpu = ""
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if "model name" in line), "")
    packages = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("bibtexparser", "pybtex", "Jinja2", "PyYAML")
    )
    return [
        f"- machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {cpu}, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable}); {packages}",
        f"- {_version(['bibtex2html', '-version'])}; {_version(['pandoc', '--version'])}",
        # Other work on the machine shows here: medians move with it, minimums less.
        "- load average (1/5/15 min) at the end: "
        + " / ".join(f"{load:.2f}" for load in os.getloadavg()),
    ]
