"""What a turn's answer records for the staff pages, and the chart a breakdown is drawn with.

The record rides on the bot message (Rasa keeps extra message keys as the BotUttered event's
metadata), so the event broker stores it with the turn and no one re-reads the tracker for it. The
REST channel passes the chart on to the widget; WeChat shows the text only.
"""
import re
from typing import Any, Dict, List, Optional

from actions import answers
from actions.route import Kind, Route
from actions.phrasing import SOURCE_PREFIX

KEY = "zwgk"  # the message key the record travels under
# The assistant's own phrasings for "the report (or the knowledge base) does not say".
NOT_IN_REPORT = re.compile(r"没有提到|没有谈到|没有列出|没有专门谈到|知识库里没有|知识库只收录|没有找到|无法计算|无法确定|无法比较|不能提供")
MAX_BARS = 12


def cited(text: str) -> List[str]:
    """The answer's 来源 lines: the facts, passages or articles it cites."""
    return [line.strip()[len(SOURCE_PREFIX):] for line in text.splitlines()
            if line.strip().startswith(SOURCE_PREFIX)]


def not_in_report(text: str) -> bool:
    lead = "\n".join(line for line in text.splitlines() if not line.strip().startswith(SOURCE_PREFIX))
    return bool(NOT_IN_REPORT.search(lead))


def _bars(facts) -> List[Dict[str, Any]]:
    return [{"label": label, "value": fact.value, "unit": fact.unit or ""}
            for label, fact in facts if fact is not None and isinstance(fact.value, (int, float))][:MAX_BARS]


def breakdown_facts(kb, report, metric: Optional[str]):
    """The parts the breakdown answer listed: the outcomes of the requests, or one table row's cells."""
    if metric == "requests.completed" or not metric:
        keys = answers.RESULT_KEYS
    else:
        row = (kb.cell_of(metric) or "").rsplit(".", 1)[0]
        keys = kb.row_cells(row) if row else []
    facts = [kb.fact(key, report.id) for key in keys]
    return [(f.metric_name, f) for f in facts if f is not None]


def years_facts(kb, report, metric: Optional[str]):
    """The metric in every stored report of the body, oldest first."""
    if not metric:
        return []
    reports = sorted((r for r in kb.reports() if r.body == report.body), key=lambda r: r.year)
    return [(f"{r.year}年", kb.fact(metric, r.id)) for r in reports]


def chart(kb, report, chosen: Route, answer, derivation: Optional[str]) -> Optional[Dict[str, Any]]:
    """Bars for a breakdown or a figure over several years, from the stored facts; None otherwise."""
    if report is None:
        return None
    if chosen.kind is Kind.BREAKDOWN:
        bars = _bars(breakdown_facts(kb, report, answer.metric))
    elif chosen.kind is Kind.DERIVED and derivation == "change":
        bars = _bars(years_facts(kb, report, answer.metric))
    else:
        return None
    if len(bars) < 2:
        return None
    title = answer.text.splitlines()[0].rstrip("：:") if answer.text else ""
    return {"title": title, "bars": bars}


def of(kb, report, chosen: Optional[Route], answer, derivation: Optional[str] = None) -> Dict[str, Any]:
    """The record of one answer: its kind, what it cites, whether the report lacked it, its chart."""
    record: Dict[str, Any] = {
        "kind": chosen.label if chosen else "explain",
        "metric": answer.metric,
        "cited": cited(answer.text),
        "not_in_report": not_in_report(answer.text),
    }
    drawn = chart(kb, report, chosen, answer, derivation) if chosen else None
    if drawn:
        record["chart"] = drawn
    return record
