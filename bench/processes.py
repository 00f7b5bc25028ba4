"""Peak memory of each process of one ``pubgen build``: the main one and its workers.

    python bench/processes.py bench/.data/gen-50000.bib \
        --overrides bench/.data/gen-50000.overrides.yaml

``bench/run.py`` reads peak RSS with ``/usr/bin/time``, which gives the largest process of
a tree, not their sum; with ``-j`` a build is several processes. This polls
``/proc/PID/status`` (VmHWM, the kernel's own high-water mark) of the build and of its
children every 10 ms until it exits. A worker's peak includes the pages it still shares
with the main process (forked, copy-on-write), so the sum of peaks is an upper bound; the
most private dirty memory (smaps_rollup, sampled) of each process is what it alone adds.
Linux only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except OSError:
        pass  # gone between two looks
    return found


def _kb(path: str, label: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(label):
                return int(line.split()[1])
    except OSError:
        pass  # gone, or not yet there
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib")
    parser.add_argument("--overrides")
    parser.add_argument("-j", "--jobs", default="", help="passed to pubgen build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        argv = [sys.executable, "-m", "pubgen", "build", "--bib", Path(args.bib).name]
        shutil.copy(args.bib, work)
        if args.overrides:
            shutil.copy(args.overrides, work)
            argv += ["--overrides", Path(args.overrides).name]
        argv += ["-o", "out.md", "--lenient", *(["-j", args.jobs] if args.jobs else [])]
        env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(work / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.perf_counter()
        build = subprocess.Popen(argv, cwd=work, env=env, stderr=subprocess.DEVNULL)
        peaks: dict[int, int] = {}
        private: dict[int, int] = {}  # pages no other process shares, at the most
        while build.poll() is None:
            for pid in _tree(build.pid):
                peaks[pid] = max(peaks.get(pid, 0), _kb(f"/proc/{pid}/status", "VmHWM:"))
                mine = _kb(f"/proc/{pid}/smaps_rollup", "Private_Dirty:")
                private[pid] = max(private.get(pid, 0), mine)
            time.sleep(0.01)
        seconds = time.perf_counter() - start
    pids = [pid for pid in peaks if peaks[pid]]
    print(f"{args.bib}: exit {build.returncode}, {seconds:.2f} s, {len(pids)} processes")
    for label, table in (("peak RSS", peaks), ("most private dirty", private)):
        each = [table[pid] / 1000 for pid in pids]
        print(f"{label} MB: " + ", ".join(f"{mb:.0f}" for mb in each) + f"; sum {sum(each):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
