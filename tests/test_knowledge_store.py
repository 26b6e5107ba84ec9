"""The built knowledge base and its query API, on the seed and the fixture reports."""
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeBaseMissing
from knowledge.paths import REPORTS_DIR
from knowledge.store import BuildError, build, input_hash
from tests.conftest import SEED_ID as SEED

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
FIXTURE_REPORTS = ["a_2021_text.txt", "a_2022.html", "b_2019.html", "b_2020_text.txt", "c_2021_conflicts.txt"]


def reports_dir(tmp: Path, fixtures=FIXTURE_REPORTS) -> Path:
    target = tmp / "reports"
    target.mkdir()
    for name in (f"{SEED}.txt", f"{SEED}.yml"):
        shutil.copy(REPORTS_DIR / name, target / name)
    for name in fixtures:
        shutil.copy(FIXTURES / name, target / name)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    directory = reports_dir(tmp)
    result = build(tmp / "knowledge.db", directory)
    return result, directory


@pytest.fixture(scope="module")
def kb(built):
    return KnowledgeBase.open(built[0].path)


# ---------------------------------------------------------------- reports and bodies

def test_reports_and_bodies(kb):
    assert [(r.body, r.year) for r in kb.reports()] == [
        ("江苏省民政厅", 2022), ("示例县人民政府", 2019), ("示例县人民政府", 2020), ("示例市交通运输局", 2021),
        ("示例市交通运输局", 2022), ("示例省生态环境厅", 2021)]
    assert kb.bodies() == ["江苏省民政厅", "示例县人民政府", "示例市交通运输局", "示例省生态环境厅"]


@pytest.mark.parametrize("name", ["江苏省民政厅", "省民政厅", "江苏民政厅", "民政厅"])
def test_body_names_match_loosely(kb, name):
    assert kb.report(name).id == SEED


def test_report_by_year_and_latest(kb):
    assert kb.report("交通运输局").year == 2022
    assert kb.report("示例市交通运输局", 2021).source_file == "a_2021_text.txt"
    assert kb.report("示例市交通运输局", 2019) is None
    assert kb.report("示例县政府", 2019).source_file == "b_2019.html"
    assert kb.report("公安局") is None
    assert kb.report().source_file == SEED + ".txt"     # the deployment's own body: the first report file's


def test_the_own_body_is_set_in_configuration(kb, monkeypatch):
    monkeypatch.setenv("ZWGK_HOME_BODY", "示例市交通运输局")
    assert kb.home_body() == "示例市交通运输局"
    assert kb.report().source_file == "a_2022.html"
    monkeypatch.setenv("ZWGK_HOME_BODY", "没有这个机关")
    assert kb.home_body() == "江苏省民政厅"


def test_a_name_that_fits_several_bodies_gives_none(kb):
    assert kb.match_bodies("示例") == ["示例县人民政府", "示例市交通运输局", "示例省生态环境厅"]
    assert kb.report("示例") is None


# ---------------------------------------------------------------- facts

def test_prose_fact_with_its_source(kb):
    fact = kb.fact("proactive.wechat_posts", SEED)
    assert (fact.value, fact.unit, fact.part, fact.section) == (1064, "篇", 1, "（一）主动公开情况")
    assert fact.sentence == "通过江苏民政微博发布信息802条、微信公众号发布信息1064篇。"
    assert fact.source == ("江苏省民政厅2022年政府信息公开工作年度报告 第一部分（一）主动公开情况："
                           "“微信公众号发布信息1064篇……”")
    assert fact.conflicts == []


def test_a_prose_metric_falls_back_to_its_table_cell(kb):
    report = kb.report("示例市交通运输局", 2022)
    fact = kb.fact("requests.withheld", report.id)       # not in the prose: 表三 （三） sum of sub-rows
    assert (fact.metric_key, fact.value, fact.source_kind, fact.part) == ("requests.withheld", 4, "table", 3)
    assert fact.cell == "表三 （三）不予公开（各项合计） / 总计"
    assert fact.source == "示例市交通运输局2022年政府信息公开工作年度报告 第三部分 表三 （三）不予公开（各项合计） / 总计"
    assert kb.fact("requests.not_held", report.id).value == 12


def test_a_total_of_several_cells(kb):
    report = kb.report("示例市交通运输局", 2022)
    fact = kb.fact("litigation.total", report.id)
    assert (fact.value, fact.source_kind, fact.qualifier) == (1, "table", "各项合计")


def test_a_table_cell_falls_back_to_the_prose(kb):
    fact = kb.fact("table3.granted.total", SEED)
    assert (fact.value, fact.source_kind) == (7, "prose")


