"""Turns facts, articles and passages into the sentences the assistant says."""
import re
from typing import Iterable, List, Optional

from knowledge.parse.numerals import number_text

SOURCE_PREFIX = "来源："


def number(value) -> str:
    """A figure as the report prints it (knowledge.parse.numerals.number_text); “—” for none."""
    return "—" if value is None else number_text(value)


_SCALE = re.compile(r"\d([万亿])")
SCALES = {"万": 10_000, "亿": 100_000_000}


def amount(value, unit: str, printed: Iterable[str]) -> str:
    """A computed figure in the scale its figures were printed in: 770万 − 550万 is 220万, not 2200000."""
    scales = {m.group(1) if (m := _SCALE.search(raw)) else "" for raw in printed}
    scale = scales.pop() if len(scales) == 1 else ""
    return f"{number(value / SCALES[scale])}{scale}{unit}" if scale else f"{number(value)}{unit}"


def percent(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator * 100:.1f}%"


def report_name(report) -> str:
    return f"{report.body}{report.year}年"


def fact_value(fact) -> str:
    if fact.value is None:
        return fact.text or ""
    return approximate_value(number(fact.value), fact.unit or "", getattr(fact, "approximate", None))


def approximate_value(value: str, unit: str, marker) -> str:
    """A figure with its approximate marker where the report writes it: 约100篇, 100余篇, 100篇左右."""
    if marker in ("余", "多"):
        return f"{value}{marker}{unit}"
    if marker in ("左右", "以上"):
        return f"{value}{unit}{marker}"
    return f"{marker or ''}{value}{unit}"


# Qualifiers that only say a figure is part of the one before it in the sentence.
SILENT_QUALIFIERS = {"其中"}


def fact_line(fact) -> str:
    shown = fact.qualifier and fact.qualifier not in SILENT_QUALIFIERS and fact.qualifier != getattr(fact, "approximate", None)
    qualifier = f"（{fact.qualifier}）" if shown else ""
    return f"{fact.metric_name}{qualifier}：{fact_value(fact)}"


# A metric's name read as the start of a sentence: "本年新收政府信息公开申请数" says "新收政府信息公开申请".
_COUNT_WORDS = re.compile(r"(?:总数|场次|数量|金额|人次|数)$")
_THIS_YEAR = re.compile(r"^本年度?")


def metric_phrase(name: str) -> str:
    return _THIS_YEAR.sub("", _COUNT_WORDS.sub("", name)) or name


def fact_sentence(report, fact) -> str:
    """A figure as a person says it: "江苏省民政厅2022年新收政府信息公开申请23件。" (a cell of a table
    keeps its column: "予以公开（自然人）7件")."""
    if fact.value is None:
        return f"{report_name(report)}{fact.metric_name}：{(fact.text or '').rstrip('。')}。"
    shown = fact.qualifier and fact.qualifier not in SILENT_QUALIFIERS and fact.qualifier != getattr(fact, "approximate", None)
    qualifier = f"（{fact.qualifier}）" if shown else ""
    return f"{report_name(report)}{metric_phrase(fact.metric_name)}{qualifier}{fact_value(fact)}{_gloss(fact)}。"


def _gloss(fact) -> str:
    """The report's bracketed words right after the figure, which its clause keeps ("（含上年度结转申请18件…）")."""
    clause = getattr(fact, "clause", None) or ""
    opened = clause.rfind("（")
    return clause[opened:] if clause.endswith("）") and opened > 0 and clause[opened - 1] in "件条篇个项次人" else ""


def conflict_note(facts: Iterable) -> List[str]:
    return list(dict.fromkeys(f"注意：{c}" for fact in facts for c in (fact.conflicts or [])))   # once each


def with_sources(lines: List[str], sources: Iterable[str]) -> str:
    """The answer text: its lines, then one line per distinct source, each starting 来源："""
    unique = list(dict.fromkeys(s for s in sources if s))
    return "\n".join(lines + [f"{SOURCE_PREFIX}{s}" for s in unique])


def article_body(article) -> str:
    """An article's text without its leading label (第三十三条)."""
    return article.text[len(article.label):].strip() if article.text.startswith(article.label) else article.text


def quote(text: str, limit: Optional[int] = None, question: str = "") -> str:
    """The text in quotation marks; over the limit, its start, or with a question the clauses around
    the one that holds most of the question's words (征地的呢 → …征地类信息89条…)."""
    text = text.strip()
    if limit and len(text) > limit:
        text = " ".join(text.split())
        start, end = _excerpt(text, question, limit) if question else (0, limit)
        text = ("……" if start else "") + text[start:end].rstrip("，、；") + ("……" if end < len(text) else "")
    return f"“{text}”"


_CLAUSE_END = re.compile(r"[，；。！？：,;]")
_CJK_PAIR = re.compile(r"(?=([\u3400-\u9fff]{2}))")


def _excerpt(text: str, question: str, limit: int) -> tuple:
    """(start, end) of the clauses within `limit` characters around the clause sharing most character
    pairs with the question; the text's start when no clause beyond the first window shares any."""
    wanted = set(_CJK_PAIR.findall(question))
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    shared = [len(wanted & set(_CJK_PAIR.findall(text[a:b]))) for a, b in clauses]
    best = max(range(len(clauses)), key=lambda i: shared[i], default=0)
    if not clauses or shared[best] == 0 or clauses[best][1] <= limit:
        return 0, limit
    first = last = best
    while True:
        grown = False
        for i in (last + 1, first - 1):
            if 0 <= i < len(clauses) and max(clauses[last][1], clauses[i][1]) - min(clauses[first][0], clauses[i][0]) <= limit:
                first, last, grown = min(first, i), max(last, i), True
        if not grown:
            break
    return clauses[first][0], min(clauses[last][1], clauses[first][0] + limit)


def stored_reports_line(reports) -> str:
    if not reports:
        return "知识库里目前还没有任何报告。"
    names = "、".join(f"{r.body}{r.year}年" for r in reports)
    return f"知识库目前收录的年度报告有：{names}。"


# How an answer quoting the report's own sentences begins, after the report's name.
REPORT_WRITES = "年度报告中写道："
REPORT_STATES = "年度报告写明："
QUOTING_LEADS = (REPORT_WRITES, REPORT_STATES)
