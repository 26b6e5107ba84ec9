"""The lists that name intents and suggested questions, written in several places, agree: the domain,
the rules, the NLU data, the report topics' groups (actions/answers.py), the law's coarse topics
(laws.yml) and the suggested questions of the actions and the widget."""
import re
from pathlib import Path

import yaml

from actions.actions import PROCEDURE_PREFIX
from actions.answers import SUGGESTIONS, TOPIC_GROUPS
from knowledge.laws import topics

BOT = Path(__file__).resolve().parent.parent / "bot"
# Intents Rasa itself predicts or a channel sends: in a rule, never in the NLU data.
NOT_TRAINED = {"empty_input", "nlu_fallback"}
REPORT_TOPIC_ACTION = "action_answer_report_topic"
PROCEDURE_ACTION = "action_answer_procedure"
SUGGESTING_RESPONSES = ("utter_greet", "utter_capabilities")


def _yaml_files(folder: Path):
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))]


def domain_intents() -> set:
    return {i for d in _yaml_files(BOT / "domain") for i in d.get("intents", [])}


def rules() -> list:
    return yaml.safe_load((BOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]


def rule_intents(action=None) -> set:
    """The intents of every rule (or of the rules that end in `action`)."""
    found = set()
    for rule in rules():
        steps = rule["steps"]
        if action and steps[-1].get("action") != action:
            continue
        for step in steps:
            found |= {step["intent"]} if "intent" in step else {s["intent"] for s in step.get("or", [])}
    return found


def nlu_intents() -> set:
    return {e["intent"].split("/")[0] for d in _yaml_files(BOT / "data" / "nlu") for e in d.get("nlu") or []
            if "intent" in e}


def domain_payloads() -> set:
    responses = {k: v for d in _yaml_files(BOT / "domain") for k, v in (d.get("responses") or {}).items()}
    return {b["payload"] for name in SUGGESTING_RESPONSES for r in responses[name] for b in r.get("buttons", [])}


def test_every_rule_intent_is_in_the_domain_and_every_domain_intent_has_a_rule():
    assert rule_intents() - {"nlu_fallback"} == domain_intents()


def test_the_nlu_data_trains_every_domain_intent_and_no_other():
    assert nlu_intents() == domain_intents() - NOT_TRAINED


def test_the_report_topic_rule_answers_exactly_the_topic_groups():
    assert rule_intents(REPORT_TOPIC_ACTION) == set(TOPIC_GROUPS)


def test_the_procedure_intents_are_the_law_topics_marked_coarse():
    coarse = {key for key, spec in topics().items() if spec.get("coarse")}
    assert rule_intents(PROCEDURE_ACTION) == {PROCEDURE_PREFIX + key for key in coarse}


def test_suggested_questions_are_the_ones_the_domain_offers():
    """The domain's buttons (greeting, capabilities) are the source; the actions and the widget suggest
    only questions among them."""
    assert set(SUGGESTIONS) <= domain_payloads()
    widget = (BOT / "widget" / "widget.js").read_text(encoding="utf-8")
    defaults = re.search(r"suggestions: \[([^\]]*)\]", widget).group(1)
    assert set(re.findall(r'"([^"]+)"', defaults)) <= domain_payloads()
