"""Text handling, numerals, structure, metadata and prose facts, on phrasings of several bodies."""
import pytest

from knowledge.catalogue import load
from knowledge.parse.blocks import text_blocks
from knowledge.parse.html import html_blocks
from knowledge.parse.meta import meta_from_text
from knowledge.parse.numerals import to_number, year_of
from knowledge.parse.prose import mentions, sentence_facts
from knowledge.parse.headings import part_heading
from knowledge.parse.structure import parse_structure, sub_heading
from knowledge.parse.text import normalise, split_sentences


@pytest.fixture(scope="module")
def catalogue():
    return load()


def facts(catalogue, sentence):
    found, _ = sentence_facts(catalogue, sentence)
    return {f.metric.key: (f.value, f.qualifier, sentence[f.start:f.end]) for f in found}


# ---------------------------------------------------------------- numerals and text

@pytest.mark.parametrize("text,value", [("23", 23), ("4,001", 4001), ("二十三", 23), ("两", 2), ("一百零五", 105),
                                        ("十", 10), ("三千二百", 3200), ("1.2万", 12000), ("12.5", 12.5), ("零", 0)])
def test_numerals(text, value):
    assert to_number(text) == value


def test_years_in_chinese_digits():
    assert year_of("二〇二二") == 2022 and year_of("2021") == 2021 and year_of("12") is None


def test_normalise_keeps_length_and_thousands_separators():
    text = "收到申请23件,其中(予以公开)2,150条;"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm == "收到申请23件，其中（予以公开）2,150条；"


def test_sentences_split_on_enders_outside_brackets_and_keep_quotes():
    text = "办结25件(其中予以公开7件；部分公开4件)。他说：“已经办结。”下一句;最后一句"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["办结25件(其中予以公开7件；部分公开4件)。", "他说：“已经办结。”", "下一句;", "最后一句"]


def test_mentions_ignore_years_ordinals_and_codes():
    found = mentions(normalise("2022年第三次会议，发布H5产品3个，一次性告知，共4,001篇、约100余件"))
    assert [(m.value, m.unit, m.approximate) for m in found] == [(3, "个", False), (4001, "篇", False), (100, "件", True)]


# ---------------------------------------------------------------- prose phrasings

@pytest.mark.parametrize("sentence,value", [
    ("全年共收到政府信息公开申请23件。", 23),
    ("2022年接收政府信息公开申请23件。", 23),
    ("共受理依申请公开81件。", 81),
    ("全年新收政府信息公开申请二十三件。", 23),
    ("本机关全年共收到依申请公开申请一百零五件，均已按时答复。", 105),
])
def test_received_in_the_phrasings_of_different_bodies(catalogue, sentence, value):
    assert facts(catalogue, sentence)["requests.received"][0] == value


def test_the_noun_after_the_number(catalogue):
    found = facts(catalogue, "答复21件人大代表建议、39件政协委员提案。")
    assert found["proactive.npc_suggestions_answered"][0] == 21
    assert found["proactive.cppcc_proposals_answered"][0] == 39


def test_qualifiers(catalogue):
    found = facts(catalogue, "办结25件(其中予以公开7件、部分公开4件)，上年结转3件，结转下年度继续办理1件，约100余条网民留言。")
    assert found["requests.granted"][1] == "其中"
    assert found["requests.partly_granted"][1] == "其中"      # inside the bracket that 其中 opens
    assert found["requests.completed"][1] is None
    assert found["requests.carried_over_in"][1] is None      # 上年结转 is what the metric counts
    assert found["management.online_inquiries"][:2] == (100, "约")


def test_a_statement_after_a_count_implies_another_figure(catalogue):
    found = facts(catalogue, "被申请行政复议2件，结果均为维持；直接被提起行政诉讼3件，尚未审结。")
    assert found["review.upheld"][0] == 2
    assert found["litigation.direct.total"][0] == 3
    assert found["litigation.direct.pending"][0] == 3
    assert "review.pending" not in found


def test_units_decide_between_metrics(catalogue):
    found = facts(catalogue, "开展政务公开业务培训3期，培训120人次。")
    assert found["supervision.trainings"][0] == 3
    assert found["supervision.trainees"][0] == 120


def test_unnamed_numbers_are_kept_without_a_metric(catalogue):
    found, numbers = sentence_facts(catalogue, "下一步，我厅将从以下三个方面加以改进。")
    assert found == [] and [(m.value, key) for m, key in numbers] == [(3, None)]


# ---------------------------------------------------------------- structure and metadata

def test_part_headings_need_the_part_keywords_and_increase():
    assert part_heading("一、总体情况", 0) == 1
    assert part_heading("三、收到和处理政府信息公开申请情况", 2) == 3
    assert part_heading("一、本年新收政府信息公开申请数量 71", 3) is None
    assert part_heading("四、结转下年度继续办理 2 1 0 0 0 0 3", 3) is None
    assert part_heading("二、上年结转政府信息公开申请数量", 3) is None


