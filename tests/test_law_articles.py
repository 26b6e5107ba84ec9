"""Procedure questions whose rule no topic of laws.yml quotes: the best-ranked article over the four laws
answers, quoted with its law and label; two close candidates are both named; topics still win when
their words match clearly."""
import pytest

from actions import procedures


def quoted(text: str) -> str:
    """The article an answer quotes first: its second line, up to the colon (without a list number)."""
    return text.split("\n")[1].split("：")[0].removeprefix("1. ")


REVIEW, LITIGATION, COURT, RULES = ("《中华人民共和国行政复议法》", "《中华人民共和国行政诉讼法》",
                                    "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》",
                                    "《中华人民共和国政府信息公开条例》")


RANKED, TOPIC = "the best-ranked article", "its own topic"


# (the intent NLU is likely to give, the question, the article quoted first, how it is found): a rule no
# topic quotes gets the best-ranked article; the finer rules of a reply, a review or a lawsuit, asked in
# words of their own, get their topic
@pytest.mark.parametrize("prior, question, article, found_by", [
    ("remedies", "行政复议能不能口头提出申请", REVIEW + "第二十二条", RANKED),
    ("remedies", "要求政府对数据汇总加工被拒绝了，向法院起诉法院受理吗", COURT + "第二条", TOPIC),
    ("remedies", "申请交上去过了期限一直没答复，能去法院告他们吗", COURT + "第一条", TOPIC),
    ("how_to_apply", "公共企事业单位比如供电、公交的信息公开适用什么规定", RULES + "第五十五条", TOPIC),
    ("how_to_apply", "两个机关共同制作的文件由哪个机关负责公开", RULES + "第十条", RANKED),
    ("remedies", "政府信息公开的官司谁负举证责任", COURT + "第五条", TOPIC),
    ("proactive_scope", "我能建议行政机关把某条信息纳入主动公开范围吗", RULES + "第四十四条", TOPIC),
    ("remedies", "行政诉讼的诉讼费用由谁承担", LITIGATION + "第一百零二条", TOPIC),
    ("remedies", "对第一审判决不服可以上诉吗", LITIGATION + "第八十五条", TOPIC),
    ("remedies", "不服区政府部门的答复，复议机关是哪一个", REVIEW + "第二十四条", TOPIC),
    ("reply_types", "行政机关检索后说信息不存在，这样答复合法吗", RULES + "第三十六条第（四）项", TOPIC),
    ("reply_types", "申请的信息不属于这个机关负责公开，它会怎么答复", RULES + "第三十六条第（五）项", TOPIC),
    ("remedies", "经过复议以后再起诉，应该向哪个法院起诉", LITIGATION + "第十八条", TOPIC),
    ("remedies", "复议机关改变了原来的决定，起诉时谁是被告", LITIGATION + "第二十六条", TOPIC),
    ("remedies", "法院审理后认为信息应当公开，会作出什么判决", COURT + "第九条", TOPIC),
    ("not_disclosed", "现在不予公开的信息，情势变化以后还能公开吗", RULES + "第十八条", TOPIC),
])
def test_the_article_quoted_for_a_narrow_rule(kb, prior, question, article, found_by):
    answer = procedures.procedure(kb, prior, question)
    assert quoted(answer.text) == article
    assert f"来源：{article.split('第（')[0]}" in answer.text
    assert answer.slots["last_answer"].startswith("procedure:")
    assert ("#" in answer.slots["last_answer"]) == (found_by == RANKED)


def test_two_close_candidates_are_both_named_unless_the_topic_is_clear(kb):
    question = "法院可以调解行政案件吗"
    found = procedures.better_articles(kb, "fees", question)            # a topic the words do not match
    assert [(a.law, a.number) for a, _ in found] == [("行政诉讼法", 60), ("行政诉讼法", 18)]
    lines = procedures.unsure_answer(found, question).text.split("\n")
    assert lines[0] == procedures.UNSURE_LEAD
    assert lines[1].startswith("1. " + LITIGATION + "第六十条")
    assert "来源：" + LITIGATION + "第六十条" in lines and "来源：" + LITIGATION + "第十八条" in lines
    clear = "诉讼期间政府的决定要不要停止执行"                              # 诉讼 is the remedies topic's word
    assert [(a.law, a.number) for a, _ in procedures.better_articles(kb, "remedies", clear)] == [("行政诉讼法", 56)]


def test_a_situation_its_topic_describes_keeps_that_topic(kb):
    question = "要是他们说这个文件不归他们公开呢"       # after a talk on a lawsuit: not the lawsuit law's article on 文件
    assert procedures.better_articles(kb, "wrong_body", question, context="打官司的话我咋证明") == []


@pytest.mark.parametrize("prior, question, article", [
    ("channels", "我不会写字，可以口头提出申请吗？", RULES + "第二十九条第一款"),     # not the review law's oral application
    ("deadlines", "申请交上去以后多少天内必须给我回复？", RULES + "第三十三条"),
    ("remedies", "对民政厅给我的答复不满意，我还能怎么办？", RULES + "第五十一条"),
    ("not_disclosed", "我要的数据需要他们汇总分析，会提供吗", RULES + "第三十八条"),
])
def test_a_clear_topic_still_answers(kb, prior, question, article):
    assert quoted(procedures.procedure(kb, prior, question).text) == article


def test_the_review_and_litigation_laws_answer_only_questions_about_a_review_or_a_lawsuit(kb):
    found = procedures.ranked_articles(kb, "老人写字困难，能不能口头申请")
    assert found and all(a.law == "条例" for a, _ in found)
    assert any(a.law == "行政复议法" for a, _ in procedures.ranked_articles(kb, "复议能不能口头申请"))


def test_routing_names_an_article_of_the_remedy_laws_only(kb):
    assert procedures.article_route(kb, "行政复议什么案件可以适用简易程序", remedies_only=True) == "行政复议法#53"
    assert procedures.article_route(kb, "现在有效的规范性文件一共多少件", remedies_only=True) is None


def test_a_follow_up_to_an_article_and_why(kb):
    first = procedures.procedure(kb, "remedies", "行政复议能不能口头提出申请")
    topic = first.slots["last_answer"].partition(":")[2]
    again = procedures.procedure(kb, topic, "那书面的怎么交")
    assert quoted(again.text) == REVIEW + "第二十二条"
    moved = procedures.procedure(kb, topic, "第三方多久内要回复意见")
    assert quoted(moved.text) == RULES + "第三十二条"
    why = procedures.article_explanation(kb, topic).text
    assert why.startswith(f"依据是{REVIEW}第二十二条，全文如下：")


def test_a_question_words_pattern_counts_only_in_what_the_question_asks_last(kb):
    asked_late = "答复书上没写找谁复议，也没写多长期限，我过了三个月才知道，现在还来得及吗"
    assert procedures.ranked_topics(kb, asked_late)[0][0] != "review_body"
    assert procedures.ranked_topics(kb, "我对县人社局的答复不服，该找哪个机关复议")[0][0] == "review_body"
