"""The unchanged-rebuild shortcut: it may only ever skip work that would change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pubgen import readahead
from pubgen.cli import main
from tests.conftest import run_python

BIB = """\
@article{a, title = {T}, author = {Tang, Zhenheng}, journal = {Nature}, year = 2020,
  tilte = {typo}}
"""
OVERRIDES = "owner: {names: [Zhenheng Tang]}\noutputs:\n  - page: index.md\n"
PAGE = "# Me\n<!-- pubgen:start -->\n<!-- pubgen:end -->\n"
WARNING = "refs.bib:1: [a] warning: unknown field ignored: tilte\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["build", *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda site: None, 0),
        (lambda site: (site / "refs.bib").write_text(BIB.replace("{T}", "{U}")), 1),
        (lambda site: (site / "index.md").write_text(PAGE.replace("# Me", "# You")), 1),
        (lambda site: (site / "index.md").write_text(PAGE), 1),
        (lambda site: (site / "overrides.yaml").write_text(OVERRIDES + "max_authors: 1\n"), 0),
        (lambda site: (site / "templates").mkdir(), 0),
    ],
    ids=["nothing", "bib", "page-outside-markers", "page-inside-markers", "overrides", "templates"],
)
def test_a_second_build_is_the_same_with_and_without_the_stamp(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], object],
    code: int,
) -> None:
    assert _build(capsys) == (1, WARNING + "rebuilt index.md\n")
    change(site)
    with_stamp = _build(capsys)
    after = (site / "index.md").read_bytes()
    monkeypatch.setenv("PUBGEN_NO_CACHE", "1")
    # A full build now must agree: nothing left to change, same page, same warnings.
    assert _build(capsys) == (0, WARNING)
    assert (site / "index.md").read_bytes() == after
    assert with_stamp[0] == code
    assert with_stamp[1].startswith(WARNING)


def test_an_unchanged_rebuild_imports_nothing_heavy(site: Path) -> None:
    code = (
        "import sys; from pubgen.cli import main; rc = main(['build']); "
        "heavy = {'yaml', 'jinja2', 'bibtexparser', 'pybtex', 'requests', 'pubgen.config', "
        "'_hashlib'}; "  # hashlib's OpenSSL backend: 2-5 ms to load
        "print(rc, sorted(heavy & set(sys.modules)))"
    )
    runs = [run_python(code, site) for _ in range(2)]
    assert runs[0].stdout == "1 ['_hashlib', 'jinja2', 'pubgen.config', 'yaml']\n"
    assert (runs[1].stdout, runs[1].stderr) == ("0 []\n", WARNING)


def test_check_and_build_share_the_stamp(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(capsys, "--check")[0] == 1  # nothing written, nothing stamped
    assert (site / "index.md").read_text() == PAGE
    assert _build(capsys)[0] == 1
    assert _build(capsys, "--check") == (0, WARNING)


def _saved_again_while_reading(site: Path) -> None:
    (site / "refs.bib").write_text(BIB.replace("{T}", "{U}"), encoding="utf-8")


def _template_added_while_rendering(site: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "markdown.md.j2").write_text("mine\n", encoding="utf-8")


def _page_emptied_after_writing(site: Path) -> None:
    (site / "index.md").write_text(PAGE, encoding="utf-8")  # the list between the markers gone


@pytest.mark.parametrize(
    ("stage", "change", "extra"),
    [
        ("pubgen.pipeline.render_list", _saved_again_while_reading, ()),
        # Named on the command line, and read ahead while the build starts (sources.py).
        ("pubgen.pipeline.render_list", _saved_again_while_reading, ("--bib", "refs.bib")),
        ("pubgen.pipeline.render_list", _template_added_while_rendering, ()),
        ("pubgen.write.apply_all", _page_emptied_after_writing, ()),
    ],
    ids=["bib", "bib read ahead", "templates", "page"],
)
def test_a_file_changed_during_a_build_is_built_again(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    change: Callable[[Path], None],
    extra: tuple[str, ...],
) -> None:
    """The stamp holds what the build read and wrote, not what is on disk when it ends:
    a file saved meanwhile must not pass for built."""
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (0, 1 << 20))
    module, name = stage.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)

    def then_change(*args: object, **kwargs: object) -> object:
        result = original(*args, **kwargs)
        change(site)
        return result

    with monkeypatch.context() as patched:
        patched.setattr(stage, then_change)
        assert _build(capsys, *extra)[0] == 1
    # The next run sees the change and builds the page from what is on disk now.
    assert _build(capsys, *extra)[0] == 1
    rebuilt = (site / "index.md").read_bytes()
    monkeypatch.setenv("PUBGEN_NO_CACHE", "1")
    assert _build(capsys, *extra)[0] == 0
    assert (site / "index.md").read_bytes() == rebuilt
