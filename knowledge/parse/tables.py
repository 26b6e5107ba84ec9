"""The standard tables of parts 二、三、四, from HTML cells or from scraped plain text, as typed rows.

Rows are found by their labels in the order of the format; the numbers between one label and the next
belong to the first. Flattened digit runs are split with the column count and the sum rules; what
cannot be read without guessing is reported as an issue, as is every rule the table breaks."""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge.catalogue import Equation, RowSpec, TableFormat, TableSpec
from knowledge.parse.blocks import Block
from knowledge.parse.issues import Issue
from knowledge.parse.numerals import Number, number_text
from knowledge.parse.split import BLANK, cell_candidates, choose_combination, unit_of, value
from knowledge.parse.text import normalise, squeeze_cjk_spaces

# A number (a minus sign right after another number starts a new, negative one: “2648-18538”), with the
# amount unit printed after it; or a mark for an empty (∅) or a nil (— /) cell.
TOKEN = re.compile(r"(?:(?<=\d)-|(?<![\d.\-])-?)\d+(?:\.\d+)?(?![\d.])(?!\s*[年月日号])(?:亿元|万元|元)?"
                   r"|(?<![\d.\-])\d+(?:\.\d+){2,}(?![\d.])(?:亿元|万元|元)?"    # amounts with decimals run together
                   rf"|(?<!\S)[—/{BLANK}](?!\S)")
_SPACE_IN_RUN = re.compile(r"(?<=\d)\s+(?=-?\d)")
SHOWN_CANDIDATES = 12
# A row of several readings settled outside the table: the issue kind that says how, and what was open.
SETTLED_ELSEWHERE = {"split_by_years": ("settled_by_other_years", "本报告内有多种拆分"),
                     "split_by_prose": ("settled_by_prose", "按列数和表中规则有多种拆分")}


@dataclass
class RowResult:
    row: RowSpec
    raw: str
    tokens: List[str]
    method: str                               # cells | blank | split | split_by_columns | split_by_years |
                                              # split_by_prose | ambiguous | unreadable
    values: Optional[List[Optional[Number]]] = None   # None for a cell left blank in the source
    candidates: List[List[Number]] = field(default_factory=list)
    units: List[Optional[str]] = field(default_factory=list)   # a unit printed with the cell (“元”)
    splits: List[Tuple[str, ...]] = field(default_factory=list)   # the candidates' cells as printed (units kept)
    complete: bool = True                     # every reading was enumerated (none cut off at the cap)
    settled: Dict[str, str] = field(default_factory=dict)   # column → cell as printed, certain in a row of several readings
    how: Dict[str, str] = field(default_factory=dict)       # column → how that cell was settled
    unit: Optional[str] = None                # the unit printed in the row's own column (统计表's 计量单位)


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
    inferred: Dict[str, Number] = field(default_factory=dict)   # a blank cell as the sum checks read it
    missing: List[str] = field(default_factory=list)            # value rows whose label was not found
    unknown: List[str] = field(default_factory=list)            # printed rows no row of the format names

    def reassemble(self) -> "TableResult":
        """The table again from its rows as they now read (after a row was settled elsewhere)."""
        return assemble(self.spec, self.format, self.origin, self.rows, self.missing, self.unknown)


def prepare(text: str) -> str:
    return squeeze_cjk_spaces(normalise(text).replace("\n", " "))


def tokens_of(region: str) -> List[str]:
    return TOKEN.findall(region)


def table_sources(spec: TableSpec, parts: Dict[int, List[Block]], all_blocks: List[Block],
                  claimed: set, specs: Optional[Dict[str, TableSpec]] = None) -> Tuple[Optional[str], str]:
    """(text of the table, origin): its HTML tables anywhere in the page, else the lines of its part;
    when the report lacks that part's heading, the table's own lines among those of the part before."""
    html = [b for b in all_blocks if b.kind == "table" and id(b) not in claimed and spec.signature.search(prepare(b.text))]
    if html:
        claimed.update(id(b) for b in html)
        return "\n".join(b.text for b in html), "html"
    if spec.part in parts:
        lines = [b.text for b in parts[spec.part] if b.kind == "line"]
    else:
        lines = _lines_without_heading(spec, parts, all_blocks, specs or {})
    return ("\n".join(lines), "text") if lines else (None, "text")


