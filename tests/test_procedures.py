"""Procedure answers quote the article of the rule a question asks about: the NLU intent's coarse
topic, or a finer one the question's words match clearly better; fees computed from the standard."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.knowledge_base
from actions import procedures
from actions.actions import ActionAnswerProcedure, ActionExplain
from actions.route import LIKE_A_LAW_QUESTION
from knowledge import topics as topic_ranking
from knowledge.laws import fee_quantities, topics
from knowledge.topics import topic_features

LAW = "《中华人民共和国政府信息公开条例》"


def quoted_article(text: str) -> str:
    """The article an answer quotes first: its second line, up to the colon."""
    return text.split("\n")[1].split("：")[0]


# (the intent NLU is likely to give, the question, the article quoted first)
FINER = [
    # a third party's time to reply (条例 32)
    ("deadlines", "涉及别的企业的信息，要征求第三方意见，第三方多久内必须回复？", "第三十二条"),
    ("deadlines", "征求意见书发给第三方以后，对方多少个工作日要给意见", "第三十二条"),
    ("not_disclosed", "被征求意见的第三方如果不同意公开，政府还会公开吗", "第三十二条"),
    # consultation time is not counted in the deadline (条例 33 第三款)
    ("deadlines", "征求第三方意见花的时间算不算在20个工作日的答复期限里？", "第三十三条"),
    ("deadlines", "机关征求别的部门意见用掉的时间，是不是要从答复期限里扣掉", "第三十三条"),
    ("deadlines", "征求意见的这段时间计不计算在答复时间内", "第三十三条"),
    # the day an application counts as received (条例 31)
    ("channels", "我是邮寄申请书的，从哪天开始算收到申请？", "第三十一条"),
    ("deadlines", "在网上提交申请以后，答复期限从哪一天起算", "第三十一条"),
    ("channels", "传真过去的申请以哪天为准", "第三十一条"),
    # an oral application, filled in by the agency (条例 29 第一款)
    ("channels", "我不会写字，可以口头提出申请吗？", "第二十九条第一款"),
    ("how_to_apply", "申请一定要书面的吗，当面说一下行不行", "第二十九条第一款"),
    ("how_to_apply", "我年纪大写不了申请书，工作人员能帮我代填吗", "第二十九条第一款"),
    # what counts as government information (条例 2)
    ("how_to_apply", "什么样的信息算政府信息？", "第二条"),
    ("not_disclosed", "会议记录属不属于政府信息", "第二条"),
    ("how_to_apply", "政府信息具体指的是什么", "第二条"),
    # partial disclosure (条例 37)
    ("not_disclosed", "文件里有一部分涉及隐私，其他部分能不能先公开给我？", "第三十七条"),
    ("not_disclosed", "为什么给我的文件有些段落被遮盖了", "第三十七条"),
    ("not_disclosed", "只给公开一部分，剩下的不给，有什么规定", "第三十七条"),
    # publications such as a gazette (条例 39 第二款)
    ("how_to_apply", "我想申请要一本政府公报，可以吗", "第三十九条第二款"),
    ("how_to_apply", "可以通过申请公开要一份已经出版的书籍吗", "第三十九条第二款"),
    ("how_to_apply", "往年的统计年鉴能通过依申请公开要到吗", "第三十九条第二款"),
    # petitions and complaints filed as requests (条例 39 第一款)
    ("remedies", "我用政府信息公开申请的方式反映问题，他们说不作为申请处理，为什么", "第三十九条第一款"),
    ("how_to_apply", "用信息公开申请投诉邻居违建，会怎么处理", "第三十九条第一款"),
    ("how_to_apply", "信访的事情能不能通过申请信息公开来办", "第三十九条第一款"),
    # correcting records about oneself (条例 41)
    ("how_to_apply", "政府登记的我的出生日期写错了，怎么要求改过来", "第四十一条"),
    ("remedies", "政府提供的与我有关的记录不准确，有证据，能让他们纠正吗", "第四十一条"),
    ("how_to_apply", "档案里我的名字弄错了，可以让他们修改吗", "第四十一条"),
    # data to be compiled or analysed (条例 38)
    ("not_disclosed", "我要的数据需要他们汇总分析，会提供吗", "第三十八条"),
    ("how_to_apply", "没有现成的表格，可以要求他们专门做一份吗", "第三十八条"),
    ("how_to_apply", "能不能要求他们把各年的数据整理成一张表给我", "第三十八条"),
    # help for applicants with reading, visual or hearing difficulties (条例 43)
    ("how_to_apply", "我是盲人，怎么申请政府信息公开", "第四十三条"),
    ("channels", "老人眼睛看不清，申请的时候有人帮忙吗", "第四十三条"),
    ("how_to_apply", "我是聋哑人，办理信息公开申请有什么帮助", "第四十三条"),
    # many repeated requests (条例 35, with the fee standard)
    ("not_disclosed", "申请数量太多会不会被不予处理", "第三十五条"),
    ("correction", "我反复申请了很多次，他们要求我说明理由，合理吗", "第三十五条"),
    ("not_disclosed", "一个人频繁地大量申请信息公开，机关可以不处理吗", "第三十五条"),
    ("remedies", "我打算一口气递上去一大堆申请，政府会怎么处理", "第三十五条"),       # the situation, in any clause
    ("how_to_apply", "有个人一次就交了两百多份申请，机关能拿他怎么样", "第三十五条"),
    # annual report deadlines (条例 49, 50)
    ("proactive_timing", "政府信息公开工作年度报告每年什么时候前要公布", "第四十九条"),
    ("deadlines", "年度报告的公布期限是怎么规定的", "第四十九条"),
    ("proactive_timing", "县政府的信息公开年报要在几月前向社会公布", "第四十九条"),
    # matters with their own laws, such as land registration (条例 36 第（七）项)
    ("how_to_apply", "我想查自己房子的不动产登记资料，能申请政府信息公开吗", "第三十六条第（七）项"),
    ("how_to_apply", "申请公开某公司的工商登记信息，会怎么答复", "第三十六条第（七）项"),
    ("how_to_apply", "房产证上的登记信息可以申请公开吗", "第三十六条第（七）项"),
]

# Questions of the ten coarse topics (the conversation set's and the action tests'): their intent's article.
COARSE = [
    ("how_to_apply", "我是退休老人，想看看政府的一个文件，要怎么去申请公开啊", "第二十七条"),
    ("how_to_apply", "想要政府的某个信息，该找哪个单位提申请？", "第二十七条"),
    ("how_to_apply", "我们公司想申请公开一些政府信息，公司能申请吗", "第二十七条"),
    ("application_contents", "申请公开信息的申请书里都得写些啥？", "第二十九条"),
    ("application_contents", "提交申请的时候要不要附上身份证明", "第二十九条"),
    ("application_contents", "我不知道文件的文号，申请表上这一栏该怎么填", "第二十九条"),
    ("channels", "能不能在网上直接提交公开申请？", "第二十九条"),
    ("channels", "我住得远，申请书寄过去行不行", "第二十九条"),
    ("channels", "可以发邮件交吗", "第二十九条"),
    ("deadlines", "申请交上去以后多少天内必须给我回复？", "第三十三条"),
    ("deadlines", "他们说要延期答复，最多能拖多久", "第三十三条"),
    ("deadlines", "去窗口申请的话可以当天就给答复吗？", "第三十三条"),
    ("correction", "工作人员说我的申请写得不清楚要我补正，这是什么意思", "第三十条"),
    ("correction", "需要补正的话，机关最晚几天内告诉我？", "第三十条"),
    ("correction", "让补充材料我没按时补，会怎么样", "第三十条"),
    ("fees", "申请政府公开信息得交钱吗？", "第四十二条"),
    ("fees", "我一个月要申请几十件，会不会被收费", "第四十二条"),
    ("fees", "复印材料给我的话是不是要付费", "第四十二条"),
    ("not_disclosed", "哪些政府信息是不能对外公开的？", "第十三条"),
    ("not_disclosed", "单位内部的人事管理信息能申请公开吗？", "第十三条"),
    ("remedies", "对民政厅给我的答复不满意，我还能怎么办？", "第五十一条"),
    ("remedies", "申请交了两个月都没人理我，去哪里投诉？", "第五十一条"),
    ("proactive_timing", "一个政策文件定下来以后，最迟多久要在网上公开？", "第二十六条"),
    ("proactive_timing", "已经公开的信息如果有变动，多长时间内要更新公布", "第二十六条"),
    ("proactive_scope", "法律规定政府必须主动公开的信息包括哪些？", "第十九条"),
]


@pytest.mark.parametrize("prior, question, article", FINER)
def test_a_question_on_a_finer_rule_gets_its_article(kb, prior, question, article):
    answer = procedures.procedure(kb, prior, question)
    assert quoted_article(answer.text) == LAW + article
    assert answer.slots["last_answer"].startswith("procedure:")


@pytest.mark.parametrize("prior, question, article", [c for c in FINER if c[0] != "how_to_apply"])
def test_the_finer_rule_wins_under_the_most_general_intent_too(kb, prior, question, article):
    assert quoted_article(procedures.procedure(kb, "how_to_apply", question).text) == LAW + article


@pytest.mark.parametrize("prior, question, article", COARSE)
def test_questions_of_the_coarse_topics_keep_their_article(kb, prior, question, article):
    answer = procedures.procedure(kb, prior, question)
    assert quoted_article(answer.text) == LAW + article
    assert "last_answer" not in answer.slots


@pytest.mark.parametrize("prior, article", [
    ("how_to_apply", "第二十七条"), ("application_contents", "第二十九条"), ("channels", "第二十九条"),
    ("deadlines", "第三十三条"), ("correction", "第三十条"), ("fees", "第四十二条"), ("not_disclosed", "第十三条"),
    ("remedies", "第五十一条"), ("proactive_timing", "第二十六条"), ("proactive_scope", "第十九条"),
])
def test_without_the_question_the_intent_topic_answers(kb, prior, article):
    assert quoted_article(procedures.procedure(kb, prior).text) == LAW + article


def test_the_subject_of_every_question_carries_no_weight(kb):
    assert topic_features("怎么申请政府信息公开") == {}
    assert kb.procedure_topics("请问怎么申请政府信息公开？") == []
    ranked = kb.procedure_topics("我是盲人")
    assert ranked[0][0] == "accessibility" and ranked == sorted(ranked, key=lambda r: -r[1])


def test_a_finer_answer_opens_with_its_lead_and_quotes_the_item_asked(kb):
    answer = procedures.procedure(kb, "how_to_apply", "我想查自己房子的不动产登记资料，能申请政府信息公开吗")
    lines = answer.text.split("\n")
    assert lines[0] == kb.topic("special_records")["lead"]
    assert "根据下列情况分别作出答复：……(七)所申请公开信息属于工商、不动产登记资料" in lines[1]
    assert "(一)" not in lines[1]
    assert "来源：《中华人民共和国政府信息公开条例》第三十六条" in answer.text


def test_the_action_passes_the_question_and_remembers_the_finer_topic(seed_kb_path, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(seed_kb_path))
    monkeypatch.setattr(actions.knowledge_base, "_current", None)
    latest = {"text": "我眼睛看不见，申请的时候能帮我读一下吗", "intent": {"name": "procedure_how_to_apply", "confidence": 1.0},
              "entities": []}
    dispatcher = CollectingDispatcher()
    events = ActionAnswerProcedure().run(dispatcher, Tracker("u", {}, latest, [], False, None, {}, "action_listen"), {})
    assert quoted_article(dispatcher.messages[0]["text"]) == LAW + "第四十三条"
    assert SlotSet("last_answer", "procedure:accessibility") in events
    why = CollectingDispatcher()
    latest = {"text": "为什么", "intent": {"name": "ask_why", "confidence": 1.0}, "entities": []}
    ActionExplain().run(why, Tracker("u", {"last_answer": "procedure:accessibility"}, latest, [], False, None, {},
                                     "action_listen"), {})
    assert "第四十三条" in why.messages[0]["text"] and "全文" in why.messages[0]["text"]


# ---------------------------------------------------------------- the fee for a number of applications

@pytest.mark.parametrize("question, lines, total", [
    ("一个月申请了12件要交多少钱", ["第1—10件：不收费", "第11—12件：2件 × 100元/件 = 200元"], "合计200元。"),
    ("这个月我已经提交了35件申请，信息处理费怎么算",
     ["第11—30件：20件 × 100元/件 = 2000元", "第31—35件：5件 × 200元/件 = 1000元"], "合计3000元。"),
    ("一个月申请五十件的话收费多少", ["第41—50件：10件 × 300元/件 = 3000元"], "合计7000元。"),
    ("我一个月申请了十二份，得交多少", ["第11—12件：2件 × 100元/件 = 200元"], "合计200元。"),
    ("一件申请要复印150页，收多少钱",
     ["第1—30页：不收费", "第31—100页：70页 × 10元/页 = 700元", "第101—150页：50页 × 20元/页 = 1000元"], "合计1700元。"),
    ("申请了八件要收费吗", ["第1—8件：不收费"], "合计0元：8件在不收费的范围内。"),
])
def test_the_fee_for_a_number_of_applications_is_computed_tier_by_tier(kb, question, lines, total):
    text = procedures.procedure(kb, "fees", question).text
    assert quoted_article(text) == LAW + "第四十二条"
    for line in lines:
        assert f"· {line}" in text
    assert total in text
    assert "国办函〔2020〕109号" in text and "超额累进" in text


def test_many_bands_are_shortened_and_still_added_up(kb):
    text = procedures.procedure(kb, "fees", "一个月申请135件要多少钱").text
    assert "· 第31—40件：10件 × 200元/件 = 2000元" in text
    assert "· 第131—135件：5件 × 1200元/件 = 6000元" in text
    assert "依此类推" in text and "合计73000元。" in text


def test_no_number_no_fee_figure(kb):
    text = procedures.procedure(kb, "fees", "我一个月要申请几十件，会不会被收费").text
    assert "合计" not in text and "收费标准" in text


def test_repeated_requests_get_the_fee_standard_and_the_fee(kb):
    text = procedures.procedure(kb, "not_disclosed", "我一个月反复申请了20件，会不会被不予处理，要交多少钱").text
    assert quoted_article(text) == LAW + "第三十五条"
    assert "收费标准" in text and "合计1000元。" in text


def test_quantities_read_from_the_question():
    assert fee_quantities("一个月申请了12件") == {"by_count": 12}
    assert fee_quantities("一件申请200页") == {"by_page": 200}
    assert fee_quantities("申请了二十个申请，共300页") == {"by_count": 20, "by_page": 300}
    assert fee_quantities("一个月申请几十件") == {}


@pytest.mark.parametrize("question", ["一个月申请了12件要交多少钱", "这个月我已经提交了35件申请，信息处理费怎么算",
                                      "一个月申请135件要多少钱", "一件申请要复印150页，收多少钱"])
def test_the_fee_answer_holds_no_figure_the_evaluation_calls_wrong(kb, question):
    from measure.evaluation import NumberCheck

    answer = procedures.procedure(kb, "fees", question).text
    assert NumberCheck(kb, kb.report(), question).wrong(answer) == []


@pytest.mark.parametrize("question, article", [
    ("诉讼期间政府的决定要不要停止执行", "停止执行"),
])
def test_a_law_question_matched_loosely_gets_the_best_ranked_articles(kb, question, article):
    route = procedures.loose_route(kb, question, kb.procedure_topics(question))
    assert route == procedures.RANKED_ARTICLES
    answer = procedures.procedure(kb, route, question).text
    assert article in answer and "来源：" in answer


def test_words_that_match_no_article_get_no_loose_route(kb):
    assert procedures.loose_route(kb, "今天天气怎么样", kb.procedure_topics("今天天气怎么样")) is None


@pytest.mark.parametrize("question, article", [
    ("行政复议决定要在受理后多少日内作出", "《中华人民共和国行政复议法》第六十二条"),
    ("立案以后法院多长时间要判", "《中华人民共和国行政诉讼法》第八十一条"),
])
def test_how_long_a_review_or_a_trial_takes(kb, question, article):
    assert quoted_article(procedures.procedure(kb, "remedies", question).text) == article


@pytest.mark.parametrize("prior, question, article", [
    ("fees", "申请复议收不收钱", "《中华人民共和国行政复议法》第八十七条"),
    ("remedies", "行政机关一直不主动公开，可以直接起诉要求主动公开吗", "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》第三条"),
])
def test_a_reviews_fee_and_a_lawsuit_over_proactive_disclosure(kb, prior, question, article):
    assert quoted_article(procedures.procedure(kb, prior, question).text) == article


def test_a_question_about_a_review_gets_the_review_laws_rule_over_the_requests_one(kb):
    assert quoted_article(procedures.procedure(kb, "remedies", "行政复议可以口头申请吗").text) == \
        "《中华人民共和国行政复议法》第二十二条"
    assert quoted_article(procedures.procedure(kb, "how_to_apply", "口头能申请信息公开吗").text).startswith(LAW + "第二十九条")




def test_a_citizens_question_is_most_like_itself_and_small_talk_like_none(kb):
    for key, spec in list(topics().items())[::10]:
        assert kb.law_question_alike(spec["questions"][0]) == (key, 1.0)
    assert kb.law_question_alike("今天天气怎么样")[1] < LIKE_A_LAW_QUESTION


def test_the_citizens_questions_weigh_in_the_topic_ranking(kb, monkeypatch):
    question = topics()["wrong_body"]["questions"][0]
    with_questions = dict(kb.procedure_topics(question))
    monkeypatch.setattr(topic_ranking, "QUESTION_WEIGHT", 0.0)
    kb.__dict__.pop("_topic_ranking", None)
    without = dict(kb.procedure_topics(question))
    kb.__dict__.pop("_topic_ranking", None)
    assert with_questions["wrong_body"] > without.get("wrong_body", 0.0)


def test_where_to_read_what_is_published_is_the_places_not_how_soon(kb):
    text = procedures.procedure(kb, "proactive_timing", "家里老人没有手机电脑，到什么地方能查阅政府公开的文件").text
    assert text.startswith("主动公开的政府信息通过这些途径公开") and "公共图书馆" in text


def test_how_long_a_review_takes_to_decide_is_not_how_long_one_has_to_apply_for_it(kb):
    text = procedures.procedure(kb, "remedies", "申请了行政复议以后，要等多长时间才有决定").text
    assert quoted_article(text) == "《中华人民共和国行政复议法》第六十二条"


@pytest.mark.parametrize("question, topic", [
    ("要不要钱", "fees"),
    ("复议要不要交费", "review_fee"),
    ("能不能口头申请", "oral_application"),
])
def test_a_yes_or_no_verb_ranks_as_the_verb(kb, question, topic):
    """"要不要" says no more than 要: its 不要 matches no topic's words (申请里要不要交代用途)."""
    assert procedures.ranked_topics(kb, question)[0][0] == topic


