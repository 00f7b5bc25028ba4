"""Write stage: plan what each output becomes, then write files so that no byte is lost.

Writing and ``--check`` share everything up to ``Change``; only ``apply`` writes. A write
goes to a temp file beside the target (flushed and fsynced, with the target's mode and
owner), replaces the target with ``os.replace`` and fsyncs the folder, so a reader or a
crash sees the old file or the new one, never a mix. A temp file left by a killed run is
removed by the next write to the same target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pubgen.errors import PubgenError

if sys.platform != "win32":
    import fcntl

__all__ = ["Change", "apply", "apply_all", "is_stream", "plan", "read_text", "write_stream"]

_TEMP_SUFFIX = ".pubgen.tmp"


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ made at import
class Change:
    """What one output would become; ``old`` is None for a file that does not exist."""

    path: str
    old: str | None
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        import difflib  # only --diff needs it

        return "".join(
            difflib.unified_diff(
                (self.old or "").splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=self.path,
                tofile=self.path,
            )
        )


def read_text(path: str) -> str | None:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PubgenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        # newline="" semantics: \r\n stays \r\n, a BOM stays as U+FEFF.
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PubgenError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def plan(path: str, content: str, page: bool) -> Change:
    old = read_text(path)
    if page:
        from pubgen.markers import splice  # only a page needs it, not -o or stdout

        if old is None:
            raise PubgenError(f"{path}: page does not exist (pubgen init --page {path} adds it)")
        return Change(path, old, splice(old, content, path))
    return Change(path, old, content)


def is_stream(path: str) -> bool:
    """An existing target that is not a regular file: /dev/null, /dev/stdout, a FIFO.

    Such a target is written to directly; replacing it with a file (os.replace) would
    turn /dev/null into a regular file.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_stream(path: str, content: str) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(content.encode("utf-8"))
    except OSError as exc:
        raise PubgenError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _check(change: Change) -> str:
    """The real path to write; refuses what cannot or must not be written."""
    target = os.path.realpath(change.path)  # write through a symlink, keep the link
    if is_stream(target):
        raise PubgenError(f"{change.path}: not a regular file; nothing written")
    if read_text(target) != change.old:
        raise PubgenError(f"{change.path}: changed on disk while pubgen ran; nothing written")
    if change.old is not None and not os.stat(target).st_mode & 0o222:
        raise PubgenError(f"{change.path}: file is read-only; nothing written (chmod u+w it)")
    if not os.path.isdir(os.path.dirname(target)):
        raise PubgenError(f"{change.path}: folder does not exist; nothing written")
    return target


def _remove_stale_temps(target: str) -> None:
    """Delete temp files of ``target`` left by a killed run (a live writer holds a lock)."""
    if sys.platform == "win32":
        return
    folder, name = os.path.split(target)
    for entry in os.scandir(folder):
        if not (entry.name.startswith(f".{name}.") and entry.name.endswith(_TEMP_SUFFIX)):
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
        except OSError:  # locked: another pubgen is writing it right now
            pass
        finally:
            os.close(fd)


def _fsync_folder(folder: str) -> None:
    # Without this the rename itself may be lost on power failure (ext4, XFS).
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder; nothing more to do there
        pass
    finally:
        os.close(fd)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write(change: Change, target: str) -> None:
    folder, name = os.path.split(target)
    old = os.stat(target) if change.old is not None else None
    _remove_stale_temps(target)
    import tempfile  # only a write needs it, not an unchanged build

    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            if sys.platform != "win32":
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # "in use": see _remove_stale_temps
            handle.write(change.new.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(temp, stat.S_IMODE(old.st_mode) if old else _new_file_mode())
            if old and sys.platform != "win32":
                # Only root may give a file away; otherwise the new file stays ours.
                with contextlib.suppress(PermissionError):
                    os.chown(temp, old.st_uid, old.st_gid)
            if read_text(target) != change.old:  # checked again, as late as possible
                raise PubgenError(
                    f"{change.path}: changed on disk while pubgen ran; nothing written"
                )
            os.replace(temp, target)
        _fsync_folder(folder)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def apply(change: Change) -> None:
    """Write one change; see the module docstring."""
    apply_all([change])


def apply_all(changes: Sequence[Change]) -> None:
    """Write every change, after checking them all: one bad output stops the lot."""
    targets = [_check(change) for change in changes]
    for change, target in zip(changes, targets, strict=True):
        try:
            _write(change, target)
        except OSError as exc:
            raise PubgenError(
                f"{change.path}: cannot write: {exc.strerror or exc}; left as it was"
            ) from None
