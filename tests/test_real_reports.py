"""The six real reports of fixtures/real (five 平潭综合实验区, one 上海市人民政府办公厅) go into a knowledge
base with `zwgk kb add` and no option, and what is stored is their hand-checked ground truth: every
table cell is the printed value, or nothing where the source leaves it blank or where the digits of a
flattened row can be read more than one way (then an ambiguous_split issue says so)."""
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from knowledge import KnowledgeBase
from measure.parsing import MONEY, score

REAL = Path(__file__).parent / "fixtures" / "real"
TRUTH = json.loads((REAL / "ground_truth.json").read_text(encoding="utf-8"))
KEYS = yaml.safe_load((REAL / "score_keys.yml").read_text(encoding="utf-8"))
FILES = sorted(n for n in TRUTH if not n.startswith("_"))
NATIONAL = [n for n in FILES if TRUTH[n]["format"] != "pre-2019"]
PRE_2019 = [n for n in FILES if TRUTH[n]["format"] == "pre-2019"]
UNREAD = ("ambiguous_split", "unreadable_row")


def run(*args):
    return CliRunner().invoke(main, ["kb", *map(str, args)], catch_exceptions=False)


def add(env, file, *extra):
    return run("add", file, "--db", env["db"], "--reports", env["reports"], *extra)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """One knowledge base with the six reports, each added by `zwgk kb add` without options."""
    tmp = tmp_path_factory.mktemp("real")
    env = {"db": tmp / "kb.db", "reports": tmp / "reports", "outputs": {}}
    env["reports"].mkdir()
    for name in FILES:
        env["outputs"][name] = add(env, REAL / name)
    return env


@pytest.fixture(scope="module")
def kb(env):
    return KnowledgeBase.open(env["db"])


def report_of(kb, name):
    truth = TRUTH[name]
    body = truth["body"].split(" (")[-1].rstrip(")")
    return kb.report(body, truth["year"])


def truth_cells(name) -> dict:
    """{cell metric key: (value, unit)} of the ground truth's 表二/三/四 (value None: blank in the source)."""
    truth, out = TRUTH[name], {}
    for section in truth["table2"].values():
        labels = {c["key"]: c["label_zh"] for c in section["columns"]}
        for row_key, row in section["rows"].items():
            for column, label in labels.items():
                unit = row.get(f"{column}_unit") or next((u for u in ("万元", "元") if u in label), None)
                key = f"table2.{KEYS['table2']['rows'][row_key]}.{KEYS['table2']['columns'][column]}"
                out[key] = (row[column], unit)
    for row in truth["table3"]["rows"]:
        for column, value in row["values"].items():
            out[f"table3.{KEYS['table3']['rows'][row['key']]}.{KEYS['table3']['columns'][column]}"] = (value, None)
    for group_key, group in truth["table4"]["groups"].items():
        for column, value in group["values"].items():
            out[f"table4.{KEYS['table4']['rows'][group_key]}.{KEYS['table4']['columns'][column]}"] = (value, None)
    return out


def stored_cells(kb, report) -> dict:
    return {f.metric_key: f for f in kb.facts(report.id) if f.source_kind == "table" and f.metric_key in ALL_CELLS}


ALL_CELLS = {k for n in NATIONAL for k in truth_cells(n)}


def unread_cells(kb, report) -> dict:
    return {k: c.kind for c in kb.conflicts(report.id) if c.kind in UNREAD for k in c.metrics}


def in_unit(value, unit, fact_unit):
    return value * MONEY[unit] / MONEY[fact_unit] if unit in MONEY and fact_unit in MONEY else value


# ---------------------------------------------------------------- every file goes in

@pytest.mark.parametrize("name", FILES)
def test_each_real_report_is_added_without_options(env, kb, name):
    result = env["outputs"][name]
    assert result.exit_code == 0, result.output
    assert "已加入" in result.output
    report = report_of(kb, name)
    truth = TRUTH[name]
    assert report is not None and report.year == truth["year"]
    assert report.published == truth["published"][:10]


@pytest.mark.parametrize("name", NATIONAL)
def test_stored_cells_are_the_ground_truth(kb, name):
    report = report_of(kb, name)
    stored, unread = stored_cells(kb, report), unread_cells(kb, report)
    for key, (value, unit) in truth_cells(name).items():
        fact = stored.get(key)
        if value is None:
            assert fact is None, f"{key}: blank in the source, stored {fact and fact.value}"
        elif fact is None:
            assert unread.get(key) == "ambiguous_split", f"{key}: {value} not stored and no reason recorded"
        else:
            assert abs(in_unit(value, unit, fact.unit) - fact.value) < 1e-6, f"{key}: {value} vs {fact.value}{fact.unit}"


@pytest.mark.parametrize("name", NATIONAL)
def test_tables_three_and_four_are_read_completely(kb, name):
    report = report_of(kb, name)
    stored = stored_cells(kb, report)
    for key, (value, _) in truth_cells(name).items():
        if key.startswith(("table3.", "table4.")) and value is not None:
            assert key in stored and stored[key].value == value, key


def test_runs_with_two_row_consistent_splits_are_settled_by_the_column_rules(kb):
    report = report_of(kb, "pingtan_2021.txt")
    rows = {r["row_key"]: r for r in kb.table_rows(report.id) if r["table_key"] == "table3"}
    assert rows["granted"]["method"] == rows["not_held"]["method"] == "split_by_columns"
    columns = ("natural_person", "business", "research", "public_interest", "legal_services", "other_org", "total")
    assert [rows["granted"]["cells"][c] for c in columns] == [27, 0, 0, 2, 0, 1, 30]
    assert [rows["not_held"]["cells"][c] for c in columns] == [22, 0, 0, 0, 0, 3, 25]


def test_without_the_column_rules_those_runs_stay_unknown(tmp_path):
    """The same rows where the other rows no longer pin the columns: two readings survive, none is stored."""
    text = (REAL / "pingtan_2021.txt").read_text(encoding="utf-8")
    text = text.replace("（七）总计630020469", "（七）总计")           # the column totals are gone
    path = tmp_path / "pingtan_2021_no_totals.txt"
    path.write_text(text, encoding="utf-8")
    env = {"db": tmp_path / "kb.db", "reports": tmp_path / "reports"}
    env["reports"].mkdir()
    assert add(env, path).exit_code == 0
    kb = KnowledgeBase.open(env["db"])
    report = kb.report("平潭综合实验区", 2021)
    issues = {c.subject: c for c in kb.conflicts(report.id) if c.kind == "ambiguous_split"}
    granted = next(c for s, c in issues.items() if "予以公开" in s)
    assert [2, 7, 0, 0, 20, 1, 30] in granted.details["candidates"]
    assert [27, 0, 0, 2, 0, 1, 30] in granted.details["candidates"]
    assert kb.fact("table3.granted.natural_person", report.id) is None
    assert kb.fact("table3.not_held.business", report.id) is None