def test_a_review_named_a_few_questions_before_keeps_its_law_in_scope(kb):
    talk = "我眼神不好写不了字，复议能口头说吗，申请复议要交钱吗，我年纪大了跑不动，能让儿子或者律师替我去吗"
    assert procedures.ranked_topics(kb, "家里困难请不起律师怎么办", talk)[0][0] == "legal_aid"


@pytest.mark.parametrize("question", ["我想申请复议，该找哪个机关？", "对区教育局的答复不服，复议该找谁"])
def test_which_body_reviews_is_asked_in_either_order(kb, question):
    assert procedures.ranked_topics(kb, question)[0][0] == "review_body"


@pytest.mark.parametrize("question, topic", [("行政复议需要缴纳费用吗", "review_fee"), ("起诉要先交诉讼费吗", "litigation_costs")])
def test_a_question_naming_a_fee_asks_a_fee_rule(kb, question, topic):
    assert procedures.clear_topic(procedures.ranked_topics(kb, question), question) == topic


def test_a_topic_the_words_match_clearly_answers_when_they_say_nothing_of_the_intents(kb):
    assert procedures.choose_topic(kb, "not_disclosed", "这个我去年申请过了，再申请一次行吗") == "repeat_request"


def test_the_words_own_topic_stays_when_the_talk_was_about_a_lawsuit(kb):
    talk = "政府不主动公开，可以直接起诉吗"
    assert procedures.ranked_topics(kb, "主动公开的文件多久之内要公布出来", talk)[0][0] == "proactive_timing"


