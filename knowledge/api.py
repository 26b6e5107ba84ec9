"""The query API over the built knowledge base, read-only. Nothing outside knowledge/ opens the database
(knowledge/store.py writes it).

Every call opens its own read-only connection (sqlite URI mode=ro), so one KnowledgeBase object can be
shared by threads and by an asyncio action server. The catalogue, the laws, the index terms and the
rankers are read once per object (cached properties): after a rebuild, open a new KnowledgeBase —
actions/knowledge_base.py does so when the file is replaced."""
import json
import os
import re
import sqlite3
from contextlib import closing
from functools import cached_property
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

from knowledge.bodies import BodyMention, find_body, fits, name_forms, named_by_kind
from knowledge.cells import CellMatch, cell_names, cells_named
from knowledge.laws import article_parts, focus_part
from knowledge.models import Article, Conflict, Fact, Metric, Passage, Report, Section
from knowledge.parse.numerals import tidy, to_number
from knowledge.paths import HOME_BODY_VAR, db_path
from knowledge.rank import YEARS, Ranker, content_nouns, holds
from knowledge.schema import REQUIRED_TABLES, SCHEMA_VERSION
from knowledge.segment import query_words
from knowledge.topics import ArticleMatch, ArticleRanker, ArticleText, TopicRanker, TopicText

SHOWN_SEVERITIES = ("conflict", "unreadable")
SUM_QUALIFIER = "各项合计"             # a figure the parser or this API added up from stated ones
GROUP_TOTAL = f"（{SUM_QUALIFIER}）"    # in a cell label: a table's group row, the sum of its sub-rows


PREAMBLE_WEIGHT = 0.5
# A table row named loosely stands out: this score, this share of the question's words, this far ahead of the next.
ROW_SCORE_MIN = 11.0
ROW_COVERAGE_MIN = 0.3
ROW_RATIO = 2.0
# A numbered heading that is a sentence of its own ("（3）加强行政服务中心设施建设。"): what it heads follows.
_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]")
HEADING_LIMIT = 30
LEAD_LIMIT = 20
FULL_FORM_GAP = 6     # characters an abbreviation's two may stand apart in its full form (征收或征用土地)


SECTION_LIMIT = 300     # characters: a section this short is quoted whole when its title is what is asked
SHARED_STRETCH = 4
EVERY_QUESTIONS_SUBJECT = ("政府信息公开", "信息公开", "政务公开")   # names no section of a report


_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def _in_a_longer_name(found: re.Match, said: str) -> bool:
    """"问政平潭节目": the body's place name inside a name the report uses (《问政平潭》) is part of what is asked."""
    text, start, end = found.string, found.start(), found.end()
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return bool(_CJK_PAIR.fullmatch(before)) and before + found.group(0) in said \
        or bool(_CJK_PAIR.fullmatch(after)) and found.group(0) + after in said


def _shares_a_stretch(text: str, title: str) -> bool:
    return any(text[i:i + SHARED_STRETCH] in title for i in range(len(text) - SHARED_STRETCH + 1)
               if re.fullmatch(r"[\u4e00-\u9fff]+", text[i:i + SHARED_STRETCH]))


def _with_what_follows(rows, i: int) -> dict:
    """A heading ("（二）加强政策解读。") or a short lead in words ("做好政策解读工作，精准传递政策意图。")
    with the sentence that says what was done under it."""
    row = dict(rows[i])
    following = rows[i + 1] if i + 1 < len(rows) else None
    if following is None or following["part"] != row["part"] or _HEADING.match(following["text"]):
        return row
    heading = _HEADING.match(row["text"]) and len(row["text"]) <= HEADING_LIMIT
    lead = len(row["text"]) <= LEAD_LIMIT and not re.search(r"\d", row["text"]) and following["paragraph"] == row["paragraph"]
    if heading or lead:
        row["text"] += following["text"]
    return row
# A report's contact details: where to ask about it (联系地址, 电话 written as 电 话 in some, 传真, 邮箱).
_CONTACT = re.compile(r"如对本报告|联系地址|通讯地址|电\s*话[:：/]|传\s*真[:：]|电子邮箱|邮\s*[箱编][:：]|\d{3,4}-\d{7,8}")
CONTACT_LIMIT = 200
CONTACT_PASSAGES = 6


class KnowledgeBaseMissing(Exception):
    """The knowledge base file is missing or is not a knowledge base."""


def _fts_query(words: List[str]) -> str:
    return " OR ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _number(value):
    return None if value is None else tidy(value)


def _added_up(key: str, name: str, total, first: Fact, cells: List[str], conflicts: List[str]) -> Fact:
    """A figure this API added up from stated table cells (the first of them gives its unit and place)."""
    return Fact(metric_key=key, metric_name=name, value=_number(total), text=None, unit=first.unit,
                qualifier=SUM_QUALIFIER, report_id=first.report_id, part=first.part, section=None, sentence=None,
                source_kind="table", cell="、".join(cells), conflicts=conflicts, report_title=first.report_title,
                part_title=first.part_title)


