"""Numeric facts in the report's sentences, assigned to metric keys by the catalogue.

A number counts the noun next to it: the words right after it (“21件人大代表建议”), else the words right
before it (“微信公众号发布信息1064篇”). A metric claims a number when one of its patterns names that noun
and only filler words stand between them (verbs of publishing or receiving, 共, 各类, and the metric's
generic nouns such as 信息 or 申请); any other word there means the number counts something else
(“门户网站发布政策解读132件” is interpretations, not website items; “30多个区直单位” is units). Things
named together (“人大代表建议和政协委员提案60件”) give the metric of their sum, or nothing; a share after
a total (“…1822条，占53%”) makes the number a part; zeros written in words (“未收到…申请”) are 0."""
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from knowledge.catalogue import Catalogue, MetricDef
from knowledge.parse.numerals import ARABIC_NUMBER, CN_DIGITS, CN_NUMBER, CN_UNITS, Number, to_number
from knowledge.parse.text import normalise

UNITS = ["人次", "场次", "批次", "万元", "件", "篇", "条", "场", "个", "次", "期", "份", "项", "起", "宗", "家",
         "人", "名", "元", "部", "批", "页"]
MENTION = re.compile(
    r"(?P<before>大约|将近|接近|超过|约|近|逾)?"
    rf"(?:(?<![A-Za-z0-9.\-／/])(?P<arabic>{ARABIC_NUMBER})(?P<wan>万(?!元)|亿)?"
    rf"|(?<![第几数上成{CN_DIGITS}{CN_UNITS}])(?P<cn>{CN_NUMBER}))"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>{'|'.join(UNITS)})?(?!性)(?P<after>左右|以上)?")
CLAUSE_CUT = "，；：。！？（）"
POST_CUT = CLAUSE_CUT + "、"
BRACKETED = re.compile(r"（[^（）]*）")


@dataclass
class Mention:
    value: Number
    unit: str
    start: int
    end: int
    raw: str
    marker: Optional[str] = None    # approximate, as written: 约 近 超过 余 多 左右 …

    @property
    def approximate(self) -> bool:
        return self.marker is not None


@dataclass
class ProseFact:
    metric: MetricDef
    value: Number
    unit: str
    qualifier: Optional[str]
    start: int                      # span of the clause that states it, in the sentence
    end: int
    mention: Optional[Mention] = None
    approximate: Optional[str] = None


def mentions(norm: str) -> List[Mention]:
    """Every number with a unit; 数十 and 几百 have no value and are none."""
    out = []
    for m in MENTION.finditer(norm):
        if not m.group("unit") and not m.group("wan"):
            continue                # a bare number; "粉丝突破770万" counts without a unit word
        if m.group("arabic"):
            value = to_number(m.group("arabic"))
            if value is not None and m.group("wan"):
                value = to_number(str(value * (10000 if m.group("wan") == "万" else 100000000)))
        else:
            value = to_number(m.group("cn"))
        if value is None:
            continue
        marker = m.group("before") or m.group("approx") or m.group("after")
        out.append(Mention(value, m.group("unit") or "", m.start(), m.end(), m.group(0), marker))
    return out


def _clause_start(norm: str, lower: int, position: int) -> int:
    for i in range(position - 1, lower - 1, -1):
        if norm[i] in CLAUSE_CUT:
            return i + 1
    return lower


def _cut(norm: str, position: int, upper: int, cuts: str) -> int:
    return next((i for i in range(position, upper) if norm[i] in cuts), upper)


def _matches(metric: MetricDef, text: str):
    """(tier, match) of every pattern (tier 1) and written-out synonym (tier 0) of the metric in text."""
    for tier, patterns in ((1, metric.patterns), (0, metric.synonym_patterns)):
        for pattern in patterns:
            for m in re.finditer(pattern, text):
                yield tier, m