@pytest.mark.parametrize("prior, question, article", [
    ("remedies", "应当主动公开的文件他们一直没公开，可以去法院起诉吗",
     "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》第三条"),
    ("remedies", "申请公开被拒了，能不能直接去法院起诉", "《中华人民共和国行政复议法》第二十三条"),
    ("remedies", "行政机关不按规定主动公开信息，向什么部门投诉", "《中华人民共和国政府信息公开条例》第四十七条"),
    ("how_to_apply", "有没有地方可以看到政府已经公开的文件", "《中华人民共和国政府信息公开条例》第二十三条"),
    ("remedies", "官司打赢了，法院会怎样判", "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》第九条"),
    ("how_to_apply", "公立医院和学校的信息，也能依照条例申请吗", "《中华人民共和国政府信息公开条例》第五十五条"),
    ("remedies", "拿政府信息公开申请当举报信用可以吗", "《中华人民共和国政府信息公开条例》第三十九条第一款"),
])
def test_what_was_to_be_published_and_was_not_is_reported_or_sued_over_as_the_law_says(kb, prior, question, article):
    assert quoted_article(procedures.procedure(kb, prior, question).text) == article


def test_a_claim_that_the_information_does_not_exist_disputed_is_a_matter_of_proof(kb):
    assert procedures.ranked_topics(kb, "机关答复说信息不存在，可我明明见过，起诉的话怎么办", "")[0][0] == "burden_of_proof"
    assert procedures.ranked_topics(kb, "他们答复说这个文件不存在，是什么意思", "")[0][0] == "not_exist"


