"""Whether a line is the heading of one of the report's parts, and which: read by blocks.py (to cut a
report flattened onto one line) and by structure.py (to split the parts)."""
import re
from typing import Optional

from knowledge.parse.numerals import CN_ORDINALS
from knowledge.parse.text import normalise

# What a part's title names, by its printed number: the national formats (2019 and 2021), and the
# pre-2019 reports whose parts run 概述, 主动公开, 依申请公开, 收费及减免, 复议诉讼, 问题和改进, 统计表.
PART_KEYWORDS = {1: "总体情况|概述|总体|基本情况|概况", 2: "主动公开", 3: "收到和处理|依申请公开|申请情况",
                 4: "复议|诉讼|收费|减免", 5: "问题|改进|复议|诉讼", 6: "其他|需要报告|问题|改进|统计表",
                 7: "其他|需要报告|统计表", 8: "其他|需要报告|统计表"}
PART_RE = re.compile(r"^\s*(?:第\s*([一二三四五六七八])\s*部分\s*[、.：]?|([一二三四五六七八])\s*[、.．])\s*(\S.{0,38}?)\s*$")

# Part titles printed in full. A heading numbered “1、” or with no number at all is taken only when its
# title is one of these (a numbered item such as “2.加大主动公开力度” is no heading).
PART_TITLES = {1: "总体情况|概述|概况|基本情况",
               2: "主动公开政府信息(?:的)?情况",
               3: "收到和处理政府信息公开申请(?:的)?情况|政府信息依申请公开(?:工作|办理)?情况",
               4: "因?政府信息公开(?:申请|工作)?(?:被申请)?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况",
               5: "(?:政府信息公开工作)?存在的主要问题及改进情况|主要问题和改进措施",
               6: "其他需要报告的事项"}
PLAIN_PART_RE = re.compile(r"^\s*(?:([1-8])\s*[、.．]\s*)?(\S.{0,38}?)\s*$")


def part_heading(line: str, after: int) -> Optional[int]:
    """The part number when the line is the heading of a part later than `after`: “三、…” or “第三部分…”
    with a title naming the part, or “3、” or no number with a part title in full."""
    norm = normalise(line)
    m = PART_RE.match(norm)
    if m and "。" not in m.group(3):
        number = CN_ORDINALS.index(m.group(1) or m.group(2)) + 1
        return number if number > after and re.search(PART_KEYWORDS[number], m.group(3)) else None
    m = PLAIN_PART_RE.match(norm)
    if not m:
        return None
    titled = [n for n, titles in PART_TITLES.items() if re.fullmatch(titles, m.group(2))]
    number = int(m.group(1)) if m.group(1) else (titled[0] if titled else None)
    return number if number in titled and number > after else None
