from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.cli import main
from tests.conftest import REPO

OWNER = "owner: {names: [Zhenheng Tang]}\n"


@pytest.mark.parametrize(
    ("bib", "code", "expected"),
    [
        ("@article{a, title={T}, author={Tang, Zhenheng}, journal={Nature}, year=2020}\n", 0, []),
        (
            "@article{a, title={T}, author={Li, Qi}, journal={Nature}, year=2020}\n",
            1,
            ["refs.bib:1: [a] warning: the owner is not among the authors"],
        ),
        (
            "@misc{a, title={T}, author={Tang, Zhenheng}}\n",
            1,
            [
                "refs.bib:1: [a] warning: no year: listed as undated",
                "refs.bib:1: [a] warning: no venue: nothing is printed after the title",
            ],
        ),
        (
            "@inproceedings{a, title={T}, author={Tang, Zhenheng}, year=2020,\n"
            "  booktitle={Proceedings of the Workshop on Obscure Things}}\n",
            1,
            [
                "refs.bib:1: [a] warning: no short name for venue 'Proceedings of the Workshop on "
                "Obscure Things': add it under venues:"
            ],
        ),
        (
            "@article{a, title={Same Title}, author={Tang, Zhenheng}, journal={Nature}, year=2020}\n"
            "@article{b, title={Same {T}itle}, author={Tang, Zhenheng}, journal={Science}, year=2021}\n",
            1,
            ["refs.bib:2: [b] warning: likely the same work as a"],
        ),
        (
            "@article{a, title={T}, author={Tang, Zhenheng}, journal={Nature}, year={in press}}\n",
            2,
            ["refs.bib:1: [a] year is not a year: 'in press'"],
        ),
    ],
)
def test_check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bib: str,
    code: int,
    expected: list[str],
) -> None:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OWNER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == code
    captured = capsys.readouterr()
    assert captured.err.splitlines() == expected
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["overrides.yaml", "refs.bib"]


def test_the_bundled_inputs_are_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["check"]) == 0
