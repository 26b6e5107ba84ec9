"""Markdown → blocks: headings and paragraphs become lines, pipe tables become table blocks."""
import re
from typing import List

from knowledge.parse.blocks import Block
from knowledge.parse.html import lines_of, table_blocks

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
            blocks += table_blocks([[([cell], 1, 1) for cell in row] for row in rows])
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
