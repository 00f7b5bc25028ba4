from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def need_path(path: Path, why: str) -> Path:
    """``path`` if it exists; otherwise skip on a user's clone but fail under CI=true."""
    if path.exists():
        return path
    message = f"{path} is missing: {why}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def need_program(name: str, why: str) -> str:
    """The full path of program ``name``; missing: skip on a user's clone, fail under CI=true."""
    found = shutil.which(name)
    if found is None:
        need_path(Path(f"<{name} on PATH>"), why)
    assert found is not None
    return found


@pytest.fixture
def corpus() -> Path:
    return need_path(SHARED / "corpus", "the shared BibTeX corpus sits beside the repo in CI")


@pytest.fixture
def seed() -> Path:
    return need_path(SHARED / "seed", "the seed homepage sits beside the repo in CI")
