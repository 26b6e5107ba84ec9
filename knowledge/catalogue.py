"""Loads the metric catalogue and the table formats (knowledge/catalogue/*.yml) into typed objects.

Table cell metrics (table3.granted.natural_person …) are generated from tables.yml, so every cell of
every format has a key, a Chinese name and synonyms."""
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from knowledge.paths import CATALOGUE_DIR
from knowledge.yamlfile import read_yaml

ENUM_ITEM = re.compile(r"^(\d+)\.$")
QUESTION_WORDS = re.compile(r"多少|几|吗|什么|怎么|哪|没|了|要不要|收不收|明年|还")


@dataclass(frozen=True)
class MetricDef:
    key: str
    name: str
    kind: str = "number"
    unit: Optional[str] = None
    synonyms: Tuple[str, ...] = ()
    source: str = "prose"
    group: str = ""
    cell: Optional[str] = None              # equivalent table cell key
    old_cell: Optional[str] = None          # the same quantity's cell in the pre-2019 统计表 (its 本年度 column)
    cells: Tuple[str, ...] = ()             # or the cells whose sum is the same quantity
    units: Tuple[str, ...] = ()
    patterns: Tuple[str, ...] = ()
    exclude: Optional[str] = None
    priority: int = 0
    in_nlu: bool = True                     # its words go into the NLU data (False: the knowledge base finds it)
    implies_qualifier: Optional[str] = None
    extract: Tuple[dict, ...] = ()
    sum_of_stated: Tuple[str, ...] = ()
    nouns: Optional[str] = None             # generic nouns it counts (信息, 申请) that may stand by its number
    whole: bool = False                     # a total: with a share after it (占53%) a number is a part
    not_before: Optional[str] = None        # words earlier in the sentence that mean the number is not it
    zero: bool = True                       # a zero written in words (未收到…) is stored as 0
    combines: Tuple[str, ...] = ()          # the metrics it is the sum of, named together (建议和提案60件)
    match_synonyms: bool = True             # its synonyms name it in prose too, not only its patterns
    or_cells: Tuple[str, ...] = ()          # cells whose sum a prose figure sometimes is (受理 = 新收 + 上年结转)

    @cached_property
    def synonym_patterns(self) -> Tuple[str, ...]:
        """The name and synonyms as literal patterns, for prose metrics, leaving out question phrasings."""
        if not self.patterns:
            return ()
        if not self.match_synonyms:
            return ()
        words = (self.name,) + self.synonyms
        return tuple(re.escape(w) for w in words if len(w) >= 3 and not QUESTION_WORDS.search(w))


@dataclass
class RowSpec:
    key: str
    name: str
    regex: Optional[re.Pattern]
    columns: List[str]
    values: bool
    sum_of: List[str]
    enum: str = ""
    parent: Optional[str] = None
    unit: Optional[str] = None          # the unit of its cells when the table prints none (统计表: per row)
    words: List[str] = field(default_factory=list)   # everyday words for what it counts, in compound names

    @property
    def label(self) -> str:
        return f"{self.enum}{self.name}"


@dataclass
class Equation:
    name: str
    lhs: List[str]                 # cell keys "row.column"
    rhs: List[str]
    op: str = "="                  # = | <= | >=  (lhs op rhs)
    optional: List[str] = field(default_factory=list)   # cells left out when the table lacks their row

    def holds(self, left, right) -> bool:
        if self.op == "<=":
            return left <= right + 1e-6
        if self.op == ">=":
            return left >= right - 1e-6
        return abs(left - right) <= 1e-6


@dataclass
class YearRule:
    """A rule between a body's reports of consecutive years, for a row that has the columns in both:
    this year's `this_year` column = the sum of last year's `last_year` columns."""
    name: str
    this_year: str
    last_year: List[str]


@dataclass
class TableFormat:
    id: str
    name: str
    detect: Optional[re.Pattern]
    rows: List[RowSpec]
    equations: List[Equation]

    def row(self, key: str) -> Optional[RowSpec]:
        return next((r for r in self.rows if r.key == key), None)

    def for_rows(self, printed: Set[str], incomplete: Set[str] = frozenset()) -> "TableFormat":
        """The format with the rules that apply to a table printing only these rows (the old 统计表's
        rows differ between bodies): a rule naming a row the table lacks is dropped, unless the rule
        lists that row as optional, which is then left out of it; a sum over the sub-rows of a row with
        sub-rows no rule knows (`incomplete`) is dropped."""
        kept = []
        for eq in self.equations:
            sides = [[c for c in side if _row_of(c) in printed or c not in eq.optional] for side in (eq.lhs, eq.rhs)]
            if any(_row_of(c) not in printed for side in sides for c in side):
                continue
            if eq.op == "=" and any(_row_of(c) in incomplete for c in eq.lhs):
                continue
            kept.append(replace(eq, lhs=sides[0], rhs=sides[1], optional=[]))
        return replace(self, equations=kept)