def test_half_width_sub_headings_and_text_after_a_heading():
    doc = parse_structure(text_blocks("一、总体情况\n(一)主动公开情况\n全年公开信息10条。\n（二）依申请公开。全年收到申请5件。\n"
                                      "二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n无。"))
    assert [(s.part, s.sub, s.title) for s in doc.sections if s.sub] == [(1, 1, "主动公开情况"), (1, 2, "依申请公开")]
    assert doc.section(1, 2).paragraphs == ["全年收到申请5件。"]


def test_metadata_from_a_title_with_chinese_year_and_signature_date():
    meta = meta_from_text(["关于印发《某某市人民政府办公室二〇二一年度政府信息公开工作年度报告》的通知"],
                          ["某某市人民政府办公室", "二〇二二年一月二十日"])
    assert (meta.body, meta.year, meta.published) == ("某某市人民政府办公室", 2021, "2022-01-20")


@pytest.mark.parametrize("title,body,year", [
    ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", 2019),
    ("2024年上海市科学技术委员会政府信息公开工作年度报告", "上海市科学技术委员会", 2024),
    ("示例市交通运输局2020年政府信息公开工作年报", "示例市交通运输局", 2020),
    ("示例县人民政府2019年政府信息公开工作报告", "示例县人民政府", 2019),
    ("示例市民政局关于2021年度政府信息公开工作年度报告", "示例市民政局", 2021),
    ("示例市民政局政府信息公开工作年度报告（2022年度）", "示例市民政局", 2022),
])
def test_title_forms(title, body, year):
    meta = meta_from_text([title], [])
    assert (meta.body, meta.year) == (body, year)


def test_the_body_comes_from_the_report_title_and_other_spellings_are_kept_aside():
    meta = meta_from_text(["标题: 平谭综合实验区2019年度政府信息公开工作年度报告", "发布时间: 2020-01-20 15:22",
                           "平潭综合实验区2019年政府信息公开工作年度报告"], ["平潭综合实验区管委会", "2020年1月20日"])
    assert (meta.body, meta.year, meta.published) == ("平潭综合实验区", 2019, "2020-01-20")
    assert meta.other_names == ("平谭综合实验区",)      # the office under the signature is not a misspelling


def test_metadata_from_a_page_title_and_a_date_line():
    blocks, title = html_blocks("<html><head><title>示例局2020年政府信息公开工作年度报告_示例局</title></head>"
                                "<body><p>发布日期：2021年1月5日</p></body></html>")
    meta = meta_from_text([b.text for b in blocks], [], title)
    assert (meta.body, meta.year, meta.published) == ("示例局", 2020, "2021-01-05")


def test_html_tables_keep_their_cells_apart():
    blocks, _ = html_blocks("<table><tr><td rowspan='2'>甲</td><td>88</td><td>55</td></tr>"
                            "<tr><td></td><td>698</td></tr></table><p>正文<br>第二行</p>")
    assert [b.kind for b in blocks] == ["table", "line", "line"]
    assert blocks[0].rows == [["甲", "88", "55"], [None, "", "698"]]
    assert blocks[0].text == "甲 88 55\n∅ 698"                 # an empty value cell is not stated, not 0


def test_a_report_flattened_onto_one_line_is_cut_at_its_headings():
    flat = ("当前位置： 首页政府信息公开年报 示例县人民政府2019年度政府信息公开工作年度报告 来源：示例县 时间：2020-01-20 "
            "10:00 微信 微博 相关链接： --> 根据《条例》编制本报告。" + "本报告所列数据的统计期限为全年。" * 8 +
            "一、总体情况2019年，全年公开信息10条。（一）主动公开情况：全年公开10条。二、主动公开政府信息情况 第二十条"
            "规章000三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量1000001四、政府信息公开行政复议、"
            "行政诉讼情况000000000000000五、存在的主要问题及改进情况无。六、其他需要报告的事项无。 附件下载")
    lines = [b.text for b in text_blocks(flat)]
    assert lines[0] == "示例县人民政府2019年度政府信息公开工作年度报告"
    assert lines[1].startswith("根据《条例》")
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [l for l in lines if l in headings] == headings
    assert "（一）主动公开情况：全年公开10条。" in lines and lines[-1] == "无。"
    doc = parse_structure(text_blocks(flat))
    assert sorted(doc.headings) == [1, 2, 3, 4, 5, 6] and doc.section(1, 1).title == "主动公开情况"


