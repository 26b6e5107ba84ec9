"""The old national 统计表 that ends the reports of 2008–2018 (政府信息公开情况统计表: 指标名称 | 计量单位 |
<year>年度 | 历年累计): read from the real flattened pages of fixtures/real (pingtan_2016.txt,
pingtan_2018.txt) and from the same tables in the formats departments publish (fixtures/old_table,
made by scripts/make_old_table_variants.py from the hand-checked cells of fixtures/old_table/expected.json)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge import KnowledgeBase
from knowledge.catalogue import load
from knowledge.parse.indicators import parse_old_table, printed_rows
from knowledge.parse.report import parse_report
from knowledge.parse.tables import prepare

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
OLD = FIXTURES / "old_table"
EXPECTED = json.loads((OLD / "expected.json").read_text(encoding="utf-8"))
NAMES = [n for n in EXPECTED if not n.startswith("_")]
FORMATS = ["ruled.pdf", "word.docx", "pdf_copy.txt", "pipe_tables.md", "word_spans.html"]
COLUMNS = ("year", "cumulative")
HEADER = "指标名称计量单位2016年度历年累计"


def run(*args):
    return CliRunner().invoke(main, ["kb", *map(str, args)], catch_exceptions=False)


def add(env, file, *extra):
    return run("add", file, "--db", env["db"], "--reports", env["reports"], *extra)


def new_env(tmp):
    env = {"db": tmp / "kb.db", "reports": tmp / "reports", "outputs": {}}
    env["reports"].mkdir()
    return env


def expected_cells(name) -> dict:
    """{cell key: (value, unit)} of a report's 统计表 as printed."""
    return {f"table_old.{row['row']}.{column}": (row[column], row["unit"])
            for row in EXPECTED[name]["rows"] for column in COLUMNS}


def old_cells(kb, report_id) -> dict:
    return {f.metric_key: f for f in kb.facts(report_id)
            if f.source_kind == "table" and f.metric_key.startswith("table_old.")}


def report_of(kb, name):
    return kb.report("平潭综合实验区", EXPECTED[name]["year"])


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """The two real pre-2019 reports, each added by `zwgk kb add` without options."""
    env = new_env(tmp_path_factory.mktemp("old"))
    for name in NAMES:
        env["outputs"][name] = add(env, REAL / f"{name}.txt")
    return env


@pytest.fixture(scope="module")
def kb(env):
    return KnowledgeBase.open(env["db"])


@pytest.fixture(scope="module")
def catalogue():
    return load()


def _with(tmp_path, name: str, old: str, new: str):
    """A knowledge base of one real report with a piece of its text replaced."""
    text = (REAL / f"{name}.txt").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{name}_changed.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    env = new_env(tmp_path)
    result = add(env, path)
    assert result.exit_code == 0, result.output
    kb = KnowledgeBase.open(env["db"])
    return kb, kb.reports()[0]


# ---------------------------------------------------------------- the real flattened pages

@pytest.mark.parametrize("name", NAMES)
def test_every_cell_of_the_old_table_is_read_as_printed(env, kb, name):
    assert env["outputs"][name].exit_code == 0, env["outputs"][name].output
    report = report_of(kb, name)
    stored = old_cells(kb, report.id)
    expected = expected_cells(name)
    assert {k: (f.value, f.unit) for k, f in stored.items()} == expected
    assert not [c for c in kb.conflicts(report.id) if c.kind in ("ambiguous_split", "unreadable_row", "sum_rule")]


def test_the_2018_table_has_no_fees_row_and_says_nothing_about_it(kb):
    report = report_of(kb, "pingtan_2018")
    assert kb.fact("table_old.fees.year", report.id) is None
    assert kb.fact("other.processing_fee_amount", report.id) is None
    assert kb.cell_state("other.processing_fee_amount", report.id) is None       # not printed: not "blank"
    assert kb.fact("other.processing_fee_amount", report_of(kb, "pingtan_2016").id).value == 0


