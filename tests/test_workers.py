"""pubgen.workers: results in the order sent, and an ended worker is an error, not a hang."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from pubgen.workers import Worker, WorkerDied
from tests.conftest import ended_within

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked")


def _double(value: str) -> str:
    return value * 2


def _fail(value: str) -> str:
    raise ValueError(f"no good: {value}")


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _nothing() -> None:
    pass


@contextmanager
def _worker(run: Callable[..., object]) -> Iterator[Worker]:
    worker = Worker(run, _nothing, [])
    worker.listen()
    try:
        yield worker
    finally:
        _within(10, lambda: worker.stop(now=True))


def _within(seconds: float, call: Callable[[], object]) -> None:
    """Run ``call``, failing the test if it has not returned in time (a hang)."""
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # re-raised in the test's thread below
            failure.append(exc)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), f"did not return within {seconds} s"
    if failure:
        raise failure[0]


@pytest.mark.parametrize(
    "tasks",
    [
        ["a", "b", "c"],
        [str(n) for n in range(200)],  # more than the pipes hold unread
        ["x" * 3_000_000, "é" * 700_000, "y"],  # each bigger than a pipe (1 MB)
    ],
    ids=["few", "many", "large"],
)
def test_results_come_back_whole_in_the_order_sent(tasks: list[str]) -> None:
    with _worker(_double) as worker:
        got = []
        for task in tasks:
            worker.send(task)
            if worker.in_hand > 2:  # keep some in the pipes while taking others
                got.append(worker.take())
        got.extend(worker.take() for _ in range(len(tasks) - len(got)))
        assert got == [task * 2 for task in tasks]
        assert worker.in_hand == 0


class _SlowToSend:
    """A result that takes its time to pickle, as a chunk's entries do (~4 ms)."""

    def __reduce__(self) -> tuple[type[int], tuple[()]]:
        time.sleep(0.5)
        return int, ()


def _slow_to_send(value: str) -> _SlowToSend:
    return _SlowToSend()


def test_a_task_done_is_out_of_hand_before_its_result_arrives() -> None:
    """What the worker has still to do drops when a task is done, not when its result
    arrives: reading.py chooses who reads the next chunk by it."""
    with _worker(_slow_to_send) as worker:
        worker.send("x")
        assert worker.in_hand == 1
        deadline = time.monotonic() + 0.4  # while the result is being pickled
        while worker.in_hand and time.monotonic() < deadline:
            time.sleep(0.005)
        assert worker.in_hand == 0
        assert not worker.ready()
        assert worker.take() == 0
        assert worker.in_hand == 0


def test_a_failed_task_raises_in_the_caller_with_the_worker_traceback() -> None:
    with _worker(_fail) as worker:
        worker.send("x")
        with pytest.raises(RuntimeError) as failed:
            worker.take()
        assert "ValueError: no good: x" in str(failed.value)
        worker.send("y")  # the worker goes on with the next task
        with pytest.raises(RuntimeError, match="no good: y"):
            worker.take()


def test_a_killed_worker_is_reported_when_a_result_or_a_task_is_due() -> None:
    with _worker(_sleep) as worker:
        worker.send(60)
        os.kill(worker.pid, signal.SIGKILL)
        with pytest.raises(WorkerDied):
            worker.take()
        _within(10, lambda: _sent_until_refused(worker))


def _sent_until_refused(worker: Worker) -> None:
    # The kernel closes a killed process's pipe ends one after the other: the end of its
    # results may show before its task pipe refuses a task (a test sending 100 at once
    # failed 4 times in 30 on a loaded machine).
    with pytest.raises(WorkerDied):
        while True:
            worker.send(0)
            time.sleep(0.001)


def test_stop_now_ends_a_busy_worker_at_once() -> None:
    worker = Worker(_sleep, _nothing, [])
    worker.listen()
    worker.send(60)
    _within(10, lambda: worker.stop(now=True))
    with pytest.raises(ChildProcessError):
        os.waitpid(worker.pid, os.WNOHANG)  # reaped: no process is left behind


def test_kill_ends_a_busy_worker_without_waiting_and_stop_then_reaps_it() -> None:
    worker = Worker(_sleep, _nothing, [])
    worker.listen()
    worker.send(60)
    _within(10, worker.kill)
    worker.kill()  # again: nothing more to do
    assert ended_within(10, [worker.pid])
    # Killed: stop neither closes its pipe again nor waits for its tasks to end.
    _within(10, lambda: worker.stop(now=False))
    with pytest.raises(ChildProcessError):
        os.waitpid(worker.pid, os.WNOHANG)


def test_a_worker_ends_once_its_tasks_end_though_a_sibling_lives_on() -> None:
    # The second worker is forked with the first one's pipe ends open; unless it closes
    # them, the first never sees the end of its tasks and stop() waits forever.
    first = Worker(_double, _nothing, [])
    second = Worker(_double, _nothing, [first])
    for worker in (first, second):
        worker.listen()
    try:
        first.send("a")
        assert first.take() == "aa"
        _within(10, lambda: first.stop(now=False))
        second.send("b")
        assert second.take() == "bb"
    finally:
        _within(10, lambda: second.stop(now=True))
