"""The parsing benchmark: the real reports of a corpus (tests/fixtures/real) are built into a temporary
knowledge base, and every table cell and every listed prose and key figure of their hand-checked ground
truth is compared with what was stored: right, wrong, or unknown (nothing stored).

A cell the source leaves blank is null in the ground truth; storing nothing for it is right. Figures
are compared in one unit when both sides are amounts of money (元, 万元). The ground truth's keys are
mapped to the catalogue's metric keys by the corpus's score_keys.yml."""
import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from measure.docs import write_section
from knowledge.parse.numerals import number_text
from knowledge.paths import REPO_ROOT
from knowledge.yamlfile import read_yaml

CORPUS_DIR = REPO_ROOT / "tests" / "fixtures" / "real"
DOC_PATH = REPO_ROOT / "docs" / "parsing.md"
MARKERS = ("<!-- parsing-score:start -->", "<!-- parsing-score:end -->")
MONEY = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
UNREAD_KINDS = ("ambiguous_split", "unreadable_row", "missing_row", "national_tables_absent", "missing_table")


@dataclass
class Item:
    report: str                 # file name
    kind: str                   # 表二 | 表三 | 表四 | 关键数字 | 正文数字
    label: str                  # what the ground truth calls it
    key: Optional[str]          # the metric key it is compared under
    expected: object
    stored: object = None
    outcome: str = "unknown"
    reason: str = ""


@dataclass
class Score:
    items: List[Item] = field(default_factory=list)

    def counts(self, report: Optional[str] = None, kinds=None) -> Counter:
        return Counter(i.outcome for i in self.items
                       if (report is None or i.report == report) and (kinds is None or i.kind in kinds))

    @property
    def reports(self) -> List[str]:
        return list(dict.fromkeys(i.report for i in self.items))

    def share_right(self, report: Optional[str] = None, kinds=None) -> float:
        counts = self.counts(report, kinds)
        total = sum(counts.values())
        return counts["right"] / total if total else 0.0


# ---------------------------------------------------------------- what was stored

@dataclass
class Stored:
    cells: Dict[str, object]            # table cell key → fact
    prose: Dict[str, object]            # metric key → its first prose fact
    unread: Dict[str, str]              # cell key → the issue kind that left it unread
    table_notes: List[str]              # report-wide notes such as national_tables_absent


def _stored(kb, report_id: str) -> Stored:
    cells, prose = {}, {}
    for fact in kb.facts(report_id):
        if fact.source_kind == "table":
            cells.setdefault(fact.metric_key, fact)
        elif fact.source_kind == "prose" and fact.value is not None:
            prose.setdefault(fact.metric_key, fact)
    unread, notes = {}, []
    for issue in kb.conflicts(report_id, include_notes=True):
        if issue.kind in UNREAD_KINDS:
            for key in issue.metrics:
                unread.setdefault(key, issue.kind)
            if not issue.metrics:
                notes.append(issue.kind)
    return Stored(cells, prose, unread, notes)


def _same(expected, expected_unit: Optional[str], fact) -> bool:
    value = fact.value
    if isinstance(expected, str) or value is None:
        return False
    if expected_unit in MONEY and fact.unit in MONEY:
        return abs(expected * MONEY[expected_unit] - value * MONEY[fact.unit]) < 1e-3
    return abs(expected - value) < 1e-6


def _judge(item: Item, fact, expected_unit: Optional[str] = None, unread: str = "") -> Item:
    if fact is None:
        item.outcome = "right" if item.expected is None else "unknown"
        item.reason = "空白单元格，未记录" if item.expected is None else (unread or "未读到")
        return item
    item.stored = f"{number_text(fact.value) if fact.value is not None else None}{fact.unit or ''}"
    item.outcome = "right" if item.expected is not None and _same(item.expected, expected_unit, fact) else "wrong"
    return item


# ---------------------------------------------------------------- the ground truth's figures

def _table2_items(name: str, truth: dict, keys: dict, stored: Stored) -> List[Item]:
    out = []
    for section in truth.values():
        columns = {c["key"]: c["label_zh"] for c in section["columns"]}
        for row_key, row in section["rows"].items():
            for column, label in columns.items():
                key = f"table2.{keys['rows'][row_key]}.{keys['columns'][column]}"
                unit = row.get(f"{column}_unit") or next((u for u in ("万元", "元") if u in label), None)
                item = Item(name, "表二", f"{section['label_zh']} {row['label_zh']} / {label}", key, row.get(column))
                out.append(_judge(item, stored.cells.get(key), unit, _unread(stored, key)))
    return out


def _table3_items(name: str, truth: dict, keys: dict, stored: Stored) -> List[Item]:
    out = []
    columns = {c["key"]: c["label_zh"] for c in truth["columns"]}
    for row in truth["rows"]:
        for column, label in columns.items():
            key = f"table3.{keys['rows'][row['key']]}.{keys['columns'][column]}"
            item = Item(name, "表三", f"{row['label_zh']} / {label}", key, row["values"][column])
            out.append(_judge(item, stored.cells.get(key), None, _unread(stored, key)))
    return out


def _table4_items(name: str, truth: dict, keys: dict, stored: Stored) -> List[Item]:
    out = []
    columns = {c["key"]: c["label_zh"] for c in truth["columns"]}
    for group_key, group in truth["groups"].items():
        for column, label in columns.items():
            key = f"table4.{keys['rows'][group_key]}.{keys['columns'][column]}"
            item = Item(name, "表四", f"{group['label_zh']} / {label}", key, group["values"][column])
            out.append(_judge(item, stored.cells.get(key), None, _unread(stored, key)))
    return out


def _unread(stored: Stored, key: str) -> str:
    return stored.unread.get(key) or next(iter(stored.table_notes), "")