def test_each_question_of_a_message_of_several_is_asked():
    from knowledge.topics import asked_part
    assert asked_part("我申请了一份文件，过了二十天还没答复，能催吗") == "过了二十天还没答复，能催吗"
    assert asked_part("啥叫政府信息？老百姓写给民政厅的信也算吗") == "啥叫政府信息？老百姓写给民政厅的信也算吗"


def test_what_the_first_of_two_questions_asks_is_not_lost(kb):
    answer = procedures.procedure(kb, "how_to_apply", "啥叫政府信息？老百姓写给民政厅的信也算吗").text
    assert quoted_article(answer) == "《中华人民共和国政府信息公开条例》第二条"


@pytest.mark.parametrize("question, topic", [
    ("不予公开的话要跟我说理由吗", "withheld_reasons"), ("申请被拒了，我还能怎么办", "remedies"),
    ("我要是隔三差五申请一大堆呢", "excessive_requests"), ("政府登记的我的个人信息是错的 怎么弄", "record_correction"),
    ("家里没网，公开的文件去哪能看", "reading_places"), ("你们的信息在哪里能看到", "proactive_channels")])
def test_a_refusal_its_reasons_and_a_wrong_record_are_asked_in_the_citizens_words(kb, question, topic):
    assert procedures.ranked_topics(kb, question)[0][0] == topic


