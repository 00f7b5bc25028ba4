"""The README's example is run, so it cannot drift from what pubgen prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pubgen.cli import main
from tests.conftest import REPO


def _example_blocks() -> dict[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What it does, by example", 1)[1].split("## The pipeline", 1)[0]
    return {lang: body for lang, body in re.findall(r"```(\w+)\n(.*?)```", section, re.S)}


def test_readme_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _example_blocks()
    (tmp_path / "refs.bib").write_text(blocks["bibtex"], encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(blocks["yaml"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-o", "-"]) == 0
    assert capsys.readouterr().out == blocks["markdown"]
