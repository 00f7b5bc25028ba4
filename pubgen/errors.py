"""pubgen's one exception family; cli.py maps it to exit code 2 in one place."""

from __future__ import annotations

from collections.abc import Sequence

from pubgen.model import Diagnostic


class PubgenError(Exception):
    """An input or usage problem the user must fix: exit code 2, no traceback."""


class InputError(PubgenError):
    """One or more inputs are broken; every problem found is listed, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Diagnostic, ...]]]:
        # A read worker sends one back (pubgen.reading); by default an exception is made
        # again from its message, which is not what __init__ takes.
        return type(self), (self.diagnostics,)