def _scored(metric: MetricDef, context: str, anchored: bool):
    """(score, metric) when one of the metric's patterns, or else one of its synonyms written out,
    names the context (at its start when anchored); None otherwise."""
    if metric.exclude and re.search(metric.exclude, context):
        return None
    scores = [(tier, metric.priority, m.end() - m.start(), m.end())
              for tier, m in _matches(metric, context) if not anchored or m.start() == 0]
    return (max(scores), metric) if scores else None


class Reader:
    """Reads one normalised sentence: the metric, if any, that each number states."""

    def __init__(self, catalogue: Catalogue, norm: str):
        self.catalogue, self.words, self.norm = catalogue, catalogue.words, norm
        self.found = mentions(norm)
        self.ends = {m.end for m in self.found}
        self.assigned: Dict[int, Optional[MetricDef]] = {}
        self.name_ends: Dict[int, int] = {}     # where the name ends when it runs past the number (收到70件申请)
        self.name_starts: Dict[int, Optional[int]] = {}   # where the words naming each number's metric start

    def fillers(self, text: str, metric: MetricDef, across_clauses: bool = False) -> bool:
        """True when text says nothing but what the metric counts (verbs, adverbs, its generic nouns)."""
        text = BRACKETED.sub("", text).strip()
        words = self.words.fillers.pattern + (f"|{metric.nouns}" if metric.nouns else "") + ("|，" if across_clauses else "")
        return re.fullmatch(rf"(?:{words})*", text) is not None

    def metric_for(self, index: int) -> Tuple[Optional[MetricDef], Optional[int]]:
        """(metric, start of the words naming it) for the index-th number of the sentence."""
        mention = self.found[index]
        previous_end = self.found[index - 1].end if index else 0
        next_start = self.found[index + 1].start if index + 1 < len(self.found) else len(self.norm)
        clause = _clause_start(self.norm, previous_end, mention.start)
        post = self.norm[mention.end:_cut(self.norm, mention.end, next_start, POST_CUT)].strip()
        eligible = self._eligible(mention)
        found = self._named_after(eligible, mention, clause, post)
        if found is None:
            found = self._named_before(eligible, mention, clause, False, post)
        if found is None:
            found = self._named_before(eligible, mention, previous_end, True, post)
        if found is None:
            found = self._carried_topic(eligible, index, post)
        if found is None:
            found = self._shared_words(eligible, index, clause, post)
        metric, start = found or (None, None)
        self.assigned[index] = metric
        self.name_starts[index] = start
        return metric, start

    def _eligible(self, mention: Mention) -> List[MetricDef]:
        prefix = self.norm[:mention.start]
        if self.words.part_of_year.search(prefix[_clause_start(self.norm, 0, mention.start):]):
            return []
        share = self.words.share.search(self.norm[mention.end:])
        return [m for m in self.catalogue.prose_metrics if mention.unit in m.units and not (share and m.whole)
                and not (m.not_before and re.search(m.not_before, prefix))]

    # ------------------------------------------------------------------ the name after the number
    def _named_after(self, eligible, mention: Mention, clause: int, post: str):
        """“21件人大代表建议”, or across the number: “收到70件申请” (the words around it, number taken out)."""
        pre = self.norm[clause:mention.start]
        joined = pre + post
        best = None
        for metric in eligible:
            if metric.exclude and re.search(metric.exclude, joined):
                continue
            for tier, m in _matches(metric, joined):
                if m.end() <= len(pre) or self.words.other_quantities.search(joined[m.end():]):
                    continue
                after = m.start() >= len(pre)
                if after and not self.fillers(joined[len(pre):m.start()], metric):
                    continue
                score = (after, tier, metric.priority, -m.start())
                if best is None or score > best[0]:
                    best = (score, metric, m)
        if best is None:
            return None
        _, metric, m = best
        if m.start() >= len(pre):
            return self._after_together(metric, joined[m.end():]), mention.start
        self.name_ends[mention.start] = mention.end + m.end() - len(pre)
        return self._checked(metric, clause + m.start(), clause)

    def _after_together(self, metric: MetricDef, rest: str) -> Optional[MetricDef]:
        """“21件人大代表建议和政协委员提案”: a second thing named after the first."""
        joint = re.match(r"(?:以及|和|及|与)", rest)
        if not joint:
            return metric
        partners = [m for m in self.catalogue.prose_metrics
                    if any(x.start() == joint.end() for _, x in _matches(m, rest))]
        return next((c for c in (self.catalogue.combined([metric.key, p.key]) for p in partners) if c), None)

    # ------------------------------------------------------------------ the name before the number
    def _named_before(self, eligible, mention: Mention, region: int, across_clauses: bool, post: str):
        """“微博发布信息802条”: the closest name before the number with only fillers between."""
        text = self.norm[region:mention.start]
        best = None
        for metric in eligible:
            if (metric.exclude and re.search(metric.exclude, text)) or (post and not self.fillers(post, metric)):
                continue
            for tier, m in _matches(metric, text):
                gap = text[m.end():]
                if self.fillers(gap, metric, across_clauses) and not self.words.other_quantities.search(gap):
                    score = (-len(BRACKETED.sub("", gap)), tier, metric.priority, m.end() - m.start())
                    if best is None or score > best[0]:
                        best = (score, metric, m)
        if best is None:
            return None
        _, metric, m = best
        return self._checked(metric, region + m.start(), region)

    def _checked(self, metric: MetricDef, name_start: int, floor: int):
        """(metric, name start), or (None, None) when the name is the rest of a list (其他…信息) or the
        second of things named together with no metric for their sum."""
        before = self.norm[floor:name_start]
        if self.words.rest.search(before):
            return None, None
        joint = self.words.coordinators.search(before)
        left_end = floor + joint.start() if joint else floor
        if not joint or left_end == floor or left_end in self.ends or self.norm[left_end - 1] in CLAUSE_CUT:
            return metric, name_start
        left = self.norm[floor:left_end]
        partners = [m for m in self.catalogue.prose_metrics if m is not metric
                    and any(x.end() == len(left) for _, x in _matches(m, left))]
        combined = next((c for c in (self.catalogue.combined([p.key, metric.key]) for p in partners) if c), None)
        return (combined, name_start) if combined else (None, None)

    # ------------------------------------------------------------------ the topic of the clause before
    def _carried_topic(self, eligible, index: int, post: str):
        """“其中微博29个，共发布信息1992条”: what an earlier number of the sentence that counted something
        else (accounts, in another unit) was about is what this clause goes on about."""
        counted = self.assigned.get(index - 1) if index else None
        if not index or post or (counted is not None and self.found[index].unit in counted.units):
            return None
        previous, mention = self.found[index - 1], self.found[index]
        start = _clause_start(self.norm, self.found[index - 2].end if index > 1 else 0, previous.start)
        topic, gap = self.norm[start:previous.start], self.norm[previous.end:mention.start]
        for metric in eligible:
            if metric.exclude and re.search(metric.exclude, topic + gap):
                continue
            hits = [m for _, m in _matches(metric, topic) if m.end() == len(topic)]
            if hits and self.fillers(gap, metric, across_clauses=True):
                found = self._checked(metric, start + hits[0].start(), start)
                return found if found[0] else None
        return None


    # ------------------------------------------------------------------ words shared with the clause before
    def _shared_words(self, eligible, index: int, clause: int, post: str):
        """“主动公开规章13件，行政规范性文件60件”, “印发规范性文件15件，废止3件”: a clause of a list names only
        part of what it counts; the rest, the verb or the object, is that of the clause right before it,
        whose number counts another metric in the same unit."""
        if not index or post:
            return None
        previous, mention = self.found[index - 1], self.found[index]
        before, named_from = self.assigned.get(index - 1), self.name_starts.get(index - 1)
        own_from = previous.end + 1
        own = self.norm[own_from:mention.start]
        if (before is None or named_from is None or previous.unit != mention.unit or not own
                or clause > own_from or self.norm[previous.end] not in "，、；"):
            return None
        named = self.norm[named_from:previous.start]
        best = None
        for k in range(1, len(named)):
            for text, low, high in ((named[:k] + own, k, k + len(own)), (own + named[k:], 0, len(own))):
                for metric in eligible:
                    if metric is before or (metric.exclude and re.search(metric.exclude, text)):
                        continue
                    for tier, m in _matches(metric, text):
                        if m.start() < high and m.end() > low and self.fillers(text[m.end():], metric):
                            score = (tier, metric.priority, m.end() - m.start())
                            if best is None or score > best[0]:
                                best = (score, metric)
        return (best[1], own_from) if best else None


