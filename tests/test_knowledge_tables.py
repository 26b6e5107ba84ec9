"""The standard tables of parts 二、三、四 in both formats, from plain text and from HTML."""
from pathlib import Path

import pytest

from knowledge.catalogue import load
from knowledge.parse.report import parse_report
from knowledge.parse.split import candidates, piece_splits, token_splits
from knowledge.parse.tables import parse_table

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
ROW_SUM = lambda v: v[-1] == sum(v[:-1])  # noqa: E731


@pytest.fixture(scope="module")
def catalogue():
    return load()


@pytest.fixture(scope="module")
def reports(catalogue):
    return {p.stem: parse_report(p, catalogue) for p in sorted(FIXTURES.iterdir())
            if p.suffix in (".txt", ".html") and p.stem != "not_a_report"}


def cells(report) -> dict:
    return {f.metric_key: f.value for f in report.facts if f.source_kind == "table"}


def methods(report, table: str) -> dict:
    result = next(t for t in report.tables if t.spec.key == table)
    return {r.row.key: r.method for r in result.rows}


def issue_kinds(report) -> list:
    return sorted(i.kind for i in report.issues if i.severity != "note")


# ---------------------------------------------------------------- digit runs

def test_piece_splits_have_no_leading_zeros():
    assert list(piece_splits("105", 2)) == [("10", "5")]
    assert list(piece_splits("00", 2)) == [("0", "0")]
    assert list(piece_splits("05", 1)) == []


def test_token_splits_keep_sign_decimals_and_units_at_the_ends():
    assert list(token_splits(["-2", "12"], 3)) == [("-2", "1", "2")]
    assert list(token_splits(["12.5"], 2)) == [("1", "2.5")]
    assert ("-18", "538") in list(token_splits(["-18538"], 2))
    assert ("135", "75394432.52元") in list(token_splits(["13575394432.52元"], 2))
    assert list(token_splits(["023"], 1)) == []                 # a printed cell has no leading zero


def test_row_rule_splits_the_brief_example():
    found, capped = candidates(["713000074"], 7, ROW_SUM)
    assert found == [[71, 3, 0, 0, 0, 0, 74]] and not capped


def test_without_a_rule_a_run_is_ambiguous():
    found, _ = candidates(["8855698"], 3, lambda v: True)
    assert [88, 55, 698] in found and len(found) == 15


def test_row_rule_can_leave_two_splits():
    found, _ = candidates(["121000013"], 7, ROW_SUM)
    assert found == [[1, 2, 10, 0, 0, 0, 13], [12, 1, 0, 0, 0, 0, 13]]


def test_tokens_of_flattened_rows():
    from knowledge.parse.tables import tokens_of
    assert tokens_of("行政处罚2648-18538") == ["2648", "-18538"]           # a minus right after a number
    assert tokens_of("政府集中采购13575394432.52元") == ["13575394432.52元"]
    assert tokens_of("2019年度 7 ∅ — 5") == ["7", "∅", "—", "5"]         # a year is no cell; ∅ blank, — nil


@pytest.mark.parametrize("raw,cells", [
    ("230 000023", [23, 0, 0, 0, 0, 0, 23]),        # spaces are cell borders, a run may still hold several cells
    ("23 0 00 0 023", [23, 0, 0, 0, 0, 0, 23]),     # “023” is not a printed cell: 0|23
    ("500000 5", [5, 0, 0, 0, 0, 0, 5]),
    ("0 0 0 0 0 00", [0, 0, 0, 0, 0, 0, 0]),
    ("2 3 0 0 0 0 0 23", [23, 0, 0, 0, 0, 0, 23]),  # too many numbers: the spaces were not borders
    ("12 1 0 0 0 0 14", [12, 1, 0, 0, 0, 0, 14]),   # as many numbers as cells: as printed, even if they do not add up
])
def test_rows_read_from_flattened_text(catalogue, raw, cells):
    from knowledge.parse.tables import read_row
    spec = catalogue.tables["table3"]
    fmt = spec.formats[0]
    result = read_row(fmt, [fmt.row("received")], raw)
    assert result.values == cells


