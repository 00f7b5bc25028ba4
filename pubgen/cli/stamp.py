"""The unchanged-rebuild shortcut: most ``pubgen build`` runs (the pre-commit hook) change
nothing, so a stamp of the last build lets them finish before anything heavy is imported.

A stamp records, for one command line in one folder: pubgen's code fingerprint, the
content hash of every input it read (.bib files, overrides.yaml, every template a site
could override) and of every file it wrote, and the warnings it printed. If all of these
still match, the outputs are exactly what a full build would write, so the run repeats
the warnings and exits 0. Any difference, or no stamp, means a full build. Stamps live in
the user's cache folder (``$PUBGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/pubgen``, else
``~/.cache/pubgen``), are safe to delete, and never change an output byte.
``PUBGEN_NO_CACHE=1`` turns the shortcut off.

Only the standard library is imported here: that is the point of the module.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence

import pubgen

try:
    # The builtin BLAKE2: hashlib would also load its OpenSSL backend, 2-5 ms of every
    # unchanged rebuild. As fast as OpenSSL's SHA-256 here (13 ms for 8 MB), and as safe.
    from _blake2 import blake2b
except ImportError:  # a Python built without it: hashlib finds one
    from hashlib import blake2b

_ABSENT = "absent"
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


def file_hash(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            digest = blake2b()
            # In blocks: a whole 76 MB .bib read at once would raise the build's peak memory.
            while block := handle.read(1 << 18):
                digest.update(block)
            return digest.hexdigest()
    except FileNotFoundError:
        return _ABSENT
    except OSError:
        return "unreadable"


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


def unchanged(argv: Sequence[str]) -> list[str] | None:
    """The warnings of the last identical build if nothing it read or wrote changed."""
    if os.environ.get("PUBGEN_NO_CACHE") or "--diff" in argv:
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


def record(
    argv: Sequence[str],
    inputs: Iterable[str],
    folders: Iterable[str],
    outputs: Iterable[str],
    stderr: Sequence[str],
) -> None:
    """Remember a build whose outputs are now up to date; a failure here costs nothing."""
    if os.environ.get("PUBGEN_NO_CACHE"):
        return
    template_files = [
        os.path.join(folder, name) for folder in folders for name in (_listing(folder) or [])
    ]
    stamp = {
        "code": _code_fingerprint(),
        "inputs": {path: file_hash(path) for path in [*inputs, *template_files]},
        "folders": {folder: _listing(folder) for folder in folders},
        "outputs": {path: file_hash(path) for path in outputs},
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