class KnowledgeBase:
    def __init__(self, path: Path):
        self.path = Path(path)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path=None) -> "KnowledgeBase":
        """The knowledge base at `path` (default $ZWGK_KB or .build/knowledge.db), checked to be one."""
        target = db_path(path)
        hint = "请先运行 `zwgk kb build` 生成知识库。"
        if not target.is_file():
            raise KnowledgeBaseMissing(f"知识库文件 {target} 不存在。{hint}")
        kb = cls(target)
        try:
            with closing(kb._connect()) as conn:
                names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        except sqlite3.Error as error:
            raise KnowledgeBaseMissing(f"{target} 不是有效的知识库（{error}）。{hint}") from error
        missing = [t for t in REQUIRED_TABLES if t not in names]
        if missing:
            raise KnowledgeBaseMissing(f"{target} 不是有效的知识库（缺少表 {', '.join(missing)}）。{hint}")
        version = kb.meta().get("schema_version")
        if version != SCHEMA_VERSION:
            raise KnowledgeBaseMissing(f"{target} 是旧版本的知识库（{version}，需要 {SCHEMA_VERSION}）。{hint}")
        return kb

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    def _rows(self, sql: str, params=()) -> List[sqlite3.Row]:
        with closing(self._connect()) as conn:
            return conn.execute(sql, params).fetchall()

    def meta(self) -> Dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows("select key, value from meta")}

    # ------------------------------------------------------------------ reports
    def reports(self) -> List[Report]:
        return [self._report(r) for r in self._rows("select * from reports order by body, year, id")]

    @staticmethod
    def _report(row) -> Report:
        return Report(row["id"], row["body"], row["year"], row["published"], row["title"], row["source_file"])

    def bodies(self) -> List[str]:
        return sorted({r.body for r in self.reports()})

    def match_bodies(self, text: str) -> List[str]:
        """The stored bodies a loosely written name may mean (江苏民政厅 → 江苏省民政厅)."""
        query = re.sub(r"\s+", "", text or "")
        if len(query) < 2:
            return []
        bodies = self.bodies()
        for matches in ([b for b in bodies if b == query], [b for b in bodies if fits(query, b)],
                        [b for b in bodies if query in b]):
            if matches:
                return matches
        return []

    def find_body(self, text: str) -> Optional[BodyMention]:
        """The body a question names: stored (full or shortened), or a name that fits no stored body."""
        return find_body(text or "", self.bodies())

    def body_of_the_kind_named(self, text: str) -> Optional[str]:
        """The one stored body of the kind of office the text names alone (办公厅)."""
        return named_by_kind(text or "", self.bodies())

    def home_body(self) -> Optional[str]:
        """The deployment's own body, which a question naming no body is about: $ZWGK_HOME_BODY when it
        names a stored body, else the body of the first report file (the seed's)."""
        reports = self.reports()
        configured = self.match_bodies(os.environ.get(HOME_BODY_VAR, ""))
        if len(configured) == 1:
            return configured[0]
        return min(reports, key=lambda r: r.source_file).body if reports else None

    def report(self, body: Optional[str] = None, year: Optional[int] = None) -> Optional[Report]:
        """A body's report for a year (None: its latest). body None: the deployment's own body. A body
        name that fits several bodies equally, or none, gives None."""
        if body:
            matches = self.match_bodies(body)
            if len(matches) != 1:
                return None
            chosen = matches[0]
        else:
            chosen = self.home_body()
        own = [r for r in self.reports() if r.body == chosen and (year is None or r.year == int(year))]
        return max(own, key=lambda r: (r.year, r.published or ""), default=None)

    def _titles(self) -> Dict[str, tuple]:
        return {r["id"]: (r["title"], json.loads(r["part_titles"] or "{}"))
                for r in self._rows("select id, title, part_titles from reports")}

    # ------------------------------------------------------------------ metrics
    @cached_property
    def _metrics(self) -> Dict[str, Metric]:
        rows = self._rows("select * from metrics order by position")
        return {r["key"]: Metric(r["key"], r["name"], tuple(json.loads(r["synonyms"])), r["unit"], r["kind"],
                                 r["source"], r["grp"], r["cell"], tuple(json.loads(r["cells"] or "[]")),
                                 tuple(json.loads(r["units"] or "[]")), r["old_cell"], bool(dict(r).get("in_nlu", 1)))
                for r in rows}

    def metric(self, key: str) -> Optional[Metric]:
        return self._metrics.get(key)

    def metrics(self) -> List[Metric]:
        return list(self._metrics.values())

    def find_metrics(self, text: str) -> List[Metric]:
        """Metrics whose name or a synonym occurs in the text, longest match first."""
        hits = []
        for m in self._metrics.values():
            length = max((len(w) for w in (m.name,) + m.synonyms if w and w in text), default=0)
            if length:
                hits.append((-length, m.source == "table", m.key, m))
        return [h[-1] for h in sorted(hits)]

    def head_metric(self, word: str, report_id: str) -> Optional[str]:
        """The figure a noun names on its own (诉讼 → 行政诉讼案件数): of the figures the report gives
        whose name holds the word, the one with the shortest name; None when two tie."""
        named = sorted((len(m.name), m.key) for m in self._metrics.values() if m.kind == "number" and word in m.name)
        if len(named) > 1 and named[0][0] == named[1][0]:
            return None     # 规范性文件: 制发, 公开 and 废止 alike, whichever the report states
        stated = [n for n in named if self.fact(n[1], report_id) is not None]
        if not stated or (len(stated) > 1 and stated[0][0] == stated[1][0]):
            return None
        return stated[0][1]

    def metrics_a_question_asks(self, text: str) -> List[str]:
        """The metrics whose figure the sentence answering the question would state, read as the report's
        sentences are read."""
        from knowledge.parse.prose import metrics_a_question_asks
        return metrics_a_question_asks(self._catalogue, text or "")

    @cached_property
    def _catalogue(self):
        from knowledge.catalogue import load
        return load()

    # ------------------------------------------------------------------ table cells named in words
    @cached_property
    def _cell_names(self):
        return cell_names(self._catalogue)

    def cell_named(self, text: str, report_id: str, context: Optional[str] = None) -> Optional[CellMatch]:
        """The table cell a question names by its row and column words (the cell of the figure asked
        about before fills in what it leaves out): of the first row named, the first cell the report
        states, else its first cell."""
        return (self.cells_of_row_named(text, report_id, context) or [None])[0]

    def cells_of_rows_named(self, text: str, report_id: str) -> List[CellMatch]:
        """One stated cell of each row the question names, in the question's order (处罚和强制: the
        decisions of 行政处罚 and of 行政强制)."""
        best: Dict[str, CellMatch] = {}
        for m in cells_named(text or "", self._cell_names):
            row = m.key.rsplit(".", 1)[0]
            if row not in best and self.metric(m.key) and self.fact(m.key, report_id) is not None:
                best[row] = m
        return list(best.values())

    def cells_of_row_named(self, text: str, report_id: str, context: Optional[str] = None) -> List[CellMatch]:
        """The cells of the first row the question names (规范性文件 制发 … 废止: two), those the
        report states first."""
        found = [m for m in cells_named(text or "", self._cell_names, self.cell_of(context) if context else None)
                 if self.metric(m.key)]
        row = [m for m in found if m.key.rsplit(".", 1)[0] == found[0].key.rsplit(".", 1)[0]] if found else []
        return sorted(row, key=lambda m: (self.in_the_reports_format(m.key, report_id) is False,
                                          self.fact(m.key, report_id) is None))

    def row_named_loosely(self, text: str, report_id: str) -> Optional[str]:
        """The cell (stated, or left blank in a table the report prints) of the table row whose labels and
        synonyms share clearly the most with words that name no row as they stand ("补正以后还是没说清楚要啥的":
        补正后申请内容仍不明确), ranked as report sentences are (BM25 over words and bigrams); None when no row
        stands out, or when it is named as it stands."""
        keys, ranker = self._row_ranking
        ranked = ranker.rank(text or "", 2)
        if not ranked or ranked[0].score < ROW_SCORE_MIN or ranked[0].coverage < ROW_COVERAGE_MIN \
                or len(ranked) > 1 and ranked[0].score < ROW_RATIO * ranked[1].score:
            return None
        labels = self._cell_names.rows[keys[ranked[0].index]]
        if any(label in (text or "") for label in labels):
            return None                 # named as it stands, yet no cell of it chosen: a row of several columns
        match = self.cell_named(labels[0], report_id)
        printed = match and (self.fact(match.key, report_id) is not None or self.in_the_reports_format(match.key, report_id))
        return match.key if printed else None

    @cached_property
    def _row_ranking(self) -> Tuple[List[str], Ranker]:
        rows = self._cell_names.rows
        return list(rows), Ranker([" ".join(labels) for labels in rows.values()], self._terms)

    def of_another_era(self, key: str, year: int) -> bool:
        """Whether a figure is a cell of a table no report of that year prints (the old 统计表 after 2018)."""
        metric = self.metric(key)
        cells = [c for c in (self.cell_of(key), metric.old_cell if metric else None) if c]
        specs = [self._catalogue.tables.get(c.split(".")[0]) for c in cells]
        return bool(specs) and all(spec is not None and not spec.covers(year) for spec in specs)

    def in_the_reports_format(self, cell: str, report_id: str) -> Optional[bool]:
        """Whether the report's own table has the cell (表二's 本年废止件数 is of the 2021 format, not of a
        2019 report's); None when the report prints no such table."""
        table, row, column = cell.split(".")
        printed = self._table_formats(report_id).get(table)
        spec = self._catalogue.tables.get(table)
        fmt = next((f for f in spec.formats if f.id == printed), None) if spec and printed else None
        if fmt is None:
            return None
        spec_row = fmt.row(row)
        return spec_row is not None and (column in spec_row.columns or column in spec.groups_of(spec_row))

    def cell_state(self, key: str, report_id: str) -> Optional[str]:
        """Why a cell has no stored value: "unreadable" (its row could not be read for certain),
        "blank" (the report's table is there but leaves the cell empty), or None (no such table; of the
        old 统计表, whose rows differ between bodies, no such row). A prose metric: its cells' state."""
        if self.unreadable_run(key, report_id) is not None:
            return "unreadable"
        return "blank" if any(self._left_blank(cell, report_id) for cell in self._cells_of(key)) else None

    def unreadable_run(self, key: str, report_id: str) -> Optional[str]:
        """The digits as printed ("693665") of the row holding the cell, when that row could not be read for certain."""
        cells = set(self._cells_of(key))
        return next((" ".join(c.details.get("tokens") or ()) for c in self.conflicts(report_id)
                     if c.severity == "unreadable" and cells & set(c.metrics)), None)

    def _cells_of(self, key: str) -> List[str]:
        metric = self.metric(key)
        cells = [c for c in (self.cell_of(key), metric.old_cell if metric else None) if c]
        return cells + [same for c in cells for same in self._same_cells(c)]

    def _left_blank(self, cell: str, report_id: str) -> bool:
        table, row, column = cell.split(".")
        if table in self._tables_of_printed_rows:
            return any(r["table_key"] == table and r["row_key"] == row and (r["cells"] or {}).get(column) is None
                       for r in self.table_rows(report_id))
        return self.in_the_reports_format(cell, report_id) is not False and bool(
            self._rows("select 1 from facts where report_id = ? and metric_key like ? limit 1", (report_id, table + ".%")))

    @cached_property
    def _tables_of_printed_rows(self) -> set:
        """The tables whose rows differ between reports (the old 统计表): a row is there only if printed."""
        from knowledge.catalogue import load
        return {key for key, spec in load().tables.items() if spec.indicators}

    def row_cells(self, row: str) -> List[str]:
        """The cell keys of a table row ("table4.review" → its 结果维持 … 总计 cells)."""
        return [f"{row}.{column}" for column in self._cell_names.row_columns.get(row, ())]

    def related_facts(self, key: str, report_id: str) -> List[Fact]:
        """Stated figures that hold the one asked when it is not stated, to give labelled as what they
        are: figures whose name holds its name (予以公开 in 予以公开和部分公开合计), and the total of its
        table row (all applications, when those of 自然人 are not given)."""
        metric = self.metric(key)
        name = metric.name.split("（")[0] if metric else ""
        holding = [f for f in self.facts(report_id) if name and name in f.metric_name and f.metric_key != key
                   and f.value is not None and not f.metric_key.startswith("table")][:2]
        cell = self.cell_of(key) or ""
        row_total = self.fact(self.prose_key(cell.rsplit(".", 1)[0] + ".total"), report_id) \
            if cell.startswith("table") and not cell.endswith(".total") else None
        return holding + ([row_total] if row_total else [])

    def prose_key(self, cell: str) -> str:
        """The prose metric reporting the same quantity as a cell (table3.granted.total → requests.granted,
        the old 统计表's table_old.granted.year too)."""
        return next((m.key for m in self._metrics.values() if cell in (m.cell, m.old_cell)), cell)

    def cumulative_of(self, key: str) -> Optional[str]:
        """The 历年累计 cell of the pre-2019 统计表 beside a metric's 本年度 cell, if the catalogue has one."""
        metric = self.metric(key)
        old = metric.old_cell if metric and metric.old_cell else (key if key.startswith("table_old.") else None)
        cumulative = old.rsplit(".", 1)[0] + ".cumulative" if old else None
        return cumulative if cumulative and self.metric(cumulative) else None

    def yearly_of(self, key: str) -> Optional[str]:
        """The 本年度 figure of the row whose 历年累计 cell this is, or of the metric itself (as named in prose)."""
        cumulative = self.cumulative_of(key)
        return self.prose_key(cumulative.rsplit(".", 1)[0] + ".year") if cumulative else None

    def sums_the_row_of(self, whole: str, part: str) -> bool:
        """Whether a figure's table row is a group (（五）不予处理) that sums the other figure's row
        (1.信访举报投诉类申请)."""
        def row(key: str) -> str:
            return (self.cell_of(key) or key).rsplit(".", 1)[0]
        return row(part) in self._cell_names.row_groups.get(row(whole), ())

    def rows_summed_by(self, key: str, report_id: str) -> List[Fact]:
        """The stated figures of the rows a table row adds up, in the figure's column (不予处理 → 信访举报投诉类,
        重复申请 …); [] for a row that adds up none, or a report that does not state them."""
        row, _, column = (self.cell_of(key) or "").rpartition(".")
        facts = [self.fact(f"{sub}.{column}", report_id) for sub in self._cell_names.row_groups.get(row, ())]
        facts = [f if f is not None and f.value is not None else self._row_sum_fact(f"{sub}.{column}", report_id)
                 for f, sub in zip(facts, self._cell_names.row_groups.get(row, ()))]
        return [f for f in facts if f is not None and f.value is not None]

    def _row_sum_fact(self, key: str, report_id: str) -> Optional[Fact]:
        """A 总计 cell the report leaves blank, as the sum of its row's stated cells (added up here)."""
        summed = self.row_sum(self.cell_of(key) or key, report_id)
        if not summed:
            return None
        total, cells = summed
        metric = self.metric(key)
        return _added_up(key, metric.name if metric else key, total, cells[0], [c.cell for c in cells], [])

    def stated_or_added_up(self, key: str, report_id: str) -> Optional[Fact]:
        """The figure of a metric, or, where its 总计 cell is left blank, its row's stated cells added up."""
        fact = self.fact(key, report_id)
        if fact is not None and fact.value is not None:
            return fact
        return self._row_sum_fact(key, report_id) or fact

    def row_adding_up(self, key: str) -> Optional[str]:
        """The figure of the table row that adds up the figure's row (重复申请 → 不予处理), same column."""
        row, _, column = (self.cell_of(key) or "").rpartition(".")
        whole = next((g for g, parts in self._cell_names.row_groups.items() if row in parts), None)
        return self.prose_key(f"{whole}.{column}") if whole else None

    def cell_of(self, key: str) -> Optional[str]:
        """The table cell holding the same quantity as a metric (the cell itself for a cell)."""
        metric = self.metric(key)
        return key if key.startswith("table") else (metric.cell if metric else None)

    def row_sum(self, key: str, report_id: str) -> Optional[tuple]:
        """(sum, cell facts) of a 表三 row's applicant cells, for a 总计 cell the report leaves blank."""
        if not (key.startswith("table3.") and key.endswith(".total")):
            return None
        row = key[:-len("total")]
        columns = self._cell_names.row_columns.get(row.rstrip("."), ())
        parts = [self.fact(row + column, report_id) for column in columns if column != "total"]
        stated = [f for f in parts if f is not None and f.value is not None]
        return (sum(f.value for f in stated), stated) if stated else None

    # ------------------------------------------------------------------ facts
    def _conflict_index(self, report_id: Optional[str]) -> Dict[tuple, List[tuple]]:
        """(report id, metric key) → [(conflict id, description)] of the conflicts naming that key."""
        sql = "select id, report_id, metrics, description from conflicts where severity in (?, ?) order by id"
        index: Dict[tuple, List[tuple]] = {}
        for r in self._rows(sql, SHOWN_SEVERITIES):
            if report_id and r["report_id"] != report_id:
                continue
            for key in json.loads(r["metrics"]):
                index.setdefault((r["report_id"], key), []).append((r["id"], r["description"]))
        return index

    def _equivalent_keys(self, key: str) -> List[str]:
        """The key, then the keys of the same quantity: a prose metric's table cells (表二/三/四's, the old
        统计表's), a cell's prose metric and that metric's other cell."""
        metric = self.metric(key)
        keys = [key] + ([metric.cell, metric.old_cell] if metric else [])
        for m in self._metrics.values():
            if key in (m.cell, m.old_cell):
                keys += [m.key, m.cell, m.old_cell]
        keys += [same for k in keys if k for same in self._same_cells(k)]
        return list(dict.fromkeys(k for k in keys if k))

    def words_of_the_parts(self, cell: str) -> List[str]:
        """The names of the columns a heading's cell adds up (法人或其他组织: 商业企业, 科研机构 …), none for a
        plain cell."""
        if not cell.startswith("table") or cell.count(".") != 2:
            return []
        table, _, column = cell.split(".")
        parts = self._cell_names.column_groups.get(f"{table}.{column}", ())
        return [w for part in parts for w in self._cell_names.columns.get(f"{table}.{part}", ())]

    def _same_cells(self, cell: str) -> List[str]:
        """The cells of another table format that count the same quantity (表二's 本年新制作数量 of the
        2019 format and 本年制发件数 of the 2021 format)."""
        if not cell.startswith("table") or cell.count(".") != 2:
            return []
        table, row, column = cell.split(".")
        spec = self._catalogue.tables.get(table)
        if spec is None:
            return []
        same = [c for c, data in spec.columns.items()
                if c != column and (data.get("same_as") == column or spec.columns.get(column, {}).get("same_as") == c)]
        return [f"{table}.{row}.{c}" for c in same]

    def _related_keys(self, key: str) -> List[str]:
        """Equivalent keys and the cells a total is the sum of: the keys whose conflicts concern the key."""
        metric = self.metric(key)
        return list(dict.fromkeys(self._equivalent_keys(key) + list(metric.cells if metric else ())))

    def _fact(self, row, titles, conflicts, as_key: Optional[str] = None) -> Fact:
        key = as_key or row["metric_key"]
        metric = self.metric(key)
        title, parts = titles.get(row["report_id"], ("", {}))
        notes = sorted({n for k in self._related_keys(key) for n in conflicts.get((row["report_id"], k), [])})
        return Fact(metric_key=key, metric_name=metric.name if metric else key, value=_number(row["value"]),
                    text=row["text"], unit=row["unit"], qualifier=row["qualifier"], report_id=row["report_id"],
                    part=row["part"], section=row["section"], sentence=row["sentence"],
                    source_kind=row["source_kind"], cell=row["cell"], conflicts=[n for _, n in notes],
                    clause=row["clause"], report_title=title, part_title=parts.get(str(row["part"])),
                    approximate=row["approximate"])

    def facts(self, report_id: Optional[str] = None) -> List[Fact]:
        """Every stored fact (of one report, or of all), in report order."""
        sql = "select * from facts" + (" where report_id = ?" if report_id else "") + " order by report_id, position, id"
        titles, conflicts = self._titles(), self._conflict_index(report_id)
        return [self._fact(r, titles, conflicts) for r in self._rows(sql, (report_id,) if report_id else ())]

    def stated_facts(self, metric_key: str, report_id: str) -> List[Fact]:
        """Every figure stated under the metric in the report: usually one, sometimes several (a
        report that counts 咨询 in two places, 15564件 and 11条)."""
        titles, conflicts = self._titles(), self._conflict_index(report_id)
        return [self._fact(r, titles, conflicts) for r in self._fact_rows(metric_key, report_id)]

    def _fact_rows(self, metric_key: str, report_id: str) -> List[sqlite3.Row]:
        return self._rows("select * from facts where report_id = ? and metric_key = ? order by position, id",
                          (report_id, metric_key))

    def fact(self, metric_key: str, report_id: Optional[str] = None) -> Optional[Fact]:
        """The figure of a metric in a report: as stated under that key, else the same quantity stated
        elsewhere (the matching table cell for a prose figure, the prose figure for a cell)."""
        if report_id is None:
            latest = self.report()
            if latest is None:
                return None
            report_id = latest.id
        titles, conflicts = self._titles(), self._conflict_index(report_id)
        for key in self._equivalent_keys(metric_key):
            rows = self._fact_rows(key, report_id)
            if rows:
                return self._fact(rows[0], titles, conflicts, as_key=metric_key)
        return self._sum_of_cells(metric_key, report_id, titles, conflicts)

    def _sum_of_cells(self, key, report_id, titles, conflicts) -> Optional[Fact]:
        metric = self.metric(key)
        if not metric or not metric.cells:
            return None
        rows = [self._rows("select * from facts where report_id = ? and metric_key = ? order by position limit 1",
                           (report_id, c)) for c in metric.cells]
        if not all(rows):
            return None
        cells = [r[0] for r in rows]
        first = self._fact(cells[0], titles, conflicts, as_key=key)
        return _added_up(key, metric.name, sum(c["value"] for c in cells), first, [c["cell"] for c in cells],
                         first.conflicts)

    def parts_of(self, fact: Fact) -> List[Fact]:
        """The stated figures a figure was added up from when the report does not state it itself: a
        table's group row （三）不予公开 from its sub-rows, a total of several cells, a prose total from the
        parts the report names (行政诉讼 = 直接起诉 + 复议后起诉); [] for a figure the report states."""
        metric = self.metric(fact.metric_key)
        titles, conflicts = self._titles(), self._conflict_index(fact.report_id)
        table, _, column = fact.metric_key.rpartition(".")
        group = self._cell_names.column_groups.get(f"{table.split('.')[0]}.{column}")
        if fact.source_kind == "table" and group:
            rows = [r for col in group for r in self._first_row(fact.report_id, f"{table}.{col}", "table")]
        elif fact.source_kind == "table" and fact.cell and GROUP_TOTAL in fact.cell:
            head, tail = fact.cell.split(GROUP_TOTAL, 1)
            rows = [r for r in self._rows("select * from facts where report_id = ? and source_kind = 'table' "
                                          "order by position", (fact.report_id,))
                    if r["cell"].startswith(head + " ") and r["cell"].endswith(tail)]
        elif fact.qualifier == SUM_QUALIFIER and fact.source_kind == "table" and metric:
            rows = [r for key in metric.cells for r in self._first_row(fact.report_id, key, "table")]
        elif fact.source_kind == "prose" and metric and metric.cells and fact.clause:
            keys = [m.key for c in metric.cells for m in self._metrics.values() if m.cell == c]
            rows = [r for key in keys for r in self._first_row(fact.report_id, key, "prose")]
            rows = [r for r in rows if r["clause"] in fact.clause.split("；")]
            if {r["clause"] for r in rows} != set(fact.clause.split("；")):
                return []
        else:
            return []
        return [self._fact(r, titles, conflicts) for r in rows]

    def _first_row(self, report_id: str, key: str, source_kind: str) -> List[sqlite3.Row]:
        return self._rows("select * from facts where report_id = ? and metric_key = ? and source_kind = ? "
                          "order by position, id limit 1", (report_id, key, source_kind))

    # ------------------------------------------------------------------ sections and conflicts
    def section(self, report_id: str, part: int, sub: Union[int, str, None] = None) -> Optional[Section]:
        """A part (sub None) or a sub-section: by number （一）=1, or by a word of its title."""
        rows = self._rows("select * from sections where report_id = ? and part = ? order by id", (report_id, int(part)))
        titles = self._titles()
        for r in rows:
            if self._sub_matches(r, sub):
                return Section(r["report_id"], r["part"], r["sub"], r["label"], r["title"], r["text"],
                               titles.get(report_id, ("", {}))[0])
        return None

    def _what_is_asked(self, text: str, report_id: str, also: Sequence[str] = ()) -> str:
        """The question without the report's body name and years (and the words `also`): they say which
        report, not what in it."""
        report = next((r for r in self.reports() if r.id == report_id), None)
        forms = [f for f in (name_forms(report.body) if report else []) if f in text]
        said = self._report_text(report_id) if forms else ""
        for form in forms:
            text = re.sub(re.escape(form), lambda m: m.group(0) if _in_a_longer_name(m, said) else " ", text)
        for word in also:
            text = text.replace(word, " ")
        return YEARS.sub(" ", self.in_full(text, report_id))

    def in_full(self, text: str, report_id: str) -> str:
        """"征地的有多少条" → "征收或征用土地的有多少条": each two-character noun the report never uses, written
        as the one stretch of a clause of the report that begins with its first character and ends with its
        second (an abbreviation's full form), when there is just one such stretch; a word the laws use is a word
        of its own."""
        said = self._report_text(report_id)
        for word in (w for w in content_nouns(text) if len(w) == 2 and w not in said and w not in self._law_text):
            spans = set(re.findall(f"{re.escape(word[0])}[^，。；、：,;:的]{{1,{FULL_FORM_GAP}}}?{re.escape(word[1])}", said))
            if len(spans) == 1:
                text = text.replace(word, spans.pop())
        return text

    def _report_sentences(self, report_id: str) -> tuple:
        """The report's sentence rows and their ranker, built once."""
        return self._ranker(f"report:{report_id}", lambda: self._rows(
            "select * from sentences where report_id = ? order by id", (report_id,)))

    def _report_text(self, report_id: str) -> str:
        return "".join(row["text"] for row in self._report_sentences(report_id)[0])

    def words_unused(self, words: Sequence[str], report_id: str) -> List[str]:
        """The words the report's sentences never use, nor, for a longer word, any two characters of it."""
        text = self._report_text(report_id)
        return [w for w in words if not holds(text, w)]

    def figure_words(self, report_id: str) -> str:
        """The names, cells and synonyms of the figures the report states (a table's figures are named in no
        sentence: 法院 is 表四's, 公益组织 表三's), gathered once per report."""
        cache = self.__dict__.setdefault("_figure_words", {})
        if report_id not in cache:
            facts = self.facts(report_id)
            stated = {f.metric_key for f in facts}
            cache[report_id] = "".join(f"{f.metric_name}{f.cell or ''}" for f in facts) \
                + "".join(m.name + "".join(m.synonyms) for m in self.metrics() if m.key in stated)
        return cache[report_id]

    def words_only_in(self, text: str, report_id: str, others: Sequence[str]) -> List[str]:
        """Stretches of two or three characters of the question that the report's sentences use and no
        other report's do ("好差评" of 上海市人民政府办公厅's, which 江苏省民政厅's never uses)."""
        own, elsewhere = self._report_text(report_id), [self._report_text(o) for o in others]
        runs = re.split(r"[\s，。？！、,.?!；;：:]+", text or "")
        stretches = {run[i:i + n] for run in runs for n in (2, 3) for i in range(len(run) - n + 1)}
        return sorted(w for w in stretches if w in own and not any(w in t for t in elsewhere))

    def section_named(self, text: str, report_id: str) -> Optional[Passage]:
        """A short section whose title holds a stretch of the question (four characters or more) that no
        other section's title holds ("依申请公开办得怎么样": 三、政府信息依申请公开工作情况), as one passage."""
        text = self._what_is_asked(text, report_id, EVERY_QUESTIONS_SUBJECT)
        rows = [r for r in self._rows("select * from sections where report_id = ? and part > 0 order by id", (report_id,))
                if r["title"] and r["text"]]
        holding = [r for r in rows if _shares_a_stretch(text, r["title"])]
        if len(holding) != 1 or len(holding[0]["text"]) > SECTION_LIMIT:
            return None
        row = holding[0]
        where = self.section(report_id, row["part"], row["sub"])
        return Passage("sentence", row["text"], 0.0, where.source if where else "", report_id, part=row["part"])

    @staticmethod
    def _sub_matches(row, sub) -> bool:
        if sub is None:
            return row["sub"] is None
        if row["sub"] is None:
            return False
        if isinstance(sub, int) or str(sub).isdigit():
            return row["sub"] == int(sub)
        number = to_number(str(sub).strip("（）()"))
        return row["sub"] == number if number else str(sub) in row["title"]

    def conflicts(self, report_id: Optional[str] = None, include_notes: bool = False) -> List[Conflict]:
        """Conflicts and unreadable table rows (and, with include_notes, notes such as a missing table)."""
        sql = "select * from conflicts" + (" where report_id = ?" if report_id else "") + " order by report_id, id"
        rows = self._rows(sql, (report_id,) if report_id else ())
        return [Conflict(r["id"], r["report_id"], r["kind"], r["severity"], r["subject"], r["description"], r["part"],
                         tuple(json.loads(r["metrics"])), json.loads(r["details"]))
                for r in rows if include_notes or r["severity"] in SHOWN_SEVERITIES]

    def numbers(self, report_id: str, unassigned_only: bool = False) -> List[dict]:
        """Every number with a unit in the report's prose, with the metric it was assigned to (or None)."""
        sql = "select part, sub, sentence, raw, value, unit, metric_key from numbers where report_id = ?"
        sql += " and metric_key is null" if unassigned_only else ""
        return [{**dict(r), "value": _number(r["value"])} for r in self._rows(sql + " order by id", (report_id,))]

    def _table_formats(self, report_id: str) -> Dict[str, str]:
        """The format each table of a report is printed in (表二: "2019")."""
        return {r["table_key"]: r["format"] for r in self._rows(
            "select distinct table_key, format from table_rows where report_id = ?", (report_id,))}

    def table_rows(self, report_id: str) -> List[dict]:
        """Each table row of a report as the parser read it (its tokens, cells and candidate splits): for
        checking the parser; answers use facts."""
        rows = self._rows("select * from table_rows where report_id = ? order by id", (report_id,))
        return [{**dict(r), "tokens": json.loads(r["tokens"]), "cells": json.loads(r["cells"]),
                 "candidates": json.loads(r["candidates"])} for r in rows]

    # ------------------------------------------------------------------ laws
    @cached_property
    def _laws(self) -> Dict[str, dict]:
        return {r["short"]: {**dict(r), "aliases": json.loads(r["aliases"])}
                for r in self._rows("select * from laws order by position")}

    def law_short(self, law: str) -> Optional[str]:
        """The short name (条例, 行政复议法, 行政诉讼法, 最高法规定) of a law named any usual way."""
        name = (law or "").strip("《》 ")
        for short, row in self._laws.items():
            if name in (short, row["title"]) or name in row["aliases"]:
                return short
        return next((s for s, r in self._laws.items() if name and (name in r["title"] or r["title"].endswith(name))), None)

    def _article(self, row) -> Article:
        return Article(row["law"], self._laws[row["law"]]["title"], row["number"], row["label"], row["chapter"],
                       row["text"], tuple(json.loads(row["topics"])), row["section"])

    def article(self, law: str, number: Union[int, str]) -> Optional[Article]:
        short = self.law_short(law)
        if short is None:
            return None
        value = number if isinstance(number, int) else to_number(str(number).strip().strip("第条"))
        rows = self._rows("select * from law_articles where law = ? and number = ?", (short, value))
        return self._article(rows[0]) if rows else None

    def articles(self, law: str) -> List[Article]:
        short = self.law_short(law)
        return [self._article(r) for r in self._rows("select * from law_articles where law = ? order by number", (short,))]

    def topics(self) -> List[str]:
        return [r["key"] for r in self._rows("select key from topics order by position")]

    def topic(self, key: str) -> Optional[dict]:
        rows = self._rows("select * from topics where key = ?", (key,))
        return {**dict(rows[0]), "synonyms": json.loads(rows[0]["synonyms"]), "articles": json.loads(rows[0]["articles"])} if rows else None

    def articles_for_topic(self, topic: str) -> List[Article]:
        """The articles tagged with a topic, the main one first."""
        rows = self._rows("select a.* from article_topics t join law_articles a on a.law = t.law and a.number = t.number "
                          "where t.topic = ? order by t.rank", (topic,))
        return [self._article(r) for r in rows]

    def procedure_topics(self, text: str) -> List[Tuple[str, float]]:
        """Every procedure topic that the question's words match, best first, with its score
        (knowledge/topics.py: the topic's name, synonyms and descriptors, and the text it quotes)."""
        return self._topic_ranker().rank(text or "")

    def law_question_alike(self, text: str) -> Tuple[str, float]:
        """The topic of the citizens' question (law_questions.yml) most like the text, and how alike
        they are (TopicRanker.alike)."""
        return self._topic_ranker().alike(text or "")

    def situations(self, text: str) -> List[str]:
        """The law's topics whose situation the text describes in the citizen's words."""
        return self._topic_ranker().situations(text or "")

    def _topic_ranker(self) -> TopicRanker:
        if "_topic_ranking" not in self.__dict__:
            rows = self._rows("select t.*, a.text as article_text, a.label as article_label from topics t "
                              "join article_topics r on r.topic = t.key and r.rank = 0 "
                              "join law_articles a on a.law = r.law and a.number = r.number order by t.position")
            self.__dict__["_topic_ranking"] = TopicRanker([TopicText(
                r["key"], (r["name"], *json.loads(r["synonyms"]), *json.loads(dict(r).get("descriptors") or "[]")),
                focus_part(r["article_text"], r["article_label"], dict(r).get("focus") or "")[1],
                tuple(json.loads(dict(r).get("patterns") or "[]")),
                tuple(json.loads(dict(r).get("questions") or "[]"))) for r in rows],
                [r["text"] for r in self._rows("select text from law_articles order by law, number")], self._terms)
        return self.__dict__["_topic_ranking"]

    def law_articles_ranked(self, text: str, limit: int = 5) -> List[Tuple[Article, ArticleMatch]]:
        """Every article of the laws ranked against the question, its best paragraph or item named
        (knowledge/topics.py ArticleRanker: the text, and the words of the topics that quote it)."""
        if "_article_ranker" not in self.__dict__:
            rows = self._rows("select * from law_articles order by law, number")
            vocabulary: Dict[tuple, list] = {}
            for r in self._rows("select t.name, t.synonyms, t.descriptors, r.law, r.number from topics t "
                                "join article_topics r on r.topic = t.key and r.rank = 0"):
                vocabulary.setdefault((r["law"], r["number"]), []).extend(
                    [r["name"], *json.loads(r["synonyms"]), *json.loads(r["descriptors"] or "[]")])
            articles = {(r["law"], r["number"]): self._article(r) for r in rows}
            for r in rows:
                vocabulary.setdefault((r["law"], r["number"]), []).extend(json.loads(dict(r).get("words") or "[]"))
            ranker = ArticleRanker([ArticleText(key, tuple(w for _, w in article_parts(a.text, a.label)),
                                                tuple(vocabulary.get(key, ()))) for key, a in articles.items()],
                                   self._terms)
            self.__dict__["_article_ranker"] = (articles, ranker)
        articles, ranker = self.__dict__["_article_ranker"]
        return [(articles[m.key], m) for m in ranker.rank(text or "", limit)]

    def time_limits(self) -> List[dict]:
        return [dict(r) for r in self._rows("select * from time_limits order by rowid")]

    def fee_standard(self) -> dict:
        """The 信息处理费 standard (国办函〔2020〕109号) as data: tiers, summary, and its `source` label."""
        rows = self._rows("select data from fee_standard where key = 'standard'")
        return json.loads(rows[0]["data"]) if rows else {}

    @cached_property
    def _law_text(self) -> str:
        return "".join(r["text"] for r in self._rows("select text from law_articles"))

    # ------------------------------------------------------------------ search
    @cached_property
    def _terms(self) -> tuple:
        return tuple(r["term"] for r in self._rows("select term from terms where indexed = 1 order by term"))

    def terms(self) -> List[str]:
        """Catalogue names and synonyms and the procedure's terms, for jieba and the NLU lookup tables."""
        return [r["term"] for r in self._rows("select term from terms order by term")]

    def search(self, text: str, limit: int = 5, kind: Optional[str] = None) -> List[Passage]:
        """Report sentences and law articles that share the most words with the text (jieba words,
        prefix-matched), ties broken by BM25."""
        words = query_words(text or "", self._terms)
        if not words:
            return []
        query, pool = _fts_query(words), max(limit * 8, 40)
        scored = []
        if kind in (None, "sentence"):
            scored += [(self._coverage(r["seg"], words), r["score"], "sentence", r) for r in self._matches("sentences", query, pool)]
        if kind in (None, "article"):
            scored += [(self._coverage(r["seg"], words), r["score"], "article", r) for r in self._matches("law_articles", query, pool)]
        scored.sort(key=lambda s: (-s[0], -s[1], s[2], s[3]["id"]))
        return [self._passage(kind_, row, coverage + score) for coverage, score, kind_, row in scored[:limit]]

    def _ranker(self, key: str, rows_of) -> tuple:
        cache = self.__dict__.setdefault("_rankers", {})
        if key not in cache:
            rows = rows_of()
            cache[key] = (rows, Ranker([r["text"] for r in rows], self._terms))
        return cache[key]

    def passages(self, text: str, report_id: str, limit: int = 3) -> List[Passage]:
        """The report's sentences that best answer the text (BM25 over words and character bigrams);
        the body's name and the year in the question say nothing about which sentence, and the
        preamble (what the report is, its period) answers only when nothing else does."""
        rows, ranker = self._report_sentences(report_id)
        ranked = ranker.rank(self._what_is_asked(text, report_id), limit + 3)
        ranked.sort(key=lambda r: -(r.score * (PREAMBLE_WEIGHT if rows[r.index]["part"] == 0 else 1)))
        return [self._passage("sentence", _with_what_follows(rows, r.index), round(r.score, 6), r.coverage)
                for r in ranked[:limit]]

    def sentences_beside(self, passage: Passage) -> List[Passage]:
        """The sentences right before and after a report sentence in its section ("其中，区直各部门1822条。"
        "各乡镇1638条。": figures stated side by side across a full stop)."""
        rows = self._rows("select * from sentences where report_id = ? and text = ?", (passage.report_id, passage.text))
        if not rows:
            return []
        row = rows[0]
        beside = self._rows("select * from sentences where report_id = ? and part = ? and sub = ? and idx in (?, ?) "
                            "order by id", (row["report_id"], row["part"], row["sub"], row["idx"] - 1, row["idx"] + 1))
        return [self._passage("sentence", r, 0.0) for r in beside]

    def sentences_matching(self, pattern: str, report_id: str) -> List[Passage]:
        """The report's sentences a regular expression finds, in the report's order."""
        found = re.compile(pattern)
        return [self._passage("sentence", row, 0.0) for row in self._report_sentences(report_id)[0]
                if found.search(row["text"])]

    def contact_details(self, report_id: str) -> List[Passage]:
        """The report's own contact details (address, telephone, fax, e-mail), each clause quoted from
        where it starts; the preamble's first."""
        rows = self._rows("select * from sentences where report_id = ? order by part = 0 desc, id", (report_id,))
        out = []
        for row in rows:
            found = _CONTACT.search(row["text"])
            if found:
                start = found.start()
                clause = row["text"][start:start + CONTACT_LIMIT]
                out.append(self._passage("sentence", {**dict(row), "text": clause}, 0.0))
        return out[:CONTACT_PASSAGES]

    def ranked_articles(self, text: str, limit: int = 3) -> List[Passage]:
        """The law articles that best answer the text."""
        rows, ranker = self._ranker("laws", lambda: self._rows("select * from law_articles order by law, number"))
        return [self._passage("article", rows[r.index], round(r.score, 6), r.coverage)
                for r in ranker.rank(text, limit)]

    @staticmethod
    def _coverage(seg: str, words: List[str]) -> int:
        tokens = seg.split()
        return sum(any(t.startswith(w) for t in tokens) for w in words)

    def _matches(self, table: str, query: str, limit: int):
        return self._rows(f"select t.*, -bm25({table}_fts) as score from {table}_fts join {table} t "
                          f"on t.rowid = {table}_fts.rowid where {table}_fts match ? order by score desc, t.id limit ?",
                          (query, limit))

    def _passage(self, kind: str, row, score: float, coverage: float = 0.0) -> Passage:
        if kind == "article":
            return Passage("article", row["text"], round(score, 6), self._article(row).source, law=row["law"],
                           article=row["number"], coverage=coverage)
        section = self.section(row["report_id"], row["part"], row["sub"]) if row["part"] else None
        where = section.source if section else f"{self._titles().get(row['report_id'], ('',))[0]} 前言"
        return Passage("sentence", row["text"], round(score, 6), where, row["report_id"], part=row["part"],
                       coverage=coverage)
