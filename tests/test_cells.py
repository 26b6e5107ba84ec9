"""Table cells named in words: rows and columns of 表二、三、四 by their labels and synonyms."""
import pytest

from knowledge.catalogue import load
from knowledge.cells import cell_names, cells_named


@pytest.fixture(scope="module")
def names():
    return cell_names(load())


@pytest.mark.parametrize("text, context, key, column_named", [
    ("个人申请了多少件", None, "table3.received.natural_person", True),
    ("商业企业呢", "table3.received.natural_person", "table3.received.business", True),
    ("予以公开的呢", "table3.received.natural_person", "table3.granted.natural_person", True),
    ("不予处理的有几件", None, "table3.not_processed.total", False),
    ("复议以后再起诉的有几件", None, "table4.litigation_after_review.total", False),
    ("复议结果纠正的有吗", None, "table4.review.corrected", True),
    ("规范性文件废止了几件", None, "table2.normative_documents.repealed", True),
    ("废止了几件", "table2.normative_documents.issued", "table2.normative_documents.repealed", True),
    ("属于行政查询事项的呢", "table3.state_secret.total", "table3.query_matters.total", False),
    # a heading over several columns names their sum
    ("法人或其他组织申请了多少", None, "table3.received.legal_entities", True),
    ("不予处理的里面法人的呢", None, "table3.not_processed.legal_entities", True),
    # a label opening with 需要 names its row without it too
    ("因为要另行制作而无法提供的有几件", None, "table3.needs_creation.total", False),
    # the applicants are those of the year's new requests, whatever row was asked before
    ("申请的人里面个人占多大比例", "table3.carried_forward.total", "table3.received.natural_person", True),
    ("个人的呢", "table3.carried_forward.total", "table3.carried_forward.natural_person", True),
    # a column no other row of its table has names its row
    ("一共采购了几个项目", None, "table2.procurement.items", True),
    # 没 is 未 (没审结: 尚未审结), the names written with 没 still name their cells
    ("统计表里复议还有几件没审结", None, "table4.review.pending", True),
    ("没有现成信息需要另行制作的几件", None, "table3.needs_creation.total", False),
])
def test_the_cell_a_question_names(names, text, context, key, column_named):
    first = cells_named(text, names, context)[0]
    assert (first.key, first.column_named) == (key, column_named)


@pytest.mark.parametrize("text", ["微信公众号发了多少", "怎么申请政府信息公开", ""])
def test_no_cell_named(names, text):
    assert cells_named(text, names) == []
