"""The prose extractor over a corpus of real report sentences (tests/fixtures/prose_sentences.yml):
every figure a sentence states is found, and no sentence yields a figure it does not state.

`python -m tests.test_prose_figures` prints right / wrong / missed over the corpus."""
from collections import Counter
from pathlib import Path

import pytest
import yaml

from knowledge.catalogue import load
from knowledge.parse.prose import sentence_facts

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "prose_sentences.yml").read_text(encoding="utf-8"))["sentences"]


def _key(fact: dict) -> tuple:
    return fact["metric"], fact["value"], fact.get("approximate")


def extracted(catalogue, entry) -> list:
    found, _ = sentence_facts(catalogue, entry["sentence"])
    return [{"metric": f.metric.key, "value": f.value, "approximate": f.approximate, "qualifier": f.qualifier}
            for f in found]


def judge(catalogue, entry) -> dict:
    """right: stated and found; wrong: found but not stated (wrong metric, value or approximation);
    missed: stated, not found; acceptable: found and one of the entry's acceptable readings."""
    expected = {_key(f): f for f in entry["facts"]}
    acceptable = {_key(f) for f in entry.get("acceptable", [])}
    found = extracted(catalogue, entry)
    keys = [_key(f) for f in found]
    out = {"right": [], "wrong": [], "missed": [], "acceptable": []}
    for fact, key in zip(found, keys):
        wanted = expected.get(key)
        if wanted and wanted.get("qualifier", fact["qualifier"]) == fact["qualifier"]:
            out["right"].append(key)
        elif key in acceptable:
            out["acceptable"].append(key)
        else:
            out["wrong"].append((key, fact["qualifier"]))
    out["missed"] = [k for k in expected if k not in out["right"]]
    return out


@pytest.fixture(scope="module")
def catalogue():
    return load()


def _id(entry) -> str:
    return f"{entry['source'].split('.')[0][:14]}:{entry['sentence'][:24]}"


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(e) for e in CORPUS])
def test_no_figure_the_sentence_does_not_state(catalogue, entry):
    assert judge(catalogue, entry)["wrong"] == []


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(e) for e in CORPUS])
def test_every_stated_figure_is_found(catalogue, entry):
    if entry.get("known_gap"):
        pytest.xfail(entry["known_gap"])
    assert judge(catalogue, entry)["missed"] == []


def test_the_corpus_is_mostly_real_report_sentences():
    sources = Counter(e["source"].split(" ")[0] for e in CORPUS)
    assert sources["shape"] < sum(sources.values()) / 2
    assert {"pingtan_2016.txt", "pingtan_2021.txt", "shanghai_office_2019.html", "seed"} <= set(sources)


def score(catalogue) -> Counter:
    totals = Counter()
    for entry in CORPUS:
        for kind, items in judge(catalogue, entry).items():
            totals[kind] += len(items)
    totals["sentences"] = len(CORPUS)
    totals["facts"] = sum(len(e["facts"]) for e in CORPUS)
    return totals


if __name__ == "__main__":
    cat = load()
    for entry in CORPUS:
        verdict = judge(cat, entry)
        if verdict["wrong"] or verdict["missed"]:
            print(entry["sentence"][:90])
            for kind in ("wrong", "missed"):
                for item in verdict[kind]:
                    print(f"    {kind}: {item}")
    print(dict(score(cat)))


# ---------------------------------------------------------------- in the knowledge base and the answer

