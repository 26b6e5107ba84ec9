"""The old 统计表 of reports before 2019 (政府信息公开情况统计表: 指标名称 | 计量单位 | 本年度 | 历年累计):
where it is in a report, and its printed rows — the row of tables.yml each label names, the unit
printed with it and the text of its numbers — read with the table machinery of tables.py.

Its rows differ a little between bodies and years, so a row is known by its whole label (after
“其中：” and its number 1、/1. are taken off) and by the row it is printed under, never by its place;
a label the catalogue does not have is listed, not read. In scraped text a sub-row's number runs into
the numbers before it (“政府网站公开数条3460853762、政府公报公开数”): it is the number after the
sub-row before it (1 after a row without one), and is cut off the end of those numbers; when they do
not end with it, that row cannot be read."""
import re
from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from knowledge.catalogue import RowSpec, TableFormat, TableSpec
from knowledge.parse.blocks import Block
from knowledge.parse.tables import RowResult, TableResult, assemble, prepare, read_row, settle_rows
from knowledge.parse.text import normalise

UNITS = "亿元|万元|人次|条|件|元|个|次|项|份|篇"
LABEL_SPAN = 60                # no row label is longer: the search for one stops there
HEADER = re.compile(r"指标名称\s*计量单位.{0,24}?历年累计")
# A label (no digits but a sub-row number “1、”), the unit, the numbers (a glued run, or cells apart).
_ROW = re.compile(rf"(?P<label>(?:[^\d∅]|\d{{1,2}}\s*[、.．](?=\s*[^\d\s])){{1,{LABEL_SPAN}}}?)\s*(?P<unit>{UNITS})?\s*"
                  r"(?P<values>(?:(?:\d+(?:\.\d+)*|∅)\s*)+)")
_SUB = re.compile(r"^\s*(?:其中\s*[：:]?\s*)?(?:(?P<number>\d{1,2})\s*[、.．]|[（(]\s*(?P<paren>\d{1,2})\s*[)）])")
_GLUED = re.compile(r"^\s*[、.．]")
_LEAD = re.compile(r"^\s*(?:其中\s*[：:]?)?\s*(?:[、.．]|\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[)）]|"
                   r"[一二三四五六七八九十]+\s*、|（[一二三四五六七八九十]+）)?\s*")
_UNIT_IN_LABEL = re.compile(rf"[（(]\s*(?:单位\s*[：:])?\s*(?P<unit>{UNITS})\s*[)）]\s*$")
LABEL_MAX = 30                 # a longer “label”, or one with sentence punctuation, is text after the table


@dataclass
class Printed:
    """One printed row: its label as printed and cleaned, whether it is a sub-row, its number."""
    label: str
    clean: str
    unit: Optional[str]
    values: str
    sub: bool
    number: Optional[int]
    readable: bool = True      # False: the next sub-row's number could not be cut off its numbers
    row: Optional[RowSpec] = None      # the row of the format it is
    under: Optional[str] = None        # the row it is printed under, for a sub-row


def old_table_source(spec: TableSpec, parts, headings, blocks: List[Block]) -> Optional[Tuple[str, str, int]]:
    """(text, origin, part) of the 统计表: its HTML/Word/PDF/Markdown table, else the lines of the part
    whose title names it, else the lines from its header on; None when the report has none."""
    tables = [b for b in blocks if b.kind == "table" and spec.signature.search(prepare(b.text))]
    titled = [n for n, heading in headings.items() if spec.heading.search(normalise(heading))]
    if tables:
        part = next((n for n, held in parts.items() if any(b is tables[0] for b in held)), None)
        return "\n".join(b.text for b in tables), "html", part or (titled[-1] if titled else spec.part)
    if titled:
        lines = [b.text for b in parts[titled[-1]] if b.kind == "line"]
        return ("\n".join(lines), "text", titled[-1]) if lines else None
    for number, held in sorted(parts.items()):
        lines = [b.text for b in held if b.kind == "line"]
        start = next((i for i, line in enumerate(lines) if spec.signature.search(prepare(line))), None)
        if start is not None:
            return "\n".join(lines[start:]), "text", number
    return None


