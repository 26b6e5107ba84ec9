"""The routing table: which kind of answer a question gets, from its intent's proposal, its words, the
figures it names and the conversation."""
import pytest

from actions.route import (DERIVED, PASSAGE, REPORT_INFO, REVIEW_LITIGATION, STATISTIC, Kind, Question, Route, decide,
                           law_after_all)

BREAKDOWN = Route(Kind.BREAKDOWN)
SEARCH = Route(Kind.SEARCH)
PROBLEMS = Route(Kind.TOPIC, "ask_problems")
DEADLINES = Route(Kind.PROCEDURE, "deadlines")
REMEDIES = Route(Kind.PROCEDURE, "remedies")
RECEIVED, GRANTED, WEIBO, WECHAT = "requests.received", "requests.granted", "proactive.weibo_posts", "proactive.wechat_posts"


@pytest.mark.parametrize("question, proposed, expected", [
    # the intent's proposal stands when nothing overrules it
    (Question("收到多少申请", [RECEIVED]), STATISTIC, STATISTIC),
    (Question("办理结果怎样"), BREAKDOWN, BREAKDOWN),
    (Question("怎么申请"), Route(Kind.PROCEDURE, "how_to_apply"), Route(Kind.PROCEDURE, "how_to_apply")),
    (Question("存在什么问题", passage_coverage=0.1), PROBLEMS, PROBLEMS),
    # a sum of several named figures, whatever the intent
    (Question("微博和微信一共发了多少", [WEIBO, WECHAT], "total"), STATISTIC, DERIVED),
    (Question("微博和微信一共发了多少", [WEIBO, WECHAT], "total"), Route(Kind.TOPIC, "ask_channels"), DERIVED),
    (Question("一共办结多少", [], "total"), STATISTIC, DERIVED),
    (Question("新收的加上上年留下来的，一共要办多少件", [RECEIVED], "total"), STATISTIC, DERIVED),
    (Question("新收了多少件，一共", [RECEIVED], "total"), STATISTIC, STATISTIC),
    (Question("微博和微信总共发布了多少", [WEIBO, WECHAT], "total"), SEARCH, DERIVED),   # NLU unsure, the words are clear
    (Question("专栏以外的发了多少", ["proactive.disclosure_column_items"], "difference"), STATISTIC, DERIVED),
    (Question("一共呢", [], "total", previous=STATISTIC), SEARCH, DERIVED),
    (Question("那诉讼的有没有", ["litigation.total"], previous=DEADLINES, follow_up=True), STATISTIC, STATISTIC),
    (Question("行政复议需要缴纳费用吗", procedure_topic="review_fee"), REMEDIES, Route(Kind.PROCEDURE, "review_fee")),
    (Question("办结了多少", previous=STATISTIC, procedure_topic="reply_types", passage_coverage=0.2), STATISTIC, PASSAGE),
    (Question("微信上回复不及时，这个报告有说吗", [WECHAT]), SEARCH, PASSAGE),
    (Question("公众号是怎么管理的", [WECHAT]), STATISTIC, PASSAGE),
    (Question("公众号怎么发了这么多条", [WECHAT]), STATISTIC, PASSAGE),
    (Question("公众号发了多少条，怎么管的", [WECHAT]), STATISTIC, STATISTIC),
    (Question("报告有说微信发了多少吗", [WECHAT]), SEARCH, STATISTIC),
    (Question("那诉讼呢", ["litigation.total"], previous=DEADLINES, follow_up=True), STATISTIC, DEADLINES),   # the figures just given, added
    (Question("一共呢", [], "total"), SEARCH, PASSAGE),
    # one outcome named is its figure; "结果呢" after the reviews is their outcomes
    (Question("予以公开的有几件", [GRANTED]), BREAKDOWN, STATISTIC),
    (Question("结果咋样", previous=REVIEW_LITIGATION), BREAKDOWN, REVIEW_LITIGATION),
    (Question("结果咋样", previous_metric="review.total"), BREAKDOWN, Route(Kind.BREAKDOWN, "review.total")),
    (Question("结果呢", previous=STATISTIC, previous_metric="review.total", follow_up=True, procedure_topic="annual_report",
              procedure_score=12.0), SEARCH, Route(Kind.BREAKDOWN, "review.total")),
    (Question("复议有被撤销或者纠正的吗", ["review.total"]), STATISTIC, Route(Kind.BREAKDOWN, "review.total")),
    (Question("复议维持了几件", ["review.total"]), STATISTIC, STATISTIC),
    # what, why or who of cases the report counts: the rows its table divides them into, or that it says no more
    (Question("那其他处理的4件具体是怎么处理的", ["requests.otherwise_handled"]), STATISTIC,
     Route(Kind.DETAILS, "requests.otherwise_handled")),
    (Question("不予处理的那几件都是因为啥", ["requests.not_processed"]), Route(Kind.PROCEDURE, "repeat_request"),
     Route(Kind.DETAILS, "requests.not_processed")),
    (Question("那些建议都是谁提的", previous=STATISTIC, previous_metric="proactive.npc_suggestions_answered"),
     Route(Kind.TOPIC, "ask_problems"), Route(Kind.DETAILS, "proactive.npc_suggestions_answered")),
    # a number of pages or applications given right after the fees: the fee of that case
    (Question("要是按页算，120页呢", previous=Route(Kind.PROCEDURE, "fees")), Route(Kind.PROCEDURE, "how_to_apply"),
     Route(Kind.PROCEDURE, "fees")),
    (Question("行政诉讼的结果", ["litigation.total"]), SEARCH, Route(Kind.BREAKDOWN, "litigation.total")),
    (Question("那结果如何", previous_metric="litigation.total", follow_up=True), STATISTIC,
     Route(Kind.BREAKDOWN, "litigation.total")),
    (Question("结果呢", previous_metric="requests.received", follow_up=True), STATISTIC, BREAKDOWN),
    (Question("结果呢", previous_metric="proactive.weibo_posts", follow_up=True), STATISTIC, PASSAGE),
    # "其中…的？" after a figure: a figure, whatever the intent's procedure words
    (Question("其中因为属于行政执法案卷的？", ["table3.enforcement_files.total"]), Route(Kind.PROCEDURE, "not_disclosed"),
     STATISTIC),
    # a sentence of the report that holds most of a question's words answers it, unless it names the law
    (Question("网站和新媒体多久自查一次", passage_coverage=0.5), Route(Kind.PROCEDURE, "proactive_channels"), PASSAGE),
    (Question("条例规定网站多久自查一次", passage_coverage=0.5), Route(Kind.PROCEDURE, "proactive_channels"),
     Route(Kind.PROCEDURE, "proactive_channels")),
    # worded like a citizen's question about a rule, and liker it than any report sentence: the law, unless
    # it asks a count, names a report or goes on about the report's answer
    (Question("我家没网，政府公开的文件我去哪能看到", passage_coverage=0.14, alike_law_question=("proactive_channels", 0.54)),
     Route(Kind.TOPIC, "ask_channels"), Route(Kind.PROCEDURE, "proactive_channels")),
    (Question("要求政府给我汇总分析数据被拒，法院会受理吗", ["requests.withheld"], passage_coverage=0.12,
              procedure_topic="compilation", procedure_score=44.0, alike_law_question=("compilation", 0.59)), SEARCH,
     Route(Kind.PROCEDURE, "compilation")),
    (Question("政务公开培训就只搞了两场？", ["supervision.trainings"], passage_coverage=0.27,
              alike_law_question=("supervision", 0.42)), STATISTIC, STATISTIC),
    (Question("线下哪里能查到公开的信息", passage_coverage=0.5, alike_law_question=("proactive_channels", 0.45)),
     SEARCH, PASSAGE),
    # very like a citizen's question of the topic its words match clearly: the law, though it names a figure's
    # word and asks 多少, unless it names a report
    (Question("打这种官司法院收诉讼费吗，收多少", ["litigation.total"], procedure_topic="litigation_costs",
              procedure_score=37.9, alike_law_question=("litigation_costs", 0.66)), REVIEW_LITIGATION,
     Route(Kind.PROCEDURE, "litigation_costs")),
    (Question("2022年打官司收了多少诉讼费", ["litigation.total"], procedure_topic="litigation_costs", names_a_report=True,
              procedure_score=37.9, alike_law_question=("litigation_costs", 0.66)), REVIEW_LITIGATION, STATISTIC),
    (Question("2022年网上公开了多少文件", ["proactive.website_items"], names_a_report=True,
              alike_law_question=("proactive_channels", 0.5)), STATISTIC, STATISTIC),
    (Question("都按时回复了吗", previous=STATISTIC, passage_coverage=0.1, alike_law_question=("deadlines", 0.45)),
     SEARCH, PASSAGE),
    (Question("都按时回复了吗", previous=STATISTIC, passage_coverage=0.1, procedure_topic="reply_types",
              procedure_score=12.0), SEARCH, PASSAGE),
    # a follow-up naming a row of the report's table after its figures is that figure, though the law has a rule
    (Question("没有现成信息要另外制作的呢", ["table3.needs_creation.total"], previous=STATISTIC, follow_up=True,
              procedure_topic="compilation", procedure_score=30.0), STATISTIC, STATISTIC),
    (Question("补正以后还是不明确的", ["table3.still_unclear.total"], previous=STATISTIC),
     Route(Kind.PROCEDURE, "correction"), STATISTIC),
    (Question("都是个人申请的吗？企业有没有", ["table3.received.business"], previous=STATISTIC,
              procedure_topic="how_to_apply", procedure_score=25.0), Route(Kind.PROCEDURE, "how_to_apply"), STATISTIC),
    # who, where and what of a review or a lawsuit is the law's; how many and how they ended is the report's,
    # and so is which of the cases just given
    (Question("复议机关维持了以后再起诉，被告是谁", ["review.upheld", "litigation.total"], procedure_topic="defendant",
              remedy_rule=True), REVIEW_LITIGATION, Route(Kind.PROCEDURE, "defendant")),
    (Question("打输了官司诉讼费谁出", ["litigation.total"], procedure_topic="litigation_costs", remedy_rule=True),
     Route(Kind.BREAKDOWN), Route(Kind.PROCEDURE, "litigation_costs")),
    (Question("复议后起诉的那件判了吗", ["litigation.total"], procedure_topic="court_judgment", remedy_rule=True),
     REVIEW_LITIGATION, Route(Kind.BREAKDOWN, "litigation.total")),
    (Question("被告上法院的有几件", ["litigation.total"], procedure_topic="defendant", remedy_rule=True),
     STATISTIC, STATISTIC),
    (Question("这几件复议是哪个机关审的", ["review.total"], previous=STATISTIC, procedure_topic="review_body",
              remedy_rule=True), STATISTIC, STATISTIC),
    # a question asking the rule for every case asks the law, though it names a figure
    (Question("机关不掌握这个信息的话，按规定应该怎么回复申请人", ["requests.not_held"], procedure_topic="reply_types"),
     STATISTIC, Route(Kind.PROCEDURE, "reply_types")),
    (Question("什么样的申请会被不予处理", passage_coverage=0.5, procedure_topic="not_processed"),
     Route(Kind.PROCEDURE, "not_processed"), Route(Kind.PROCEDURE, "not_processed")),
    # what one may do in a case one is in or imagines asks the law, even matched loosely; a count or the
    # report's own year does not
    (Question("要是我不服他们的答复，能去法院告吗", ["litigation.total"], procedure_topic="remedies"), STATISTIC, REMEDIES),
    (Question("年报一般要在几月份以前发布", procedure_topic="annual_report"), REPORT_INFO, Route(Kind.PROCEDURE, "annual_report")),
    (Question("依申请公开指的是什么", procedure_topic="definition", passage_coverage=0.33), Route(Kind.TOPIC, "ask_channels"),
     Route(Kind.PROCEDURE, "definition")),
    (Question("我自己去申请的话要带什么材料", loose_procedure_topic="how_to_apply"), SEARCH,
     Route(Kind.PROCEDURE, "how_to_apply")),
    (Question("我想知道收到多少申请", [RECEIVED], loose_procedure_topic="how_to_apply"), STATISTIC, STATISTIC),
    (Question("你们去年能按时答复吗", procedure_topic="deadlines", passage_coverage=0.5), DEADLINES, PASSAGE),
    (Question("那办事可以不跑腿吗", previous=PASSAGE, follow_up=True, loose_procedure_topic="how_to_apply",
              passage_coverage=0.4), SEARCH, PASSAGE),
    (Question("我要是不服，多久内能申请复议", procedure_topic="deadlines"), REMEDIES, REMEDIES),  # the intent's topic stays
    (Question("能不能算一下公开的占办结的比例", [GRANTED, "requests.completed"], "ratio",
              loose_procedure_topic="partial_disclosure"), STATISTIC, DERIVED),
    # what the body did, asked after the report's answers, is the report's; the same asked first is the law's
    (Question("申请都在期限内答复了吗", previous=STATISTIC, procedure_topic="deadlines"), DEADLINES, PASSAGE),
    (Question("他们会把申请转给别的部门吗", previous=PASSAGE, procedure_topic="how_to_apply"),
     Route(Kind.PROCEDURE, "how_to_apply"), PASSAGE),
    (Question("申请都在期限内答复了吗", procedure_topic="deadlines"), DEADLINES, DEADLINES),
    # an average is the report's statistic, never the law's; which and when are no counts
    (Question("平均几天能答复一件申请", procedure_topic="deadlines"), DEADLINES, PASSAGE),
    (Question("是哪几个部门", ["requests.received"]), STATISTIC, PASSAGE),
    (Question("几月份上线的", ["platform.website"]), STATISTIC, PASSAGE),
    # the report's own contact details, not a count of calls
    (Question("对这份年报有疑问该打哪个电话"), SEARCH, Route(Kind.CONTACT)),
    (Question("办公的地址在哪里", procedure_topic="how_to_apply"), Route(Kind.PROCEDURE, "how_to_apply"), Route(Kind.CONTACT)),
    (Question("热线一年接了多少电话", ["management.hotline_calls"]), STATISTIC, STATISTIC),
    (Question("是哪家法院审理的", previous=STATISTIC, procedure_topic="trial_time"), SEARCH, PASSAGE),
    # a count or an existence asked of a body or year named is that report's, whatever the intent
    (Question("示例县2018年有人申请过信息公开吗", ["requests.received"], names_a_report=True, procedure_topic="how_to_apply"),
     Route(Kind.PROCEDURE, "how_to_apply"), STATISTIC),
    (Question("示例县2018年处理了多少起舆情", names_a_report=True), Route(Kind.PROCEDURE, "channels"), PASSAGE),
    # plans asked in everyday words are the report's improvements
    (Question("接下来打算咋弄", previous=STATISTIC), SEARCH, Route(Kind.TOPIC, "ask_improvements")),
    (Question("明年的计划里有网站吗", passage_coverage=0.6), PASSAGE, PASSAGE),
    # a question leaning on the report's words just given stays with the report
    (Question("这些在什么地方发布", previous=PASSAGE, procedure_topic="annual_report"),
     Route(Kind.PROCEDURE, "annual_report"), PASSAGE),
    (Question("这些在什么地方发布", previous=DEADLINES, procedure_topic="annual_report"),
     Route(Kind.PROCEDURE, "annual_report"), Route(Kind.PROCEDURE, "annual_report")),
    # "有…吗" after a figure of the report is a count; "which" or "why" is no count
    (Question("有因为国家秘密不公开的吗", ["table3.state_secret.total"], previous=BREAKDOWN),
     Route(Kind.PROCEDURE, "not_disclosed"), STATISTIC),
    (Question("有因为国家秘密不公开的吗", ["table3.state_secret.total"]), Route(Kind.PROCEDURE, "not_disclosed"),
     Route(Kind.PROCEDURE, "not_disclosed")),
    (Question("是在哪个法院打的官司", ["litigation.total"]), STATISTIC, PASSAGE),
    (Question("在哪个法院打了几场官司", ["litigation.total"]), STATISTIC, STATISTIC),
    # a count of a named figure asked with a procedure's or a topic's words is the figure
    (Question("因为不服提起复议的有几件", ["review.total"]), REMEDIES, STATISTIC),
    (Question("问题有几个", ["problems"]), PROBLEMS, STATISTIC),
    (Question("复议决定下来不服，多少天之内要去法院起诉", ["review.total"]), REMEDIES, REMEDIES),
    # the deadline of a remedy, not of an answer to a request
    (Question("申请行政复议有没有时间限制"), DEADLINES, REMEDIES),
    # a topic question whose words a sentence of the report holds gets that sentence
    (Question("网站改造了吗", passage_coverage=0.6), PROBLEMS, PASSAGE),
    (Question("培训讲了哪些内容", passage_coverage=0.32), Route(Kind.TOPIC, "ask_measures"), PASSAGE),
    # the date of the report asked about, not the law's deadline for reports
    (Question("这份年报是什么时候发布的", procedure_topic="annual_report"), Route(Kind.PROCEDURE, "annual_report"),
     Route(Kind.TOPIC, "ask_report_info")),
    (Question("年报一般什么时候发布", procedure_topic="annual_report"), Route(Kind.PROCEDURE, "annual_report"),
     Route(Kind.PROCEDURE, "annual_report")),
    (Question("培训有几场", passage_coverage=0.32), Route(Kind.TOPIC, "ask_measures"), Route(Kind.TOPIC, "ask_measures")),
    (Question("公开的信息里面哪一类最多"), Route(Kind.TOPIC, "ask_problems"), PASSAGE),   # the report's lists, not its problems
    # a situation a law topic's pattern describes, outside a talk on a report: that topic's rule
    (Question("一份材料里一部分能公开一部分不能，是不是整个都不给了", metrics=["requests.partly_granted"],
              situations=("partial_disclosure",)), SEARCH, Route(Kind.PROCEDURE, "partial_disclosure")),
    # a fee case the citizen states is computed, even when the fee's figure is named
    (Question("我一个月里申请了15件，按件收费要交多少", metrics=["other.processing_fee"]),
     Route(Kind.PROCEDURE, "fees"), Route(Kind.PROCEDURE, "fees")),
    # 请示报告 is a kind of 过程性信息, not the annual report
    (Question("开会的讨论记录 请示报告之类的呢", metrics=["table3.process_info.total"],
              previous=Route(Kind.PROCEDURE, "not_disclosed"), procedure_topic="not_disclosed", procedure_score=48.0),
     Route(Kind.PROCEDURE, "not_disclosed"), Route(Kind.PROCEDURE, "not_disclosed")),
    # no figure named, none in context: what the report says in words (or that it does not say)
    (Question("清理之后有没有公告"), STATISTIC, PASSAGE),
    (Question("那这一年呢", metric_in_context=True), STATISTIC, STATISTIC),
    # not understood: the figure it names, else the report's sentences
    (Question("xx予以公开yy", [GRANTED]), SEARCH, STATISTIC),
    (Question("适老化"), SEARCH, PASSAGE),
    # words that clearly match a rule of the law ask the law, unless they ask a count or the report
    (Question("寄挂号信的从哪天算收到", procedure_topic="receipt_date"), SEARCH, Route(Kind.PROCEDURE, "receipt_date")),
    (Question("年报规定哪天之前要发", procedure_topic="annual_report"), Route(Kind.TOPIC, "ask_report_info"),
     Route(Kind.PROCEDURE, "annual_report")),
    (Question("延期答复的有几件", procedure_topic="deadlines"), STATISTIC, PASSAGE),
    (Question("适老化和无障碍", procedure_topic="accessibility", passage_coverage=0.6), SEARCH, PASSAGE),
    # words that match a rule of the law very well ask the law though they name a figure; a follow-up
    # to the law's answer stays with the law, unless it asks a count
    (Question("被要求说明理由后不予处理，这样合法吗", ["requests.not_processed"], procedure_topic="excessive_requests",
              procedure_score=30.0), STATISTIC, Route(Kind.PROCEDURE, "excessive_requests")),
    (Question("不予处理的有几件", ["requests.not_processed"], procedure_topic="excessive_requests", procedure_score=30.0),
     STATISTIC, STATISTIC),
    (Question("被要求说明理由后不予处理的那些", ["requests.not_processed"], procedure_topic="excessive_requests",
              procedure_score=15.0), STATISTIC, STATISTIC),
    (Question("被要求说明理由后不予处理，这样合法吗", ["requests.not_processed"], procedure_topic="excessive_requests",
              procedure_score=15.0), STATISTIC, Route(Kind.PROCEDURE, "excessive_requests")),   # 合法吗 asks the rule
    (Question("民政厅被要求说明理由后不予处理的合法吗", ["requests.not_processed"], procedure_topic="excessive_requests",
              procedure_score=30.0, names_a_report=True), STATISTIC, STATISTIC),
    (Question("涉及一家公司的信息，要问它的意见吗", ["requests.from_companies"], procedure_topic="third_party",
              procedure_score=15.0), SEARCH, STATISTIC),     # not understood, a figure named, the law's words weak
    (Question("要征求那家公司的意见吗", ["requests.from_companies"], procedure_topic="third_party", procedure_score=25.0),
     Route(Kind.PROCEDURE, "third_party"), Route(Kind.PROCEDURE, "third_party")),
    (Question("还有别的公开平台吗", procedure_topic="proactive_channels", procedure_score=30.0),
     Route(Kind.TOPIC, "ask_channels"), Route(Kind.TOPIC, "ask_channels")),
    (Question("除了网站，还有别的公开平台吗", procedure_topic="proactive_channels", procedure_score=34.0),
     Route(Kind.TOPIC, "ask_channels"), Route(Kind.TOPIC, "ask_channels")),       # the body's own platforms
    (Question("我想让政府帮我把几个数据汇总统计一下给我，可以吗", procedure_topic="compilation", procedure_score=40.0),
     BREAKDOWN, Route(Kind.PROCEDURE, "compilation")),                                  # 把几个: a few, no count
    (Question("那起诉呢", ["litigation.total"], previous=REMEDIES, follow_up=True), Route(Kind.PROCEDURE, "remedies"),
     REMEDIES),
    (Question("那起诉呢", ["litigation.total"], previous=REMEDIES, follow_up=True, procedure_topic="review_first"),
     Route(Kind.PROCEDURE, "remedies"), Route(Kind.PROCEDURE, "review_first")),
    (Question("那起诉的有几件", ["litigation.total"], previous=REMEDIES, follow_up=True), REMEDIES, STATISTIC),
    # follow-ups: a new figure named is that figure, unless it is another part of the share just given
    (Question("那微信公众号呢", [WECHAT], follow_up=True, previous=DERIVED), DERIVED, STATISTIC),
    (Question("部分公开的呢", ["requests.partly_granted"], follow_up=True, previous=DERIVED, parts_of_a_share=True),
     DERIVED, DERIVED),
    (Question("那跟前一年比呢", previous=STATISTIC, derivation="change", metric_in_context=True,
              procedure_topic="annual_report", procedure_score=12.0), DERIVED, DERIVED),
    # a follow-up naming what no catalogue figure names, in words a report sentence holds: that sentence
    (Question("拍卖的呢", previous=STATISTIC, follow_up=True, metric_in_context=True, passage_coverage=0.8),
     STATISTIC, PASSAGE),
    # a report sentence holding most of the question's words answers it, unless it states a figure named
    (Question("有事你说节目收到群众诉求多少件", ["requests.from_natural_persons"], passage_coverage=0.8), STATISTIC, PASSAGE),
    (Question("12345热线收到多少咨询", ["management.hotline_calls"], passage_coverage=0.8, passage_states_a_figure=True),
     STATISTIC, STATISTIC),
    (Question("那是哪个栏目", previous=STATISTIC, follow_up=True, metric_in_context=True, passage_coverage=0.5),
     STATISTIC, STATISTIC),                                            # what the figure just given was
    (Question("那2021年呢", previous=STATISTIC, follow_up=True, metric_in_context=True, names_a_report=True,
              passage_coverage=0.5), STATISTIC, STATISTIC),
    # the time the law allows, asked of a case one is in or imagines, or of every case, or right after the law:
    # the law, though the question names the body and a figure
    (Question("假如我对民政局的答复不服，多少天内得申请复议", ["review.total"], names_a_report=True,
              procedure_topic="review_body", procedure_score=21.0), REMEDIES, REMEDIES),
    (Question("部门的年报每年最晚哪天前要公布", ["report.published"], names_a_report=True, procedure_topic="annual_report",
              procedure_score=50.0), REPORT_INFO, Route(Kind.PROCEDURE, "annual_report")),
    (Question("行政复议的决定要等多久", ["review.total"], previous=Route(Kind.PROCEDURE, "review_body"),
              procedure_topic="deadlines", procedure_score=20.0), Route(Kind.TOPIC, "ask_review_litigation"), REMEDIES),
    (Question("他们去年答复申请平均要多久", names_a_report=True, procedure_topic="deadlines"), DEADLINES, PASSAGE),
    # 多不多 asks a count of the report
    (Question("因为不服去申请复议的人多不多", ["review.total"], names_a_report=True, procedure_topic="review_body",
              procedure_score=21.0), REMEDIES, STATISTIC),
    # which court, right after the report's cases were listed: no count or rule says which
    # a situation of the law's, the body named as its subject: the law
    (Question("要是平潭该主动公开的不公开，我能找谁反映", ["requests.withheld"], names_a_report=True, previous=REPORT_INFO,
              situations=["supervision"], procedure_topic="supervision", procedure_score=35.0), SEARCH,
     Route(Kind.PROCEDURE, "supervision")),
    # the grounds of an outcome 表三 counts by its grounds, right after the requests' figures: those rows
    (Question("不予公开的呢，主要因为啥", ["requests.withheld"], previous=STATISTIC, previous_metric="requests.granted"),
     SEARCH, Route(Kind.DETAILS, "requests.withheld")),
    (Question("那部分公开的，因为什么没全给", ["requests.partly_granted"], previous=DERIVED, follow_up=True,
              parts_of_a_share=True), DERIVED, PASSAGE),                     # why, not the share of the one before
    (Question("是在哪里起诉的", previous=Route(Kind.TOPIC, "ask_review_litigation"), previous_metric="litigation.total"),
     Route(Kind.TOPIC, "ask_review_litigation"), PASSAGE),
    # an outcome breakdown asked of figures that are no cases' (微博和公众号分别几个), or right after such a figure
    (Question("微博和微信公众号分别几个", [WEIBO, WECHAT]), BREAKDOWN, STATISTIC),
    (Question("区直部门和乡镇分别多少", previous=STATISTIC, previous_metric="proactive.items"), BREAKDOWN, PASSAGE),
    (Question("分别多少", previous=STATISTIC, previous_metric=RECEIVED), BREAKDOWN, BREAKDOWN),
    # after the reviews' outcomes, "诉讼那边呢" asks the lawsuits' outcomes
    (Question("诉讼那边呢", ["litigation.total"], previous=Route(Kind.BREAKDOWN, "review.total"), follow_up=True),
     STATISTIC, Route(Kind.BREAKDOWN, "litigation.total")),
    # named figures without a sum or share asked, NLU's derivation proposal aside, are the figures
    (Question("办结的里面同意公开的有几件", [GRANTED], previous=STATISTIC), DERIVED, STATISTIC),
    (Question("复议维持率是多少", ["review.upheld"], previous=STATISTIC), DERIVED, DERIVED),
    # in a talk on the law, a procedure question stays with the law though a report sentence shares its words
    (Question("主动公开有没有时间要求", previous=Route(Kind.PROCEDURE, "review_first"), passage_coverage=0.38,
              procedure_topic="proactive_channels", procedure_score=17.0), Route(Kind.PROCEDURE, "proactive_timing"),
     Route(Kind.PROCEDURE, "proactive_timing")),
    # a review's or a lawsuit's fee is that law's rule, not the fee for information
    (Question("复议要不要交费", ["review.total"], loose_procedure_topic="review_fee"), Route(Kind.PROCEDURE, "fees"),
     Route(Kind.PROCEDURE, "review_fee")),
    # after the report, a past case's court, or how often the body does something, asks the report
    (Question("是哪个法院受理的", previous=STATISTIC, previous_metric="litigation.total"), REMEDIES, PASSAGE),
    (Question("网站和新媒体多久自查一回"), Route(Kind.PROCEDURE, "proactive_timing"), PASSAGE),
    (Question("在哪个法院审的", previous=STATISTIC, previous_metric="litigation.total"), REMEDIES, PASSAGE),
    # a share asked is no sure law question, nor a count of a unit
    (Question("再加上部分公开的，占办结的多少", ["requests.partly_granted"], "ratio", procedure_topic="partial_disclosure",
              procedure_score=23.5, alike_law_question=("partial_disclosure", 0.68)), DERIVED, DERIVED),
    (Question("重复申请的几件", ["table3.repeated.total"], previous=Route(Kind.PROCEDURE, "correction"),
              procedure_topic="repeat_request", procedure_score=30.0, alike_law_question=("repeat_request", 0.7)),
     STATISTIC, STATISTIC),
    # the topic's own text named: quoted whole, not the one sentence that shares most words
    (Question("有什么不足", ["problems"], passage_coverage=0.5), PROBLEMS, PROBLEMS),
    # a figure asked with its kinds: its table's rows
    (Question("不予公开的几件？都是什么理由", ["requests.withheld"]), Route(Kind.PROCEDURE, "not_disclosed"),
     Route(Kind.DETAILS, "requests.withheld")),
    (Question("没法提供的有多少，是什么原因", ["requests.cannot_provide"]), STATISTIC,
     Route(Kind.DETAILS, "requests.cannot_provide")),
    (Question("不予公开有哪些情形", ["requests.withheld"]), Route(Kind.PROCEDURE, "not_disclosed"),
     Route(Kind.PROCEDURE, "not_disclosed")),                    # no count, no report: the law's cases
    # how often, after a figure, asks the report's words; so does whether it mentions something
    (Question("网站和公众号多久检查一次", [WECHAT], previous=STATISTIC, previous_metric="platform.new_media_products"),
     Route(Kind.TOPIC, "ask_channels"), PASSAGE),
    (Question("网站上老搜不到，这个有提到要改吗", ["proactive.website_items"], previous=Route(Kind.TOPIC, "ask_improvements"),
              procedure_topic="proactive_channels", procedure_score=20.1), SEARCH, PASSAGE),
    # what a lawsuit or a review costs is that remedy's fee rule, whatever topic the words matched
    (Question("打这种官司要花多少钱", previous=Route(Kind.PROCEDURE, "defendant"), procedure_topic="fees",
              procedure_score=19.6), SEARCH, Route(Kind.PROCEDURE, "litigation_costs")),
    (Question("申请复议收钱吗", procedure_topic="fees"), Route(Kind.PROCEDURE, "fees"), Route(Kind.PROCEDURE, "review_fee")),
    # a short yes-or-no question right after the law goes on about the law, whatever report topic NLU took it for
    (Question("还能再往后拖吗", previous=Route(Kind.PROCEDURE, "deadlines")), Route(Kind.TOPIC, "ask_improvements"),
     Route(Kind.PROCEDURE, "deadlines")),
    (Question("存在什么问题", previous=Route(Kind.PROCEDURE, "deadlines")), Route(Kind.TOPIC, "ask_problems"),
     Route(Kind.TOPIC, "ask_problems")),
    # a share of "this" right after a sentence stating the figure found the most: computed
    (Question("这个占多少", derivation="ratio", previous=PASSAGE), SEARCH, DERIVED),
    (Question("占多少", derivation="ratio", previous=PASSAGE), SEARCH, PASSAGE),
])
def test_route(question, proposed, expected):
    assert decide(question, proposed) == expected


