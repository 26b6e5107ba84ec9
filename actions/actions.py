"""Thin rasa-sdk actions: read the question from the tracker, ask answers/procedures/search, reply."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, cues, procedures, record, route, sentence_figures
from actions.context import (CASES_BROUGHT, answered_in_words, entity_values, latest_intent, named_metrics, named_year,
                             other_years, per_item_terms, question_apart, question_before, questions_before, recent_metrics, refers_back,
                             report_stating, requested_metrics, requested_report, sum_just_given)
from actions.knowledge_base import knowledge_base
from actions.phrasing import REPORT_WRITES, SOURCE_PREFIX, report_name
from knowledge.rank import content_nouns

PROCEDURE_PREFIX = "procedure_"
SMALL_TALK_UNCLEAR = "utter_chitchat/unclear"


RECENT_METRICS = 6       # "这四类加在一起": the figures of the last answers, most recent first


def reply(dispatcher: CollectingDispatcher, answer: answers.Answer, last_answer: Optional[str],
          tracker: Optional[Tracker] = None, recorded: Optional[Dict] = None) -> List[Dict]:
    dispatcher.utter_message(text=answer.text, buttons=answer.buttons or None,
                             **{record.KEY: recorded or record.of(None, None, None, answer)})
    events = [SlotSet("last_answer", last_answer)] if last_answer else []
    events += [SlotSet(slot, None) for slot in answer.forget]
    events += [SlotSet(slot, value) for slot, value in answer.slots.items()]
    events.append(SlotSet("summed", answer.summed or None))
    if answer.metric:
        events.append(SlotSet("metric", answer.metric))
        earlier = recent_metrics(tracker) if tracker else []
        given = list(reversed(answer.metrics or [answer.metric]))
        recent = given + [m for m in earlier if m not in given]
        events.append(SlotSet("recent_metrics", recent[:RECENT_METRICS]))
    return events


def asked_derivation(tracker: Tracker) -> Optional[str]:
    """The derivation the message names: NLU's entity, else its words (加在一起, 占…多少); a share
    when it names one beside a sum ("合起来占多少": the parts are added, then divided)."""
    text = tracker.latest_message.get("text") or ""
    said = cues.derivation_asked(text)
    named = entity_values(tracker, "derivation") + [said]
    if cues.asks_a_change_on_last_year(text) or said in ("before_the_year", "per_item", "multiple"):
        return said                                   # "比上年增长了百分之几", "2018年以前一共多少": the words' own
    if cues.asks_cumulative(text):
        named = [d for d in named if d != "total"]    # "历年累计一共多少": the stated total over the years
    if cues.asks_what(text):
        named = [d for d in named if d != "difference"]   # "剩下那些没给的都是什么理由": what they were, no count
    if "ratio" in named and "total" in named:
        return "ratio"                                # "合起来占多少", "总共多少件，比例多少": a share
    if said == "difference" and "total" in named and cues.leaves_out(text):
        return "difference"                           # "除了个人以外的一共多少件": the whole less the part
    asked = next((d for d in named if d), None)
    if asked is None and cues.sounds_like_a_follow_up(text) and len(content_nouns(text)) <= 1 and not cues.asks_a_count(text) \
            and cues.derivation_asked(question_before(tracker, always=True)) == "ratio":
        return "ratio"                                # "不予公开多少，占多少？" … "不予处理的呢": its count and share too
    return asked


def law_talk_before(tracker: Tracker, previous: Optional[route.Route]) -> str:
    """The citizen's messages before the latest one when the law answered the last: "请不起律师怎么办" goes
    on about the review named a few questions before."""
    if previous is None or previous.kind is not route.Kind.PROCEDURE:
        return ""
    return "，".join(reversed(questions_before(tracker, LAW_TALK)))


WORKLOAD_TALK = 3    # messages back that may name the cases whose rest or share completed is asked
LAW_TALK = 3    # messages back that may name the review or lawsuit a question of the law goes on about


def question_of(tracker: Tracker, kb, report=None) -> route.Question:
    """What the routing needs to know about the latest message and the conversation."""
    text = tracker.latest_message.get("text") or ""
    derivation = asked_derivation(tracker)
    named = named_metrics(kb, tracker, report, derivation)
    previous = route.Route.parse(tracker.get_slot("last_answer"))
    share = previous == route.DERIVED and tracker.get_slot("derivation") == "ratio" \
        and all(m in answers.PART_OF for m in named)
    best = kb.passages(text, report.id, 1) if report else []
    coverage = best[0].coverage if best else 0.0
    in_context = bool(tracker.get_slot("metric")) and not entity_values(tracker, "metric")
    context = law_talk_before(tracker, previous)
    topics = procedures.ranked_topics(kb, asked_of_the_law(tracker, previous, text), context)
    clear = procedures.clear_topic(topics, text)
    found = None if clear else procedures.ranked_articles(kb, text, context=context)   # ranked once for both routes below
    law_topic = clear or procedures.article_route(kb, text, True, found)
    loose = None if law_topic else procedures.loose_route(kb, text, topics, found)
    return route.Question(text, named, derivation, previous,
                          latest_intent(tracker) == "inform", in_context, share, coverage,
                          tracker.get_slot("metric"), law_topic, topics[0][1] if topics else 0.0,
                          named_year(tracker) is not None or bool(getattr(kb.find_body(text), "name", None)),
                          law_topic or loose, procedures.quotes_the_remedy_laws(kb, law_topic), context,
                          kb.law_question_alike(text),
                          coverage >= route.PASSAGE_OVER_FIGURE and _states_a_figure(kb, report, best[0].text, named),
                          tuple(kb.situations(text)))


def _states_a_figure(kb, report, sentence: str, keys: List[str]) -> bool:
    """Whether the sentence is where one of the figures named is stated (read only when the sentence holds
    enough of the question to answer it in words: the route asks nothing else of it)."""
    facts = [kb.fact(key, report.id) for key in keys]
    return any(f is not None and f.sentence and (f.sentence in sentence or sentence in f.sentence) for f in facts)


def request_and_question(kb, tracker: Tracker) -> tuple:
    """The report asked about and the question read against it (another year's report, when a yearless
    question names figures only that one states)."""
    request = requested_report(kb, tracker)
    question = question_of(tracker, kb, request.report)
    stating = report_stating(kb, request, question.metrics)
    return (stating, question_of(tracker, kb, stating.report)) if stating is not request else (request, question)


def asked_of_the_law(tracker: Tracker, previous: Optional[route.Route], text: str) -> str:
    """"要是复议机关维持了原来的决定呢" right after the law: the question before, asked of the new case."""
    if previous is not None and previous.kind is route.Kind.PROCEDURE and cues.adds_a_condition(text):
        return f"{question_before(tracker, always=True)}，{text}"
    return text


def answer_for(chosen: route.Route, question: route.Question, tracker: Tracker, kb, request) -> answers.Answer:
    """The answer of a given route to the question, about the report requested."""
    talked_about = request.report is not None and (question.names_a_report or tracker.get_slot("body"))
    if chosen.kind is route.Kind.PROCEDURE:
        if chosen.topic == answers.READING_PLACES and talked_about:   # the law's rule, and the places its reports name
            answer = answers.reading_places(kb, request.report, _other_years_of(kb, request))
        else:
            asked = asked_of_the_law(tracker, question.previous, question.text)
            answer = procedures.procedure(kb, chosen.topic, asked, question.law_talk_before)
        fees = chosen.topic in route.FEE_TOPICS
        on_the_body = next((c for c in cues.clauses_on_what_happened(question.text, first_too=question.names_a_report or fees)
                            if cues.names_the_body_loosely(c) or getattr(kb.find_body(c), "body", None)), None)
        if on_the_body is None and fees and question.after_the_report:
            on_the_body = question.text                 # "申请要钱吗" right after the report's answer: and did they charge?
        if on_the_body is None and question.after_the_report and cues.asks_of_others(question.text) \
                and not cues.asks_what_one_may_do(question.text):
            on_the_body = question.text                 # "在哪个法院审的" after the lawsuits: the law, and what the report says
        if on_the_body and request.report is not None:   # "要交钱吗？民政厅收过费没有", "他们收费了没": the law, then the report
            answer.text += "\n\n" + answers.what_the_report_says(kb, request.report, on_the_body, fees).text
        channels = answers.where_to_apply(kb, request.report) \
            if chosen.topic in answers.APPLYING_TOPICS and talked_about else None
        if channels:                                     # "网上能不能提申请" in a talk on 平潭2018: its 依申请公开 column too
            answer.text += "\n\n" + channels
        if request.report is not None and not request.preface:  # "平潭2021年…" asked of the law: still about 平潭
            answer.slots.update(body=request.report.body)
            if request.instead_of is None:   # not a year chosen by the words of a question about the law
                answer.slots.update(year=str(request.report.year))
        return answer
    if request.report is None:
        return not_stored(request)
    others = _other_years_of(kb, request)
    answer = report_answer(kb, request.report, chosen, question, tracker, others)
    if request.preface:
        answer.text = f"{request.preface}\n{answer.text}"
    if request.instead_of is not None:
        answer.text = (f"问题没有说哪一年；{request.report.year}年的报告谈到了这一点"
                       f"（最新的是{request.instead_of.year}年的报告）。\n{answer.text}")
    answer.slots.update(body=request.report.body)
    if request.year_named or not others:
        answer.slots.update(year=str(request.report.year))
    elif tracker.get_slot("body") not in (None, request.report.body):
        answer.forget.append("year")                    # the year of the body talked about before is not this one's
    return answer


def _other_years_of(kb, request) -> list:
    """The body's reports of other years, when the question named no year."""
    return [] if request.year_named else other_years(kb, request.report)


