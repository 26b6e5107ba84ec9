"""Which kind of answer a question gets: the one place that decides it.

The intent proposes a kind (the action NLU chose stands for one); the question's own words, what
the knowledge base holds for it and the conversation so far can overrule it. `decide` tries four groups
of rules in order (law or report, the procedure intent, outcomes/rules/which, figures or words); what
the rules read of a question are properties of `Question`. Tested table-wise in tests/test_route.py."""
from dataclasses import dataclass, field
from enum import Enum
from typing import List, Optional, Tuple

from actions import cues


class Kind(Enum):
    STATISTIC = "statistic"      # one or more stated figures
    BREAKDOWN = "breakdown"      # the outcomes of the requests
    DERIVED = "derived"          # a sum, share, rate or change computed from stated figures
    TOPIC = "topic"              # what the report says on a topic (catalogue groups)
    PASSAGE = "passage"          # the report's own sentences that answer the question
    PROCEDURE = "procedure"      # the law's articles on a step of the procedure
    SEARCH = "search"            # not understood: the best passages of the report and the laws
    CONTACT = "contact"          # the report's own contact details
    DETAILS = "details"          # what, why or who of cases the report counts (its table's rows, or nothing more)


@dataclass(frozen=True)
class Route:
    kind: Kind
    topic: str = ""              # the report topic (intent) or the procedure topic

    @property
    def label(self) -> str:
        """The route as the `last_answer` slot keeps it: statistic, topic:ask_problems, procedure:fees."""
        return f"{self.kind.value}:{self.topic}" if self.topic else self.kind.value

    @classmethod
    def parse(cls, label: Optional[str]) -> Optional["Route"]:
        if not label:
            return None
        kind, _, topic = label.partition(":")
        try:
            return cls(Kind(kind), topic)
        except ValueError:
            return None


STATISTIC = Route(Kind.STATISTIC)
DERIVED = Route(Kind.DERIVED)
PASSAGE = Route(Kind.PASSAGE)
REVIEW_LITIGATION = Route(Kind.TOPIC, "ask_review_litigation")
REPORT_INFO = Route(Kind.TOPIC, "ask_report_info")
CONTACT = Route(Kind.CONTACT)
IMPROVEMENTS = Route(Kind.TOPIC, "ask_improvements")
CHANNELS = Route(Kind.TOPIC, "ask_channels")
PROBLEMS = Route(Kind.TOPIC, "ask_problems")
# Where to read published information without the internet: places the law sets up (查阅场所), which a body's
# report of its own online channels does not answer.
LAW_ONLY_CHANNELS = ("reading_places",)
# Situations of the law's a report answers too, where the body named publishes and where one can read it
WHERE_TO_READ = ("reading_places", "proactive_channels")
# 表三's outcomes counted by their grounds (属于国家秘密, 本机关不掌握, 重复申请 …)
OUTCOMES_WITH_GROUNDS = ("requests.withheld", "requests.cannot_provide", "requests.not_processed")
FIGURE_ROUTES = (STATISTIC, DERIVED, Route(Kind.BREAKDOWN))
# A passage answers a topic question better than the topic's figures when it holds this share of
# the question's words and bigrams.
PASSAGE_OVER_TOPIC = 0.35
PASSAGE_OVER_PROCEDURE = 0.3
# A report sentence holding this much of a question's words is what it asks, whatever figure its words
# also name ("有事你说收到群众诉求多少件" names 群众, a word of the table's applicants).
PASSAGE_OVER_FIGURE = 0.75
FEE_TOPICS = ("fees", "excessive_requests")     # answers that give the fee standard (and compute a fee)
REMEDY_FEES = ("review_fee", "litigation_costs")
COST_OF_REMEDY = {"review": "review_fee", "litigation": "litigation_costs"}
WHAT_OVER_TOPIC = 0.3      # a what, how or why question: a sentence holding this much of it beats the figures
# Topics the report answers in its own words (its problems, its plans, its own data): their answer is no
# list of figures.
TOPICS_IN_WORDS = ("ask_problems", "ask_improvements", "ask_report_info")
# The catalogue's text of a topic in words: named by the question, it is quoted whole, not one sentence of it.
TOPIC_TEXTS = {"ask_problems": "problems", "ask_improvements": "improvements"}
# The words match a rule of the law this well: the law answers though they also name a figure of the
# report (不予处理, 行政诉讼), unless the question asks a count or about the report.
LAW_OVER_FIGURE = 20.0
# A question this like one of the citizens' questions about a rule (law_questions.yml), and more like it
# than like any report sentence, asks the law ("我家没网，去哪能看到公开的文件"), unless it asks the report.
LIKE_A_LAW_QUESTION = 0.4
# This like a citizen's question of the very topic its words match beyond LAW_OVER_FIGURE: a figure's word
# in it (复议, 诉讼) and its 多少 ask the rule ("复议结果不服还能去法院吗，期限多少").
SURELY_A_LAW_QUESTION = 0.6


