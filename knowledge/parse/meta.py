"""Who published a report, for which year and when: from its own text, or from a sidecar .yml."""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import yaml

from knowledge.parse.numerals import to_number, year_of
from knowledge.parse.text import normalise

_YEAR = r"(?P<year>\d{4}|[〇零一二三四五六七八九]{4})"
_BODY = r"(?P<body>[\u4e00-\u9fff（）]{2,40}?)"
TITLE_RE = re.compile(_BODY + r"\s*" + _YEAR + r"\s*年度?\s*政府信息公开(?:工作)?年度报告")
_LEADING_WORDS = re.compile(r"^(?:关于|现发布|发布|印发|公布|转发)+")
PUBLISHED_RE = re.compile(r"(?:发布|公布|发文|成文)(?:日期|时间)\s*：\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
CN_DATE_RE = re.compile(r"^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月"
                        r"\s*([\d一二三四五六七八九十]{1,3})\s*日\s*$")
SIDECAR_FIELDS = ("body", "year", "published", "title")


@dataclass
class ReportMeta:
    body: Optional[str]
    year: Optional[int]
    published: Optional[str]
    title: Optional[str]
    published_line: Optional[str] = None   # the exact line the date was read from


def _title_match(lines: List[str], html_title: str):
    for line in lines:
        m = TITLE_RE.fullmatch(normalise(line).strip().strip("《》"))
        if m:
            return m, line.strip().strip("《》")
    for text in [html_title] + lines:
        m = TITLE_RE.search(normalise(text))
        if m:
            return m, text[m.start():m.end()]
    return None, None


def _published(lines: List[str], signature: List[str]):
    for line in lines:
        m = PUBLISHED_RE.search(normalise(line))
        if m:
            return _iso(*m.groups()), line.strip()
    for line in reversed(signature):
        m = CN_DATE_RE.match(normalise(line))
        if m:
            return _iso(*m.groups()), line.strip()
    return None, None


def _iso(year: str, month: str, day: str) -> Optional[str]:
    y, mo, d = year_of(year), to_number(month), to_number(day)
    if not (y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def meta_from_text(lines: List[str], signature: List[str], html_title: str = "") -> ReportMeta:
    """Title, body and year from the title line (or the page title); the publication date from a
    “发布日期：” line or the date under the signature."""
    m, title = _title_match(lines, html_title)
    body = _LEADING_WORDS.sub("", m.group("body")) if m else None
    year = year_of(m.group("year")) if m else None
    if title:
        title = _LEADING_WORDS.sub("", title)
    if body is None and len(signature) == 2:
        body = signature[0]
    published, line = _published(lines, signature)
    return ReportMeta(body, year, published, title, line)


def read_sidecar(report_file: Path) -> dict:
    """The report's sidecar metadata (same name, .yml), or {} when there is none."""
    path = report_file.with_suffix(".yml")
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {k: data[k] for k in SIDECAR_FIELDS if data.get(k) is not None}
    if "published" in out:
        out["published"] = str(out["published"])
    if "year" in out:
        out["year"] = int(out["year"])
    return out


def merge(found: ReportMeta, sidecar: dict):
    """(metadata, disagreements): the sidecar wins; where both give a field and differ, say so."""
    disagreements = [(k, getattr(found, k), sidecar[k]) for k in SIDECAR_FIELDS
                     if k in sidecar and getattr(found, k) not in (None, sidecar[k])]
    merged = ReportMeta(**{k: sidecar.get(k, getattr(found, k)) for k in SIDECAR_FIELDS},
                        published_line=found.published_line)
    return merged, disagreements
