"""``pubgen sync``: refresh refs.bib from the Zotero Web API or a URL.

Nothing here imports requests at module level: ``pubgen build`` imports this module to
build its parser, and must never load the network stack.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pubgen.cli.common import EXIT_CHANGED, EXIT_OK, whole_number
from pubgen.errors import PubgenError
from pubgen.lazyre import LazyRegex

if TYPE_CHECKING:
    from pubgen.zotero import Library


SYNC_EXIT_CODES = """\
exit codes:
  0  refs.bib is up to date: nothing was written
  1  refs.bib was rewritten
  2  the sync failed: refs.bib is exactly as it was, and one line says why
"""
ZOTERO_API = "https://api.zotero.org"
KEY_VARIABLE = "ZOTERO_API_KEY"
_ZOTERO_ID = LazyRegex(r"[0-9]{1,18}")
_COLLECTION_KEY = LazyRegex(r"[A-Za-z0-9]{1,32}")
_HEADER_SAFE = LazyRegex(r"[!-~]+")  # printable ASCII, no spaces: what a header can carry


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def add_sync(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        type=whole_number,
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
    zotero.set_defaults(handler=run_sync)
    url = sources.add_parser(
        "url",
        parents=[common],
        help="any http(s) URL serving BibTeX",
        description="Fetch BibTeX from a URL; the next sync sends If-None-Match.",
        epilog=SYNC_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    url.add_argument("url", metavar="URL")
    url.set_defaults(handler=run_sync)


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
    if not _ZOTERO_ID.compiled.fullmatch(owner_id):
        raise PubgenError(f"--{owner[:-1]} takes the numeric ID, not {owner_id!r}")
    if args.collection is not None and not _COLLECTION_KEY.compiled.fullmatch(args.collection):
        raise PubgenError("--collection takes a collection key: letters and digits only")
    if args.publications and owner == "groups":
        raise PubgenError("--publications is a user's My Publications: it needs --user")
    api = urlsplit(args.api_url)
    if api.scheme not in ("http", "https") or not api.hostname or api.query or api.fragment:
        raise PubgenError(f"--api-url needs an http(s) URL without a query, not {args.api_url!r}")
    if key and not _HEADER_SAFE.compiled.fullmatch(key):
        raise PubgenError(f"{KEY_VARIABLE} holds spaces or non-ASCII characters; not sent")
    if key and api.scheme == "http" and api.hostname not in ("127.0.0.1", "::1", "localhost"):
        raise PubgenError(f"{KEY_VARIABLE} is only sent over https, not to {api.hostname}")
    fmt, collection = args.format, args.collection or ""
    return Library(owner, owner_id, args.api_url, collection, args.publications, fmt)


def _redact(text: str, key: str) -> str:
    """One line that cannot show the API key, whatever a server echoed into it."""
    line = re.sub(r"[\r\n]+", " ", text)
    return line.replace(key, "***") if key else line


def run_sync(args: argparse.Namespace) -> int:
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