def _about_remedies(metric: Optional[str]) -> bool:
    return (metric or "").startswith(("review", "litigation", "table4"))


def _of_the_cases(metric: str) -> bool:
    """A figure of the requests or of the reviews and lawsuits: the figures an outcome breakdown is of."""
    return metric.startswith(("requests.", "table3")) or _about_remedies(metric)


@dataclass
class Question:
    """What decides the route: the words, the intent's proposal, the figures named, the context."""
    text: str
    metrics: List[str] = field(default_factory=list)       # named in this message
    derivation: Optional[str] = None                       # named in this message
    previous: Optional[Route] = None
    follow_up: bool = False                                # "那微信公众号呢？": the intent is `inform`
    metric_in_context: bool = False                        # a figure asked about before
    parts_of_a_share: bool = False                         # the metrics named are parts of the share just given
    passage_coverage: float = 0.0                          # of the report's best sentence
    previous_metric: Optional[str] = None                  # the figure asked about before
    procedure_topic: Optional[str] = None                  # the law's topic the words match clearly, if any
    procedure_score: float = 0.0                           # how well (kb.procedure_topics)
    names_a_report: bool = False                           # a body or a year named: 民政厅, 2022年
    loose_procedure_topic: Optional[str] = None            # the law's topic or article the words match best, though not clearly
    remedy_rule: bool = False                              # procedure_topic is a rule of the review or litigation laws
    law_talk_before: str = ""                              # the message before, when the law answered it
    alike_law_question: Tuple[str, float] = ("", 0.0)      # the topic of the citizens' question most like it, how alike
    passage_states_a_figure: bool = False                  # the best sentence, holding PASSAGE_OVER_FIGURE of it, states a figure named
    situations: Tuple[str, ...] = ()                       # the law's topics whose patterns describe the citizen's situation

    @property
    def situation_topic(self) -> Optional[str]:
        return next(iter(self.situations), None)

    @property
    def poses_a_situation_of_the_law(self) -> bool:
        """A situation a topic of the law's describes, asked of no report, or with the body named as its subject
        ("要是平潭该公开的不公开，找谁"), unless it is where that body's information can be read; not a follow-up
        on the report's words."""
        named_as_subject = self.names_a_report and not self.asks_for_a_count and not self.about_the_report \
            and self.situation_topic not in WHERE_TO_READ
        return bool(self.situation_topic) and (self.not_the_report or named_as_subject) \
            and (not self.in_a_report or not cues.refers_to_before(self.text))

    @property
    def about_the_report(self) -> bool:
        """"你们去年…": the department's own work, not the law."""
        return cues.names_the_report_or_its_period(self.text) or cues.has("cue_this_body", self.text)

    @property
    def asks_for_a_count(self) -> bool:
        return cues.asks_a_count(self.text)

    @property
    def poses_a_fee_case(self) -> bool:
        """"我一个月申请了15件，要收多少钱": the fee of the citizen's own case, computed by the law's standard
        (also "要是50页呢" right after the fees)."""
        return (cues.has("cue_fee", self.text) or self.after_the_fees) and cues.states_a_quantity(self.text)

    @property
    def asks_what_the_cases_were(self) -> bool:
        """"不予处理的那4件都是什么原因": of the figure named or just given, what its cases were."""
        if cues.has("cue_law", self.text):
            return False
        return cues.asks_what_the_cases_were(self.text) and bool(self.metrics or (self.after_the_report and
                                                                                  self.previous_metric)) \
            or cues.asks_the_kinds_of_the_cases(self.text) and bool(self.metrics) \
            and (self.in_a_report or self.names_a_report or cues.asks_a_count(self.text)) \
            or cues.asks_the_grounds(self.text) and bool(self.metrics) and self.in_a_report \
            and all(m in OUTCOMES_WITH_GROUNDS for m in self.metrics)     # "不予公开的呢，主要因为啥": 表三's grounds

    @property
    def asks_the_reports_words(self) -> bool:
        """"这个有提到要改吗" in a talk on a report: whether its words say so, not the law."""
        return self.in_a_report and cues.asks_what_it_says(self.text) and not cues.has("cue_law", self.text)

    @property
    def after_the_fees(self) -> bool:
        return self.previous is not None and self.previous.kind is Kind.PROCEDURE and self.previous.topic in FEE_TOPICS

    @property
    def names_a_remedy(self) -> bool:
        return cues.has("cue_remedy", self.text)

    @property
    def leans_back(self) -> bool:
        """"那…呢", "不予处理的": the question leans on the one before."""
        return self.follow_up or cues.sounds_like_a_follow_up(self.text)

    @property
    def after_the_report(self) -> bool:
        """The answer before gave a report's figures or words."""
        return self.previous is not None and self.previous.kind in (
            Kind.STATISTIC, Kind.BREAKDOWN, Kind.DERIVED, Kind.TOPIC, Kind.PASSAGE, Kind.DETAILS)

    @property
    def in_a_report(self) -> bool:
        """About a report: the question says so, or the answer before gave its figures or words."""
        return self.about_the_report or self.after_the_report

    @property
    def asks_the_law(self) -> bool:
        """Words that clearly match a rule of the law, naming no figure and no unit, and no report sentence."""
        return bool(self.procedure_topic) and not self.metrics and not cues.asked_unit_kind(self.text) \
            and self.passage_coverage < PASSAGE_OVER_TOPIC \
            and (cues.has("cue_law", self.text) or not self.about_the_report) \
            and not (self.after_the_report and (cues.asks_other_than_count(self.text)    # "在哪个法院审的"
                                                or cues.asks_what_they_did(self.text)    # "都按时回复了吗"
                                                or cues.asks_whats_new(self.text)        # "有什么新功能"
                                                or cues.asks_a_past_count(self.text)))   # "答复了多少"

    @property
    def in_a_talk_on_the_law(self) -> bool:
        """The law answered the message before, and this one names no report, body or year."""
        return self.previous is not None and self.previous.kind is Kind.PROCEDURE and not self.about_the_report \
            and not self.names_a_report

    @property
    def not_the_report(self) -> bool:
        """No count, no unit, no report, body or year named."""
        return not self.asks_for_a_count and not cues.asked_unit_kind(self.text) and not self.about_the_report \
            and not self.names_a_report

    @property
    def law_stays(self) -> bool:
        """"政府要问那家公司同不同意吗" asked of the law: 公司 names no figure asked."""
        return self.not_the_report and bool(self.procedure_topic) and not self.leans_back and not self.in_a_report

    @property
    def asks_what_one_may_do(self) -> bool:
        """"我能直接起诉吗", "要是起诉…被告写谁": a case one is in or imagines, asking no count of a report."""
        return cues.asks_what_one_may_do(self.text) and not self.names_a_report and not self.asks_for_a_count \
            and not cues.asked_unit_kind(self.text) and not self.derivation and not self.after_the_report \
            and bool(self.procedure_topic or self.loose_procedure_topic)

    @property
    def asks_the_reports_or_the_law(self) -> bool:
        """Taken for small talk, yet naming a figure, matching a rule of the law well beyond a word of it
        ("我想跟真正的工作人员说话" is no question of supervision), holding most of a report sentence's words,
        asking the report's contact details, leaning on the report's answer just given, or asking a count of a
        report named or just talked about ("12345热线一年接了多少电话")."""
        return bool(self.metrics) or bool(self.procedure_topic) and self.procedure_score >= LAW_OVER_FIGURE \
            or cues.asks_contact(self.text) \
            or self.passage_coverage >= PASSAGE_OVER_TOPIC \
            or (self.leans_back and self.after_the_report) \
            or (self.asks_for_a_count and (self.after_the_report or self.names_a_report)) \
            or (cues.asks_more_precision(self.text) and self.after_the_report) \
            or (self.in_a_talk_on_the_law and cues.is_a_question(self.text)
                and bool(self.procedure_topic or self.loose_procedure_topic or self.like_a_law_question))

    @property
    def asks_a_remedys_rule(self) -> bool:
        """"复议维持了再起诉，被告是谁", "诉讼费谁出": who, where and what of a review or a lawsuit, which
        the reports never state (they count the cases and their outcomes), unless it asks a count or
        whether there were any, how the cases ended ("判了吗"), or, right after the report's answer, asks
        of its cases ("是在哪个法院打的官司", "这几件是谁审的")."""
        return self.remedy_rule and not self.asks_for_a_count and not cues.asks_existence(self.text) \
            and not self.derivation and not (self.after_the_report and cues.asks_of_a_past_case(self.text)) \
            and not (cues.asks_a_case_outcome(self.text) and not cues.asks_how_or_which(self.text))

    @property
    def asks_a_time_limit(self) -> bool:
        """"我要是不服，多少天以内要申请复议", or "复议多久出结果" right after the law: the time the law
        allows, not a figure of the report the question may name."""
        after_the_law = self.in_a_talk_on_the_law and (self.not_the_report or not self.metrics)  # "这些要在多少天内公开"
        return bool(self.procedure_topic or self.loose_procedure_topic) and not self.derivation and (
            cues.asks_a_time_limit_of_a_case(self.text)
            or after_the_law and cues.has("cue_time_limit", self.text) and not cues.asks_an_average(self.text))

    @property
    def asks_the_workload(self) -> bool:
        """"新收的加上上年留下的，一共要办多少": a sum of the requests to handle, one of them named."""
        return self.derivation == "total" and cues.asks_the_workload(self.text) \
            and all(m in ("requests.received", "requests.carried_over_in") for m in self.metrics)

    @property
    def like_a_law_question(self) -> bool:
        """Worded like a citizen's question about a rule of the law, asking nothing of a report."""
        likeness = self.alike_law_question[1]
        return likeness >= LIKE_A_LAW_QUESTION and likeness > self.passage_coverage and self.not_the_report \
            and not self.metrics and not self.in_a_report and not self.follows_a_figure and not self.derivation

    @property
    def surely_a_law_question(self) -> bool:
        topic, likeness = self.alike_law_question
        return likeness >= SURELY_A_LAW_QUESTION and topic == self.procedure_topic \
            and self.procedure_score >= LAW_OVER_FIGURE and not self.names_a_report and not self.in_a_report \
            and not self.follows_a_figure and not self.derivation and not cues.asked_unit_kind(self.text)

    @property
    def follows_a_figure(self) -> bool:
        """"…的呢", "企业有没有" right after the report's figures, naming a figure, the law not named."""
        return bool(self.metrics) and (self.leans_back and self.in_a_report or self.previous in FIGURE_ROUTES) \
            and not cues.has("cue_law", self.text)


