"""Content hashes of what a build reads and writes, for the unchanged-rebuild stamp.

Only the standard library is imported here: the stamp is checked before anything heavy.
"""

from __future__ import annotations

try:
    # The builtin BLAKE2: hashlib would also load its OpenSSL backend, 2-5 ms of every
    # unchanged rebuild. Where the CPU has SHA instructions OpenSSL's SHA-256 is faster
    # (7.5 MB: 3.7 against 7.0 ms, 2026-11), but a cold build hashes its .bib once.
    from _blake2 import blake2b
except ImportError:  # a Python built without it: hashlib finds one
    from hashlib import blake2b

__all__ = ["blake2b", "file_hash", "text_hash"]


def file_hash(path: str) -> str:
    """The hash of a file's bytes; ``absent`` or ``unreadable`` when there are none."""
    try:
        with open(path, "rb") as handle:
            digest = blake2b()
            # In blocks: a whole 76 MB .bib read at once would raise the build's peak memory.
            while block := handle.read(1 << 18):
                digest.update(block)
            return digest.hexdigest()
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "unreadable"


def text_hash(text: str) -> str:
    """What ``file_hash`` gives for a file holding ``text`` as pubgen writes it (UTF-8)."""
    return blake2b(text.encode("utf-8")).hexdigest()
