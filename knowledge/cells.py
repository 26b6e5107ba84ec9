"""Table cells named in words: the rows and columns of 表二、三、四 that a question names by their labels
or the catalogue's synonyms ("复议后起诉的有几件" → 表四 复议后起诉 / 总计, "个人申请了多少" → 表三
本年新收 / 自然人, "规范性文件现行有效多少" → 表二 行政规范性文件 / 现行有效件数)."""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from knowledge.catalogue import VAGUE_LABELS as _VAGUE, Catalogue

# The row a column alone asks about ("企业申请了几件": applications received).
DEFAULT_ROW = {"table3": "received", "table_old": "proactive_files"}   # the row a column named alone is of
# The old 统计表's columns (本年度, 历年累计) are everyday words: a column of it alone names its first row only
# when the question names the table too ("统计表里历年累计是多少").
_DEFAULT_ROW_ONLY_IF = {"table_old": re.compile(r"统计表|表格|表里|表中")}
# "申请的人里面个人占多少": the applicants are those of the year's new requests, whatever row was asked before.
_NAMES_THE_DEFAULT_ROW = {"table3": re.compile(r"申请(?:的)?人|申请者|来申请的")}
TOTAL = "total"


@dataclass(frozen=True)
class CellNames:
    rows: Dict[str, Tuple[str, ...]]          # "table3.granted" → its labels and synonyms (没 as 未)
    columns: Dict[str, Tuple[str, ...]]       # "table3.natural_person" → its labels and synonyms (没 as 未)
    row_columns: Dict[str, Tuple[str, ...]]   # "table2.normative_documents" → its columns in every format
    column_groups: Dict[str, Tuple[str, ...]] = field(default_factory=dict)  # "table3.legal_entities" → the columns it sums
    row_groups: Dict[str, Tuple[str, ...]] = field(default_factory=dict)     # "table3.not_processed" → the rows it sums


def cell_names(catalogue: Catalogue) -> CellNames:
    rows: Dict[str, List[str]] = {}
    row_columns: Dict[str, List[str]] = {}
    columns: Dict[str, Tuple[str, ...]] = {}
    row_groups: Dict[str, Dict[str, None]] = {}     # in the table's order
    for key, spec in catalogue.tables.items():
        for fmt in spec.formats:
            for row in fmt.rows:
                if not (row.columns or row.sum_of):
                    continue
                full = f"{key}.{row.key}"
                row_groups.setdefault(full, {}).update(dict.fromkeys(f"{key}.{r}" for r in row.sum_of or ()))
                words = _without_administrative(_without_modals([row.name, *spec.row_synonyms.get(row.key, [])]))
                rows.setdefault(full, []).extend(w for w in words if w not in _VAGUE)
                row_columns.setdefault(full, []).extend(c for c in row.columns if c not in row_columns[full])
        for column, data in {**spec.columns, **spec.column_groups}.items():
            columns[f"{key}.{column}"] = tuple(w for w in (data["name"], *data.get("synonyms", ())) if w not in _VAGUE)
    for full in rows:
        if not row_columns.get(full):   # a group row (不予公开) has the columns of its table's value rows
            table = full.split(".")[0]
            row_columns[full] = next(v for k, v in row_columns.items() if k.startswith(table + ".") and v)
    groups = {f"{key}.{g}": tuple(data["of"]) for key, spec in catalogue.tables.items()
              for g, data in spec.column_groups.items()}
    return CellNames({k: tuple(dict.fromkeys(map(_negation_as_written, v))) for k, v in rows.items()},
                     {k: tuple(map(_negation_as_written, v)) for k, v in columns.items()},
                     {k: tuple(v) for k, v in row_columns.items()}, groups,
                     {k: tuple(v) for k, v in row_groups.items() if v})


MIN_GAPPED, MAX_GAP = 4, 4


def _without_modals(words: List[str]) -> List[str]:
    """The labels, and those opening with 需要 or 要 also without it (需要另行制作 → 另行制作), so that
    "要另行制作的" names the row as "需要另行制作的" does."""
    bare = [w[len(m):] for w in words for m in ("需要", "要") if w.startswith(m) and len(w) - len(m) >= MIN_GAPPED]
    return list(dict.fromkeys(words + bare))


def _without_administrative(words: List[str]) -> List[str]:
    """The labels, and those opening with 行政 also without it (行政处罚 → 处罚), as people say them ("处罚和强制加起来")."""
    return list(dict.fromkeys(words + [w[2:] for w in words if w.startswith("行政") and len(w) >= 4]))


def _gapped(text: str, word: str) -> List[Tuple[int, int]]:
    """Spans holding the word's characters in order with a few others between (复议以后再起诉 holds 复议后起诉)."""
    spans = []
    for start in (i for i, c in enumerate(text) if c == word[0]):
        position = start
        for char in word[1:]:
            position = text.find(char, position + 1, start + len(word) + MAX_GAP)
            if position == -1:
                break
        else:
            spans.append((start, position + 1))
    return spans