@dataclass
class _Sum:
    value: object
    unit: Optional[str]


def _key_figure(catalogue, metric_key: str, stored: Stored):
    """(the table figure of a metric: its cell, or the sum of its cells, as stored; why it is missing)."""
    metric = catalogue.metric(metric_key)
    cells = [metric.cell] if metric.cell else list(metric.cells)
    unread = [stored.unread[c] for c in cells if c in stored.unread]
    if unread:
        return None, unread[0]
    facts = [stored.cells[c] for c in cells if c in stored.cells]
    if not facts:
        return None, next(iter(stored.table_notes), "")
    if len(cells) == 1:
        return facts[0], ""
    return _Sum(sum(f.value for f in facts), facts[0].unit), ""


def _key_items(name: str, truth: dict, keys: dict, stored: Stored, catalogue) -> List[Item]:
    out = []
    for label, expected in truth.items():
        metric_key = keys.get(label)
        item = Item(name, "关键数字", label, metric_key, expected)
        if not metric_key or not catalogue.metric(metric_key):
            item.reason = "指标目录中没有这个数字"
            out.append(item)
            continue
        fact, why = _key_figure(catalogue, metric_key, stored)
        out.append(_judge(item, fact, None, why))
    return out


def _prose_items(name: str, truth: List[dict], keys: dict, stored: Stored, catalogue) -> List[Item]:
    out = []
    for figure in truth:
        values = figure["value"] if isinstance(figure["value"], list) else [figure["value"]]
        mapped = keys.get(figure["figure"])
        metric_keys = mapped if isinstance(mapped, list) else [mapped] * len(values)
        for value, metric_key in zip(values, metric_keys):
            item = Item(name, "正文数字", figure["figure"], metric_key, value)
            if not metric_key or not catalogue.metric(metric_key):
                item.reason = "指标目录中没有这个数字"
                out.append(item)
                continue
            out.append(_judge(item, stored.prose.get(metric_key), None, "正文中未读到"))
    return out


# ---------------------------------------------------------------- running it

def score(corpus: Path = CORPUS_DIR) -> Score:
    """Builds the corpus's reports into a temporary knowledge base and scores what was stored."""
    from knowledge import KnowledgeBase
    from knowledge.catalogue import load
    from knowledge.store import build
    corpus = Path(corpus)
    truth = json.loads((corpus / "ground_truth.json").read_text(encoding="utf-8"))
    keys = read_yaml(corpus / "score_keys.yml")
    names = [n for n in truth if not n.startswith("_") and (corpus / n).is_file()]
    catalogue = load()
    result = Score()
    with tempfile.TemporaryDirectory(prefix="zwgk-score-") as tmp:
        reports = Path(tmp) / "reports"
        reports.mkdir()
        for name in names:
            shutil.copy(corpus / name, reports / name)
        build(Path(tmp) / "kb.db", reports, force=True)
        kb = KnowledgeBase.open(Path(tmp) / "kb.db")
        for name in sorted(names):
            result.items += _report_items(name, truth[name], keys, _stored(kb, Path(name).stem), catalogue)
    return result


def _report_items(name: str, truth: dict, keys: dict, stored: Stored, catalogue) -> List[Item]:
    items = []
    if "table2" in truth:
        items += _table2_items(name, truth["table2"], keys["table2"], stored)
    if "table3" in truth:
        items += _table3_items(name, truth["table3"], keys["table3"], stored)
    if "table4" in truth:
        items += _table4_items(name, truth["table4"], keys["table4"], stored)
    items += _key_items(name, truth.get("key_figures", {}), keys["key_figures"], stored, catalogue)
    items += _prose_items(name, truth.get("prose_figures", []), keys["prose_figures"].get(name, {}), stored, catalogue)
    return items


# ---------------------------------------------------------------- the report

KIND_GROUPS = (("表格单元格", ("表二", "表三", "表四")), ("关键数字", ("关键数字",)), ("正文数字", ("正文数字",)))


def _row(label: str, counts: Counter) -> str:
    total = sum(counts.values())
    share = f"{counts['right'] / total:.1%}" if total else "—"
    return f"| {label} | {counts['right']} | {counts['wrong']} | {counts['unknown']} | {total} | {share} |"


def summary_table(result: Score) -> str:
    lines = ["| 报告 | right | wrong | unknown | 合计 | right % |", "|---|---:|---:|---:|---:|---:|"]
    lines += [_row(r, result.counts(r)) for r in result.reports]
    lines.append(_row("**合计**", result.counts()))
    lines += ["", "| 类别 | right | wrong | unknown | 合计 | right % |", "|---|---:|---:|---:|---:|---:|"]
    lines += [_row(name, result.counts(kinds=kinds)) for name, kinds in KIND_GROUPS]
    return "\n".join(lines)


def _listed(items: List[Item]) -> List[str]:
    out = []
    for i in items:
        stored = f"，存 {i.stored}" if i.stored is not None else ""
        why = f"（{i.reason}）" if i.reason else ""
        out.append(f"- {i.report} {i.kind} {i.label}：应为 {i.expected}{stored}{why}")
    return out


def markdown(result: Score) -> str:
    """The generated part of docs/parsing.md."""
    wrong = [i for i in result.items if i.outcome == "wrong"]
    unknown = [i for i in result.items if i.outcome == "unknown"]
    lines = [summary_table(result), "", f"Wrong ({len(wrong)}):", ""]
    lines += _listed(wrong) or ["- none"]
    lines += ["", f"Unknown ({len(unknown)}):", ""]
    lines += _listed(unknown) or ["- none"]
    return "\n".join(lines)


def write_doc(result: Score, path: Path = DOC_PATH) -> Path:
    return write_section(path, MARKERS, markdown(result), "# Parsing benchmark\n")
