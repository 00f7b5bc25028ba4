"""The packaged templates compiled in advance: a cold build would otherwise spend ~8 ms in
every process on Jinja2's lexer, parser and code generator for a template that never
changes.

``pubgen/templates/compiled/`` holds, for each packaged template, the Python module that
``Environment.compile`` makes of it at run time, and ``MANIFEST.json`` the SHA-256 of each
template's source and the Jinja2 version that generated them. render.py takes the code
from there only while both still match (Python keeps the module's bytecode like any
other's); otherwise it compiles the template as usual, so an edited template or another
Jinja2 never gets stale code. After editing a template, regenerate with
``python -m pubgen.compiled`` (tests/test_templates.py checks the files are current).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib.machinery import SourceFileLoader
from types import CodeType

import jinja2

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
FOLDER = os.path.join(TEMPLATES, "compiled")
MANIFEST = "MANIFEST.json"


def module_file(name: str) -> str:
    """``html-standalone.html.j2`` -> ``html_standalone_html_j2.py``."""
    return name.replace("-", "_").replace(".", "_") + ".py"


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@cache
def _manifest() -> dict[str, str]:
    try:
        with open(os.path.join(FOLDER, MANIFEST), encoding="utf-8") as handle:
            manifest: dict[str, str] = json.load(handle)
    except (OSError, ValueError):
        return {}
    return manifest if manifest.get("jinja2") == jinja2.__version__ else {}


@cache  # once per process: the same code serves every environment
def code(name: str, source: str) -> CodeType | None:
    """The code compiled in advance for packaged template ``name``, if it was compiled from
    this very ``source`` by this Jinja2; else None."""
    if _manifest().get(name) != _digest(source):
        return None
    path = os.path.join(FOLDER, module_file(name))
    loader = SourceFileLoader(f"pubgen.templates.compiled.{module_file(name)[:-3]}", path)
    try:
        return loader.get_code(loader.name)
    except (OSError, SyntaxError):
        return None


def generate(environment: jinja2.Environment) -> dict[str, str]:
    """Every file of the compiled folder as it should be: file name -> text."""
    files: dict[str, str] = {}
    manifest = {"jinja2": jinja2.__version__}
    for name in sorted(os.listdir(TEMPLATES)):
        if name.endswith(".j2"):
            with open(os.path.join(TEMPLATES, name), encoding="utf-8", newline="") as handle:
                source = handle.read()
            files[module_file(name)] = environment.compile(source, name, raw=True) + "\n"
            manifest[name] = _digest(source)
    files[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    return files


def main() -> None:
    from pubgen.outputs import Output
    from pubgen.render import make_environment

    os.makedirs(FOLDER, exist_ok=True)
    for file, text in generate(make_environment([], Output("markdown"))).items():
        with open(os.path.join(FOLDER, file), "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