def _row_of(cell: str) -> str:
    return cell.split(".")[0]


@dataclass
class TableSpec:
    key: str
    part: int
    name: str
    title: str
    flat: bool
    columns: Dict[str, dict]
    formats: List[TableFormat]
    row_synonyms: Dict[str, List[str]] = field(default_factory=dict)
    column_overrides: Dict[str, dict] = field(default_factory=dict)
    signature: Optional[re.Pattern] = None
    header_end: Optional[re.Pattern] = None
    year_rules: List[YearRule] = field(default_factory=list)
    column_groups: Dict[str, dict] = field(default_factory=dict)
    indicators: bool = False              # the old 统计表: rows known by their labels, in any order
    years: Tuple[Optional[int], Optional[int]] = (None, None)   # the first and last report year it occurs in
    heading: Optional[re.Pattern] = None  # the title of the part that holds it, when its number varies
    row_column: str = "total"             # the column a row named alone means

    def covers(self, year: Optional[int]) -> bool:
        first, last = self.years
        return year is None or ((first is None or year >= first) and (last is None or year <= last))

    def column(self, row: str, column: str) -> dict:
        data = self.columns.get(column) or self.column_groups[column]
        return {**data, **self.column_overrides.get(f"{row}.{column}", {})}

    def groups_of(self, row: RowSpec) -> List[str]:
        """The column groups a row has every column of (表三's 法人或其他组织)."""
        return [g for g, data in self.column_groups.items() if set(data["of"]) <= set(row.columns)]

    def detect_format(self, text: str) -> TableFormat:
        for fmt in self.formats:
            if fmt.detect is None or fmt.detect.search(text):
                return fmt
        return self.formats[-1]


@dataclass(frozen=True)
class ProseWords:
    """The words of prose the extractor needs beyond the metrics' own (metrics.yml `prose`)."""
    fillers: re.Pattern           # words between a metric's name and its number that change nothing
    other_quantities: re.Pattern  # nouns that make a number count something else (阅读量, 粉丝)
    coordinators: re.Pattern      # 和 及 与 、: two things named together
    zero_marker: re.Pattern       # 未 没有 无 before a count stated as zero
    zero_between: re.Pattern      # words between the zero marker and the metric's name
    share: re.Pattern             # 占53%: the number is a part of a total
    rest: re.Pattern              # 其他…: the rest of a list, not the metric itself
    part_of_year: re.Pattern      # 1-6月, 上半年: a figure for part of the year


@dataclass
class Catalogue:
    metrics: List[MetricDef]
    tables: Dict[str, TableSpec]
    qualifiers: List[Tuple[str, re.Pattern]]
    implications: List[Tuple[re.Pattern, Dict[str, str]]]
    prose_rules: List[Equation]
    files: List[Path]
    words: Optional[ProseWords] = None

    def metric(self, key: str) -> Optional[MetricDef]:
        return self._by_key().get(key)

    def _by_key(self) -> Dict[str, MetricDef]:
        if not hasattr(self, "_index"):
            self._index = {m.key: m for m in self.metrics}
        return self._index

    @property
    def prose_metrics(self) -> List[MetricDef]:
        return [m for m in self.metrics if m.patterns]

    def combined(self, keys) -> Optional[MetricDef]:
        """The metric that is the sum of exactly these metrics, if the catalogue has one."""
        wanted = set(keys)
        return next((m for m in self.metrics if m.combines and set(m.combines) == wanted), None)

    @property
    def text_metrics(self) -> List[MetricDef]:
        return [m for m in self.metrics if m.kind == "text"]


def enum_regex(enum: str) -> str:
    """A loose regex for a row enumerator as printed: “一、” “（一）” “1.”."""
    enum = enum.strip()
    item = ENUM_ITEM.match(enum)
    if item:
        return rf"{item.group(1)}\s*[.、]"
    if enum.startswith("（"):
        return rf"（\s*{re.escape(enum.strip('（）'))}\s*）"
    return rf"{re.escape(enum.rstrip('、.'))}\s*[、.]?"