def test_a_fee_named_as_what_is_asked_for_leaves_the_rule_that_matches_far_better_first(kb):
    assert procedures.ranked_topics(kb, "自来水公司的收费明细我能申请政府信息公开吗")[0][0] == "public_institutions"
    assert procedures.ranked_topics(kb, "我申请了15件，要交多少钱")[0][0] == "fees"


def test_what_should_have_been_published_and_was_not_is_reported_to_the_body_above(kb):
    assert "supervision" in kb.situations("政府该公开的没公开，我可以找谁反映")


def test_a_request_refused_in_other_words_and_not_accepted_asks_the_remedies(kb):
    assert "remedies" in kb.situations("政府说我要的信息不能公开，我不服怎么办")
    assert "remedies" not in kb.situations("哪些信息不公开")


@pytest.mark.parametrize("question", ["复议要在多长时间内提", "多少天以内要申请复议", "要在几天内提出复议申请"])
def test_the_time_to_file_a_review_is_not_the_time_to_decide_it(kb, question):
    assert procedures.ranked_topics(kb, question)[0][0] == "review_deadline"
    assert procedures.ranked_topics(kb, "复议申请了多久能出决定")[0][0] == "review_decision_time"


def test_the_time_to_make_a_review_application_good_is_its_correction_rule(kb):
    assert procedures.ranked_topics(kb, "复议机关说我材料不全让我补，给我多长时间")[0][0] == "review_correction"
