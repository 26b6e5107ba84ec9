"""A body's reports of consecutive years settle each other's flattened 表二 rows (this year's 上一年项目数量 =
last year's 上一年项目数量 + 本年增/减), only where one value survives, and the source says how."""
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.catalogue import load
from knowledge.store import build, parse_reports

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
TABLE2_2020 = """行政许可 10 -3 200
其他对外管理服务事项 2 0 15
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 6 0 40
行政强制 1 0 2
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 2 0
"""


def _report(directory: Path, year: int, rows: str) -> Path:
    """The invented 示例县 2020 report (2019 trial format) as of `year`, its 表二 （五）–（八） rows replaced."""
    text = (FIXTURES / "b_2020_text.txt").read_text(encoding="utf-8")
    text = text.replace("2021", str(year + 1)).replace("2020", str(year))
    assert TABLE2_2020 in text
    path = directory / f"b_{year}.txt"
    path.write_text(text.replace(TABLE2_2020, rows), encoding="utf-8")
    return path


def _rows(licensing: str, penalties: str, fees: str) -> str:
    return (f"行政许可{licensing}\n其他对外管理服务事项 2 0 15\n第二十条第（六）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n"
            f"行政处罚{penalties}\n行政强制 1 0 2\n第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费{fees}\n")


def _parsed(tmp_path, *reports) -> dict:
    for year, rows in reports:
        _report(tmp_path, year, rows)
    return {r.meta.year: r for r in parse_reports(tmp_path, load())}


def _cells(report) -> dict:
    return {f.metric_key: f for f in report.facts if f.source_kind == "table" and f.metric_key.startswith("table2.")}


def _unread(report) -> set:
    return {k for i in report.issues if i.kind == "ambiguous_split" for k in i.metrics}


def test_last_years_row_is_settled_by_this_years_prior_count(tmp_path):
    reports = _parsed(tmp_path, (2019, _rows("3960181", "26480430", "350")),
                      (2020, _rows("396442278", "2648-18538", "35 -15")))
    last, this = _cells(reports[2019]), _cells(reports[2020])
    assert [last[f"table2.licensing.{c}"].value for c in ("prior_items", "change", "decisions")] == [396, 0, 181]
    assert [last[f"table2.penalties.{c}"].value for c in ("prior_items", "change", "decisions")] == [2648, 0, 430]
    assert [last[f"table2.fees.{c}"].value for c in ("prior_items", "change")] == [35, 0]
    label = last["table2.licensing.decisions"].cell
    assert "3960181" in label and "示例县人民政府2020年报告" in label and "只有一种拆分成立" in label
    notes = [i for i in reports[2019].issues if i.kind == "settled_by_other_years"]
    assert {i.subject for i in notes} == {"表二 行政许可", "表二 行政处罚", "表二 行政事业性收费"}
    assert not _unread(reports[2019])
    # this year's 上一年项目数量 is fixed by last year's; how the rest of its digits are cut is not
    assert this["table2.licensing.prior_items"].value == 396
    assert "成立的各种拆分中此格都相同" in this["table2.licensing.prior_items"].cell
    assert _unread(reports[2020]) == {"table2.licensing.change", "table2.licensing.decisions",
                                      "table2.penalties.change", "table2.penalties.decisions"}


def test_two_surviving_readings_settle_nothing(tmp_path):
    """行政强制 “126025” then “1262629”: 126|0|25 → 126|…, and 1260|2|5 → 1262|… both keep the rule."""
    reports = _parsed(tmp_path, (2019, _rows(" 10 0 5", "126025", " 2 0")), (2020, _rows(" 10 1 7", "1262629", " 2 0")))
    assert "table2.penalties.prior_items" not in _cells(reports[2019])
    assert "table2.penalties.prior_items" not in _cells(reports[2020])
    assert {"table2.penalties.prior_items", "table2.penalties.decisions"} <= _unread(reports[2019])


def test_a_body_whose_rows_break_the_rule_is_not_settled_by_it(tmp_path):
    """Its 行政许可 rows, read as printed, break the rule (10 - 3 ≠ 50): it counts items some other way, so the
    rule settles none of its rows."""
    reports = _parsed(tmp_path, (2019, _rows(" 10 -3 200", "26480430", "350")),
                      (2020, _rows(" 50 0 20", "2648-18538", "35 -15")))
    assert "table2.penalties.decisions" not in _cells(reports[2019])
    assert "table2.fees.prior_items" not in _cells(reports[2019])


def test_years_that_do_not_follow_each_other_are_not_compared(tmp_path):
    reports = _parsed(tmp_path, (2018, _rows("3960181", "26480430", "350")),
                      (2020, _rows("396442278", "2648-18538", "35 -15")))
    assert "table2.licensing.decisions" not in _cells(reports[2018])


@pytest.mark.parametrize("order", [(2019, 2020), (2020, 2019)])
def test_the_knowledge_base_stores_the_settled_cells_whatever_the_file_order(tmp_path, order):
    reports_dir = tmp_path / "reports"
    reports_dir.mkdir()
    rows = {2019: _rows("3960181", "26480430", "350"), 2020: _rows("396442278", "2648-18538", "35 -15")}
    for i, year in enumerate(order):
        _report(reports_dir, year, rows[year]).rename(reports_dir / f"{i:03d}_b.txt")
    build(tmp_path / "kb.db", reports_dir, force=True)
    kb = KnowledgeBase.open(tmp_path / "kb.db")
    report = kb.report("示例县人民政府", 2019)
    fact = kb.fact("table2.licensing.decisions", report.id)
    assert fact.value == 181 and "与示例县人民政府2020年报告对照" in fact.source and not fact.conflicts
    row = next(r for r in kb.table_rows(report.id) if r["row_key"] == "licensing")
    assert row["method"] == "split_by_years" and row["cells"]["decisions"] == 181
    partial = next(r for r in kb.table_rows(kb.report("示例县人民政府", 2020).id) if r["row_key"] == "licensing")
    assert partial["method"] == "ambiguous" and partial["cells"] == {"prior_items": 396}
