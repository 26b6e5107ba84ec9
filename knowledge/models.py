"""The objects the query API returns."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple, Union

from knowledge.parse.numerals import cn_ordinal

EXCERPT = 40


def part_label(part: int) -> str:
    return f"第{cn_ordinal(part)}部分" if cn_ordinal(part) else "前言"


def article_source(law_title: str, label: str) -> str:
    """An article as answers cite it: 《中华人民共和国政府信息公开条例》第三十三条."""
    return f"《{law_title}》{label}"


@dataclass(frozen=True)
class Report:
    id: str
    body: str
    year: int
    published: Optional[str]
    title: str
    source_file: str


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    synonyms: Tuple[str, ...]
    unit: Optional[str]
    kind: str                      # number | text
    source: str                    # prose | table | metadata
    group: str
    cell: Optional[str] = None     # the table cell key holding the same quantity
    cells: Tuple[str, ...] = ()
    units: Tuple[str, ...] = ()     # every unit the report may count it in (件, 起, 次)
    old_cell: Optional[str] = None  # the cell of the pre-2019 统计表 holding the same quantity
    in_nlu: bool = True             # its words are in the NLU data


@dataclass(frozen=True, kw_only=True)
class Fact:
    metric_key: str
    metric_name: str
    value: Optional[Union[int, float]]
    text: Optional[str]
    unit: Optional[str]
    qualifier: Optional[str]
    report_id: str
    part: int
    section: Optional[str]
    sentence: Optional[str]
    source_kind: str               # prose | table | metadata
    cell: Optional[str]
    conflicts: List[str] = field(default_factory=list)
    clause: Optional[str] = None
    report_title: str = ""
    part_title: Optional[str] = None
    approximate: Optional[str] = None      # 约 余 近 多 左右 超过: the figure is approximate, as written

    @property
    def source(self) -> str:
        """Where the figure is written, as a Chinese label for the answer's 来源 line."""
        where = f"{self.report_title} {part_label(self.part)}"
        if self.source_kind == "table" and self.cell:
            return f"{where} {self.cell}"
        where += self.section or (f" {self.part_title}" if self.part_title and self.part else "")
        quoted = self._excerpt()
        return f"{where}：“{quoted}”" if quoted else where

    def _excerpt(self) -> str:
        text = self.clause or self.sentence or self.text or ""
        whole = self.sentence or self.text or ""
        if len(text) > EXCERPT:
            return text[:EXCERPT].rstrip("，,、；;") + "……"
        return text + ("……" if whole and whole.rstrip("。；;！？!?") != text.rstrip("。；;！？!?") else "")


@dataclass(frozen=True)
class Passage:
    kind: str                      # sentence | article
    text: str
    score: float
    source: str
    report_id: Optional[str] = None
    law: Optional[str] = None
    article: Optional[int] = None
    part: Optional[int] = None
    coverage: float = 0.0          # the share of the question's words and bigrams the passage holds


@dataclass(frozen=True)
class Article:
    law: str
    law_title: str
    number: int
    label: str
    chapter: Optional[str]
    text: str
    topics: Tuple[str, ...]
    section: Optional[str] = None

    @property
    def source(self) -> str:
        return article_source(self.law_title, self.label)


@dataclass(frozen=True)
class Section:
    report_id: str
    part: int
    sub: Optional[int]
    label: str
    title: str
    text: str
    report_title: str = ""

    @property
    def source(self) -> str:
        if not self.part:
            return f"{self.report_title} {part_label(0)}"
        heading = f"{self.label}{self.title}" if self.sub else f" {self.title}"
        return f"{self.report_title} {part_label(self.part)}{heading}"


@dataclass(frozen=True)
class Conflict:
    id: int
    report_id: str
    kind: str
    severity: str                  # conflict | unreadable | note
    subject: str
    description: str
    part: int
    metrics: Tuple[str, ...]
    details: Dict = field(default_factory=dict)