@pytest.mark.parametrize("name, run_, clause", [
    ("pingtan_2016", "346085376", "2016年全区主动公开政府信息3460条"),
    ("pingtan_2018", "206912106", "2018年全区主动公开政府信息2069条"),
])
def test_a_run_the_rules_leave_open_is_read_as_the_prose_states_it(env, kb, name, run_, clause):
    """主动公开文件数 “346085376” is 3|46085376, 34|6085376 or 3460|85376 by the table's rules; the report
    says 3460 in prose, so only 3460|85376 is the report's; 政府网站公开数 ≤ 主动公开文件数 then leaves one
    reading of its own run."""
    report = report_of(kb, name)
    total = kb.fact("table_old.proactive_files.cumulative", report.id)
    assert run_ in total.source and clause in total.source
    notes = [c for c in kb.conflicts(report.id, include_notes=True) if c.kind == "settled_by_prose"]
    assert len(notes) == 1 and clause in notes[0].description
    rows = {r["row_key"]: r["method"] for r in kb.table_rows(report.id)}
    assert rows["proactive_files"] == "split_by_prose" and rows["website"] == "split_by_columns"
    assert clause in env["outputs"][name].output                      # kb add says how it was read


@pytest.mark.parametrize("name", NAMES)
def test_the_years_cells_answer_the_catalogues_metrics(kb, name):
    report = report_of(kb, name)
    for metric, row in [("requests.granted", "granted"), ("requests.partly_granted", "partly_granted"),
                        ("requests.withheld", "withheld"), ("requests.completed", "replies"),
                        ("proactive.website_items", "website")]:
        fact = kb.fact(metric, report.id)
        assert fact.source_kind == "table" and fact.value == kb.fact(f"table_old.{row}.year", report.id).value
        assert "政府信息公开情况统计表" in fact.source and "/ 本年度" in fact.source


@pytest.mark.parametrize("name", NAMES)
def test_prose_figures_stay_the_answer_and_agree_with_the_table(kb, name):
    report = report_of(kb, name)
    for metric, row in [("proactive.items", "proactive_files"), ("requests.received", "requests"),
                        ("review.total", "reviews"), ("litigation.total", "lawsuits")]:
        fact = kb.fact(metric, report.id)
        assert fact.source_kind == "prose" and not fact.conflicts
        assert fact.value == kb.fact(f"table_old.{row}.year", report.id).value
    assert not [c for c in kb.conflicts(report.id) if c.kind == "prose_vs_table"]


def test_the_cumulative_column_has_metrics_of_its_own(kb, catalogue):
    report = report_of(kb, "pingtan_2016")
    assert kb.fact("table_old.proactive_files.cumulative", report.id).value == 85376
    metric = catalogue.metric("table_old.proactive_files.cumulative")
    assert metric.name == "主动公开文件数（历年累计）"
    assert {"累计主动公开文件数", "至今主动公开信息", "历年主动公开政府信息"} <= set(metric.synonyms)
    assert kb.cell_named("主动公开文件数至今累计有多少", report.id).key == "table_old.proactive_files.cumulative"
    assert kb.cell_named("2016年主动公开文件数是多少", report.id).key == "table_old.proactive_files.year"
    assert kb.prose_key("table_old.proactive_files.year") == "proactive.items"
    assert kb.prose_key("table_old.proactive_files.cumulative") == "table_old.proactive_files.cumulative"


def test_metrics_name_the_years_cells_of_the_old_table(catalogue):
    named = {m.key: m.old_cell for m in catalogue.metrics if m.old_cell}
    assert named["proactive.items"] == "table_old.proactive_files.year"
    assert named["requests.received"] == "table_old.requests.year"
    assert all(cell.startswith("table_old.") and cell.endswith(".year") and catalogue.metric(cell)
               for cell in named.values())
    assert len(set(named.values())) == len(named)


def test_answers_name_the_table_cell(kb):
    from actions.answers import statistic
    report = report_of(kb, "pingtan_2016")
    text = statistic(kb, report, ["requests.granted"], "同意公开的有多少").text
    assert "0条" in text and "统计表 对申请的答复总数 同意公开答复数 / 本年度" in text
    text = statistic(kb, report, ["table_old.website.cumulative"], "").text
    assert "85376条" in text and "历年累计" in text


