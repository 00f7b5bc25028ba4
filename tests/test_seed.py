"""The bundled refs.bib + overrides.yaml against the seed homepage, item by item.

The seed's Publications section is parsed independently of pubgen's code and every item
pubgen renders is compared with the seed item of the same title: the authors' surnames
in order, which of them is bolded, the markers on each, the awards, the venue and the
section. Where pubgen prints what the author meant rather than a slip of the seed, the
difference is listed in tests/pagelists.py with its reason; nothing else may differ.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _pytest.capture import CaptureResult

from pubgen.cli import main
from tests.conftest import REPO
from tests.pagelists import as_biblatex_without_ids, compare_with_seed


@pytest.fixture
def rendered(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(REPO)
    assert main(["build", "-o", "-"]) == 0
    return capsys.readouterr().out


def test_the_golden_file_is_what_build_prints(rendered: str) -> None:
    assert rendered == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")


def test_every_seed_item_is_rendered_as_the_author_meant(rendered: str, seed: Path) -> None:
    from pubgen.config import load_config
    from pubgen.pipeline import load

    loaded = load([str(REPO / "refs.bib")], load_config(str(REPO / "overrides.yaml")))
    assert compare_with_seed(rendered, [p.title for p in loaded.publications], seed) == 30


def test_bold_is_the_owner_only(rendered: str) -> None:
    assert rendered.count("**Z. Tang**") == 30
    # The first author of the ICPP 2024 paper is Zichen Tang: same print, not the owner.
    assert "* Z. Tang, J. Huang, R. Yan, Y. Wang, **Z. Tang**💡📧," in rendered


def build_bundled_overrides_with(
    bib: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CaptureResult[str]:
    """``pubgen build -o -`` of ``bib`` with the bundled overrides.yaml, in ``folder``."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "overrides.yaml").write_bytes((REPO / "overrides.yaml").read_bytes())
    monkeypatch.chdir(folder)
    assert main(["build", "-o", "-"]) == 0
    return capsys.readouterr()


def test_renaming_every_key_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-export that renames every citation key: the overrides still find their papers."""
    bib = (REPO / "refs.bib").read_text(encoding="utf-8")
    renamed = re.sub(r"^(@\w+\{)(\w+),", r"\1renamed\2,", bib, flags=re.MULTILINE)
    assert renamed.count("{renamed") == 30
    captured = build_bundled_overrides_with(renamed, tmp_path, monkeypatch, capsys)
    assert captured.out == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")
    warnings = captured.err.splitlines()
    assert len(warnings) == 19  # one per paper in overrides.yaml
    assert (
        "overrides.yaml:22: [tangFuseFLOneshotFederated2024] warning: override applied to "
        "renamedtangFuseFLOneshotFederated2024 (same title): the citation key changed"
    ) in warnings


def test_another_export_shape_gives_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reshaped = as_biblatex_without_ids((REPO / "refs.bib").read_text(encoding="utf-8"))
    assert "journaltitle = {" in reshaped and "date = {2024-12}" in reshaped
    assert "doi = " not in reshaped and "Tang, Zhenheng" not in reshaped
    captured = build_bundled_overrides_with(reshaped, tmp_path, monkeypatch, capsys)
    assert captured.out == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")
    assert captured.err.count("the citation key changed") == 19