def test_conflicts_are_attached_to_facts(kb):
    report = kb.report("示例省生态环境厅")
    prose, table = kb.fact("requests.granted", report.id), kb.fact("table3.granted.total", report.id)
    assert (prose.value, table.value) == (30, 22)
    assert any("30" in c and "22" in c for c in prose.conflicts)
    assert prose.conflicts == table.conflicts
    assert kb.fact("table3.completed.natural_person", report.id).conflicts


def test_facts_of_a_report_are_in_report_order(kb):
    facts = kb.facts(SEED)
    assert facts[0].metric_key == "report.published"
    keys = [f.metric_key for f in facts]
    assert keys.index("proactive.website_items") < keys.index("requests.received") < keys.index("problems")
    assert len(kb.facts()) > len(facts)


def test_missing_facts_are_none(kb):
    assert kb.fact("requests.withheld", SEED) is None
    assert kb.fact("no.such.metric", SEED) is None
    assert kb.fact("requests.received", "no-such-report") is None


# ---------------------------------------------------------------- metrics, sections, conflicts

def test_metrics(kb):
    metric = kb.metric("requests.granted")
    assert (metric.name, metric.unit, metric.kind, metric.group, metric.cell) == ("予以公开", "件", "number", "requests",
                                                                                  "table3.granted.total")
    assert kb.metric("problems").kind == "text"
    assert kb.metric("table4.litigation_direct.pending").group == "table4"
    assert [m.key for m in kb.find_metrics("微信公众号发了多少")][0] == "proactive.wechat_posts"


def test_sections(kb):
    assert kb.section(SEED, 1, 2).title == "依申请公开情况"
    assert kb.section(SEED, 1, "平台").title == "政府信息公开平台建设情况"
    assert kb.section(SEED, 1, "（五）").label == "（五）"
    part5 = kb.section(SEED, 5)
    assert part5.text.startswith("2022年我厅政府信息公开工作虽然取得了一定成效") and part5.text.count("\n") == 3
    assert part5.source == "江苏省民政厅2022年政府信息公开工作年度报告 第五部分 存在的主要问题及改进情况"
    assert kb.section(SEED, 1, 9) is None
    assert kb.section(SEED, 0).source == "江苏省民政厅2022年政府信息公开工作年度报告 前言"
    assert kb.section(SEED, 0).text.endswith("统计期限为2022年1月1日至2022年12月31日。")


def test_conflicts_listing(kb):
    report = kb.report("示例省生态环境厅")
    kinds = sorted(c.kind for c in kb.conflicts(report.id))
    assert kinds == ["ambiguous_split", "prose_vs_table", "prose_vs_table"] + ["sum_rule"] * 4
    assert kb.conflicts(SEED) == []
    assert len(kb.conflicts(SEED, include_notes=True)) == 3


# ---------------------------------------------------------------- search, laws, fee standard, terms

def test_chinese_full_text_search_finds_the_sentence(kb):
    passages = kb.search("微信公众号", kind="sentence")
    assert passages[0].text == "通过江苏民政微博发布信息802条、微信公众号发布信息1064篇。"
    assert passages[0].report_id == SEED and passages[0].part == 1


def test_search_finds_law_articles(kb):
    passages = kb.search("信息处理费", kind="article", limit=3)
    assert (passages[0].law, passages[0].article) == ("条例", 42)
    assert passages[0].source == "《中华人民共和国政府信息公开条例》第四十二条"
    assert kb.search("？？") == []


def test_articles_and_topics(kb):
    article = kb.article("条例", 27)
    assert (article.label, article.chapter, article.law_title) == ("第二十七条", "第四章 依申请公开", "中华人民共和国政府信息公开条例")
    assert kb.article("政府信息公开条例", "第二十七条") == article
    assert kb.article("行政复议法", "二十") .text.startswith("第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道")
    assert kb.article("条例", 57) is None and kb.article("刑法", 1) is None
    assert [a.number for a in kb.articles_for_topic("deadlines")][0] == 33
    assert "how_to_apply" in kb.topics() and "fees" in kb.topics()


def test_fee_standard_and_time_limits(kb):
    fee = kb.fee_standard()
    assert fee["document"] == "国办函〔2020〕109号"
    assert fee["by_count"]["tiers"][1] == {"from": 11, "to": 30, "price": 100, "unit": "元/件"}
    assert "国办函〔2020〕109号" in fee["source"] and fee["summary"]
    limits = {t["key"]: t for t in kb.time_limits()}
    assert (limits["review_application"]["value"], limits["review_application"]["label"]) == ("60", "第二十条")
    assert limits["litigation_direct"]["source"] == "《中华人民共和国行政诉讼法》第四十六条"


