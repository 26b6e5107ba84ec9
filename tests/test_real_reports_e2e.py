"""The real servers answer about several real reports at once: each body's own figures when it is
named (in full or shortened), the deployment's own body when none is, and "not stored" for a body or
year the knowledge base lacks — figures read from the knowledge base, never another body's."""
import pytest

from knowledge import KnowledgeBase
from tests.conftest import FIXTURES, build_with_seed
from tests.support.servers import start_servers

pytestmark = pytest.mark.e2e
REAL = ["pingtan_2020.txt", "pingtan_2021.txt", "shanghai_office_2019.html"]


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    return build_with_seed(tmp_path_factory, [FIXTURES / "real" / name for name in REAL])


@pytest.fixture(scope="module")
def kb(kb_path):
    return KnowledgeBase.open(kb_path)


@pytest.fixture(scope="module")
def servers(kb_path, tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("servers"), env={"ZWGK_KB": str(kb_path)})
    yield running
    running.stop()


def value(kb, body, year, key) -> str:
    fact = kb.fact(key, kb.report(body, year).id)
    return str(int(fact.value))


@pytest.mark.parametrize("question, body, year", [
    ("平潭综合实验区2021年收到多少政府信息公开申请？", "平潭综合实验区", 2021),
    ("平潭2020年收到了几件信息公开申请", "平潭综合实验区", 2020),
    ("上海市政府办公厅2019年一共收到多少件政府信息公开申请？", "上海市人民政府办公厅", 2019),
    ("江苏省民政厅2022年收到多少政府信息公开申请？", "江苏省民政厅", 2022),
])
def test_each_body_named_gets_its_own_figure_with_its_source(servers, kb, question, body, year):
    text = servers.text(f"named-{body}-{year}", question)
    assert value(kb, body, year, "requests.received") in text
    assert "来源：" in text and str(year) in text


def test_a_question_naming_no_body_is_about_the_deployments_own_body(servers, kb):
    text = servers.text("own-body", "去年收到多少政府信息公开申请？")
    assert "江苏省民政厅" in text and value(kb, "江苏省民政厅", 2022, "requests.received") in text


def test_the_body_named_stays_for_follow_ups_and_a_table_cell_is_found_by_its_words(servers, kb):
    sender = "pingtan-follow-up"
    servers.text(sender, "平潭综合实验区2021年收到多少政府信息公开申请？")
    text = servers.text(sender, "其中自然人申请的有多少件？")
    assert value(kb, "平潭综合实验区", 2021, "table3.received.natural_person") in text and "平潭" in text


def test_a_body_or_year_that_is_not_stored_is_said_to_be_not_stored(servers, kb):
    text = servers.text("not-stored", "南京市民政局2022年收到多少政府信息公开申请？")
    assert "南京市民政局" in text and "没有" in text
    stored = {value(kb, b, y, "requests.received") for b, y in
              [("平潭综合实验区", 2021), ("平潭综合实验区", 2020), ("上海市人民政府办公厅", 2019), ("江苏省民政厅", 2022)]}
    assert not any(f"{n}件" in text for n in stored)
    text = servers.text("not-stored-year", "上海市政府办公厅2018年收到多少申请？")
    assert "2018" in text and "没有" in text