def test_flattened_rows_are_settled_with_the_bodys_reports_of_other_years(env, kb):
    """2019's 行政许可 “3960181” has 11 readings; 2020 starts from 396 items, so only 396|0|181 keeps
    上一年项目数量 = 上年的上一年项目数量 + 本年增/减. 2020's own 本年增/减 and 处理决定数量 stay open."""
    report = report_of(kb, "pingtan_2019.txt")
    fact = kb.fact("table2.licensing.decisions", report.id)
    assert fact.value == 181 and "3960181" in fact.source and "平潭综合实验区2020年报告" in fact.source
    assert not fact.conflicts
    notes = {c.subject for c in kb.conflicts(report.id, include_notes=True) if c.kind == "settled_by_other_years"}
    assert notes == {"表二 行政许可", "表二 其他对外管理服务事项", "表二 行政处罚", "表二 行政事业性收费"}
    later = report_of(kb, "pingtan_2020.txt")
    assert kb.fact("table2.licensing.prior_items", later.id).value == 396
    assert kb.fact("table2.licensing.decisions", later.id) is None
    assert "上一年项目数量396" in env["outputs"]["pingtan_2020.txt"].output   # kb add says what the build settled


def test_a_table_printed_inconsistently_is_stored_as_printed_with_the_conflict(env, kb):
    report = report_of(kb, "pingtan_2020.txt")
    rules = [c for c in kb.conflicts(report.id) if c.kind == "sum_rule"]
    assert sorted(c.subject for c in rules) == ["表三：（七）总计等于（一）至（六）各项之和（总计）",
                                              "表三：（七）总计等于（一）至（六）各项之和（自然人）"]
    total = next(c for c in rules if c.subject.endswith("（总计）"))
    assert total.details["lhs"] == {"completed.total": 21} and sum(total.details["rhs"].values()) == 27
    assert kb.fact("table3.completed.total", report.id).value == 21
    assert kb.fact("table3.otherwise_handled.total", report.id).value == 4
    assert "不符合" in env["outputs"]["pingtan_2020.txt"].output


@pytest.mark.parametrize("name", PRE_2019)
def test_pre_2019_reports_say_the_national_tables_are_absent(kb, name):
    report = report_of(kb, name)
    notes = [c for c in kb.conflicts(report.id, include_notes=True) if c.kind == "national_tables_absent"]
    assert len(notes) == 1 and "没有表二、表三、表四" in notes[0].description
    tables = {f.metric_key.split(".")[0] for f in kb.facts(report.id) if f.source_kind == "table"}
    assert tables == {"table_old"}               # the old 统计表 only (tests/test_old_table.py)
    assert kb.section(report.id, 2).title == "主动公开政府信息情况"


def test_blank_cells_are_not_stated(kb):
    report = report_of(kb, "shanghai_office_2019.html")
    assert kb.fact("table3.received.research", report.id) is None
    assert kb.fact("table4.litigation_after_review.total", report.id) is None
    assert kb.fact("table3.granted.natural_person", report.id).value == 258
    litigation = kb.fact("litigation.total", report.id)             # 直接起诉 9 + 复议后起诉 (blank)
    assert litigation.value == 9
    assert not [c for c in kb.conflicts(report.id) if c.kind == "sum_rule"]


def test_prose_is_checked_against_blank_totals_read_as_their_rows_sums(kb):
    report = report_of(kb, "shanghai_office_2019.html")
    found = {c.details["prose"]: c.details["table"] for c in kb.conflicts(report.id) if c.kind == "prose_vs_table"}
    assert found[265] == 337                    # 无法提供: 252+12+1 + 44+3 + 25, its 总计 cells blank
    assert found[258] == 275                    # 予以公开及部分公开: 272 + 3
    assert not [f for f in kb.facts(report.id)                             # still not stored as a cell
                if f.metric_key == "table3.cannot_provide.total" and f.source_kind == "table"]


def test_the_benchmark_command_prints_the_table_without_writing():
    before = (REAL.parents[2] / "docs" / "parsing.md").read_bytes()
    result = run("score", "--corpus", REAL, "--no-write")
    assert result.exit_code == 0 and "| **合计** |" in result.output and "wrong:" not in result.output
    assert (REAL.parents[2] / "docs" / "parsing.md").read_bytes() == before


def test_the_benchmark_finds_no_wrong_figure():
    result = score(REAL)
    assert result.counts()["wrong"] == 0, [i for i in result.items if i.outcome == "wrong"]
    assert result.counts(kinds=("表三", "表四"))["unknown"] == 0
    assert result.share_right(kinds=("表二", "表三", "表四")) > 0.965


# ---------------------------------------------------------------- what other copies of a report do

def _pdf_pages(text: str) -> str:
    """pingtan_2021 as text out of a PDF: lines, page footers, and a page break inside table 三."""
    body = text.split("\n", 9)[9]
    body = re.sub(r"(?<!第)(?=（[一二三四五六七]）|[一二三四五六]、|\d\.(?=[\u4e00-\u9fff]))", "\n", body)
    lines = [l for l in body.split("\n") if l.strip()]
    cut = next(i for i, l in enumerate(lines) if l.startswith("4.保护第三方合法权益"))
    pages = ["— 4 —", "第 4 页 共 9 页", "平潭综合实验区2021年度政府信息公开工作年度报告"]
    return "\n".join(lines[:cut] + pages + lines[cut:]) + "\n— 5 —\n"


def test_page_footers_and_a_table_split_by_a_page_break(kb, tmp_path):
    text = (REAL / "pingtan_2021.txt").read_text(encoding="utf-8")
    path = tmp_path / "pingtan_2021_pdf.txt"
    path.write_text(_pdf_pages(text), encoding="utf-8")
    env = {"db": tmp_path / "kb.db", "reports": tmp_path / "reports"}
    env["reports"].mkdir()
    assert add(env, path).exit_code == 0
    copy = KnowledgeBase.open(env["db"])
    ours = copy.report("平潭综合实验区", 2021)
    theirs = report_of(kb, "pingtan_2021.txt")
    assert stored_values(copy, ours) == stored_values(kb, theirs)
    assert not [c for c in copy.conflicts(ours.id) if c.kind == "sum_rule"]