# ---------------------------------------------------------------- prose and table disagree, or prose is missing

def test_a_table_figure_that_differs_from_the_prose_is_kept_with_the_conflict(tmp_path):
    kb, report = _with(tmp_path, "pingtan_2016", "行政复议数件00", "行政复议数件11")
    assert kb.fact("table_old.reviews.year", report.id).value == 1
    stated = kb.fact("review.total", report.id)
    assert stated.source_kind == "prose" and stated.value == 0                   # the prose is not overwritten
    conflict = next(c for c in kb.conflicts(report.id) if c.kind == "prose_vs_table")
    assert conflict.details["prose"] == 0 and conflict.details["table"] == 1
    assert any("行政复议数 / 本年度" in note for note in stated.conflicts)


def test_without_the_prose_figure_the_run_stays_unread(tmp_path):
    kb, report = _with(tmp_path, "pingtan_2016", "主动公开政府信息3460条", "主动公开了大量政府信息")
    issues = {c.subject: c for c in kb.conflicts(report.id) if c.kind == "ambiguous_split"}
    assert set(issues) == {"政府信息公开情况统计表 主动公开文件数", "政府信息公开情况统计表 政府网站公开数"}
    assert issues["政府信息公开情况统计表 主动公开文件数"].details["candidates"] == [
        [3, 46085376], [34, 6085376], [3460, 85376]]
    assert not [k for k in old_cells(kb, report.id) if k.split(".")[1] in ("proactive_files", "website")]
    assert kb.cell_state("table_old.proactive_files.cumulative", report.id) == "unreadable"
    assert kb.cell_state("proactive.website_items", report.id) == "unreadable"
    from actions.answers import statistic
    assert "无法确定" in statistic(kb, report, ["table_old.proactive_files.cumulative"], "").text


def test_a_prose_figure_no_reading_agrees_with_settles_nothing(tmp_path):
    kb, report = _with(tmp_path, "pingtan_2016", "主动公开政府信息3460条", "主动公开政府信息3470条")
    assert not [k for k in old_cells(kb, report.id) if k.split(".")[1] in ("proactive_files", "website")]
    assert len([c for c in kb.conflicts(report.id) if c.kind == "ambiguous_split"]) == 2


# ---------------------------------------------------------------- flattened text, row by row

def _table(catalogue, body: str, header: str = HEADER):
    return parse_old_table(catalogue.tables["table_old"], header + body, "text")


def _values(result) -> dict:
    return {c.key.split(".", 1)[1]: c.value for c in result.cells}


def test_sub_row_numbers_are_cut_off_the_runs_before_them(catalogue):
    body = ("受理依申请公开信息总数条2035其中：1、当面申请数条5102、网上申请数条10203、信函、传真申请数条55"
            "对申请的答复总数条1218其中：1.同意公开答复数条6102.同意部分公开答复数条353.不予公开答复数条00"
            "4.其他类型答复数条33行政复议数件12")
    rows = printed_rows(catalogue.tables["table_old"].formats[0], prepare(HEADER + body))
    assert [(r.clean, r.values, r.number) for r in rows[:4]] == [
        ("受理依申请公开信息总数", "2035", None), ("当面申请数", "510", 1), ("网上申请数", "1020", 2),
        ("信函、传真申请数", "55", 3)]
    values = _values(_table(catalogue, body))
    assert (values["requests.year"], values["requests.cumulative"]) == (20, 35)
    assert (values["online.year"], values["online.cumulative"]) == (10, 20)
    # 答复总数 “1218” is 1|218 or 12|18 by its own row; its four sub-rows add up to 12 and 18
    assert (values["replies.year"], values["replies.cumulative"]) == (12, 18)
    assert (values["reviews.year"], values["reviews.cumulative"]) == (1, 2)


def test_a_sub_row_number_that_does_not_end_the_run_leaves_that_row_unread(catalogue):
    result = _table(catalogue, "受理依申请公开信息总数条00其中：1、当面申请数条007、网上申请数条00")
    issue = next(i for i in result.issues if i.kind == "unreadable_row")
    assert issue.subject.endswith("当面申请数")
    assert "in_person.year" not in _values(result) and _values(result)["online.year"] == 0


