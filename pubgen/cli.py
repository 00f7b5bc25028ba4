"""The command line: the only module that prints, and the one place exit codes are set."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pubgen import __version__
from pubgen.config import FORMATS, Config, load_config
from pubgen.errors import InputError, PubgenError
from pubgen.interrupt import Stopped, unwind_on_signals
from pubgen.model import Diagnostic

if TYPE_CHECKING:  # a real import would load requests for pubgen build too
    from pubgen.zotero import Library

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2

EXIT_CODES = """\
exit codes:
  0  nothing changed (or the list was written to stdout)
  1  a file was rewritten, or would be with --check
  2  an input or usage error; every problem is listed as file:line: [key] message
     and nothing is written
  130, 143  interrupted (Ctrl-C, SIGTERM); no file is left half-written
"""


@dataclass(frozen=True)
class BuildOptions:
    bibs: tuple[str, ...]
    overrides: str | None
    fmt: str
    output: str | None
    page: str | None
    check: bool
    diff: bool
    lenient: bool
    templates: tuple[str, ...]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pubgen",
        description="Build a publication list from refs.bib + overrides.yaml.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pubgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # One function per subcommand adds its parser and sets its handler.
    _add_build(commands)
    _add_check(commands)
    _add_init(commands)
    _add_sync(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="lint the inputs without writing anything",
        description=(
            "Report parse problems, stale or ambiguous overrides, papers without the owner, "
            "missing years or venues, venues without a short name and likely duplicates."
        ),
        epilog="exit codes:\n  0  clean\n  1  warnings only\n  2  errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_arguments(check)
    check.set_defaults(handler=_run_check)


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bib",
        action="append",
        metavar="FILE",
        help="BibTeX file to read (repeatable; default: bib: in overrides.yaml, or refs.bib)",
    )
    parser.add_argument(
        "--overrides", metavar="FILE", help="overrides file (default: overrides.yaml, optional)"
    )


def _run_check(args: argparse.Namespace) -> int:
    from pubgen import pipeline
    from pubgen.lint import lint

    config = _load_config(args.overrides)
    loaded = pipeline.load(tuple(args.bib or ()) or config.bib_paths, config)
    found = [*loaded.diagnostics, *lint(loaded.publications, config)]
    _print_diagnostics(found, lenient=False)
    if any(d.is_error for d in found):
        return EXIT_ERROR
    return EXIT_CHANGED if found else EXIT_OK


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build",
        help="render the list and write every output",
        description=(
            "Render the publication list. With -o or --page, write that one output; "
            "otherwise write every output listed in overrides.yaml (or print to stdout "
            "when it lists none). A page is rewritten only between the lines "
            "<!-- pubgen:start --> and <!-- pubgen:end -->."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_arguments(build)
    build.add_argument("--format", choices=FORMATS, default="markdown", help="output format")
    target = build.add_mutually_exclusive_group()
    target.add_argument(
        "-o", "--output", metavar="FILE", help="write the whole list to FILE (- for stdout)"
    )
    target.add_argument(
        "--page", metavar="FILE", help="splice the list between the markers of FILE"
    )
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any output would change"
    )
    build.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what changes (with --check: would change)",
    )
    build.add_argument(
        "--lenient",
        action="store_true",
        help="render what can be rendered; input errors become warnings",
    )
    build.add_argument(
        "--templates",
        action="append",
        metavar="DIR",
        default=[],
        help="template folder searched before ./templates and the packaged ones",
    )
    build.set_defaults(handler=_run_build)


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    init.set_defaults(handler=_run_init)


def _run_init(args: argparse.Namespace) -> int:
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
    _write_stdout(plan.snippet)
    return EXIT_OK


SYNC_EXIT_CODES = """\
exit codes:
  0  refs.bib is up to date: nothing was written
  1  refs.bib was rewritten
  2  the sync failed: refs.bib is exactly as it was, and one line says why
