"""A report as a sequence of blocks: lines of text and tables (rows of cells)."""
from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class Block:
    kind: str                      # "line" | "table"
    text: str = ""                 # the line, or the table flattened to text
    rows: Optional[List[List[Optional[str]]]] = field(default=None)  # table cells; None = spanned copy


def text_blocks(text: str) -> List[Block]:
    """Plain text: one block per line (blank lines dropped)."""
    return [Block("line", line.rstrip()) for line in text.splitlines() if line.strip()]