def test_terms(kb):
    terms = kb.terms()
    assert {"政府信息公开", "行政复议", "不予处理", "微信公众号", "予以公开"} <= set(terms)
    assert terms == sorted(terms)


# ---------------------------------------------------------------- building

def test_build_is_skipped_when_inputs_are_unchanged(built):
    result, directory = built
    again = build(result.path, directory)
    assert again.skipped and again.input_hash == result.input_hash == input_hash(directory)


def test_builds_are_deterministic(built, tmp_path):
    result, directory = built
    other = build(tmp_path / "again.db", directory, force=True)
    assert other.path.read_bytes() == result.path.read_bytes()


def test_a_changed_report_changes_the_stored_fact(tmp_path):
    directory = reports_dir(tmp_path, [])
    path = tmp_path / "kb.db"
    build(path, directory)
    assert KnowledgeBase.open(path).fact("proactive.wechat_posts", SEED).value == 1064
    seed = directory / f"{SEED}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("微信公众号发布信息1064篇", "微信公众号发布信息1100篇"),
                    encoding="utf-8")
    result = build(path, directory)
    assert not result.skipped
    assert KnowledgeBase.open(path).fact("proactive.wechat_posts", SEED).value == 1100


def test_a_bad_input_leaves_the_old_knowledge_base(tmp_path):
    directory = reports_dir(tmp_path, [])
    path = tmp_path / "kb.db"
    build(path, directory)
    before = path.read_bytes()
    shutil.copy(FIXTURES / "not_a_report.txt", directory / "001_notice.txt")
    with pytest.raises(BuildError, match="不是政府信息公开工作年度报告"):
        build(path, directory)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db", "reports"]    # no temp file left behind


def test_two_reports_of_one_body_and_year_are_refused(tmp_path):
    directory = reports_dir(tmp_path, ["a_2021_text.txt"])
    shutil.copy(FIXTURES / "a_2021_text.txt", directory / "a_copy.txt")
    with pytest.raises(BuildError, match="同一机关同一年度"):
        build(tmp_path / "kb.db", directory)


def test_an_empty_reports_directory_still_builds_the_laws(tmp_path):
    directory = tmp_path / "empty"
    directory.mkdir()
    kb = KnowledgeBase.open(build(tmp_path / "kb.db", directory).path)
    assert kb.reports() == [] and kb.report() is None and kb.facts() == []
    assert kb.article("条例", 1) is not None


# ---------------------------------------------------------------- opening

def test_missing_file_names_the_file_and_the_command(tmp_path):
    with pytest.raises(KnowledgeBaseMissing) as error:
        KnowledgeBase.open(tmp_path / "nothing.db")
    assert str(tmp_path / "nothing.db") in str(error.value) and "zwgk kb build" in str(error.value)


def test_a_file_that_is_not_a_knowledge_base(tmp_path):
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(KnowledgeBaseMissing, match="zwgk kb build"):
        KnowledgeBase.open(tmp_path / "junk.db")
    sqlite3.connect(tmp_path / "other.db").execute("create table x (a)").connection.close()
    with pytest.raises(KnowledgeBaseMissing, match="缺少表"):
        KnowledgeBase.open(tmp_path / "other.db")


def test_path_from_the_environment(built, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(built[0].path))
    assert KnowledgeBase.open().path == built[0].path


def test_the_knowledge_base_is_read_only(kb):
    with pytest.raises(sqlite3.OperationalError):
        with kb._connect() as conn:
            conn.execute("delete from facts")


def test_queries_from_several_threads(kb):
    results, errors = [], []

    def ask():
        try:
            results.append(kb.fact("requests.received", SEED).value)
        except Exception as error:          # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [23] * 8


def test_a_knowledge_base_of_another_schema_version(built, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(built[0].path, old)
    conn = sqlite3.connect(old)
    conn.execute("update meta set value = '0' where key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(KnowledgeBaseMissing, match="旧版本"):
        KnowledgeBase.open(old)


def test_knowledge_imports_nothing_from_the_layers_above_it():
    package = Path(__file__).parents[1] / "knowledge"
    offending = [f"{p.relative_to(package)}: {line.strip()}" for p in package.rglob("*.py")
                 for line in p.read_text(encoding="utf-8").splitlines()
                 if line.strip().startswith(("import ", "from ")) and line.split()[1].split(".")[0] in ("bot", "actions")]
    assert offending == []


def test_every_table_has_the_columns_of_the_schema(built):
    from knowledge.schema import COLUMNS

    with sqlite3.connect(built[0].path) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' and name not like '%_fts%'")]
        found = {t: tuple(r[1] for r in conn.execute(f"pragma table_info([{t}])")) for t in tables}
    assert found == COLUMNS