def decide(question: Question, proposed: Route) -> Route:
    """The route for the question, given the one its intent proposes: the first rule that applies, in
    the order law-or-report, the intent's procedure, outcomes and rules, then figures or words."""
    if question.asks_what_the_cases_were:
        return Route(Kind.DETAILS, (question.metrics or [question.previous_metric])[0])
    if proposed.kind is Kind.PROCEDURE:
        return _law_or_report(question, proposed) or _procedure(question, proposed)
    return _law_or_report(question, proposed) or _outcome_rule_or_which(question, proposed) \
        or _figure_or_words(question, proposed)


def _law_or_report(q: Question, proposed: Route) -> Optional[Route]:
    """The conversation decides between the law and the report, whatever the intent proposed."""
    if cues.asks_contact(q.text) and not cues.has("cue_law", q.text):
        return CONTACT                                      # "对年报有疑问打哪个电话"
    if q.asks_a_remedys_rule:
        return Route(Kind.PROCEDURE, q.procedure_topic)
    costs = cues.remedy_whose_cost_is_asked(q.text)
    if costs and not q.names_a_report and not q.about_the_report \
            and (not q.asks_for_a_count or cues.asked_unit_kind(q.text) == "money"):
        return Route(Kind.PROCEDURE, COST_OF_REMEDY[costs])   # "打这种官司要花多少钱": the law's rule on it
    if q.in_a_talk_on_the_law and cues.has("cue_law", q.text) and q.procedure_topic and not q.about_the_report:
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "那信息处理费条例里规定多少钱一页": the law named
    if q.in_a_talk_on_the_law and proposed.kind is Kind.TOPIC and not q.metrics and cues.asks_yes_or_no_briefly(q.text):
        return Route(Kind.PROCEDURE, q.procedure_topic or q.previous.topic)   # "还能再往后拖吗" after the time to answer
    if q.poses_a_situation_of_the_law and proposed.kind is not Kind.PROCEDURE:
        return Route(Kind.PROCEDURE, q.situation_topic)     # "一部分能公开一部分不能，是不是整个都不给了": the rule
    if q.asks_a_time_limit:
        law = proposed if proposed.kind is Kind.PROCEDURE else Route(Kind.PROCEDURE, q.procedure_topic or q.loose_procedure_topic)
        return the_laws_topic(q, law)
    if q.after_the_fees and q.poses_a_fee_case and not cues.has("cue_fee", q.text):
        return q.previous                                   # "按页数算，50页呢" after the fees: the fee of 50 pages
    if q.not_the_report and q.leans_back and q.previous is not None and q.previous.kind is Kind.PROCEDURE \
            and not (q.metrics and cues.asks_whether_any(q.text)):   # "那复议的有没有": were there any
        stays = proposed.topic if proposed.kind is Kind.PROCEDURE else q.previous.topic
        return Route(Kind.PROCEDURE, q.procedure_topic or stays)   # "那直接起诉呢" after the law
    if q.not_the_report and not q.follows_a_figure and q.procedure_topic and q.procedure_score >= LAW_OVER_FIGURE \
            and proposed.kind in (Kind.STATISTIC, Kind.SEARCH, Kind.BREAKDOWN) and q.passage_coverage < PASSAGE_OVER_TOPIC \
            and not q.asks_the_reports_words and not (q.after_the_report and (cues.refers_to_the_rest(q.text)
                                                                           or cues.asks_whats_new(q.text))):
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "申请太多不处理，可以这样吗": 不予处理 is not asked
    if (q.like_a_law_question or q.surely_a_law_question) and proposed.kind is not Kind.PROCEDURE:
        return Route(Kind.PROCEDURE, q.procedure_topic or q.loose_procedure_topic or q.alike_law_question[0])
    if proposed == CHANNELS and q.procedure_topic in LAW_ONLY_CHANNELS and not q.in_a_report \
            and not q.names_a_report and not q.metrics and not cues.has("cue_this_body", q.text):
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "不上网的话去哪能查到": where the law says, no body's
    if q.asks_what_one_may_do and not q.follows_a_figure:                 # "我告得了吗": the law
        if proposed.kind is Kind.PROCEDURE:
            return the_laws_topic(q, proposed)
        return Route(Kind.PROCEDURE, q.procedure_topic or q.loose_procedure_topic)
    goes_on_about_the_report = cues.refers_to_before(q.text) and q.previous is not None \
        and q.previous.kind is not Kind.PROCEDURE and q.in_a_report and not cues.has("cue_law", q.text)
    if goes_on_about_the_report and (proposed.kind is Kind.PROCEDURE or (q.asks_the_law and proposed.kind is not Kind.BREAKDOWN)) \
            and not q.metrics \
            and q.derivation != "change" \
            and not (q.leans_back and cues.has("cue_outcome", q.text)):   # "跟上一年比呢", "结果呢": below
        return PASSAGE                                      # "这些在什么地方发布" after the report's words
    if cues.asks_this_reports_date(q.text) and not cues.has("cue_law", q.text):
        return REPORT_INFO                                  # "这个年报是什么时候发布的": its date, not the law's
    return None


