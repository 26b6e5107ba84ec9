"""Builds the knowledge base: one SQLite file (sqlite-utils) from the report files, the laws and the
catalogue. Deterministic (rows inserted in sorted order, no timestamps), skipped when the inputs are
unchanged, and atomic: the new file is written next to the old one and os.replace()d over it."""
import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import sqlite_utils

from knowledge import catalogue as catalogue_module
from knowledge.laws import fee_standard, law_terms, load_laws, time_limits, topic_rows, topics
from knowledge.parse.report import ParsedReport, ReportError, parse_report
from knowledge.parse.split import value
from knowledge.parse.years import settle_across_years
from knowledge.paths import CATALOGUE_DIR, PACKAGE_DIR, REPORTS_DIR, SOURCES_DIR, db_path, report_files
from knowledge.schema import COLUMNS, REPORT_TABLES, SCHEMA_VERSION
from knowledge.segment import index_text



class BuildError(Exception):
    """The inputs cannot be built into a knowledge base; the old one, if any, is left as it was."""


@dataclass
class BuildResult:
    path: Path
    skipped: bool
    input_hash: str
    counts: Dict[str, int] = field(default_factory=dict)
    reports: List[ParsedReport] = field(default_factory=list)


def _inputs(reports_dir: Path) -> List[Path]:
    reports = [p for r in report_files(reports_dir) for p in (r, r.with_suffix(".yml")) if p.exists()]
    code = sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    data = sorted(CATALOGUE_DIR.glob("*.yml")) + sorted(SOURCES_DIR.glob("*.md"))
    return reports + data + code


def input_hash(reports_dir: Path = REPORTS_DIR) -> str:
    """SHA-256 over the schema version and the name and bytes of every input, code included."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in _inputs(Path(reports_dir)):
        name = path.relative_to(PACKAGE_DIR).as_posix() if path.is_relative_to(PACKAGE_DIR) else path.name
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def stored_hash(path: Path) -> Optional[str]:
    if not Path(path).exists():
        return None
    try:
        with sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True) as conn:
            rows = dict(conn.execute("select key, value from meta").fetchall())
    except sqlite3.Error:
        return None
    return rows.get("input_hash") if rows.get("schema_version") == SCHEMA_VERSION else None


def parse_reports(reports_dir: Path, cat) -> List[ParsedReport]:
    files = report_files(reports_dir)
    reports = []
    for path in files:
        try:
            reports.append(parse_report(path, cat))
        except ReportError as error:
            raise BuildError(str(error)) from error
    _check_unique_reports(reports)
    settle_across_years(reports, cat)
    return reports


def _check_unique_reports(reports: List[ParsedReport]):
    seen = {}
    for r in reports:
        key = (r.meta.body, r.meta.year)
        if key in seen:
            raise BuildError(f"{seen[key]} 与 {r.source_file} 是同一机关同一年度（{key[0]}{key[1]}年）的报告，"
                             f"请只保留一份。")
        seen[key] = r.source_file


def build(path=None, reports_dir: Path = REPORTS_DIR, force: bool = False) -> BuildResult:
    """Builds the knowledge base at `path` (default .build/knowledge.db or $ZWGK_KB)."""
    target = db_path(path)
    digest = input_hash(reports_dir)
    if not force and stored_hash(target) == digest:
        return BuildResult(target, True, digest)
    cat = catalogue_module.load()
    laws = load_laws()
    reports = parse_reports(Path(reports_dir), cat)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        counts = write(Path(temp), cat, laws, reports, digest)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return BuildResult(target, False, digest, counts, reports)


def all_terms(cat, topic_data: dict) -> List[str]:
    words = set(law_terms())
    for m in cat.metrics:
        words.add(m.name)
        words.update(m.synonyms)
    for t in topic_data.values():
        words.add(t["name"])
        words.update(t.get("synonyms", []))
    return sorted(w for w in words if w and 2 <= len(w) <= 16)


def index_terms(terms: List[str], laws, reports: List[ParsedReport]) -> tuple:
    """The terms that occur in the indexed texts: the jieba dictionary of the full-text index. Question
    phrases (怎么申请) stay out of it, so a question is cut into words the texts contain."""
    texts = [a.text for law in laws.values() for a in law.articles] + \
            [s.text for r in reports for s in r.doc.sentences]
    corpus = "\n".join(texts)
    return tuple(t for t in terms if t in corpus)


def write(path: Path, cat, laws, reports: List[ParsedReport], digest: str) -> Dict[str, int]:
    Path(path).unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA synchronous = OFF")      # a temp file: made durable by the final commit and replace
    db.execute("PRAGMA journal_mode = MEMORY")
    topic_data = topics()
    terms = all_terms(cat, topic_data)
    jieba_terms = index_terms(terms, laws, reports)
    _write_metrics(db, cat)
    _write_laws(db, laws, topic_data, jieba_terms)
    _insert(db, "time_limits", _time_limit_rows(laws), pk="key")
    _insert(db, "fee_standard", [{"key": "standard", "data": json.dumps(fee_standard(laws), ensure_ascii=False, sort_keys=True)}],
            pk="key")
    _insert(db, "terms", [{"term": t, "indexed": int(t in jieba_terms)} for t in terms], pk="term")
    for report in sorted(reports, key=lambda r: r.id):
        _write_report(db, report, jieba_terms)
    _ensure_report_tables(db)
    db["sentences"].enable_fts(["seg"], fts_version="FTS5", create_triggers=False)
    db["law_articles"].enable_fts(["seg"], fts_version="FTS5", create_triggers=False)
    counts = {t: db[t].count for t in ("reports", "facts", "sentences", "law_articles", "conflicts", "metrics")}
    meta = {"schema_version": SCHEMA_VERSION, "input_hash": digest,
            **{f"count_{k}": str(v) for k, v in counts.items()}}
    _insert(db, "meta", [{"key": k, "value": v} for k, v in sorted(meta.items())], pk="key")
    db.conn.commit()
    db.conn.execute("VACUUM")
    db.close()
    return counts


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _write_metrics(db, cat):
    rows = [{"key": m.key, "position": i, "name": m.name, "kind": m.kind, "unit": m.unit, "units": _j([u for u in m.units if u]), "synonyms": _j(list(m.synonyms)),
             "source": m.source, "grp": m.group, "cell": m.cell, "cells": _j(list(m.cells)), "old_cell": m.old_cell,
             "in_nlu": int(m.in_nlu)}
            for i, m in enumerate(cat.metrics)]
    _insert(db, "metrics", rows, pk="key")


def _write_laws(db, laws, topic_data, terms):
    _insert(db, "laws", [{"short": l.short, "position": i, "title": l.title, "file": l.file, "in_force": l.in_force,
                          "aliases": _j(l.aliases), "header": l.header} for i, l in enumerate(laws.values())], pk="short")
    rows, tags = [], []
    for law in laws.values():
        for a in law.articles:
            rows.append({"law": a.law, "number": a.number, "label": a.label, "chapter": a.chapter,
                         "section": a.section, "text": a.text, "topics": _j(a.topics), "words": _j(a.words),
                         "seg": index_text(a.text, terms)})
    _insert(db, "law_articles", [{"id": i + 1, **r} for i, r in enumerate(rows)], pk="id")
    for topic_position, (key, spec) in enumerate(topic_data.items()):
        rank = 0
        for law, numbers in spec["articles"].items():
            for number in numbers:
                tags.append({"topic": key, "law": law, "number": number, "rank": rank})
                rank += 1
    _insert(db, "topics", topic_rows(topic_data), pk="key")
    _insert(db, "article_topics", tags)


def _insert(db, table: str, rows: List[dict], **options) -> None:
    """Inserts rows into a table of knowledge/schema.py in its column order. A row whose columns are not
    the schema's is a mistake in this module, never a new column."""
    columns = COLUMNS[table]
    for row in rows:
        if set(row) != set(columns):
            raise BuildError(f"{table}: the row's columns {sorted(row)} are not the schema's {list(columns)}")
    db[table].insert_all([{c: row[c] for c in columns} for row in rows], **options)


