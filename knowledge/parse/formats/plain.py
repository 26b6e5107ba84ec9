"""Plain text (also text copied out of a PDF viewer) → one line block per line, page numbers dropped."""
from typing import List

from knowledge.parse.blocks import Block
from knowledge.parse.formats.pages import is_page_number


def text_blocks(text: str) -> List[Block]:
    return [Block("line", line.rstrip()) for line in text.splitlines()
            if line.strip() and not is_page_number(line)]
