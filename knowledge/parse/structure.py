"""Blocks → the six parts of the report, their sub-sections （一）（二）…, paragraphs and sentences."""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from knowledge.parse.blocks import Block
from knowledge.parse.headings import PART_RE, PLAIN_PART_RE, part_heading
from knowledge.parse.numerals import cn_ordinal, to_number
from knowledge.parse.text import normalise, split_sentences

TABLE_PARTS = (2, 3, 4)
# The old statistics table of pre-2019 reports (指标名称 | 计量单位 | 本年度 | 历年累计), flattened: not prose.
OLD_STATISTICS = re.compile(r"指标名称\s*计量单位")
_SUB_RE = re.compile(r"^\s*（\s*([一二三四五六七八九十]+)\s*）\s*(\S.*)$")
_SUB_TITLE_MAX = 30


@dataclass
class Sentence:
    part: int
    sub: Optional[int]
    paragraph: int
    index: int
    text: str


@dataclass
class Section:
    part: int
    sub: Optional[int]            # None: the whole part
    label: str                    # “一、” or “（二）”
    title: str
    paragraphs: List[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Document:
    preamble: List[str]
    parts: Dict[int, List[Block]]          # part number → its blocks (heading excluded)
    headings: Dict[int, str]
    sections: List[Section]
    paragraphs: List["Paragraph"]
    sentences: List[Sentence]
    signature: List[str]

    def section(self, part: int, sub: Optional[int] = None) -> Optional[Section]:
        return next((s for s in self.sections if s.part == part and s.sub == sub), None)




DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                       r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


FURNITURE = re.compile(r"^\s*[【\[].*[】\]]\s*$|打印本页|关闭窗口|返回顶部|扫一扫|分享到|收藏本页")
MAX_FURNITURE = 3


def trailing_signature(blocks: List[Block]) -> int:
    """How many final blocks are the signature and page furniture after it: 【打印本页】 lines, the
    date line and the short line (the body's name) just above it."""
    end = len(blocks)
    while end > 0 and len(blocks) - end < MAX_FURNITURE and blocks[end - 1].kind == "line" \
            and FURNITURE.search(blocks[end - 1].text):
        end -= 1
    if not end or blocks[end - 1].kind != "line" or not DATE_LINE.match(normalise(blocks[end - 1].text)):
        return len(blocks) - end
    end -= 1
    if end and blocks[end - 1].kind == "line":
        above = normalise(blocks[end - 1].text).strip()
        if len(above) <= 25 and not re.search(r"[。，；！？：]", above):
            end -= 1
    return len(blocks) - end


def split_parts(blocks: List[Block]):
    """(preamble blocks, {part: blocks}, {part: heading line})."""
    preamble, parts, headings, current = [], {}, {}, 0
    for block in blocks:
        number = part_heading(block.text, current) if block.kind == "line" else None
        if number:
            current = number
            parts[number], headings[number] = [], block.text.strip()
        elif current:
            parts[current].append(block)
        else:
            preamble.append(block)
    return preamble, parts, headings


# A sub-section title run into its text (“（一）基本情况今年，我区…”, “（二）工作制度方面1、明确…”) ends
# with one of the words such titles end with, before any punctuation or number.
_RUN_IN_MAX = 20


def sub_heading(line: str, expected: int):
    """(sub number, title, rest of the line) when the line starts the expected sub-section."""
    m = _SUB_RE.match(normalise(line))
    if not m or to_number(m.group(1)) != expected:
        return None
    rest_start = m.start(2)
    body = line[rest_start:]
    cut = re.search(r"[。：:]", body)
    title, rest = (body[:cut.start()], body[cut.end():]) if cut else (body, "")
    if len(title.strip()) > _SUB_TITLE_MAX or re.search(r"\d", title):      # a sentence with figures is no title
        return _run_in_heading(body, expected)
    return expected, title.strip(), rest.strip()


_ITEM = re.compile(r"\d+\s*[、.．]|（\d+）")
_TITLE_END = re.compile(r"情况|方面|做法|数量|类别|形式|问题|措施|工作")


def _run_in_heading(body: str, expected: int):
    """A title run into its text: everything before a numbered item (“…建设1.强化…”), else the longest
    start that ends with a word titles end with, before any punctuation or number."""
    norm = normalise(body)
    stop = re.search(r"[，。；：、！？\d（(]", norm)
    end = stop.start() if stop else len(norm)
    if stop and _ITEM.match(norm, end) and 2 <= end <= _RUN_IN_MAX:
        return expected, body[:end].strip(), body[end:].strip()
    ends = [m.end() for m in _TITLE_END.finditer(norm[:min(end, _RUN_IN_MAX)])]
    if not ends or ends[-1] < 2 or ends[-1] == len(norm):
        return None
    return expected, body[:ends[-1]].strip(), body[ends[-1]:].strip()


def is_prose(line: str) -> bool:
    norm = normalise(line)
    numbers = re.findall(r"\d+", norm)
    return "。" in norm or ("，" in norm and len(norm) >= 20 and len(numbers) < 4)


@dataclass
class Paragraph:
    part: int
    sub: Optional[int]
    index: int                    # position within its innermost section
    text: str


_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、.．])")
WRAP_MIN = 15


