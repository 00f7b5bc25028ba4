from __future__ import annotations

import os
from pathlib import Path

import pytest

from pubgen.errors import PubgenError
from pubgen.write import Change, apply, plan, splice

S, E = "<!-- pubgen:start -->", "<!-- pubgen:end -->"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (f"a\n{S}\nold\n{E}\nb\n", f"a\n{S}\nNEW\n{E}\nb\n"),
        (f"a\r\n{S}\r\nold\r\n{E}\r\nb\r\n", f"a\r\n{S}\r\nNEW\r\n{E}\r\nb\r\n"),
        (f"\ufeff{S}\n{E}", f"\ufeff{S}\nNEW\n{E}"),
        (
            f"---\nt: 1\n---\n{S}\n{E}\nno final newline",
            f"---\nt: 1\n---\n{S}\nNEW\n{E}\nno final newline",
        ),
        (f"{S}  \nold\n  {E}\t\n", f"{S}  \nNEW\n  {E}\t\n"),
    ],
)
def test_splice_keeps_everything_outside_the_markers(page: str, expected: str) -> None:
    assert splice(page, "NEW\n", "p.md") == expected


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("no markers\n", "p.md: needs exactly one <!-- pubgen:start --> line and one"),
        (f"{S}\n{S}\n{E}\n", "found 2 start and 1 end markers"),
        (f"{E}\n{S}\n", "p.md:1: <!-- pubgen:end --> comes before"),
        (f"text {S}\n{E}\n", "found 0 start and 1 end markers"),
    ],
)
def test_splice_refuses_bad_markers(page: str, message: str) -> None:
    with pytest.raises(PubgenError, match=message.replace("(", r"\(")):
        splice(page, "NEW\n", "p.md")


def test_apply_writes_atomically_and_keeps_mode(tmp_path: Path) -> None:
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


def test_apply_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("v1")
    change = plan(str(target), "v2", page=False)
    target.write_text("edited meanwhile")
    with pytest.raises(PubgenError, match="changed on disk"):
        apply(change)
    assert target.read_text() == "edited meanwhile"


def test_diff() -> None:
    diff = Change("p.md", "a\nb\n", "a\nc\n").diff()
    assert diff.splitlines() == ["--- p.md", "+++ p.md", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