def stored_values(kb, report) -> dict:
    return {k: f.value for k, f in stored_cells(kb, report).items()}


def test_a_misspelt_body_name_elsewhere_does_not_block_the_report(tmp_path):
    text = (REAL / "pingtan_2019.txt").read_text(encoding="utf-8")
    text = text.replace("标题: 平潭综合实验区", "标题: 平谭综合实验区", 1)           # an OCR slip in the header
    text = text.rstrip("\n") + "\n平谭综合实验区\n2020年1月20日\n"                  # and under the signature
    path = tmp_path / "pingtan_2019_ocr.txt"
    path.write_text(text, encoding="utf-8")
    env = {"db": tmp_path / "kb.db", "reports": tmp_path / "reports"}
    env["reports"].mkdir()
    result = add(env, path)
    assert result.exit_code == 0, result.output
    kb = KnowledgeBase.open(env["db"])
    assert [r.body for r in kb.reports()] == ["平潭综合实验区"]
    notes = [c for c in kb.conflicts(include_notes=True) if c.kind == "body_name"]
    assert len(notes) == 1 and "平谭综合实验区" in notes[0].description


def test_the_corpus_copy_is_complete():
    names = {p.name for p in REAL.iterdir()}
    assert set(FILES) <= names and {"README.md", "ground_truth.json", "score_keys.yml"} <= names


@pytest.mark.parametrize("name, phone", [("pingtan_2018.txt", "0591-23165255"), ("pingtan_2021.txt", "0591-23165370")])
def test_a_reports_contact_details_are_quoted_from_it(kb, name, phone):
    from actions.answers import contact
    report = next(r for r in kb.reports() if r.year == int(name[8:12]) and r.body.startswith("平潭"))
    answer = contact(kb, report).text
    assert phone in answer and "来源" in answer


def test_a_report_without_contact_details_says_so(kb):
    from actions.answers import contact
    report = next(r for r in kb.reports() if r.body.startswith("上海"))
    assert "没有提到联系地址或电话" in contact(kb, report).text


def test_of_several_figures_stated_under_one_metric_the_one_the_question_counts(kb):
    from actions.answers import statistic
    report = next(r for r in kb.reports() if r.year == 2018)
    assert len(kb.stated_facts("management.online_inquiries", report.id)) == 2
    assert "11条" in statistic(kb, report, ["management.online_inquiries"], "网友在网站上留言多少条").text
    assert "15564件" in statistic(kb, report, ["management.online_inquiries"], "咨询投诉件共有多少件").text


def test_a_topic_an_older_report_gives_no_figures_on_is_answered_from_its_sentences(kb):
    from actions.answers import topic
    report = next(r for r in kb.reports() if r.year == 2018)
    assert "年度报告中写道" in topic(kb, report, "ask_interpretation", "政策解读是用什么形式做的").text


