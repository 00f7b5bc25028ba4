"""``pubgen build`` and ``pubgen check``: render and write the outputs, or only lint."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pubgen.cli import stamp
from pubgen.cli.common import (
    EXIT_CHANGED,
    EXIT_CODES,
    EXIT_ERROR,
    EXIT_OK,
    diagnostic_lines,
    load_config_or_default,
    print_diagnostics,
    whole_number,
    write_stdout,
)
from pubgen.config import Config
from pubgen.errors import PubgenError
from pubgen.outputs import FORMATS, SELECT, Output, check_output

if TYPE_CHECKING:
    from pubgen.items import WorkerItems


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ made at import
class BuildOptions:
    """The command line of ``pubgen build`` (and of ``--check``/``--diff``)."""

    bibs: tuple[str, ...]  # () : bib: in overrides.yaml, or refs.bib
    overrides: str | None  # None: ./overrides.yaml if there is one
    fmt: str | None
    output: str | None
    page: str | None
    check: bool
    diff: bool
    lenient: bool
    templates: tuple[str, ...]
    argv: tuple[str, ...] = ()  # the command line, for the unchanged-rebuild stamp
    # Format options of -o/--page (None: not given; see _command_line_output).
    standalone: bool = False
    select: str | None = None
    bibtex: bool | None = None
    abstract: bool = False
    links: bool | None = None
    jobs: int | None = None  # None: one per core (see jobs_wanted)


def add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    add_input_arguments(build)
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
        help="write nothing; print a unified diff of what would change (exit 1 if anything would)",
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
    build.set_defaults(handler=run_build)


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


def add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    add_input_arguments(check)
    check.set_defaults(handler=run_check)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bib",
        action="append",
        metavar="FILE",
        help="BibTeX file to read (repeatable; default: bib: in overrides.yaml, or refs.bib)",
    )
    parser.add_argument(
        "--overrides", metavar="FILE", help="overrides file (default: overrides.yaml, optional)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes that read a .bib of 500 KB or more (default: one per core, "
        "at most 4; 1: this process only); the output is the same whatever N is",
    )


def _jobs(text: str) -> int:
    jobs = whole_number(text)
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def jobs_wanted(given: int | None) -> int:
    """How many processes a command uses: 1 wherever workers cannot be forked."""
    from pubgen.reading import CAN_FORK

    if not CAN_FORK:
        return 1
    return given or min(len(os.sched_getaffinity(0)), 4)


def run_check(args: argparse.Namespace) -> int:
    from pubgen import pipeline
    from pubgen.lint import lint

    config = load_config_or_default(args.overrides)
    bibs = tuple(args.bib or ()) or config.bib_paths
    loaded = pipeline.load(bibs, config, jobs_wanted(args.jobs))
    found = [*loaded.diagnostics, *lint(loaded.publications, config)]
    print_diagnostics(found, lenient=False)
    if any(d.is_error for d in found):
        return EXIT_ERROR
    return EXIT_CHANGED if found else EXIT_OK


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


def _rendered_once(output: Output) -> Output:
    """What an output's text depends on: outputs that differ only in where they go are
    rendered once."""
    return replace(output, page="", file="", line=0)


def _worker_items(
    targets: list[tuple[str, Output]], config: Config, template_dirs: list[str], jobs: int
) -> WorkerItems:
    """The outputs whose items read workers render (pubgen.items): pubgen's own templates,
    but for JSON and standalone pages (which include their list, out of the page's reach)."""
    from pubgen.items import WorkerItems

    if jobs < 2 or template_dirs:
        return WorkerItems(config, ())
    outputs = (_rendered_once(output) for _, output in targets)
    planned = [output for output in outputs if output.format != "json" and not output.standalone]
    return WorkerItems(config, tuple(dict.fromkeys(planned)))


def build(options: BuildOptions) -> int:
    from pubgen import pipeline, write
    from pubgen.hashing import file_hash, text_hash

    # Every input is hashed for the stamp no later than it is read (the .bib files as
    # they are read): one saved again during the build makes the next run build again.
    inputs = stamp.hashes([options.overrides or "overrides.yaml"])
    config = load_config_or_default(options.overrides)
    bibs = options.bibs or config.bib_paths
    template_dirs = [*options.templates]
    site_templates = os.path.join(os.path.dirname(config.path) or ".", "templates")
    template_folders = [*template_dirs, site_templates]  # watched even while absent
    if os.path.isdir(site_templates):
        template_dirs.append(site_templates)
    folders = stamp.listings(template_folders)
    inputs.update(stamp.hashes(stamp.listed_files(folders)))
    jobs = jobs_wanted(options.jobs)
    targets = _targets(options, config)
    # The workers that render items stop once every text is rendered, whatever happens.
    with _worker_items(targets, config, template_dirs, jobs) as items:
        loaded = pipeline.load(bibs, config, jobs, hashed=not stamp.off(), items=items)
        warnings = diagnostic_lines(loaded.diagnostics, options.lenient)
        for line in warnings:
            print(line, file=sys.stderr)
        if loaded.errors and not options.lenient:
            count = len(loaded.errors)
            raise PubgenError(
                f"pubgen: {count} error{'s' if count > 1 else ''} in the inputs; nothing written"
            )
        texts = {
            how: pipeline.render_list(loaded.publications, config, how, template_dirs, items)
            for how in dict.fromkeys(_rendered_once(output) for _, output in targets)
        }
    changes = []
    for path, output in targets:
        text = texts[_rendered_once(output)]
        if not path:
            write_stdout(text)
            return EXIT_OK
        if not output.page and write.is_stream(path):
            write.write_stream(path, text)  # -o /dev/null, a FIFO: like stdout
            continue
        # Every output is planned (and so every page's markers checked) before any is written.
        changes.append(write.plan(path, text, bool(output.page)))
    changed = [change for change in changes if change.changed]
    if options.diff:
        for change in changed:
            write_stdout(change.diff())
    # --diff, like black's, only shows: it never writes.
    dry_run = options.check or options.diff
    if not dry_run:
        write.apply_all(changed)
    verb = "would rebuild" if dry_run else "rebuilt"
    for change in changed:
        print(f"{verb} {change.path}", file=sys.stderr)
    if not (dry_run and changed) and len(changes) == len(targets):
        # Every output is now what this command line builds: later runs may skip the work.
        for bib in bibs:
            # A file that could not be read to its end (its error is a warning with
            # --lenient) has no hash of what was read: it is hashed now.
            inputs[bib] = loaded.content_hashes.get(bib) or file_hash(bib)
        stamp.record(
            options.argv,
            inputs=inputs,
            folders=folders,
            outputs={change.path: text_hash(change.new) for change in changes},
            stderr=warnings,
        )
    return EXIT_CHANGED if changed else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
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
        argv=tuple(args.argv),
        standalone=args.standalone,
        select=args.select,
        bibtex=args.bibtex,
        abstract=args.abstract,
        links=args.links,
        jobs=args.jobs,
    )
    return build(options)
