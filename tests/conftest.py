from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def need_path(path: Path, why: str) -> Path:
    """``path`` if it exists; otherwise skip on a user's clone but fail under CI=true."""
    if path.exists():
        return path
    missing(f"{path} is missing: {why}")


def missing(message: str) -> NoReturn:
    """Skip on a user's clone, but fail under CI=true, where everything must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def corpus_files() -> list[str]:
    """Every .bib of the shared corpus, relative to it, for parametrising a test."""
    found = sorted(
        str(path.relative_to(SHARED / "corpus")) for path in SHARED.glob("corpus/**/*.bib")
    )
    return found or ["<corpus missing>"]  # the test's corpus fixture then says why, or fails in CI


@pytest.fixture
def corpus() -> Path:
    return need_path(SHARED / "corpus", "the shared BibTeX corpus sits beside the repo in CI")


@pytest.fixture
def seed() -> Path:
    return need_path(SHARED / "seed", "the seed homepage sits beside the repo in CI")


def need_program(name: str, why: str) -> str:
    """The path of program ``name``; missing: skip on a user's clone, fail under CI=true."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed: {why} (.ci/run installs it from Debian)")
    return found


@pytest.fixture(autouse=True)
def _stamps_in_a_temp_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged-rebuild stamps go to a folder of this test session, not ~/.cache."""
    monkeypatch.setenv("PUBGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "stamps"))


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -c code`` in a fresh interpreter that imports this checkout's pubgen."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def jekyll_build(jekyll: str, site: Path, timeout: float = 180) -> None:
    """Build the Jekyll site in ``site`` into ``site/_site`` (safe mode, no cache)."""
    command = [jekyll, "build", "--safe", "--quiet", "--disable-disk-cache"]
    result = subprocess.run(
        [*command, "-s", str(site), "-d", str(site / "_site")],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def child_pids(pid: int) -> list[int]:
    """The processes ``pid`` has forked (a build's workers), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def zombie_or_gone(pid: int) -> bool:
    """Has ``pid`` ended (reaped or not)?"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (FileNotFoundError, ProcessLookupError):
        return True


def ended_within(seconds: float, pids: list[int]) -> bool:
    """Have all of ``pids`` ended (reaped or not) within ``seconds``? A killed process
    takes a moment to end."""
    deadline = time.monotonic() + seconds
    while not all(zombie_or_gone(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True
