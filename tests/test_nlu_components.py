"""The pipeline's own components: input normalisation, tokenizer, catalogue entity extraction."""
import pytest

from bot.nlu.entities import find_years, longest_matches
from bot.nlu.normalize import EMPTY_INPUT, MAX_CHARS, normalize, user_text_for_rasa


@pytest.mark.parametrize("raw, expected", [
    ("收到多少申請？", "收到多少申请?"),
    ("２０２２年　收到多少", "2022年 收到多少"),
    ("  你好\n\t  啊 ", "你好 啊"),
    ("👍👍 微信公众号呢😀", "微信公众号呢"),
    ("资讯\x00公开\x1b", "资讯公开"),
    ("政府資訊公開", "政府资讯公开"),
    ("<b>收到多少申请</b>", "收到多少申请"),
    ("<!--注释-->收到多少申请<![CDATA[]]>", "收到多少申请"),
    ("<script>alert('收到多少申请')</script>2022年收到多少申请？", "2022年收到多少申请?"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("1<2 且 3>2", "1<2 且 3>2"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_limits_length():
    assert len(normalize("申" * 10_000)) == MAX_CHARS


@pytest.mark.parametrize("raw", ["", "   ", "😀😀😀", "\x00\x01", None, 123, "///"])
def test_blank_input_becomes_the_empty_input_intent(raw):
    assert user_text_for_rasa(raw) == EMPTY_INPUT


def test_shortcut_syntax_cannot_trigger_an_intent():
    assert user_text_for_rasa("/restart") == "restart"
    assert user_text_for_rasa('/greet{"metric": "x"}').startswith("greet")


def test_years_in_digits_and_chinese_numerals():
    assert [y for _, _, y in find_years("2021年和二〇二二年，还有二零二三年")] == [2021, 2022, 2023]
    assert find_years("收到23件") == []


def test_longest_non_overlapping_matches_win():
    phrases = {"公开": ("metric", "a"), "予以公开": ("metric", "requests.granted"),
               "微信公众号": ("metric", "proactive.wechat_posts"), "微信": ("metric", "proactive.wechat_posts")}
    found = longest_matches("其中予以公开的呢？那微信公众号呢", phrases)
    assert [(text_value[3]) for text_value in found] == ["requests.granted", "proactive.wechat_posts"]
    assert [(s, e) for s, e, _, _ in found] == [(2, 6), (10, 15)]


def test_a_questions_you_or_not_is_no_negation_of_a_phrase_written_with_gaps():
    phrases = {"没有公开": ("metric", "requests.withheld")}
    assert longest_matches("有没有人找政府申请信息公开的", phrases) == []
    assert [m[3] for m in longest_matches("他们一直没有把文件公开", phrases)] == ["requests.withheld"]


def test_tokenizer_drops_whitespace_tokens_of_mixed_input():
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.tokenizer import ChineseTokenizer

    tokenizer = ChineseTokenizer(ChineseTokenizer.get_default_config(), None, None)
    tokens = tokenizer.tokenize(Message(data={"text": "我想查 WeChat 公众号 data"}), "text")
    assert all(t.text.strip() for t in tokens)
    assert "wechat" in [t.text for t in tokens]
