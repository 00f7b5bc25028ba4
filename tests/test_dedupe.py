from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.cli import main

PREPRINT = """\
@misc{pre, title = {Hot Pluggable Federated Learning}, author = {Shen, Lei},
  year = 2024, eprint = {2410.00001}, archiveprefix = {arXiv}}
"""
PUBLISHED = """\
@inproceedings{pub, title = {Hot {Pluggable} Federated Learning}, author = {Shen, Lei},
  booktitle = {International Conference on Learning Representations}, year = 2025}
"""
PUBLISHED_SAME_ARXIV = """\
@inproceedings{pub, title = {Hot-pluggable FL: Bridging General and Personalized FL},
  author = {Shen, Lei}, booktitle = {International Conference on Learning Representations},
  year = 2025, url = {https://arxiv.org/abs/2410.00001}}
"""


@pytest.mark.parametrize(
    ("bib", "overrides", "shown", "warning"),
    [
        (
            PREPRINT + PUBLISHED,
            "",
            ["In ICLR 2025"],
            "refs.bib:1: [pre] warning: preprint shown once, as its published version pub",
        ),
        (
            PREPRINT + PUBLISHED_SAME_ARXIV,
            "",
            ["In ICLR 2025"],
            "refs.bib:1: [pre] warning: preprint shown once, as its published version pub",
        ),
        (
            PREPRINT + PUBLISHED,
            "merge_preprints: false\n",
            ["In ICLR 2025", "arXiv preprint arXiv:2410.00001"],
            "",
        ),
        (
            PREPRINT + PUBLISHED,
            "papers:\n  pre:\n    merge: false\n",
            ["In ICLR 2025", "arXiv preprint arXiv:2410.00001"],
            "",
        ),
        (
            PREPRINT + PREPRINT.replace("{pre,", "{pre2,"),
            "",
            ["arXiv preprint arXiv:2410.00001", "arXiv preprint arXiv:2410.00001"],
            "",
        ),
    ],
)
def test_one_work_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bib: str,
    overrides: str,
    shown: list[str],
    warning: str,
) -> None:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(overrides, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-o", "-"]) == 0
    captured = capsys.readouterr()
    items = [line for line in captured.out.splitlines() if line.startswith("* ")]
    assert [item.rsplit(". ", 1)[1].rstrip(".") for item in items] == shown
    assert captured.err == (warning + "\n" if warning else "")
