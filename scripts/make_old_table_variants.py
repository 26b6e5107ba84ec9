#!/usr/bin/env python3
"""Writes tests/fixtures/old_table/: the two pre-2019 real reports (平潭综合实验区 2016 and 2018) with
their old 统计表 as a real table, in the formats departments publish.

Each report's prose is its own (tests/fixtures/real/pingtan_2016.txt, pingtan_2018.txt: the page text
after the archive header, cut into its parts and sub-sections); its last part, the 统计表 that the
archive flattened into digit runs, is rebuilt as a table — 指标名称 | 计量单位 | <year>年度 | 历年累计,
the rows labelled as the report prints them — from the hand-checked cells of expected.json. The
writers are those of make_report_variants.py: ruled PDF, Word, text copied out of a PDF viewer,
Markdown pipe tables, Word's HTML with numbers split over spans.

Needs reportlab and python-docx (pip install -e .[dev]). Run: python scripts/make_old_table_variants.py
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_report_variants as variants  # noqa: E402
from make_report_variants import Cell, Report  # noqa: E402

from knowledge.parse.blocks import text_blocks  # noqa: E402
from knowledge.parse.structure import parse_structure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "old_table"
REAL = ROOT / "tests" / "fixtures" / "real"


def old_report(name: str, expected: dict) -> Report:
    text = (REAL / f"{name}.txt").read_text(encoding="utf-8")
    title = re.search(r"^标题: (.+)$", text, re.M).group(1).strip()
    date = re.search(r"^发布时间: (\d{4}-\d{2}-\d{2})", text, re.M).group(1)
    body = text.split("==== 正文 ====", 1)[1].split("\n", 1)[1]
    doc = parse_structure(text_blocks(body.replace(title, "", 1)))
    report = Report(name, title, f"发布时间：{date}")
    report.items += [("paragraph", line) for line in doc.preamble if line.strip()]
    last = max(doc.headings)
    for number in sorted(doc.headings):
        report.items.append(("heading", doc.headings[number]))
        if number == last:
            report.items.append(("table", statistics_table(expected)))
            continue
        report.items += [("paragraph", b.text.strip()) for b in doc.parts[number] if b.kind == "line" and b.text.strip()]
    return report


def statistics_table(expected: dict):
    rows = [[Cell("指标名称"), Cell("计量单位"), Cell(f"{expected['year']}年度"), Cell("历年累计")]]
    for row in expected["rows"]:
        rows.append([Cell(row["label"]), Cell(row["unit"]), Cell(str(row["year"])), Cell(str(row["cumulative"]))])
    return rows


def main():
    expected = json.loads((OUT / "expected.json").read_text(encoding="utf-8"))
    written = 0
    for name in (n for n in expected if not n.startswith("_")):
        variants.PDF_FOOTERS[name] = "— {n} —"
        variants.COPY_FOOTERS[name] = "- {n} -"
        report = old_report(name, expected[name])
        for suffix, write in variants.WRITERS.items():
            write(report, OUT / f"{name}_{suffix}")
            written += 1
    print(f"wrote {written} files to {OUT}")


if __name__ == "__main__":
    main()