def test_pre_2019_part_headings():
    doc = parse_structure(text_blocks("一、 概述\n全年公开信息10条。\n二、主动公开政府信息情况\n三、政府信息依申请公开工作情况\n"
                                      "四、政府信息公开的收费及减免情况\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
                                      "六、主要问题和改进措施\n七、政府信息公开情况统计表\n指标名称计量单位2016年度历年累计主动公开文件数条346085376"))
    assert sorted(doc.headings) == [1, 2, 3, 4, 5, 6, 7]
    assert not [s for s in doc.sentences if s.part == 7]       # the flattened old statistics table is not prose


@pytest.mark.parametrize("line,title", [
    ("（一）基本情况今年，我区共公布政府信息2599条。", "基本情况"),
    ("（一）工作制度方面1、明确年度工作重点。根据要求下发通知。", "工作制度方面"),
    ("（一）着力提升政务服务工作实效1.推进网上办事服务公开。", "着力提升政务服务工作实效"),
    ("（一）主动公开政府信息的数量2016年全区主动公开政府信息3460条。", "主动公开政府信息的数量"),
    ("（一）强化组织协调，着力规范公开工作积极贯彻国家要求，多次召开会议研究部署工作。", None),
])
def test_sub_section_titles_run_into_their_text(line, title):
    found = sub_heading(line, 1)
    assert (found[1] if found else None) == title


def test_page_footers_are_dropped():
    lines = [b.text for b in text_blocks("一、总体情况\n全年公开信息10条。\n— 4 —\n第 4 页 共 9 页\n- 5 -\n公开信息第5页共9页20条。")]
    assert lines == ["一、总体情况", "全年公开信息10条。", "公开信息 20条。"]


def test_part_headings_written_as_di_x_bufen():
    doc = parse_structure(text_blocks("第一部分 总体情况\n全年公开信息10条。\n第二部分：主动公开政府信息情况\n"
                                      "第五部分 存在的主要问题及改进情况\n无。"))
    assert sorted(doc.headings) == [1, 2, 5]
    assert doc.section(1).title == "总体情况" and doc.section(1).label == "一、"


def test_hard_wrapped_lines_are_joined_into_sentences(catalogue):
    doc = parse_structure(text_blocks("一、总体情况\n（一）依申请公开情况\n2022年，本机关全年共收到政府信息公开\n申请23件，"
                                      "办结22件。\n1.规范办理流程。\n二、主动公开政府信息情况\n"))
    assert doc.section(1, 1).paragraphs == ["2022年，本机关全年共收到政府信息公开申请23件，办结22件。", "1.规范办理流程。"]
    found = facts(catalogue, doc.sentences[0].text)
    assert found["requests.received"][0] == 23


def test_synonyms_name_figures_when_no_pattern_does(catalogue):
    from dataclasses import replace
    from knowledge.parse.prose import _scored
    metric = replace(catalogue.metric("proactive.weibo_posts"), patterns=("不会出现的词",))
    score, found = _scored(metric, "通过政务微博", anchored=False)
    assert found is metric and score[0] == 0                  # tier 0: a synonym, not a pattern
    assert "微博发了多少" not in "".join(metric.synonym_patterns)   # question phrasings are not patterns
    assert _scored(metric, "通过网站", anchored=False) is None


@pytest.mark.parametrize("sentence,expected", [
    ("本年度共收到行政复议申请2件。", {"review.total": 2}),
    ("因政府信息公开申请被申请行政复议3件、提起行政诉讼2件。", {"review.total": 3, "litigation.total": 2}),
    ("被申请行政复议1件（结果维持）。", {"review.total": 1, "review.upheld": 1}),
    ("在政府网站发布信息2000余条。", {"proactive.website_items": 2000}),
    ("全年主动公开政府信息12345条。", {"proactive.items": 12345}),
    ("办理人大代表建议30件、政协提案25件。", {"proactive.npc_suggestions_answered": 30, "proactive.cppcc_proposals_answered": 25}),
    ("召开新闻发布会5场，发布政策解读材料8篇。", {"interpretation.press_conferences": 5, "interpretation.articles": 8}),
    ("共收到政府信息公开申请156件，其中当面申请12件，网上申请120件。", {"requests.received": 156}),
    ("本年度收取信息处理费300元。", {"other.processing_fee_amount": 300}),
])
def test_phrasings_seen_in_other_reports(catalogue, sentence, expected):
    assert {k: v[0] for k, v in facts(catalogue, sentence).items()} == expected


def test_a_report_saved_in_gb18030_reads_the_same(catalogue, tmp_path):
    from pathlib import Path
    from knowledge.parse.report import parse_report
    source = Path(__file__).parent / "fixtures" / "reports" / "a_2021_text.txt"
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    ours, theirs = parse_report(copy, catalogue), parse_report(source, catalogue)
    assert [(f.metric_key, f.value, f.sentence) for f in ours.facts] == [(f.metric_key, f.value, f.sentence) for f in theirs.facts]
