"""One report file → metadata, structure, facts (prose, text items, table cells) and issues."""
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from knowledge.catalogue import Catalogue, MetricDef
from knowledge.parse.blocks import text_blocks
from knowledge.parse.formats import HTML_SUFFIXES, MARKDOWN_SUFFIXES, FormatError
from knowledge.parse.formats.markdown import markdown_blocks
from knowledge.parse.formats.pdf import pdf_blocks
from knowledge.parse.formats.word import docx_blocks
from knowledge.parse.html import html_blocks, looks_like_html
from knowledge.parse.issues import Issue
from knowledge.parse.numerals import cn_ordinal, number_text
from knowledge.parse.meta import ReportMeta, merge, meta_from_text, name_issues, read_sidecar
from knowledge.parse.prose import sentence_facts
from knowledge.parse.structure import Document, parse_structure
from knowledge.parse.indicators import old_table_source, parse_old_table, set_part
from knowledge.parse.prose_splits import settle_by_prose
from knowledge.parse.tables import (TableResult, has_table, holds_tables, national_tables_absent, parse_table,
                                    table_sources)
from knowledge.parse.textitems import text_facts

MIN_PARTS = 3
ENCODINGS = ("utf-8-sig", "gb18030")


class ReportError(Exception):
    """A file that cannot be taken into the knowledge base; the message says why, in Chinese."""


class UnreadableFile(ReportError):
    pass


class NotAReport(ReportError):
    pass


@dataclass
class FactRecord:
    metric_key: str
    value: Optional[float]
    text: Optional[str]
    unit: Optional[str]
    qualifier: Optional[str]
    part: int
    sub: Optional[int]
    section: Optional[str]
    sentence: Optional[str]
    clause: Optional[str]
    source_kind: str                 # prose | table | metadata
    cell: Optional[str] = None
    position: int = 0
    approximate: Optional[str] = None   # the marker of an approximate figure as written: 约 余 近 多 …


@dataclass
class NumberRecord:
    part: int
    sub: Optional[int]
    sentence: str
    raw: str
    value: float
    unit: str
    metric_key: Optional[str]


@dataclass
class ParsedReport:
    id: str
    source_file: str
    file_format: str
    meta: ReportMeta
    doc: Document
    facts: List[FactRecord]
    numbers: List[NumberRecord]
    tables: List[TableResult]
    issues: List[Issue] = field(default_factory=list)
    stated: List[FactRecord] = field(default_factory=list)   # prose, text and metadata facts
    notes: List[Issue] = field(default_factory=list)         # issues of the metadata, missing tables

    @property
    def blocking_issues(self) -> List[Issue]:
        from knowledge.parse.issues import BLOCKING
        return [i for i in self.issues if i.severity in BLOCKING]


def read_text(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnreadableFile(f"无法读取文件 {path}：{error.strerror or error}") from error
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"{path} 不是文本或HTML文件（含有二进制内容）。")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(f"{path} 的文字编码无法识别（既不是UTF-8也不是GB18030）。")


