"""Regexes compiled when first used, not when their module is imported.

``re`` compiles in Python, 20-400 µs a pattern, and a build of a clean .bib into Markdown
never needs the patterns for broken entries, @string blocks, EDTF dates or the other
formats' escaping: compiling them all at import was a tenth of a small build's own time.
A pattern every build uses stays an ordinary ``re.compile`` at module level.
"""

from __future__ import annotations

import re
from functools import cached_property


class LazyRegex:
    """``LazyRegex(pattern, flags).compiled`` is ``re.compile(pattern, flags)``, made once."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property  # after the first use, a plain attribute of the instance
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)
