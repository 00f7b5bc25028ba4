"""``pubgen init``: a starter overrides.yaml, page markers, and the pre-commit snippet."""

from __future__ import annotations

import argparse
import sys

from pubgen.cli.common import EXIT_OK, write_stdout


def add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init",
        help="set up a site: overrides.yaml, page markers, pre-commit snippet",
        description=(
            "Write a starter overrides.yaml (the owner guessed from the most frequent "
            "author in the .bib: confirm it), add the two marker lines to --page, and "
            "print the .pre-commit-config.yaml entry for the pubgen hook. An existing "
            "overrides.yaml or existing markers are kept unless --force is given."
        ),
        epilog="exit codes:\n  0  done\n  2  an input or usage error; nothing is written\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument(
        "--bib",
        action="append",
        metavar="FILE",
        help="BibTeX file to guess the owner from (repeatable; default: refs.bib)",
    )
    init.add_argument(
        "--overrides",
        metavar="FILE",
        default="overrides.yaml",
        help="overrides file to write (default: overrides.yaml)",
    )
    init.add_argument(
        "--page", metavar="FILE", help="page to add the markers to (created if missing)"
    )
    init.add_argument(
        "--after",
        metavar="HEADING",
        help='put the markers after this heading line, e.g. "# Publications" '
        "(default: at the end of the page)",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="replace an existing overrides.yaml and move markers the page already has",
    )
    init.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace) -> int:
    from pubgen import init, write

    plan = init.plan_init(
        bibs=tuple(args.bib or [init.DEFAULT_BIB]),
        bibs_given=args.bib is not None,
        overrides=args.overrides,
        page=args.page,
        after=args.after,
        force=args.force,
    )
    write.apply_all(plan.changes)
    for note in plan.notes:
        print(note, file=sys.stderr)
    if plan.owner is not None and any(c.path == args.overrides for c in plan.changes):
        print(f"owner guessed: {plan.owner.name}; check owner.names", file=sys.stderr)
    write_stdout(plan.snippet)
    return EXIT_OK
