"""A report as a sequence of blocks: lines of text and tables (rows of cells).

Plain text arrives in many shapes: one line per paragraph, hard-wrapped lines (from PDF), or the whole
report flattened onto one line by a scraper, with page chrome around it and PDF page footers inside.
`text_blocks` gives every shape the same lines: page footers and chrome dropped, and a flattened line
cut before the report title, each part heading (一、总体情况 …) and each sub-section （一）… so that the
structure parser sees them at the start of lines."""
import re
from dataclasses import dataclass, field
from typing import List, Optional

from knowledge.parse.headings import part_heading
from knowledge.parse.meta import find_title
from knowledge.parse.text import normalise


@dataclass
class Block:
    kind: str                      # "line" | "table"
    text: str = ""                 # the line, or the table flattened to text
    rows: Optional[List[List[Optional[str]]]] = field(default=None)  # table cells; None = spanned copy


# PDF page footers on a line of their own: “— 4 —”, “- 4 -”, “第 4 页 共 9 页”, “第4页/共9页”.
PAGE_FOOTER = re.compile(r"^\s*(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?)\s*$")
INLINE_FOOTER = re.compile(r"\s*第\s*\d{1,4}\s*页\s*[,，/／]?\s*共\s*\d{1,4}\s*页\s*")

# Words of a web page around the article, not of the report.
_CHROME_WORD = (r"(?:(?:来源|发布时间|时间|日期|作者|浏览次数|点击数|访问量|字号|发布机构)[：:]\s*[^\s，。；]*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                r"|微信|微博|QQ空间|全真版|文字版|文件下载|相关链接[：:]?|-->|【[^】]{0,8}】|打印本页|关闭窗口|分享到[：:]?)")
CHROME_RUN = re.compile(rf"^(?:\s*{_CHROME_WORD})+\s*")
BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|所在位置)[：:]")
TRAILING_CHROME = re.compile(r"\s*(?:附件下载|【?打印本页】?|【?关闭窗口】?|返回顶部|扫一扫在手机上查看)+\s*$")

# A part heading inside a line: an ordinal and a title ending in one of the words part titles end with.
_PART_TITLE_END = r"(?:情况统计表|统计表|情况|事项|措施|概述|概况)"
INLINE_PART = re.compile(r"(?P<enum>(?:第\s*[一二三四五六七八]\s*部分|[一二三四五六七八]\s*[、.．])\s*)"
                         rf"(?P<title>[^，。；：！？\d\s（(]{{0,38}}?{_PART_TITLE_END})")
_NOT_BEFORE_HEADING = r"[、第一二三四五六七八九十]"   # “第一、二季度”: an enumeration, not a heading
INLINE_SUB = re.compile(r"(?<=[。！？；：:])\s*(?=（\s*[一二三四五六七八九十]\s*）[\u4e00-\u9fff])")
FLAT_MIN = 200


def text_blocks(text: str) -> List[Block]:
    """Plain text: one block per line (blank lines and page footers dropped), flattened text cut into lines."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip() and not PAGE_FOOTER.match(line)]
    lines = [INLINE_FOOTER.sub(" ", line).rstrip() for line in lines]
    if lines:
        lines[-1] = TRAILING_CHROME.sub("", lines[-1])
    return [Block("line", line) for line in reflow(lines) if line.strip()]


def reflow(lines: List[str]) -> List[str]:
    """Cuts lines before the part headings they hold (and after them: a heading is a line of its own),
    and long lines also before the report title and the sub-sections."""
    out, current = [], 0
    for line in lines:
        flat = len(line) >= FLAT_MIN
        pieces, current = _cut_parts(_cut_title(line) if flat else [line], current)
        for piece in pieces:
            out += [p for p in INLINE_SUB.split(piece) if p.strip()] if flat else [piece]
    return out


def _cut_title(line: str) -> List[str]:
    """[title, rest] when the line holds the report title near its start (after page chrome, which is dropped)."""
    span = find_title(line[:300])
    if not span:
        return [line]
    start, end = span
    before, rest = line[:start], line[end:]
    if before.strip() and not BREADCRUMB.search(before):
        return [line]
    rest = CHROME_RUN.sub("", rest)
    return [line[start:end].strip(), rest.strip()]


def _cut_parts(pieces: List[str], current: int):
    """The pieces cut before and after every part heading (in increasing order) and the last part number."""
    out = []
    for piece in pieces:
        pos = 0
        for m in INLINE_PART.finditer(piece):
            if m.start() < pos or (m.start() and re.match(_NOT_BEFORE_HEADING, piece[m.start() - 1])):
                continue
            heading = normalise(m.group(0)).strip()
            number = part_heading(heading, current)
            if not number:
                continue
            out.append(piece[pos:m.start()])
            out.append(m.group(0).strip())
            pos, current = m.end(), number
        out.append(piece[pos:])
    return [p.strip() for p in out if p.strip()], current
