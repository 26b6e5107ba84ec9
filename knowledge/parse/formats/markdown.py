"""Markdown → blocks: headings and paragraphs become lines, pipe tables become table blocks."""
import re
from typing import List

from knowledge.parse.blocks import Block
from knowledge.parse.html import NUMERIC_CELL, grid_text, lines_of

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|>\s?)+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_CJK_END = re.compile(r"[\u3400-\u9fff，。；：、“”（）《》！？]$")
_CJK_START = re.compile(r"^[\u3400-\u9fff，。；：、“”（）《》！？]")


def inline(text: str) -> str:
    """Markdown inline markup → its text: links and images, emphasis, code, HTML tags, escapes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text).replace("&nbsp;", " ")


def _cells(line: str) -> List[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [inline(c).strip() for c in re.split(r"(?<!\\)\|", line)]


def pipe_table(rows: List[List[str]]) -> List[Block]:
    """A pipe table as a table block. Markdown has no merged cells, so a label that spans columns
    leaves blank cells beside it: blank cells left of the first column holding a number, and the
    cells a short row leaves out, are read as spanned (None, as html.expand writes spanned copies);
    blank cells among the numbers stay blank, as in HTML."""
    width = max(len(r) for r in rows)
    first_value = min((c for r in rows for c, cell in enumerate(r) if NUMERIC_CELL.match(cell.replace(" ", ""))),
                      default=width)
    grid = [[cell if cell or c >= first_value else None for c, cell in enumerate(row)] + [None] * (width - len(row))
            for row in rows]
    return [Block("table", grid_text(grid), grid)] if any(any(c for c in r) for r in grid) else []


def _is_table_start(lines: List[str], i: int) -> bool:
    return "|" in lines[i] and i + 1 < len(lines) and "-" in lines[i + 1] and bool(_SEPARATOR.match(lines[i + 1]))


def _join(paragraph: List[str]) -> str:
    """Lines of one paragraph as one line: no space between Chinese characters, one between words."""
    out = ""
    for line in paragraph:
        line = line.strip()
        glue = "" if not out or (_CJK_END.search(out) and _CJK_START.search(line)) else " "
        out += glue + line
    return out


def markdown_blocks(text: str) -> List[Block]:
    lines = text.splitlines()
    blocks: List[Block] = []
    paragraph: List[str] = []

    def flush():
        if paragraph:
            blocks.extend(lines_of(inline(_join(paragraph))))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_table_start(lines, i):
            flush()
            rows = [_cells(lines[i])]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            blocks += pipe_table(rows)
            continue
        heading = _HEADING.match(line)
        if not line.strip() or _RULE.match(line) or _FENCE.match(line):
            flush()
        elif heading:
            flush()
            blocks += lines_of(inline(heading.group(1)))
        else:
            if _ITEM.match(line):
                flush()
            paragraph.append(_BULLET.sub("", line))
        i += 1
    flush()
    return blocks
