"""A body's reports of consecutive years read together: a flattened row with several readings in one
report is settled by the same row in the reports of the years next to it, under the catalogue's
`year_rules` (表二: this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减).

Never a guess: the readings of every year of a run of consecutive reports are combined, the
combinations that break the rule are dropped, and a cell is taken only when every combination left
gives it the same value. A body whose rows break the rule under every reading (it counts its items
some other way) is not settled by that rule at all. The cell's source says how it was settled."""
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge.catalogue import Catalogue, TableSpec, YearRule
from knowledge.parse.report import ParsedReport, finish
from knowledge.parse.split import value
from knowledge.parse.tables import RowResult, TableResult

MAX_COMBINATIONS = 100_000
READ = ("cells", "split", "split_by_columns", "split_by_years")


@dataclass
class Link:
    """One year's row: its readings (one when it was read as printed), each as its cells as printed."""
    report: ParsedReport
    table: TableResult
    row: RowResult
    readings: List[Tuple[str, ...]]

    @property
    def year(self) -> int:
        return self.report.meta.year

    def cell(self, reading: int, column: str):
        return value(self.readings[reading][self.row.row.columns.index(column)])


def settle_across_years(reports: Sequence[ParsedReport], catalogue: Catalogue) -> List[ParsedReport]:
    """Settles what the year rules settle, in place; returns the reports that changed (their facts and
    issues recomputed)."""
    by_body: Dict[str, List[ParsedReport]] = defaultdict(list)
    for report in reports:
        if report.meta.body and report.meta.year:
            by_body[report.meta.body].append(report)
    changed = {}
    for group in by_body.values():
        group.sort(key=lambda r: r.meta.year)
        for spec in catalogue.tables.values():
            for rule in spec.year_rules:
                for report in _settle_rule(group, spec, rule):
                    changed[report.id] = report
    for report in changed.values():
        report.tables = [t.reassemble() for t in report.tables]
        finish(report, catalogue)
    return list(changed.values())


def _settle_rule(group: List[ParsedReport], spec: TableSpec, rule: YearRule) -> List[ParsedReport]:
    """The reports of one body whose rows the rule settles; none when a run of years breaks it under
    every reading."""
    settled = []
    for chain in _chains(group, spec, rule):
        combinations = _kept(chain, rule)
        if combinations == []:
            return []
        if combinations and any(link.row.method == "ambiguous" for link in chain):
            settled += _settle_chain(chain, combinations, rule)
    for link, cells, how in settled:
        link.row.settled.update(cells)
        link.row.how.update({c: how for c in cells})
        _close(link.row)
    return [link.report for link, _, _ in settled]


def _chains(group: List[ParsedReport], spec: TableSpec, rule: YearRule) -> List[List[Link]]:
    """Per row of the table: the runs of consecutive years whose row has the rule's columns and readings."""
    rows: Dict[str, Dict[int, Link]] = defaultdict(dict)
    columns = [rule.this_year] + rule.last_year
    for report in group:
        table = next((t for t in report.tables if t.spec.key == spec.key), None)
        for row in table.rows if table else []:
            readings = _readings(row)
            if readings and all(c in row.row.columns for c in columns):
                rows[row.row.key][report.meta.year] = Link(report, table, row, readings)
    chains = []
    for links in rows.values():
        run: List[Link] = []
        for year in sorted(links):
            if run and year != run[-1].year + 1:
                chains.append(run)
                run = []
            run.append(links[year])
        chains.append(run)
    return [c for c in chains if len(c) > 1]


def _readings(row: RowResult) -> Optional[List[Tuple[str, ...]]]:
    if row.method == "ambiguous":
        return list(row.splits) if row.complete and row.splits and len(row.splits[0]) == len(row.row.columns) else None
    if row.method in READ and row.values is not None and None not in row.values:
        return [tuple(str(v) for v in row.values)]
    return None


def _kept(chain: List[Link], rule: YearRule) -> Optional[List[Tuple[int, ...]]]:
    """The combinations of one reading per year under which the rule holds between every two years;
    None when there are too many to enumerate."""
    kept: List[Tuple[int, ...]] = []

    def walk(picked: Tuple[int, ...]) -> bool:
        i = len(picked)
        if i == len(chain):
            kept.append(picked)
            return len(kept) <= MAX_COMBINATIONS
        for k in range(len(chain[i].readings)):
            if i and not _holds(rule, chain[i - 1], picked[-1], chain[i], k):
                continue
            if not walk(picked + (k,)):
                return False
        return True

    return kept if walk(()) else None


def _holds(rule: YearRule, before: Link, b: int, after: Link, a: int) -> bool:
    previous = [before.cell(b, c) for c in rule.last_year]
    current = after.cell(a, rule.this_year)
    if current is None or None in previous:
        return False
    return abs(current - sum(previous)) < 1e-6


def _settle_chain(chain: List[Link], combinations: List[Tuple[int, ...]], rule: YearRule):
    """(link, {column: cell as printed}, how) for every open row with a cell all combinations agree on."""
    out = []
    for i, link in enumerate(chain):
        if link.row.method != "ambiguous":
            continue
        readings = sorted({c[i] for c in combinations})
        cells = {}
        for j, column in enumerate(link.row.row.columns):
            if column not in link.row.settled and len({value(link.readings[k][j]) for k in readings}) == 1:
                cells[column] = link.readings[readings[0]][j]
        if cells:
            out.append((link, cells, _how(chain, i, rule, len(readings) == 1)))
    return out


def _how(chain: List[Link], i: int, rule: YearRule, whole_row: bool) -> str:
    link = chain[i]
    others = "、".join(f"{other.year}年" for other in chain if other is not link)
    reading = "只有一种拆分成立" if whole_row else "成立的各种拆分中此格都相同"
    return f"与{link.report.meta.body}{others}报告对照，按“{rule.name}”{reading}"


def _close(row: RowResult) -> None:
    """A row all of whose cells are settled is read."""
    if all(c in row.settled for c in row.row.columns):
        row.values = [value(row.settled[c]) for c in row.row.columns]
        row.units = [None] * len(row.values)
        row.method = "split_by_years"
