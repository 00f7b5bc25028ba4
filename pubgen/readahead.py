"""A .bib named on the command line, read and hashed on a thread while the build starts.

A build's first ~35 ms are imports and overrides.yaml, on one core. Reading a file and
hashing it both leave the GIL (``FileIO.readall``, BLAKE2 on more than 2 KB), so that
work goes to the idle core, and the read that follows takes its bytes from memory
(7.5 MB: ~9 ms less of this process's part of the read; alternating runs of 5,000
entries, 21 each: 468.7 -> 462.1 ms). The bytes taken are the bytes parsed, and their
hash is the stamp's (pubgen.sources.BibFile), so a file saved again meanwhile is
noticed as before. Only the standard library here: it starts before pubgen's imports.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence

from pubgen.hashing import blake2b

# Smaller files gain less than the thread costs; larger ones would sit in memory whole.
READ_AHEAD_BYTES = (500_000, 32_000_000)


class _Ahead:
    """One file's bytes and their hash, read on a thread."""

    def __init__(self, path: str, hashed: bool) -> None:
        self.whole: tuple[bytes, str] | None = None  # None: read it the usual way
        self._thread = threading.Thread(target=self._read, args=(path, hashed), daemon=True)
        self._thread.start()

    def _read(self, path: str, hashed: bool) -> None:
        try:
            with open(path, "rb", buffering=0) as stream:
                data = stream.readall()
        except OSError:
            return  # read again the usual way, which reports what is wrong
        if not _in_window(len(data)):
            return  # it changed since its size was looked at: read it the usual way
        self.whole = data, blake2b(data).hexdigest() if hashed else ""

    def result(self) -> tuple[bytes, str] | None:
        self._thread.join()
        return self.whole


def _in_window(size: int) -> bool:
    """Is a file of ``size`` bytes one to read ahead?"""
    least, most = READ_AHEAD_BYTES
    return least <= size <= most


# Path -> its file read ahead, while ``reading_ahead`` lasts: taken once.
_ahead: dict[str, _Ahead] = {}


@contextlib.contextmanager
def reading_ahead(paths: Sequence[str], hashed: bool) -> Iterator[None]:
    """Read the one file of ``paths`` (and hash it, with ``hashed``) on a thread from now
    on, for ``take`` until the end of the ``with``; several files are read as usual."""
    with contextlib.suppress(OSError):  # a file that cannot be read is read as usual
        if len(paths) == 1 and _in_window(os.stat(paths[0]).st_size):
            _ahead[paths[0]] = _Ahead(paths[0], hashed)
    try:
        yield
    finally:
        settle()
        _ahead.clear()


def take(path: str) -> tuple[bytes, str] | None:
    """The bytes of ``path`` read ahead, and their hash ("" unless hashed), once; None when
    it was not (or could not be) read ahead."""
    ahead = _ahead.pop(path, None)
    return ahead.result() if ahead is not None else None


def settle() -> None:
    """Wait until no file is being read ahead: a process forked with a thread running
    would hold a copy of it that never runs (pubgen.workers forks with none)."""
    for ahead in _ahead.values():
        ahead.result()


def named_bibs(arguments: Sequence[str]) -> list[str]:
    """The files a ``build`` command line names with ``--bib F`` or ``--bib=F``. A
    spelling argparse also takes (``--bi F``) is only not read ahead."""
    named = []
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--bib" and index + 1 < len(arguments):
            named.append(arguments[index + 1])
        elif argument.startswith("--bib="):
            named.append(argument.removeprefix("--bib="))
    return named
