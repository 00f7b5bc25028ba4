"""The command line: the only package that prints, and the one place exit codes are set.

Each subcommand's parser and handler live in their own module (build_cmd, init_cmd,
sync_cmd); errors from anywhere in pubgen become exit codes here, in ``main``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable, Sequence

from pubgen import __version__
from pubgen.cli import build_cmd, init_cmd, sync_cmd
from pubgen.cli.common import EXIT_CODES, EXIT_ERROR, print_diagnostics
from pubgen.errors import InputError, PubgenError
from pubgen.interrupt import Stopped, unwind_on_signals


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pubgen",
        description="Build a publication list from refs.bib + overrides.yaml.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pubgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd.add_build(commands)
    build_cmd.add_check(commands)
    init_cmd.add_init(commands)
    sync_cmd.add_sync(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, sleep: Callable[[float], None] = time.sleep) -> int:
    """Run pubgen; ``sleep`` is how sync waits when a server asks it to (tests record it)."""
    args = _parser().parse_args(argv)
    args.sleep = sleep
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        with unwind_on_signals():
            return handler(args)
    except KeyboardInterrupt:
        print("pubgen: interrupted; no file is left half-written", file=sys.stderr)
        return 128 + signal.SIGINT
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