def test_a_sum_one_of_whose_parts_is_unread_is_not_given(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2019.txt")
    keys = ["proactive.penalty_decisions", "proactive.enforcement_decisions"]
    unread = [k for k in keys if kb.fact(k, report.id) is None or kb.fact(k, report.id).value is None]
    assert unread, "平潭2019's 行政强制 row is a digit run with several readings"
    text = answers.derived(kb, report, "total", keys, question="行政处罚跟行政强制的处理决定加一起多少").text
    assert "无法相加" in text and "合计" not in text and "计算方法" not in text


def test_a_total_naming_no_figure_that_a_sentence_states_is_that_sentence(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2020.txt")
    text = answers.derived(kb, report, "total", [], question="2020年一共主动公布了多少条政府信息").text
    assert "2602" in text and "计算方法" not in text


def test_a_completion_rate_with_no_applications_to_handle_says_so(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2018.txt")
    assert kb.fact("requests.received", report.id).value == 0
    text = answers.derived(kb, report, "completion_rate", ["requests.completed"], question="办结率是多少").text
    assert "没有办结率可算" in text and "%" not in text


def test_a_follow_up_naming_a_figure_the_sentence_before_states_is_read_there(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2018.txt")
    hotline = kb.fact("management.online_inquiries", report.id)
    beside = answers.said_beside(kb, report, hotline.sentence, hotline.source, ["requests.completed"], "办完了多少件")
    assert beside is not None and "已办结15042件" in beside.text and "来源" in beside.text
    assert answers.said_beside(kb, report, hotline.sentence, hotline.source, ["requests.carried_forward"], "还剩几件") is None


def test_a_short_question_read_with_the_one_before_keeps_its_own_nouns(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2018.txt")
    text = answers.passage(kb, report, "哪几个乡镇发得多", before="区里各部门的呢，占多少").text
    assert "敖东镇" in text and "区管委会及区直各部门主动公开政府信息1592条" not in text


def test_a_share_the_report_states_beside_the_figure_is_quoted_with_the_computed_one(kb):
    from actions import answers
    report = report_of(kb, "shanghai_office_2019.html")
    text = answers.count_and_share(kb, report, "requests.withheld", "不予公开的有多少件，占多少").text
    assert "35件" in text and "4.3%" in text and "报告原文写明：“不予公开35件，占4.34%”" in text
    assert text.index("报告原文写明") < text.index("来源")


def test_the_plans_keep_the_headings_that_state_each_measure(kb):
    plans = kb.fact("improvements", report_of(kb, "pingtan_2019.txt").id).text
    assert "（一）继续强化信息公开责任" in plans and "（三）继续加强督导协调工作" in plans
    assert plans.index("（一）") < plans.index("切实贯彻落实")


def test_a_count_is_said_missing_unless_one_sentence_holds_what_it_counts(kb):
    from actions import answers
    report = report_of(kb, "shanghai_office_2019.html")
    text = answers.passage(kb, report, "“上海发布”的抖音号粉丝数量").text     # 抖音号 in one sentence, 粉丝 in another
    assert text.startswith("上海市人民政府办公厅2019年的年度报告没有提到“粉丝”的数字")


def test_a_sum_of_the_outcomes_never_adds_a_row_beside_the_row_that_adds_it_up(kb):
    from actions.answers import derived
    answer = derived(kb, report_of(kb, "pingtan_2021.txt"), "total", [], question="依申请公开的申请一共办了多少件").text
    assert "合计：69" in answer and "与合计一致" in answer and "本机关不掌握" not in answer


def test_the_kinds_of_a_count_are_its_tables_rows_in_order_the_empty_ones_summed_up(kb):
    from actions.answers import details_of
    answer = details_of(kb, report_of(kb, "pingtan_2021.txt"), "requests.withheld", "不予公开的几件？都是什么理由").text
    lines = answer.split("\n")
    assert lines[0].endswith("不予公开8件。") and "其余情形均为0件。" in lines
    kinds = [line for line in lines if line.startswith("· ")]
    assert [k.split("（")[0] for k in kinds] == ["· 属于三类内部事务信息", "· 属于行政执法案卷", "· 属于行政查询事项"]


def test_a_text_item_named_is_quoted_before_sentences_that_share_its_words(kb):
    from actions.answers import texts_named
    report = report_of(kb, "pingtan_2021.txt")
    assert "无收取信息处理费情况" in texts_named(kb, report, ["other.processing_fee"]).text
    assert texts_named(kb, report_of(kb, "shanghai_office_2019.html"), ["other.processing_fee"]) is None


def test_words_one_report_uses_and_the_others_never_do(kb):
    shanghai, pingtan = report_of(kb, "shanghai_office_2019.html"), report_of(kb, "pingtan_2021.txt")
    assert "好差评" in kb.words_only_in("政务服务好差评啥时候上线的", shanghai.id, [pingtan.id])
    assert kb.words_only_in("政府信息公开申请收到多少", shanghai.id, [pingtan.id]) == []


def test_a_figure_never_counted_in_the_unit_asked_gives_way_to_the_accounts(kb):
    from actions.context import _counted_in_the_unit_asked
    report = report_of(kb, "pingtan_2018.txt")
    text = "微博和微信公众号分别几个"
    assert _counted_in_the_unit_asked(kb, "proactive.weibo_posts", text, report) == "proactive.weibo_accounts"
    assert _counted_in_the_unit_asked(kb, "proactive.wechat_posts", text, report) == "proactive.wechat_accounts"
    assert _counted_in_the_unit_asked(kb, "proactive.weibo_posts", "微博发了多少条", report) == "proactive.weibo_posts"


def test_a_topic_named_by_its_word_is_not_answered_by_sentences_without_it(kb):
    from actions.answers import topic
    answer = topic(kb, report_of(kb, "shanghai_office_2019.html"), "ask_fee_charged", "依申请公开收没收信息处理费").text
    assert "没有提到" in answer and "来源" not in answer


def test_a_total_of_the_requests_received_is_the_received_figure(kb):
    from actions.answers import derived
    answer = derived(kb, report_of(kb, "pingtan_2021.txt"), "total", [], question="依申请公开一共收到多少件").text
    assert "新收政府信息公开申请70件" in answer


def test_the_kinds_of_a_count_whose_rows_leave_the_total_blank_are_their_rows_sums(kb):
    from actions.answers import details_of
    answer = details_of(kb, report_of(kb, "shanghai_office_2019.html"), "requests.withheld", "不予公开的主要是什么原因").text
    kinds = [line for line in answer.split("\n") if line.startswith("· ")]
    assert len(kinds) == 4 and "属于国家秘密" in kinds[0] and "14件" in kinds[0] and "各项合计" in kinds[0]
    assert sum(int(k.rsplit("：", 1)[1].rstrip("件")) for k in kinds) == 35


def test_a_count_no_figure_name_holds_is_read_as_the_sentence_that_would_answer_it(kb):
    assert kb.metrics_a_question_asks("20年平潭主动公开了多少条信息") == ["proactive.items"]
    assert kb.metrics_a_question_asks("平潭主动公开了多少") == ["proactive.items"]
    assert kb.metrics_a_question_asks("网站改版了几次") == []
    assert kb.metrics_a_question_asks("19年平潭一共公布了多少条政府信息") == ["proactive.items"]   # 公布政府信息N条


def test_asked_on_what_grounds_the_outcomes_come_with_the_grounds_the_table_divides_them_into(kb):
    from actions.answers import breakdown
    report = report_of(kb, "pingtan_2019.txt")
    answer = breakdown(kb, report, "剩下那些没给的都是什么理由").text
    assert "补正后申请内容仍不明确（总计）：5件" in answer and "重复申请（总计）：3件" in answer
    assert answer.count("本机关不掌握相关政府信息") == 2            # its line and its source, once each
    assert "补正后" not in breakdown(kb, report, "办理结果怎么样").text


def test_a_figure_counted_in_the_unit_asked_stands_in_only_for_another_kind_of_thing(kb):
    from actions.context import _counted_in_the_unit_asked
    report = report_of(kb, "pingtan_2020.txt")
    key = "requests.from_natural_persons"
    assert _counted_in_the_unit_asked(kb, key, "个人申请的有几个", report) == key


def test_a_figure_is_quoted_with_the_short_gloss_the_report_brackets_after_it(kb):
    fact = kb.fact("requests.completed", report_of(kb, "shanghai_office_2019.html").id)
    assert fact.value == 805 and "（含上年度结转申请18件" in fact.source


def test_a_workload_asked_after_the_carry_overs_adds_the_received_and_the_carried_over(kb):
    from actions.answers import derived
    report = report_of(kb, "shanghai_office_2019.html")
    keys = ["requests.carried_over_in", "requests.carried_forward"]
    answer = derived(kb, report, "total", keys, question="那一年里总共要处理的是多少件").text
    received, carried = (kb.fact(k, report.id).value for k in ("requests.received", "requests.carried_over_in"))
    assert f"合计：{received + carried}" in answer and "结转下年度" not in answer


def test_asked_whether_figures_add_up_the_report_is_said_where_they_do_not(kb):
    from actions.answers import where_it_does_not_add_up
    pingtan, shanghai = report_of(kb, "pingtan_2020.txt"), report_of(kb, "shanghai_office_2019.html")
    answer = where_it_does_not_add_up(kb, pingtan, [], "表里各种结果加起来跟总数21件对得上吗").text
    assert "对不上" in answer and "（七）总计21" in answer and "= 27" in answer
    answer = where_it_does_not_add_up(kb, shanghai, ["requests.granted", "requests.partly_granted"],
                                      "正文说予以公开及部分公开258件，表格里这两行加起来是多少，对得上吗").text
    assert "258件" in answer and "275件" in answer
    named = ["requests.received", "requests.carried_over_in"]
    assert where_it_does_not_add_up(kb, shanghai, named, "新收加上年结转，跟答复加顺延的数对得上吗") is None
    assert where_it_does_not_add_up(kb, pingtan, [], "表里各种结果加起来一共多少") is None
    answer = where_it_does_not_add_up(kb, pingtan, ["proactive.items"], "一共公布了多少条政府信息？分类加起来对吗").text
    assert "2602条" in answer and "相加为2603条" in answer


def test_a_figure_answer_says_the_short_gloss_the_report_brackets_after_it(kb):
    from actions.answers import statistic
    answer = statistic(kb, report_of(kb, "shanghai_office_2019.html"), ["requests.completed"]).text
    assert answer.split("\n")[0].endswith("805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。")


def test_where_what_is_published_can_be_read_is_the_first_thing_the_channels_topic_says(kb):
    from actions.answers import topic
    for name, words in (("pingtan_2018.txt", "县档案馆、县图书馆"), ("pingtan_2020.txt", "《平潭时报》、电视广播等媒介")):
        answer = topic(kb, report_of(kb, name), "ask_channels", "这些信息都在哪里能看到").text
        assert answer.split("\n")[1].startswith("· 主动公开的途径：") and words in answer


def test_the_two_figures_just_asked_that_a_sentence_states_are_added_up(env, monkeypatch):
    """"这俩加起来是多少" after 行政权力事项 and 公共服务事项, which the report states in one sentence, no figure
    of the catalogue naming either."""
    import actions.knowledge_base
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher
    from actions.actions import ActionAnswerDerived
    monkeypatch.setenv("ZWGK_KB", str(env["db"]))
    monkeypatch.setattr(actions.knowledge_base, "_current", None)
    asked = ["平潭实验区2016年梳理了多少项行政权力事项？", "公共服务事项几项", "这俩加起来是多少"]
    latest = {"text": asked[-1], "intent": {"name": "ask_derived", "confidence": 1.0},
              "entities": [{"entity": "derivation", "value": "total"}]}
    events = [{"event": "user", "text": text} for text in asked]
    slots = {"body": "平潭综合实验区", "year": "2016", "last_answer": "passage"}
    dispatcher = CollectingDispatcher()
    ActionAnswerDerived().run(dispatcher, Tracker("t", slots, latest, events, False, None, {}, "action_listen"), {})
    assert "3646项 + 281项 = 3927项" in dispatcher.messages[0]["text"]


def test_the_name_of_a_firm_the_report_does_not_give_is_said_to_be_missing(kb):
    from actions.answers import passage
    report = report_of(kb, "pingtan_2021.txt")
    answer = passage(kb, report, "请来评估的第三方公司叫什么名字").text
    assert "没有提到它的名称" in answer and "第三方评估公司" in answer
    assert "没有提到它的名称" not in passage(kb, report, "第三方评估公司评估了什么").text


def test_a_running_total_less_the_years_own_is_what_came_before_the_year(kb):
    from actions.answers import derived
    old, shanghai = report_of(kb, "pingtan_2016.txt"), report_of(kb, "shanghai_office_2019.html")
    answer = derived(kb, old, "before_the_year", ["table_old.proactive_files.cumulative"], question="那16年以前累计的就是多少").text
    assert "累计81916条" in answer and "85376 − " in answer
    answer = derived(kb, shanghai, "before_the_year", ["table2.regulations.total_published"], question="那19年以前就有多少").text
    assert "累计511件" in answer
    assert kb.cell_named("统计表里历年累计是多少", old.id).key == "table_old.proactive_files.cumulative"


def test_which_ones_have_the_most_is_the_sentence_naming_them_when_no_figures_list_them(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2016.txt"), "哪个乡镇发的最多").text
    assert "量较大的乡镇是澳前镇" in answer
    answer = passage(kb, report_of(kb, "pingtan_2018.txt"), "发的比较多的是哪些部门").text
    assert "区行政审批局" in answer


def test_a_count_of_a_thing_named_only_after_the_sentences_counts_is_said_not_given(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2016.txt"), "澳前镇具体发了几条").text
    assert answer.startswith("平潭综合实验区2016年的年度报告没有提到具体的数字") and "澳前镇" in answer


def test_a_listed_parts_share_of_the_whole_is_of_all_the_parts_listed(kb):
    from actions import sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "pingtan_2016.txt"), "ratio", "其他类那一项占总数多大比例",
                                     "2016年公开的信息里机构职能类的有多少条")
    assert "合计3460条" in answer and "51.9%" in answer


def test_a_thing_counted_that_no_figure_names_is_read_in_the_sentence_counting_it(kb):
    from actions.answers import statistic
    answer = statistic(kb, report_of(kb, "pingtan_2018.txt"), ["proactive.website_items"], "网站给政府找错那个留言有几条").text
    assert "网友留言11条" in answer


def test_how_often_is_the_sentence_stating_a_rhythm(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2018.txt"), "他们多久登陆一次网站").text
    assert "每天至少1次" in answer


def test_whether_a_rows_items_grew_or_shrank_is_its_years_change(kb):
    from actions.context import _change_column
    report = report_of(kb, "pingtan_2020.txt")
    match = kb.cell_named("行政事业性收费项目是多了还是少了", report.id)
    assert _change_column(kb, match, report).key == "table2.fees.change"


def test_a_row_named_without_its_column_is_read_in_the_reports_own_format(kb):
    report = report_of(kb, "pingtan_2020.txt")
    assert kb.cell_named("规范性文件今年出了几个", report.id).key == "table2.normative_documents.made"
    assert kb.cell_state("proactive.normative_documents_issued", report.id) == "unreadable"   # 本年新制作, run together
    report = report_of(kb, "pingtan_2019.txt")
    assert kb.cell_state("table2.regulations.repealed", report.id) is None    # no such column in its format: not blank


def test_a_column_joined_to_a_word_of_its_heading_names_the_heading(kb):
    report = report_of(kb, "pingtan_2020.txt")
    assert kb.cell_named("公司和组织提的申请有几件", report.id).key == "table3.received.legal_entities"
    assert kb.cell_named("公司和个人提的申请有几件", report.id).key == "table3.received.business"


def test_a_count_of_a_thing_only_a_sentence_counts_is_that_sentence_not_a_column_of_its_modifier(kb):
    from actions.answers import statistic
    answer = statistic(kb, report_of(kb, "pingtan_2020.txt"), ["requests.from_natural_persons"],
                       "问政节目里一共收到多少群众诉求").text
    assert "收到群众诉求348件" in answer and "自然人" not in answer


def test_a_rate_no_figure_is_gets_no_share_of_a_figure_one_of_its_words_names(kb):
    from actions.answers import derived
    answer = derived(kb, report_of(kb, "pingtan_2020.txt"), None, ["table3.completed.legal_services"],
                     ["requests.completed"], "行政服务满意率是多少").text
    assert "%" not in answer and "法律服务机构" not in answer


def test_the_requests_in_short_add_their_outcomes_to_what_came_in(kb):
    from actions.answers import requests_overview
    answer = requests_overview(kb, report_of(kb, "pingtan_2020.txt"), "依申请公开这块做得如何").text
    assert "本年新收政府信息公开申请数：21件" in answer and "予以公开：7件" in answer and "结转下年度继续办理" in answer


def test_places_to_read_without_the_internet_come_from_the_report_that_names_them(kb):
    from actions.answers import reading_places
    latest, earlier = report_of(kb, "pingtan_2021.txt"), report_of(kb, "pingtan_2018.txt")
    answer = reading_places(kb, latest, [earlier]).text
    assert "没有提到线下查阅的地方" in answer and "县档案馆" in answer and "第二十五条" in answer


def test_the_share_of_the_category_found_the_most_is_of_its_sentences_whole(kb):
    from actions import sentence_figures
    answer = sentence_figures.share_of_the_most(kb, report_of(kb, "pingtan_2019.txt"), "哪类信息最多",
                                                "2019年平潭共公布了多少条政府信息")
    assert "983条占2599条的比例约为37.8%" in answer


def test_a_sum_after_a_listing_sentence_adds_every_item_it_lists(kb):
    from actions import sentence_figures
    answer = sentence_figures.total_of_each(kb, report_of(kb, "shanghai_office_2019.html"), "主动公开的人事任免文件和市政府其他文件各有多少件")
    assert "合计376件" in answer


def test_a_count_asked_in_a_unit_is_read_in_a_nearby_sentence_stating_one(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2021.txt"), "重要政策文件解读了多少项").text
    assert "对29项" in answer


def test_a_sum_of_rows_whose_total_is_blank_adds_each_rows_cells(kb):
    from actions.answers import derived
    answer = derived(kb, report_of(kb, "shanghai_office_2019.html"), "total", ["requests.granted", "requests.partly_granted"],
                     [], "予以公开和部分公开加起来是多少件").text
    assert "予以公开272 + 部分公开3 = 275" in answer and "空白" in answer


def test_a_share_of_a_listed_category_is_read_in_its_list_when_no_table_counts_it(kb):
    from actions.answers import derived
    answer = derived(kb, report_of(kb, "pingtan_2018.txt"), "ratio", ["table3.granted.other_org"], [],
                     "其他信息占全部主动公开的比例是多少").text
    assert "49.7%" in answer and "予以公开" not in answer


def test_a_thing_asked_after_that_the_report_never_names_is_said_not_mentioned(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2018.txt"), "平潭有没有开通抖音号").text
    assert "没有提到“抖音”" in answer


def test_which_ones_is_the_sentence_listing_names_of_the_kind(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "shanghai_office_2019.html"), "标准化规范化试点是哪几个区").text
    assert "普陀、金山、徐汇、虹口、浦东" in answer


def test_a_yearless_count_goes_to_the_year_whose_report_counts_it(kb):
    from actions.context import report_that_says
    request = report_that_says(kb, report_of(kb, "pingtan_2021.txt"), "各部门一共开了多少个政务新媒体")
    assert request.report.year == 2018 and request.instead_of.year == 2021


def test_a_share_the_report_rounds_is_computed_when_more_precision_is_asked(kb):
    from actions import sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "pingtan_2016.txt"), "ratio", "53%是约数吧，精确到一位小数是多少",
                                     "其中区直部门公开了多少，占几成", precise=True)
    assert "报告写明占53%" in answer and "1822条 ÷ 3460条计算约为52.7%" in answer


def test_a_figure_named_right_after_a_quoted_sentence_is_read_in_that_sentence(kb):
    from actions.answers import said_beside
    report = report_of(kb, "shanghai_office_2019.html")
    quoted = kb.passages("上海市政府公报2019年出了几期", report.id, 1)[0]
    answer = said_beside(kb, report, quoted.text, quoted.source, ["interpretation.articles"], "政策解读登了几篇").text
    assert "政策解读83件" in answer and "132" not in answer


def test_a_question_naming_only_what_the_report_never_uses_is_told_so(kb):
    from actions.answers import passage, unsaid
    report = report_of(kb, "pingtan_2018.txt")
    assert unsaid(kb, report, "有英文版吗") == ["英文版"] and not unsaid(kb, report, "有没有开微博")
    assert "没有提到“英文版”" in passage(kb, report, "有英文版吗").text


def test_the_largest_of_the_rows_a_figure_adds_up_is_named_with_all_of_them(kb):
    from actions.answers import largest_part
    answer = largest_part(kb, report_of(kb, "shanghai_office_2019.html"), "requests.withheld", "里面最多的是啥原因").text
    assert "最多的是属于国家秘密" in answer and "14件" in answer and "属于行政查询事项" in answer


def test_which_category_is_largest_reads_the_list_by_category_and_past_other(kb):
    from actions import sentence_figures
    answer = sentence_figures.most_of_a_list(kb, report_of(kb, "pingtan_2018.txt"), "公开的信息里面哪一类最多")
    assert "其中最多的是其他信息1029条" in answer and "除“其他”外，最多的是" in answer and "281条" in answer


def test_a_count_in_an_uncommon_unit_is_read_in_the_sentence_holding_the_question_s_nouns(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "shanghai_office_2019.html"), "年报里说市政府公报一年出了几期").text
    assert "编发公报24期" in answer


def test_reviews_and_lawsuits_named_together_give_the_outcomes_of_each(kb):
    from actions.actions import cases_asked
    from actions.answers import outcomes_of_each
    keys = cases_asked("review.total", [], "复议和官司是不是都维持了")
    assert keys == ["review.total", "litigation.total"]
    answer = outcomes_of_each(kb, report_of(kb, "shanghai_office_2019.html"), keys, "复议和官司是不是都维持了").text
    assert "行政复议（结果维持）：5件" in answer and "（结果维持）：8件" in answer


def test_where_a_report_says_requests_go_is_found_in_its_words(kb):
    from actions.answers import where_to_apply
    assert "“依申请公开”子栏目" in where_to_apply(kb, report_of(kb, "pingtan_2018.txt"))
    assert "信函、传真等申请渠道" in where_to_apply(kb, report_of(kb, "pingtan_2020.txt"))
    assert where_to_apply(kb, report_of(kb, "pingtan_2021.txt")) is None


def test_where_to_read_names_the_places_the_report_gives(kb):
    from actions.answers import where_to_read
    answer = where_to_read(kb, report_of(kb, "pingtan_2016.txt"), "老百姓去哪里可以查阅政府信息").text
    assert "县档案馆" in answer and "查阅场所" in answer


def test_a_whole_whose_bracketed_parts_do_not_add_up_is_kept_with_the_conflict(kb):
    report = report_of(kb, "pingtan_2020.txt")
    found = [c for c in kb.conflicts(report.id) if c.kind == "prose_parts"]
    assert [(c.details["prose"], c.details["parts"]) for c in found] == [(2602, 2603)]
    assert "相差1条" in kb.fact("proactive.items", report.id).conflicts[0]
    report = report_of(kb, "pingtan_2018.txt")            # its categories add up: nothing recorded
    assert not [c for c in kb.conflicts(report.id) if c.kind == "prose_parts"]


def test_a_rows_items_named_without_a_column_are_last_years_plus_the_change(kb):
    from actions.answers import statistic
    report = report_of(kb, "pingtan_2019.txt")            # 行政事业性收费 "350": 35 | 0, settled with 2020's report
    answer = statistic(kb, report, ["table2.fees.prior_items"], "行政事业性收费项目有几项").text
    assert "（上一年项目数量）35项" in answer and "本年项目数量即35+0=35项" in answer
    assert "本年项目数量即" not in statistic(kb, report, ["table2.fees.prior_items"], "行政事业性收费上一年项目数是多少").text


def test_a_row_named_without_a_column_is_told_whole(kb):
    from actions.answers import statistic
    report = report_of(kb, "shanghai_office_2019.html")
    answer = statistic(kb, report, ["table2.procurement.amount"], "政府集中采购花了多少钱").text
    assert "251000元" in answer and "这一行还写明：采购项目数量6" in answer


def test_the_share_of_a_listed_category_is_of_the_lists_sum_not_of_a_word_most_categories_share(kb):
    from actions import sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "pingtan_2016.txt"), "ratio", "其他类的信息占全部的百分之几")
    assert "51.9%" in answer and "1796条 ÷ 3460条" in answer


def test_a_short_lead_in_words_is_quoted_with_the_sentence_it_leads_into(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "shanghai_office_2019.html"), "他们政策解读是怎么搞的").text
    assert "“做好政策解读工作，精准传递政策意图。严格落实" in answer and "三同步" in answer
    assert "没有提到" not in answer


def test_a_row_is_named_by_its_label_without_administrative(kb):
    report = report_of(kb, "pingtan_2021.txt")
    assert [m.key for m in kb.cells_of_rows_named("处罚和强制加起来呢", report.id)] == [
        "table2.penalties.decisions", "table2.enforcement.decisions"]


def _asked(text, before="", slots=None, entities=()):
    from rasa_sdk import Tracker
    said = [{"event": "user", "text": t} for t in (before, text) if t]
    return Tracker("test", slots or {}, {"text": text, "intent": {"name": "ask_statistic", "confidence": 1.0},
                                         "entities": list(entities)}, said, False, None, {}, "action_listen")


def test_accounts_asked_by_their_unit_and_then_what_they_posted(kb):
    from actions.context import named_metrics
    report = report_of(kb, "pingtan_2018.txt")
    weibo = {"entity": "metric", "value": "proactive.weibo_posts", "start": 0, "end": 2}
    accounts = named_metrics(kb, _asked("微博微信各几个", entities=[weibo]), report)
    assert set(accounts) == {"proactive.weibo_accounts", "proactive.wechat_accounts"}
    posts = named_metrics(kb, _asked("它们各发了多少条信息", "微博微信各几个", {"recent_metrics": accounts}), report)
    assert set(posts) == {"proactive.weibo_posts", "proactive.wechat_posts"}


def test_what_is_left_beside_a_part_named_is_the_whole_less_it(kb):
    from actions import answers, cues
    report = report_of(kb, "shanghai_office_2019.html")
    question = "除了个人以外的申请一共多少件"
    assert cues.leaves_out(question) and cues.derivation_asked(question) == "difference"
    answer = answers.derived(kb, report, "difference", ["requests.from_natural_persons"], [], question).text
    assert "除此以外的有38件" in answer and "859 − 821 = 38" in answer


def test_an_abbreviation_the_report_never_uses_is_read_in_its_full_form(kb):
    from actions.answers import passage
    report = report_of(kb, "pingtan_2018.txt")
    assert kb.in_full("征地的有多少条", report.id) == "征收或征用土地的有多少条"
    assert kb.in_full("政府公报上公开了几条", report.id) == "政府公报上公开了几条"     # a word of the laws: its own
    assert "征收或征用土地类信息89条" in passage(kb, report, "平潭18年公开的信息里征地的有多少条").text


def test_the_share_of_the_category_just_found_the_most_follows_a_question_naming_it_by_this(kb):
    from actions import sentence_figures
    report = report_of(kb, "pingtan_2020.txt")
    answer = sentence_figures.derive(kb, report, "ratio", "其他应主动公开的呢，这部分占总数比例多少")
    assert "1053条 ÷ 2602条" in answer and "40.5%" in answer


def test_a_figure_in_wan_without_a_unit_word_is_read_and_each_of_two_is_given(kb):
    from actions import sentence_figures
    report = report_of(kb, "shanghai_office_2019.html")
    figures = {n["raw"] for n in kb.numbers(report.id)}
    assert {"550万", "770万"} <= figures
    answer = sentence_figures.each_named(kb, report, "上海发布的微信和微博各有多少人关注")
    assert "550万" in answer and "770万" in answer
    assert sentence_figures.derive(kb, report, "total", "上海发布微博去年一共发了多少条") is None   # 条, not fans


def test_a_sum_of_listed_figures_keeps_to_the_unit_of_the_best_named(kb):
    from actions import sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "pingtan_2018.txt"), "total", "机构职能类跟政策规范性文件类加起来多少",
                                     unstated=True)
    assert "211条 + 82条 = 293条" in answer