def _lines_without_heading(spec: TableSpec, parts: Dict[int, List[Block]], all_blocks: List[Block],
                           specs: Dict[str, TableSpec]) -> List[str]:
    """The table's lines, from the first with its words to the first with a later table's words, among
    the lines that are not prose of the part before (or of the whole text, when no part heading is there)."""
    from knowledge.parse.structure import is_prose
    before = [n for n in parts if n < spec.part]
    blocks = parts[max(before)] if before else all_blocks
    lines = [b.text for b in blocks if b.kind == "line" and not is_prose(b.text)]
    later = [s.signature for s in specs.values() if s.part > spec.part and not s.indicators]
    begin = next((i for i, l in enumerate(lines) if spec.signature.search(prepare(l))), None)
    if begin is None:
        return []
    end = next((i for i in range(begin + 1, len(lines)) if any(r.search(prepare(lines[i])) for r in later)), len(lines))
    return lines[begin:end]


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


def _holds(equations: List[Equation], values: Dict[str, Optional[Number]]) -> bool:
    """Every equation whose cells are all known and stated holds (a blank cell leaves it unchecked)."""
    for eq in equations:
        cells = eq.lhs + eq.rhs
        if all(c in values and values[c] is not None for c in cells):
            if not eq.holds(_sum(values, eq.lhs), _sum(values, eq.rhs)):
                return False
    return True


def _sum(values: Dict[str, Optional[Number]], cells: List[str]) -> Number:
    return sum(values[c] or 0 for c in cells)


def _cell_values(rows: List[RowSpec], values: List[Optional[Number]]) -> Dict[str, Optional[Number]]:
    out, i = {}, 0
    for row in rows:
        for col in row.columns:
            out[f"{row.key}.{col}"] = values[i]
            i += 1
    return out


def _splits(fmt: TableFormat, rows: List[RowSpec], tokens: List[str], width: int, signed):
    equations = _row_equations(fmt, [r.key for r in rows])
    columns = [c for r in rows for c in r.columns]

    def accept(values):
        if any(v is not None and v < 0 and c not in signed for v, c in zip(values, columns)):
            return False            # only a change (本年增/减) can be negative
        return _holds(equations, _cell_values(rows, values))

    return cell_candidates(tokens, width, accept)


def _joined(raw: str) -> List[str]:
    """The tokens when the spaces inside digit runs are not cell borders (“2 3 0 00” as one run)."""
    return tokens_of(_SPACE_IN_RUN.sub("", raw))


def _row_result(head: RowSpec, raw: str, tokens: List[str], method: str, split) -> RowResult:
    return RowResult(head, raw, tokens, method, [value(t) for t in split], [], [unit_of(t) for t in split])


def unanimous(splits: List[Tuple[str, ...]]) -> Dict[int, str]:
    """{cell index: cell as printed} of the cells every reading gives the same value."""
    if not splits:
        return {}
    return {i: splits[0][i] for i in range(len(splits[0])) if len({value(s[i]) for s in splits}) == 1}


def read_row(fmt: TableFormat, rows: List[RowSpec], raw: str, signed=()) -> RowResult:
    """One row (or, for table 四, the one flat data row covering several rows) from its text.

    As many numbers as cells: read as printed (a rule they break is reported later, not corrected).
    Fewer: digit runs are cut, keeping the cuts under which the row's rules hold; spaces count as cell
    borders, and only when no reading fits that way are the spaces between digits ignored."""
    tokens = tokens_of(raw)
    width = sum(len(r.columns) for r in rows)
    head = rows[0]
    if not tokens:
        return RowResult(head, raw, tokens, "blank", [None] * width, [], [None] * width)
    if len(tokens) == width and all(_single(t) for t in tokens):
        return _row_result(head, raw, tokens, "cells", tokens)
    found, capped = _splits(fmt, rows, tokens, width, signed) if len(tokens) < width else ([], False)
    if not found:
        joined = _joined(raw)
        if joined != tokens and len(joined) <= width:
            (found, capped), tokens = _splits(fmt, rows, joined, width, signed), joined
    if len(found) == 1:
        return _row_result(head, raw, tokens, "split", found[0])
    values = [[value(t) for t in split] for split in found]
    return RowResult(head, raw, tokens, "ambiguous" if found else "unreadable", None, values,
                     splits=found, complete=not capped)


def _single(token: str) -> bool:
    """A token that is one cell as printed (not a run with a leading zero such as “023”)."""
    digits = token.lstrip("-").split(".")[0]
    return not (len(digits) > 1 and digits.startswith("0"))


