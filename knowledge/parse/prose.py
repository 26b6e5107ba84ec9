"""Numeric facts in the report's sentences, assigned to metric keys by the catalogue's patterns.

For each number with a unit, the words naming it are looked for right after it (“21件人大代表建议”)
and else before it, first in its own clause, then back to the previous number of the sentence."""
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from knowledge.catalogue import Catalogue, MetricDef
from knowledge.parse.numerals import ARABIC_NUMBER, CN_NUMBER, Number, to_number
from knowledge.parse.text import normalise

UNITS = ["人次", "场次", "万元", "件", "篇", "条", "场", "个", "次", "期", "份", "项", "起", "宗", "家",
         "人", "名", "元", "部", "批", "页"]
MENTION = re.compile(
    rf"(?:(?<![A-Za-z0-9.\-／/])(?P<arabic>{ARABIC_NUMBER})(?P<wan>万|亿)?"
    rf"|(?<![第几])(?P<cn>{CN_NUMBER}))"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>{'|'.join(UNITS)})(?!性)")
CLAUSE_CUT = "，；：。！？（）"


@dataclass
class Mention:
    value: Number
    unit: str
    start: int
    end: int
    raw: str
    approximate: bool


@dataclass
class ProseFact:
    metric: MetricDef
    value: Number
    unit: str
    qualifier: Optional[str]
    start: int                      # span of the clause that states it, in the sentence
    end: int
    mention: Optional[Mention] = None


def mentions(norm: str) -> List[Mention]:
    out = []
    for m in MENTION.finditer(norm):
        if m.group("arabic"):
            value = to_number(m.group("arabic"))
            if value is not None and m.group("wan"):
                value = to_number(str(value * (10000 if m.group("wan") == "万" else 100000000)))
        else:
            value = to_number(m.group("cn"))
        if value is None:
            continue
        out.append(Mention(value, m.group("unit"), m.start(), m.end(), m.group(0), bool(m.group("approx"))))
    return out


def _clause_start(norm: str, lower: int, position: int) -> int:
    for i in range(position - 1, lower - 1, -1):
        if norm[i] in CLAUSE_CUT:
            return i + 1
    return lower


def _best(candidates: List[Tuple[Tuple, MetricDef]]) -> Optional[MetricDef]:
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _scored(metric: MetricDef, context: str, anchored: bool):
    """(score, metric) when one of the metric's patterns, or else one of its synonyms written out,
    names the context; None otherwise."""
    if metric.exclude and re.search(metric.exclude, context):
        return None
    best = None
    for tier, patterns in ((1, metric.patterns), (0, metric.synonym_patterns)):
        for pattern in patterns:
            for m in re.finditer(pattern, context):
                if anchored and m.start() != 0:
                    continue
                score = (tier, metric.priority, m.end() - m.start(), m.end())
                best = max(best, score) if best else score
    return (best, metric) if best else None


def _match(catalogue: Catalogue, context: str, unit: str, anchored: bool) -> Optional[MetricDef]:
    scored = [s for s in (_scored(m, context, anchored) for m in catalogue.prose_metrics if unit in m.units) if s]
    return _best(scored)


def metric_for(catalogue: Catalogue, norm: str, mention: Mention, previous_end: int, next_start: int):
    """(metric, start of the naming words) for one number."""
    after = norm[mention.end:next_start]
    metric = _match(catalogue, after, mention.unit, anchored=True)
    if metric:
        return metric, mention.start
    clause = _clause_start(norm, previous_end, mention.start)
    for start in (clause, previous_end):
        metric = _match(catalogue, norm[start:mention.start], mention.unit, anchored=False)
        if metric:
            return metric, start
    return None, None


def qualifier_for(catalogue: Catalogue, norm: str, mention: Mention, metric: MetricDef) -> Optional[str]:
    """The qualifier words in the number's clause (其中, 上年结转, 约 …), unless the metric implies them.
    A “其中” that opens a bracket qualifies every number inside it."""
    clause = norm[_clause_start(norm, 0, mention.start):mention.start]
    found = next((label for label, pattern in catalogue.qualifiers if pattern.search(clause)), None)
    if found is None and _inside_open_bracket(norm, mention.start, "其中"):
        found = "其中"
    if found is None and mention.approximate:
        found = "约"
    return None if found == metric.implies_qualifier else found


def _inside_open_bracket(norm: str, position: int, word: str) -> bool:
    opened = norm.rfind("（", 0, position)
    return opened >= 0 and norm.rfind("）", 0, position) < opened and word in norm[opened:position]


def _clause_end(norm: str, position: int) -> int:
    for i in range(position, len(norm)):
        if norm[i] in "，；。！？）":
            return i
    return len(norm)


def _fact_span(norm: str, mention: Mention, naming_start: int, previous_end: int, next_start: int):
    """The words that state the fact: the number and what it counts, without leading separators."""
    if naming_start == mention.start:
        start, end = mention.start, min(_clause_end(norm, mention.end), next_start)
    else:
        start, end = min(naming_start, _clause_start(norm, previous_end, mention.start)), mention.end
    while start < end and norm[start] in "、，；：（ ":
        start += 1
    while end > start and norm[end - 1] in "、，；： ":
        end -= 1
    return start, end


def implied(catalogue: Catalogue, norm: str, facts: List[ProseFact], found: List[Mention]) -> List[ProseFact]:
    """Figures a statement after a count fixes: “…行政复议4件，结果均为维持” → upheld 4."""
    out = []
    for pattern, mapping in catalogue.implications:
        for m in pattern.finditer(norm):
            before = [f for f in facts if f.mention and f.mention.end <= m.start()]
            if not before:
                continue
            last = max(before, key=lambda f: f.mention.end)
            between = [x for x in found if last.mention.end <= x.start < m.start()]
            target = catalogue.metric(mapping.get(last.metric.key, "")) if not between else None
            if target:
                out.append(ProseFact(target, last.value, last.unit, None, last.start, m.end()))
    return out


def sentence_facts(catalogue: Catalogue, sentence: str) -> Tuple[List[ProseFact], List[Tuple[Mention, Optional[str]]]]:
    """(facts, every number with its metric key or None) of one sentence."""
    norm = normalise(sentence)
    found = mentions(norm)
    facts, numbers = [], []
    for i, mention in enumerate(found):
        previous_end = found[i - 1].end if i else 0
        next_start = found[i + 1].start if i + 1 < len(found) else len(norm)
        metric, start = metric_for(catalogue, norm, mention, previous_end, next_start)
        numbers.append((mention, metric.key if metric else None))
        if metric:
            start, end = _fact_span(norm, mention, start, previous_end, next_start)
            facts.append(ProseFact(metric, mention.value, mention.unit,
                                   qualifier_for(catalogue, norm, mention, metric), start, end, mention))
    facts += implied(catalogue, norm, facts, found)
    return facts, numbers