def test_sub_row_numbers_of_two_digits(catalogue):
    rows = printed_rows(catalogue.tables["table_old"].formats[0], prepare(
        HEADER + "对申请的答复总数条00其中：9、同意公开答复数条0010、同意部分公开答复数条00"))
    assert [(r.clean, r.values, r.number) for r in rows] == [
        ("对申请的答复总数", "00", None), ("同意公开答复数", "00", 9), ("同意部分公开答复数", "00", 10)]


def test_a_row_the_catalogue_lacks_is_noted_and_its_total_not_checked(catalogue):
    body = "受理依申请公开信息总数条00其中：1、当面申请数条002、网上申请数条003、信函、传真申请数条004、电子邮件申请数条22"
    result = _table(catalogue, body.replace("受理依申请公开信息总数条00", "受理依申请公开信息总数条22"))
    notes = [i for i in result.issues if i.kind == "unknown_row"]
    assert len(notes) == 1 and "电子邮件申请数" in notes[0].description
    assert not [i for i in result.issues if i.kind == "sum_rule"]        # 当面+网上+信函 ≠ 受理: a row is not read
    assert _values(result)["requests.year"] == 2


def test_rules_the_printed_table_breaks_are_conflicts(catalogue):
    """Cells apart (a page's table): read as printed, each broken rule recorded."""
    body = (" 对申请的答复总数 条 12 18 其中：1、同意公开答复数 条 7 10 2、同意部分公开答复数 条 3 5 "
            "3、不予公开答复数 条 0 0 4、其他类型答复数 条 3 3 行政复议数 件 3 1")
    result = _table(catalogue, body, "指标名称 计量单位 2016年度 历年累计")
    broken = sorted(i.subject for i in result.issues if i.kind == "sum_rule")
    assert broken == ["政府信息公开情况统计表：历年累计不小于本年度（行政复议数）",
                      "政府信息公开情况统计表：同意公开、同意部分公开、不予公开和其他类型的答复数之和等于答复总数（本年度）"]
    assert _values(result)["granted.year"] == 7 and _values(result)["reviews.cumulative"] == 1


def test_rows_of_other_bodies_are_known_by_their_labels_and_the_row_above(catalogue):
    body = ("主动公开文件数件12001500其中：1、政府网站公开数件8001000 2、政府公报公开数件100200 3、其他途径公开数件300300"
            " 行政复议数件23其中：1、维持具体行政行为数件12 2、被依法纠错数件11 3、其他情形数件00"
            " 行政诉讼数件11其中：1、维持具体行政行为数件11 2、被依法纠错数件00 3、其他情形数件00 举报投诉数件45")
    values = _values(_table(catalogue, body, "指标名称 计量单位 本年度 历年累计 "))
    assert (values["other_channels.year"], values["other_channels.cumulative"]) == (300, 300)
    assert (values["review_upheld.year"], values["review_corrected.year"]) == (1, 1)
    assert (values["lawsuit_upheld.year"], values["lawsuit_corrected.year"]) == (1, 0)
    assert (values["complaints.year"], values["complaints.cumulative"]) == (4, 5)
    assert (values["proactive_files.year"], values["proactive_files.cumulative"]) == (1200, 1500)


def test_amounts_with_decimals_run_together(catalogue):
    """“120.5350.5” is 120.5|350.5, 120.53|50.5 or 120.535|0.5; only the first keeps 历年累计 ≥ 本年度."""
    values = _values(_table(catalogue, "政府信息公开收费减免金额元120.5350.5接受行政诉讼、举报数件00"))
    assert (values["fees.year"], values["fees.cumulative"]) == (120.5, 350.5)


def test_a_blank_cell_is_not_stated(catalogue):
    values = _values(_table(catalogue, " 行政复议数 件 ∅ 3 行政诉讼数 件 0 0", "指标名称 计量单位 2016年度 历年累计"))
    assert "reviews.year" not in values and values["reviews.cumulative"] == 3