def _blocks(path: Path):
    """(blocks, the document's own title, format) of a report file of any accepted format."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return pdf_blocks(path), "", "pdf"
        if suffix == ".docx":
            return (*docx_blocks(path), "docx")
    except FormatError as error:
        raise UnreadableFile(str(error)) from error
    text = read_text(path)
    if suffix in MARKDOWN_SUFFIXES:
        return markdown_blocks(text), "", "markdown"
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return (*html_blocks(text), "html")
    return text_blocks(text), "", "text"


def section_label(doc: Document, part: int, sub: Optional[int]) -> Optional[str]:
    section = doc.section(part, sub) if sub else None
    return f"{section.label}{section.title}" if section else None


def _meta(path: Path, doc: Document, blocks, html_title: str):
    lines = doc.preamble + [b.text for b in blocks if b.kind == "line"]
    found = meta_from_text(lines, doc.signature, html_title)
    meta, disagreements = merge(found, read_sidecar(path))
    issues = name_issues(meta) + [Issue("metadata", "note", f"元数据 {k}",
                    f"报告正文中的{k}为“{a}”，元数据文件中为“{b}”，采用元数据文件。", 0, [], {"text": a, "sidecar": b})
              for k, a, b in disagreements]
    return meta, issues


def _validate(path: Path, meta: ReportMeta, doc: Document, catalogue: Catalogue, blocks):
    if not meta.body or not meta.year:
        raise NotAReport(f"{path.name} 看起来不是政府信息公开工作年度报告：没有找到“××××年政府信息公开工作年度报告”"
                         f"这样的标题（机关名称和年度）。")
    if len(doc.headings) < MIN_PARTS and not holds_tables(catalogue.tables, blocks):
        raise NotAReport(f"{path.name} 看起来不是政府信息公开工作年度报告：只找到{len(doc.headings)}个部分标题，"
                         f"年度报告应有“一、总体情况”至“六、其他需要报告的事项”六个部分。")


def _prose(catalogue: Catalogue, doc: Document):
    facts, numbers, stated = [], [], set()
    for index, s in enumerate(doc.sentences):
        found, mentioned = sentence_facts(catalogue, s.text)
        section = section_label(doc, s.part, s.sub)
        for f in found:
            if f.qualifier == "其中" and f.metric.key in stated:
                continue                # “其中…” of a figure the report already gave: a part of it
            stated.update([f.metric.key] if f.qualifier is None else [])
            facts.append(FactRecord(f.metric.key, f.value, None, f.unit, f.qualifier, s.part, s.sub, section,
                                    s.text, s.text[f.start:f.end], "prose", None, index * 1000 + f.start,
                                    f.approximate))
        numbers += [NumberRecord(s.part, s.sub, s.text, m.raw, m.value, m.unit, key) for m, key in mentioned]
    return facts, numbers


def _texts(catalogue: Catalogue, doc: Document, meta: ReportMeta) -> List[FactRecord]:
    out = []
    for f in text_facts(doc, catalogue.text_metrics):
        out.append(FactRecord(f.metric.key, None, f.text, None, None, f.part, f.sub,
                              section_label(doc, f.part, f.sub), f.sentence, None, "prose", None,
                              10_000_000 + len(out)))
    if meta.published and catalogue.metric("report.published"):
        out.append(FactRecord("report.published", None, meta.published, None, None, 0, None, None,
                              meta.published_line, None, "metadata", None, -1))
    return out


def _tables(catalogue: Catalogue, doc: Document, blocks, meta: ReportMeta) -> tuple:
    """(the tables of the report's year as read, notes on tables the report lacks)."""
    results, notes, claimed = [], [], set()
    specs = [catalogue.tables[key] for key in sorted(catalogue.tables)]
    if any(not spec.indicators and not spec.covers(meta.year) for spec in specs):
        notes.append(national_tables_absent(meta.year))
    for spec in (s for s in specs if s.covers(meta.year)):
        if spec.indicators:
            result, note = _old_table(spec, doc, blocks)
        else:
            result, note = _national_table(spec, doc, blocks, claimed, catalogue)
        results += [result] if result else []
        notes += [note] if note else []
    return results, notes


def _national_table(spec, doc: Document, blocks, claimed: set, catalogue: Catalogue):
    text, origin = table_sources(spec, doc.parts, blocks, claimed, catalogue.tables)
    if not has_table(text, spec):
        return None, Issue("missing_table", "note", f"{spec.name} {spec.title}",
                           f"报告第{cn_ordinal(spec.part)}部分没有{spec.title}的表格数据。", spec.part)
    return parse_table(spec, text, origin), None


def _old_table(spec, doc: Document, blocks):
    """The 统计表 of a report before 2019, in the part whose number it has in this report."""
    found = old_table_source(spec, doc.parts, doc.headings, blocks)
    if found is None:
        return None, Issue("missing_table", "note", spec.title, f"报告中没有{spec.title}。", 0)
    text, origin, part = found
    result = parse_old_table(set_part(spec, part), text, origin)
    if not result.rows:
        return None, Issue("missing_table", "note", spec.title, f"报告第{cn_ordinal(part)}部分没有{spec.title}的数据。", part)
    return result, None


def _cell_facts(tables: List[TableResult]) -> List[FactRecord]:
    facts = []
    for result in tables:
        part = result.spec.part
        for i, cell in enumerate(result.cells):
            facts.append(FactRecord(cell.key, cell.value, None, cell.unit, None, part, None, None, None,
                                    None, "table", cell.label, 20_000_000 + part * 10_000 + i))
    return facts


def _sum_of_stated(catalogue: Catalogue, facts: List[FactRecord]) -> List[FactRecord]:
    """A total the report does not state but gives in parts (诉讼 = 直接起诉 + 复议后起诉)."""
    out = []
    stated = {f.metric_key for f in facts}
    for metric in catalogue.metrics:
        if not metric.sum_of_stated or metric.key in stated:
            continue
        parts = [next(f for f in facts if f.metric_key == k) for k in metric.sum_of_stated if k in stated]
        parts = [p for p in parts if p.source_kind == "prose"]
        if not parts:
            continue
        first = parts[0]
        same = all(p.sentence == first.sentence for p in parts)
        out.append(FactRecord(metric.key, sum(p.value for p in parts), None, first.unit,
                              None if len(parts) == 1 else "各项合计", first.part, first.sub, first.section,
                              first.sentence if same else None, "；".join(p.clause for p in parts), "prose",
                              None, first.position + 1))
    return out


def _sum_of_cells(catalogue: Catalogue, facts: List[FactRecord], issues: List[Issue]) -> List[FactRecord]:
    """A figure that is the sum of several cells (诉讼 = 直接起诉 + 复议后起诉), from the cells the table
    states (a blank one adds nothing); none when a cell could not be read."""
    cells = {f.metric_key: f for f in facts if f.source_kind == "table"}
    unread = {k for i in issues if i.severity == "unreadable" for k in i.metrics}
    out = []
    for metric in catalogue.metrics:
        if len(metric.cells) < 2 or unread.intersection(metric.cells):
            continue
        parts = [cells[k] for k in metric.cells if k in cells]
        if parts:
            out.append(FactRecord(metric.key, sum(p.value for p in parts), None, parts[0].unit, "各项合计",
                                  parts[0].part, None, None, None, None, "table", "、".join(p.cell for p in parts),
                                  parts[-1].position + 1))
    return out


def _prose_vs_blank_cells(catalogue: Catalogue, facts: List[FactRecord], tables: List[TableResult]) -> List[Issue]:
    """A prose figure against table cells the report leaves blank, read as the sum checks read them (a
    blank 总计 as its row's sum): “予以公开及部分公开258件” while the rows add up to 275."""
    stated = {f.metric_key: f.value for f in facts if f.source_kind == "table"}
    inferred = {k: v for t in tables for k, v in t.inferred.items()}
    issues, seen = [], set()
    for f in facts:
        metric = catalogue.metric(f.metric_key)
        keys = ([metric.cell] if metric.cell else list(metric.cells)) if metric else []
        if (f.source_kind != "prose" or f.value is None or f.approximate or not keys
                or f.metric_key in seen or all(k in stated for k in keys)
                or not all(k in stated or k in inferred for k in keys)):
            continue
        seen.add(f.metric_key)
        value = sum(stated[k] if k in stated else inferred[k] for k in keys)
        if abs(value - f.value) > 1e-6:
            blank = "、".join(catalogue.metric(k).name for k in keys if k not in stated)
            issues.append(Issue("prose_vs_table", "conflict", metric.name,
                                f"报告正文说{metric.name}为{number_text(f.value)}{f.unit or ''}（“{f.clause}”），而表格中"
                                f"{blank}空白，按表中其余数字合计为{number_text(value)}{metric.unit or ''}。两个数字都保留，请以报告原文为准。",
                                f.part, [metric.key] + keys, {"prose": f.value, "table": value, "sentence": f.sentence,
                                                              "blank": [k for k in keys if k not in stated]}))
    return issues


def _table_value(metric: MetricDef, cells: Dict[str, FactRecord]):
    """(the figure the report's table gives for a metric, the cells it is read from): its cell, the sum
    of its cells, or its cell of the old 统计表."""
    for keys in ([metric.cell] if metric.cell else list(metric.cells), [metric.old_cell] if metric.old_cell else []):
        if keys and all(k in cells for k in keys):
            return sum(cells[k].value for k in keys), [cells[k] for k in keys]
    return None, []


def _cross_checks(catalogue: Catalogue, facts: List[FactRecord]) -> List[Issue]:
    issues = []
    cells = {f.metric_key: f for f in facts if f.source_kind == "table"}
    prose = [f for f in facts if f.source_kind == "prose" and f.value is not None and not f.approximate]
    first: Dict[str, FactRecord] = {}
    for f in prose:
        metric = catalogue.metric(f.metric_key)
        value, used = _table_value(metric, cells)
        if value is not None and abs(value - f.value) > 1e-6:
            issues.append(_prose_vs_table(metric, f, value, used, cells))
        earlier = first.setdefault(f.metric_key, f)
        if earlier is not f and abs(earlier.value - f.value) > 1e-6:
            issues.append(Issue("prose_vs_prose", "note", metric.name,
                                f"报告正文两处提到{metric.name}：“{earlier.clause}”与“{f.clause}”，数字不同。",
                                f.part, [metric.key], {"values": [earlier.value, f.value]}))
    issues += _prose_rules(catalogue, first)
    return issues + [i for f in prose if f.qualifier is None for i in _parts_in_brackets(catalogue, f)]


# "共公布政府信息2602条(其中机构职能类信息82条，…，其他应主动公开政府信息1053条)": a whole and its parts.
_PARTS_AFTER = re.compile(r"\s*[，,]?\s*[（(]其中([^（()）]*)[)）]")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*([条件篇个项])")
PARTS_MIN = 3


def _parts_in_brackets(catalogue: Catalogue, f: FactRecord) -> List[Issue]:
    """A prose figure whose bracket lists its parts (three or more, in its unit) that do not add up to it."""
    at = f.sentence.find(f.clause) if f.sentence and f.clause else -1
    brackets = _PARTS_AFTER.match(f.sentence, at + len(f.clause)) if at >= 0 else None
    parts = [float(v) for v, unit in _FIGURE.findall(brackets.group(1)) if unit == f.unit] if brackets else []
    total = sum(parts)
    if len(parts) < PARTS_MIN or abs(total - f.value) < 1e-6:
        return []
    name = catalogue.metric(f.metric_key).name
    return [Issue("prose_parts", "conflict", f"{name}与括号中所列各项之和",
                  f"报告正文说{name}为{number_text(f.value)}{f.unit}（“{f.clause}”），而括号中所列{len(parts)}项相加为"
                  f"{number_text(total)}{f.unit}（由本助手相加），相差{number_text(abs(total - f.value))}{f.unit}。"
                  "两个数字都保留，请以报告原文为准。", f.part, [f.metric_key], {"prose": f.value, "parts": total})]


def _prose_vs_table(metric: MetricDef, f: FactRecord, value, used: List[FactRecord], cells) -> Issue:
    """A prose figure that differs from its table cell; when it equals the sum of the metric's `or_cells`
    (a 受理 count that is 新收 plus 上年结转) the conflict says so."""
    where = "、".join(c.cell for c in used)
    text = (f"报告正文说{metric.name}为{number_text(f.value)}{f.unit or ''}（“{f.clause}”），"
            f"而{where}为{number_text(value)}{metric.unit or ''}。")
    wider = [cells[k] for k in metric.or_cells if k in cells]
    details = {"prose": f.value, "table": value, "sentence": f.sentence, "cells": [c.cell for c in used]}
    if wider and len(wider) == len(metric.or_cells) and abs(sum(c.value for c in wider) - f.value) < 1e-6:
        parts = " + ".join(f"{c.cell}{number_text(c.value)}" for c in wider)
        text += f"正文的数字等于{parts}，即包含了表格中另列的数字。"
        details["equals"] = [c.cell for c in wider]
    return Issue("prose_vs_table", "conflict", metric.name, text + "两个数字都保留，请以报告原文为准。",
                 f.part, [metric.key] + [c.metric_key for c in used + wider if c not in used], details)


def _prose_rules(catalogue: Catalogue, first: Dict[str, FactRecord]) -> List[Issue]:
    issues = []
    for rule in catalogue.prose_rules:
        if not all(k in first for k in rule.lhs + rule.rhs):
            continue
        left, right = (sum(first[k].value for k in side) for side in (rule.lhs, rule.rhs))
        if abs(left - right) > 1e-6:
            names = lambda side: " + ".join(f"{catalogue.metric(k).name}{number_text(first[k].value)}" for k in side)
            issues.append(Issue("prose_rule", "conflict", rule.name,
                                f"报告正文的数字不符合“{rule.name}”：{names(rule.lhs)} = {number_text(left)}，"
                                f"{names(rule.rhs)} = {number_text(right)}。", first[rule.lhs[0]].part,
                                rule.lhs + rule.rhs, {"lhs": left, "rhs": right}))
    return issues


def parse_report(path: Path, catalogue: Catalogue) -> ParsedReport:
    path = Path(path)
    blocks, html_title, file_format = _blocks(path)
    doc = parse_structure(blocks)
    meta, issues = _meta(path, doc, blocks, html_title)
    _validate(path, meta, doc, catalogue, blocks)
    facts, numbers = _prose(catalogue, doc)
    facts += _texts(catalogue, doc, meta)
    tables, table_notes = _tables(catalogue, doc, blocks, meta)
    tables = settle_by_prose(tables, facts, catalogue)
    report = ParsedReport(path.stem, path.name, file_format, meta, doc, [], numbers, tables,
                          stated=facts, notes=issues + table_notes)
    return finish(report, catalogue)


def finish(report: ParsedReport, catalogue: Catalogue) -> ParsedReport:
    """The report's facts and issues from what its text states and its tables as read; run again when a
    table row has been settled with the body's reports of other years."""
    table_issues = [i for t in report.tables for i in t.issues]
    facts = report.stated + _cell_facts(report.tables)
    facts += _sum_of_stated(catalogue, facts)
    facts += _sum_of_cells(catalogue, facts, table_issues)
    report.issues = report.notes + table_issues + _cross_checks(catalogue, facts) \
        + _prose_vs_blank_cells(catalogue, facts, report.tables)
    report.facts = sorted(facts, key=lambda f: f.position)
    return report
