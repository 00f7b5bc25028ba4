"""SIGTERM and SIGHUP unwind like Ctrl-C, so that ``finally`` and ``except`` blocks run.

By default those signals end Python at once, and a write in progress would leave its temp
file behind; raised as an exception instead, the write stage removes it. cli.py turns the
exception into the exit code (128 + the signal's number, as a shell does).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised so that it unwinds like Ctrl-C: temp files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def unwind_on_signals() -> Iterator[None]:
    # Python only lets the main thread set handlers; elsewhere the defaults stay.
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {signum: signal.signal(signum, _stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
