"""The command line: the only module that prints, and the one place exit codes are set."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from pubgen import __version__
from pubgen.config import Config, load_config
from pubgen.errors import InputError, PubgenError
from pubgen.model import Diagnostic
from pubgen.outputs import FORMATS, SELECT, Output, check_output

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2

EXIT_CODES = """\
exit codes:
  0  nothing changed (or the list was written to stdout)
  1  a file was rewritten, or would be with --check
  2  an input or usage error; every problem is listed as file:line: [key] message
     and nothing is written
"""


@dataclass(frozen=True)
class BuildOptions:
    bibs: tuple[str, ...]
    overrides: str
    overrides_given: bool
    fmt: str | None
    output: str | None
    page: str | None
    check: bool
    diff: bool
    lenient: bool
    templates: tuple[str, ...]
    # Format options of -o/--page (None: not given; see _command_line_output).
    standalone: bool = False
    select: str | None = None
    bibtex: bool | None = None
    abstract: bool = False
    links: bool | None = None


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
    return parser


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
    build.add_argument(
        "--bib",
        action="append",
        metavar="FILE",
        help="BibTeX file to read (repeatable; default: refs.bib)",
    )
    build.add_argument(
        "--overrides", metavar="FILE", help="overrides file (default: overrides.yaml, optional)"
    )
    _add_format_options(build)
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


def _add_format_options(build: argparse.ArgumentParser) -> None:
    formats = build.add_argument_group(
        "format options",
        "for -o and --page (or stdout); each output in overrides.yaml sets its own",
    )
    formats.add_argument("--format", choices=FORMATS, help="output format (default: markdown)")
    formats.add_argument(
        "--standalone", action="store_true", help="html, latex: a whole document, not a fragment"
    )
    formats.add_argument(
        "--select", choices=SELECT, help="all papers (default) or those with selected: true"
    )
    formats.add_argument(
        "--bibtex",
        action=argparse.BooleanOptionalAction,
        help="a BibTeX block per paper (default: on in html and json)",
    )
    formats.add_argument(
        "--abstract", action="store_true", help="include the abstract in the BibTeX block"
    )
    formats.add_argument(
        "--links",
        action=argparse.BooleanOptionalAction,
        help="PDF, DOI, arXiv, code... links (default: on except in markdown)",
    )


def _print_diagnostics(diagnostics: Sequence[Diagnostic], lenient: bool) -> None:
    for diagnostic in diagnostics:
        label = "warning: " if not diagnostic.is_error or lenient else ""
        key = f" [{diagnostic.key}]" if diagnostic.key else ""
        print(f"{diagnostic.location}:{key} {label}{diagnostic.message}", file=sys.stderr)


def _load_config(options: BuildOptions) -> Config:
    if not options.overrides_given and not os.path.exists(options.overrides):
        return Config()
    return load_config(options.overrides)


def _command_line_output(options: BuildOptions) -> Output:
    output = Output(
        options.fmt or "markdown",
        page=options.page or "",
        file=options.output or "",
        standalone=options.standalone,
        bibtex=options.bibtex,
        abstract=options.abstract,
        links=options.links,
        select=options.select or "all",
    )
    problem = check_output(output)
    if problem:
        raise PubgenError(f"pubgen build: {problem}")
    return output


def _targets(options: BuildOptions, config: Config) -> list[tuple[str, Output]]:
    """(path, output) for every output this run writes; path "" is stdout."""
    if options.output is None and options.page is None and config.outputs:
        given = (options.fmt, options.select, options.bibtex, options.links)
        if any(value is not None for value in given) or options.standalone or options.abstract:
            raise PubgenError(
                "pubgen build: format options go with -o or --page; "
                f"the outputs in {config.path} set their own"
            )
        base = os.path.dirname(config.path)
        return [(os.path.join(base, out.page or out.file), out) for out in config.outputs]
    output = _command_line_output(options)
    return [("" if output.file == "-" else output.page or output.file, output)]


def _write_stdout(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def build(options: BuildOptions) -> int:
    from pubgen import pipeline, write

    config = _load_config(options)
    loaded = pipeline.load(options.bibs, config)
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
    texts: dict[Output, str] = {}
    changes = []
    for path, output in _targets(options, config):
        # Outputs that differ only in where they go are rendered once.
        how = replace(output, page="", file="", line=0)
        if how not in texts:
            texts[how] = pipeline.render_list(loaded.publications, config, how, template_dirs)
        if not path:
            _write_stdout(texts[how])
            return EXIT_OK
        changes.append(write.plan(path, texts[how], bool(output.page)))
    changed = [change for change in changes if change.changed]
    for change in changed:
        if options.diff:
            _write_stdout(change.diff())
        if options.check:
            print(f"would rebuild {change.path}", file=sys.stderr)
        else:
            write.apply(change)
            print(f"rebuilt {change.path}", file=sys.stderr)
    return EXIT_CHANGED if changed else EXIT_OK


def _run_build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        bibs=tuple(args.bib or ["refs.bib"]),
        overrides=args.overrides or "overrides.yaml",
        overrides_given=args.overrides is not None,
        fmt=args.format,
        output=args.output,
        page=args.page,
        check=args.check,
        diff=args.diff,
        lenient=args.lenient,
        templates=tuple(args.templates),
        standalone=args.standalone,
        select=args.select,
        bibtex=args.bibtex,
        abstract=args.abstract,
        links=args.links,
    )
    return build(options)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics, lenient=False)
        print("pubgen: nothing written", file=sys.stderr)
        return EXIT_ERROR
    except PubgenError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