def _row_regex(row: dict) -> Optional[re.Pattern]:
    if not row.get("pattern"):
        return None
    core = row["pattern"]
    if not row.get("enum"):
        return re.compile(core)
    enum = enum_regex(row["enum"])
    return re.compile(rf"{enum}\s*{core}" if row.get("enum_required") else rf"(?:{enum}\s*)?{core}")


def _rows(table: dict, fmt: dict) -> List[RowSpec]:
    value_columns = table.get("value_columns", [])
    rows, group, section = [], None, None
    for row in fmt["rows"]:
        columns = row.get("columns") or (value_columns if row.get("values") or row.get("sum_of") else [])
        enum = row.get("enum", "")
        parent = None
        if ENUM_ITEM.match(enum):
            parent = section
        elif not enum and row.get("columns") and group:
            parent = group
        spec = RowSpec(row["key"], row["name"], _row_regex(row), list(columns),
                       bool(row.get("values") or row.get("columns")), list(row.get("sum_of", [])), enum,
                       row.get("parent", parent), row.get("unit"), list(row.get("words", [])))
        if enum.startswith("（"):
            section = row["key"]
        if not spec.columns:
            group = row["key"]
        rows.append(spec)
    return rows


def _equations(table: dict, fmt: dict, rows: List[RowSpec]) -> List[Equation]:
    out = []
    value_rows = [r for r in rows if r.values]
    for rule in fmt.get("rules", []):
        if "per_column" in rule:
            sides = rule["per_column"]
            for col in table.get("value_columns", []):
                out.append(Equation(f"{rule['name']}（{table['columns'][col]['name']}）",
                                    [f"{r}.{col}" for r in sides["lhs"]], [f"{r}.{col}" for r in sides["rhs"]],
                                    sides.get("op", "="), [f"{r}.{col}" for r in sides.get("optional", [])]))
        elif "per_parent" in rule:
            for row in value_rows:
                parent = next((r for r in rows if r.key == row.parent), None)
                for col in row.columns if parent else []:
                    out.append(Equation(f"{rule['name']}（{row.name}，{table['columns'][col]['name']}）",
                                        [f"{row.key}.{col}"], [f"{parent.key}.{col}"], rule["per_parent"]["op"]))
        elif "per_row" in rule:
            sides = rule["per_row"]
            for row in value_rows:
                if all(c in row.columns for c in sides["lhs"] + sides["rhs"]):
                    out.append(Equation(f"{rule['name']}（{row.label}）", [f"{row.key}.{c}" for c in sides["lhs"]],
                                        [f"{row.key}.{c}" for c in sides["rhs"]], sides.get("op", "=")))
        else:
            out.append(Equation(rule["name"], list(rule["cells"]["lhs"]), list(rule["cells"]["rhs"]),
                                rule["cells"].get("op", "=")))
    return out


def _table(key: str, table: dict) -> TableSpec:
    formats = []
    for fmt in table["formats"]:
        rows = _rows(table, fmt)
        detect = re.compile(fmt["detect"]) if fmt.get("detect") else None
        formats.append(TableFormat(str(fmt["id"]), fmt["name"], detect, rows, _equations(table, fmt, rows)))
    return TableSpec(key, table["part"], table["name"], table["title"], bool(table.get("flat")),
                     table["columns"], formats, table.get("row_synonyms", {}),
                     table.get("column_overrides", {}), re.compile(table["signature"]),
                     re.compile(table["header_end"]) if table.get("header_end") else None,
                     [YearRule(r["name"], r["this_year"], list(r["last_year"])) for r in table.get("year_rules", [])],
                     table.get("column_groups", {}), bool(table.get("indicators")),
                     (table.get("years", {}).get("from"), table.get("years", {}).get("until")),
                     re.compile(table["heading"]) if table.get("heading") else None, table.get("row_column", "total"))


def _metric(entry: dict) -> MetricDef:
    kind = entry.get("kind", "number")
    unit = entry.get("unit")
    return MetricDef(
        key=entry["key"], name=entry["name"], kind=kind, unit=unit,
        synonyms=tuple(entry.get("synonyms", [])),
        source=entry.get("source", "prose"), group=entry["key"].split(".")[0],
        cell=entry.get("cell"), old_cell=entry.get("old_cell"), cells=tuple(entry.get("cells", [])),
        units=tuple(entry.get("units", [unit] if unit else [])),
        patterns=tuple(entry.get("patterns", [])), exclude=entry.get("not"),
        priority=int(entry.get("priority", 0)), in_nlu=bool(entry.get("nlu", True)), implies_qualifier=entry.get("implies_qualifier"),
        extract=tuple(entry.get("extract", [])), sum_of_stated=tuple(entry.get("sum_of_stated", [])),
        nouns=entry.get("nouns"), whole=bool(entry.get("whole", False)), not_before=entry.get("not_before"),
        zero=bool(entry.get("zero", True)), combines=tuple(entry.get("combines", [])),
        match_synonyms=bool(entry.get("match_synonyms", True)), or_cells=tuple(entry.get("or_cells", [])))


