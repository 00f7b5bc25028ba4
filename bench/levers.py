"""Micro-measurements behind the optimisation levers in bench/README.md (pubgen untouched).

    python bench/levers.py bench/.data/gen-5000.bib

Each line times what a lever would replace against a cheap stand-in for what it would
do instead, on the same data, so the gain can be estimated before anyone writes it.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's pubgen, never an installed one

from pubgen import nameparts, names, normalise, parse, sources  # noqa: E402


def clock(work: Callable[[], Any], repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in ms."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


_BRACES = re.compile(r"[{}]")
_SIMPLE_NAME = re.compile(r"[^{}\\,]+, [^{}\\,]+")  # "Family, Given": nothing to split


def closing_by_regex(value: str) -> int:
    """Stand-in for parse._closing on a {}-delimited value: jump from brace to brace."""
    depth = 0
    for match in _BRACES.finditer(value, 1):
        if match[0] == "{":
            depth += 1
        elif depth == 0:
            return match.start()
        else:
            depth -= 1
    return -1


def main() -> int:
    path = sys.argv[1]
    raw = Path(path).read_bytes()
    text, _ = sources.read_bib(path)
    pubs, _ = parse.parse_bib(text, path)
    values = [v for p in pubs for v in p.fields.values()]
    braced = ["{" + v + "}" for v in values]
    print(f"{path}: {len(pubs)} entries, {len(raw) / 1e6:.1f} MB")
    print(f"  hash the .bib, sha256: {clock(lambda: hashlib.sha256(raw).digest()):.1f} ms; "
          f"blake2b: {clock(lambda: hashlib.blake2b(raw).digest()):.1f} ms")  # fmt: skip
    evaluate_ms = clock(lambda: [parse.evaluate(v, parse.MONTH_MACROS) for v in braced])
    regex_ms = clock(lambda: [closing_by_regex(v) for v in braced])
    print(
        f"  evaluate() on {len(braced)} values: {evaluate_ms:.0f} ms; "
        f"brace scan by regex instead of per character: {regex_ms:.0f} ms"
    )
    raws = [r for p in pubs for r in names.split_and(p.get("author"))]
    simple = [r for r in raws if _SIMPLE_NAME.fullmatch(r)]
    pybtex_ms = clock(lambda: [nameparts.parts(r) for r in simple], 1)
    split_ms = clock(lambda: [r.partition(", ") for r in simple])
    print(
        f"  names: {len(simple)} of {len(raws)} are plain 'Family, Given'; pybtex on them "
        f"{pybtex_ms:.0f} ms, str.partition {split_ms:.0f} ms (particles need a word check)"
    )
    done = [normalise.normalise(p)[0] for p in pubs]
    blob = pickle.dumps(done, pickle.HIGHEST_PROTOCOL)
    print(
        f"  pickle normalised publications (for a worker process): dumps "
        f"{clock(lambda: pickle.dumps(done, pickle.HIGHEST_PROTOCOL)):.0f} ms, loads "
        f"{clock(lambda: pickle.loads(blob)):.0f} ms, {len(blob) / 1e6:.0f} MB"
    )
    starts = clock(lambda: [m.start() for m in re.finditer(r"^@", text, re.M)])
    print(f"  find entry boundaries (^@) to split the file for workers: {starts:.1f} ms")
    unused = sum(len(p.fields.get(k, "")) for p in pubs for k in ("abstract", "file", "keywords"))
    print(
        f"  characters in abstract/file/keywords: {unused / 1e6:.1f} M of "
        f"{sum(map(len, values)) / 1e6:.1f} M field characters"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
