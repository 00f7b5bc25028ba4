"""Where one ``pubgen build`` spends its time and memory, stage by stage, in one process.

    python bench/stages.py bench/.data/gen-5000.bib --overrides bench/.data/gen-5000.overrides.yaml

Mirrors ``pipeline.load`` and ``render_list`` of this checkout with a clock around each
stage (no profiler, so no profiler overhead). Name splitting and LaTeX decoding, which
normalise interleaves per entry, are timed by repeating exactly those calls on the same
data afterwards; the split into blocks is timed on its own after ``parse_bib`` did it.
Peak RSS is the process's high-water mark after each stage.
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's pubgen, never an installed one

T = TypeVar("T")
rows: list[tuple[str, float, float]] = []  # (stage, seconds, peak RSS MB after it)


def timed(stage: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    rows.append((stage, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000))
    return result


def _importer(module: str) -> Callable[[], Any]:
    return lambda: importlib.import_module(module)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib")
    parser.add_argument("--overrides")
    args = parser.parse_args()
    mods: dict[str, Any] = {}
    for name in ("config", "parse", "names", "render", "pipeline"):  # the order cli uses
        mods[name] = timed(f"import pubgen.{name}", _importer(f"pubgen.{name}"))
    from pubgen import (
        classify,
        dedupe,
        group,
        latex,
        links,
        model,
        names,
        normalise,
        overrides,
        sources,
        split,
        write,
    )
    from pubgen.nameparts import parts as name_parts
    from pubgen.outputs import Output
    from pubgen.parse import MONTH_MACROS, evaluate, parse_bib

    config = timed("read overrides.yaml", lambda: mods["config"].load_config(args.overrides)
                   if args.overrides else mods["config"].Config())  # fmt: skip
    text, _ = timed("read .bib (sources)", lambda: sources.read_bib(args.bib))
    pubs, _ = timed("parse_bib (split + evaluate + checks)", lambda: parse_bib(text, args.bib))
    blocks = timed("  of which split", lambda: list(split.split(text)))
    values = [v for block in blocks if isinstance(block, split.Entry) for _, v in block.fields]
    del blocks
    timed(f"  of which evaluate() ({len(values)} values)",
          lambda: [evaluate(value, MONTH_MACROS) for value in values])  # fmt: skip
    entries = len(pubs)
    markers = config.name_markers
    done = timed("normalise (names + decode + dates, ids)",
                 lambda: [normalise.normalise(p, markers)[0] for p in pubs])  # fmt: skip
    raws = [raw for p in pubs for raw in names.split_and(p.get("author") or p.get("editor"))]
    parts = timed("  of which name splitting", lambda: [name_parts(r) for r in raws])
    texts = [p.get("title") for p in pubs] + [p.venue_name for p in done]
    texts += [part for four in parts for part in four if part]
    timed(
        f"  of which LaTeX decode ({len(texts)} fields)",
        lambda: [latex._decode(t) for t in texts],  # uncached: normalise filled the cache
    )
    slow = sum(latex._NEEDS_PARSER.search(t) is not None for t in texts)
    owner = overrides.owner_of(config)
    over, _ = timed("overrides", lambda: overrides.apply_paper_overrides(
                    [overrides.mark_owner(p, owner) for p in done], config))  # fmt: skip
    link_overrides = links.link_overrides(config)
    linked = timed("links", lambda: [
        model.replace(p, links=links.links_of(p, link_overrides)[0]) for p in over])  # fmt: skip
    classified = timed("classify", lambda: [classify.classify(p, config.venues) for p in linked])
    merged, _ = timed("dedupe", lambda: dedupe.merge_versions(classified, config.merge_preprints))
    groups = timed("group", lambda: group.group(merged, config.grouping))
    markdown = Output("markdown")
    out = timed("render", lambda: mods["render"].render(groups, config, markdown, []))
    for fmt in ("html", "latex"):  # not in the total: a build renders the formats it lists
        timed(f"  render {fmt} (not in total)",
              lambda fmt=fmt: mods["render"].render(groups, config, Output(fmt), []))  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "out.md")
        timed("write", lambda: write.apply(write.plan(target, out, False)))
    total = sum(seconds for stage, seconds, _ in rows if not stage.startswith("  "))
    print(f"{args.bib}: {entries} entries; {slow} of {len(texts)} decoded fields need the parser;")
    print("interpreter start-up (before the imports below) is not included")
    print("| stage | ms | ms/entry | share | peak RSS MB after |\n|---|---|---|---|---|")
    for stage, seconds, rss in [*rows, ("total (in-process)", total, rows[-1][2])]:
        print(f"| {stage} | {seconds * 1000:.0f} | {seconds * 1000 / entries:.3f} | "
              f"{seconds / total:.0%} | {rss:.0f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
