"""Writes that never lose a byte: splicing through the CLI, atomic and refused writes."""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen.cli import main
from pubgen.errors import PubgenError
from pubgen.write import Change, apply, plan
from tests.conftest import REPO

S, E = "<!-- pubgen:start -->", "<!-- pubgen:end -->"
BIB = "@article{a2020, title={A Title}, author={Doe, Jane and Roe, Rick}, journal={Nature}, year=2020}\n"
L = "## Journal Articles\n\n* **J. Doe**, R. Roe. A Title. In Nature 2020.\n"
CL = L.replace("\n", "\r\n")
FENCE = f"```\n{S}\n{E}\n```\n"
SAME = None  # the page must come out byte for byte as it went in


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text("owner:\n  names: [Jane Doe]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("bib", "page", "code", "expected", "err"),
    [
        (BIB, f"a\n{S}\nold\n{E}\nb\n", 1, f"a\n{S}\n{L}{E}\nb\n", "rebuilt index.md\n"),
        (BIB, f"a\r\n{S}\r\nold\r\n{E}\r\nb\r\n", 1, f"a\r\n{S}\r\n{CL}{E}\r\nb\r\n", "rebuilt"),
        (BIB, f"\ufeff{S}\n{E}", 1, f"\ufeff{S}\n{L}{E}", "rebuilt"),
        (
            BIB,
            f"\ufeff---\r\nt: 1\r\n---\r\n{S}\r\n{E}\r\nend",
            1,
            f"\ufeff---\r\nt: 1\r\n---\r\n{S}\r\n{CL}{E}\r\nend",
            "rebuilt",
        ),
        (BIB, f"{S}\n{E}\n", 1, f"{S}\n{L}{E}\n", "rebuilt"),
        ("", f"{S}\nold\n{E}\n", 1, f"{S}\n{E}\n", "rebuilt"),
        ("", f"{S}\n{E}\n", 0, SAME, ""),
        (BIB, f"x\n{S}\n{L}{E}\n", 0, SAME, ""),
        (BIB, f"{S}  \nold\n  {E}\t\n", 1, f"{S}  \n{L}  {E}\t\n", "rebuilt"),
        (BIB, f"{S} \r\n{E}\t\r\n", 1, f"{S} \r\n{CL}{E}\t\r\n", "rebuilt"),
        (BIB, f"a\r\n{S}\nold\r\n{E}\r\nb\n", 1, f"a\r\n{S}\n{L}{E}\r\nb\n", "rebuilt"),
        (BIB, f"a\n{S}\r\nold\n{E}\nb\r\n", 1, f"a\n{S}\r\n{CL}{E}\nb\r\n", "rebuilt"),
        (BIB, f"{FENCE}{S}\n{E}\n", 1, f"{FENCE}{S}\n{L}{E}\n", "rebuilt"),
        (
            BIB,
            f"{S}\n{S}\n{E}\n",
            2,
            SAME,
            "index.md: needs exactly one <!-- pubgen:start --> line and one <!-- pubgen:end --> line, found 2 start and 1 end markers (lines 1, 2, 3)\n",
        ),
        (
            BIB,
            f"{E}\n{S}\n",
            2,
            SAME,
            "index.md:1: <!-- pubgen:end --> comes before <!-- pubgen:start -->\n",
        ),
        (
            BIB,
            "# Me\n",
            2,
            SAME,
            "found 0 start and 0 end markers (pubgen init --page index.md adds them)\n",
        ),
        (
            BIB,
            FENCE,
            2,
            SAME,
            "found 0 start and 0 end markers; 2 inside fenced code blocks do not count",
        ),
        (BIB, f"see {S}\n{E}\n", 2, SAME, "found 0 start and 1 end markers (lines 2)"),
    ],
    ids=[
        "lf",
        "crlf",
        "bom-no-final-newline",
        "bom-front-matter-crlf",
        "empty-section",
        "empty-list",
        "empty-list-up-to-date",
        "up-to-date",
        "markers-with-spaces",
        "markers-with-spaces-crlf",
        "mixed-lf-start",
        "mixed-crlf-start",
        "fenced-decoy",
        "two-starts",
        "end-first",
        "no-markers",
        "only-fenced-markers",
        "marker-in-text",
    ],
)
def test_page_bytes(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    bib: str,
    page: str,
    code: int,
    expected: str | None,
    err: str,
) -> None:
    (site / "refs.bib").write_text(bib, encoding="utf-8")
    before = page.encode("utf-8")
    (site / "index.md").write_bytes(before)
    check_code = main(["build", "--page", "index.md", "--check"])
    assert (site / "index.md").read_bytes() == before  # --check never writes
    assert check_code == code
    capsys.readouterr()
    assert main(["build", "--page", "index.md"]) == code
    after = (site / "index.md").read_bytes()
    assert after == (before if expected is SAME else expected.encode("utf-8"))
    assert err in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["index.md", "overrides.yaml", "refs.bib"]


