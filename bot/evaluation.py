"""Replays the conversation set against a running assistant and scores its answers.

A conversation file (tests/conversations/*.yml) holds conversations; each turn names what a correct
answer contains: `facts` (catalogue keys whose stored value must appear, with a 来源 line),
`derived` (figures computed from stored facts), `says` (all of these substrings), `says_any`
(one of them). Any other number in an answer that is not a stored value is a wrong number.
"""
import re
import uuid
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Set

import yaml

from actions.phrasing import SOURCE_PREFIX, number, percent
from bot.nlu.entities import find_years

CONVERSATIONS = Path(__file__).resolve().parent.parent / "tests" / "conversations"
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_YEAR = re.compile(r"^(19|20)\d\d$")
_LIST_MARKER = re.compile(r"^\s*\d+[.、]\s*", re.M)


@dataclass
class TurnResult:
    conversation: str
    user: str
    answer: str
    problems: List[str] = field(default_factory=list)
    wrong_numbers: List[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return not self.problems and not self.wrong_numbers


def load_conversations(directory: Path = CONVERSATIONS) -> List[dict]:
    conversations = []
    for path in sorted(directory.glob("*.yml")):
        for conversation in yaml.safe_load(path.read_text())["conversations"]:
            conversation.setdefault("name", path.stem)
            conversations.append(conversation)
    return conversations


def derived_value(kb, report, spec: List[str]) -> Optional[str]:
    """The text a derived figure must appear as: ["ratio", part, whole], ["total", a, b, …],
    ["completion_rate"] or ["change", key]."""
    op, keys = spec[0], spec[1:]
    value = lambda key: kb.fact(key, report.id).value  # noqa: E731
    if op == "ratio":
        return percent(value(keys[0]), value(keys[1]))
    if op == "total":
        return number(sum(value(k) for k in keys))
    if op == "completion_rate":
        due = value("requests.received") + value("requests.carried_over_in")
        return percent(value("requests.completed"), due)
    if op == "change":
        previous = kb.report(body=report.body, year=report.year - 1)
        return number(value(keys[0]) - kb.fact(keys[0], previous.id).value) if previous else None
    raise ValueError(f"unknown derived figure {op}")


def allowed_numbers(kb, report, question: str) -> Set[str]:
    """Numbers an answer may say: stored values and the numbers inside stored text items, ratios of
    stored values, the legal figures of the fee standard and time limits, and the question's own."""
    facts = kb.facts(report.id)
    values = [f.value for f in facts if f.value is not None]
    allowed = {number(v) for v in values}
    allowed |= {n for f in facts if f.text for n in _NUMBER.findall(f.text)}
    allowed |= {percent(a, b) for a, b in permutations(values, 2) if b}
    fee_standard = kb.fee_standard()
    legal_texts = [fee_standard.get("summary", ""), fee_standard.get("source", "")] + [t["quote"] + str(t["value"]) for t in kb.time_limits()]
    allowed |= {n for text in legal_texts for n in _NUMBER.findall(text)}
    allowed |= set(_NUMBER.findall(question)) | {str(year) for _, _, year in find_years(question)}
    return allowed


def without_quotes(text: str) -> str:
    """The text outside “…” quotations, nested ones included."""
    kept, depth = [], 0
    for char in text:
        if char == "“":
            depth += 1
        elif char == "”" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


def answer_body(answer: str) -> str:
    """The answer without its source lines (which quote the report and may hold any number)."""
    return "\n".join(line for line in answer.splitlines() if not line.startswith(SOURCE_PREFIX))


def mentions(body: str, expected: str) -> bool:
    if expected[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(expected)}(?![\d.])", body) is not None
    return expected[:20] in body


def numbers_said(answer: str) -> List[str]:
    body = _LIST_MARKER.sub("", without_quotes(answer_body(answer)))
    body = re.sub(r"第[^条]{1,6}条|[A-Za-z]+\d+", "", body)
    return [n for n in _NUMBER.findall(body) if not _YEAR.match(n)]


def judge(kb, turn: dict, answer: str, report, question: str) -> TurnResult:
    result = TurnResult("", question, answer)
    body = answer_body(answer)
    for key in turn.get("facts", []):
        fact = kb.fact(key, report.id)
        if fact is None:
            result.problems.append(f"no stored fact {key}")
        elif not mentions(body, fact_value(fact)):
            result.problems.append(f"missing {key}={fact_value(fact)}")
    for spec in turn.get("derived", []):
        expected = derived_value(kb, report, spec)
        if expected is None or not mentions(body, expected):
            result.problems.append(f"missing derived {spec}={expected}")
    if (turn.get("facts") or turn.get("derived")) and SOURCE_PREFIX not in answer:
        result.problems.append("no source line")
    result.problems += [f"missing “{s}”" for s in turn.get("says", []) if s not in answer]
    if turn.get("says_any") and not any(s in answer for s in turn["says_any"]):
        result.problems.append(f"none of {turn['says_any']}")
    result.problems += [f"must not say “{s}”" for s in turn.get("never_says", []) if s in answer]
    allowed = allowed_numbers(kb, report, question) | {derived_value(kb, report, s) for s in turn.get("derived", [])}
    result.wrong_numbers = [n for n in numbers_said(answer) if n not in allowed]
    return result


def fact_value(fact) -> str:
    return number(fact.value) if fact.value is not None else fact.text


def run(kb, ask: Callable[[str, str], str], conversations: Iterable[dict]) -> List[TurnResult]:
    results = []
    report = kb.report()
    for conversation in conversations:
        sender = f"eval-{uuid.uuid4().hex[:10]}"
        for turn in conversation["turns"]:
            answer = ask(sender, turn["user"])
            result = judge(kb, turn, answer, report, turn["user"])
            result.conversation = conversation["name"]
            results.append(result)
    return results


def summary(results: List[TurnResult]) -> Dict[str, float]:
    correct = sum(r.correct for r in results)
    return {"turns": len(results), "correct": correct,
            "accuracy": correct / len(results) if results else 0.0,
            "wrong_numbers": sum(len(r.wrong_numbers) for r in results)}


def write_report(results: List[TurnResult], path: Path, server: str) -> None:
    """docs/evaluation.md: the figures of a run and every turn it got wrong."""
    import platform
    from datetime import datetime, timezone

    totals = summary(results)
    lines = [
        "# Evaluation",
        "",
        "`zwgk eval --report docs/evaluation.md` replays the held-out conversation set in",
        "`tests/conversations/` against a running assistant through the REST channel and writes this file.",
        "A turn is correct when the answer contains every expected stored figure (with a 来源 line), every",
        "expected derived figure and text, and nothing it must not say. A wrong number is any number in an",
        "answer (outside quotations and source lines) that is neither a stored value, a ratio of stored",
        "values, a legal figure of the fee standard or time limits, nor a number of the question.",
        "",
        f"Run of {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC against {server}, {platform.machine()}.",
        "",
        "| turns | correct | answer accuracy | wrong numbers |",
        "| --- | --- | --- | --- |",
        f"| {totals['turns']} | {totals['correct']} | {totals['accuracy']:.1%} | {totals['wrong_numbers']} |",
        "",
        "Turns answered wrong:",
        "",
    ]
    for result in (r for r in results if not r.correct):
        problems = "; ".join(result.problems + [f"wrong number {n}" for n in result.wrong_numbers])
        lines.append(f"- [{result.conversation}] {result.user} — {problems}")
    path.write_text("\n".join(lines) + "\n")
