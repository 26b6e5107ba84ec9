"""Replays the conversation set against a running assistant and scores its answers.

A conversation file (tests/conversations/*.yml) holds conversations; each turn names what a correct
answer contains: `facts` (catalogue keys whose stored value must appear, with a 来源 line),
`derived` (figures computed from stored facts), `says` (all of these substrings), `says_any`
(one of them). Every number an answer says is checked against the metric the answer names for it
(see `NumberCheck`): a number that is not that metric's value, nor computed from the metrics the
answer names, is a wrong number — a figure of another item is as wrong as an invented one.
"""
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import yaml

from actions.phrasing import SOURCE_PREFIX, metric_phrase, number, percent
from knowledge.laws import fee_parts, fee_quantities
from measure.docs import write_section

CONVERSATIONS = Path(__file__).resolve().parent.parent / "tests" / "conversations"
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_YEAR = re.compile(r"^(19|20)\d\d$")
_LIST_MARKER = re.compile(r"^\s*\d+[.、]\s*", re.M)
_ENUMERATOR = re.compile(r"(?<![\d.])\d{1,2}\.(?!\d)")  # 1.属于国家秘密 in a table row's label
_TITLE = re.compile(r"《[^》]*》")
_YEAR_MENTION = re.compile(r"((?:19|20)\d\d)年")
_NOT_FIGURE = re.compile(r"第[^条]{1,6}条|[A-Za-z]+\d+")
# Between a metric's name and a number that is its value: nothing but a qualifier, a year and 是/为
# (予以公开：7件, 办结政府信息公开申请数为25, 行政诉讼案件数（各项合计）：12件, …申请数：2022年23件). Any other
# words make the number a figure computed from the named metrics (…的比例约为28.0%, …= 37, 增加3).
_ATTACHED = re.compile(r"^\s*(?:（[^）]*）)?\s*[：:]?\s*(?:(?:19|20)\d\d年)?\s*(?:为|是|约为|约|共)?\s*$")


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

    @property
    def label(self) -> str:
        return self.conversation


def turn_lines(results: Iterable[TurnResult], verbose: bool = False) -> List[str]:
    """What `zwgk eval` and `zwgk eval-blind` print of the turns: each wrong one (each one, verbose) with
    its problems, and the answer of a wrong one."""
    lines = []
    for r in results:
        if verbose or not r.correct:
            lines.append(f"{'ok ' if r.correct else 'BAD'} [{r.label}] {r.user}")
            lines += [f"      {problem}" for problem in r.problems + [f"wrong number {n}" for n in r.wrong_numbers]]
            if not r.correct:
                lines.append("      answer: " + r.answer.replace("\n", "\n              "))
    return lines


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
    body = _NOT_FIGURE.sub("", body)
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
    expected = [derived_value(kb, report, s) for s in turn.get("derived", [])]
    result.wrong_numbers = NumberCheck(kb, report, question, expected).wrong(answer)
    return result


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str
    name: str


def checked_text(answer: str) -> str:
    """The part of an answer whose numbers are checked: no source lines, quotations, titles of laws,
    list markers, article numbers (第三十三条), names with digits (H5) or row enumerators (1.属于国家秘密)."""
    text = _LIST_MARKER.sub("", _TITLE.sub("", without_quotes(answer_body(answer))))
    return _ENUMERATOR.sub("", _NOT_FIGURE.sub("", text))


