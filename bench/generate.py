"""Deterministic, Zotero/Better-BibTeX-shaped bibliographies for the benchmark.

``python bench/generate.py`` writes ``gen-<n>.bib`` and ``gen-<n>.overrides.yaml`` for
n = 30, 500, 5,000 and 50,000 into bench/.data/ (gitignored). The same seed gives the same
bytes, and the n-entry file is the first n entries of one stream, so sizes differ only in
length. Entries look like a real Better BibTeX export: 4-12 authors with accents and
particles, ``{{Caps}}`` protection, ~800-character abstracts, ``file``/``keywords``/
``urldate``/``langid`` fields, arXiv ``@misc`` with eprint/archiveprefix (some the preprint
of a published entry), real venue names pubgen knows and some it does not, some LaTeX
accents and math. The owner is an author of about a third of the entries.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import entries as gen

SIZES = (30, 500, 5_000, 50_000)
SEED = 8
DATA = Path(__file__).resolve().parent / ".data"
_SOURCES = ("generate.py", "entries.py", "vocab.py")


def bib_text(entries: Sequence[gen.Entry]) -> str:
    return "".join(entry.bibtex() + "\n" for entry in entries)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def overrides_text(entries: Sequence[gen.Entry], seed: int) -> str:
    """overrides.yaml for these entries: the owner, markers, venues and a few papers."""
    # Not a preprint twin: an override (type: other) would keep it beside its published twin;
    # and with co-authors to name (a thesis may have none).
    owned = [
        entry
        for entry in entries
        if entry.owner is not None and not entry.twin_of and len(entry.authors) >= 3
    ]
    count = min(len(owned), 4 if len(entries) <= 30 else 8 if len(entries) <= 500 else 12)
    chosen = random.Random(seed).sample(owned, count)
    chosen.sort(key=entries.index)
    lines = [
        f"# Synthetic overrides for {len(entries)} entries (bench/generate.py, seed {seed}).",
        "owner:",
        f"  names: [{_quoted(gen.OWNER.full)}, {_quoted(gen.OWNER_INITIALS.yaml)}]",
        "markers:",
        '  equal: {symbol: "*", label: "the equal contribution"}',
        '  corresponding: "📧"',
        '  lead: "💡"',
        "venues:",
        '  "Scientific Reports": Sci. Rep.',
        '  "Future Generation Computer Systems": FGCS',
        "group:",
        "  by: [type]",
        "papers:",
    ]
    for number, entry in enumerate(chosen):
        lines.append(f"  {entry.key}:")
        lines.extend(f"    {line}" for line in _paper_lines(entry, number))
    return "\n".join(lines) + "\n"


def _paper_lines(entry: gen.Entry, variant: int) -> list[str]:
    """One of six override shapes, each naming authors the way a user would."""
    owner = entry.owner
    assert owner is not None
    people = [author for author in entry.authors if not author.literal]
    others = [author for author in people if author is not owner]
    last = _quoted(others[-1].yaml)
    first = _quoted(others[0].yaml)
    me = _quoted(owner.yaml)
    shapes = [
        [f"lead: [{me}]", f"corresponding: [{me}, {last}]"],
        [f"equal: [{first}, {me}]", "awards: [Oral]"],
        ["awards: [Best Paper Award]", "selected: true"],
        [f"corresponding: [{last}]", 'venue: "Workshop of Federated Foundation Models@NeurIPS"'],
        ["equal: [1, 2]", f"lead: [{me}]"],
        [f"corresponding: [{me}]", "type: other", "selected: true"],
    ]
    return shapes[variant % len(shapes)]


def _stamp(size: int, seed: int) -> str:
    digest = hashlib.sha256(f"{size} {seed}".encode())
    for name in _SOURCES:
        digest.update((Path(__file__).resolve().parent / name).read_bytes())
    return digest.hexdigest()


def ensure(sizes: Sequence[int] = SIZES, seed: int = SEED, out: Path = DATA) -> list[Path]:
    """The bib files for ``sizes``, generated unless an up-to-date copy is there."""
    out.mkdir(parents=True, exist_ok=True)
    todo = [n for n in sizes if not _fresh(out, n, seed)]
    stream = gen.generate(max(todo), seed) if todo else []
    for n in todo:
        (out / f"gen-{n}.bib").write_text(bib_text(stream[:n]), encoding="utf-8")
        overrides = overrides_text(stream[:n], seed)
        (out / f"gen-{n}.overrides.yaml").write_text(overrides, encoding="utf-8")
        (out / f"gen-{n}.stamp").write_text(_stamp(n, seed) + "\n", encoding="utf-8")
    return [out / f"gen-{n}.bib" for n in sizes]


def _fresh(out: Path, size: int, seed: int) -> bool:
    stamp = out / f"gen-{size}.stamp"
    if not (stamp.exists() and (out / f"gen-{size}.bib").exists()):
        return False
    return stamp.read_text(encoding="utf-8").strip() == _stamp(size, seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DATA, help="folder (default bench/.data)")
    args = parser.parse_args(argv)
    for path in ensure(args.sizes, args.seed, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
