#!/usr/bin/env python3
"""Writes tests/fixtures/variants/: two real annual reports as departments publish them.

From pingtan_2021.txt and shanghai_office_2019.html of /work/shared/reports (or --source) and their
table values in ground_truth.json, each report is rebuilt as a document model (title, date line,
headings, paragraphs, tables with merged cells) and written as
  *_ruled.pdf       PDF with ruled tables (reportlab, built-in CID font STSong-Light), page numbers
  *_word.docx       Word document with real tables and merged cells (python-docx)
  *_pdf_copy.txt    text as copied out of a PDF viewer: page footers, hard-wrapped lines, table
                    labels on lines of their own, the numbers of a row on one line, blank cells gone
  *_pipe_tables.md  Markdown with pipe tables
  *_word_spans.html Word's “Save as Web Page” HTML (GB2312) with numbers split over several <span>s
plus scanned.pdf (a page with an image and a rectangle, no text), source/ (the two originals) and
expected.json (ground truth as the parser's metric keys, null = blank in the source).

Needs reportlab and python-docx (pip install -e .[dev]). Run: python scripts/make_report_variants.py
"""
import argparse
from datetime import datetime
import html
import json
import re
import shutil
import textwrap
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import List

from knowledge.parse.numerals import number_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "variants"
SOURCES = {"pingtan_2021": "pingtan_2021.txt", "shanghai_office_2019": "shanghai_office_2019.html"}
PART_TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
               "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


# ---- the document model ------------------------------------------------------------------------

@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Report:
    name: str
    title: str
    dateline: str
    items: list = field(default_factory=list)      # ("heading", str) | ("paragraph", str) | ("table", rows)


