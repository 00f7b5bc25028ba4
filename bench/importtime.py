"""What ``pubgen build`` imports and what each package costs, from ``python -X importtime``.

    python bench/importtime.py [--runs 7] [-- extra pubgen build arguments]

Runs ``python -X importtime -m pubgen build -o out.md`` on the bundled refs.bib and
overrides.yaml (copied to a temp folder) several times and prints medians: the import
time of each package including the standard-library modules only it pulls in (roughly
what leaving it out would save), and the self time of each of pubgen's own modules.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _root(name: str) -> str:
    root = name.split(".")[0]
    return "stdlib" if root in sys.stdlib_module_names or root.startswith("_") else root


def parse(stderr: str) -> tuple[dict[str, float], dict[str, float]]:
    """(ms per package, ms per pubgen module) of one -X importtime run.

    Every module's self time is charged to the nearest package on its import chain that
    is not the standard library, so stdlib modules pybtex pulls in count as pybtex's and
    the rows add up to the whole import time.
    """
    rows = [(int(m[1]), len(m[3]) // 2, m[4]) for m in _LINE.finditer(stderr)]
    packages: dict[str, float] = defaultdict(float)
    own: dict[str, float] = defaultdict(float)
    chain: list[str] = []
    # importtime prints a module after its imports, so read backwards: parents first.
    for self_us, level, name in reversed(rows):
        del chain[level:]
        chain.append(name)
        packages[_bucket(chain)] += self_us / 1000
        if name.startswith("pubgen"):
            own[name] += self_us / 1000
    return packages, own


def _bucket(chain: list[str]) -> str:
    """``jinja2 (imported by pubgen.render)``, ``stdlib (imported by pubgen)``, ..."""
    roots = [_root(name) for name in chain]
    owner = next((i for i in range(len(roots) - 1, -1, -1) if roots[i] != "stdlib"), None)
    if owner is None:
        return "interpreter startup (stdlib, site)"
    importer = next(
        (chain[i] for i in range(owner - 1, -1, -1) if roots[i] != roots[owner]), "startup"
    )
    if roots[owner] == "pubgen":
        return "pubgen's own modules" if roots[-1] == "pubgen" else "stdlib (imported by pubgen)"
    return f"{roots[owner]} (imported by {importer})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("extra", nargs="*", help="more `pubgen build` arguments")
    args = parser.parse_args(argv)
    # Every run a full build: without PUBGEN_NO_CACHE the unchanged-rebuild stamp would
    # skip the imports from the second run on.
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PUBGEN_NO_CACHE": "1"}
    runs: list[tuple[dict[str, float], dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name in ("refs.bib", "overrides.yaml"):
            shutil.copy(REPO / name, folder)
        argv_ = [sys.executable, "-X", "importtime", "-m", "pubgen", "build", "-o", "out.md"]
        for _ in range(args.runs):
            done = subprocess.run(
                [*argv_, *args.extra], cwd=folder, env=env, capture_output=True, text=True,
                timeout=120, check=False,
            )  # fmt: skip
            runs.append(parse(done.stderr))
    for title, index in (("import cost per package", 0), ("pubgen modules, self time", 1)):
        keys = {key for run in runs for key in run[index]}
        medians = {key: statistics.median(run[index].get(key, 0.0) for run in runs) for key in keys}
        print(f"\n{title} (median of {args.runs} runs, ms):")
        for key, value in sorted(medians.items(), key=lambda item: -item[1])[: args.top]:
            print(f"  {value:8.1f}  {key}")
        print(f"  {sum(medians.values()):8.1f}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
