"""Scores the assistant on blind question sets (tests/blind/): questions written from the report texts
and the laws alone, by a writer who had not seen the assistant's data, code or failures.

A blind turn names what a right answer holds, in the report's own terms rather than the catalogue's:
`numbers` every figure a right answer states (kind figure/derived), `says_any` phrases one of which
it contains (passage, procedure, not_in_report). Scoring is strict: a figure answer that lacks the
figure asked for but states another number is a wrong number — a confident answer about something
else — and so is a number in an answer that should have said the report does not give it.

The assistant is run on a knowledge base of the seed and the real reports of tests/fixtures/real
that the set asks about."""
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List

import yaml

from knowledge.parse.numerals import ARABIC_NUMBER
from measure.docs import write_section
from measure.evaluation import TurnResult, answer_body, numbers_said

ROOT = Path(__file__).resolve().parent.parent
REAL_REPORTS = ROOT / "tests" / "fixtures" / "real"
FIGURE_KINDS = ("figure", "derived")
# The assistant's own words for a report it does not hold ("知识库里没有平潭综合实验区2022年的年度报告"):
# as good an answer to a question the report does not cover as the writer's "没有提到".
NOT_STORED = re.compile(r"知识库里没有.{0,40}?年度报告")
_NUMBER = re.compile(ARABIC_NUMBER)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


@dataclass
class BlindResult(TurnResult):
    report: str = ""
    kind: str = "figure"

    @property
    def label(self) -> str:
        return f"{self.report}/{self.kind}"


def load(path: Path) -> List[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["conversations"]


def _values(text: str) -> List[float]:
    return [float(n.replace(",", "")) for n in _NUMBER.findall(text)]


def states(body: str, expected: str) -> bool:
    """Whether the answer states the number: equal as a number (28 = 28.0), a rounded decimal or
    percentage within its last printed digit."""
    try:
        want = float(expected.replace(",", "").rstrip("%"))
    except ValueError:  # a telephone number, a date: said as written
        return expected in body
    places = len(expected.split(".")[1].rstrip("%")) if "." in expected else 0
    tolerance = 0.5 * 10 ** -places if places else 0.051
    if any(abs(v - want) <= tolerance for v in _values(body)):
        return True
    # A share the writer gave in whole percent ("96") is stated by 96.2%.
    return not places and any(abs(float(v) - want) < 0.5 for v in _PERCENT.findall(body))


def judge(turn: dict, answer: str) -> List[List[str]]:
    """(problems, wrong numbers) of one answer."""
    kind, problems, wrong = turn.get("kind", "figure"), [], []
    body = answer_body(answer)
    asked = set(_NUMBER.findall(turn["user"]))
    said = [n for n in numbers_said(answer) if n not in asked]
    if kind in FIGURE_KINDS:
        missing = [n for n in turn.get("numbers") or [] if not states(body, str(n))]
        problems += [f"missing {n}" for n in missing]
        if missing:
            wrong = said
        elif "来源" not in answer:
            problems.append("no source line")
    phrases = [str(p) for p in turn.get("says_any") or []]
    not_stored = kind == "not_in_report" and NOT_STORED.search(answer)
    if kind not in FIGURE_KINDS and phrases and not not_stored and not any(p in answer for p in phrases):
        problems.append(f"none of {phrases}")
        if kind == "not_in_report":
            wrong = said
    return [problems, wrong]


def run(ask: Callable[[str, str], str], conversations: Iterable[dict]) -> List[BlindResult]:
    results = []
    for conversation in conversations:
        sender = f"blind-{uuid.uuid4().hex[:10]}"
        for turn in conversation["turns"]:
            answer = ask(sender, turn["user"])
            problems, wrong = judge(turn, answer)
            results.append(BlindResult(conversation.get("name", ""), turn["user"], answer, problems, wrong,
                                       conversation.get("report", ""), turn.get("kind", "figure")))
    return results


def breakdown(results: List[BlindResult], by: str) -> Dict[str, Dict[str, float]]:
    groups: Dict[str, List[BlindResult]] = {}
    for r in results:
        groups.setdefault(getattr(r, by), []).append(r)
    groups["all"] = list(results)
    return {name: {"turns": len(rs), "correct": sum(r.correct for r in rs),
                   "accuracy": sum(r.correct for r in rs) / len(rs),
                   "wrong_numbers": sum(bool(r.wrong_numbers) for r in rs)}
            for name, rs in groups.items()}


def knowledge_reports(target: Path, own_reports: Path, conversations: List[dict]) -> Path:
    """A reports folder with the deployment's own reports and the real reports the set asks about —
    only those, as the writer knew no others (a question about 平潭2020 expects "not stored")."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(own_reports, target)
    wanted = {c.get("report") for c in conversations}
    for path in sorted(REAL_REPORTS.iterdir()):
        if path.stem in wanted and path.suffix in (".txt", ".html"):
            shutil.copy(path, target / path.name)
    return target


def write_report(results: List[BlindResult], set_path: Path, path: Path, machine: str) -> None:
    """The set's section of the report (between its markers; the prose around it is kept)."""
    from datetime import datetime, timezone

    lines = [f"### {set_path.name} — run of {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine}", "",
             "| subset | turns | correct | accuracy | turns with a wrong number |", "| --- | --- | --- | --- | --- |"]
    for by in ("report", "kind"):
        for name, t in breakdown(results, by).items():
            if by == "kind" and name == "all":
                continue
            lines.append(f"| {name} | {t['turns']} | {t['correct']} | {t['accuracy']:.1%} | {t['wrong_numbers']} |")
    lines += ["", "<details><summary>Turns answered wrong</summary>", ""]
    for r in (r for r in results if not r.correct):
        problems = "; ".join(r.problems + [f"wrong number {n}" for n in r.wrong_numbers])
        lines.append(f"- [{r.report} / {r.kind}] {r.user} — {problems}")
    lines += ["", "</details>"]
    markers = (f"<!-- {set_path.stem}: generated by zwgk eval-blind -->", f"<!-- end {set_path.stem} -->")
    write_section(path, markers, "\n".join(lines), "# Blind evaluation\n")


def score_set(question_set: Path, only: Iterable[str], model: Path) -> List[BlindResult]:
    """`zwgk eval-blind`: the set's reports built into a knowledge base of their own, fresh servers on
    free ports in .build/eval-blind/<set>-<only>/, every conversation of the set (or of `only`) scored."""
    from bot import paths, serve
    from bot.chat import ask
    from knowledge.paths import REPORTS_DIR
    from knowledge.store import build

    only = list(only)
    workdir = paths.BUILD / "eval-blind" / f"{question_set.stem}-{'-'.join(only) or 'all'}"
    conversations = [c for c in load(question_set) if not only or c.get("report") in only]
    db = workdir / "knowledge.db"
    build(db, knowledge_reports(workdir / "reports", REPORTS_DIR, conversations), force=True)
    with serve.Servers(model=model, workdir=workdir, rasa_port=serve.free_port(), action_port=serve.free_port(),
                       tracker_db=workdir / "tracker.db", env={"ZWGK_KB": str(db)}, log_to_files=True) as servers:
        return run(lambda sender, text: "\n".join(m.get("text", "") for m in ask(servers.rasa_url, sender, text)),
                   conversations)