def unwrap_lines(blocks: List[Block]) -> List[Block]:
    """Joins lines that a hard wrap cut inside a sentence (text copied from PDF or a narrow page):
    a long line without closing punctuation continues on the next line. Headings and enumerated
    items (（一）… 1.… 一是…) neither continue nor are continued."""
    out: List[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (previous is not None and previous.kind == block.kind == "line"
                and len(previous.text.strip()) >= WRAP_MIN
                and not re.search(r"[。！？；：:;!?）)]\s*$", normalise(previous.text))
                and not any(_ENUMERATED.match(normalise(b.text)) or PART_RE.match(normalise(b.text))
                            for b in (previous, block))):
            out[-1] = Block("line", previous.text.rstrip() + block.text.strip())
        else:
            out.append(block)
    return out


def narrative_sections(part: int, heading: str, blocks: List[Block]):
    """(sections, paragraphs): the part as a whole and its sub-sections; prose lines become paragraphs."""
    label, title = _heading_parts(part, heading)
    whole = Section(part, None, label, title)
    sections, paragraphs, current, expected = [whole], [], None, 1
    for block in blocks:
        if block.kind != "line" or (part in TABLE_PARTS and not is_prose(block.text)) \
                or OLD_STATISTICS.search(normalise(block.text)):
            continue
        sub = sub_heading(block.text, expected)
        if sub:
            number, sub_title, text = sub
            current = Section(part, number, f"（{cn_ordinal(number)}）", sub_title)
            sections.append(current)
            expected += 1
        else:
            text = block.text.strip()
        if not text:
            continue
        whole.paragraphs.append(text)
        inner = current or whole
        if current:
            current.paragraphs.append(text)
        paragraphs.append(Paragraph(part, inner.sub, len(inner.paragraphs) - 1, text))
    return sections, paragraphs


def _heading_parts(part: int, heading: str):
    m = PART_RE.match(normalise(heading))
    if not m:
        plain = PLAIN_PART_RE.match(normalise(heading))
        return f"{cn_ordinal(part)}、", heading[plain.start(2):plain.end(2)].strip() if plain else heading.strip()
    return f"{m.group(1) or m.group(2)}、", heading[m.start(3):m.end(3)].strip()


def sentences_of(paragraphs: List[Paragraph]) -> List[Sentence]:
    return [Sentence(p.part, p.sub, p.index, i, p.text[a:b])
            for p in paragraphs for i, (a, b) in enumerate(split_sentences(p.text))]


def parse_structure(blocks: List[Block]) -> Document:
    cut = trailing_signature(blocks)
    signature = [b.text.strip() for b in blocks[len(blocks) - cut:] if not FURNITURE.search(b.text)]
    preamble_blocks, parts, headings = split_parts(blocks[:len(blocks) - cut])
    preamble = [b.text.strip() for b in preamble_blocks if b.kind == "line"]
    intro = [p for p in preamble if is_prose(p)]
    sections = [Section(0, None, "", "前言", intro)]
    paragraphs = [Paragraph(0, None, i, p) for i, p in enumerate(intro)]
    for number in sorted(parts):
        blocks_of_part = parts[number] if number in TABLE_PARTS else unwrap_lines(parts[number])
        part_sections, part_paragraphs = narrative_sections(number, headings[number], blocks_of_part)
        sections += part_sections
        paragraphs += part_paragraphs
    return Document(preamble, parts, headings, sections, paragraphs, sentences_of(paragraphs), signature)
