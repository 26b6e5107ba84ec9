"""“为什么？” after a figure: a figure the report states is quoted as stated; a figure the parser or the
query API added up (a table's group row, a total of cells, a prose total from its parts) is said to
be added up, from which stated figures."""
import pytest

from actions import answers
from knowledge import KnowledgeBase
from tests.conftest import FIXTURES, build_with_seed

REAL = FIXTURES / "real"
STATED = "报告原文写明的数字"
ADDED_UP = "报告原文没有直接写明这个数字"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return KnowledgeBase.open(build_with_seed(tmp_path_factory, [REAL / "pingtan_2021.txt"]))


def why(kb, body: str, key: str) -> str:
    return answers.explanation(kb, kb.report(body), key).text


def test_a_stated_figure_is_quoted_as_stated(kb):
    text = why(kb, "江苏省民政厅", "requests.received")
    assert STATED in text and ADDED_UP not in text and "原文：“2022年接收政府信息公开申请23件" in text
    assert kb.parts_of(kb.fact("requests.received", kb.report("江苏省民政厅").id)) == []


def test_a_prose_total_the_parser_took_from_its_one_stated_part_says_so(kb):
    # 江苏省民政厅 2022 states only “经复议后被提起行政诉讼1件”: the total of lawsuits is that part.
    text = why(kb, "江苏省民政厅", "litigation.total")
    assert STATED not in text and ADDED_UP in text
    assert "复议后起诉的行政诉讼案件数1件" in text and "没有提到其他部分" in text


def test_a_table_group_row_is_the_sum_of_its_sub_rows(kb):
    # 表三 （三）不予公开 has no figures of its own in the national format: its eight sub-rows add up.
    text = why(kb, "平潭综合实验区", "requests.withheld")
    assert STATED not in text and ADDED_UP in text and "相加" in text
    assert "属于行政执法案卷（总计）6" in text and "属于行政查询事项（总计）1" in text and text.count(" + ") == 7
    assert "= 8。" in text and "（各项合计）" in text  # the source line names the group row


def test_a_total_of_two_cells_names_both(kb):
    text = why(kb, "平潭综合实验区", "litigation.total")
    assert STATED not in text and ADDED_UP in text
    assert "计算方法：未经复议直接起诉的行政诉讼（总计）12 + 复议后起诉的行政诉讼（总计）0 = 12。" in text
    assert text.count("来源：") == 2


def test_a_printed_cell_is_stated(kb):
    text = why(kb, "平潭综合实验区", "requests.granted")
    assert STATED in text and ADDED_UP not in text and "表三 （一）予以公开 / 总计" in text


def test_a_column_heading_is_the_sum_of_its_columns(kb):
    # 表三's 法人或其他组织 heads five columns and has no cell of its own.
    text = why(kb, "平潭综合实验区", "table3.received.legal_entities")
    assert STATED not in text and ADDED_UP in text and "相加" in text
    assert "社会公益组织）2" in text and "其他）4" in text and text.count(" + ") == 4 and "= 6。" in text
