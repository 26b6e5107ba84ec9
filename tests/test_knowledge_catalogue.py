"""The metric catalogue: the keys the actions use, one metric per phrase, every table cell keyed."""
import re

import pytest

from knowledge.catalogue import load

SEED_KEYS = """proactive.website_items proactive.disclosure_column_items proactive.weibo_posts proactive.wechat_posts
proactive.npc_suggestions_answered proactive.cppcc_proposals_answered interpretation.press_conferences
interpretation.articles interpretation.online_interviews requests.received requests.carried_over_in
requests.completed requests.granted requests.partly_granted requests.not_held requests.not_processed
requests.carried_forward review.total review.upheld litigation.total litigation.after_review.total
litigation.after_review.pending management.online_inquiries platform.new_media_products supervision.trainings""".split()
TEXT_KEYS = """report.reporting_period report.published report.legal_basis other.processing_fee proactive.key_areas
interpretation.hot_topics problems improvements platform.measures supervision.measures management.measures""".split()


@pytest.fixture(scope="module")
def catalogue():
    return load()


def test_the_keys_of_the_seed_figures_and_text_items(catalogue):
    for key in SEED_KEYS:
        assert catalogue.metric(key).kind == "number", key
    for key in TEXT_KEYS:
        assert catalogue.metric(key).kind == "text", key


def test_every_metric_has_a_name_group_and_unit(catalogue):
    for m in catalogue.metrics:
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", m.key) and m.name and m.group == m.key.split(".")[0]
        if m.kind == "number":
            assert m.unit and m.unit in m.units, m.key


def test_a_phrase_names_one_metric(catalogue):
    owners = {}
    for m in catalogue.metrics:
        for phrase in (m.name,) + m.synonyms:
            assert owners.setdefault(phrase, m.key) == m.key, phrase


def test_everyday_phrasings_are_synonyms(catalogue):
    assert "接到申请" in catalogue.metric("requests.received").synonyms
    assert "同意公开" in catalogue.metric("requests.granted").synonyms
    assert "官微" in catalogue.metric("proactive.weibo_posts").synonyms


def test_every_cell_of_both_formats_has_a_key(catalogue):
    keys = {m.key for m in catalogue.metrics}
    for spec in catalogue.tables.values():
        for fmt in spec.formats:
            for row in fmt.rows:
                for col in row.columns:
                    assert f"{spec.key}.{row.key}.{col}" in keys
    for key in ("table2.normative_documents.issued", "table3.granted.natural_person", "table3.not_held.total",
                "table4.review.upheld", "table4.litigation_direct.pending", "table2.procurement.amount"):
        assert catalogue.metric(key).source == "table"
    assert catalogue.metric("table2.fees.amount").unit == "万元"


def test_prose_metrics_point_at_existing_cells(catalogue):
    mapped = {m.key: m.cell for m in catalogue.metrics if m.cell}
    assert mapped["requests.granted"] == "table3.granted.total"
    assert mapped["requests.not_held"] == "table3.not_held.total"
    assert mapped["requests.completed"] == "table3.completed.total"
    assert mapped["review.upheld"] == "table4.review.upheld"
    for cell in list(mapped.values()) + list(catalogue.metric("litigation.total").cells):
        assert catalogue.metric(cell).source == "table", cell


def test_table_formats(catalogue):
    t3 = catalogue.tables["table3"]
    counts = {f.id: sum(r.values for r in f.rows) for f in t3.formats}
    assert counts == {"2021": 25, "2019": 23}
    assert t3.detect_format("（六）其他处理 1.申请人无正当理由逾期不补正").id == "2021"
    assert t3.detect_format("（六）其他处理 0 0 0").id == "2019"
    assert catalogue.tables["table2"].detect_format("本年新制作数量").id == "2019"