class NumberCheck:
    """What each number of an answer may be. A number right after a metric's name (“不予处理4件”,
    “不予处理：4件”) must be a value of that metric in the report of the body and year the answer names
    before it. A number further from the name (“…的比例约为28.0%”, “= 37”, “2021年20件，增加3”) may be
    a value of the metric named nearest before it in any of the body's years, a figure computed from
    the metrics named on its line (from all the answer names, when its line names fewer than two):
    their sum, the sum without one of them, a share of one in another or in the others' sum, a change
    from one year to the next; or a legal figure (fee standard, time limits) or one of the question's."""

    def __init__(self, kb, report, question: str, expected: Sequence[Optional[str]] = ()):
        self.kb, self.report = kb, report
        said_as = [(n, m.key) for m in kb.metrics() for n in {m.name, metric_phrase(m.name)} if n]
        self.names = sorted(said_as, key=lambda item: -len(item[0]))  # the words answers name metrics by
        self.free = legal_numbers(kb) | fee_numbers(kb, question) | set(_NUMBER.findall(question)) \
            | {e for e in expected if e}
        self.reports = kb.reports()
        self._facts = lru_cache(maxsize=None)(kb.facts)
        self._values = lru_cache(maxsize=None)(self.values)
        self._computed = lru_cache(maxsize=None)(self.computed)

    def wrong(self, answer: str) -> List[str]:
        text = checked_text(answer)
        mentions = self.mentions(text)
        wrong = []
        for match in _NUMBER.finditer(text):
            said, start = match.group(), match.start()
            if _YEAR.match(said) and text[match.end():match.end() + 1] in ("年", "-"):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = len(text) if text.find("\n", start) < 0 else text.find("\n", start)
            before = [m for m in mentions if line_start <= m.start and m.end <= start]
            on_line = [m for m in mentions if line_start <= m.start < line_end]
            if not self.allowed(text, said, start, before[-1] if before else None, on_line, mentions):
                wrong.append(f"{said} for {before[-1].name}" if before else said)
        return wrong

    def allowed(self, text: str, said: str, start: int, named: Optional[Mention], on_line: List[Mention],
                everywhere: List[Mention]) -> bool:
        report, years = self.reports_at(text[:start])
        if named and _ATTACHED.match(text[named.end:start]):
            return report is not None and said in self._values(named.key, report.id)
        if said in self.free or (named and any(said in self._values(named.key, r.id) for r in years)):
            return True
        operands = on_line if len({m.key for m in on_line}) >= 2 else everywhere
        return said in self._computed(tuple(dict.fromkeys(m.key for m in operands)), tuple(r.id for r in years))

    def mentions(self, text: str) -> List[Mention]:
        """Metric names in the text, longest first where they overlap, in order."""
        taken = [False] * len(text)
        found = []
        for name, key in self.names:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * len(name)
                    found.append(Mention(start, end, key, name))
                start = text.find(name, end)
        return sorted(found, key=lambda m: m.start)

    def reports_at(self, before: str) -> tuple:
        """The report of the body and year the text names last (the judged report's body and year where
        it names none; None for a year not stored), and all the reports of that body."""
        body = max({r.body for r in self.reports}, key=before.rfind, default=self.report.body)
        body = body if before.rfind(body) >= 0 else self.report.body
        years = _YEAR_MENTION.findall(before)
        year = int(years[-1]) if years else self.report.year
        own = [r for r in self.reports if r.body == body]
        return next((r for r in own if r.year == year), None), own

    def values(self, key: str, report_id: str) -> Set[str]:
        """A metric's values in a report: every stored figure of it or of the same quantity (its table
        cell, the prose metric of a cell), the figure the API adds up, and numbers of a text item."""
        metric = self.kb.metric(key)
        same = {key, metric.cell if metric else None} | {m.key for m in self.kb.metrics() if m.cell == key}
        facts = [f for f in self._facts(report_id) if f.metric_key in same] + [self.kb.fact(key, report_id)]
        values = {number(f.value) for f in facts if f is not None and f.value is not None}
        return values | {n for f in facts if f is not None and f.text for n in _NUMBER.findall(f.text)}

    def computed(self, keys: Tuple[str, ...], report_ids: Tuple[str, ...]) -> Set[str]:
        found: Set[str] = set()
        for report_id in report_ids:
            facts = [self.kb.fact(k, report_id) for k in keys]
            found |= computed_figures([f.value for f in facts if f is not None and f.value is not None])
        for key in keys:
            found |= changes(self.kb, key, [r for r in self.reports if r.id in report_ids])
        return found


def computed_figures(values: List[float]) -> Set[str]:
    """Sums and shares of the named figures: all of them, all but one, one in another or in the rest."""
    total = sum(values)
    found = {number(total)} | {number(total - v) for v in values}
    found |= {percent(a, b) for a, b in permutations(values, 2) if b}
    found |= {percent(v, total - v) for v in values if total - v}
    return found


def changes(kb, key: str, reports: List) -> Set[str]:
    """A metric's change from one year to the next, as a number and as a share of the earlier year."""
    found: Set[str] = set()
    for later in reports:
        earlier = next((r for r in reports if r.body == later.body and r.year == later.year - 1), None)
        now, before = (kb.fact(key, r.id) if r else None for r in (later, earlier))
        if now is None or before is None or now.value is None or before.value is None:
            continue
        delta = now.value - before.value
        found |= {number(delta), number(abs(delta))} | ({percent(abs(delta), before.value)} if before.value else set())
    return found


def legal_numbers(kb) -> Set[str]:
    """The figures of the fee standard and of the legal time limits."""
    fee_standard = kb.fee_standard()
    texts = [fee_standard.get("summary", ""), fee_standard.get("source", "")]
    texts += [t["quote"] + str(t["value"]) for t in kb.time_limits()]
    return {n for text in texts for n in _NUMBER.findall(text)}


def fee_numbers(kb, question: str) -> Set[str]:
    """The figures of the fee computed for the applications or pages the question counts (“12件”)."""
    standard, found = kb.fee_standard(), set()
    for kind, quantity in fee_quantities(question).items():
        parts = fee_parts(standard[kind]["tiers"], quantity) if kind in standard else []
        found |= {number(p[k]) for p in parts for k in ("from", "to", "count", "price", "amount")}
        found.add(number(sum(p["amount"] for p in parts)))
    return found


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


MARKERS = ("<!-- eval:start -->", "<!-- eval:end -->")
INTRO = """# Evaluation

`zwgk eval --report docs/evaluation.md` replays the held-out conversation set in
`tests/conversations/` against a running assistant through the REST channel and writes the block
between the markers below.
"""


def write_report(results: List[TurnResult], path: Path, server: str) -> None:
    """docs/evaluation.md's generated block: the figures of a run and every turn it got wrong."""
    import platform
    from datetime import datetime, timezone

    totals = summary(results)
    lines = [
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
    write_section(path, MARKERS, "\n".join(lines), INTRO)
