"""Thin rasa-sdk actions: read the question from the tracker, ask answers/procedures/search, reply."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, procedures, search
from actions.context import (asks_for_a_count, entity_values, latest_intent, names_a_remedy, refers_back,
                             requested_metrics, requested_report)
from actions.knowledge_base import knowledge_base

PROCEDURE_PREFIX = "procedure_"
ASK_WHICH_METRIC = "请问您想了解哪项数据？例如收到的申请数、予以公开的件数、微博或微信公众号发布的信息数。"


RECENT_METRICS = 2


def recent_metrics(tracker: Tracker) -> List[str]:
    return tracker.get_slot("recent_metrics") or []


def reply(dispatcher: CollectingDispatcher, answer: answers.Answer, last_answer: Optional[str],
          tracker: Optional[Tracker] = None) -> List[Dict]:
    dispatcher.utter_message(text=answer.text, buttons=answer.buttons or None)
    events = [SlotSet("last_answer", last_answer)] if last_answer else []
    events += [SlotSet(slot, None) for slot in answer.forget]
    events += [SlotSet(slot, value) for slot, value in answer.slots.items()]
    if answer.metric:
        events.append(SlotSet("metric", answer.metric))
        earlier = recent_metrics(tracker) if tracker else []
        recent = [answer.metric] + [m for m in earlier if m != answer.metric]
        events.append(SlotSet("recent_metrics", recent[:RECENT_METRICS]))
    return events


def routed_kind(kind: str, tracker: Tracker) -> str:
    """The kind of answer the question really asks for, when its wording overrides the intent."""
    named_derivation, named_metrics = entity_values(tracker, "derivation"), entity_values(tracker, "metric")
    if kind in ("statistic", "breakdown") and named_derivation and len(named_metrics) != 1:
        return "derived"  # "微博和微信一共发了多少" is a sum, not two figures
    if kind == "breakdown" and len(named_metrics) == 1:
        return "statistic"  # one outcome named: its figure, or that the report doesn't give it
    if kind.startswith("topic:") and named_derivation and len(named_metrics) > 1:
        return "derived"  # "微博和微信公众号总共发布了多少" adds up two figures of the topic
    if kind.startswith(("procedure:", "topic:")) and asks_for_a_count(tracker):
        return "statistic"
    if kind == "procedure:deadlines" and names_a_remedy(tracker):
        return "procedure:remedies"
    return kind


def answer_for(kind: str, tracker: Tracker) -> Optional[answers.Answer]:
    """The answer of a given (already routed) kind to the question in the tracker; None if a kind is unknown."""
    kb = knowledge_base()
    if kind.startswith("procedure:"):
        return procedures.procedure(kb, kind.split(":", 1)[1])
    request = requested_report(kb, tracker)
    if request.report is None:
        return answers.Answer(request.missing, forget=["year", "body"])
    answer = report_answer(kb, request.report, kind, tracker)
    if answer is not None:
        answer.slots.update(body=request.report.body, year=str(request.report.year))
    return answer


def report_answer(kb, report, kind: str, tracker: Tracker) -> Optional[answers.Answer]:
    metrics = requested_metrics(tracker)
    if kind == "statistic":
        return answers.statistic(kb, report, metrics) if metrics else answers.Answer(ASK_WHICH_METRIC)
    if kind == "breakdown":
        return answers.breakdown(kb, report)
    if kind == "derived":
        named_metrics = entity_values(tracker, "metric")
        derivation = (entity_values(tracker, "derivation") or [tracker.get_slot("derivation")])[0]
        if not named_metrics and refers_back(tracker):
            named_metrics = list(reversed(recent_metrics(tracker)))
        return answers.derived(kb, report, derivation, named_metrics, recent_metrics(tracker))
    if kind.startswith("topic:"):
        return answers.topic(kb, report, kind.split(":", 1)[1])
    return None


class AnswerAction(Action, ABC):
    kind = ""

    @abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""

    def kind_for(self, tracker: Tracker) -> str:
        return self.kind

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        kind = routed_kind(self.kind_for(tracker), tracker)
        return reply(dispatcher, answer_for(kind, tracker), kind, tracker)


class ActionAnswerStatistic(AnswerAction):
    kind = "statistic"

    def name(self) -> Text:
        return "action_answer_statistic"


class ActionAnswerBreakdown(AnswerAction):
    kind = "breakdown"

    def name(self) -> Text:
        return "action_answer_breakdown"

    def kind_for(self, tracker: Tracker) -> str:
        """"结果咋样" right after the review and litigation answer asks for their outcomes."""
        previous = tracker.get_slot("last_answer")
        if previous == "topic:ask_review_litigation" and not entity_values(tracker, "metric"):
            return previous
        return self.kind


class ActionAnswerDerived(AnswerAction):
    kind = "derived"

    def name(self) -> Text:
        return "action_answer_derived"


class ActionAnswerReportTopic(AnswerAction):
    def name(self) -> Text:
        return "action_answer_report_topic"

    def kind_for(self, tracker: Tracker) -> str:
        return f"topic:{latest_intent(tracker)}"


class ActionAnswerProcedure(AnswerAction):
    def name(self) -> Text:
        return "action_answer_procedure"

    def kind_for(self, tracker: Tracker) -> str:
        return f"procedure:{latest_intent(tracker)[len(PROCEDURE_PREFIX):]}"


class ActionFollowUp(Action):
    """"那微信公众号呢？", "2021年呢？": the previous kind of answer, with what the user just changed."""

    def name(self) -> Text:
        return "action_follow_up"

    def run(self, dispatcher, tracker, domain):
        kind = tracker.get_slot("last_answer") or "statistic"
        named = entity_values(tracker, "metric")
        share_of_new_part = kind == "derived" and tracker.get_slot("derivation") == "ratio" \
            and all(m in answers.PART_OF for m in named)
        if named and not share_of_new_part:
            kind = "statistic"
        kind = routed_kind(kind, tracker)
        answer = answer_for(kind, tracker)
        if answer is None:
            answer = search.best_passage(knowledge_base(), tracker.latest_message.get("text") or "")
        return reply(dispatcher, answer, kind, tracker)


class ActionExplain(Action):
    """"为什么？": where the previous answer came from, or the article behind a procedure."""

    def name(self) -> Text:
        return "action_explain"

    def run(self, dispatcher, tracker, domain):
        kb = knowledge_base()
        kind = tracker.get_slot("last_answer") or ""
        if kind.startswith("procedure:"):
            return reply(dispatcher, procedures.article_explanation(kb, kind.split(":", 1)[1]), None)
        request = requested_report(kb, tracker)
        if request.report is None:
            return reply(dispatcher, answers.Answer(request.missing, forget=["year", "body"]), None)
        return reply(dispatcher, answers.explanation(kb, request.report, tracker.get_slot("metric")), None)


class ActionSearchFallback(Action):
    def name(self) -> Text:
        return "action_search_fallback"

    def run(self, dispatcher, tracker, domain):
        if entity_values(tracker, "metric"):  # a figure was named even if the question was not understood
            kind = routed_kind("statistic", tracker)
            return reply(dispatcher, answer_for(kind, tracker), kind, tracker)
        text = tracker.latest_message.get("text") or ""
        return reply(dispatcher, search.best_passage(knowledge_base(), text), "search")