def test_the_share_of_a_part_its_sentence_lists_of_the_figure_named(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2019.txt")
    answer = answers.count_and_share(kb, report, "proactive.fiscal_items", "预决算公开的占财政资金信息的比例",
                                     ["proactive.fiscal_items"]).text
    assert "51.8%" in answer and "197条 ÷ 380条" in answer


def test_the_figure_just_given_is_the_part_of_the_one_named_after_zhan(kb):
    from actions import answers
    report = report_of(kb, "pingtan_2019.txt")
    answer = answers.count_and_share(kb, report, "requests.received", "这个占申请总数的多少",
                                     ["requests.cannot_provide", "requests.received"]).text
    assert "52.2%" in answer and "无法提供12 ÷ 本年新收政府信息公开申请数23" in answer


def test_which_is_more_compares_the_two_just_added_the_larger_first(kb):
    from actions import answers
    report = report_of(kb, "shanghai_office_2019.html")
    pair = ["review.total", "litigation.total"]
    answer = answers.derived(kb, report, "difference", pair, [], "哪个多，多多少").text
    assert "前者比后者多2" in answer and "9 − 7 = 2" in answer


def test_a_span_of_time_asked_is_read_from_a_sentence_giving_one(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2019.txt"), "去大厅办事要排多久队，有改善吗").text
    assert "42分钟缩至19分钟" in answer


def test_what_was_done_is_not_read_from_the_shortcomings_and_plans(kb):
    from actions.answers import passage
    answer = passage(kb, report_of(kb, "pingtan_2021.txt"), "平潭综合实验区2021年政策解读方面做了哪些工作").text
    assert "谁起草谁解读" in answer and "存在的主要问题" not in answer
    problems = passage(kb, report_of(kb, "pingtan_2021.txt"), "政策解读方面存在什么问题").text
    assert "不够丰富" in problems


def test_an_average_per_item_is_of_the_figure_counted_over_the_things_it_is_counted_over(kb):
    from actions import answers, cues
    from actions.context import per_item_terms
    report = report_of(kb, "pingtan_2018.txt")
    question = "微信平均每个号发了多少条"
    assert cues.derivation_asked(question) == "per_item"
    wechat = {"entity": "metric", "value": "proactive.wechat_posts", "start": 0, "end": 2}
    keys = per_item_terms(kb, _asked(question, entities=[wechat]), ["proactive.wechat_posts"], report)
    assert keys == ["proactive.wechat_posts", "proactive.wechat_accounts"]
    assert "3404 ÷ 41 ≈ 83" in answers.derived(kb, report, "per_item", keys, [], question).text
    shanghai = report_of(kb, "shanghai_office_2019.html")
    pair = ["table2.procurement.amount", "table2.procurement.items"]
    asked = _asked("平均一个项目多少钱", "采购了几个项目，花了多少钱", {"recent_metrics": pair})
    assert "251000 ÷ 6 ≈ 41833.3" in answers.derived(kb, shanghai, "per_item", per_item_terms(kb, asked, [], shanghai),
                                                         [], "平均一个项目多少钱").text


def test_a_share_of_a_blank_total_is_of_its_rows_applicant_cells_added(kb):
    from actions import answers
    report = report_of(kb, "shanghai_office_2019.html")
    answer = answers.derived(kb, report, "ratio", ["table3.petition_complaint.total"], ["requests.not_processed"],
                             "这里面信访举报投诉类的占几成").text
    assert "94.3%" in answer and "149 ÷ 不予处理158" in answer and "各类申请人相加" in answer


def test_a_count_is_given_with_the_share_its_sentence_states(kb):
    from actions import answers
    answer = answers.statistic(kb, report_of(kb, "shanghai_office_2019.html"), ["requests.withheld"], "不予公开的申请有几件").text
    assert "不予公开35件" in answer and "占4.34%" in answer


def test_a_row_run_together_is_refused_with_the_digits_as_printed(kb):
    from actions.answers import statistic
    report = report_of(kb, "pingtan_2021.txt")
    assert kb.unreadable_run("table2.normative_documents.issued", report.id) == "693665"
    answer = statistic(kb, report, ["table2.normative_documents.issued"], "规范性文件制发了几件").text
    assert "原文印作“693665”" in answer and "无法确定" in answer


def test_a_category_the_latest_question_names_is_the_part_not_the_one_asked_before(kb):
    from actions import sentence_figures
    report = report_of(kb, "pingtan_2016.txt")
    answer = sentence_figures.derive(kb, report, "ratio", "“其他”那一类占总数多少", "安全生产应急管理类呢")
    assert "1796条占所列各类合计3460条的比例约为51.9%" in answer


def test_figures_the_question_names_in_one_sentence_are_added(kb):
    from actions import answers, sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "pingtan_2020.txt"), "total",
                                     "生态环境保护、征地、土地出让这三类信息加起来多少条")
    assert "合计200条" in answer
    beside = answers.derived_in_words(kb, report_of(kb, "pingtan_2016.txt"), "total", ["proactive.procurement_items"],
                                      "政府采购项目信息和网上竞价一共发了多少条")
    assert "合计612条" in beside.text