def qualifier_for(catalogue: Catalogue, norm: str, mention: Mention, metric: MetricDef) -> Optional[str]:
    """The qualifier words in the number's clause (其中, 上年结转 …), unless the metric implies them, else
    its approximate marker (约, 余 …). A “其中” that opens a bracket, or the sentence, qualifies every
    number after it."""
    clause = norm[_clause_start(norm, 0, mention.start):mention.start]
    found = next((label for label, pattern in catalogue.qualifiers if pattern.search(clause)), None)
    if found is None and (_inside_open_bracket(norm, mention.start, "其中") or re.match(r"\s*其中[，：]", norm)):
        found = "其中"
    if found is None or found == metric.implies_qualifier:
        return mention.marker
    return found


def _inside_open_bracket(norm: str, position: int, word: str) -> bool:
    opened = norm.rfind("（", 0, position)
    return opened >= 0 and norm.rfind("）", 0, position) < opened and word in norm[opened:position]


def _clause_end(norm: str, position: int) -> int:
    return _cut(norm, position, len(norm), "，；。！？）")


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
    return start, _with_its_gloss(norm, end)


GLOSS_LENGTH = 40


def _with_its_gloss(norm: str, end: int) -> int:
    """The end of a fact's words, taking in a short bracket right after them: the report's own gloss on the
    figure ("答复…805件（含上年度结转申请18件…）")."""
    if not norm.startswith("（", end):
        return end
    close = norm.find("）", end)
    return close + 1 if 0 < close - end <= GLOSS_LENGTH and "（" not in norm[end + 1:close] else end


