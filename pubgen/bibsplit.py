"""bibtexparser v2's splitter, for the pieces of a file pubgen.split leaves to it.

Its blocks are turned into pubgen.blocks records with the same content. Line numbers are
counted here: bibtexparser does not count a newline that follows a backslash, so its own
drift after a line that ends in one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import bibtexparser
from bibtexparser import model as bib

from pubgen.blocks import Between, Block, Entry, Failed, Lines, String, known_lines

# It logs every failed block; pubgen reports them itself, and only the CLI prints.
_logger = logging.getLogger("bibtexparser")
_logger.addHandler(logging.NullHandler())
_logger.propagate = False


def split_piece(piece: str, opening: str, first_line: int) -> Iterator[Block]:
    """The blocks of ``piece`` as bibtexparser splits them, ``opening`` marking its end."""
    blocks = bibtexparser.parse_string(piece + opening, parse_stack=[]).blocks  # type: ignore[attr-defined]
    if opening:
        blocks = blocks[:-1]  # the next piece's opening, which fails at the end of the text
    # Each block's line is counted from where its text is; fields keep their distance
    # from their entry's first line.
    lines = Lines(piece, first_line)
    cursor = 0
    for found_block in blocks:
        block: bib.Block | None = found_block
        if isinstance(block, (bib.DuplicateBlockKeyBlock, bib.DuplicateFieldKeyBlock)):
            block = block.ignore_error_block  # pubgen checks duplicates itself, in any case
        assert block is not None  # bibtexparser always keeps the block it flags
        text = (block.comment if isinstance(block, bib.ImplicitComment) else block.raw) or ""
        found = piece.find(text, cursor) if text else -1
        if found >= 0:
            cursor = found + len(text)
            line = lines.at(found)
        else:  # not expected; bibtexparser's own count is then the best there is
            line = first_line + (block.start_line or 0)
        if isinstance(block, bib.Entry):
            fields = tuple((f.key, f.value) for f in block.fields)
            field_lines = tuple(
                line + (f.start_line or 0) - (block.start_line or 0) for f in block.fields
            )
            yield Entry(block.entry_type.lower(), block.key, fields, line, known_lines(field_lines))
        elif isinstance(block, bib.String):
            yield String(block.key, block.value, line)
        elif isinstance(block, bib.ImplicitComment):
            yield Between(block.comment, line)
        elif isinstance(block, bib.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            yield Failed(block.raw or "", reason, line)