def _procedure(q: Question, proposed: Route) -> Route:
    """A procedure intent: the law, unless the words ask the report's figure or sentence."""
    if q.poses_a_fee_case and not q.about_the_report and not q.names_a_report:
        return the_laws_topic(q, proposed)                  # "我申请了15件，要交多少": the standard's fee of it
    if q.names_a_report and (q.asks_for_a_count or cues.asks_existence(q.text)) and not cues.has("cue_law", q.text):
        return STATISTIC if q.metrics else PASSAGE          # "平潭18年有人申请信息公开吗": that report's
    if q.metrics and (q.asks_for_a_count or q.leans_back or q.follows_a_figure
                      or cues.asks_existence(q.text) and q.in_a_report) \
            and not cues.has("cue_time_limit", q.text) and not q.law_stays:
        return STATISTIC                                    # "因为不服提起复议的有几件" asks the report
    if cues.asked_unit_kind(q.text) and not q.poses_a_fee_case or (q.about_the_report and q.passage_coverage >= PASSAGE_OVER_PROCEDURE) \
            or (q.passage_coverage >= PASSAGE_OVER_TOPIC and not cues.has("cue_law", q.text)
                and not cues.asks_a_rule(q.text) and not q.in_a_talk_on_the_law):
        return PASSAGE                                      # "延期答复的有几件", "你们去年都按时答复了吗": the report
    if (cues.asks_an_average(q.text) or q.in_a_report and cues.asks_which_is_most(q.text)) and not cues.has("cue_law", q.text):
        return PASSAGE                                      # "平均几天答复", "投诉最多的是哪方面": the report's, if it says
    if q.asks_the_reports_words:
        return PASSAGE                                      # "这个有说要改吗" after the report: its words
    if (q.names_a_report or q.in_a_report) and cues.asks_how_they_did(q.text) and not cues.has("cue_law", q.text):
        return PASSAGE                                      # "平潭依申请公开办得怎么样": the report's words
    if q.in_a_report and cues.asks_what_they_did(q.text) and not cues.has("cue_law", q.text) \
            and not cues.asks_a_rule(q.text) and not cues.has("cue_fee", q.text):
        return PASSAGE                                      # "都按时回复了吗" after the report: what it says
    if (q.after_the_report and cues.asks_who_or_where_it_was(q.text) or cues.asks_how_often(q.text)) \
            and not cues.has("cue_law", q.text) and not cues.asks_a_rule(q.text) and not cues.has("cue_fee", q.text):
        return PASSAGE                                      # "是哪个法院受理的", "网站多久自查一回": the report's
    return the_laws_topic(q, proposed)


