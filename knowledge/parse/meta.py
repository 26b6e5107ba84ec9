"""Who published a report, for which year and when: from its own text, or from a sidecar .yml."""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from knowledge.parse.issues import Issue
from knowledge.parse.numerals import to_number, year_of
from knowledge.parse.text import normalise

_YEAR = r"(?P<year>\d{4}|[〇零一二三四五六七八九]{4})"
_BODY = r"(?P<body>[\u4e00-\u9fff（）×·]{2,40}?)"
_KIND = r"政府信息公开(?:工作)?(?:年度报告|年报|工作报告|报告)"
# “平潭综合实验区2019年度政府信息公开工作年度报告”, “××局关于2020年政府信息公开工作年报”,
# the year first: “2019年上海市人民政府办公厅政府信息公开工作年度报告”, or last, in brackets.
TITLE_RES = (re.compile(_BODY + r"\s*(?:关于)?\s*" + _YEAR + r"\s*年度?\s*的?\s*" + _KIND),
             re.compile(_YEAR + r"\s*年度?\s*" + _BODY + r"\s*" + _KIND),
             re.compile(_BODY + r"\s*" + _KIND + r"\s*（\s*" + _YEAR + r"\s*年度?\s*）"))
_TITLE_KEY = re.compile(r"^\s*(?:标题|题名|文章标题)\s*[:：]\s*")
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
    other_names: Tuple[str, ...] = ()      # the body written differently elsewhere (title lines, signature)


def _match(text: str, full: bool):
    for regex in TITLE_RES:
        m = regex.fullmatch(text) if full else regex.search(text)
        if m:
            return m
    return None


def find_title(text: str) -> Optional[Tuple[int, int]]:
    """The span of the first report title in a text."""
    found = [m for m in (regex.search(normalise(text)) for regex in TITLE_RES) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.start(), first.end()


def _title_lines(lines: List[str]):
    """(line, is a “标题：” metadata line) for every line that is a report title and nothing else."""
    for line in lines:
        key = _TITLE_KEY.match(line)
        text = normalise(line[key.end():] if key else line).strip().strip("《》")
        m = _match(text, full=True)
        if m:
            yield m, text, bool(key)


def _title_match(lines: List[str], html_title: str):
    """The title: the report's own title line, else a “标题：” line, else the page title or a title
    inside a line; with every body name the full title lines give."""
    candidates = sorted(_title_lines(lines), key=lambda c: c[2])
    names = [_LEADING_WORDS.sub("", m.group("body")) for m, _, _ in candidates]
    if candidates:
        m, text, _ = candidates[0]
        return m, text, names
    for text in [html_title] + lines:
        m = _match(normalise(text), full=False)
        if m:
            return m, text[m.start():m.end()], names
    return None, None, names


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
    “发布日期：” line or the date under the signature. The body's name is taken from the title even when
    it is written differently elsewhere (an OCR slip in the signature): those spellings are kept aside."""
    m, title, names = _title_match(lines, html_title)
    body = _LEADING_WORDS.sub("", m.group("body")) if m else None
    year = year_of(m.group("year")) if m else None
    if title:
        title = _LEADING_WORDS.sub("", title.strip().strip("《》"))
    if len(signature) == 2:
        names.append(signature[0])
        if body is None:
            body = signature[0]
    published, line = _published(lines, signature)
    others = tuple(dict.fromkeys(n for n in names if body and n != body and _similar(n, body)))
    return ReportMeta(body, year, published, title, line, others)


def _similar(name: str, body: str) -> bool:
    """Two spellings of one name: same length, at most two characters apart (a signature that names
    a different body, such as the office that wrote the report, is not a misspelling)."""
    return len(name) == len(body) and sum(a != b for a, b in zip(name, body)) <= 2


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
                        published_line=found.published_line, other_names=found.other_names)
    return merged, disagreements


def name_issues(meta: ReportMeta) -> List[Issue]:
    """A note when the body's name is written differently elsewhere in the report."""
    if not meta.other_names:
        return []
    others = "、".join(f"“{n}”" for n in meta.other_names)
    return [Issue("body_name", "note", "机关名称写法不一致",
                  f"报告中机关名称另有{others}的写法，与标题中的“{meta.body}”不同（可能是识别或录入错误），采用标题中的名称。",
                  0, [], {"body": meta.body, "others": list(meta.other_names)})]