def not_stored(request) -> answers.Answer:
    """The report asked is not stored: the body talked about stays for the next question, and the year talked
    about when there is one."""
    if request.body and request.year_talked_about:
        return answers.Answer(request.missing, slots={"body": request.body, "year": str(request.year_talked_about)})
    if request.body:
        return answers.Answer(request.missing, forget=["year"], slots={"body": request.body})
    return answers.Answer(request.missing, forget=["year", "body"])


def report_answer(kb, report, chosen: route.Route, question: route.Question, tracker: Tracker,
                  other_years=()) -> answers.Answer:
    kind, text = chosen.kind, question.text
    before = question_before(tracker, short_too=True, always=cues.adds_to_before(text))   # "再加上…": to those asked
    if cues.asks_more_precision(text) and question.after_the_report:
        precise = sentence_figures.derive(kb, report, "ratio", text, "，".join(questions_before(tracker, 1)), precise=True)
        if precise:
            return answers.Answer(precise)              # "53%是约数吧，精确到一位小数": the share the report rounds
    if question.previous in (route.PASSAGE, route.STATISTIC) and cues.asks_what_is_left_or_done(text) \
            and not question.names_a_report:
        said = sentence_figures.workload(kb, report, text, questions_before(tracker, WORKLOAD_TALK))
        if said:
            return answers.Answer(said)                 # "还剩多少没办完" after the hotline's sentence: its figures
    if kind is route.Kind.STATISTIC:
        metrics = requested_metrics(kb, tracker, question.metrics)
        worded = answers.derived_in_words(kb, report, question.derivation, metrics, text, before)
        if worded is not None:
            return worded
        if question.derivation == "ratio" and len(metrics) == 1:
            return answers.count_and_share(kb, report, metrics[0], text, recent_metrics(tracker))
        rest = answers.count_and_rest(kb, report, metrics[0], text) \
            if len(metrics) == 1 and cues.asks_if_all_or_most(text) else None
        if rest is not None:
            return rest                                 # "都是个人申请的吗": those, of how many, and the rest
        if not metrics:
            return answers.passage(kb, report, text, before=before, derivation=question.derivation)
        prior = next(iter(recent_metrics(tracker)), None)
        fact = kb.fact(prior, report.id) if prior and before and _of_another_kind(prior, metrics) else None
        beside = answers.said_beside(kb, report, fact.sentence or "", fact.source, metrics, text, prior) if fact else None
        if beside is not None:
            return beside
        quoted = kb.passages(question_before(tracker, always=True), report.id, 1) \
            if answered_in_words(tracker) and not question.names_a_report else []
        if quoted and not answers.unexplained(kb, report, text, passages=quoted):   # "政策解读登了几篇" after the
            beside = answers.said_beside(kb, report, quoted[0].text, quoted[0].source, metrics, text)   # 公报's sentence
            if beside is not None:
                return beside
        return answers.statistic(kb, report, metrics, text, before, other_years)
    if kind is route.Kind.BREAKDOWN and chosen.topic and chosen.topic.startswith(CASES_BROUGHT):
        return answers.outcomes_of_each(kb, report, cases_asked(chosen.topic, recent_metrics(tracker), text), text)
    if kind is route.Kind.BREAKDOWN:
        return answers.outcomes_of(kb, report, chosen.topic) if chosen.topic else answers.breakdown(kb, report, question.text)
    if kind is route.Kind.DERIVED:
        named = list(question.metrics)
        disagreeing = answers.where_it_does_not_add_up(kb, report, named, text)
        if disagreeing is not None:
            return disagreeing
        derivation = question.derivation or (None if cues.asks_a_count(text) else tracker.get_slot("derivation"))
        if derivation is None and cues.asks_a_count(text) and not cues.asks_a_rate(text):   # "其中单位申请的有几件" after a share
            return answers.statistic(kb, report, named, text, before) if named else answers.passage(kb, report, text, before=before)
        worded = None if named else _of_the_words_just_quoted(kb, report, tracker, derivation, text, before)
        if worded is not None:
            return answers.Answer(worded)
        if not named and refers_back(tracker, derivation):
            count, recent = cues.referred_count(question.text) or 2, recent_metrics(tracker)
            if len(recent) < count:      # "这俩加起来" after two figures the report states in words: theirs
                asked = "，".join(reversed(questions_before(tracker, count)))
                worded = sentence_figures.derive_own_first(kb, report, derivation, text, asked, before)
                return answers.Answer(worded) if worded else answers.passage(kb, report, text, before=before)
            named = list(reversed(recent[:count]))
            if answers.unexplained(kb, report, text, [f for f in (kb.fact(k, report.id) for k in named) if f]):
                return answers.passage(kb, report, text, before=before)   # "这些号加起来有多少粉丝": not their posts
        if derivation == "per_item":
            named = per_item_terms(kb, tracker, named, report)
        summed = sum_just_given(tracker)
        if derivation == "difference" and not named and len(summed) == 2:
            named = list(summed)                        # "哪个发的多，多多少" right after adding two: those two
        whole = [k for k in named if k not in summed]
        if derivation == "ratio" and summed and cues.refers_to_before(text) and len(whole) == 1:
            named = summed + whole                      # "这些占办结总数多少" after a sum: the sum's share
        return answers.derived(kb, report, derivation, named, figures_just_given(tracker, question), text, before)
    if kind in (route.Kind.TOPIC, route.Kind.PASSAGE, route.Kind.SEARCH) and answers.READING_PLACES in question.situations:
        return answers.reading_places(kb, report, other_years)   # "不会上网，去哪能看": the places the reports name
    places = answers.where_to_read(kb, report, text, before) if kind in (route.Kind.PASSAGE, route.Kind.SEARCH) \
        and answers.PROACTIVE_CHANNELS in question.situations else None
    if places is not None:
        return places                                   # "去哪里可以查阅": its words, and the places it names
    if kind is route.Kind.TOPIC:
        return _when_unsaid(answers.topic(kb, report, chosen.topic, text), text)
    if kind is route.Kind.CONTACT:
        return answers.contact(kb, report)
    if kind is route.Kind.DETAILS:
        return answers.details_of(kb, report, chosen.topic, text)
    named = answers.texts_named(kb, report, question.metrics)
    if named is not None:
        return _when_unsaid(named, text)
    largest = answers.largest_part(kb, report, question.previous_metric, text) \
        if cues.asks_which_is_most(text) and question.after_the_report and question.previous_metric \
        and not question.metrics else None
    if largest is not None:
        return largest                                  # "里面最多的是啥原因" after 不予公开: the largest of its rows
    if not before and cues.asks_each(text) and question.previous in route.FIGURE_ROUTES:
        before = question_before(tracker, always=True)  # "区直部门跟乡镇分别是多少": parts of the figure just given
    overview = answers.requests_overview(kb, report, text) if not question.metrics \
        and cues.asks_how_it_went(text) and cues.names_the_requests(text) and not cues.asks_a_count(text) \
        and not cues.asks_for_their_practice(text) else None   # "有啥特别的做法": what they did, in the report's words
    if overview is not None:
        return overview                                 # "依申请公开办得咋样": the year's requests in short
    said = answers.passage(kb, report, text, with_laws=not cues.asks_a_count(text), before=before,
                           derivation=question.derivation)
    if other_years and said.text.startswith(f"{report_name(report)}{REPORT_WRITES}"):
        said = answers.counts_of_other_years(kb, report, said, text, other_years)
    return _when_unsaid(said, text)


