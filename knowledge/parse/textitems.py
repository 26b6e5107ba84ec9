"""Qualitative items (kind text): their text is a sentence, paragraph or section of the report, found
by the catalogue's `extract` rules."""
import re
from dataclasses import dataclass
from typing import List, Optional

from knowledge.catalogue import MetricDef
from knowledge.parse.structure import Document
from knowledge.parse.text import normalise


@dataclass
class TextFact:
    metric: MetricDef
    text: str
    part: int
    sub: Optional[int]
    sentence: Optional[str]          # the exact sentence, when the item is (within) one sentence


def _in_part(doc: Document, rule: dict, part: int) -> bool:
    """The rule's part by number (the national format), or by its title (older reports number parts
    their own way: 平潭2016's problems are its part 六)."""
    if "part_title" in rule:
        heading = doc.section(part)
        return heading is not None and re.search(rule["part_title"], heading.title or "") is not None
    return "part" not in rule or rule["part"] == part


def _sentence(doc: Document, rule: dict, metric: MetricDef) -> Optional[TextFact]:
    for s in doc.sentences:
        norm = normalise(s.text)
        if not _in_part(doc, rule, s.part) or not re.search(rule["match"], norm):
            continue
        text = s.text
        if rule.get("capture"):
            m = re.search(rule["capture"], norm)
            if not m:
                continue
            text = s.text[m.start("text"):m.end("text")]
        return TextFact(metric, text, s.part, s.sub, s.text)
    return None


def _paragraphs(doc: Document, rule: dict, metric: MetricDef, first_only: bool) -> Optional[TextFact]:
    chosen = [p for p in doc.paragraphs if _in_part(doc, rule, p.part) and re.search(rule["match"], normalise(p.text))]
    if not chosen:
        return None
    if first_only:
        chosen = chosen[:1]
    subs = {p.sub for p in chosen}
    return TextFact(metric, "\n".join(p.text for p in chosen), chosen[0].part,
                    subs.pop() if len(subs) == 1 else None, None)


def _marker_index(sentences, marker: str) -> Optional[int]:
    return next((i for i, s in enumerate(sentences) if re.search(marker, normalise(s.text))), None)


def _around_marker(doc: Document, rule: dict, metric: MetricDef, before: bool) -> Optional[TextFact]:
    """The part's sentences before the first one matching `marker`, or from it on."""
    sentences = [s for s in doc.sentences if _in_part(doc, rule, s.part)]
    index = _marker_index(sentences, rule["marker"])
    if index is None:
        return None
    chosen = sentences[:index] if before else sentences[index:]
    if not chosen:
        return None
    return TextFact(metric, _joined(chosen, doc), chosen[0].part, None, None)


def _joined(sentences, doc: Document) -> str:
    """Sentences joined as written: within a paragraph directly, between paragraphs by a newline; a
    subsection's heading before its first sentence ("（一）继续强化信息公开责任。" states the measure)."""
    out, last = "", None
    for s in sentences:
        key = (s.part, s.sub, s.paragraph)
        heading = doc.section(s.part, s.sub) if s.sub and (last is None or last[:2] != key[:2]) else None
        if heading is not None and heading.title:
            out += ("" if last is None else "\n") + heading.label + heading.title
            last = (s.part, s.sub, None)
        out += ("" if last in (None, key) else "\n") + s.text
        last = key
    return out


def _paragraphs_after(doc: Document, rule: dict, metric: MetricDef) -> Optional[TextFact]:
    """Enumerated paragraphs (一是… 二是…) after the paragraph holding the `marker` sentence."""
    paragraphs = [p for p in doc.paragraphs if _in_part(doc, rule, p.part)]
    start = next((i for i, p in enumerate(paragraphs) if re.search(rule["marker"], normalise(p.text))), None)
    if start is None:
        return None
    chosen = [p for p in paragraphs[start + 1:] if re.search(rule["match"], normalise(p.text))]
    if not chosen:
        return None
    return TextFact(metric, "\n".join(p.text for p in chosen), chosen[0].part, None, None)


def _section(doc: Document, rule: dict, metric: MetricDef) -> Optional[TextFact]:
    for section in doc.sections:
        if section.sub and _in_part(doc, rule, section.part) and re.search(rule["title"], section.title) and section.paragraphs:
            return TextFact(metric, section.text, section.part, section.sub, None)
    return None


def extract(doc: Document, metric: MetricDef) -> Optional[TextFact]:
    for rule in metric.extract:
        scope = rule.get("scope", "sentence")
        if scope == "sentence":
            found = _sentence(doc, rule, metric)
        elif scope in ("paragraph", "paragraphs"):
            found = _paragraphs(doc, rule, metric, scope == "paragraph")
        elif scope in ("sentences_before", "sentences_from"):
            found = _around_marker(doc, rule, metric, scope == "sentences_before")
        elif scope == "paragraphs_after":
            found = _paragraphs_after(doc, rule, metric)
        else:
            found = _section(doc, rule, metric)
        if found:
            return found
    return None


def text_facts(doc: Document, metrics: List[MetricDef]) -> List[TextFact]:
    return [f for f in (extract(doc, m) for m in metrics if m.extract) if f]