def the_laws_topic(q: Question, proposed: Route) -> Route:
    """The law's topic the procedure intent proposed, made the remedy's own when the question names one."""
    if proposed.topic == "deadlines" and q.names_a_remedy:
        return Route(Kind.PROCEDURE, "remedies")            # the deadline of a remedy, not of an answer
    remedys_own = q.procedure_topic or q.loose_procedure_topic
    if proposed.topic in FEE_TOPICS and q.names_a_remedy and remedys_own and remedys_own not in FEE_TOPICS:
        return Route(Kind.PROCEDURE, remedys_own)           # "复议要交钱吗": the review's fee, not the request's
    if q.procedure_topic in REMEDY_FEES and q.names_a_remedy and proposed.topic != q.procedure_topic:
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "申请复议要交费吗": not the review's deadline
    return proposed


def _outcome_rule_or_which(q: Question, proposed: Route) -> Optional[Route]:
    """How cases ended, the rule for every case, or which/who/when: no count answers these."""
    kind = proposed.kind
    if q.previous is not None and q.previous.kind is Kind.BREAKDOWN and q.leans_back and len(q.metrics) == 1 \
            and _about_remedies(q.metrics[0]) and not q.asks_for_a_count and not q.derivation:
        return Route(Kind.BREAKDOWN, q.metrics[0])          # "诉讼那边呢" after the reviews' outcomes: the lawsuits'
    if kind in (Kind.STATISTIC, Kind.TOPIC, Kind.SEARCH) and not q.metrics and q.after_the_report and not q.derivation \
            and _about_remedies(q.previous_metric) and cues.asks_a_case_outcome(q.text):
        return Route(Kind.BREAKDOWN, q.previous_metric)      # "有被法院纠正的吗" after the lawsuits: their outcomes
    if kind is not Kind.BREAKDOWN and (q.leans_back or cues.names_nothing_but_an_outcome(q.text)) and not q.metrics \
            and cues.has("cue_outcome", q.text):
        if _about_remedies(q.previous_metric):
            return Route(Kind.BREAKDOWN, q.previous_metric)  # "结果呢" after the reviews: their outcomes
        if (q.previous_metric or "").startswith("requests."):
            return Route(Kind.BREAKDOWN)                     # after the applications: how they were answered
    if kind is not Kind.BREAKDOWN and not q.metrics and q.after_the_report and not q.asks_for_a_count \
            and (q.previous_metric or "").startswith("requests.") and cues.asks_why_of_an_outcome(q.text):
        return Route(Kind.BREAKDOWN)                         # "剩下没公开的都是因为啥": the outcomes and their grounds
    if kind in (Kind.STATISTIC, Kind.TOPIC) and q.procedure_topic and cues.asks_a_rule(q.text) \
            and not q.asks_for_a_count and not q.about_the_report and not q.names_a_report:
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "不掌握的话按规定应该怎么回复": the rule
    if kind in (Kind.STATISTIC, Kind.TOPIC, Kind.BREAKDOWN, Kind.SEARCH) and q.metrics \
            and all(_about_remedies(m) for m in q.metrics) \
            and cues.asks_a_case_outcome(q.text) and not q.asks_for_a_count and not q.derivation:
        return Route(Kind.BREAKDOWN, q.metrics[0])          # "复议有被纠正的吗": the reviews' outcomes
    if kind in (Kind.STATISTIC, Kind.SEARCH) and q.metrics and not q.derivation and not q.asks_for_a_count \
            and not cues.asked_unit_kind(q.text) and cues.asks_how_it_is_done(q.text) and not _about_remedies(q.metrics[0]):
        return PASSAGE                                      # "微博微信平时怎么管的": the report's words on it
    cases_just_counted = q.after_the_report and _about_remedies(q.previous_metric)
    if kind in (Kind.STATISTIC, Kind.TOPIC, Kind.SEARCH, Kind.DERIVED) and (q.metrics or cases_just_counted) \
            and not q.derivation and cues.asks_other_than_count(q.text) \
            and not (kind is Kind.TOPIC and (cues.asks_which_ones(q.text) or proposed.topic in TOPICS_IN_WORDS)):
        return PASSAGE                                      # "在哪个法院打的官司": no count says which (the
                                                            # topic's words list which, or say the problems)
    return None