def _of_the_words_just_quoted(kb, report, tracker: Tracker, derivation: Optional[str], text: str, before: str):
    """A share or sum naming nothing, of what the answer before found in the report's words: the share of the
    one found the most ("这一类占总数多少" after "哪一类最多"); the sum of the items a sentence just quoted lists
    ("加起来一共多少件"), not when the question says how many ("这四类加在一起")."""
    asked = questions_before(tracker, 2) + ["", ""]
    if derivation == "ratio" and cues.asks_which_is_most(asked[0]):
        return sentence_figures.share_of_the_most(kb, report, *asked[:2])
    if derivation == "ratio" and asked[0] and answered_in_words(tracker) and cues.refers_to_before(text):
        return sentence_figures.derive_own_first(kb, report, derivation, text, asked[0], before)   # "这部分占总数多少"
    if derivation != "total" or not asked[0] or not answered_in_words(tracker) or content_nouns(text) \
            or cues.referred_count(text):
        return None
    listed = sentence_figures.total_of_each(kb, report, asked[0]) if cues.asks_each(asked[0]) else None
    return listed or sentence_figures.derive(kb, report, derivation, f"{asked[0]}，{text}", before)


def cases_asked(topic: str, recent: List[str], text: str) -> List[str]:
    """The reviews' or the lawsuits' figure whose outcomes are asked: those the words name ("有败诉的吗":
    the lawsuits), else, right after both were counted ("都维持了吗"), both."""
    family = topic.split(".")[0]
    counted = [topic] + [m for m in recent if m.startswith(CASES_BROUGHT) and m.split(".")[0] != family]
    kinds = cues.case_kinds_named(text)
    named = [m for m in counted if m.startswith(tuple(kinds))]
    if kinds:    # "有败诉的吗" after the reviews: the lawsuits; "复议和官司": each
        return named + [f"{kind}.total" for kind in kinds if not any(m.startswith(kind) for m in named)]
    return counted if any(m.split(".")[0] == family for m in recent) else [topic]