def _negation_as_written(text: str) -> str:
    """没 written as 未 (没审结 is 未审结): the names are stored so, a question's text is read so, one character
    for one so that spans stay where they were."""
    return text.replace("没", "未")


def _longest(text: str, names: Dict[str, Tuple[str, ...]]) -> List[Tuple[int, int, str]]:
    """(start, end, key) of the longest non-overlapping names found in the text, written out before
    written with gaps."""
    found = []
    text = _negation_as_written(text)
    for key, words in names.items():
        for word in filter(None, words):
            start = text.find(word)
            while start != -1:
                found.append((0, -len(word), start, start + len(word), key))
                start = text.find(word, start + 1)
            if len(word) >= MIN_GAPPED:
                found += [(1, -len(word), a, b, key) for a, b in _gapped(text, word)]
    found = [(a, b, key) for *_, a, b, key in sorted(found, key=lambda f: (f[1], f[0], f[2]))]
    taken: List[Tuple[int, int, str]] = []
    for start, end, key in found:
        if all(end <= a or start >= b for a, b, _ in taken):
            taken.append((start, end, key))
    return sorted(taken)


@dataclass(frozen=True)
class CellMatch:
    key: str
    column_named: bool            # a column chose the cell: named now, or a non-total one asked about before
    row_span: Tuple[int, int] = (0, 0)   # where the text names the row (nowhere: (0, 0))


def _names_the_default_row(text: str, table: str) -> bool:
    return table in _NAMES_THE_DEFAULT_ROW and _NAMES_THE_DEFAULT_ROW[table].search(text) is not None


_JOINED = re.compile(r"\s*(?:或者|或是|或|和|及|与|跟|、)\s*([\u4e00-\u9fff]{2})")


def _group_joined(text: str, start: int, end: int, column: str, names: CellNames) -> str:
    """"企业或者组织": a column joined to a word of the name of a heading over it (法人或其他组织) names
    the heading's columns together."""
    joined = _JOINED.match(text, end)
    if joined is None:
        return column
    table, key = column.split(".", 1)
    return next((group for group, of in names.column_groups.items() if group.startswith(table + ".") and key in of
                 and joined.group(1) in names.columns.get(group, ("",))[0]), column)


def _only_row_of(column: str, names: CellNames) -> Optional[str]:
    """The row a column belongs to when no other row of its table has it ("采购了几个项目": 采购项目数量 is
    政府集中采购's alone)."""
    table, key = column.split(".", 1)
    having = [row for row, columns in names.row_columns.items() if row.startswith(table + ".") and key in columns]
    return having[0] if len(having) == 1 else None


def cells_named(text: str, names: CellNames, context: Optional[str] = None) -> List[CellMatch]:
    """Cell keys the text names, best first: each row named with a column of its table named, else
    with the column of the cell asked about before (context), else each of its columns; a column
    named alone, in the row asked about before or its table's usual row. A key may name a cell no
    report states (the caller checks)."""
    named_rows = _longest(text, names.rows)
    spans = {key: (a, b) for a, b, key in reversed(named_rows)}
    rows = [key for _, _, key in named_rows]
    columns = [_group_joined(text, a, b, key, names) for a, b, key in _longest(text, names.columns)]
    context_row, _, context_column = (context or "").rpartition(".")
    if not rows:
        tables = {c.split(".")[0] for c in columns}
        if context_row in names.rows and context_row.split(".")[0] in tables \
                and not _names_the_default_row(text, context_row.split(".")[0]):
            rows = [context_row]
        else:
            rows = [row for row in dict.fromkeys(map(lambda c: _only_row_of(c, names), columns)) if row] \
                or [f"{t}.{DEFAULT_ROW[t]}" for t in sorted(tables) if t in DEFAULT_ROW
                    and (t not in _DEFAULT_ROW_ONLY_IF or _DEFAULT_ROW_ONLY_IF[t].search(text))]
    out = []
    for row in rows:
        table = row.split(".")[0]
        allowed = names.row_columns.get(row, ())
        allowed += tuple(g.split(".")[1] for g, of in names.column_groups.items()
                         if g.startswith(table + ".") and set(of) <= set(allowed))
        named = [c.split(".", 1)[1] for c in columns if c.split(".")[0] == table and c.split(".", 1)[1] in allowed]
        chosen = bool(named)
        if not named and context_row.split(".")[0] == table and context_column in allowed:
            named, chosen = [context_column], context_column != TOTAL
        candidates = named or ([TOTAL] if TOTAL in allowed else list(allowed))
        out += [CellMatch(f"{row}.{c}", chosen, spans.get(row, (0, 0))) for c in candidates]
    return list(dict.fromkeys(out))
