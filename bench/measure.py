"""Time whole processes: wall clock from spawn to exit, and the peak RSS of each child.

Peak RSS is per process and includes the children it waited for (the ``bibtex`` that
bibtex2html runs). It is read by GNU ``/usr/bin/time -f %M`` wrapped around the command,
not from our own ``os.wait4``: Linux starts a child's peak RSS at its parent's (the
runner's ~25 MB, or hundreds of MB after generating 50,000 entries), because exec records
the high-water mark of the memory it replaces. The wrapper costs ~1 ms per run, the same
for every case. Without /usr/bin/time, ``os.wait4`` is used and small figures are floors.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 1800.0  # seconds per process: pandoc on 50,000 entries takes minutes
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else ""


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_bytes: int
    returncode: int


@dataclass(frozen=True)
class Case:
    """One thing to time: ``argv`` run in a folder holding copies of ``files``.

    ``cold``: every run gets a fresh folder (fresh copies of the inputs, no output yet,
    a fresh XDG_CACHE_HOME), so no cache can survive between runs. Otherwise one folder
    is primed by an untimed run and every timed run repeats it there (the unchanged
    rebuild a pre-commit hook does).
    """

    name: str
    tool: str
    input: str
    argv: tuple[str, ...]
    files: tuple[Path, ...] = ()
    cold: bool = True
    env: tuple[tuple[str, str], ...] = ()
    ok: frozenset[int] = frozenset({0})
    entries: int = 0


@dataclass
class Result:
    case: Case
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def ran(self) -> bool:
        return bool(self.samples) and all(s.returncode in self.case.ok for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def min(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def rss(self) -> int:
        return max(s.rss_bytes for s in self.samples)


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[Sample, str]:
    """One run of ``argv``; stdout is discarded, stderr kept (its tail is returned)."""
    err_path, rss_path = cwd / ".bench-stderr", cwd / ".bench-rss"
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", str(rss_path), *argv]
    with err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-2:]
    # Both are KiB on Linux; GNU time's file may start with "Command exited with ...".
    rss = usage.ru_maxrss
    if GNU_TIME:
        rss = int(rss_path.read_text(encoding="utf-8").split()[-1])
    return Sample(seconds, rss * 1024, code), " / ".join(tail)


def _fresh_dir(parent: Path, files: Sequence[Path]) -> Path:
    folder = Path(tempfile.mkdtemp(dir=parent))
    for path in files:
        shutil.copyfile(path, folder / path.name)
    (folder / ".cache").mkdir()
    return folder


def measure(
    case: Case, runs: int, budget: float, min_runs: int, base_env: dict[str, str], tmp: Path
) -> Result:
    """Up to ``runs`` runs; fewer once ``budget`` seconds are spent and ``min_runs`` done."""
    result = Result(case)
    env = {**base_env, **dict(case.env)}
    warm = None if case.cold else _fresh_dir(tmp, case.files)
    if warm is not None:
        env["XDG_CACHE_HOME"] = str(warm / ".cache")
        run_once(case.argv, warm, env)  # the first build, whose output the rest reuse
    spent = 0.0
    while len(result.samples) < runs and (len(result.samples) < min_runs or spent < budget):
        folder = warm or _fresh_dir(tmp, case.files)
        if warm is None:
            env["XDG_CACHE_HOME"] = str(folder / ".cache")
        sample, tail = run_once(case.argv, folder, env)
        if warm is None:
            shutil.rmtree(folder)
        result.samples.append(sample)
        spent += sample.seconds
        if sample.returncode not in case.ok:
            result.note = f"exit {sample.returncode}: {tail}"[:200]
            break
    if warm is not None:
        shutil.rmtree(warm)
    return result