_CHAR = st.characters(codec="utf-8", exclude_characters="\n`~")
_TEXT = st.lists(
    st.tuples(st.text(_CHAR, max_size=10), st.sampled_from(["\n", "\r\n"])), max_size=4
)
_TITLE = st.text(st.sampled_from("abcXYZ019 *_[]#|<>&$-.,:;!?'\"()éü中"), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(
    before=_TEXT,
    after=_TEXT,
    tail=st.text(_CHAR, max_size=5),
    nl=st.sampled_from(["\n", "\r\n"]),
    title=_TITLE,
)
def test_building_twice_changes_nothing(
    before: list[tuple[str, str]],
    after: list[tuple[str, str]],
    tail: str,
    nl: str,
    title: str,
) -> None:
    head = "".join(a + b for a, b in before) + S + nl
    rest = E + nl + "".join(a + b for a, b in after) + tail
    with tempfile.TemporaryDirectory() as folder:
        page, bib = Path(folder, "index.md"), Path(folder, "refs.bib")
        bib.write_text(BIB.replace("A Title", title.replace("\\", "")), encoding="utf-8")
        page.write_bytes((head + "old" + nl + rest).encode("utf-8"))
        overrides = Path(folder, "overrides.yaml")
        overrides.write_text("owner:\n  names: [Jane Doe]\n", encoding="utf-8")
        args = ["build", "--bib", str(bib), "--page", str(page), "--overrides", str(overrides)]
        assert main(args) == 1
        first = page.read_bytes().decode("utf-8")
        assert first.startswith(head) and first.endswith(rest) and "old" + nl not in first
        assert "* **J. Doe**, R. Roe. " in first
        stamp = page.stat().st_mtime_ns
        assert main(args) == 0
        assert main([*args, "--check"]) == 0
        assert page.read_bytes().decode("utf-8") == first
        assert page.stat().st_mtime_ns == stamp


def test_apply_keeps_mode_and_writes_nothing_else(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(f"x\r\n{S}\r\n{E}\r\n".encode())
    os.chmod(page, 0o640)
    change = plan(str(page), "list\n", page=True)
    assert change.changed
    apply(change)
    assert page.read_bytes() == f"x\r\n{S}\r\nlist\r\n{E}\r\n".encode()
    assert page.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
    assert not plan(str(page), "list\n", page=True).changed


def test_apply_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    apply(plan(str(link), "new", page=False))
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can chown")
def test_apply_keeps_the_owner(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    os.chown(target, 4321, 8765)
    apply(plan(str(target), "new", page=False))
    assert (target.stat().st_uid, target.stat().st_gid, target.read_text()) == (4321, 8765, "new")


def test_apply_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("v1")
    change = plan(str(target), "v2", page=False)
    target.write_text("edited meanwhile")
    with pytest.raises(PubgenError, match="changed on disk"):
        apply(change)
    assert target.read_text() == "edited meanwhile"


def test_apply_fsyncs_the_file_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds: list[str] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        kinds.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    apply(Change(str(tmp_path / "new.md"), None, "x"))
    assert kinds == ["file", "dir"]


def _read_only(site: Path) -> None:
    os.chmod(site / "index.md", 0o444)


def _two_outputs_one_read_only(site: Path) -> None:
    (site / "other.md").write_text(f"{S}\n{E}\n")
    with (site / "overrides.yaml").open("a") as handle:
        handle.write("outputs:\n  - page: other.md\n  - page: index.md\n")
    _read_only(site)


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (
            _read_only,
            ["--page", "index.md"],
            "index.md: file is read-only; nothing written (chmod u+w it)",
        ),
        (_two_outputs_one_read_only, [], "index.md: file is read-only; nothing written"),
        (
            lambda site: None,
            ["-o", "missing/list.md"],
            "missing/list.md: folder does not exist; nothing written",
        ),
    ],
    ids=["read-only", "second-output-read-only", "missing-folder"],
)
def test_refused_writes_write_nothing(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    setup: Callable[[Path], None],
    args: list[str],
    message: str,
) -> None:
    (site / "index.md").write_text(f"{S}\n{E}\n")
    setup(site)
    files = {p.name: p.read_bytes() for p in site.iterdir()}
    assert main(["build", *args, "--check"]) == 1
    assert main(["build", *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in site.iterdir()} == files


def _no_space(src: str, dst: str) -> None:
    raise OSError(28, "No space left on device")


def _ctrl_c(src: str, dst: str) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("replace", "code", "message"),
    [
        (_no_space, 2, "index.md: cannot write: No space left on device; left as it was\n"),
        (_ctrl_c, 130, "pubgen: interrupted; no file is left half-written\n"),
    ],
)
def test_a_failed_rename_leaves_the_page_whole(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    replace: Callable[[str, str], None],
    code: int,
    message: str,
) -> None:
    original = f"a\r\n{S}\r\nold\r\n{E}\r\n".encode()
    (site / "index.md").write_bytes(original)
    monkeypatch.setattr(os, "replace", replace)
    assert main(["build", "--page", "index.md"]) == code
    assert capsys.readouterr().err == message
    assert (site / "index.md").read_bytes() == original
    assert sorted(p.name for p in site.iterdir()) == ["index.md", "overrides.yaml", "refs.bib"]


# Runs the real CLI and stops it for good right after the temp file is complete and
# fsynced, just before os.replace, and says which temp file it wrote.
_STALL = """
import os, sys, time
from pubgen.cli import main
def stall(src, dst):
    print(src, flush=True)
    time.sleep(600)
os.replace = stall
sys.exit(main(["build", "--page", "index.md"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "code", "temp_left"),
    [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, False), (signal.SIGKILL, -9, True)],
    ids=["SIGTERM", "SIGINT", "SIGKILL"],
)
def test_a_killed_write_leaves_the_page_whole(
    site: Path, signum: int, code: int, temp_left: bool
) -> None:
    original = f"\ufeffa\r\n{S}\r\nold\r\n{E}\r\nb".encode()
    rebuilt = f"\ufeffa\r\n{S}\r\n{CL}{E}\r\nb".encode()
    (site / "index.md").write_bytes(original)
    child = subprocess.Popen(
        [sys.executable, "-c", _STALL],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the child never reached os.replace"
        temp = Path(child.stdout.readline().strip())
        assert temp.parent == site and temp.name.startswith(".index.md.")
        assert temp.read_bytes() == rebuilt  # complete before the rename
        child.send_signal(signum)
        assert child.wait(timeout=60) == code
    finally:
        child.kill()
        child.wait(timeout=60)
    assert (site / "index.md").read_bytes() == original
    assert temp.exists() == temp_left
    # The next run removes what a killed one left, and writes the page.
    assert main(["build", "--page", "index.md"]) == 1
    assert (site / "index.md").read_bytes() == rebuilt
    assert sorted(p.name for p in site.iterdir()) == ["index.md", "overrides.yaml", "refs.bib"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
def test_a_temp_file_in_use_is_not_removed(site: Path) -> None:
    import fcntl

    (site / "index.md").write_text(f"{S}\n{E}\n")
    stale = site / ".index.md.dead.pubgen.tmp"
    live = site / ".index.md.busy.pubgen.tmp"
    other = site / ".other.md.dead.pubgen.tmp"
    for path in (stale, live, other):
        path.write_text("partial")
    with live.open() as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert main(["build", "--page", "index.md"]) == 1
    assert (stale.exists(), live.exists(), other.exists()) == (False, True, True)


def test_diff() -> None:
    diff = Change("p.md", "a\nb\n", "a\nc\n").diff()
    assert diff.splitlines() == ["--- p.md", "+++ p.md", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