def _with_derived(fmt: TableFormat, values: Dict[str, Optional[Number]]) -> Dict[str, Optional[Number]]:
    """Group rows （三）（四）（五）（六） as the sum of their sub-rows, per column: blank sub-rows count as
    0, a column whose sub-rows are all blank stays blank; a sub-row that could not be read leaves the
    group unknown."""
    out = dict(values)
    for row in fmt.rows:
        if not row.sum_of:
            continue
        for col in row.columns:
            parts = [f"{k}.{col}" for k in row.sum_of]
            if all(p in out for p in parts):
                stated = [out[p] for p in parts if out[p] is not None]
                out[f"{row.key}.{col}"] = sum(stated) if stated else None
    return out


def _with_column_groups(spec: TableSpec, fmt: TableFormat, values: Dict[str, Optional[Number]]) -> Dict[str, Optional[Number]]:
    """A column group (法人或其他组织) of each row as the sum of its columns' stated cells; blank when all
    are blank, unknown when one could not be read."""
    out = dict(values)
    for row in fmt.rows:
        for group in spec.groups_of(row):
            parts = [f"{row.key}.{col}" for col in spec.column_groups[group]["of"]]
            if all(p in out for p in parts):
                stated = [out[p] for p in parts if out[p] is not None]
                out[f"{row.key}.{group}"] = sum(stated) if stated else None
    return out


def _for_checks(fmt: TableFormat, values: Dict[str, Optional[Number]]) -> Dict[str, Number]:
    """The values the rules are checked on: a blank total is its row's sum (when the row has numbers),
    every other blank cell is 0; group rows are then summed."""
    out = dict(values)
    changed = True
    while changed:
        changed = False
        for eq in fmt.equations:
            target = eq.lhs[0] if len(eq.lhs) == 1 and eq.op == "=" else None
            if target in out and out[target] is None and all(c in out for c in eq.rhs) \
                    and any(out[c] is not None for c in eq.rhs):
                out[target], changed = _sum(out, eq.rhs), True
    filled = {k: (0 if v is None else v) for k, v in out.items()}
    return _with_derived(fmt, filled)


def settle_rows(fmt: TableFormat, results: List[RowResult]) -> None:
    """Rows with several readings: the one combination the table's rules leave, else the cells every
    reading of a row agrees on."""
    _resolve_ambiguous(fmt, results)
    _settle_unanimous(results)


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
        return _holds(fmt.equations, _for_checks(fmt, values))

    choice = choose_combination([r.candidates for r in open_rows], accept)
    if choice:
        for r, v in zip(open_rows, choice):
            split = r.splits[r.candidates.index(v)]
            r.values, r.method, r.units = v, "split_by_columns", [unit_of(t) for t in split]


def _settle_unanimous(results: List[RowResult]) -> None:
    """A cell on which every reading of its row agrees is read, though the row stays open (行政处罚
    “2648-18538”: 上一年项目数量 is 2648 whichever way the rest is cut)."""
    for r in results:
        if r.method != "ambiguous" or not r.complete or len(r.splits[0]) != len(r.row.columns):
            continue
        for i, token in unanimous(r.splits).items():
            column = r.row.columns[i]
            if column not in r.settled:
                r.settled[column] = token
                r.how[column] = "各种拆分中此格都相同"


def _row_label(spec: TableSpec, fmt: TableFormat, row: RowSpec) -> str:
    parent = fmt.row(row.parent) if row.parent else None
    return f"{parent.label} {row.label}" if parent else row.label


def _cells(spec: TableSpec, fmt: TableFormat, values: Dict[str, Optional[Number]], derived: set,
           units: Dict[str, str], notes: Dict[str, str]) -> List[Cell]:
    """The stated cells: a blank cell is not stated and yields none. A cell settled in a row of several
    readings says how in its label."""
    out = []
    for row in fmt.rows:
        for col in row.columns + spec.groups_of(row):
            key = f"{row.key}.{col}"
            if values.get(key) is None:
                continue
            column = spec.column(row.key, col)
            summed = row.key in derived or col in spec.column_groups
            label = _row_label(spec, fmt, row) + ("（各项合计）" if row.key in derived else "")
            if col in spec.column_groups:
                column = {**column, "name": column["name"] + "（各项合计）"}
            note = f"（{notes[key]}）" if key in notes else ""
            out.append(Cell(f"{spec.key}.{key}", row.key, col, values[key], units.get(key) or row.unit or column.get("unit"),
                            f"{spec.name} {label} / {column['name']}{note}", summed))
    return out


