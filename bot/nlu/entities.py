"""Entity extraction from the lookup tables and synonyms generated from the metric catalogue.

Rasa's RegexEntityExtractor returns every overlapping lookup match; a Chinese question such as
"其中予以公开的占比" needs the longest non-overlapping matches ("予以公开", not "公开"), mapped to
catalogue keys. Years are read from digits or Chinese numerals ("二〇二一年").
"""
import json
import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

LOOKUP_FILE = "lookups.json"
PATTERN_FILE = "patterns.json"
_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})\s*年?"
                   r"|(?<![\d.])([12]\d)年(?!代|以|内|后|前)")
# "结转到2023年继续办理" names when work continues, not the report asked about.
_NOT_THE_REPORT_YEAR = re.compile(r"(?:到|至|往|留|转)\s*$")


def find_years(text: str) -> List[Tuple[int, int, int]]:
    """(start, end, year) for each report year written in digits, Chinese numerals or two digits (22年)."""
    found = []
    for match in _YEAR.finditer(text):
        if _NOT_THE_REPORT_YEAR.search(text[max(0, match.start() - 2):match.start()]):
            continue
        if match.group(1):
            year = int("".join(_CN_DIGITS.get(c, c) for c in match.group(1)))
        else:
            year = 2000 + int(match.group(2))
        found.append((match.start(), match.end(), year))
    return found


def _exact(text: str, phrase: str) -> List[Tuple[int, int]]:
    spans, start = [], text.find(phrase)
    while start != -1:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def _gapped(text: str, phrase: str) -> List[Tuple[int, int]]:
    """Spans where the phrase's characters occur in order with a few words between them
    ("收到多少政府信息公开申请" holds "收到申请")."""
    spans = []
    for start in (i for i, c in enumerate(text) if c == phrase[0]):
        if text.startswith("没", start) and text[max(0, start - 1):start] == "有":
            continue                    # "有没有人申请…公开": a question's 有没有, not the phrase's negation
        position, limit = start, start + len(phrase) + MAX_GAP
        for char in phrase[1:]:
            position = text.find(char, position + 1, limit)
            if position == -1:
                break
        else:
            spans.append((start, position + 1))
    return spans


MIN_GAPPED_PHRASE = 4
MAX_GAP = 8


def longest_matches(text: str, phrases: Dict[str, Tuple[str, str]]) -> List[Tuple[int, int, str, str]]:
    """Non-overlapping (start, end, entity, value) for the best phrases found in text: exact
    matches before gapped ones, longer phrases before shorter ones.

    `phrases` maps a lower-cased phrase to (entity type, value)."""
    lowered = text.lower()
    candidates = []
    for phrase, (entity, value) in phrases.items():
        for start, end in _exact(lowered, phrase):
            candidates.append((0, -len(phrase), start, end, entity, value))
    exact_entities = {c[4] for c in candidates}
    for phrase, (entity, value) in phrases.items():
        # Gapped matches only stand in for an entity type nothing matched exactly.
        if len(phrase) >= MIN_GAPPED_PHRASE and entity not in exact_entities:
            for start, end in _gapped(lowered, phrase):
                candidates.append((1, -len(phrase), start, end, entity, value))
    candidates.sort(key=lambda c: (c[0], c[1], c[3] - c[2], c[2]))
    taken: List[Tuple[int, int, str, str]] = []
    for *_, start, end, entity, value in candidates:
        if all(end <= t[0] or start >= t[1] for t in taken):
            taken.append((start, end, entity, value))
    return sorted(taken)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class CatalogueEntityExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"entities": ["metric", "body", "derivation"]}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 phrases: Optional[Dict[str, Tuple[str, str]]] = None,
                 patterns: Optional[List[Tuple[str, str]]] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._phrases = phrases or {}
        self._patterns = [(entity, re.compile(pattern)) for entity, pattern in patterns or []]

    @classmethod
    def create(cls, config, model_storage, resource, execution_context: ExecutionContext):
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        synonyms = {k.lower(): v for k, v in training_data.entity_synonyms.items()}
        phrases: Dict[str, Tuple[str, str]] = {}
        for table in training_data.lookup_tables:
            if table["name"] not in self._config["entities"]:
                continue
            for element in table["elements"]:
                phrase = element.strip().lower()
                if phrase:
                    phrases[phrase] = (table["name"], synonyms.get(phrase, element.strip()))
        patterns = [(r["name"], r["pattern"]) for r in training_data.regex_features
                     if r["name"] in self._config["entities"]]
        self._phrases = phrases
        self._patterns = [(entity, re.compile(pattern)) for entity, pattern in patterns]
        with self._model_storage.write_to(self._resource) as directory:
            (directory / LOOKUP_FILE).write_text(json.dumps(phrases, ensure_ascii=False, sort_keys=True))
            (directory / PATTERN_FILE).write_text(json.dumps(patterns, ensure_ascii=False))
        return self._resource

    @classmethod
    def load(cls, config, model_storage, resource, execution_context, **kwargs):
        try:
            with model_storage.read_from(resource) as directory:
                phrases = json.loads((directory / LOOKUP_FILE).read_text())
                patterns = json.loads((directory / PATTERN_FILE).read_text())
        except (ValueError, FileNotFoundError):
            phrases, patterns = {}, []
        return cls(config, model_storage, resource, {k: tuple(v) for k, v in phrases.items()}, patterns)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = [self._entity(text, s, e, "year", year) for s, e, year in find_years(text)]
            for start, end, entity, value in longest_matches(text, self._phrases) + self._pattern_matches(text):
                if not any(start < f["end"] and end > f["start"] for f in found):
                    found.append(self._entity(text, start, end, entity, value))
            found.sort(key=lambda e: e["start"])
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found), add_to_output=True)
        return messages

    def _pattern_matches(self, text: str) -> List[Tuple[int, int, str, str]]:
        """Names the lookup tables don't know, such as a body whose report is not stored."""
        return [(m.start(), m.end(), entity, m.group(0)) for entity, pattern in self._patterns
                for m in pattern.finditer(text)]

    @staticmethod
    def _entity(text: str, start: int, end: int, entity: str, value: Any) -> Dict[str, Any]:
        return {"entity": entity, "start": start, "end": end, "value": value,
                "text": text[start:end], "confidence_entity": 1.0}
