"""The stages: sources -> parse -> normalise -> overrides -> links -> classify -> dedupe
-> group -> render.

The stages from normalise to classify run per entry as it is read (pubgen.prepare: the
owner; pubgen.reading: in a worker for a big file); here the ``papers:`` overrides, which
name entries, come after them. Nothing here prints or exits; diagnostics are returned for
cli.py to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pubgen.classify import classify
from pubgen.config import Config
from pubgen.dedupe import merge_versions
from pubgen.errors import InputError
from pubgen.group import Group, group
from pubgen.items import WorkerItems
from pubgen.model import Diagnostic, Location, Publication
from pubgen.outputs import Output
from pubgen.overrides import apply_paper_overrides
from pubgen.prepare import EntryStages
from pubgen.reading import read_entries


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ made at import
class Loaded:
    """Every publication of the inputs, ready to render, and what was wrong with them."""

    publications: tuple[Publication, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # .bib path -> hash of the bytes read, for each file read to its end (with ``hashed``).
    content_hashes: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


def load(
    bib_paths: Sequence[str],
    config: Config,
    jobs: int = 1,
    hashed: bool = False,
    items: WorkerItems | None = None,
) -> Loaded:
    """Every entry of every .bib, normalised, overridden and classified.

    ``jobs``: how many processes may read a large .bib (pubgen.reading); ``hashed``: the
    content hash of each file's bytes as read, for the unchanged-rebuild stamp;
    ``items``: where a large file's workers go on to render items (pubgen.items).
    """
    diagnostics: list[Diagnostic] = []
    parsed: list[Publication] = []
    link_problems: list[Diagnostic] = []
    first_file: dict[str, Location] = {}  # formatted only for a duplicate
    content_hashes: dict[str, str] = {}
    stages = EntryStages.of(config)
    for index, path in enumerate(bib_paths):
        # Only the last file's workers go on to render items: a worker kept alive, with
        # the thread that takes its results, must not run while another is forked.
        file_items = items if index == len(bib_paths) - 1 else None
        try:
            # Read as it is parsed: the whole text of a huge file never exists at once.
            entries, problems, content_hash = read_entries(
                path, index, stages, jobs, hashed, file_items
            )
        except InputError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        if content_hash:
            content_hashes[path] = content_hash
        diagnostics.extend(problems)
        # The only file read: its reader kept one entry per key (parse.Keeper), and no
        # later file needs its keys (5,000 entries: ~1 ms of the serial part).
        only = not first_file and index == len(bib_paths) - 1
        for entry in entries:
            pub = entry.publication
            if not only:
                folded = pub.key.casefold()
                if folded in first_file:
                    diagnostics.append(
                        Diagnostic(
                            pub.location,
                            f"duplicate citation key (also in {first_file[folded]!s})",
                            pub.key,
                            dropped=True,
                        )
                    )
                    continue
                first_file[folded] = pub.location
            diagnostics.extend(entry.later)
            link_problems.extend(entry.after_papers)
            parsed.append(pub)
        del entries
    publications, problems = apply_paper_overrides(parsed, config)
    diagnostics.extend(problems)
    diagnostics.extend(link_problems)
    # An override may set a paper's type or venue: those it changed are classified again.
    publications = [
        pub if pub is before else classify(pub, config.venues)
        for pub, before in zip(publications, parsed, strict=True)
    ]
    del parsed
    publications, problems = merge_versions(publications, config.merge_preprints)
    diagnostics.extend(problems)
    return Loaded(tuple(publications), tuple(diagnostics), content_hashes)


def render_list(
    publications: Sequence[Publication],
    config: Config,
    output: Output,
    template_dirs: Sequence[str] = (),
    items: WorkerItems | None = None,
) -> str:
    """The text of one output: its papers (all, or the selected ones), grouped, rendered.

    ``items``: the texts of items that read workers rendered (pubgen.items)."""
    if output.select == "selected":
        publications = [pub for pub in publications if pub.selected]
    # Imported here, not above: Jinja2 is ~15 ms of imports, and a large .bib's workers
    # start sooner (with less to copy) when this process imports it after forking them.
    from pubgen.render import render

    groups: tuple[Group, ...] = group(publications, config.grouping)
    return render(groups, config, output, template_dirs, items)