def _rule_issues(spec: TableSpec, fmt: TableFormat, values: Dict[str, Optional[Number]]) -> List[Issue]:
    """A `sum_rule` conflict for every rule the table as printed breaks."""
    issues, checked = [], _for_checks(fmt, values)
    for eq in fmt.equations:
        if not all(c in checked for c in eq.lhs + eq.rhs):
            continue
        left, right = _sum(checked, eq.lhs), _sum(checked, eq.rhs)
        if not eq.holds(left, right):
            issues.append(Issue(
                "sum_rule", "conflict", f"{spec.name}：{eq.name}",
                f"{spec.name}不符合“{eq.name}”：{_side(fmt, eq.lhs, checked, values, left)}，"
                f"而 {_side(fmt, eq.rhs, checked, values, right)}。表中印的数字照原样保留，请以报告原文为准。",
                spec.part, [f"{spec.key}.{c}" for c in eq.lhs + eq.rhs],
                {"rule": eq.name, "lhs": {c: checked[c] for c in eq.lhs}, "rhs": {c: checked[c] for c in eq.rhs}}))
    return issues


def _side(fmt: TableFormat, cells: List[str], checked, printed, total) -> str:
    if not cells:
        return "0"
    terms = _terms(fmt, cells, checked, printed)
    return terms if len(cells) == 1 else f"{terms} = {number_text(total)}"


def _terms(fmt: TableFormat, cells: List[str], checked, printed) -> str:
    names = []
    for c in cells:
        row = fmt.row(c.split(".")[0])
        name = row.label if row else c
        blank = c in printed and printed[c] is None
        names.append(f"{name}空白（按{number_text(checked[c])}计）" if blank else f"{name}{number_text(checked[c])}")
    return " + ".join(names)


def _blank_issue(spec: TableSpec, values: Dict[str, Optional[Number]]) -> Optional[Issue]:
    blank = [k for k, v in values.items() if v is None]
    if not blank:
        return None
    return Issue("blank_cells", "note", f"{spec.name} 空白单元格",
                 f"{spec.name}有{len(blank)}个单元格是空白的，视为报告未填写，不按0记录（核对合计时按0计）。",
                 spec.part, [f"{spec.key}.{k}" for k in blank])


def _row_issue(spec: TableSpec, result: RowResult) -> Optional[Issue]:
    label, row = result.row.label, result.row
    keys = lambda columns: [f"{spec.key}.{row.key}.{c}" for c in columns]  # noqa: E731
    digits = " ".join(result.tokens)
    if result.method == "ambiguous":
        shown = ["|".join(number_text(v) for v in c) for c in result.candidates[:SHOWN_CANDIDATES]]
        more = f"等{len(result.candidates)}种" if len(result.candidates) > SHOWN_CANDIDATES else ""
        known = "；".join(f"{spec.column(row.key, c)['name']}{number_text(value(t))}（{result.how.get(c, '')}）"
                         for c, t in result.settled.items())
        return Issue("ambiguous_split", "unreadable", f"{spec.name} {label}",
                     f"{spec.name}“{label}”一行的数字“{digits}”连在一起，按列数和表中规则有多种拆分"
                     f"（{'；'.join(shown)}{more}），无法确定"
                     + (f"，只采用了读得准的单元格：{known}。" if known else "，未采用任何一种。"),
                     spec.part, keys([c for c in row.columns if c not in result.settled]),
                     {"tokens": result.tokens, "candidates": result.candidates[:SHOWN_CANDIDATES * 4],
                      "settled": {c: value(t) for c, t in result.settled.items()}})
    if result.method in SETTLED_ELSEWHERE:
        kind, lead = SETTLED_ELSEWHERE[result.method]
        how = next(iter(result.how.values()), "")
        return Issue(kind, "note", f"{spec.name} {label}",
                     f"{spec.name}“{label}”一行的数字“{digits}”连在一起，{lead}；{how}："
                     f"{'|'.join(number_text(v) for v in result.values)}，已采用。",
                     spec.part, keys(row.columns), {"tokens": result.tokens, "cells": result.values})
    if result.method == "unreadable":
        return Issue("unreadable_row", "unreadable", f"{spec.name} {label}",
                     f"{spec.name}“{label}”一行的数字“{digits}”与该行的列数"
                     f"或合计规则对不上，无法读取。", spec.part, keys(row.columns), {"tokens": result.tokens})
    return None


def _flat_results(spec: TableSpec, fmt: TableFormat, text: str) -> List[RowResult]:
    matches = list(spec.header_end.finditer(text)) if spec.header_end else []
    raw = text[matches[-1].end():] if matches else text
    rows = [r for r in fmt.rows if r.values]
    whole = read_row(fmt, rows, raw, _signed(spec))
    if whole.values is None:
        whole.row = rows[0]
        return [whole] + [RowResult(r, "", [], "covered") for r in rows[1:]]
    out, i = [], 0
    for r in rows:
        n = len(r.columns)
        out.append(RowResult(r, raw, whole.tokens, whole.method, whole.values[i:i + n], [],
                             whole.units[i:i + n]))
        i += n
    return out


