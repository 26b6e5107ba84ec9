"""The standard tables of parts 二、三、四, from HTML cells or from scraped plain text, as typed rows.

Rows are found by their labels in the order of the format; the numbers between one label and the next
belong to the first. Flattened digit runs are split with the column count and the sum rules; what
cannot be read without guessing is reported as an issue, as is every rule the table breaks."""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from knowledge.catalogue import Equation, RowSpec, TableFormat, TableSpec
from knowledge.parse.blocks import Block
from knowledge.parse.issues import Issue
from knowledge.parse.numerals import Number
from knowledge.parse.split import candidates, choose_combination, value
from knowledge.parse.text import normalise, squeeze_cjk_spaces

TOKEN = re.compile(r"(?<![\d.])-?\d+(?:\.\d+)?(?![\d.])(?!\s*[年月日号])|(?<!\S)[—/](?!\S)")
SHOWN_CANDIDATES = 12


@dataclass
class RowResult:
    row: RowSpec
    raw: str
    tokens: List[str]
    method: str                               # cells | blank | split | split_by_columns | ambiguous | unreadable
    values: Optional[List[Number]] = None
    candidates: List[List[Number]] = field(default_factory=list)


@dataclass
class Cell:
    key: str                                  # table3.granted.total
    row: str
    column: str
    value: Number
    unit: Optional[str]
    label: str                                # 表三 （一）予以公开 / 总计
    derived: bool = False


@dataclass
class TableResult:
    spec: TableSpec
    format: TableFormat
    origin: str                               # html | text
    rows: List[RowResult]
    cells: List[Cell]
    issues: List[Issue]


def prepare(text: str) -> str:
    return squeeze_cjk_spaces(normalise(text).replace("\n", " "))


def tokens_of(region: str) -> List[str]:
    return TOKEN.findall(region)


def table_sources(spec: TableSpec, parts: Dict[int, List[Block]], all_blocks: List[Block],
                  claimed: set) -> Tuple[Optional[str], str]:
    """(text of the table, origin): its HTML tables anywhere in the page, else the lines of its part."""
    html = [b for b in all_blocks if b.kind == "table" and id(b) not in claimed and spec.signature.search(prepare(b.text))]
    if html:
        claimed.update(id(b) for b in html)
        return "\n".join(b.text for b in html), "html"
    lines = [b.text for b in parts.get(spec.part, []) if b.kind == "line"]
    return ("\n".join(lines), "text") if lines else (None, "text")


def _locate(fmt: TableFormat, text: str) -> List[Tuple[RowSpec, int, int]]:
    """(row, label start, label end) of every row label found, in format order."""
    found, pos = [], 0
    for row in fmt.rows:
        if row.regex is None:
            continue
        m = row.regex.search(text, pos)
        if m:
            found.append((row, m.start(), m.end()))
            pos = m.end()
    return found


