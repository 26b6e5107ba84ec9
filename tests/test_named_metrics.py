"""Which figures a question names: NLU's entities made precise by table rows and columns, head nouns,
several cells of a row for a comparison (a real report with tables: 平潭综合实验区 2021)."""
import pytest
from rasa_sdk import Tracker

from actions.context import named_metrics
from knowledge import KnowledgeBase
from tests.conftest import FIXTURES, build_with_seed


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return KnowledgeBase.open(build_with_seed(tmp_path_factory, [FIXTURES / "real" / "pingtan_2021.txt"]))


def named(kb, text, entities=(), slots=None):
    latest = {"text": text, "intent": {"name": "ask_statistic", "confidence": 1.0},
              "entities": [{"entity": "metric", "value": v, "start": a, "end": b} for v, a, b in entities]}
    tracker = Tracker("t", dict(slots or {}), latest, [], False, None, {}, "action_listen")
    return named_metrics(kb, tracker, kb.report("平潭综合实验区"))


def test_a_row_that_holds_the_figure_nlu_found_is_the_more_precise_figure(kb):
    assert named(kb, "复议以后再起诉的有几件", [("review.total", 0, 2)]) == ["litigation.after_review.total"]
    assert named(kb, "复议的有几件", [("review.total", 0, 2)]) == ["review.total"]


def test_a_noun_no_phrase_names_is_its_head_figure(kb):
    assert named(kb, "那诉讼呢", slots={"metric": "review.total"}) == ["litigation.total"]


def test_a_heading_over_columns_is_their_sum(kb):
    assert named(kb, "法人或其他组织申请了几件") == ["table3.received.legal_entities"]


def test_a_sum_of_several_rows_takes_a_stated_cell_of_each(kb):
    text = "行政处罚和行政强制加起来多少"
    assert named(kb, text) == ["proactive.penalty_decisions", "proactive.enforcement_decisions"]  # their prose keys