def _signed(spec: TableSpec) -> set:
    """The columns whose cells may be negative (`signed: true` in tables.yml)."""
    return {key for key, column in spec.columns.items() if column.get("signed")}


def parse_table(spec: TableSpec, text: str, origin: str) -> TableResult:
    prepared = prepare(text)
    fmt = spec.detect_format(prepared)
    if spec.flat:
        results = _flat_results(spec, fmt, prepared)
        missing = []
    else:
        regions, missing = _regions(fmt, prepared)
        results = [read_row(fmt, [r], regions[r.key], _signed(spec)) for r in fmt.rows if r.values and r.key in regions]
        settle_rows(fmt, results)
    return assemble(spec, fmt, origin, results, missing)


def assemble(spec: TableSpec, fmt: TableFormat, origin: str, results: List[RowResult],
             missing: List[str], unknown: Sequence[str] = ()) -> TableResult:
    """The table's cells, issues and inferred blanks from its rows as read (again after a row has been
    settled by other years' reports or by the report's prose)."""
    values, units, notes = {}, {}, {}
    for r in results:
        if r.values is not None and r.method != "covered":
            values.update(_cell_values([r.row], r.values))
            units.update({k: u for k, u in _cell_values([r.row], r.units or [None] * len(r.values)).items() if u})
        units.update({f"{r.row.key}.{c}": r.unit for c in r.row.columns if r.unit})
        for column, token in r.settled.items():
            key = f"{r.row.key}.{column}"
            values.setdefault(key, value(token))
            if unit_of(token):
                units.setdefault(key, unit_of(token))
        notes.update({f"{r.row.key}.{column}": f"原文数字“{' '.join(r.tokens)}”连排，{how}" for column, how in r.how.items()})
    full = _with_column_groups(spec, fmt, _with_derived(fmt, values))
    derived = {row.key for row in fmt.rows if row.sum_of}
    issues = [i for i in (_row_issue(spec, r) for r in results) if i]
    issues += [Issue("missing_row", "unreadable", f"{spec.name} {fmt.row(k).label}",
                     f"{spec.name}中没有找到“{fmt.row(k).label}”这一行。", spec.part,
                     [f"{spec.key}.{k}.{c}" for c in fmt.row(k).columns]) for k in missing]
    issues += [Issue("unknown_row", "note", f"{spec.name} {label}",
                     f"{spec.title}中有一行“{label}”没有读取：指标目录中没有这一行，或它与前面的一行重复。", spec.part)
               for label in unknown]
    issues += _rule_issues(spec, fmt, values)
    issues += [i for i in [_blank_issue(spec, values)] if i]
    inferred = {f"{spec.key}.{k}": v for k, v in _for_checks(fmt, values).items() if full.get(k) is None}
    return TableResult(spec, fmt, origin, results, _cells(spec, fmt, full, derived, units, notes), issues,
                       inferred, missing, list(unknown))


MIN_ROWS_OF_A_REPORT = 5


def holds_tables(specs: Dict[str, TableSpec], blocks: List[Block]) -> bool:
    """Whether a text without the report's part headings still holds the national tables: an HTML table
    that is one of them, or lines with the labels of several of their rows."""
    from knowledge.parse.structure import is_prose
    if any(b.kind == "table" and any(s.signature.search(prepare(b.text)) for s in specs.values()) for b in blocks):
        return True
    text = prepare("\n".join(b.text for b in blocks if b.kind == "line" and not is_prose(b.text)))
    found = sum(len([r for r, _, _ in _locate(spec.detect_format(text), text) if r.values]) for spec in specs.values()
                if not spec.flat and not spec.indicators)
    return found >= MIN_ROWS_OF_A_REPORT


def has_table(text: Optional[str], spec: TableSpec) -> bool:
    """Whether the text holds any of the table at all (a label or a number)."""
    if not text:
        return False
    prepared = prepare(text)
    fmt = spec.detect_format(prepared)
    return bool(tokens_of(prepared)) or bool(_locate(fmt, prepared))


def national_tables_absent(year: int) -> Issue:
    return Issue("national_tables_absent", "note", "没有全国统一格式的表格",
                 f"这是{year}年度的报告，早于2019年起施行的全国统一格式，没有表二、表三、表四：统计数字在旧的"
                 f"“政府信息公开情况统计表”（指标名称、计量单位、本年度、历年累计）中，按该表自己的行收录。",
                 0, [], {"year": year})
