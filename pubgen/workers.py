"""Forked worker processes that run one function on each task sent, over two pipes each.

Not concurrent.futures: its process pool moves every task and result through 64 KB pipes
by two threads of this process, which need the GIL for each 64 KB while this process
parses its own share of the file; a worker then waited ~12 ms between chunks (5,000
entries: ~90 ms idle of ~430). Here the pipes hold 1 MB, so a task is written whole at
once and a result leaves the worker without waiting; one thread a worker only moves
result bytes (it waits on the pipe without the GIL), and the caller unpickles a result
when it takes it.

Fork only (Linux): a worker starts with this process's modules, so nothing is imported
again. Every worker is forked before any thread starts.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

_LENGTH = struct.Struct("<Q")  # each message: its length, then its pickle
# How many tasks a worker has done, in memory it shares with this process: written as
# soon as a task's work is done, before its result is pickled and sent (~4 ms for a
# chunk's entries), so that this process, choosing who reads the next chunk, counts a
# chunk read as read (a corpus file of 8 chunks: one wrong choice made its build 35 ms
# longer). Read without a lock: a stale count only makes a worker look busier.
_DONE = struct.Struct("<Q")
_PIPE_BYTES = 1 << 20  # Linux's default most for an unprivileged process


# Signals that end a build: held back while workers are forked, so that a build that
# ends has every worker it forked in hand to end.
ENDING = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def start_workers(
    count: int, run: Callable[[Any], Any], start: Callable[[], None], started: list[Worker]
) -> None:
    """Fork ``count`` workers into ``started`` (which the caller ends, whatever happens),
    then start taking their results. Raises OSError when no process can be forked."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, ENDING)
    try:
        for _ in range(count):
            started.append(Worker(run, start, started))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    for worker in started:  # threads only once no more forks are to come
        worker.listen()