def printed_rows(fmt: TableFormat, text: str) -> List[Printed]:
    """The rows after the header, each with the row of the format its label names (None: no row)."""
    header = HEADER.search(text)
    rows = _with_numbers_in_labels([_printed(m.group("label"), m.group("unit"), m.group("values"))
                                    for m in _ROW.finditer(text, header.end() if header else 0)])
    _cut_sub_row_numbers(rows)
    parent = None
    for row in rows:
        row.under = parent if row.sub else None
        row.row = _named(fmt, row)
        if not row.sub:
            parent = row.row.key if row.row else None
    return rows


def _printed(label: str, unit: Optional[str], values: str) -> Printed:
    label = label.strip()
    sub = _SUB.match(label)
    clean = re.sub(r"\s+", "", _LEAD.sub("", label, count=1))
    inner = _UNIT_IN_LABEL.search(clean)
    if inner:
        clean, unit = clean[:inner.start()], unit or inner.group("unit")
    number = int(sub.group("number") or sub.group("paren")) if sub else None
    is_sub = bool(sub) or label.startswith("其中") or bool(_GLUED.match(label))
    return Printed(label, clean, unit, values.strip(), is_sub, number)


def _with_numbers_in_labels(rows: List[Printed]) -> List[Printed]:
    """“其中：1、政府网站公开数” reads at first as a row “其中：” with the number 1: that number is the
    next row's own; a “row” with no label at all is dropped."""
    out: List[Printed] = []
    for i, row in enumerate(rows):
        if row.clean:
            out.append(row)
            continue
        after = rows[i + 1] if i + 1 < len(rows) else None
        if after is not None and _GLUED.match(after.label) and re.fullmatch(r"\d{1,2}", row.values):
            rows[i + 1] = _printed(row.label + row.values + after.label, after.unit, after.values)
    return out


def _cut_sub_row_numbers(rows: List[Printed]) -> None:
    """A sub-row whose number ran into the numbers before it: the number after the sub-row before
    (1 when that row has none) is cut off the end of those numbers."""
    for before, row in zip(rows, rows[1:]):
        if not _GLUED.match(row.label):
            continue
        row.number = (before.number or 0) + 1
        number = str(row.number)
        tokens = before.values.split()
        if len(tokens) > 1 and tokens[-1] == number:
            before.values = " ".join(tokens[:-1])
        elif tokens and tokens[-1].endswith(number) and len(tokens[-1]) > len(number):
            before.values = " ".join(tokens[:-1] + [tokens[-1][:-len(number)]])
        else:
            before.readable = False


def _named(fmt: TableFormat, row: Printed) -> Optional[RowSpec]:
    """The row of the format the whole label names; of several, the one under the row it is printed
    under (a sub-row) or the one under none."""
    found = [r for r in fmt.rows if r.regex is not None and r.regex.fullmatch(row.clean)]
    if len(found) > 1:
        found = [r for r in found if r.parent == row.under] or found
    return found[0] if len(found) == 1 else None


def _looks_like_a_row(row: Printed) -> bool:
    return bool(row.unit) and len(row.clean) <= LABEL_MAX and not re.search(r"[。，；！？]", row.clean)


def parse_old_table(spec: TableSpec, text: str, origin: str) -> TableResult:
    """The 统计表 as read: each row named, its numbers split under the rules that apply to the rows the
    table prints (a sum over sub-rows only when it prints every one of them)."""
    prepared = prepare(text)
    fmt = spec.detect_format(prepared)
    named, seen, unknown, incomplete = [], set(), [], set()
    for row in printed_rows(fmt, prepared):
        if row.row is None or row.row.key in seen:          # a row the catalogue lacks, or printed twice
            unknown += [row.label] if _looks_like_a_row(row) else []
            incomplete.update([row.under] if row.under else [])
            continue
        seen.add(row.row.key)
        named.append(row)
    fmt = fmt.for_rows(seen, incomplete)
    results = [_result(fmt, row) for row in named]
    settle_rows(fmt, results)
    return assemble(spec, fmt, origin, results, [], unknown)


def _result(fmt: TableFormat, row: Printed) -> RowResult:
    if row.readable:
        result = read_row(fmt, [row.row], row.values)
    else:
        result = RowResult(row.row, row.values, row.values.split(), "unreadable")
    return replace(result, unit=row.unit)


def set_part(spec: TableSpec, part: int) -> TableSpec:
    """The table's spec with the part number it has in this report (六、 or 七、)."""
    return replace(spec, part=part) if part != spec.part else spec