def test_a_figure_computed_from_figures_printed_in_wan_is_given_in_wan(kb):
    from actions import sentence_figures
    answer = sentence_figures.derive(kb, report_of(kb, "shanghai_office_2019.html"), "difference", "微博粉丝比微信用户多多少")
    assert "770万比550万多220万" in answer


def test_information_disclosed_counted_in_items_is_the_proactive_count(kb):
    assert kb.metrics_a_question_asks("一共公开了多少条信息") == ["proactive.items"]
    assert kb.metrics_a_question_asks("依申请公开了多少条信息") == []


def test_shares_a_sentence_states_are_compared_in_points_and_added(kb):
    from actions import sentence_figures
    report = report_of(kb, "shanghai_office_2019.html")
    assert "99.58%比0.34%高99.24个百分点" in sentence_figures.derive(kb, report, "change", "好评比差评高多少个百分点")
    assert "合计99.92%" in sentence_figures.derive(kb, report, "ratio", "好评和差评加起来占多少")
    assert "其余约占0.08%" in sentence_figures.derive(kb, report, "ratio", "既不是好评也不是差评的占多少")


def test_a_table_row_named_loosely_is_the_one_whose_labels_share_clearly_the_most(kb):
    report = report_of(kb, "pingtan_2019.txt")
    assert kb.row_named_loosely("补正以后还是没说清楚要啥的有几件", report.id) == "table3.still_unclear.total"
    assert kb.row_named_loosely("收了多少钱", report.id) is None
    assert kb.row_named_loosely("网民咨询多少件", report.id) is None
    assert kb.row_named_loosely("规范性文件清理了几次", report_of(kb, "pingtan_2020.txt").id) is None   # named as it stands