def implied(catalogue: Catalogue, norm: str, facts: List[ProseFact], found: List[Mention]) -> List[ProseFact]:
    """Figures a statement after a count fixes: “…行政复议4件，结果均为维持” → upheld 4; with 均 (all)
    for each count of the run of counts before it (“行政复议7件，诉讼9件，均获维持”)."""
    out = []
    for pattern, mapping in catalogue.implications:
        for m in pattern.finditer(norm):
            for fact in _counts_before(norm, facts, found, m.start(), every=bool(re.search("均|全部|都", m.group()))):
                target = catalogue.metric(mapping.get(fact.metric.key, ""))
                if target:
                    out.append(ProseFact(target, fact.value, fact.unit, None, fact.start, m.end()))
    return out


def _counts_before(norm: str, facts: List[ProseFact], found: List[Mention], position: int, every: bool):
    """The fact right before position with no other number between; with every, the facts before it too
    while each number between is one of them."""
    stated = {f.mention.start: f for f in facts if f.mention}
    before = [x for x in found if x.end <= position]
    out = []
    for mention in reversed(before):
        fact = stated.get(mention.start)
        if fact is None:
            break
        out.append(fact)
        if not every:
            break
    return out


def zero_facts(catalogue: Catalogue, norm: str, found: List[Mention]) -> List[ProseFact]:
    """Counts stated as zero in words: “未收到有关政府信息公开申请” → received 0; “没有发生行政复议和
    行政诉讼” → both 0. Only in clauses without a number."""
    words, out = catalogue.words, []
    metrics = [m for m in catalogue.prose_metrics if m.zero and m.kind == "number"]
    for marker in words.zero_marker.finditer(norm):
        end = _clause_end_any(norm, marker.end())
        start = _clause_start(norm, 0, marker.start())
        if any(start <= x.start < end for x in found):
            continue
        rest = norm[marker.end():end]
        position = 0
        while True:
            hit = _zero_named(metrics, words, rest, position)
            if hit is None:
                break
            metric, m = hit
            out.append(ProseFact(metric, 0, metric.unit, None, start, end))
            joint = re.match(r"(?:以及|和|及|与|、|或)(?:被)?(?:提起|申请)?", rest[m.end():])
            if not joint:
                break
            position = m.end() + joint.end()
    return out


