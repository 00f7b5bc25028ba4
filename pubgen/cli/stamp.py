"""The unchanged-rebuild shortcut: most ``pubgen build`` runs (the pre-commit hook) change
nothing, so a stamp of the last build lets them finish before anything heavy is imported.

A stamp records, for one command line in one folder: pubgen's code fingerprint, the
content hash of every input it read (.bib files, overrides.yaml, every template a site
could override) and of every file it wrote, and the warnings it printed. The hashes are
of what the build read and wrote, taken as a .bib is read and before the other inputs
are (never of the files as they are when it ends, which may have been saved again
meanwhile: then the next run builds again, as it must). If all of these
still match, the outputs are exactly what a full build would write, so the run repeats
the warnings and exits 0. Any difference, or no stamp, means a full build. Stamps live in
the user's cache folder (``$PUBGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/pubgen``, else
``~/.cache/pubgen``), are safe to delete, and never change an output byte.
``PUBGEN_NO_CACHE=1`` turns the shortcut off.

Only the standard library (and pubgen.hashing, which imports only it) is imported here:
that is the point of the module.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence

import pubgen
from pubgen.hashing import blake2b, file_hash

# Flags that do not change what a build writes; --check only decides whether it writes.
_NEUTRAL = frozenset({"--check"})


def _cache_dir() -> str:
    explicit = os.environ.get("PUBGEN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pubgen")


def _stamp_path(argv: Sequence[str]) -> str:
    command = [arg for arg in argv if arg not in _NEUTRAL]
    key = json.dumps([os.getcwd(), command])
    return os.path.join(_cache_dir(), blake2b(key.encode(), digest_size=16).hexdigest() + ".json")


def _code_fingerprint() -> str:
    """pubgen's own files by name, size and mtime: a new version or an edit invalidates."""
    root = os.path.dirname(pubgen.__file__)
    digest = blake2b(pubgen.__version__.encode())
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".j2", ".css")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _listing(folder: str) -> list[str] | None:
    """Every file below ``folder`` (a site's templates), relative and sorted; None if none."""
    if not os.path.isdir(folder):
        return None
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _, files in os.walk(folder)
        for name in files
    )


def off() -> bool:
    """``PUBGEN_NO_CACHE`` is set: nothing is checked, hashed or recorded."""
    return bool(os.environ.get("PUBGEN_NO_CACHE"))


def unchanged(argv: Sequence[str]) -> list[str] | None:
    """The warnings of the last identical build if nothing it read or wrote changed."""
    if off() or "--diff" in argv:
        return None
    try:
        with open(_stamp_path(argv), encoding="utf-8") as handle:
            stamp = json.load(handle)
        if stamp["code"] != _code_fingerprint():
            return None
        for folder, names in stamp["folders"].items():
            if _listing(folder) != names:
                return None
        for path, digest in {**stamp["inputs"], **stamp["outputs"]}.items():
            if file_hash(path) != digest:
                return None
        return [str(line) for line in stamp["stderr"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def hashes(paths: Iterable[str]) -> dict[str, str]:
    """Each file's hash, taken now: before the build reads it, so that a file saved again
    meanwhile makes the next run build again instead of passing for built. {} when
    stamps are off."""
    return {} if off() else {path: file_hash(path) for path in paths}


def listings(folders: Iterable[str]) -> dict[str, list[str] | None]:
    """The files of each template folder (None: no folder), listed now, before rendering."""
    return {} if off() else {folder: _listing(folder) for folder in folders}


def listed_files(listed: dict[str, list[str] | None]) -> list[str]:
    return [os.path.join(folder, name) for folder, names in listed.items() for name in names or ()]


def record(
    argv: Sequence[str],
    inputs: dict[str, str],
    folders: dict[str, list[str] | None],
    outputs: dict[str, str],
    stderr: Sequence[str],
) -> None:
    """Remember a build whose outputs are now up to date; a failure here costs nothing.

    ``inputs`` and ``outputs``: path -> hash of what this build read and wrote (never
    hashed again here: the file may have changed since), ``folders`` as ``listings``
    gave them before the templates were read.
    """
    if off():
        return
    stamp = {
        "code": _code_fingerprint(),
        "inputs": inputs,
        "folders": folders,
        "outputs": outputs,
        "stderr": list(stderr),
    }
    path = _stamp_path(argv)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = f"{path}.{os.getpid()}.tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(stamp, handle)
        os.replace(temp, path)
    except OSError:
        pass


def replay(lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)