"""
ZOTERO_API = "https://api.zotero.org"
KEY_VARIABLE = "ZOTERO_API_KEY"
_ZOTERO_ID = re.compile(r"[0-9]{1,18}")
_COLLECTION_KEY = re.compile(r"[A-Za-z0-9]{1,32}")
_HEADER_SAFE = re.compile(r"[!-~]+")  # printable ASCII, no spaces: what a header can carry


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def _add_sync(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="refs.bib",
        help="file to refresh (default: refs.bib)",
    )
    common.add_argument(
        "--timeout",
        type=_positive,
        default=30.0,
        metavar="S",
        help="connect and read timeout, seconds (default: %(default)g)",
    )
    common.add_argument(
        "--deadline",
        type=_positive,
        default=600.0,
        metavar="S",
        help="seconds for the whole sync, waits included (default: %(default)g)",
    )
    common.add_argument(
        "--retries",
        type=_count,
        default=5,
        metavar="N",
        help="after a 429, a 5xx or a failed connection (default: %(default)s)",
    )
    common.add_argument(
        "--max-wait",
        type=_positive,
        default=300.0,
        metavar="S",
        help="longest Retry-After or Backoff to wait, seconds (default: %(default)g)",
    )
    sync = commands.add_parser(
        "sync",
        help="refresh refs.bib from Zotero or a URL",
        description="Download BibTeX, check it, and only then replace the output file.",
        epilog=SYNC_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sources = sync.add_subparsers(dest="source", required=True, metavar="SOURCE")
    zotero = sources.add_parser(
        "zotero",
        parents=[common],
        help="a Zotero library, collection or My Publications (Web API v3)",
        description=(
            f"Fetch a Zotero library as BibTeX. A private library needs an API key in the "
            f"environment variable {KEY_VARIABLE} (it is sent as a header, never printed)."
        ),
        epilog=SYNC_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    owner = zotero.add_mutually_exclusive_group(required=True)
    owner.add_argument("--user", metavar="ID", help="numeric user ID (zotero.org/settings/keys)")
    owner.add_argument("--group", metavar="ID", help="numeric group ID")
    part = zotero.add_mutually_exclusive_group()
    part.add_argument("--collection", metavar="KEY", help="only this collection")
    part.add_argument("--publications", action="store_true", help="only My Publications")
    zotero.add_argument(
        "--format", choices=("bibtex", "biblatex"), default="bibtex", help="(default: bibtex)"
    )
    zotero.add_argument(
        "--api-url", metavar="URL", default=ZOTERO_API, help=f"(default: {ZOTERO_API})"
    )
    zotero.set_defaults(handler=_run_sync)
    url = sources.add_parser(
        "url",
        parents=[common],
        help="any http(s) URL serving BibTeX",
        description="Fetch BibTeX from a URL; the next sync sends If-None-Match.",
        epilog=SYNC_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    url.add_argument("url", metavar="URL")
    url.set_defaults(handler=_run_sync)


class _Progress:
    """One status line on stderr, rewritten in place, and only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[Kpubgen: {text}")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            self.shown = False


def _zotero_library(args: argparse.Namespace, key: str) -> Library:
    from pubgen.zotero import Library

    owner, owner_id = ("users", args.user) if args.user is not None else ("groups", args.group)
    if not _ZOTERO_ID.fullmatch(owner_id):
        raise PubgenError(f"--{owner[:-1]} takes the numeric ID, not {owner_id!r}")
    if args.collection is not None and not _COLLECTION_KEY.fullmatch(args.collection):
        raise PubgenError("--collection takes a collection key: letters and digits only")
    if args.publications and owner == "groups":
        raise PubgenError("--publications is a user's My Publications: it needs --user")
    api = urlsplit(args.api_url)
    if api.scheme not in ("http", "https") or not api.hostname or api.query or api.fragment:
        raise PubgenError(f"--api-url needs an http(s) URL without a query, not {args.api_url!r}")
    if key and not _HEADER_SAFE.fullmatch(key):
        raise PubgenError(f"{KEY_VARIABLE} holds spaces or non-ASCII characters; not sent")
    if key and api.scheme == "http" and api.hostname not in ("127.0.0.1", "::1", "localhost"):
        raise PubgenError(f"{KEY_VARIABLE} is only sent over https, not to {api.hostname}")
    fmt, collection = args.format, args.collection or ""
    return Library(owner, owner_id, args.api_url, collection, args.publications, fmt)


def _redact(text: str, key: str) -> str:
    """One line that cannot show the API key, whatever a server echoed into it."""
    line = re.sub(r"[\r\n]+", " ", text)
    return line.replace(key, "***") if key else line


def _run_sync(args: argparse.Namespace) -> int:
    from pubgen import fetch, sync

    key = os.environ.get(KEY_VARIABLE, "").strip() if args.source == "zotero" else ""
    policy = fetch.Policy(args.timeout, args.deadline, args.retries, args.max_wait)
    progress = _Progress()
    try:
        if args.source == "zotero":
            library = _zotero_library(args, key)
            result = sync.sync_zotero(library, args.output, key, policy, args.sleep, progress)
        else:
            result = sync.sync_url(args.url, args.output, policy, args.sleep, progress)
    except PubgenError as exc:
        reason = _redact(str(exc), key)
        raise PubgenError(f"pubgen: sync failed, {args.output} left as it was: {reason}") from None
    finally:
        progress.clear()
    for warning in result.warnings:
        print(_redact(f"warning: {warning}", key), file=sys.stderr)
    if result.changed:
        print(_redact(f"synced {args.output}: {result.summary}", key), file=sys.stderr)
        return EXIT_CHANGED
    print(_redact(f"{args.output} is up to date: {result.summary}", key), file=sys.stderr)
    return EXIT_OK


def _print_diagnostics(diagnostics: Sequence[Diagnostic], lenient: bool) -> None:
    for diagnostic in diagnostics:
        label = "warning: " if not diagnostic.is_error or lenient else ""
        key = f" [{diagnostic.key}]" if diagnostic.key else ""
        # One line per problem, whatever a hostile file put into the message.
        message = " ".join(diagnostic.message.split())
        print(f"{diagnostic.location}:{key} {label}{message}", file=sys.stderr)


def _load_config(path: str | None) -> Config:
    """The given overrides file, else ./overrides.yaml if there is one (it is optional)."""
    if path is None:
        path = "overrides.yaml"
        if not os.path.exists(path):
            return Config()
    return load_config(path)


def _targets(options: BuildOptions, config: Config) -> list[tuple[str, bool]]:
    """(path, is a page) for every output this run writes; [] means stdout."""
    if options.output is not None:
        return [] if options.output == "-" else [(options.output, False)]
    if options.page is not None:
        return [(options.page, True)]
    base = os.path.dirname(config.path)
    return [(os.path.join(base, out.page or out.file), bool(out.page)) for out in config.outputs]


def _write_stdout(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def build(options: BuildOptions) -> int:
    from pubgen import pipeline, write

    config = _load_config(options.overrides)
    loaded = pipeline.load(options.bibs or config.bib_paths, config)
    _print_diagnostics(loaded.diagnostics, options.lenient)
    if loaded.errors and not options.lenient:
        count = len(loaded.errors)
        raise PubgenError(
            f"pubgen: {count} error{'s' if count > 1 else ''} in the inputs; nothing written"
        )
    template_dirs = [*options.templates]
    site_templates = os.path.join(os.path.dirname(config.path) or ".", "templates")
    if os.path.isdir(site_templates):
        template_dirs.append(site_templates)
    text = pipeline.render_list(loaded.publications, config, options.fmt, template_dirs)
    targets = _targets(options, config)
    if not targets:
        _write_stdout(text)
        return EXIT_OK
    if options.output is not None and write.is_stream(options.output):
        write.write_stream(options.output, text)  # -o /dev/null, a FIFO: like stdout
        return EXIT_OK
    # Every output is planned (and so every page's markers checked) before any is written.
    changes = [write.plan(path, text, page) for path, page in targets]
    changed = [change for change in changes if change.changed]
    if options.diff:
        for change in changed:
            _write_stdout(change.diff())
    if not options.check:
        write.apply_all(changed)
    verb = "would rebuild" if options.check else "rebuilt"
    for change in changed:
        print(f"{verb} {change.path}", file=sys.stderr)
    return EXIT_CHANGED if changed else EXIT_OK


def _run_build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        bibs=tuple(args.bib or ()),
        overrides=args.overrides,
        fmt=args.format,
        output=args.output,
        page=args.page,
        check=args.check,
        diff=args.diff,
        lenient=args.lenient,
        templates=tuple(args.templates),
    )
    return build(options)


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
        _print_diagnostics(exc.diagnostics, lenient=False)
        print("pubgen: nothing written", file=sys.stderr)
        return EXIT_ERROR
    except PubgenError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