def worker_signals() -> None:
    """In a new worker: it inherits the build's handlers, which would raise in it. The
    build handles Ctrl-C and SIGTERM and then ends its workers, which need no clean-up of
    their own; the signals held back while forking are let in only once this is set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING)


class WorkerDied(Exception):
    """A worker ended (killed, out of memory) before it sent every result it owed."""


def _widen(fd: int) -> None:
    import fcntl

    with contextlib.suppress(OSError):  # a smaller pipe is slower, never wrong
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Worker:
    """One forked process running ``run(task)`` for each task, results in task order."""

    ends: tuple[int, int]  # this process's ends of the two pipes: tasks out, results in

    def __init__(
        self, run: Callable[[Any], Any], start: Callable[[], None], siblings: Sequence[Worker]
    ) -> None:
        """Fork the worker; ``siblings``: the workers forked before it, whose pipe ends
        it must not hold open (a worker ends when the end of its task pipe closes)."""
        task_out, self._tasks = os.pipe()
        self._results, result_in = os.pipe()
        _widen(self._tasks)
        _widen(result_in)
        self._done = mmap.mmap(-1, _DONE.size)  # anonymous and shared: the fork keeps it
        self.pid = os.fork()
        if self.pid == 0:
            for fd in (self._tasks, self._results, *(fd for w in siblings for fd in w.ends)):
                os.close(fd)
            _serve(task_out, result_in, run, start, self._done)
        os.close(task_out)
        os.close(result_in)
        self.ends = (self._tasks, self._results)
        self.sent = 0
        self._arrived: deque[bytes] = deque()  # whole messages, oldest first
        self._ended = False
        self._tasks_closed = False  # the end of its tasks sent (by stop, or kill)
        self._arrival = threading.Condition()
        self._listening = False
        self._reader: threading.Thread | None = None

    def listen(self) -> None:
        """Start taking results off the pipe; only once every worker is forked."""
        self._listening = True
        reader = threading.Thread(target=self._read_results, daemon=True)
        reader.start()
        # Set only once started: a signal can end start() before the thread runs, and
        # stop() must not join a thread that never started.
        self._reader = reader

    def send(self, task: Any) -> None:
        data = pickle.dumps(task, pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._tasks, _LENGTH.pack(len(data)) + data)
        except BrokenPipeError:  # the worker is gone: its end of the pipe closed with it
            raise WorkerDied from None
        self.sent += 1

    @property
    def in_hand(self) -> int:
        """Tasks sent that the worker has not done: what it has still to do (a result done
        may still be on its way)."""
        done: int = _DONE.unpack_from(self._done)[0]  # counted before each result is sent
        return self.sent - done

    def ready(self) -> bool:
        """Has the oldest result not taken arrived whole (or the worker ended)?"""
        return bool(self._arrived) or self._ended

    def take(self) -> Any:
        """The oldest result not taken, waiting for it; raises what the task raised."""
        with self._arrival:
            while not self._arrived and not self._ended:
                self._arrival.wait()
            if not self._arrived:
                raise WorkerDied
            data = self._arrived.popleft()
        ok, value = pickle.loads(data)
        if not ok:
            raise RuntimeError(f"a worker failed:\n{value}")
        return value

    def _read_results(self) -> None:
        try:
            self._read_until_end()
        finally:
            # This thread closes the pipe it reads: closed by stop() while a read waits
            # on it, the number could be reused under the read.
            os.close(self._results)
            with self._arrival:
                self._ended = True
                self._arrival.notify()

    def _read_until_end(self) -> None:
        buffer = bytearray()
        while data := os.read(self._results, _PIPE_BYTES):
            buffer += data
            whole = []
            while len(buffer) >= _LENGTH.size:
                (size,) = _LENGTH.unpack_from(buffer)
                if len(buffer) < _LENGTH.size + size:
                    break
                whole.append(bytes(memoryview(buffer)[_LENGTH.size : _LENGTH.size + size]))
                del buffer[: _LENGTH.size + size]
            if whole:
                with self._arrival:
                    self._arrived.extend(whole)
                    self._arrival.notify()

    def _close_tasks(self) -> bool:
        """Send the end of its tasks, once: was it still to send?"""
        if self._tasks_closed:
            return False
        self._tasks_closed = True
        os.close(self._tasks)
        return True

    def kill(self) -> None:
        """End the worker at once, without waiting for it (``stop`` waits): the kernel
        frees its memory on the other core meanwhile (~2 ms at 5,000 entries)."""
        if self._close_tasks():
            # Not waited for yet, so the pid is still this worker's, even if it ended.
            os.kill(self.pid, signal.SIGKILL)

    def stop(self, now: bool) -> None:
        """End the worker: at once (``now``: an error or a signal is on its way up), else
        once it has read the end of its tasks."""
        if now:
            self.kill()
        else:
            self._close_tasks()
        os.waitpid(self.pid, 0)
        if self._reader is not None:
            self._reader.join()
        elif not self._listening:
            os.close(self._results)


def _serve(
    tasks: int,
    results: int,
    run: Callable[[Any], Any],
    start: Callable[[], None],
    done: mmap.mmap,
) -> NoReturn:
    """The worker: tasks in, results out, until its task pipe ends. Never returns."""
    code = 0
    try:
        start()
        with open(tasks, "rb") as stream:
            count = 0
            while header := stream.read(_LENGTH.size):
                (size,) = _LENGTH.unpack(header)
                task = pickle.loads(stream.read(size))
                try:
                    message: tuple[bool, Any] = (True, run(task))
                except Exception:
                    import traceback  # only a failed task needs it (~1 ms of every build)

                    message = (False, traceback.format_exc())
                count += 1
                _DONE.pack_into(done, 0, count)
                data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
                _write_all(results, _LENGTH.pack(len(data)) + data)
    except BaseException:
        code = 1
    finally:
        # Not sys.exit: this process is a copy of the build, whose clean-up and buffered
        # output are not this process's to run.
        os._exit(code)