def _figure_or_words(q: Question, proposed: Route) -> Route:
    """A figure, a derived figure, a breakdown, a topic or the report's sentences."""
    kind = proposed.kind
    if cues.asks_how_often(q.text) and not q.asks_for_a_count and not cues.has("cue_law", q.text):
        return PASSAGE                                      # "网站多久检查一次": how often, in its words
    if q.follow_up and q.metrics and not (kind is Kind.DERIVED and q.parts_of_a_share):
        kind, proposed = Kind.STATISTIC, STATISTIC          # "那微信公众号呢？": the new figure itself
    if kind is Kind.DERIVED and q.metrics and not q.derivation and q.previous != DERIVED and not cues.asks_a_rate(q.text):
        kind, proposed = Kind.STATISTIC, STATISTIC          # "办结的里面同意公开的有几件": no sum or share asked
    if kind in (Kind.STATISTIC, Kind.BREAKDOWN, Kind.SEARCH) and q.derivation and (q.metrics or kind is not Kind.SEARCH) \
            and (len(q.metrics) != 1 or q.derivation in ("difference", "per_period", "per_item", "multiple", "before_the_year") or q.asks_the_workload):
        return DERIVED                                      # "微博和微信一共发了多少" is one sum, "专栏以外" a difference
    if kind is Kind.TOPIC and q.derivation and len(q.metrics) > 1:
        return DERIVED
    if kind in (Kind.SEARCH, Kind.STATISTIC) and q.metrics \
            and (cues.asks_what_it_says(q.text) or cues.asks_what_things(q.text) and not q.follow_up) \
            and not q.asks_for_a_count and not cues.asked_unit_kind(q.text) and not q.derivation:
        return PASSAGE                      # "网站上搜不到东西，这个他们有提吗", "江苏民政网改版了，都改了啥": its words, not a count
    if kind is Kind.SEARCH and q.derivation and not q.metrics \
            and (q.leans_back or cues.refers_to_before(q.text) or q.derivation == "before_the_year") \
            and (q.previous in FIGURE_ROUTES or q.previous == PASSAGE and cues.refers_to_before(q.text)):
        return DERIVED              # "合计呢", "这个占多少" after figures or a sentence stating one: their sum, its share
    if kind is Kind.BREAKDOWN:
        if len(q.metrics) == 1 or q.metrics and (not any(_of_the_cases(m) for m in q.metrics) or cues.asks_each(q.text)):
            return STATISTIC                                # one outcome named, "全部公开和部分公开的各几件",
                                                            # "微博和公众号分别几个": their figures
        if not q.metrics and q.after_the_report and q.previous_metric and not _of_the_cases(q.previous_metric):
            return PASSAGE                                  # "区直部门和乡镇分别多少" after 主动公开: the sentence's parts
        if not q.metrics and _about_remedies(q.previous_metric):
            return Route(Kind.BREAKDOWN, q.previous_metric)  # "结果咋样" after the reviews: their outcomes
        if not q.metrics and q.previous == REVIEW_LITIGATION:
            return REVIEW_LITIGATION
        return proposed
    if kind is Kind.TOPIC:
        return _topic(q, proposed)
    if kind in (Kind.SEARCH, Kind.STATISTIC, Kind.PASSAGE) and not q.metrics and cues.asks_about_plans(q.text) \
            and q.passage_coverage < PASSAGE_OVER_TOPIC:
        return IMPROVEMENTS                                 # "下一步咋改": the report's plans
    if kind in (Kind.SEARCH, Kind.PASSAGE) and not q.metrics and cues.asks_about_problems(q.text) \
            and q.passage_coverage < PASSAGE_OVER_TOPIC and not q.procedure_topic \
            and not q.in_a_talk_on_the_law:
        return PROBLEMS                                     # "他们说有啥问题没": the problems it owns to
    if kind in (Kind.SEARCH, Kind.STATISTIC) and q.asks_the_law and not (
            q.names_a_report and q.procedure_score < LAW_OVER_FIGURE and not cues.has("cue_law", q.text)):
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "寄挂号信的从哪天算收到" asks the law; "民政厅2022年
                                                            # 的任务咋分到处室的" names a report the law hardly fits
    if kind in (Kind.SEARCH, Kind.STATISTIC) and q.passage_coverage >= PASSAGE_OVER_FIGURE and not q.leans_back \
            and not q.passage_states_a_figure:
        return PASSAGE                                      # "有事你说收到群众诉求多少件": that sentence's
    if kind is Kind.SEARCH:
        return STATISTIC if q.metrics else PASSAGE
    if kind is Kind.STATISTIC and not q.metrics and not (q.metric_in_context and q.leans_back):
        return PASSAGE                                      # no figure named: what the report says
    if kind is Kind.STATISTIC and not q.metrics and q.leans_back and not q.names_a_report \
            and q.passage_coverage >= PASSAGE_OVER_TOPIC \
            and not (cues.asks_what(q.text) or cues.asks_other_than_count(q.text)):   # "那是什么节目": the figure's
        return PASSAGE                                      # "网上竞价的呢" after 采购信息: a figure only a sentence names
    return proposed


