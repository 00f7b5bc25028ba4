"""The outputs of one run: where each goes, in which format, with which options.

Read from ``outputs:`` in overrides.yaml (README, "Output formats"), or made by cli.py
from -o/--page and the format flags; ``check_output`` is the one judge of both.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from pubgen import yamlread as y

FORMATS = ("markdown", "html", "json", "latex")
SELECT = ("all", "selected")


@dataclass(frozen=True)
class Output:
    """One output: its format and options, and the page or file it goes to."""

    format: str
    page: str = ""  # splice between the markers of this page
    file: str = ""  # or write this whole file
    line: int = 0
    standalone: bool = False  # html, latex: a whole document rather than a fragment
    bibtex: bool | None = None  # a BibTeX block per entry; None: the format's default
    abstract: bool = False  # the abstract in that BibTeX block
    links: bool | None = None  # PDF, DOI, code... links; None: the format's default
    select: str = "all"  # "selected": only the papers marked selected: true

    @property
    def show_bibtex(self) -> bool:
        # Off in Markdown by default: Hugo drops raw HTML, and the seed page has none.
        return self.bibtex if self.bibtex is not None else self.format in ("html", "json")

    @property
    def show_links(self) -> bool:
        # Off in Markdown by default, to keep the plain list of the homepage it copies.
        return self.links if self.links is not None else self.format != "markdown"


_OUTPUT_STRINGS = ("format", "page", "file", "select")
_OUTPUT_FLAGS = ("standalone", "bibtex", "abstract", "links")


def check_output(output: Output) -> str:
    """What is wrong with an output's combination of options, or ""."""
    if output.format not in FORMATS:
        return f"unknown format {output.format!r} (one of {', '.join(FORMATS)})"
    if output.select not in SELECT:
        return f"unknown select {output.select!r} (one of {', '.join(SELECT)})"
    if output.page and output.format not in ("markdown", "html"):
        return f"a page holds markdown or html, not {output.format} (use file)"
    if output.standalone and (output.page or output.format not in ("html", "latex")):
        return "standalone is for a file in html or latex"
    if output.bibtex and output.format == "latex":
        return "latex has no BibTeX block (bibtex: false)"
    return ""


def _output(item: yaml.Node) -> Output:
    values: dict[str, object] = {"line": y.line(item)}
    for key, key_node, value in y.items(item, "an output"):
        if key in _OUTPUT_STRINGS:
            values[key] = y.string(value, f"outputs.{key}")
        elif key in _OUTPUT_FLAGS:
            values[key] = y.boolean(value, f"outputs.{key}")
        else:
            known = ", ".join(_OUTPUT_STRINGS + _OUTPUT_FLAGS)
            raise y.YamlError(y.line(key_node), f"unknown key {key!r} in an output ({known})")
    if bool(values.get("page")) == bool(values.get("file")):
        raise y.YamlError(y.line(item), "an output needs exactly one of page or file")
    output = Output(**{"format": "markdown", **values})  # type: ignore[arg-type]
    problem = check_output(output)
    if problem:
        raise y.YamlError(y.line(item), problem)
    return output


def parse_outputs(node: yaml.Node) -> dict[str, object]:
    """The ``outputs:`` section as Config fields."""
    return {"outputs": tuple(_output(item) for item in y.sequence(node))}
