"""A flattened row of the old 统计表 with several readings, settled by the figure the report's own
prose states for one of its cells (the metric of metrics.yml whose `old_cell` it is).

The 统计表 has two columns and few rules: 主动公开文件数 “346085376” reads 3|46085376, 34|6085376 or
3460|85376 whatever the other rows say. When the report writes “2016年全区主动公开政府信息3460条”, one
reading agrees with it, and the others contradict the report itself. Never a guess: the prose figure
is taken only when it is stated exactly (not 约/余, not a part: 其中, 累计), with one value, and only
when exactly one reading of the row agrees with it; the cell's source then says so, and the table's
rules are applied again to the rows still open (政府网站公开数 ≤ 主动公开文件数 then leaves one
reading of its own run)."""
from typing import Dict, List, Optional, Tuple

from knowledge.catalogue import Catalogue
from knowledge.parse.split import unit_of, value
from knowledge.parse.tables import RowResult, TableResult, settle_rows


def settle_by_prose(tables: List[TableResult], facts, catalogue: Catalogue) -> List[TableResult]:
    """The tables, each read again when the prose settled one of its rows."""
    metric_of = {m.old_cell: m.key for m in catalogue.metrics if m.old_cell}
    figures = _stated_once(facts)
    out = []
    for table in tables:
        settled = [row for row in table.rows if _settle(row, table.spec.key, metric_of, figures)]
        if settled:
            settle_rows(table.format, table.rows)
            table = table.reassemble()
        out.append(table)
    return out


def _stated_once(facts) -> Dict[str, Tuple[float, str]]:
    """{metric key: (value, clause)} of the prose figures stated exactly and with one value."""
    values: Dict[str, set] = {}
    clauses: Dict[str, str] = {}
    for f in facts:
        if f.source_kind == "prose" and f.value is not None and not f.approximate and f.qualifier is None:
            values.setdefault(f.metric_key, set()).add(f.value)
            clauses.setdefault(f.metric_key, f.clause or f.sentence or "")
    return {k: (next(iter(v)), clauses[k]) for k, v in values.items() if len(v) == 1}


def _settle(row: RowResult, table: str, metric_of: Dict[str, str], figures) -> bool:
    """Whether a row of several readings is read because exactly one reading agrees with the prose."""
    if row.method != "ambiguous" or not row.complete:
        return False
    for i, column in enumerate(row.row.columns):
        figure: Optional[Tuple[float, str]] = figures.get(metric_of.get(f"{table}.{row.row.key}.{column}"))
        if figure is None:
            continue
        agreeing = [s for s in row.splits if value(s[i]) is not None and abs(value(s[i]) - figure[0]) < 1e-6]
        if len(agreeing) == 1:
            split = agreeing[0]
            row.values, row.units, row.method = [value(t) for t in split], [unit_of(t) for t in split], "split_by_prose"
            row.how = {c: f"与报告正文“{figure[1]}”相符的拆分只有一种" for c in row.row.columns}
            return True
    return False
