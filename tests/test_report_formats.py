"""Real reports as departments publish them (PDF, Word, text copied from a PDF viewer, Markdown,
Word's HTML) go through `zwgk kb check` and `zwgk kb add` and give the ground-truth table values.

The variants in fixtures/variants/ are made by scripts/make_report_variants.py from two real reports
(fixtures/variants/source/); expected.json holds their hand-checked table values as metric keys
(null = a cell left blank in the source)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge import KnowledgeBase
from knowledge.catalogue import load
from knowledge.parse.report import ReportError, parse_report

VARIANTS = Path(__file__).parent / "fixtures" / "variants"
EXPECTED = json.loads((VARIANTS / "expected.json").read_text(encoding="utf-8"))
FORMATS = ["ruled.pdf", "word.docx", "pdf_copy.txt", "pipe_tables.md", "word_spans.html"]
# Text copied out of a PDF viewer has nothing where a cell was blank, so a row with blank cells
# cannot be read there; every other format keeps the blank cells.
LOSES_BLANK_CELLS = {"pdf_copy.txt"}
CASES = [pytest.param(report, fmt, id=f"{report}_{fmt}") for report in EXPECTED for fmt in FORMATS]


def run(*args):
    return CliRunner().invoke(main, ["kb", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def env(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    return {"db": tmp_path / "kb.db", "reports": reports}


def add(env, file, *extra):
    return run("add", file, "--db", env["db"], "--reports", env["reports"], *extra)


def stored_cells(env) -> dict:
    kb = KnowledgeBase.open(env["db"])
    return {f.metric_key: f.value for f in kb.facts() if f.source_kind == "table"}


def original_cells(report: str) -> dict:
    """The cells the parser reads from the original file (empty when it does not take it yet)."""
    try:
        parsed = parse_report(VARIANTS / EXPECTED[report]["source"], load())
    except ReportError:
        return {}
    return {f.metric_key: f.value for f in parsed.facts if f.source_kind == "table"}


def complete_rows(cells: dict) -> set:
    """Cells of the rows in which the source leaves no cell blank."""
    rows = {}
    for key, value in cells.items():
        rows.setdefault(key.rsplit(".", 1)[0], []).append(value)
    return {k for k, v in cells.items() if None not in rows[k.rsplit(".", 1)[0]]}


@pytest.mark.parametrize("report,fmt", CASES)
def test_variant_gives_the_ground_truth_cells(env, report, fmt):
    file = VARIANTS / f"{report}_{fmt}"
    checked = run("check", file)
    assert checked.exit_code == 0, checked.output
    added = add(env, file, "--allow-conflicts")
    assert added.exit_code == 0 and "已加入" in added.output, added.output
    got, expected = stored_cells(env), EXPECTED[report]["cells"]
    wrong = {k: (v, got[k]) for k, v in expected.items() if v is not None and k in got and abs(got[k] - v) > 1e-6}
    assert not wrong, f"cells that differ from the ground truth (expected, read): {wrong}"
    required = {k for k, v in expected.items() if v is not None}
    if fmt in LOSES_BLANK_CELLS:
        required &= complete_rows(expected)
    original = original_cells(report)
    if original:
        required &= set(original)          # what the original leaves unknown may stay unknown
    missing = sorted(k for k in required if k not in got)
    assert not missing, f"cells not read: {missing}"


def test_scanned_pdf_is_refused_with_a_reason(env):
    result = add(env, VARIANTS / "scanned.pdf")
    assert result.exit_code != 0
    assert "扫描版PDF" in result.output and "没有文字层" in result.output and "OCR" in result.output
    assert list(env["reports"].iterdir()) == []


@pytest.mark.parametrize("name,content", [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF"),
    ("not_a.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10),
    ("broken.docx", b"PK\x03\x04 this is not a whole zip archive"),
    ("not_a.docx", "一、总体情况 这只是改了扩展名的文本。".encode("utf-8")),
])
def test_corrupt_pdf_or_docx_is_refused_without_a_traceback(env, tmp_path, name, content):
    file = tmp_path / name
    file.write_bytes(content)
    for result in (run("check", file), add(env, file)):
        assert result.exit_code != 0
        assert "Traceback" not in result.output and name in result.output
        assert "PDF" in result.output or "Word" in result.output
    assert list(env["reports"].iterdir()) == []


def test_truncated_variant_pdf_is_refused(env, tmp_path):
    data = (VARIANTS / "pingtan_2021_ruled.pdf").read_bytes()
    file = tmp_path / "cut.pdf"
    file.write_bytes(data[: len(data) // 3])
    result = add(env, file)
    assert result.exit_code != 0 and "cut.pdf" in result.output and "Traceback" not in result.output


def test_docx_of_another_document_is_not_a_report(env, tmp_path):
    import zipfile
    file = tmp_path / "other.docx"
    with zipfile.ZipFile(VARIANTS / "pingtan_2021_word.docx") as source, zipfile.ZipFile(file, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace("政府信息公开工作年度报告".encode(), "工作总结".encode())
            target.writestr(item, data)
    result = add(env, file)
    assert result.exit_code != 0 and "不是政府信息公开工作年度报告" in result.output