def test_only_a_change_column_takes_a_minus(catalogue):
    result = parse_table(catalogue.tables["table2"], "第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
                         "行政处罚2648-18538 第二十条第（九）项", "text")     # (九): the 2019 format
    issue = next(i for i in result.issues if i.kind == "ambiguous_split")
    assert issue.details["candidates"] == [[2648, -1, 8538], [2648, -18, 538], [2648, -185, 38], [2648, -1853, 8]]


def test_a_cell_every_reading_agrees_on_is_read_and_says_so(catalogue):
    result = parse_table(catalogue.tables["table2"], "第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
                         "行政处罚2648-18538 第二十条第（九）项", "text")
    cells = {c.key: c for c in result.cells}
    assert cells["table2.penalties.prior_items"].value == 2648
    assert "各种拆分中此格都相同" in cells["table2.penalties.prior_items"].label
    assert "table2.penalties.change" not in cells and "table2.penalties.decisions" not in cells
    issue = next(i for i in result.issues if i.kind == "ambiguous_split")
    assert issue.metrics == ["table2.penalties.change", "table2.penalties.decisions"]
    assert "上一年项目数量2648" in issue.description


def test_what_the_columns_mean_bounds_the_readings(catalogue):
    """本年新公开 ≤ 对外公开总数量 and 上一年项目数量 + 本年增/减 ≥ 0: readings that break them are none."""
    result = parse_table(catalogue.tables["table2"], "第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 "
                         "规范性文件898989 第二十条第（六）项 行政强制 50-720 第二十条第（九）项", "text")
    documents = next(i for i in result.issues if i.subject.endswith("规范性文件"))
    assert [8, 989, 89] not in documents.details["candidates"] and [89, 89, 89] in documents.details["candidates"]
    cells = {c.key: c.value for c in result.cells}
    assert (cells["table2.enforcement.prior_items"], cells["table2.enforcement.change"],
            cells["table2.enforcement.decisions"]) == (50, -7, 20)     # 50|-72|0 would leave -22 items


def test_an_amount_keeps_the_unit_printed_with_it(catalogue):
    text = ("第二十条第（八）项 信息内容 上一年项目数量 本年增/减 行政事业性收费 35 -15\n"
            "第二十条第（九）项 信息内容 采购项目数量 采购总金额 政府集中采购 6 251000元")
    result = parse_table(catalogue.tables["table2"], text, "text")
    amounts = {c.key: (c.value, c.unit) for c in result.cells}
    assert amounts["table2.procurement.amount"] == (251000, "元")
    assert amounts["table2.procurement.items"] == (6, "项")
    assert amounts["table2.fees.change"] == (-15, "项")


# ---------------------------------------------------------------- 2021 format, scraped text

def test_text_2021_formats_and_origin(reports):
    report = reports["a_2021_text"]
    assert [(t.spec.key, t.format.id, t.origin) for t in report.tables] == [
        ("table2", "2021", "text"), ("table3", "2021", "text"), ("table4", "2021", "text")]
    assert issue_kinds(report) == []


def test_text_2021_table3_rows(reports):
    values = cells(reports["a_2021_text"])
    assert [values[f"table3.received.{c}"] for c in ("natural_person", "business", "research", "public_interest",
                                                     "legal_services", "other_org", "total")] == [71, 3, 0, 0, 0, 0, 74]
    assert values["table3.granted.total"] == 22
    assert values["table3.not_held.total"] == 16
    assert values["table3.not_held.business"] == 1
    assert values["table3.repeated.natural_person"] == 11
    assert values["table3.completed.total"] == 73
    assert values["table3.carried_forward.business"] == 1
    assert values["table3.withheld.total"] == 4          # （三） is the sum of its eight sub-rows
    assert values["table3.cannot_provide.total"] == 19
    assert values["table3.otherwise_handled.total"] == 3
    assert len([k for k in values if k.startswith("table3.")]) == (25 + 4) * (7 + 1)  # and 法人或其他组织
    assert values["table3.received.legal_entities"] == 3   # the heading over five columns, their sum


