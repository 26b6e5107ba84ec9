"""Reads what the conversation asks about: entities of the latest message, slots, the report."""
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from rasa_sdk import Tracker

from actions.phrasing import stored_reports_line


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]
    return list(dict.fromkeys(str(v) for v in values if v))


def named_year(tracker: Tracker) -> Optional[int]:
    """The year the latest message names, if any."""
    for value in entity_values(tracker, "year"):
        try:
            return int(float(value))
        except ValueError:
            continue
    return None


def requested_year(tracker: Tracker) -> Optional[int]:
    year = tracker.get_slot("year")
    try:
        return int(float(year)) if year else None
    except (TypeError, ValueError):
        return None


@dataclass
class ReportRequest:
    """The report a question is about (None when it is not stored, with the message saying so)."""
    report: Optional[object]
    missing: Optional[str] = None


def requested_report(kb, tracker: Tracker) -> ReportRequest:
    """The report of the body the question names (stored bodies are read from the knowledge base at run
    time, full or shortened), else of the body asked about before, else of the deployment's own body;
    for the year named, else the year asked about before — unless the body changed — else the latest."""
    mention = kb.find_body(tracker.latest_message.get("text") or "")
    stored = stored_reports_line(kb.reports())
    if mention is not None and mention.body is None:
        return ReportRequest(None, f"知识库里没有“{mention.name}”的年度报告，所以无法回答它的数字。{stored}")
    body = mention.body if mention else tracker.get_slot("body")
    year = named_year(tracker)
    if year is None and not (mention and mention.body != tracker.get_slot("body")):
        year = requested_year(tracker)
    report = kb.report(body=body, year=year)
    if report is not None:
        return ReportRequest(report)
    if body and kb.report(body=body) is None:
        return ReportRequest(None, f"知识库里没有“{body}”的年度报告，所以无法回答它的数字。{stored}")
    latest = kb.report(body=body)
    who = latest.body if latest else (body or "该机关")
    return ReportRequest(None, f"知识库里没有{who}{year}年的年度报告，我不能提供那一年的数字。{stored}")


def requested_metrics(tracker: Tracker) -> List[str]:
    """Metric keys named in the latest message, else the one the conversation was about."""
    named = entity_values(tracker, "metric")
    if named:
        return named
    slot = tracker.get_slot("metric")
    return [slot] if slot else []


_COUNT_QUESTION = re.compile(r"(?:几|多少)(?:件|个|次|场|篇|条|起|宗|人)|多少\s*(?:$|[？?呢吗])")


def asks_for_a_count(tracker: Tracker) -> bool:
    """"…的有几件": a named figure and a how-many question, whatever intent NLU chose."""
    text = tracker.latest_message.get("text") or ""
    return bool(entity_values(tracker, "metric")) and _COUNT_QUESTION.search(text) is not None


_REMEDY = re.compile(r"复议|诉讼|起诉|打官司|法院")


def names_a_remedy(tracker: Tracker) -> bool:
    """"申请行政复议有没有时间限制" asks the deadline of a remedy, not of the answer to a request."""
    return _REMEDY.search(tracker.latest_message.get("text") or "") is not None


_REFERS_BACK = re.compile(r"两个|两项|两者|俩|它们|这几个|这些")


def refers_back(tracker: Tracker) -> bool:
    """"两个合起来": the figures of the previous answers, not ones named now."""
    return _REFERS_BACK.search(tracker.latest_message.get("text") or "") is not None