@pytest.mark.parametrize("label", ["statistic", "topic:ask_problems", "procedure:fees", "passage"])
def test_a_route_survives_the_slot(label):
    assert Route.parse(label).label == label


def test_an_unknown_slot_value_is_no_route():
    assert Route.parse("topic") == Route(Kind.TOPIC) and Route.parse("nonsense:x") is None and Route.parse(None) is None


@pytest.mark.parametrize("question, ours", [
    (Question("谢谢你"), False),
    (Question("今天天气怎么样"), False),
    (Question("老人和小孩的呢？", previous=PASSAGE, follow_up=False), True),       # leans on the report's answer
    (Question("微博呢", ["proactive.weibo_posts"]), True),
    (Question("好多人申请同一个文件会怎样", procedure_topic="many_applicants", procedure_score=23.5), True),
    (Question("我想跟真正的工作人员说话", procedure_topic="supervision", procedure_score=16.0), False),   # a word of it only
    (Question("网站适老化改造做了什么", passage_coverage=0.5), True),
    (Question("年报看不懂的地方该找谁问"), True),                                   # its contact details
    (Question("材料没带齐会怎么样", previous=Route(Kind.PROCEDURE, "oral_application"),
              alike_law_question=("review_correction", 0.78)), True),              # taken for the weather, in a talk on the law
    (Question("今天天气怎么样", previous=Route(Kind.PROCEDURE, "oral_application")), False),
])
def test_small_talk_that_asks_about_the_reports_or_the_law_is_answered(question, ours):
    assert question.asks_the_reports_or_the_law is ours


def test_the_law_answers_a_procedure_question_whose_report_words_say_nothing():
    on_the_law = Question("觉得他们没按要求主动公开，可以找哪个部门反映", previous=Route(Kind.PROCEDURE, "review_first"))
    supervision = Route(Kind.PROCEDURE, "supervision")
    assert law_after_all(on_the_law, supervision, PASSAGE, report_says_nothing=True)
    assert not law_after_all(on_the_law, supervision, PASSAGE, report_says_nothing=False)
    assert not law_after_all(Question("平均几天能回", previous=STATISTIC), DEADLINES, PASSAGE, report_says_nothing=True)
    assert not law_after_all(Question("你们去年收费了吗", names_a_report=True), supervision, PASSAGE, report_says_nothing=True)



def test_where_to_read_with_the_body_named_stays_the_reports_answer():
    asked = Question("我家里没电脑，想看平潭2018年公开的那些政府文件，能去哪里看", names_a_report=True,
                     situations=["reading_places"], procedure_topic="reading_places", procedure_score=30.0)
    assert decide(asked, Route(Kind.TOPIC, "ask_channels")).kind is not Kind.PROCEDURE
