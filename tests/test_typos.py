"""Misspelt words of the vocabulary are corrected by their reading; real words are left alone."""
import pytest

from bot.nlu.typos import Corrector

VOCABULARY = ["政府信息公开申请", "行政复议", "行政诉讼", "不予公开", "部分公开", "答复期限", "微博", "网站", "依申请公开",
              "告政府"]


@pytest.fixture(scope="module")
def corrector():
    return Corrector(VOCABULARY)


@pytest.mark.parametrize("typed, meant", [
    ("我想申情信息公开", "我想申请信息公开"),
    ("行政复意怎么申请", "行政复议怎么申请"),
    ("行政诉松要多久", "行政诉讼要多久"),
    ("不与公开的有几件", "不予公开的有几件"),
    ("部份公开的呢", "部分公开的呢"),
    ("答复期现是多久", "答复期限是多久"),
    ("微薄发了多少", "微博发了多少"),
])
def test_a_word_typed_with_a_wrong_character_of_the_same_reading_is_corrected(corrector, typed, meant):
    assert corrector.correct(typed) == meant


@pytest.mark.parametrize("text", [
    "因为信息公开被申请行政复议了吗",  # 为信 reads like 微信 but cuts 因为 in two
    "收到多少申请", "可以口头申请吗", "我想知道你们去年的申请情况怎么样", "hello 123",
    "市政府办公厅自己也搞政府采购吗",  # 搞 + 政府 reads like 告政府, but both are words the citizen wrote
])
def test_correct_text_is_left_as_it_is(corrector, text):
    assert corrector.correct(text) == text