def _clause_end_any(norm: str, position: int) -> int:
    return _cut(norm, position, len(norm), "，；。！？")


def _zero_named(metrics: List[MetricDef], words, rest: str, position: int):
    """The metric named at position of rest (after the zero marker and its between words), if any."""
    best = None
    for metric in metrics:
        if metric.exclude and re.search(metric.exclude, rest):
            continue
        for tier, m in _matches(metric, rest):
            if m.start() < position or not words.zero_between.search(rest[position:m.start()]):
                continue
            score = (-m.start(), tier, metric.priority, m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, metric, m)
    return best[1:] if best else None


def sentence_facts(catalogue: Catalogue, sentence: str) -> Tuple[List[ProseFact], List[Tuple[Mention, Optional[str]]]]:
    """(facts, every number with its metric key or None) of one sentence."""
    norm = normalise(sentence)
    reader = Reader(catalogue, norm)
    found = reader.found
    facts, numbers = [], []
    for i, mention in enumerate(found):
        previous_end = found[i - 1].end if i else 0
        next_start = found[i + 1].start if i + 1 < len(found) else len(norm)
        metric, start = reader.metric_for(i)
        numbers.append((mention, metric.key if metric else None))
        if metric:
            start, end = _fact_span(norm, mention, start, previous_end, next_start)
            end = max(end, reader.name_ends.get(mention.start, end))
            facts.append(ProseFact(metric, mention.value, mention.unit, qualifier_for(catalogue, norm, mention, metric),
                                   start, end, mention, mention.marker))
    facts += implied(catalogue, norm, facts, found)
    facts += zero_facts(catalogue, norm, found)
    return facts, numbers


ASKED_COUNT = re.compile(rf"(?:多少|几)(?P<unit>{'|'.join(UNITS)})?")


def metrics_a_question_asks(catalogue: Catalogue, question: str) -> List[str]:
    """The metrics a question's 多少/几 would be read as in the sentence that answers it ("主动公开了多少条信息"
    read as "主动公开了1条信息" or "主动公开信息1条": the proactive items), by the same reading as the report's
    sentences; each unit the metrics count in stands in for a count asked without one."""
    norm = normalise(question)
    counted = [u for u in UNITS if any(u in m.units for m in catalogue.prose_metrics)]
    keys: List[str] = []
    for asked in ASKED_COUNT.finditer(norm):
        for unit in [asked.group("unit")] if asked.group("unit") else counted:
            for sentence, at in _answering_sentences(norm, asked, unit):
                reader = Reader(catalogue, sentence)
                index = next((i for i, m in enumerate(reader.found) if m.start == at), None)
                metric = reader.metric_for(index)[0] if index is not None else None
                if metric is not None and metric.key not in keys:
                    keys.append(metric.key)
    return keys


_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]+?(?=[呢吗啊呀]*(?:$|[，,。？?！!；;]))")


def _answering_sentences(norm: str, asked: re.Match, unit: str) -> List[Tuple[str, int]]:
    """The sentences answering a count, with where the number stands: as asked ("公布了1条政府信息"), and, when
    a noun follows the unit asked, with the count after the noun as reports also write it ("公布政府信息1条")."""
    before, after = norm[:asked.start()], norm[asked.end():]
    sentences = [(f"{before}1{unit}{after}", asked.start())]
    noun = _COUNTED_NOUN.match(after) if asked.group("unit") else None
    if noun:
        head = f"{before.removesuffix('了')}{noun.group(0)}"
        sentences.append((f"{head}1{unit}{after[noun.end():]}", len(head)))
    return sentences