def _time_limit_rows(laws):
    return [{"key": t["key"], "name": t["name"], "value": str(t["value"]), "unit": t["unit"], "law": t["law"],
             "article": t["article"], "label": t["label"], "quote": t["quote"], "source": t["source"]}
            for t in time_limits(laws)]


def _write_report(db, report: ParsedReport, terms):
    meta = report.meta
    formats = {t.spec.key: t.format.id for t in report.tables}
    row = _row("reports", meta, id=report.id, title=meta.title or f"{meta.body}{meta.year}年政府信息公开工作年度报告",
               source_file=report.source_file, file_format=report.file_format, table_formats=_j(formats),
               part_titles=_j({str(s.part): s.title for s in report.doc.sections if s.sub is None}))
    _insert(db, "reports", [row], pk="id")
    _append(db, "sections", [_row("sections", s, report_id=report.id) for s in report.doc.sections])
    _append(db, "sentences", [_row("sentences", s, report_id=report.id, idx=s.index, seg=index_text(s.text, terms))
                              for s in report.doc.sentences])
    _append(db, "numbers", [_row("numbers", n, report_id=report.id) for n in report.numbers])
    _append(db, "facts", [_row("facts", f, report_id=report.id) for f in report.facts])
    _append(db, "table_rows", [_row("table_rows", r, report_id=report.id, table_key=t.spec.key, format=t.format.id,
                                    origin=t.origin, row_key=r.row.key, label=r.row.label, raw=r.raw.strip(),
                                    tokens=_j(r.tokens), cells=_j(_row_cells(r)), candidates=_j(r.candidates[:50]))
                               for t in report.tables for r in t.rows])
    _append(db, "conflicts", [_row("conflicts", i, report_id=report.id, metrics=_j(i.metrics), details=_j(i.details))
                              for i in report.issues])


def _row(table: str, item, **given) -> dict:
    """A row of one of the report tables (knowledge/schema.py), in its column order: the values given,
    the others read from the item's attributes of the same name ("id" is left to _append)."""
    return {c: given[c] if c in given else getattr(item, c) for c in REPORT_TABLES[table] if c in given or c != "id"}


def _row_cells(row) -> Optional[dict]:
    """{column: value} of a table row as read; of a row with several readings, the cells settled anyway."""
    if row.values and len(row.values) == len(row.row.columns):
        return dict(zip(row.row.columns, row.values))
    if row.settled:
        return {c: value(t) for c, t in row.settled.items()}
    return None


def _append(db, table: str, rows):
    if not rows:
        return
    start = db[table].count + 1 if db[table].exists() else 1
    _insert(db, table, [{"id": start + i, **r} for i, r in enumerate(rows)], pk="id")


def _ensure_report_tables(db):
    """Every table exists even when no report has rows for it (an empty report directory)."""
    for name, columns in REPORT_TABLES.items():
        if not db[name].exists():
            db[name].create(columns, pk="id")
    db["facts"].create_index(["report_id", "metric_key"], if_not_exists=True)
    db["sentences"].create_index(["report_id", "part", "sub"], if_not_exists=True)
