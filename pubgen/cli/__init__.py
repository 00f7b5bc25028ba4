"""The command line: the only package that prints, and the one place exit codes are set.

Each subcommand's parser and handler live in their own module (build_cmd, init_cmd,
sync_cmd); errors from anywhere in pubgen become exit codes here, in ``main``.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pubgen.cli import stamp

if TYPE_CHECKING:
    import argparse

# Nothing heavier than the standard library is imported before the stamp is checked:
# an unchanged rebuild (most pre-commit runs) ends there.


COMMANDS = ("build", "check", "init", "sync")


def _parser(command: str = "") -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone when it is one: a build need
    not spend ~1 ms on the others' parsers (and on importing init's and sync's modules)."""
    import argparse

    from pubgen import __version__
    from pubgen.cli import build_cmd
    from pubgen.cli.common import EXIT_CODES

    parser = argparse.ArgumentParser(
        prog="pubgen",
        description="Build a publication list from refs.bib + overrides.yaml.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pubgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    only = command if command in COMMANDS else None
    if only in (None, "build"):
        build_cmd.add_build(commands)
    if only in (None, "check"):
        build_cmd.add_check(commands)
    if only in (None, "init"):
        from pubgen.cli import init_cmd

        init_cmd.add_init(commands)
    if only in (None, "sync"):
        from pubgen.cli import sync_cmd

        sync_cmd.add_sync(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, sleep: Callable[[float], None] = time.sleep) -> int:
    """Run pubgen; ``sleep`` is how sync waits when a server asks it to (tests record it).

    Without ``argv`` (the ``pubgen`` script, ``python -m pubgen``) this run is the whole
    process: once every file is closed, every worker waited for and stdout and stderr
    flushed, the process ends at once (``os._exit``, as mypy does), never returning.
    Python would otherwise free every object one by one and tear down every module, for
    memory the OS takes back anyway (alternating runs, fresh folders, medians: 5,000
    entries 610 -> 596 ms, the 30-entry seed 96 -> 92 ms; ~26 ms of a 50,000-entry build
    went on that teardown). With ``argv`` (tests, other programs) main returns the exit
    code and gives the garbage collector back as it was.
    """
    # pubgen makes millions of small objects and almost no reference cycles: the cyclic
    # garbage collector only costs time, in the imports (~1 ms of a 30-entry build) as in
    # the pipeline (7% at 5,000 entries, 13% at 50,000).
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv), sleep)
    finally:
        if argv is not None and collecting:
            gc.enable()
    if argv is None:
        _end_process(code)
    return code


def _end_process(code: int) -> None:
    """End the process with ``code`` now, unless stdout or stderr cannot be flushed (a
    closed pipe): then Python's own shutdown reports it as it always does."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # ValueError: a stream already closed
        return
    os._exit(code)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that what is still buffered for the closed pipe does
    not fail again (with a traceback) when Python flushes it at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (stdout replaced in-process)
        pass


def _run(arguments: list[str], sleep: Callable[[float], None]) -> int:
    if arguments[:1] != ["build"]:
        return _command(arguments, sleep)
    warnings = stamp.unchanged(arguments)
    if warnings is not None:
        stamp.replay(warnings)
        return 0
    from pubgen import readahead

    # Before the imports below: they take the time the file is read in.
    with readahead.reading_ahead(readahead.named_bibs(arguments), hashed=not stamp.off()):
        return _command(arguments, sleep)


def _command(arguments: list[str], sleep: Callable[[float], None]) -> int:
    import signal

    from pubgen.cli.common import EXIT_ERROR, print_diagnostics
    from pubgen.errors import InputError, PubgenError
    from pubgen.interrupt import Stopped, unwind_on_signals

    args = _parser(arguments[0] if arguments else "").parse_args(arguments)
    args.sleep = sleep
    args.argv = arguments
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        with unwind_on_signals():
            return handler(args)
    except KeyboardInterrupt:
        print("pubgen: interrupted; no file is left half-written", file=sys.stderr)
        return 128 + signal.SIGINT
    except BrokenPipeError:
        # stdout closed early (``pubgen build -o - | head``): end quietly, with the status
        # of a process that SIGPIPE ended; what is still buffered has nowhere to go.
        _discard_stdout()
        return 128 + signal.SIGPIPE
    except Stopped as exc:
        name = signal.Signals(exc.signum).name
        print(f"pubgen: stopped by {name}; no file is left half-written", file=sys.stderr)
        return 128 + exc.signum
    except InputError as exc:
        print_diagnostics(exc.diagnostics, lenient=False)
        print("pubgen: nothing written", file=sys.stderr)
        return EXIT_ERROR
    except PubgenError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