def test_a_report_without_the_table_says_so(tmp_path, catalogue):
    text = (REAL / "pingtan_2016.txt").read_text(encoding="utf-8")
    path = tmp_path / "pingtan_2016_no_table.txt"
    path.write_text(text[:text.index(" 七、平潭综合实验区政府信息公开情况统计表")], encoding="utf-8")
    report = parse_report(path, catalogue)
    assert not report.tables and not [f for f in report.facts if f.source_kind == "table"]
    assert [i.description for i in report.issues if i.kind == "missing_table"] == ["报告中没有政府信息公开情况统计表。"]


def test_only_reports_before_2019_have_the_old_table(catalogue):
    old = parse_report(REAL / "pingtan_2016.txt", catalogue)
    new = parse_report(REAL / "pingtan_2019.txt", catalogue)
    assert [t.spec.key for t in old.tables] == ["table_old"] and old.tables[0].spec.part == 7
    assert [t.spec.key for t in new.tables] == ["table2", "table3", "table4"]


# ---------------------------------------------------------------- the same tables as published files

@pytest.mark.parametrize("name, fmt", [(n, f) for n in NAMES for f in FORMATS])
def test_the_table_in_a_published_format_gives_the_same_cells(tmp_path, name, fmt):
    env = new_env(tmp_path)
    result = add(env, OLD / f"{name}_{fmt}")
    assert result.exit_code == 0 and "已加入" in result.output, result.output
    kb = KnowledgeBase.open(env["db"])
    report = kb.reports()[0]
    assert report.year == EXPECTED[name]["year"]
    assert {k: (f.value, f.unit) for k, f in old_cells(kb, report.id).items()} == expected_cells(name)
    assert not [c for c in kb.conflicts(report.id, include_notes=True) if c.kind == "settled_by_prose"]


@pytest.mark.parametrize("question, expected", [
    ("平潭2018年历年累计主动公开了多少条信息", "12106"),
    ("平潭2018年主动公开了多少条信息", "2069"),
])
def test_a_question_about_the_years_together_gets_the_cumulative_cell(env, monkeypatch, question, expected):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    import actions.knowledge_base
    from actions.actions import ActionAnswerStatistic

    monkeypatch.setenv("ZWGK_KB", str(env["db"]))
    monkeypatch.setattr(actions.knowledge_base, "_current", None)
    latest = {"text": question, "intent": {"name": "ask_statistic", "confidence": 1.0},
              "entities": [{"entity": "metric", "value": "proactive.items"}, {"entity": "year", "value": "2018"}]}
    dispatcher = CollectingDispatcher()
    ActionAnswerStatistic().run(dispatcher, Tracker("u", {}, latest, [], False, None, {}, "action_listen"), {})
    text = dispatcher.messages[0]["text"]
    assert expected in text and "来源：" in text
    assert ("历年累计" in text) == (expected == "12106")


def test_the_years_total_is_asked_of_the_figure_just_given_and_its_share_of_it(kb):
    from rasa_sdk import Tracker

    from actions.actions import asked_derivation
    from actions.context import named_metrics
    report = report_of(kb, "pingtan_2016")

    def named(text, entities=()):
        latest = {"text": text, "intent": {"name": "ask_derived"}, "entities": [{"entity": "derivation", "value": v}
                                                                               for v in entities]}
        tracker = Tracker("t", {"metric": "proactive.items"}, latest, [], False, None, {}, "action_listen")
        return named_metrics(kb, tracker, report, asked_derivation(tracker))
    assert named("到现在为止累计总共多少", ["total"]) == ["table_old.proactive_files.cumulative"]
    assert named("今年的占历年累计的比例是多少", ["ratio"]) == ["proactive.items", "table_old.proactive_files.cumulative"]
    assert kb.yearly_of("table_old.proactive_files.cumulative") == "proactive.items"
    tracker = Tracker("t", {"metric": "review.total"}, {"text": "历年累计主动公开了多少", "intent": {"name": "ask_statistic"},
                                                        "entities": []}, [], False, None, {}, "action_listen")
    assert named_metrics(kb, tracker, report) != ["table_old.reviews.cumulative"]   # not the figure just given
