"""Page furniture that a paged document (PDF, text copied out of a PDF viewer) puts between lines."""
import re

from knowledge.parse.text import normalise

# “— 4 —”, “- 4 -”, “第4页 共9页”, “第 4 页”, “共9页 第4页”, “4/9”, “Page 4 of 9”
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－~～·•]+\s*\d{1,4}\s*[-—–－~～·•]+"
    r"|第\s*\d{1,4}\s*页\s*[，,/]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[，,/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(normalise(line)))


def is_edge_page_number(line: str) -> bool:
    """A line at the very top or bottom of a page: a bare number there is a page number too."""
    return is_page_number(line) or bool(BARE_NUMBER.match(line))