def _regions(fmt: TableFormat, text: str) -> Tuple[Dict[str, str], List[str]]:
    """({row key: text between its label and the next}, value rows whose label is missing)."""
    found = _locate(fmt, text)
    regions = {}
    for i, (row, _, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(text)
        regions[row.key] = text[end:stop]
    missing = [r.key for r in fmt.rows if r.values and r.key not in regions]
    return regions, missing


def _row_equations(fmt: TableFormat, keys: List[str]) -> List[Equation]:
    return [e for e in fmt.equations if all(c.split(".")[0] in keys for c in e.lhs + e.rhs)]


def _holds(equations: List[Equation], values: Dict[str, Number]) -> bool:
    for eq in equations:
        cells = eq.lhs + eq.rhs
        if all(c in values for c in cells):
            if abs(sum(values[c] for c in eq.lhs) - sum(values[c] for c in eq.rhs)) > 1e-6:
                return False
    return True


def _cell_values(rows: List[RowSpec], values: List[Number]) -> Dict[str, Number]:
    out, i = {}, 0
    for row in rows:
        for col in row.columns:
            out[f"{row.key}.{col}"] = values[i]
            i += 1
    return out


def read_row(fmt: TableFormat, rows: List[RowSpec], raw: str) -> RowResult:
    """One row (or, for table 四, the one flat data row covering several rows) from its text."""
    tokens = tokens_of(raw)
    width = sum(len(r.columns) for r in rows)
    equations = _row_equations(fmt, [r.key for r in rows])
    head = rows[0]
    if not tokens:
        return RowResult(head, raw, tokens, "blank", [0] * width)
    if len(tokens) > width:
        return RowResult(head, raw, tokens, "unreadable")
    found, _ = candidates(tokens, width, lambda v: _holds(equations, _cell_values(rows, v)))
    if len(tokens) == width:
        return RowResult(head, raw, tokens, "cells", found[0] if found else [value(t) for t in tokens])
    if len(found) == 1:
        return RowResult(head, raw, tokens, "split", found[0])
    return RowResult(head, raw, tokens, "ambiguous" if found else "unreadable", None, found)


def _with_derived(fmt: TableFormat, values: Dict[str, Number]) -> Dict[str, Number]:
    out = dict(values)
    for row in fmt.rows:
        if not row.sum_of:
            continue
        for col in row.columns:
            parts = [f"{k}.{col}" for k in row.sum_of]
            if all(p in out for p in parts):
                out[f"{row.key}.{col}"] = sum(out[p] for p in parts)
    return out


def _resolve_ambiguous(fmt: TableFormat, results: List[RowResult]) -> None:
    """Rows with several possible splits: keep the one combination under which every rule holds."""
    open_rows = [r for r in results if r.method == "ambiguous"]
    if not open_rows:
        return
    fixed = {}
    for r in results:
        if r.values is not None and r.method != "ambiguous":
            fixed.update(_cell_values([r.row], r.values))

    def accept(combination):
        values = dict(fixed)
        for r, v in zip(open_rows, combination):
            values.update(_cell_values([r.row], v))
        return _holds(fmt.equations, _with_derived(fmt, values))

    choice = choose_combination([r.candidates for r in open_rows], accept)
    if choice:
        for r, v in zip(open_rows, choice):
            r.values, r.method = v, "split_by_columns"


def _row_label(spec: TableSpec, fmt: TableFormat, row: RowSpec) -> str:
    parent = fmt.row(row.parent) if row.parent else None
    return f"{parent.label} {row.label}" if parent else row.label


def _cells(spec: TableSpec, fmt: TableFormat, values: Dict[str, Number], derived: set) -> List[Cell]:
    out = []
    for row in fmt.rows:
        for col in row.columns:
            key = f"{row.key}.{col}"
            if key not in values:
                continue
            column = spec.column(row.key, col)
            label = _row_label(spec, fmt, row) + ("（各项合计）" if row.key in derived else "")
            out.append(Cell(f"{spec.key}.{key}", row.key, col, values[key], column.get("unit"),
                            f"{spec.name} {label} / {column['name']}", row.key in derived))
    return out


def _rule_issues(spec: TableSpec, fmt: TableFormat, values: Dict[str, Number]) -> List[Issue]:
    issues = []
    for eq in fmt.equations:
        if not all(c in values for c in eq.lhs + eq.rhs):
            continue
        left, right = sum(values[c] for c in eq.lhs), sum(values[c] for c in eq.rhs)
        if abs(left - right) > 1e-6:
            issues.append(Issue(
                "sum_rule", "conflict", f"{spec.name}：{eq.name}",
                f"{spec.name}不符合“{eq.name}”：{_terms(fmt, eq.lhs, values)} = {_fmt(left)}，"
                f"而 {_terms(fmt, eq.rhs, values)} = {_fmt(right)}。两边的数字都保留，请以报告原文为准。",
                spec.part, [f"{spec.key}.{c}" for c in eq.lhs + eq.rhs],
                {"rule": eq.name, "lhs": {c: values[c] for c in eq.lhs}, "rhs": {c: values[c] for c in eq.rhs}}))
    return issues


def _terms(fmt: TableFormat, cells: List[str], values) -> str:
    names = []
    for c in cells:
        row = fmt.row(c.split(".")[0])
        names.append(f"{row.label if row else c}{_fmt(values[c])}")
    return " + ".join(names)


def _fmt(value: Number) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _row_issue(spec: TableSpec, result: RowResult) -> Optional[Issue]:
    label = result.row.label
    if result.method == "ambiguous":
        shown = ["|".join(_fmt(v) for v in c) for c in result.candidates[:SHOWN_CANDIDATES]]
        more = f"等{len(result.candidates)}种" if len(result.candidates) > SHOWN_CANDIDATES else ""
        return Issue("ambiguous_split", "unreadable", f"{spec.name} {label}",
                     f"{spec.name}“{label}”一行的数字“{' '.join(result.tokens)}”连在一起，按列数和合计规则有多种拆分"
                     f"（{'；'.join(shown)}{more}），无法确定，未采用任何一种。",
                     spec.part, [f"{spec.key}.{result.row.key}.{c}" for c in result.row.columns],
                     {"tokens": result.tokens, "candidates": result.candidates[:SHOWN_CANDIDATES * 4]})
    if result.method == "unreadable":
        return Issue("unreadable_row", "unreadable", f"{spec.name} {label}",
                     f"{spec.name}“{label}”一行的数字“{' '.join(result.tokens)}”与该行的列数"
                     f"或合计规则对不上，无法读取。", spec.part,
                     [f"{spec.key}.{result.row.key}.{c}" for c in result.row.columns], {"tokens": result.tokens})
    return None


def _flat_results(spec: TableSpec, fmt: TableFormat, text: str) -> List[RowResult]:
    matches = list(spec.header_end.finditer(text)) if spec.header_end else []
    raw = text[matches[-1].end():] if matches else text
    rows = [r for r in fmt.rows if r.values]
    whole = read_row(fmt, rows, raw)
    if whole.values is None:
        whole.row = rows[0]
        return [whole] + [RowResult(r, "", [], "covered") for r in rows[1:]]
    out, i = [], 0
    for r in rows:
        out.append(RowResult(r, raw, whole.tokens, whole.method, whole.values[i:i + len(r.columns)]))
        i += len(r.columns)
    return out


def parse_table(spec: TableSpec, text: str, origin: str) -> TableResult:
    prepared = prepare(text)
    fmt = spec.detect_format(prepared)
    if spec.flat:
        results = _flat_results(spec, fmt, prepared)
        missing = []
    else:
        regions, missing = _regions(fmt, prepared)
        results = [read_row(fmt, [r], regions[r.key]) for r in fmt.rows if r.values and r.key in regions]
        _resolve_ambiguous(fmt, results)
    values = {}
    for r in results:
        if r.values is not None and r.method != "covered":
            values.update(_cell_values([r.row], r.values))
    full = _with_derived(fmt, values)
    derived = {row.key for row in fmt.rows if row.sum_of}
    issues = [i for i in (_row_issue(spec, r) for r in results) if i]
    issues += [Issue("missing_row", "unreadable", f"{spec.name} {fmt.row(k).label}",
                     f"{spec.name}中没有找到“{fmt.row(k).label}”这一行。", spec.part,
                     [f"{spec.key}.{k}.{c}" for c in fmt.row(k).columns]) for k in missing]
    issues += _rule_issues(spec, fmt, full)
    return TableResult(spec, fmt, origin, results, _cells(spec, fmt, full, derived), issues)


def has_table(text: Optional[str], spec: TableSpec) -> bool:
    """Whether the text holds any of the table at all (a label or a number)."""
    if not text:
        return False
    prepared = prepare(text)
    fmt = spec.detect_format(prepared)
    return bool(tokens_of(prepared)) or bool(_locate(fmt, prepared))
