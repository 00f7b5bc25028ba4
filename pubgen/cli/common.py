"""What every subcommand shares: exit codes, printing diagnostics, writing to stdout."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pubgen.model import Diagnostic

if TYPE_CHECKING:
    from pubgen.config import Config

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2

EXIT_CODES = """\
exit codes:
  0  nothing changed (or the list was written to stdout)
  1  a file was rewritten, or would be with --check
  2  an input or usage error; every problem is listed as file:line: [key] message
     and nothing is written
  130, 143  interrupted (Ctrl-C, SIGTERM); no file is left half-written
  141  stdout was closed before the list was all written to it (-o - | head)
"""


def diagnostic_lines(diagnostics: Sequence[Diagnostic], lenient: bool) -> list[str]:
    lines = []
    for diagnostic in diagnostics:
        label = "warning: " if not diagnostic.is_error or lenient else ""
        key = f" [{diagnostic.key}]" if diagnostic.key else ""
        # One line per problem, whatever a hostile file put into the message.
        message = " ".join(diagnostic.message.split())
        lines.append(f"{diagnostic.location}:{key} {label}{message}")
    return lines


def print_diagnostics(diagnostics: Sequence[Diagnostic], lenient: bool) -> None:
    for line in diagnostic_lines(diagnostics, lenient):
        print(line, file=sys.stderr)


def whole_number(text: str) -> int:
    """argparse type for 0, 1, 2...; ASCII digits only ("²" is a digit int() refuses)."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def write_stdout(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def load_config_or_default(path: str | None) -> Config:
    """The given overrides file, else ./overrides.yaml if there is one (it is optional)."""
    from pubgen.config import Config, load_config

    if path is None:
        path = "overrides.yaml"
        if not os.path.exists(path):
            return Config()
    return load_config(path)