def _prose_words(data: dict) -> ProseWords:
    return ProseWords(**{name: re.compile(pattern) for name, pattern in data.items()})


# Labels too common to name a row or column on their own (表三's 3.其他 row, its 其他 and 总计 columns).
VAGUE_LABELS = frozenset({"其他", "总计", "有效", "金额", "合计"})


def cell_metrics(spec: TableSpec) -> List[MetricDef]:
    """One metric per cell of every format; names and units from the 2021 format where both have the row."""
    seen: Dict[str, MetricDef] = {}
    for fmt in sorted(spec.formats, key=lambda f: f.id != "2021"):
        for row in fmt.rows:
            for col in row.columns + spec.groups_of(row):
                key = f"{spec.key}.{row.key}.{col}"
                if key in seen:
                    continue
                column = spec.column(row.key, col)
                row_words = spec.row_synonyms.get(row.key, [row.name])
                prefixes = column.get("prefixes", [column["name"]])
                synonyms = [w for w in row_words if w not in VAGUE_LABELS] if col == spec.row_column \
                    else [f"{p}{w}" for p in prefixes for w in row_words + row.words]
                unit = row.unit or column.get("unit")
                seen[key] = MetricDef(key=key, name=f"{row.name}（{column['name']}）", unit=unit,
                                      synonyms=tuple(dict.fromkeys(synonyms)), source="table", group=spec.key,
                                      cell=None, units=(unit,))
    return [seen[k] for k in sorted(seen)]


@lru_cache(maxsize=4)
def load(directory: Path = CATALOGUE_DIR) -> Catalogue:
    metrics_file, tables_file = Path(directory) / "metrics.yml", Path(directory) / "tables.yml"
    data = read_yaml(metrics_file)
    tables_data = read_yaml(tables_file)["tables"]
    tables = {key: _table(key, t) for key, t in tables_data.items()}
    metrics = [_metric(m) for m in data["metrics"]]
    _check_unique([m.key for m in metrics], "metric keys")
    _check_unique([w for m in metrics for w in dict.fromkeys((m.name,) + m.synonyms)], "names or synonyms")
    for spec in tables.values():
        metrics += cell_metrics(spec)
    _check_unique([m.key for m in metrics], "metric keys")
    _check_cells(metrics)
    metrics = _unclaimed_synonyms(metrics)
    qualifiers = [(q["label"], re.compile(q["pattern"])) for q in data.get("qualifiers", [])]
    implications = [(re.compile(i["pattern"]), dict(i["of"])) for i in data.get("implications", [])]
    rules = [Equation(r["name"], r["lhs"], r["rhs"]) for r in data.get("prose_rules", [])]
    return Catalogue(metrics, tables, qualifiers, implications, rules, [metrics_file, tables_file],
                     _prose_words(data["prose"]))


def _check_unique(values: List[str], what: str):
    duplicates = sorted({k for k in values if values.count(k) > 1})
    if duplicates:
        raise ValueError(f"duplicate {what} in the metric catalogue: {', '.join(duplicates)}")


def _check_cells(metrics: List[MetricDef]):
    """Every `old_cell` names a cell of tables.yml, and no cell is the old cell of two metrics."""
    keys = {m.key for m in metrics}
    named = [m.old_cell for m in metrics if m.old_cell]
    unknown = sorted(set(named) - keys)
    if unknown:
        raise ValueError(f"old_cell names no cell of tables.yml: {', '.join(unknown)}")
    _check_unique(named, "old cells")


def _unclaimed_synonyms(metrics: List[MetricDef]) -> List[MetricDef]:
    """A phrase names one metric only (the NLU maps it to one key): a generated cell metric drops the
    synonyms that a metric before it already has, e.g. 予以公开 stays with requests.granted."""
    claimed, out = set(), []
    for m in metrics:
        synonyms = tuple(w for w in m.synonyms if w not in claimed and w != m.name)
        claimed.update((m.name,) + synonyms)
        out.append(replace(m, synonyms=synonyms))
    return out