REPORT = """示例局2022年政府信息公开工作年度报告
一、总体情况
（一）主动公开情况
全年发布解读稿件百余篇。召开新闻发布会数十场。全年主动公开政府信息3460条。其中，区直各部门主动公开政府信息1822条。
（二）依申请公开情况
全年未收到政府信息公开申请。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    from knowledge import KnowledgeBase
    from knowledge.store import build
    tmp = tmp_path_factory.mktemp("prose")
    (tmp / "reports").mkdir()
    (tmp / "reports" / "example.txt").write_text(REPORT, encoding="utf-8")
    return KnowledgeBase.open(build(tmp / "knowledge.db", tmp / "reports").path)


def test_an_approximate_figure_keeps_its_marker_in_the_store_and_the_answer(kb):
    from actions.phrasing import fact_line
    fact = kb.fact("interpretation.articles", kb.reports()[0].id)
    assert (fact.value, fact.approximate) == (100, "余")
    assert fact_line(fact) == "发布解读稿件数：100余篇"


def test_a_figure_without_a_value_is_not_stored(kb):
    assert kb.fact("interpretation.press_conferences", kb.reports()[0].id) is None


def test_a_zero_in_words_is_stored_with_its_sentence(kb):
    fact = kb.fact("requests.received", kb.reports()[0].id)
    assert (fact.value, fact.sentence) == (0, "全年未收到政府信息公开申请。")


# ---------------------------------------------------------------- prose against the table

def _record(key, value, kind, cell=None, clause=None):
    from knowledge.parse.report import FactRecord
    return FactRecord(key, value, None, "件", None, 3 if kind == "table" else 1, None, None, clause, clause, kind, cell)


def test_a_received_count_that_includes_the_carried_over_is_a_named_conflict(catalogue):
    from knowledge.parse.report import _cross_checks
    facts = [_record("table3.received.total", 20, "table", "表三 一、本年新收"),
             _record("table3.carried_over_in.total", 5, "table", "表三 二、上年结转"),
             _record("requests.received", 25, "prose", clause="共受理政府信息公开申请25件")]
    [issue] = [i for i in _cross_checks(catalogue, facts) if i.kind == "prose_vs_table"]
    assert issue.details["equals"] == ["表三 一、本年新收", "表三 二、上年结转"]
    assert "表三 二、上年结转5" in issue.description
    assert "table3.carried_over_in.total" in issue.metrics


def test_a_combined_figure_is_checked_against_the_sum_of_its_cells(catalogue):
    from knowledge.parse.report import _cross_checks
    facts = [_record("table3.granted.total", 272, "table", "表三 （一）予以公开"),
             _record("table3.partly_granted.total", 3, "table", "表三 （二）部分公开"),
             _record("requests.granted_and_partly_granted", 258, "prose", clause="予以公开及部分公开258件")]
    [issue] = [i for i in _cross_checks(catalogue, facts) if i.kind == "prose_vs_table"]
    assert (issue.details["prose"], issue.details["table"]) == (258, 275)


def test_an_approximate_figure_is_not_a_conflict(catalogue):
    from knowledge.parse.report import _cross_checks
    facts = [_record("table3.received.total", 104, "table", "表三 一、本年新收"),
             _record("requests.received", 100, "prose", clause="收到申请100余件")]
    facts[1].approximate = "余"
    assert [i for i in _cross_checks(catalogue, facts) if i.kind == "prose_vs_table"] == []


def test_a_part_of_a_figure_already_given_is_not_stored_as_the_figure(kb):
    rid = kb.reports()[0].id
    assert [f.value for f in kb.facts(rid) if f.metric_key == "proactive.items"] == [3460]


def test_a_long_sentence_is_quoted_around_the_clause_the_question_asks_about():
    from actions.phrasing import quote

    listing = "本年主动公开政府信息的类别有：" + "，".join(f"第{i}类信息{i * 10}条" for i in range(1, 30)) + "，征地拆迁类信息89条。"
    assert "征地拆迁类信息89条" in quote(listing, 100, "征地拆迁的有多少条")
    assert quote(listing, 100, "征地拆迁的有多少条").startswith("“……")
    assert quote(listing, 100).startswith("“本年主动公开") and "征地" not in quote(listing, 100)
    assert quote(listing, 100, "第1类信息有多少") == quote(listing, 100)       # already in the first window


def test_a_part_the_figures_sentence_lists_is_quoted_when_the_question_names_it():
    from types import SimpleNamespace
    from actions.answers import _part_beside

    sentence = "全年共公布政府信息2602条（其中机构职能类信息82条，规划计划类信息21条，重大建设项目信息390条，为民办实事类信息69条，" \
               "国土资源城乡建设环保能源类信息208条，科教文体卫生类信息246条，安全生产、应急管理类信息271条，其他信息1053条）。"
    fact = SimpleNamespace(metric_key="proactive.items", metric_name="主动公开政府信息数", value=2602, clause="共公布政府信息2602条",
                           sentence=sentence, report_title="某区2020年政府信息公开工作年度报告")
    kb = SimpleNamespace(metric=lambda key: SimpleNamespace(synonyms=("主动公开",)))
    lines = _part_beside(kb, fact, "国土资源城乡建设那一类有多少条")
    assert len(lines) == 1 and "国土资源城乡建设环保能源类信息208条" in lines[0]
    assert _part_beside(kb, fact, "某区2020年主动公开了多少条政府信息") == []


@pytest.mark.parametrize("name, phrase", [("行政复议案件数", "行政复议案件"), ("公开行政规范性文件数", "公开行政规范性文件"),
                                          ("本年新收政府信息公开申请数", "新收政府信息公开申请"),
                                          ("召开新闻发布会场次", "召开新闻发布会")])
def test_a_figures_name_loses_its_count_word_but_not_the_noun_it_counts(name, phrase):
    from actions.phrasing import metric_phrase
    assert metric_phrase(name) == phrase