def _topic(q: Question, proposed: Route) -> Route:
    if proposed.topic == "ask_report_info" and q.asks_the_law:
        return Route(Kind.PROCEDURE, q.procedure_topic)     # "年报规定哪天之前要发" asks the law
    if q.metrics and (q.asks_for_a_count or cues.asks_existence(q.text) and not cues.asks_what(q.text)):
        return STATISTIC                                    # "有没有定啥制度" asks what, not whether any
    if TOPIC_TEXTS.get(proposed.topic) in q.metrics:
        return proposed                                     # "有什么不足": its problems, not their opening sentence
    if not q.metrics and cues.asks_which_is_most(q.text):
        return PASSAGE                                      # "公开的信息里哪一类最多": of a list a sentence gives
    if q.passage_coverage >= PASSAGE_OVER_TOPIC or (cues.asks_what(q.text) and q.passage_coverage >= WHAT_OVER_TOPIC
                                                     and proposed.topic not in TOPICS_IN_WORDS):
        return PASSAGE                                      # "培训讲了哪些内容": the report's words, not its figures
    return proposed


def law_after_all(q: Question, proposed: Route, chosen: Route, report_says_nothing: bool) -> bool:
    """A question of the law's the intent took it for, sent to the report's words, which say nothing of
    it: the law answers, unless the question asks about the report or names a body or year."""
    return proposed.kind is Kind.PROCEDURE and chosen.kind is Kind.PASSAGE and report_says_nothing \
        and not q.about_the_report and not q.names_a_report and not q.in_a_report and not q.asks_for_a_count \
        and not cues.asked_unit_kind(q.text) and not cues.asks_an_average(q.text)
