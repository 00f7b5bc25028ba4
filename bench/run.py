"""Time whole pubgen processes beside bare Python, its imports, bibtexparser, bibtex2html
and pandoc, in one run, and print the ratios issue 8's targets are written in.

    python bench/run.py                  # everything (~10 minutes on 2 cores)
    python bench/run.py --quick          # smoke: fewer runs, no 50k, no large files
    python bench/run.py --only gen-5000 --markdown table.md

pubgen runs from this checkout (PYTHONPATH), not from an installed copy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(REPO))

from bench import generate, report  # noqa: E402
from bench.measure import Case, Result, measure  # noqa: E402

LARGE = REPO.parent / "shared" / "corpus" / "large"
PY = sys.executable
PARSE_ONLY = "import sys, bibtexparser; bibtexparser.parse_file(sys.argv[1])"
PANDOC_DOC = "---\nnocite: '@*'\n---\n\n# Publications\n"
# bibtex's default string pool (500,000 here) overflows at 50,000 entries.
BIBTEX_ENV = (("max_strings", "1000000"),)
_ENTRY = re.compile(r"^[ \t]*@[ \t]*(?!string\b|comment\b|preamble\b)\w+[ \t]*[{(]", re.M | re.I)


def count_entries(path: Path) -> int:
    return len(_ENTRY.findall(path.read_text(encoding="utf-8", errors="replace")))


def peer_cases(name: str, bib: Path, entries: int, pandoc: bool) -> list[Case]:
    cases = [
        Case("bibtexparser v2 parse", "python", name, (PY, "-c", PARSE_ONLY, bib.name), (bib,))
    ]
    if shutil.which("bibtex2html"):
        argv: tuple[str, ...] = (
            "bibtex2html",
            "-q",
            "-nobibsource",
            "-nodoc",
            "-o",
            "out",
            bib.name,
        )
        cases.append(Case("bibtex2html", "bibtex2html", name, argv, (bib,), env=BIBTEX_ENV))
    if pandoc and shutil.which("pandoc"):
        argv = ("pandoc", "doc.md", "--citeproc", f"--bibliography={bib.name}", "-t", "html")
        cases.append(Case("pandoc citeproc", "pandoc", name, (*argv, "-o", "out.html"), (bib,)))
    return [replace(case, entries=entries) for case in cases]


def all_cases(args: argparse.Namespace, doc: Path) -> list[Case]:
    base: tuple[str, ...] = (PY, "-m", "pubgen", "build")
    ok = frozenset({0, 1})
    cases = [
        Case("python -c pass", "python", "-", (PY, "-c", "pass")),
        Case("python imports", "python", "-", (PY, "-c", "import jinja2, yaml, bibtexparser")),
    ]
    seed = (REPO / "refs.bib", REPO / "overrides.yaml")
    cases += [
        Case(report.REBUILD, "pubgen", "seed", (*base, "-o", "out.md"), seed, cold=False),
        Case(report.BUILD, "pubgen", "seed", (*base, "-o", "out.md"), seed, ok=ok),
    ]
    n = count_entries(seed[0])
    cases = [replace(c, entries=n) if c.input == "seed" else c for c in cases]
    cases += peer_cases("seed", seed[0], n, pandoc=True)
    sizes = [n for n in generate.SIZES if not (args.quick and n > 5_000)]
    for bib in generate.ensure(sizes):
        n = int(bib.stem.split("-")[1])
        yaml = bib.with_name(f"{bib.stem}.overrides.yaml")
        argv = (*base, "--bib", bib.name, "--overrides", yaml.name, "-o", "out.md")
        if n == 5_000:
            rebuild = Case(report.REBUILD, "pubgen", bib.stem, argv, (bib, yaml), cold=False)
            cases.append(replace(rebuild, entries=n))
        cases.append(Case(report.BUILD, "pubgen", bib.stem, argv, (bib, yaml), ok=ok, entries=n))
        if n >= 5_000:  # what the worker processes bring (the row above uses every core)
            one = Case(report.BUILD_ONE, "pubgen", bib.stem, (*argv, "-j", "1"), (bib, yaml))
            cases.append(replace(one, ok=ok, entries=n))
        cases += peer_cases(bib.stem, bib, n, pandoc=n <= 5_000 or args.slow_peers)
    if LARGE.is_dir() and not args.quick and not args.no_large:
        for bib in sorted(LARGE.glob("*.bib")):
            name, n = f"large/{bib.stem}", count_entries(bib)
            argv = (*base, "--bib", bib.name, "-o", "out.md")
            cases.append(Case(report.BUILD, "pubgen", name, argv, (bib,), ok=ok, entries=n))
            cases += peer_cases(name, bib, n, pandoc=args.slow_peers)
    cases = [replace(c, files=(*c.files, doc)) if c.tool == "pandoc" else c for c in cases]
    wanted = args.only or [""]
    return [c for c in cases if any(w in f"{c.name} {c.input}" for w in wanted)]


# How each tool is told to render what it can of a file with errors.
LENIENT = {
    "pubgen": lambda argv: (*argv, "--lenient"),
    "bibtex2html": lambda argv: (argv[0], "-i", *argv[1:]),  # -i: ignore BibTeX errors
}


def run_case(case: Case, args: argparse.Namespace, env: dict[str, str], tmp: Path) -> Result:
    result = measure(case, args.runs, args.budget, args.min_runs, env, tmp)
    last = result.samples[-1].returncode if result.samples else None
    if last == 2 and case.tool in LENIENT:
        # A real file with errors: render the rest, as a user of such a file would.
        lenient = replace(case, argv=LENIENT[case.tool](case.argv))
        result = measure(lenient, args.runs, args.budget, args.min_runs, env, tmp)
        flag = next(a for a in lenient.argv if a not in case.argv)
        result.note = (f"{flag}: the file has errors " + result.note).strip()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs, no 50k, no large files")
    parser.add_argument("--runs", type=int, help="runs per case (default 5, quick 2)")
    parser.add_argument("--min-runs", type=int, default=3, help="runs even past the budget")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per case")
    parser.add_argument("--only", action="append", help="cases whose name contains this")
    parser.add_argument("--slow-peers", action="store_true", help="pandoc on 50k and large")
    parser.add_argument("--no-large", action="store_true", help="skip ../shared/corpus/large")
    parser.add_argument("--markdown", type=Path, help="write the tables here as Markdown")
    parser.add_argument("--json", type=Path, help="write every sample here")
    args = parser.parse_args(argv)
    args.runs = args.runs or (2 if args.quick else 5)
    args.min_runs = min(args.min_runs, args.runs, 1 if args.quick else args.runs)
    paths = [str(REPO), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed pubgen has its .pyc files
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="pubgen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        doc = tmp / "doc.md"
        doc.write_text(PANDOC_DOC, encoding="utf-8")
        cases = all_cases(args, doc)
        for case in cases:  # warm-up on the small inputs: .pyc files, page cache; untimed
            if case.input in ("-", "seed"):
                measure(case, 1, 0.0, 1, env, tmp)
        for case in cases:
            result = run_case(case, args, env, tmp)
            results.append(result)
            print(report.results_table([result])[-1], file=sys.stderr, flush=True)
    command = "python bench/run.py " + shlex.join(sys.argv[1:] if argv is None else argv)
    lines = [f"`{command.strip()}`", "", *report.machine(), ""]
    lines += [*report.results_table(results), "", *report.ratios_table(results)]
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.json:
        rows = [{"case": asdict(r.case), "samples": [asdict(s) for s in r.samples],
                 "note": r.note} for r in results]  # fmt: skip
        args.json.write_text(json.dumps(rows, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