def test_flattened_rows_split_by_row_rule_and_by_column_rules(reports):
    m = methods(reports["a_2021_text"], "table3")
    assert m["received"] == "split"                # 713000074: only one split has total = sum
    assert m["repeated"] == "split_by_columns"     # 110000011: 11|0|…|11 or 1|10|…|11; the columns decide
    assert set(m.values()) <= {"cells", "split", "split_by_columns"}


def test_text_2021_table2_and_table4(reports):
    values = cells(reports["a_2021_text"])
    assert (values["table2.regulations.in_force"], values["table2.normative_documents.issued"],
            values["table2.normative_documents.repealed"], values["table2.normative_documents.in_force"]) == (5, 12, 3, 45)
    assert (values["table2.licensing.decisions"], values["table2.penalties.decisions"],
            values["table2.enforcement.decisions"], values["table2.fees.amount"]) == (1234, 56, 7, 12.5)
    # 310151001200011 is one run of 15 digits under a header with a typo (行政法复议) and broken words
    assert [values[f"table4.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [3, 1, 0, 1, 5]
    assert values["table4.litigation_direct.total"] == 2
    assert values["table4.litigation_after_review.pending"] == 1


def test_cell_labels_name_the_table_row_and_column(reports):
    labels = {f.metric_key: f.cell for f in reports["a_2021_text"].facts if f.source_kind == "table"}
    assert labels["table3.granted.total"] == "表三 （一）予以公开 / 总计"
    assert labels["table3.not_held.natural_person"] == "表三 （四）无法提供 1.本机关不掌握相关政府信息 / 自然人"
    assert labels["table3.withheld.total"] == "表三 （三）不予公开（各项合计） / 总计"
    assert labels["table2.normative_documents.issued"] == "表二 第二十条第（一）项 行政规范性文件 / 本年制发件数"
    assert labels["table4.litigation_after_review.pending"] == "表四 复议后起诉的行政诉讼 / 尚未审结"


# ---------------------------------------------------------------- 2021 format, HTML

def test_html_2021_rowspan_colspan_and_blank_cells(reports):
    report = reports["a_2022"]
    assert [(t.format.id, t.origin) for t in report.tables] == [("2021", "html")] * 3
    assert issue_kinds(report) == []
    values = cells(report)
    assert [values[f"table3.received.{c}"] for c in ("natural_person", "business", "research", "public_interest",
                                                     "legal_services", "other_org", "total")] == [40, 5, 1, 0, 2, 0, 48]
    assert "table3.state_secret.total" not in values                   # an all-blank row is not stated
    assert "table3.third_party_rights.business" not in values          # nor is a blank cell
    assert values["table3.third_party_rights.total"] == 1
    assert values["table3.withheld.total"] == 4                        # a group sums its stated sub-rows
    assert values["table3.completed.total"] == 45
    assert values["table3.carried_forward.legal_services"] == 1
    assert values["table4.review.total"] == 3 and values["table4.review.other"] == 1
    assert "table4.litigation_direct.total" not in values              # five blank cells
    assert values["table2.licensing.decisions"] == 500 and "table2.enforcement.decisions" not in values
    assert methods(report, "table3")["state_secret"] == "blank"
    blank = next(i for i in report.issues if i.kind == "blank_cells" and i.subject.startswith("表三"))
    assert blank.severity == "note" and "table3.state_secret.total" in blank.metrics


# ---------------------------------------------------------------- part headings numbered 1、 or missing

def _variant(tmp_path, name, change):
    text = change((FIXTURES / "a_2021_text.txt").read_text(encoding="utf-8"))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_part_headings_with_arabic_numerals_or_no_number(catalogue, reports, tmp_path):
    def arabic(text):
        for i, heading in enumerate(HEADINGS):
            text = text.replace(f"\n{heading}\n", f"\n{i + 1}.{heading[2:]}\n" if i % 2 else f"\n{heading[2:]}\n")
        return text
    report = parse_report(_variant(tmp_path, "arabic.txt", arabic), catalogue)
    assert sorted(report.doc.headings) == [1, 2, 3, 4, 5, 6]
    assert report.doc.section(2).label == "二、" and report.doc.section(2).title == "主动公开政府信息情况"
    assert cells(report) == cells(reports["a_2021_text"])


def test_tables_are_found_when_part_headings_are_missing(catalogue, reports, tmp_path):
    def without_headings(text):
        for heading in HEADINGS[1:4]:
            text = text.replace(f"\n{heading}\n", "\n")
        return text
    report = parse_report(_variant(tmp_path, "no_headings.txt", without_headings), catalogue)
    assert sorted(report.doc.headings) == [1, 5, 6]
    assert cells(report) == cells(reports["a_2021_text"])
    assert issue_kinds(report) == []


def test_a_text_without_any_part_heading_is_taken_for_its_tables(catalogue, reports, tmp_path):
    def without_headings(text):
        for heading in HEADINGS:
            text = text.replace(f"\n{heading}\n", "\n")
        return text
    report = parse_report(_variant(tmp_path, "bare.txt", without_headings), catalogue)
    assert report.doc.headings == {}
    assert cells(report) == cells(reports["a_2021_text"])


# ---------------------------------------------------------------- 2019 trial format

def test_html_2019_trial_format(reports):
    report = reports["b_2019"]
    assert [(t.spec.key, t.format.id) for t in report.tables] == [("table2", "2019"), ("table3", "2019"), ("table4", "2021")]
    assert issue_kinds(report) == []
    values = cells(report)
    assert (values["table2.normative_documents.made"], values["table2.normative_documents.total_published"]) == (6, 40)
    assert (values["table2.licensing.prior_items"], values["table2.licensing.change"], values["table2.licensing.decisions"]) == (12, -2, 340)
    assert values["table2.other_services.decisions"] == 60
    assert values["table2.fees.change"] == -1
    assert (values["table2.procurement.items"], values["table2.procurement.amount"]) == (15, 320.5)
    assert values["table3.otherwise_handled.total"] == 0       # one row in the trial format, no sub-rows
    assert "table3.no_correction.total" not in values
    assert "table3.carried_over_in.total" not in values        # all cells blank: not stated
    assert values["table3.completed.total"] == 21
    assert values["table4.litigation_direct.pending"] == 1


def test_text_2019_trial_format_with_flattened_rows(reports):
    report = reports["b_2020_text"]
    assert [t.format.id for t in report.tables] == ["2019", "2019", "2021"]
    assert issue_kinds(report) == []
    m = methods(report, "table3")
    assert m["granted"] == "split_by_columns" and m["otherwise_handled"] == "split"
    values = cells(report)
    assert [values[f"table3.granted.{c}"] for c in ("natural_person", "business", "total")] == [12, 1, 13]
    assert values["table2.licensing.change"] == -3
    assert values["table2.procurement.amount"] == 150


# ---------------------------------------------------------------- what does not add up

def test_conflicts_are_recorded_with_both_values(reports):
    report = reports["c_2021_conflicts"]
    kinds = issue_kinds(report)
    assert kinds.count("sum_rule") == 4
    assert kinds.count("prose_vs_table") == 2
    assert kinds.count("ambiguous_split") == 1
    granted = next(i for i in report.issues if i.kind == "prose_vs_table" and "requests.granted" in i.metrics)
    assert (granted.details["prose"], granted.details["table"]) == (30, 22)
    assert "其中予以公开30件" in granted.description and "22" in granted.description
    rule = next(i for i in report.issues if i.kind == "sum_rule" and "自然人" in i.subject and "（七）" in i.subject)
    assert rule.details["lhs"] == {"completed.natural_person": 72}
    assert sum(rule.details["rhs"].values()) == 71


def test_an_ambiguous_run_is_flagged_not_guessed(reports):
    report = reports["c_2021_conflicts"]
    issue = next(i for i in report.issues if i.kind == "ambiguous_split")
    assert issue.severity == "unreadable"
    assert [88, 55, 698] in issue.details["candidates"]
    assert "8855698" in issue.description
    assert not [f for f in report.facts if f.metric_key.startswith("table2.normative_documents.")]
    assert cells(report)["table2.regulations.in_force"] == 5     # the other rows are still read


def test_both_values_are_kept_when_prose_contradicts_table(reports):
    facts = reports["c_2021_conflicts"].facts
    assert [f.value for f in facts if f.metric_key == "requests.granted"] == [30]
    assert [f.value for f in facts if f.metric_key == "table3.granted.total"] == [22]


def test_rows_that_the_column_rules_cannot_settle_stay_ambiguous(catalogue):
    spec = catalogue.tables["table3"]
    text = (TABLE3_TEMPLATE.replace("GRANTED", "121000013").replace("PARTLY", "121000013"))
    result = parse_table(spec, text, "text")
    m = {r.row.key: r.method for r in result.rows}
    assert m["granted"] == m["partly_granted"] == "ambiguous"   # swapping the two splits fits every rule
    assert sorted(i.kind for i in result.issues) == ["ambiguous_split", "ambiguous_split"]


def test_too_many_numbers_make_a_row_unreadable(catalogue):
    spec = catalogue.tables["table3"]
    result = parse_table(spec, TABLE3_TEMPLATE.replace("GRANTED", "12 1 0 0 0 0 13 5").replace("PARTLY", "1 2 10 0 0 0 13"), "text")
    assert [i.kind for i in result.issues if "予以公开" in i.subject] == ["unreadable_row"]


def test_a_missing_row_is_reported(catalogue):
    spec = catalogue.tables["table3"]
    text = TABLE3_TEMPLATE.replace("GRANTED", "12 1 0 0 0 0 13").replace("PARTLY", "1 2 10 0 0 0 13")
    text = text.replace("7.属于行政执法案卷 0 0 0 0 0 0 0\n", "")
    result = parse_table(spec, text, "text")
    assert [i.kind for i in result.issues] == ["missing_row"]


# Rows (一)(二) are each 12|1|0|…|13 or 1|2|10|…|13; every other row is fixed and fits either pair.
TABLE3_TEMPLATE = """一、本年新收政府信息公开申请数量 13 3 10 0 0 0 26
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 GRANTED
（二）部分公开（区分处理的，只计这一情形，不计其他情形） PARTLY
（三）不予公开
1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供
1.本机关不掌握相关政府信息 0 0 0 0 0 0 0
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理
1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0
（七）总计 13 3 10 0 0 0 26
四、结转下年度继续办理 0 0 0 0 0 0 0
"""


def test_a_page_wrapped_in_a_layout_table_reads_the_same(catalogue, reports, tmp_path):
    html = (FIXTURES / "a_2022.html").read_text(encoding="utf-8")
    wrapped = html.replace('<div class="article">', '<table width="100%"><tr><td class="content">') \
                  .replace("</div>\n<div class=\"footer\">", "</td></tr></table>\n<div class=\"footer\">")
    assert wrapped.count("<table") == html.count("<table") + 1
    path = tmp_path / "wrapped.html"
    path.write_text(wrapped, encoding="utf-8")
    report = parse_report(path, catalogue)
    original = reports["a_2022"]
    assert [(f.metric_key, f.value, f.text) for f in report.facts] == [(f.metric_key, f.value, f.text) for f in original.facts]
    assert issue_kinds(report) == []