def is_number(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?", text.strip()))


def grid_width(rows: List[List[Cell]]) -> int:
    return max(sum(c.colspan for c in row) for row in rows[:1]) if rows else 0


def placed(rows: List[List[Cell]]):
    """(row, column, cell) of every cell, columns counted over rowspans from above."""
    taken, out = set(), []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


# ---- pingtan_2021.txt: page text flattened to one line; tables rebuilt from the ground truth ----------

def pingtan_report(source: Path, truth: dict) -> Report:
    text = source.read_text(encoding="utf-8")
    title = re.search(r"^标题: (.+)$", text, re.M).group(1).strip()
    date = re.search(r"^发布时间: (\d{4}-\d{2}-\d{2})", text, re.M).group(1)
    body = text.split("相关链接： -->", 1)[1].rsplit("附件下载", 1)[0].strip()
    report = Report("pingtan_2021", title, f"发布时间：{date}")
    starts, pos = [], 0
    for heading in PART_TITLES:
        pos = body.index(heading, pos)
        starts.append(pos)
    report.items.append(("paragraph", body[:starts[0]].strip()))
    tables = {2: table2_2021(truth["table2"]), 3: table3(truth["table3"]), 4: table4(truth["table4"])}
    for n, (heading, start) in enumerate(zip(PART_TITLES, starts), 1):
        end = starts[n] if n < len(starts) else len(body)
        report.items.append(("heading", heading))
        if n in tables:
            report.items.append(("table", tables[n]))
            continue
        for paragraph in re.split(r"(?=（[一二三四五六七八九十]）)", body[start + len(heading):end]):
            if paragraph.strip():
                report.items.append(("paragraph", paragraph.strip()))
    return report


def _shown(value) -> str:
    return "" if value is None else number_text(value)


def table2_2021(t2: dict) -> List[List[Cell]]:
    rows = []
    for section in t2.values():
        columns = section["columns"]
        rows.append([Cell(section["label_zh"], colspan=4)])
        span = 1 if len(columns) == 3 else 3
        rows.append([Cell("信息内容")] + [Cell(c["label_zh"], colspan=span) for c in columns])
        for row in section["rows"].values():
            values = [row.get(f"{c['key']}_as_printed", row.get("as_printed") if len(columns) == 1 else None)
                      or _shown(row[c["key"]]) for c in columns]
            rows.append([Cell(row["label_zh"])] + [Cell(v, colspan=span) for v in values])
    return rows


def table3(t3: dict) -> List[List[Cell]]:
    columns = t3["columns"]
    rows = [[Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), Cell("申请人情况", colspan=7)],
            [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
            [Cell(c["label_zh"]) for c in columns[1:6]]]
    results = [r for r in t3["rows"] if r.get("group_zh") and r["group_zh"].startswith("三、")
               or (r.get("group_zh") or "").startswith("（")]
    first_result, seen_groups = True, set()
    for r in t3["rows"]:
        values = [Cell(_shown(r["values"][c["key"]])) for c in columns]
        group = r.get("group_zh")
        if not group:
            rows.append([Cell(r["label_zh"], colspan=3)] + values)
            continue
        lead = []
        if first_result:
            lead.append(Cell("三、本年度办理结果", rowspan=len(results)))
            first_result = False
        if group.startswith("（"):
            if group not in seen_groups:
                seen_groups.add(group)
                lead.append(Cell(group, rowspan=sum(1 for x in t3["rows"] if x.get("group_zh") == group)))
            rows.append(lead + [Cell(r["label_zh"])] + values)
        else:
            rows.append(lead + [Cell(r["label_zh"], colspan=2)] + values)
    return rows


def table4(t4: dict) -> List[List[Cell]]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    keys = ["upheld", "corrected", "other", "pending", "total"]
    groups = t4["groups"]
    values = [Cell(_shown(groups[g]["values"][k]))
              for g in ("admin_reconsideration", "litigation_direct", "litigation_after_reconsideration") for k in keys]
    return [[Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
            [Cell(h, rowspan=2) for h in heads] + [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
            [Cell(h) for h in heads * 2],
            values]


# ---- shanghai_office_2019.html: paragraphs and the page's own tables --------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self.text, self.rows, self.cell, self.depth = [], [], None, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = Cell("", int(attrs.get("rowspan", 1)), int(attrs.get("colspan", 1)))
        elif tag == "br" and self.cell is None:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cell.text = re.sub(r"\s+", "", self.cell.text.replace("\xa0", " "))
            self.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "table":
            self.items.append(("table", self.rows))
            self.rows = None
        elif tag == "p" and self.cell is None and self.rows is None:
            for line in "".join(self.text).split("\n"):
                if line.strip():
                    self.items.append(("paragraph", line.strip()))
            self.text = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data
        elif self.rows is None:
            self.text.append(data)


def shanghai_report(source: Path, truth: dict) -> Report:
    page = _Page()
    page.feed(source.read_text(encoding="utf-8"))
    items = page.items
    title, dateline = items[0][1], items[1][1]
    report = Report("shanghai_office_2019", title, dateline)
    for kind, value in items[2:]:
        heading = kind == "paragraph" and re.match(r"^[一二三四五六]、", value) and len(value) < 40
        report.items.append(("heading", value) if heading else (kind, value))
    return report


# ---- ground truth as the parser's metric keys ---------------------------------------------------------

T2_ROWS = {"rules": "regulations", "normative_docs": "normative_documents", "admin_license": "licensing",
           "other_external_mgmt_services": "other_services", "admin_penalty": "penalties",
           "admin_enforcement": "enforcement", "admin_fees": "fees", "gov_central_procurement": "procurement"}
T2_COLUMNS = {"issued": "issued", "repealed": "repealed", "in_force": "in_force", "new_made": "made",
              "new_published": "published", "total_published": "total_published", "prev_year_count": "prior_items",
              "change": "change", "decisions": "decisions", "fee_amount_10k_yuan": "amount",
              "procurement_count": "items", "procurement_amount": "amount"}
T3_COLUMNS = {"natural_person": "natural_person", "commercial_enterprise": "business",
              "research_institution": "research", "social_welfare_org": "public_interest",
              "legal_service_org": "legal_services", "other_org": "other_org", "total": "total"}
T3_ROWS = {"new_received": "received", "carried_over_from_last_year": "carried_over_in",
           "result.disclosed": "granted", "result.partially_disclosed": "partly_granted",
           "result.not_disclosed.state_secret": "state_secret",
           "result.not_disclosed.prohibited_by_law": "prohibited_by_law",
           "result.not_disclosed.three_safety_one_stability": "security_stability",
           "result.not_disclosed.third_party_rights": "third_party_rights",
           "result.not_disclosed.internal_affairs": "internal_affairs",
           "result.not_disclosed.process_info": "process_info",
           "result.not_disclosed.enforcement_case_files": "enforcement_files",
           "result.not_disclosed.admin_query": "query_matters",
           "result.unable_to_provide.not_held": "not_held",
           "result.unable_to_provide.needs_creation": "needs_creation",
           "result.unable_to_provide.unclear_after_correction": "still_unclear",
           "result.not_processed.petition_complaint": "petition_complaint",
           "result.not_processed.duplicate": "repeated", "result.not_processed.publications": "publications",
           "result.not_processed.massive_repeated": "excessive",
           "result.not_processed.confirm_or_reissue": "confirm_or_reissue",
           "result.other_handling.no_correction_overdue": "no_correction",
           "result.other_handling.fee_not_paid": "fee_unpaid", "result.other_handling.other": "other_handling",
           "result.other_handling": "otherwise_handled", "result.total": "completed",
           "carried_to_next_year": "carried_forward"}
T4_ROWS = {"admin_reconsideration": "review", "litigation_direct": "litigation_direct",
           "litigation_after_reconsideration": "litigation_after_review"}


def expected_cells(truth: dict) -> dict:
    out = {}
    for section in truth["table2"].values():
        for row_key, row in section["rows"].items():
            for column in section["columns"]:
                out[f"table2.{T2_ROWS[row_key]}.{T2_COLUMNS[column['key']]}"] = row[column["key"]]
    for row in truth["table3"]["rows"]:
        for column, value in row["values"].items():
            out[f"table3.{T3_ROWS[row['key']]}.{T3_COLUMNS[column]}"] = value
    for group, data in truth["table4"]["groups"].items():
        for column, value in data["values"].items():
            out[f"table4.{T4_ROWS[group]}.{column}"] = value
    return out


# ---- (a) PDF with ruled tables --------------------------------------------------------------------------

FONT = "STSong-Light"
PDF_FOOTERS = {"pingtan_2021": "— {n} —", "shanghai_office_2019": "第{n}页 共{total}页"}


def write_pdf(report: Report, path: Path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = lambda name, **kw: ParagraphStyle(name, fontName=FONT, wordWrap="CJK", **kw)
    title = style("title", fontSize=16, leading=24, alignment=1, spaceAfter=6)
    date = style("date", fontSize=10.5, leading=16, alignment=1, spaceAfter=10)
    heading = style("heading", fontSize=12, leading=20, spaceBefore=8, spaceAfter=4)
    body = style("body", fontSize=10.5, leading=18, firstLineIndent=21)
    cell = style("cell", fontSize=7.5, leading=10, alignment=1)
    frame_width = A4[0] - 40 * mm

    def table(rows):
        width = grid_width(rows)
        grid = [[""] * width for _ in rows]
        commands = [("FONT", (0, 0), (-1, -1), FONT, 7.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
        weights = [1.0] * width
        for r, c, x in placed(rows):
            grid[r][c] = Paragraph(html.escape(x.text), cell) if x.text else ""
            if x.rowspan > 1 or x.colspan > 1:
                commands.append(("SPAN", (c, r), (c + x.colspan - 1, r + x.rowspan - 1)))
            if x.colspan == 1 and not is_number(x.text):
                weights[c] = max(weights[c], min(len(x.text) / 5, 3.2))
        scale = frame_width / sum(weights)
        return Table(grid, colWidths=[w * scale for w in weights], style=TableStyle(commands))

    def flowables():
        flow = [Paragraph(html.escape(report.title), title), Paragraph(html.escape(report.dateline), date)]
        for kind, value in report.items:
            if kind == "table":
                flow += [table(value), Spacer(1, 6)]
            else:
                flow.append(Paragraph(html.escape(value), heading if kind == "heading" else body))
        return flow

    def build(total):
        def footer(canvas, doc):
            canvas.setFont(FONT, 9)
            canvas.drawCentredString(A4[0] / 2, 12 * mm, PDF_FOOTERS[report.name].format(n=doc.page, total=total))
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=22 * mm, bottomMargin=22 * mm, title="", author="", subject="",
                                creator="", producer="", invariant=1)
        doc.build(flowables(), onFirstPage=footer, onLaterPages=footer)
        return doc.page

    build(build(0))


def write_scanned_pdf(path: Path):
    """A page as a scanner makes it: an image and a frame, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (300, 420), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 400, 14):
        draw.line((30, y, 270 - (y * 7) % 90, y), fill=40, width=5)
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.drawImage(ImageReader(image), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
    page.rect(30, 50, A4[0] - 60, A4[1] - 100)
    page.showPage()
    page.save()


# ---- (b) Word document ------------------------------------------------------------------------------

def write_docx(report: Report, path: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = ""
    document.core_properties.created = document.core_properties.modified = datetime(2022, 1, 1)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.font.size = Pt(12)

    def centred(text, size):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).font.size = Pt(size)

    centred(report.title, 18)
    centred(report.dateline, 12)
    for kind, value in report.items:
        if kind == "heading":
            document.add_paragraph().add_run(value).bold = True
        elif kind == "paragraph":
            p = document.add_paragraph(value)
            p.paragraph_format.first_line_indent = Pt(24)
        else:
            _docx_table(document, value)
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    footer.add_run("— ")
    footer._p.append(field_)
    footer.add_run(" —")
    document.save(str(path))
    _fixed_zip_times(path)


def _fixed_zip_times(path: Path):
    """The Word file's zip entries dated 2022-01-01, so that running the script again gives the same bytes."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in items:
            item.date_time = (2022, 1, 1, 0, 0, 0)
            target.writestr(item, data)


def _docx_table(document, rows):
    table = document.add_table(rows=len(rows), cols=grid_width(rows))
    table.style = "Table Grid"
    cells = placed(rows)
    for r, c, x in cells:
        if x.rowspan > 1 or x.colspan > 1:
            table.cell(r, c).merge(table.cell(r + x.rowspan - 1, c + x.colspan - 1))
    for r, c, x in cells:
        table.cell(r, c).paragraphs[0].text = x.text


# ---- (c) text copied out of a PDF viewer ---------------------------------------------------------------

COPY_FOOTERS = {"pingtan_2021": "- {n} -", "shanghai_office_2019": "第{n}页 共{total}页"}
COPY_WIDTH, LABEL_WIDTH, PAGE_LINES = 36, 12, 42


def copied_lines(report: Report) -> List[str]:
    """Lines, and None where a page ends."""
    out = textwrap.wrap(report.title, COPY_WIDTH) + [report.dateline]
    for kind, value in report.items:
        if kind == "heading":
            out.append(value)
        elif kind == "paragraph":
            out += textwrap.wrap("　　" + value, COPY_WIDTH)
        else:
            rows = value
            for r, row in enumerate(rows):
                first = next((i for i, c in enumerate(row) if is_number(c.text)), len(row))
                labels = [c.text for c in row[:first] if c.text]
                numbers = [c.text for c in row[first:] if c.text]
                for label in labels:
                    out += textwrap.wrap(label, LABEL_WIDTH)
                if numbers:
                    out.append(" ".join(numbers))
                if len(rows) > 20 and r == len(rows) // 2:
                    out.append(None)          # the long table 三 is cut by a page break
    return out


def write_pdf_copy(report: Report, path: Path):
    pages, page = [], []
    for line in copied_lines(report):
        if line is None or len(page) >= PAGE_LINES:
            pages.append(page)
            page = []
        if line is not None:
            page.append(line)
    pages.append(page)
    footer = COPY_FOOTERS[report.name]
    text = []
    for n, lines in enumerate(pages, 1):
        text += lines + [footer.format(n=n, total=len(pages))]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


# ---- (d) Markdown with pipe tables ---------------------------------------------------------------------

def write_markdown(report: Report, path: Path):
    out = [f"# {report.title}", "", report.dateline, ""]
    for kind, value in report.items:
        if kind == "heading":
            out += [f"## {value}", ""]
        elif kind == "paragraph":
            out += textwrap.wrap(value, 60) + [""]
        else:
            out += _markdown_tables(value)
    path.write_text("\n".join(out), encoding="utf-8")


def _pipe_rows(grid: List[List[str]]) -> List[str]:
    cells = [[c.replace("|", "\\|") for c in row] for row in grid]
    return ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])] + \
           ["| " + " | ".join(row) + " |" for row in cells[1:]] + [""]


def _markdown_tables(rows: List[List[Cell]]) -> List[str]:
    """As a person writes it: a table whose cells span rows as the full grid with blank cells; one
    whose cells span only columns with each row's own cells (a short row leaves the rest out), a
    first row that spans the whole width written above the table."""
    width = grid_width(rows)
    if any(c.rowspan > 1 for row in rows for c in row):
        grid = [[""] * width for _ in rows]
        for r, c, x in placed(rows):
            grid[r][c] = x.text
        return _pipe_rows(grid)
    out = []
    if len(rows[0]) == 1:
        out += [rows[0][0].text, ""]
        rows = rows[1:]
    return out + _pipe_rows([[c.text for c in row] for row in rows])


# ---- (e) Word's HTML, numbers split over spans ---------------------------------------------------------

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:Zoom>100</w:Zoom>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;text-align:justify;text-justify:inter-ideograph;font-size:10.5pt;
	font-family:"Times New Roman",serif;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""


def _spans(text: str) -> str:
    """Text as Word writes it: runs of Chinese and of Latin/digits in separate spans, and every
    number of two or more digits split into two runs (typed or corrected at different times)."""
    out = []
    for run in re.findall(r"\d+(?:\.\d+)?|[^\d]+", text):
        if run[0].isdigit():
            cut = 1 if len(run) > 1 else len(run)
            for piece in (run[:cut], run[cut:]):
                if piece:
                    out.append(f"<span lang=EN-US\nstyle='font-family:\"Times New Roman\",serif'>{html.escape(piece)}</span>")
        else:
            out.append(f"<span style='font-family:仿宋_GB2312'>{html.escape(run)}</span>")
    return "".join(out)


def _word_paragraph(text: str, extra="") -> str:
    return f"<p class=MsoNormal{extra}>{_spans(text)}<span lang=EN-US><o:p></o:p></span></p>\n"


def _word_table(rows) -> str:
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0\n"
           " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n"]
    for row in rows:
        out.append(" <tr style='mso-yfti-irow:0'>\n")
        for cell in row:
            spans = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + \
                    (f" colspan={cell.colspan}" if cell.colspan > 1 else "")
            content = _spans(cell.text) if cell.text else "<span lang=EN-US>&nbsp;</span>"
            out.append(f"  <td{spans} valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n"
                       f"  <p class=MsoNormal align=center style='text-align:center'>{content}<span\n"
                       f"  lang=EN-US><o:p></o:p></span></p>\n  </td>\n")
        out.append(" </tr>\n")
    out.append("</table>\n")
    return "".join(out)


def write_word_html(report: Report, path: Path):
    out = [WORD_HEAD.format(title=html.escape(report.title)),
           _word_paragraph(report.title, " align=center style='text-align:center'"),
           _word_paragraph(report.dateline, " align=center style='text-align:center'")]
    for kind, value in report.items:
        if kind == "table":
            out.append(_word_table(value))
        elif kind == "heading":
            out.append(f"<p class=MsoNormal><b>{_spans(value)}</b></p>\n")
        else:
            out.append(_word_paragraph(value, " style='text-indent:21.0pt'"))
    out.append("\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n\n</div>\n\n</body>\n\n</html>\n")
    path.write_bytes("".join(out).encode("gb2312", errors="xmlcharrefreplace"))


# ---- main --------------------------------------------------------------------------------------------

WRITERS = {"ruled.pdf": write_pdf, "word.docx": write_docx, "pdf_copy.txt": write_pdf_copy,
           "pipe_tables.md": write_markdown, "word_spans.html": write_word_html}
READERS = {"pingtan_2021": pingtan_report, "shanghai_office_2019": shanghai_report}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/work/shared/reports"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    truth = json.loads((args.source / "ground_truth.json").read_text(encoding="utf-8"))
    (args.out / "source").mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, file in SOURCES.items():
        shutil.copyfile(args.source / file, args.out / "source" / file)
        report = READERS[name](args.source / file, truth[file])
        expected[name] = {"source": f"source/{file}", "cells": expected_cells(truth[file])}
        for suffix, write in WRITERS.items():
            write(report, args.out / f"{name}_{suffix}")
    write_scanned_pdf(args.out / "scanned.pdf")
    (args.out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(SOURCES) * len(WRITERS) + 1} files to {args.out}")


if __name__ == "__main__":
    main()