def _when_unsaid(answer: answers.Answer, text: str) -> answers.Answer:
    """"有说啥时候整改完吗": the report's words on it say no time, and the answer says so first."""
    said, quoted, _ = answer.text.partition(SOURCE_PREFIX)   # the report's words, then their sources
    if cues.asks_when(text) and not cues.asks_how_often(text) and quoted and not cues.states_a_time(said) \
            and not cues.states_a_span(said):
        answer.text = f"报告没有说明具体时间。{answer.text}"
    return answer


def figures_just_given(tracker: Tracker, question: route.Question) -> List[str]:
    """The figures the answer before gave; none when it gave the report's words ("这部分占总数比例多少"
    after a sentence is no share of a figure asked turns ago)."""
    previous = question.previous
    gave_words = previous is not None and previous.kind not in (route.Kind.STATISTIC, route.Kind.DERIVED, route.Kind.BREAKDOWN)
    return [] if gave_words else recent_metrics(tracker)


def _of_another_kind(prior: str, metrics: List[str]) -> bool:
    """None of the figures named is of the kind (requests, proactive, management…) of the one before."""
    return all(m.split(".")[0] != prior.split(".")[0] for m in metrics)


class AnswerAction(Action, ABC):
    """An action that answers: its intent proposes a route, `route.decide` settles it."""

    @abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""

    @abstractmethod
    def proposed(self, tracker: Tracker) -> route.Route:
        """The route the action's intents stand for."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        kb = knowledge_base()
        spans = cues.questions_asked_apart(tracker.latest_message.get("text") or "")
        if len(spans) > 1:
            return self.answer_apart(dispatcher, tracker, kb, spans)
        return self.answer(dispatcher, tracker, kb, *request_and_question(kb, tracker))

    def answer_apart(self, dispatcher: CollectingDispatcher, tracker: Tracker, kb, spans: List[tuple]) -> List[Dict]:
        """"财政资金信息发了多少？三公经费的有几条": each count asked, in turn, as if asked on its own."""
        text, events = tracker.latest_message.get("text") or "", []
        for number, span in enumerate(spans):
            asked = question_apart(tracker, span, [text[a:b] for a, b in spans[:number]], events)
            proposed = self.proposed(asked)
            proposed = route.STATISTIC if proposed == route.DERIVED else proposed   # counts, none computed
            clause = text[slice(*span)]
            if cues.asks_what_was_done(clause) and not cues.asks_a_count(clause):
                proposed = route.PASSAGE                # "政策解读是怎么搞的，发了多少": its words, then the count
            events += self.answer(dispatcher, asked, kb, *request_and_question(kb, asked), proposed)
        return events

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, kb, request, question: route.Question,
               proposed: Optional[route.Route] = None) -> List[Dict]:
        proposed = proposed or self.proposed(tracker)
        chosen = route.decide(question, proposed)
        answer = answer_for(chosen, question, tracker, kb, request)
        if route.law_after_all(question, proposed, chosen, record.not_in_report(answer.text)):
            chosen = route.the_laws_topic(question, proposed)      # "他们没按要求公开，找哪个部门反映": the law says
            answer = answer_for(chosen, question, tracker, kb, request)
        recorded = record.of(kb, request.report, chosen, answer, question.derivation or tracker.get_slot("derivation"))
        return reply(dispatcher, answer, chosen.label, tracker, recorded)


class ActionAnswerStatistic(AnswerAction):
    def name(self) -> Text:
        return "action_answer_statistic"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.STATISTIC


class ActionAnswerBreakdown(AnswerAction):
    def name(self) -> Text:
        return "action_answer_breakdown"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.Route(route.Kind.BREAKDOWN)


class ActionAnswerDerived(AnswerAction):
    def name(self) -> Text:
        return "action_answer_derived"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.DERIVED


class ActionAnswerReportTopic(AnswerAction):
    def name(self) -> Text:
        return "action_answer_report_topic"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.Route(route.Kind.TOPIC, latest_intent(tracker))


class ActionAnswerProcedure(AnswerAction):
    def name(self) -> Text:
        return "action_answer_procedure"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.Route(route.Kind.PROCEDURE, latest_intent(tracker)[len(PROCEDURE_PREFIX):])


class ActionFollowUp(AnswerAction):
    """"那微信公众号呢？", "2021年呢？": the previous kind of answer, with what the user just changed."""

    def name(self) -> Text:
        return "action_follow_up"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.Route.parse(tracker.get_slot("last_answer")) or route.STATISTIC


class ActionSearchFallback(AnswerAction):
    """A question NLU did not understand: the figure it names, else what the report says."""

    def name(self) -> Text:
        return "action_search_fallback"

    def proposed(self, tracker: Tracker) -> route.Route:
        return route.Route(route.Kind.SEARCH)


class ActionChitchat(AnswerAction):
    """Small talk by its intent (and "你能做什么"): the response the response selector chose, unless the
    words ask about the reports or the law ("老人和小孩的呢？" after the report's answer, "好多人申请同一个文件
    会怎样", "这个平台有什么功能" after the report's platform)."""

    def name(self) -> Text:
        return "action_chitchat"

    def proposed(self, tracker: Tracker) -> route.Route:
        previous = route.Route.parse(tracker.get_slot("last_answer"))
        return previous if previous and cues.sounds_like_a_follow_up(tracker.latest_message.get("text") or "") \
            else route.Route(route.Kind.SEARCH)

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        kb = knowledge_base()
        request, question = request_and_question(kb, tracker)
        response = small_talk_response(tracker)
        if question.asks_the_reports_or_the_law or (response in PARTING and question.previous is not None
                                                    and cues.is_a_question(question.text)):
            return self.answer(dispatcher, tracker, kb, request, question)   # "都回了吗" is no goodbye
        dispatcher.utter_message(response=response)
        return []


# Small talk that no question is: a question taken for it goes on about the answer before ("都按时回了么"
# taken for a greeting).
PARTING = ("utter_chitchat/goodbye", "utter_chitchat/thanks", "utter_greet")


OWN_RESPONSES = {"ask_capabilities": "utter_capabilities", "greet": "utter_greet"}


def small_talk_response(tracker: Tracker) -> str:
    """The response the response selector chose: Rasa names it in the intent it sends the action
    (full_retrieval_intent_name, chitchat/thanks → utter_chitchat/thanks); what the assistant can
    answer for ask_capabilities; the greeting for greet."""
    if latest_intent(tracker) in OWN_RESPONSES:
        return OWN_RESPONSES[latest_intent(tracker)]
    chosen = (tracker.latest_message.get("intent") or {}).get("full_retrieval_intent_name")
    return f"utter_{chosen}" if chosen else SMALL_TALK_UNCLEAR


class ActionExplain(Action):
    """"为什么？": where the previous answer came from, or the article behind a procedure; a count asked with
    no why in it is a question like any other ("国土资源类有几条" taken for a why)."""

    def name(self) -> Text:
        return "action_explain"

    def run(self, dispatcher, tracker, domain):
        previous, text = route.Route.parse(tracker.get_slot("last_answer")), tracker.latest_message.get("text") or ""
        if previous is None or cues.asks_a_count_not_why(text) \
                or cues.refers_to_the_rest(text) and cues.asks_why_of_an_outcome(text) or cues.asks_which_is_most(text):
            return ActionSearchFallback().run(dispatcher, tracker, domain)   # nothing before to explain, or the others'
        kb = knowledge_base()
        if previous and previous.kind is route.Kind.PROCEDURE:
            return reply(dispatcher, procedures.article_explanation(kb, previous.topic), None)
        request = requested_report(kb, tracker)
        if request.report is None:
            return reply(dispatcher, not_stored(request), None)
        metric = tracker.get_slot("metric")
        if answers.unsaid(kb, request.report, text):   # "有英文版吗": no why, a thing never mentioned
            return ActionSearchFallback().run(dispatcher, tracker, domain)
        if metric and cues.asks_what_the_cases_were(text):    # "那158件都是什么原因": what the report says of them
            return reply(dispatcher, answers.details_of(kb, request.report, metric, text), None)
        return reply(dispatcher, answers.explanation(kb, request.report, metric), None)
