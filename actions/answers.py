"""Answers about a stored report, computed from the knowledge base. Pure functions of (kb, report, …)."""
import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence

from actions import cues, sentence_figures
from actions.phrasing import (REPORT_STATES, REPORT_WRITES, SOURCE_PREFIX, conflict_note, fact_line, fact_sentence, fact_value, number, percent, quote,
                              report_name, stored_reports_line, with_sources)
from knowledge.api import SUM_QUALIFIER
from knowledge.bodies import name_forms
from knowledge.models import part_label
from knowledge.rank import content_nouns, content_verbs, holds, noun_counted, one_character_verbs

# Outcomes of 表三 三、本年度办理结果, in the order of the national format.
RESULT_KEYS = ("requests.granted", "requests.partly_granted", "requests.withheld",
               "requests.cannot_provide", "requests.not_held", "requests.not_processed",
               "requests.otherwise_handled")
# The whole that each part is a share of, for 比例 questions.
PART_OF = {**{key: "requests.completed" for key in RESULT_KEYS},
           "proactive.disclosure_column_items": "proactive.website_items",
           "review.upheld": "review.total", "review.corrected": "review.total",
           "litigation.after_review.pending": "litigation.after_review.total",
           "litigation.direct.pending": "litigation.direct.total"}
DEFAULT_RATIO = "requests.granted"
WORKLOAD = ("requests.received", "requests.carried_over_in")   # the requests a body had to handle
DEFAULT_CHANGE = "requests.received"
# Catalogue groups, or single metric keys, that answer each report topic.
TOPIC_GROUPS = {
    "ask_review_litigation": ["review", "litigation"],
    "ask_channels": ["platform.channels", "platform", "proactive.website_items", "proactive.disclosure_column_items",
                     "proactive.weibo_posts", "proactive.wechat_posts"],
    "ask_interpretation": ["interpretation"],
    "ask_measures": ["management", "supervision"],
    "ask_key_areas": ["proactive.key_areas", "proactive.npc_suggestions_answered",
                      "proactive.cppcc_proposals_answered"],
    "ask_problems": ["problems"],
    "ask_improvements": ["improvements"],
    "ask_report_info": ["report"],
    "ask_fee_charged": ["other"],
}


# Offered when nothing answers the question: among the domain's suggested questions (the buttons of utter_greet
# and utter_capabilities in bot/domain/conversation.yml; tests/test_intents_agree.py checks).
SUGGESTIONS = ["收到多少政府信息公开申请？", "申请的办理结果怎样？", "怎么申请政府信息公开？", "申请政府信息公开要收费吗？"]


def suggestion_buttons() -> List[Dict[str, str]]:
    return [{"title": q, "payload": q} for q in SUGGESTIONS]


@dataclass
class Answer:
    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    metric: Optional[str] = None
    metrics: List[str] = field(default_factory=list)  # every figure the answer states, when several
    forget: List[str] = field(default_factory=list)  # slots that must not carry on to the next question
    slots: Dict[str, object] = field(default_factory=dict)  # slots to set: the report the answer is about
    summed: List[str] = field(default_factory=list)  # the figures a sum added up ("这些占多少" next is of their sum)


def _names_any(kb, keys: Sequence[str], question: str) -> bool:
    """Whether the question holds the name or a synonym of any of the figures (not only NLU's guess)."""
    return any(w in question for m in filter(None, map(kb.metric, keys)) for w in (m.name, *m.synonyms) if len(w) >= 2)


def _number_fact(kb, report, key: str):
    """The stated figure of a metric, or None when the report gives none or only words."""
    fact = kb.fact(key, report.id)
    return fact if fact is not None and fact.value is not None else None


def _stated_or_summed(kb, report, key: str):
    """The stated figure, else, for a 表三 总计 cell left blank, the sum of its row's applicant cells (said so)."""
    fact = _number_fact(kb, report, key)
    summed = kb.row_sum(kb.cell_of(key) or key, report.id) if fact is None else None
    if not summed:
        return fact
    total, cells = summed
    row = (cells[0].cell or "").rsplit(" / ", 1)[0]
    return replace(cells[0], metric_key=key, value=total, metric_name=f"{_name(kb, key).replace('（总计）', '')}（各类申请人相加）",
                   cell=f"{row} / " + "、".join((c.cell or "").rsplit(" / ", 1)[-1] for c in cells))


def _facts(kb, report, keys: Sequence[str]):
    return [f for f in (kb.fact(k, report.id) for k in keys) if f is not None]


def _not_mentioned(kb, report, key: str) -> str:
    metric = kb.metric(key)
    name = metric.name if metric else key
    state = kb.cell_state(key, report.id)
    if state == "blank":
        return f"{report_name(report)}的年度报告表格里“{name}”一栏是空白的，没有填写数字，报告也没有提到它。"
    if state == "unreadable":
        printed = kb.unreadable_run(key, report.id)
        return (f"{report_name(report)}的年度报告表格里“{name}”这一行的数字连在一起"
                + (f"（原文印作“{printed}”）" if printed else "") + "，有几种读法，无法确定，所以我不给出这个数字。")
    return f"{report_name(report)}的年度报告没有提到“{name}”的数字。"


def unsaid(kb, report, question: str) -> List[str]:
    """The nouns of a question asking whether there is something, when the report uses none of them ("有抖音号吗"):
    it does not mention them, whatever else it says on the topic."""
    if not cues.asks_existence(question):
        return []
    named = "".join(name_forms(report.body))
    nouns = [w for w in content_nouns(question) if not holds(named, w)]
    unused = kb.words_unused(nouns, report.id)
    if not unused or len(unused) < len(nouns):
        return []
    vocabulary = kb.figure_words(report.id)
    return [] if any(w in vocabulary for w in unused) else unused


def unexplained(kb, report, question: str, facts=(), passages=(), words: Sequence[str] = ()) -> List[str]:
    """Nouns of the question (or the words given) that neither the figures' names nor their sentences hold
    ("微博里原创的有多少条": 原创) — the figures may then not be what is asked."""
    known = "".join(name_forms(report.body)) + "".join(
        f"{f.metric_name}{''.join(kb.metric(f.metric_key).synonyms if kb.metric(f.metric_key) else ())}"
        f"{f.sentence or ''}{f.clause or ''}{f.cell or ''}{f.text or ''}{''.join(kb.words_of_the_parts(f.metric_key))}"
        for f in facts)
    known += "".join(p.text for p in passages)
    words = words or content_nouns(question) + noun_counted(question)
    return [w for w in dict.fromkeys(words) if not holds(known, w)]


# A name a report gives an organisation: quoted or in a title (“…”公司, 《…》), or a registered form.
_NAMED = r"(?:[”》」]|有限|股份|集团)"


def _names(text: str, kind: str) -> bool:
    """Whether the text names an organisation of the kind asked ("第三方评估公司" names none)."""
    return re.search(_NAMED + r"[\u4e00-\u9fff]{0,4}" + re.escape(kind), text) is not None


def _part_beside(kb, fact, question: str) -> List[str]:
    """"国土资源城乡建设那一类多少条": a part the figure's sentence lists beside it, named by the question
    and not by the figure — the clauses that hold it, quoted."""
    metric = kb.metric(fact.metric_key)
    named = f"{fact.metric_name}{''.join(metric.synonyms if metric else ())}{fact.clause or ''}{fact.report_title}"
    sentence = fact.sentence or ""
    parts = [w for w in content_nouns(question) if holds(sentence, w) and not holds(named, w)]
    excerpt = quote(sentence, PASSAGE_LIMIT // 2, "".join(parts)) if parts else ""
    others = set(re.findall(r"\d+(?:\.\d+)?", excerpt)) - {number(fact.value)}
    return ["其中，报告写明：" + excerpt] if others and excerpt.strip("“”") != sentence else []


def _row_beside(kb, report, fact, question: str) -> tuple:
    """"政府集中采购花了多少钱": a 表二 row named without a column is told whole (its items and their amount);
    its items counted as last year's and this year's change are summed into this year's items."""
    row, _, column = fact.metric_key.rpartition(".")
    named = kb.cell_named(question, report.id) if question and row.startswith("table2.") else None
    if named is None or named.column_named:
        return [], []
    others = [f for f in (kb.fact(key, report.id) for key in kb.row_cells(row))
              if f is not None and f.metric_key != fact.metric_key]
    change = next((f for f in others if f.metric_key.endswith(".change")), None)
    if column == "prior_items" and change is not None:
        total = fact.value + change.value
        return [change], [f"本年增/减{number(change.value)}{change.unit or ''}，本年项目数量即{number(fact.value)}"
                          f"{'+' if change.value >= 0 else '-'}{number(abs(change.value))}={number(total)}"
                          f"{fact.unit or ''}（由本助手相加）。"]
    return others, ["这一行还写明：" + "，".join(f"{_column_of(f)}{fact_value(f)}" for f in others) + "。"] if others else []


def _column_of(fact) -> str:
    return fact.metric_name.rpartition("（")[2].rstrip("）") or fact.metric_name


def _fact_asked(kb, report, key: str, question: str):
    """The figure of a metric; of several stated under it, the one whose sentence holds most of the
    question's nouns and units (网友留言11条, not 咨询投诉15564件)."""
    stated = kb.stated_facts(key, report.id) if question else []
    if len(stated) < 2:
        return kb.fact(key, report.id)
    words = content_nouns(question) + re.findall(r"(?:多少|几)\s*([件个项条篇场次人])", question)

    def held(fact) -> int:
        around = f"{fact.clause or ''}{fact.unit or ''}"
        return sum(holds(around, w) for w in words)
    return max(stated, key=held)


def statistic(kb, report, keys: Sequence[str], question: str = "", before: str = "", other_years=()) -> Answer:
    """The figures asked, each from its fact, a row's sum or a related figure; where none is stated, the
    report's sentences on the question (read with the question before it: "办完多少了" after the
    12345 hotline's complaints is that sentence's 已办结…件); with other_years (the body's other
    reports, when the question named no year), their figures too."""
    if question and keys and all(kb.of_another_era(k, report.year) and kb.fact(k, report.id) is None for k in keys):
        return passage(kb, report, question, before=before)   # the old 统计表's row, in a later report: its words
    lines, facts, stated = [], [], False
    for key in keys:
        fact = _fact_asked(kb, report, key, question)
        if fact is not None:
            stated = True
            facts.append(fact)
            lines.append(fact_sentence(report, fact))
            if len(keys) == 1 and not cues.derivation_asked(question or ""):
                lines += _stated_share(kb, report, key)      # "不予公开35件，占4.34%": the share it states beside
            lines += _part_beside(kb, fact, question)
            row_facts, row_lines = _row_beside(kb, report, fact, question)
            facts += row_facts
            lines += row_lines
            continue
        summed = kb.row_sum(kb.cell_of(key) or key, report.id)
        if summed:
            total, cells = summed
            facts += cells
            lines.append(f"{report_name(report)}的表三中“{kb.metric(kb.cell_of(key) or key).name}”一栏是空白的；"
                         f"这一行各类申请人的数字相加为{number(total)}{cells[0].unit or ''}（"
                         + " + ".join(f"{c.metric_name}{number(c.value)}" for c in cells) + "，由本助手相加）。")
        else:
            lines.append(_not_mentioned(kb, report, key))
        related = kb.related_facts(key, report.id)
        if related:
            facts += related
            lines.append("报告写明的相关数字是：" + "；".join(fact_sentence(report, f).rstrip("。") for f in related) + "。")
    sources = [f.source for f in facts]
    missing_words = unexplained(kb, report, question, facts) if facts and question else []
    if missing_words and not cues.asks_a_count(question) and (not stated or cues.asks_existence(question)) \
            and any(not kb.find_metrics(w) and kb.cell_named(w, report.id) is None for w in missing_words):
        # "领导有没有上节目跟老百姓交流", "环保方面有群众打热线问吗": words beyond the catalogue and the tables
        # ask the report's words, not 自然人's count
        if not stated or _good_passages(kb, report, question, coverage=PASSAGE_COVERAGE / 2):
            return passage(kb, report, question, before=before)
    if missing_words:
        instead = _sentences_holding(kb, report, question, missing_words)
        if instead:
            return _quoted(report, instead, question=question)   # "群众诉求多少件": the sentence that counts them
        lines.insert(0, f"报告没有提到“{'、'.join(missing_words)}”的单独数字。报告写明的是：")
    if (not facts or missing_words) and question:
        found = _good_passages(kb, report, question, PASSAGE_COVERAGE / 2 if cues.asks_what(question) else PASSAGE_COVERAGE) or \
            (_with_context(kb, report, question, before) if before and not facts else [])
        if not stated and cues.asked_unit_kind(question) and not any(counts_as_asked(p.text, question) for p in found):
            found = _stating_the_count(kb, report, question) or found    # "政策解读做了多少项": 对29项…进行解读
        nearest = [p for p in found if not any(p.text in (f.sentence or "") for f in facts)]
        if nearest:
            lines.append("报告中相关的内容是：")
            lines += [quote(p.text, PASSAGE_LIMIT, question) for p in nearest]
            sources += [p.source for p in nearest]
    elsewhere = _in_other_years(kb, keys, other_years)
    if elsewhere:
        lines.append(f"问题没有说哪一年，以上是{report.year}年的。其他年份的报告：" + "；".join(
            f"{other.year}年{'、'.join(fact_value(f) for f in found)}" for other, found in elsewhere) + "。")
        sources += [f.source for _, found in elsewhere for f in found]
    return Answer(with_sources(lines + conflict_note(facts), sources), metric=keys[-1] if keys else None,
                  metrics=list(keys))


def said_beside(kb, report, sentence: str, source: str, keys: Sequence[str], question: str,
                metric: Optional[str] = None) -> Optional[Answer]:
    """A short follow-up naming a figure of another kind than the one just given, which the sentence
    of that one (the figure's, or the one just quoted) states beside it ("办完了多少件" after the hotline's
    complaints: its 已办结15042件; "政策解读登了几篇" after the 公报's sentence): that sentence, quoted
    around the words, not the catalogue's figure found elsewhere."""
    words = [w for k in keys for m in [kb.metric(k)] if m for w in (m.name, *m.synonyms) if len(w) >= 2]
    held = next((w for w in sorted(words, key=len, reverse=True)
                 if re.search(re.escape(w) + r"\D{0,4}\d", sentence)), None)
    if held is None:
        return None
    lines = [f"{report_name(report)}{REPORT_WRITES}", quote(sentence, PASSAGE_LIMIT, f"{question}{held}")]
    return Answer(with_sources(lines, [source]), metric=metric)


def _sentences_holding(kb, report, question: str, words: Sequence[str]):
    """The report's sentences on the question that hold every word no figure explains, with a figure."""
    def holding(found, needed):
        return [p for p in found if all(holds(p.text, w) for w in needed) and counts_as_asked(p.text, question)]
    counted = set(words) & set(noun_counted(question))        # "留言有几条": the thing counted, in a long sentence
    near = [p for p in kb.passages(question, report.id, 3) if p.coverage >= NEAREST_COVERAGE]
    return holding(_good_passages(kb, report, question), words) \
        or (holding(_good_passages(kb, report, question, NEAREST_COVERAGE), counted)[:1] if counted else []) \
        or [p for p in near if cues.counts_right_after(words, p.text)][:1]    # "等候时间由42分钟缩至19分钟"


def _in_other_years(kb, keys: Sequence[str], reports) -> list:
    """(report, its stated facts of the keys) for each of the reports that states any, newest first."""
    found = [(r, [f for f in (kb.fact(k, r.id) for k in keys) if f is not None and f.value is not None])
             for r in sorted(reports, key=lambda r: -r.year)]
    return [(r, facts) for r, facts in found if facts]


# A sentence answers a question when it holds this share of the question's words and bigrams; a
# second sentence is quoted when it scores nearly as well as the first.
PASSAGE_COVERAGE = 0.3
NEAREST_COVERAGE = 0.1       # the nearest sentence shown beside "the report does not say"
SECOND_PASSAGE = 0.8
PASSAGE_LIMIT = 200
CONTEXT_COVERAGE = 0.15     # read with the question before it, a question's words are half the query
TOTAL_IN_WORDS = 0.5        # "一共主动公布了多少条" naming no figure: a sentence holding this much of it states the total
_HAS_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万两]+[件个项条篇场次人]")


_COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(人次|批次|万元|[件个项起宗份批篇条则人名位场次期轮元])")


def counts_as_asked(text: str, question: str) -> bool:
    """The text states a figure counted in the kind of unit the question asks ("多少人次": not 培训2场)."""
    wanted = cues.asked_unit_kind(question)
    if wanted is None:
        return bool(_HAS_NUMBER.search(text))
    return any(cues.unit_kind(unit) == wanted for unit in _COUNTED.findall(text))


_CLAUSE_MARK = re.compile(r"[，,；;：:]")


def _named_after_its_counts(text: str, question: str) -> bool:
    """A noun the question asks the count of is first named in a clause after the sentence's last count
    ("…1638条，占47%，…量较大的乡镇是澳前镇": no count of 澳前镇)."""
    clauses = _CLAUSE_MARK.split(text)
    counted = [i for i, c in enumerate(clauses) if _COUNTED.search(c)]
    firsts = [next(i for i, c in enumerate(clauses) if n in c) for n in content_nouns(question) if len(n) >= 2 and n in text]
    return bool(counted) and any(i > counted[-1] for i in firsts)


def _counts_what_is_named(text: str, question: str) -> bool:
    """A count asked, and the sentence states one of the kind asked and holds every noun the question names."""
    nouns = content_nouns(question)
    return cues.asks_a_count(question) and bool(nouns) and all(n in text for n in nouns) \
        and counts_as_asked(text, question)


def _stating_the_count(kb, report, question: str) -> list:
    """"政策解读做了多少项": of the sentences near the question, the best one stating a count in the unit
    asked (对29项…政策文件进行解读), when those nearest state none."""
    found = kb.passages(question, report.id, 5)
    named = "".join(name_forms(report.body))
    nouns = [w for w in content_nouns(question) + noun_counted(question) if not holds(named, w)]
    counting = [p for p in found if counts_as_asked(p.text, question)]
    return [p for p in counting if p.coverage >= NEAREST_COVERAGE * 2 and (not nouns or any(holds(p.text, w) for w in nouns))][:1] \
        or [p for p in counting if p.coverage >= NEAREST_COVERAGE and nouns and all(holds(p.text, w) for w in nouns)][:1]


# A section on shortcomings and plans (五、存在的主要问题及改进情况; 下一步工作打算): what is to be done, not what was.
_PLANS = re.compile(r"问题|不足|改进|整改|下一步|打算|计划|展望")


def _what_was_done(kb, report, question: str) -> list:
    """"政策解读方面做了哪些工作": the best sentence outside the sections on shortcomings and plans, when
    those rank first (they name the same work as not yet done)."""
    if not cues.asks_what_was_done(question) or _PLANS.search(question):
        return []
    found = kb.passages(cues.what_was_done_about(question), report.id, 5)
    if not found or not _PLANS.search(found[0].source):
        return []
    return [p for p in found if not _PLANS.search(p.source) and p.coverage >= CONTEXT_COVERAGE][:1]


def _good_passages(kb, report, question: str, coverage: float = PASSAGE_COVERAGE):
    found = [p for p in kb.passages(question, report.id, 2) if p.coverage >= coverage]
    return [p for p in found if p.score >= SECOND_PASSAGE * found[0].score] if found else []


_ASKED_WHAT = re.compile(r"(?:什么|哪)\w{0,2}")


# Three or more short names in a row, set apart by 、 ("普陀、金山、徐汇"): a sentence naming the ones asked.
_LISTED_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}")


def _listing_the_ones_asked(kb, report, question: str) -> list:
    """"试点是哪几个区": of the sentences the question finds, the one that lists names of the kind asked."""
    kind = cues.which_ones_asked(question)
    found = [p for p in kb.passages(question, report.id, 5) if p.coverage >= PASSAGE_COVERAGE] if kind else []
    return [p for p in found if kind in p.text and _LISTED_NAMES.search(p.text)][:1]


def _with_context(kb, report, question: str, before: str):
    """The sentences the question finds read with the one before it, holding those of the question's own
    nouns that the report uses ("哪几个乡镇发得多" after 区直各部门: a sentence on the towns, not on the
    departments; "这些在什么地方发布": 地方 is no word of the report's)."""
    asked = _ASKED_WHAT.sub("", question)      # 什么地方, 哪个时候: what is asked, not what about
    own = [w for w in content_nouns(asked) + content_verbs(asked) if any(holds(p.text, w) for p in kb.passages(w, report.id, 1))]
    return [p for p in _good_passages(kb, report, f"{before}，{question}", CONTEXT_COVERAGE)
            if all(holds(p.text, w) for w in own)]


def _quoted(report, found, lead: str = "", question: str = "") -> Answer:
    lines = [lead or f"{report_name(report)}{REPORT_WRITES}"] + [quote(p.text, PASSAGE_LIMIT, question) for p in found]
    lines += list(filter(None, (sentence_figures.change_stated(p.text, question) for p in found)))[:1]
    return Answer(with_sources(lines, [p.source for p in found]))


def texts_named(kb, report, keys: Sequence[str]) -> Optional[Answer]:
    """"他们收了信息处理费没有": the report's own item on each text the question names (六、其他需要报告的事项
    "无收取信息处理费情况"), rather than any sentence that mentions its words."""
    facts = [f for f in _facts(kb, report, keys) if f.value is None and f.text and _one_sentence(f.text)]
    if not facts:
        return None
    lines = [f"{report_name(report)}{REPORT_WRITES}"] + [f"· {f.metric_name}：{quote(f.text)}" for f in facts]
    return Answer(with_sources(lines, [f.source for f in facts]))


def _one_sentence(text: str) -> bool:
    """A text item that is one statement (not a section's paragraphs, which the ranked sentences answer better)."""
    return "。" not in text.strip().rstrip("。") and "\n" not in text.strip()


def what_the_report_says(kb, report, question: str, fees: bool = False) -> Answer:
    """A clause about the body beside a question of the law ("…民政厅收过费没有"): what the report says of
    the fees it charged (fees: the law's answer was the fee rule), else its sentences on it, else that it
    does not say."""
    if fees and _topic_facts(kb, report, "ask_fee_charged"):
        return topic(kb, report, "ask_fee_charged")
    found = _good_passages(kb, report, question)
    if found:
        return _quoted(report, found, question=question)
    return Answer(f"{report_name(report)}的年度报告没有提到这一点。")


# How often a thing is done, as reports say it ("每季度…自查", "每天专人浏览", "定期").
_RHYTHM = r"每(?:天|日|周|星期|月|个月|季度|半年|年)|定期|不定期"


def _stating_how_often(kb, report, question: str) -> list:
    """"网站多久查一次": the sentence saying how often, of those holding most of the question's nouns."""
    nouns = [n for n in content_nouns(question) if len(n) >= 2]
    said = [p for p in kb.sentences_matching(_RHYTHM, report.id) if any(n in p.text for n in nouns)]
    return sorted(said, key=lambda p: -sum(n in p.text for n in nouns))[:1]


SPAN_COVERAGE = NEAREST_COVERAGE / 2    # a span of time asked: a sentence giving one needs fewer of its words


def _stating_how_long(kb, report, question: str) -> list:
    """"去大厅办事要排多久队": the best of the sentences near the question that gives a span of time."""
    if not cues.asks_how_long(question):
        return []
    return [p for p in kb.passages(question, report.id, 5) if p.coverage >= SPAN_COVERAGE and cues.states_a_span(p.text)][:1]


def passage(kb, report, question: str, with_laws: bool = False, before: str = "",
            derivation: Optional[str] = None) -> Answer:
    """What the report says in its own words on the question, read with the question before it
    when alone it finds nothing ("这些在什么地方发布"); else, with_laws, the best article; else that
    the report does not say, with the nearest sentence it has. A sum, difference or share asked of
    figures a sentence states side by side is computed from them ("安全生产类比科教类多几条"); an
    abbreviation the report never uses is read in its full form (征地: 征收或征用土地)."""
    question = kb.in_full(question, report.id)
    worded = derived_in_words(kb, report, derivation, (), question, before)
    if worded is not None:
        return worded
    each = sentence_figures.each_named(kb, report, question, before) if cues.asks_each(question) else None
    if each is not None:
        return Answer(each)                             # "区直部门跟乡镇分别是多少": those figures, as the report words them
    most = None
    if cues.asks_which_is_most(question):
        most = sentence_figures.most_of_a_list(kb, report, question, before) \
            or (None if cues.asks_which_is_least(question) else sentence_figures.named_as_most(kb, report, question))
    if most is not None:
        return Answer(most)                             # "哪个乡镇最多": of the list a sentence gives, or the one it names
    found = _listing_the_ones_asked(kb, report, question) or _what_was_done(kb, report, question) \
        or _good_passages(kb, report, cues.what_was_done_about(question)) \
        or (_with_context(kb, report, question, before) if before else [])
    if cues.asks_how_often(question):
        found = _stating_how_often(kb, report, question) or found
    nearby = _stating_the_count(kb, report, question) \
        if cues.asked_unit_kind(question) and not any(counts_as_asked(p.text, question) for p in found) else []
    if nearby:      # a count in the unit asked, quoted with what the sentence says it counts
        return _quoted(report, nearby, question=question)
    absent = unsaid(kb, report, question)
    what = f"“{'、'.join(absent)}”" if absent else "这一点"
    if found:
        lead, firm = "", cues.asked_name_of(question)
        counted = cues.asks_a_count(question) and not cues.asks_other_than_count(question)
        # a count is stated with what it counts: the sentence that holds most of the question's nouns
        missing_words = min((unexplained(kb, report, question, passages=[p]) for p in found), key=len) if counted else []
        if absent:
            lead = f"{report_name(report)}的年度报告没有提到{what}。相关的内容是："
        elif missing_words:
            lead = f"{report_name(report)}的年度报告没有提到“{'、'.join(missing_words)}”的数字。相关的内容是："
        elif counted and not any(counts_as_asked(p.text, question) and not _named_after_its_counts(p.text, question)
                                 for p in found):
            lead = f"{report_name(report)}的年度报告没有提到具体的数字。相关的内容是："
        elif firm and not any(_names(p.text, firm) for p in found):
            lead = f"{report_name(report)}的年度报告没有提到它的名称。相关的内容是："
        return _quoted(report, found, lead, question)
    section = kb.section_named(question, report.id) if cues.asks_how_it_went(question) else None
    if section is not None:
        return _quoted(report, [section], "", question)     # "依申请公开办得怎么样": that short section, whole
    articles = [a for a in kb.ranked_articles(question, 1) if a.coverage >= PASSAGE_COVERAGE] if with_laws else []
    if articles:
        lines = ["报告里没有专门谈到这个问题。相关法规是这样规定的："] + [quote(a.text, PASSAGE_LIMIT) for a in articles]
        return Answer(with_sources(lines, [a.source for a in articles]))
    none = _none_said(kb, report, question) if cues.asks_existence(question) else None
    if none is not None:
        return _quoted(report, [none], "", question)          # "有人申请吗": "全区未收到…申请"
    nearest = _good_passages(kb, report, question, coverage=NEAREST_COVERAGE)
    counting = [p for p in nearest if _counts_what_is_named(p.text, question)
                or sentence_figures.change_stated(p.text, question)] or _stating_how_long(kb, report, question)
    if counting:                         # "疫情相关的信息发了多少", "少等了几分钟": the sentence counting it
        return _quoted(report, counting[:1], "", question)
    rare = [] if absent else _holding_a_rare_word(kb, report, question) \
        or ([] if nearest else _using_a_rare_verb(kb, report, question))
    if rare:
        nearest = rare
        lines = [f"{report_name(report)}的年度报告没有提到这个问题的直接答案，相关的内容是：", quote(rare[0].text, PASSAGE_LIMIT, question)]
    elif nearest:
        lines = [f"{report_name(report)}的年度报告没有提到{what}。报告中最接近的内容是：",
                 quote(nearest[0].text, PASSAGE_LIMIT, question)]
    else:
        lines = [f"{report_name(report)}的年度报告没有提到{what if absent else '这方面的内容'}，在报告和相关法规里都没有找到答案，"
                 "这个问题可能不在我能回答的范围内。"]
    lines.append("您可以换个说法，或者试试下面的问题：")
    return Answer(with_sources(lines, [p.source for p in nearest[:1]]), suggestion_buttons())


RARE_WORD_SENTENCES = 2     # a noun or verb of the question found in this few of the report's sentences points to them


def _holding_a_rare_word(kb, report, question: str) -> list:
    """"厅里领导上过电台节目吗", "那年修订了什么制度": the best-ranked sentence, when it holds a noun or verb of the
    question that few of the report's sentences use (节目, 修订), though the question's other words are not the report's."""
    best = [p for p in kb.passages(question, report.id, 1) if p.part]     # not the preamble: what the report is
    named = "".join(name_forms(report.body))
    nouns = [w for w in content_nouns(question) + content_verbs(question) if not holds(named, w)]
    pieces = [p for w in nouns for p in [w] + ([w[i:i + 2] for i in range(len(w) - 1)] if len(w) > 2 else [])]
    rare = [p for p in pieces if best and p in best[0].text
            and len(kb.sentences_matching(re.escape(p), report.id)) <= RARE_WORD_SENTENCES]
    return best if rare else []


def _using_a_rare_verb(kb, report, question: str) -> list:
    """"网站老搜不到": of the sentences using a one-character verb of the question that few use (搜), the one
    using it most (搜得全、搜得准、搜得快), when no sentence is near the question at all."""
    for verb in one_character_verbs(question):
        found = [p for p in kb.sentences_matching(re.escape(verb), report.id) if p.part]
        if 0 < len(found) <= RARE_WORD_SENTENCES:
            return [max(found, key=lambda p: p.text.count(verb))]
    return []


NONE_SAID_COVERAGE = 0.1     # a sentence saying there were none answers "were there any" on fewer shared words
NONE_SAID_AMONG = 10


def _none_said(kb, report, question: str):
    """The best-ranked sentence saying there were none of what the question asks whether there were any
    (none of the reviews and lawsuits only when it asks about those)."""
    remedies = cues.has("cue_remedy", question)
    return next((p for p in kb.passages(question, report.id, NONE_SAID_AMONG)
                 if p.coverage >= NONE_SAID_COVERAGE and cues.says_there_were_none(p.text)
                 and (remedies or not cues.has("cue_remedy", p.text))), None)


def contact(kb, report) -> Answer:
    """Where to ask about the report: its own contact details, when it gives them."""
    found = kb.contact_details(report.id)
    if not found:
        return Answer(f"{report_name(report)}的年度报告没有提到联系地址或电话。可以在发布机关的门户网站上查找联系方式。")
    return _quoted(report, found, f"{report_name(report)}年度报告写明的联系方式：")


def breakdown(kb, report, question: str = "") -> Answer:
    """How the requests were answered; asked why or on what grounds ("没给的都是什么理由"), each outcome with
    the grounds its table divides it into."""
    facts = _facts(kb, report, RESULT_KEYS)
    completed = kb.fact("requests.completed", report.id)
    if not facts and completed is None:
        return Answer(f"{report_name(report)}的年度报告没有列出申请的办理结果。")
    lines = [f"{report_name(report)}政府信息公开申请的办理结果："]
    if completed is not None:
        lines.append(f"{fact_line(completed)}，其中：")
    grounds = {f.metric_key: [g for g in kb.rows_summed_by(f.metric_key, report.id) if g.value]
               for f in facts} if cues.asks_the_grounds(question) else {}
    every_ground = [g for parts in grounds.values() for g in parts]
    listed = {g.source for g in every_ground}
    for fact in (f for f in facts if f.source not in listed):
        lines += [f"· {fact_line(fact)}"] + [f"  - {fact_line(g)}" for g in grounds.get(fact.metric_key, [])]
    sources = [f.source for f in ([completed] if completed else []) + facts + every_ground]
    return Answer(with_sources(lines + conflict_note(facts), sources), metric="requests.completed")


def largest_part(kb, report, key: str, question: str) -> Optional[Answer]:
    """"里面最多的是啥原因" after 不予公开: the largest (or smallest) of the rows the figure's table row
    adds up, with all of them; None when it adds up fewer than two stated rows."""
    parts = kb.rows_summed_by(key, report.id)
    if len(parts) < 2:
        return None
    least = cues.asks_which_is_least(question)
    chosen = (min if least else max)(parts, key=lambda f: f.value)
    ties = [f for f in parts if f.value == chosen.value]
    lines = [f"{report_name(report)}{kb.metric(key).name}的各项：" if kb.metric(key) else f"{report_name(report)}："]
    lines += [f"· {fact_line(f)}" for f in parts]
    lines.append(f"其中{'最少' if least else '最多'}的是{'、'.join(fact_line(f) for f in ties)}（由本助手比较）。")
    return Answer(with_sources(lines, [f.source for f in parts]), metric=chosen.metric_key)


# Where published information can be read without the internet: the places 《条例》第二十五条 names, as
# reports word them (公众查阅点, 档案馆, 图书馆, 政务服务场所 or 行政服务中心).
_READING_PLACES = r"查阅(?:场所|点|室|中心)|档案馆|图书馆|政务服务场所|服务中心.{0,12}查阅|信息公告栏|电子信息屏"
READING_PLACES = "reading_places"     # the law's topic of those places


def reading_places(kb, report, other_years=()) -> Answer:
    """"老人不会上网，想看公开的文件能去哪看": the places the report names where its information can be
    read, else (no year named) those an earlier report of the body names; with the law's rule (its topic's
    lead and main article, as the knowledge base holds them)."""
    said, found_in = [], report
    for found_in in [report, *sorted(other_years, key=lambda r: -r.year)]:
        said = kb.sentences_matching(_READING_PLACES, found_in.id)[:2]
        if said:
            break
    unsaid = f"{report_name(report)}的年度报告没有提到线下查阅的地方"
    lead = f"{report_name(report)}{REPORT_STATES}" if found_in is report else f"{unsaid}；{found_in.year}年的报告写明："
    lines = [lead] + [quote(p.text, PASSAGE_LIMIT, "查阅") for p in said] if said else [f"{unsaid}。"]
    article = kb.articles_for_topic(READING_PLACES)[:1]
    lines += [f"{kb.topic(READING_PLACES)['lead']}{quote(a.text, PASSAGE_LIMIT, '查阅场所')}" for a in article]
    return Answer(with_sources(lines, [p.source for p in said] + [a.source for a in article]))


# Where a report says its own requests can be made (依申请公开子栏目, 网站、信函、传真等申请渠道).
_APPLYING = r"申请渠道|依申请公开[^，。；]{0,6}(?:栏目|平台|系统|专栏)|(?:可以|可通过|通过)[^。；]{0,30}(?:提出|提交)[^，。；]{0,8}申请"
APPLYING_TOPICS = ("how_to_apply", "channels")     # the law's topics on how and where to apply
SHORTEST_SAID = 12       # a shorter sentence is a heading (一是畅通申请渠道。), not where to apply


def where_to_apply(kb, report) -> Optional[str]:
    """"网上能不能直接提申请" in a talk on a report: besides the law, where the body's report says requests go."""
    said = [p for p in kb.sentences_matching(_APPLYING, report.id) if len(p.text) >= SHORTEST_SAID][:2]
    return _quoted(report, said, f"{report_name(report)}的年度报告写到它的申请渠道：").text if said else None


PROACTIVE_CHANNELS = "proactive_channels"     # the law's topic of where published information can be read


def where_to_read(kb, report, question: str, before: str = "") -> Optional[Answer]:
    """"老百姓去哪里可以查阅政府信息" in a talk on a report: what the report says on it, and the places it names
    to read it without the internet; None when it names none (the question is answered as any other)."""
    places = kb.sentences_matching(_READING_PLACES, report.id)[:2]
    if not places:
        return None
    said = passage(kb, report, question, before=before)
    places = [p for p in places if p.text not in said.text]
    if not places:
        return said
    named = _quoted(report, places, f"{report_name(report)}的年度报告写明的查阅场所：", "查阅")
    if said.buttons:                # the report's words found nothing close: the places are the answer
        return named
    return replace(said, text=f"{said.text}\n\n{named.text}")


def requests_overview(kb, report, question: str) -> Optional[Answer]:
    """"依申请公开办得咋样": the year's requests in short — received, carried over, how they were answered,
    carried forward — and what the report says of that work; None when it counts none of them."""
    intake = _facts(kb, report, WORKLOAD)
    answered = breakdown(kb, report)
    left = _facts(kb, report, ["requests.carried_forward"])
    if not intake and answered.metric is None:
        return None
    said, sources = _lines_and_sources(answered.text)
    words = [p for p in _good_passages(kb, report, question, NEAREST_COVERAGE)[:1]
             if not _HAS_NUMBER.search(p.text)]
    lines = [f"{report_name(report)}依申请公开的情况："] + [f"· {fact_line(f)}" for f in intake] + said[1:] \
        + [f"· {fact_line(f)}" for f in left] + [f"报告中写道：{quote(p.text, PASSAGE_LIMIT)}" for p in words]
    return Answer(with_sources(lines, [f.source for f in intake] + sources + [f.source for f in (*left, *words)]),
                  metric="requests.received")


def details_of(kb, report, key: str, question: str) -> Answer:
    """What the report says of cases it counts, asked what, why or who they were ("不予处理的那4件都是什么
    原因"): the rows its table divides them into, else their number and that the report says no more."""
    fact = _number_fact(kb, report, key)
    whole = kb.row_adding_up(key)
    if fact is None and whole:       # "不予处理的那4件是重复申请还是信访类的": the cases of the whole row
        key, fact = whole, _number_fact(kb, report, whole)
    said = [p for p in _good_passages(kb, report, question) if p.text not in (fact.sentence or "")] if fact else []
    if fact is None or said:         # "解读稿件65篇讲了哪些事": the report's words say
        return _quoted(report, said, question=question) if said else passage(kb, report, question)
    parts = kb.rows_summed_by(key, report.id)
    if parts:
        some = [p for p in parts if p.value]
        lines = [fact_sentence(report, fact), "报告的表格按情形分为：", *[f"· {fact_line(p)}" for p in some]]
        if len(some) < len(parts):
            lines.append("其余情形均为0件。" if some else "各情形均为0件。")
        return Answer(with_sources(lines, [fact.source] + [p.source for p in some]), metric=key)
    lines = [fact_sentence(report, fact), f"除了这个数字，{report_name(report)}的年度报告没有说明这{fact_value(fact)}的具体情况"
                                          "（原因、内容或者由谁提出）。"]
    return Answer(with_sources(lines, [fact.source]), metric=key)


def outcomes_of_each(kb, report, keys: Sequence[str], question: str = "") -> Answer:
    """The outcomes of the reviews and the lawsuits both ("都维持了吗" after 复议7件、诉讼9件), with the
    report's own sentence on how they ended when it holds the outcome asked (零败诉, 均获维持)."""
    parts = [_lines_and_sources(outcomes_of(kb, report, key).text) for key in keys]
    said = [line for lines, _ in parts for line in lines]
    sources = [source for _, found in parts for source in found]
    outcome_words = cues.case_outcome_words(question)
    words = [p for p in _good_passages(kb, report, question, NEAREST_COVERAGE)[:1]
             if any(w in p.text for w in outcome_words) and not any(p.text in line for line in said)]
    said += [f"报告中写道：{quote(p.text, PASSAGE_LIMIT, question)}" for p in words]
    return Answer(with_sources(said, sources + [p.source for p in words]), metric=keys[-1])


def outcomes_of(kb, report, key: str) -> Answer:
    """The outcomes (结果维持, 纠正, 其他, 尚未审结) of the reviews or lawsuits a figure counted."""
    metric = kb.metric(key)
    cells = [kb.cell_of(key)] if kb.cell_of(key) else list(metric.cells if metric else ())
    lines, facts = [], []
    for cell in cells:
        row = [f for f in (kb.fact(k, report.id) or kb.fact(kb.prose_key(k), report.id)
                           for k in kb.row_cells(cell.rsplit(".", 1)[0])) if f is not None]
        if row:
            lines.append(f"{report_name(report)}{kb.metric(cell).name.split('（')[0] if kb.metric(cell) else ''}的结果：")
            lines += [f"· {fact_line(f)}" for f in row]
            lines += _none_corrected(kb, row, cell)
            facts += row
    if not facts:
        return breakdown(kb, report)
    return Answer(with_sources(lines + conflict_note(facts), [f.source for f in facts]), metric=key)


def _none_corrected(kb, row, cell: str) -> List[str]:
    """"没有被纠正的" when the row says so: its 纠正 cell is 0, or all its cases were upheld."""
    by_column = {(kb.cell_of(f.metric_key) or "").rsplit(".", 1)[-1]: f.value for f in row}
    corrected, upheld, total = by_column.get("corrected"), by_column.get("upheld"), by_column.get("total")
    if corrected == 0 or (corrected is None and total and upheld == total):
        return ["没有被纠正的（没有败诉）。" if "litigation" in cell else "没有被复议机关纠正的。"]
    return []


def wholes(kb, keys: Sequence[str]) -> Dict[str, str]:
    """The whole each figure is a share of: PART_OF's, or for a table cell its row's 总计 (自然人 of
    本年新收 is a share of all applications received)."""
    out = {}
    for key in filter(None, keys):
        cell = kb.cell_of(key) or ""
        row, _, column = cell.rpartition(".")
        if key in PART_OF:
            out[key] = PART_OF[key]
        elif cell.startswith("table") and column != "total" and kb.metric(f"{row}.total"):
            out[key] = kb.prose_key(f"{row}.total")
    return out


def ratio_terms(keys: Sequence[str], previous: Optional[str], part_of: Dict[str, str] = PART_OF,
                earlier: Optional[str] = None) -> tuple:
    """(part, whole) of a 比例 question: the named part of a named whole in either order, a named
    whole with the figure asked about before as its part, a named part of its own whole, or the figure
    just given of the one given before it (主动公开2599条 … 其中国土类多少 … 占总数多少)."""
    if len(keys) >= 2:
        first, second = keys[0], keys[1]
        if part_of.get(first) == second or part_of.get(second) == first:
            return (second, first) if part_of.get(second) == first else (first, second)
        mentioned_part = first if first in part_of else second if second in part_of else None
        if mentioned_part:  # the other word did not name its whole: use the whole it belongs to
            return mentioned_part, part_of[mentioned_part]
        return first, second
    if keys and keys[0] in part_of.values() and part_of.get(previous) == keys[0]:
        return previous, keys[0]
    part = keys[0] if keys else (previous or DEFAULT_RATIO)   # "占总数多少" after 国土类: not 予以公开's share
    if part not in part_of and previous and previous != part:
        return part, previous      # "这里面信访举报投诉类的占几成": a share of the figure just given
    return part, part_of.get(part) or (earlier if not keys and earlier != part else None)


def _share_of_parts(kb, report, parts: Sequence[str], whole_key: Optional[str] = None) -> Answer:
    """The share of several parts of one whole taken together (予以公开加部分公开占办结的比例), of the
    whole they belong to or of the one named (占新收申请的比例)."""
    whole_key = whole_key or PART_OF[parts[0]]
    facts, whole = [f for f in _facts(kb, report, parts) if f.value is not None], kb.fact(whole_key, report.id)
    if len(facts) < len(parts) or whole is None or not whole.value:
        missing = next(k for k in list(parts) + [whole_key] if kb.fact(k, report.id) is None)
        return Answer(_not_mentioned(kb, report, missing) + "所以无法计算这个比例。")
    together = sum(f.value for f in facts)
    names = "和".join(f.metric_name for f in facts)
    lines = [f"{report_name(report)}{names}合计{number(together)}，占{whole.metric_name}的比例约为"
             f"{percent(together, whole.value)}。",
             f"计算方法：（{' + '.join(f'{f.metric_name}{number(f.value)}' for f in facts)}）÷ "
             f"{whole.metric_name}{number(whole.value)}。",
             "其中" + "，".join(f"{f.metric_name}约占{percent(f.value, whole.value)}" for f in facts) + "。"]
    return Answer(with_sources(lines, [f.source for f in facts] + [whole.source]), metric=parts[-1],
                  metrics=list(parts))


PERIODS = (("周", 52, "周"), ("星期", 52, "周"), ("月", 12, "月"), ("天", 365, "天"), ("日", 365, "天"))


def _per_period(kb, report, key: str, question: str) -> Answer:
    """"微信平均一天发几篇": the year's figure over the days, weeks or months of the year."""
    fact = _number_fact(kb, report, key) if key else None
    if fact is None:
        return Answer(_not_mentioned(kb, report, key) + "所以无法计算平均数。" if key else
                      "请说明要算哪个数的平均，例如“微信公众号平均每天发多少篇”。")
    _, count, name = next(p for p in PERIODS if p[0] in question)
    each = number(round(fact.value / count, 1))
    lines = [f"{report_name(report)}{fact.metric_name}全年{fact_value(fact)}，按一年{count}{name}算，"
             f"平均每{name}约{each}{fact.unit or ''}。",
             f"计算方法：{number(fact.value)} ÷ {count} ≈ {each}（报告没有写明平均数，这是本助手算出来的）。"]
    return Answer(with_sources(lines, [fact.source]), metric=key)


def _quotient(kb, report, keys: Sequence[str], per_item: bool) -> Answer:
    """The first figure over the second: an average per item ("微信平均每个号发了多少条": the posts over the
    accounts) or a multiple ("网上咨询是新收申请的几倍")."""
    facts = [_number_fact(kb, report, k) for k in keys[:2]]
    if len(facts) < 2 or None in facts or not facts[1].value:
        missing = next((k for k, f in zip(keys, facts) if f is None), None)
        what, example = ("平均数", "“微信公众号平均每个号发了多少条”") if per_item else ("倍数", "“网民咨询是新收申请的几倍”")
        return Answer(_not_mentioned(kb, report, missing) + f"所以无法计算{what}。" if missing else
                      f"请说明要用哪两个数来算，例如{example}。")
    first, second = facts
    value = number(round(first.value / second.value, 1))
    said = f"平均每{second.unit or '个'}约{value}{first.unit or ''}" if per_item else f"前者约是后者的{value}倍"
    lines = [f"{report_name(report)}{first.metric_name}{fact_value(first)}，{second.metric_name}{fact_value(second)}，{said}。",
             f"计算方法：{number(first.value)} ÷ {number(second.value)} ≈ {value}（报告没有写明，这是本助手算出来的）。"]
    return Answer(with_sources(lines, [first.source, second.source]), metric=keys[0], metrics=list(keys[:2]))


def _share_of_both(kb, report, part_key: str, pair: Sequence[str]) -> Answer:
    """One of the two figures just given as a share of the two added up."""
    facts = [_number_fact(kb, report, k) for k in pair]
    if any(f is None for f in facts) or not sum(f.value for f in facts):
        return Answer(_not_mentioned(kb, report, pair[facts.index(None)] if None in facts else pair[0]) + "所以无法计算这个比例。")
    part, together = facts[list(pair).index(part_key)], sum(f.value for f in facts)
    names = "和".join(f.metric_name for f in facts)
    lines = [f"{report_name(report)}{part.metric_name}占{names}合计{number(together)}的比例约为{percent(part.value, together)}。",
             f"计算方法：{part.metric_name}{number(part.value)} ÷ （{' + '.join(number(f.value) for f in facts)}）。"]
    return Answer(with_sources(lines, [f.source for f in facts]), metric=part_key, metrics=list(pair))


def _ratio(kb, report, keys: Sequence[str], previous: Optional[str], earlier: Optional[str] = None) -> Answer:
    parts = [k for k in dict.fromkeys(keys) if k in PART_OF]
    if len(parts) >= 2 and len({PART_OF[k] for k in parts}) == 1:
        named_whole = next((k for k in keys if k not in parts and k not in PART_OF.values()), None)
        return _share_of_parts(kb, report, parts, named_whole)
    part_key, whole_key = ratio_terms(keys, previous, {**PART_OF, **wholes(kb, list(keys) + [previous])}, earlier)
    return _share(kb, report, part_key, whole_key, earlier)


def _share(kb, report, part_key: str, whole_key: Optional[str], earlier: Optional[str] = None) -> Answer:
    part, whole = _stated_or_summed(kb, report, part_key), _stated_or_summed(kb, report, whole_key) if whole_key else None
    if whole_key is None or whole_key == earlier and part and whole and part.value > whole.value:
        return Answer(f"我不知道“{_name(kb, part_key)}”应该占哪个总数的比例，请说明两个数，例如“予以公开占办结的比例”。")
    if part is None or whole is None or not whole.value:
        missing = part_key if part is None else whole_key
        return Answer(_not_mentioned(kb, report, missing) + "所以无法计算这个比例。")
    lines = [f"{report_name(report)}{part.metric_name}占{whole.metric_name}的比例约为{percent(part.value, whole.value)}。",
             f"计算方法：{part.metric_name}{number(part.value)} ÷ {whole.metric_name}{number(whole.value)}。"]
    return Answer(with_sources(lines + _stated_share(kb, report, part_key), [part.source, whole.source]), metric=part_key)


def _stated_share(kb, report, key: str) -> List[str]:
    """The share the report states right after the figure ("不予公开35件，占4.34%"), quoted."""
    fact = kb.fact(key, report.id)
    if fact is None or not fact.clause or not fact.sentence:
        return []
    found = re.search(re.escape(fact.clause) + r"[，,、]?\s*(?:占|约占)[^，。；;]{0,12}?\d+(?:\.\d+)?\s*[%％]", fact.sentence)
    return [f"报告原文写明：“{found.group(0)}”。"] if found else []


def _share_of_the_figure_given(kb, report, given: Optional[str], key: str, question: str) -> Optional[Answer]:
    """"这个占申请总数的多少": the figure just given as a share of the one named (a one-figure share reaches
    both count_and_share and derived, as the intent has it)."""
    if given and given != key and cues.share_of_what_was_given(question):
        return _share(kb, report, given, key)
    return None


def count_and_share(kb, report, key: str, question: str, recent: Sequence[str] = ()) -> Answer:
    """"不予公开的有几件，占多少": the figure, then its share of its whole when one is known (with the
    share the report states, if it does)."""
    given = _share_of_the_figure_given(kb, report, recent[0] if recent else None, key, question)
    if given is not None:
        return given
    count = statistic(kb, report, [key], question)
    share = _ratio(kb, report, [key], recent[0] if recent else None)
    stated = _stated_share(kb, report, key)
    whole = _number_fact(kb, report, key) if "计算方法" not in share.text and not stated else None
    listed = sentence_figures.share_of_whole(kb, report, question, whole) if whole else None
    if listed is not None:
        return Answer(listed)                           # "预决算公开的占财政资金信息的比例": a part its sentence lists
    if "计算方法" not in share.text:
        return Answer("\n".join(_before_sources(count.text, stated)), metric=key) if stated else count
    return Answer("\n".join(_before_sources(f"{count.text}\n{share.text}", [])), metric=key)


def count_and_rest(kb, report, key: str, question: str) -> Optional[Answer]:
    """"都是个人申请的吗", "大部分是个人的吧": the figure, its whole and the rest of the whole (None when the
    figure has no stated whole)."""
    whole_key = wholes(kb, [key]).get(key)
    part = _number_fact(kb, report, key)
    whole = _number_fact(kb, report, whole_key) if whole_key else None
    if part is None or whole is None or part.value > whole.value:
        return None
    unit = part.unit or ""
    line = (f"{whole.metric_name}共{number(whole.value)}{unit}，除此以外{number(whole.value - part.value)}{unit}"
            f"（由本助手计算：{number(whole.value)} − {number(part.value)}）。")
    count = statistic(kb, report, [key], question)
    return Answer("\n".join(_before_sources(count.text, [line]) + [f"{SOURCE_PREFIX}{whole.source}"]), metric=key)


def counts_of_other_years(kb, report, answer: Answer, question: str, reports) -> Answer:
    """A count asked in words with no year named ("平潭那年问政平潭有事你说搞了几期"): beside the latest
    report's sentence, the sentence of each other year's report that states such a count."""
    found = [(r, p) for r in sorted(reports, key=lambda r: -r.year)
             for p in _good_passages(kb, r, question)[:1] if counts_as_asked(p.text, question)]
    if not found or not (cues.asks_a_count(question) or cues.asked_unit_kind(question)):
        return answer
    lines = [f"问题没有说哪一年，以上是{report.year}年的。其他年份的报告："]
    lines += [f"{r.year}年：{quote(p.text, PASSAGE_LIMIT, question)}" for r, p in found]
    text = "\n".join(_before_sources(answer.text, lines) + [f"{SOURCE_PREFIX}{p.source}" for _, p in found])
    return replace(answer, text=text)


def _lines_and_sources(text: str) -> tuple:
    """An answer's text as its lines and its sources (without their 来源： prefix)."""
    lines = text.split("\n")
    return ([line for line in lines if not line.startswith(SOURCE_PREFIX)],
            [line[len(SOURCE_PREFIX):] for line in lines if line.startswith(SOURCE_PREFIX)])


def _before_sources(text: str, extra: Sequence[str]) -> List[str]:
    """An answer's lines with more lines put before its source lines (each source once)."""
    lines, sources = _lines_and_sources(text)
    return lines + list(extra) + [f"{SOURCE_PREFIX}{s}" for s in dict.fromkeys(sources)]


def _total(kb, report, keys: Sequence[str], question: str = "") -> Answer:
    if (not keys or set(keys) & set(WORKLOAD)) and cues.asks_the_workload(question):
        keys = WORKLOAD         # "一共要处理多少件", "新收的加上上年留下的一共要办多少": received and carried over,
                                # whatever else the figures talked about held (结转下年度 is not to handle)
    if not keys and cues.asks_what_was_received(question):
        return statistic(kb, report, ["requests.received"])   # "依申请公开一共收到多少件"
    outcomes = not keys
    keys = RESULT_KEYS if outcomes else keys
    found = [f for f in (kb.stated_or_added_up(k, report.id) for k in keys) if f is not None]
    stated = [f.metric_key for f in found if f.value is not None]
    keys = [k for k in keys if kb.row_adding_up(k) not in stated]      # never a part beside its whole
    found = [f for f in found if f.metric_key in keys]
    if len(keys) == 1 and not outcomes:
        return statistic(kb, report, keys)
    if outcomes and (unexplained(kb, report, question, found) or question and not cues.about_requests_handled(question)
                     or _good_passages(kb, report, question, TOTAL_IN_WORDS)):
        return passage(kb, report, question)           # "福彩公益金一共用了多少钱": not the requests' outcomes
    facts = [f for f in found if f.value is not None]
    if not facts and not outcomes:
        return Answer(_not_mentioned(kb, report, keys[0]))
    if not facts:
        return Answer(f"{report_name(report)}的年度报告里没有可以相加的这些数据。")
    missing = [k for k in keys if not outcomes and not any(f.metric_key == k for f in facts)]
    if missing:
        return _parts_without_sum(kb, report, facts, missing)
    if not _addable(kb, facts):
        return statistic(kb, report, [f.metric_key for f in facts], question)   # 个 and 条 add up to nothing
    total = sum(f.value for f in facts if f.value is not None)
    parts = " + ".join(f"{f.metric_name}{number(f.value)}" for f in facts)
    lines = [f"{report_name(report)}合计：{number(total)}。", f"计算方法：{parts} = {number(total)}。"]
    blank = [f.metric_name for f in facts if f.qualifier == SUM_QUALIFIER and kb.cell_state(f.metric_key, report.id) == "blank"]
    if blank:
        lines.append(f"表三中“{'”“'.join(blank)}”的总计一栏是空白的，用的是这一行各类申请人的数字之和（由本助手相加）。")
    stated = kb.fact("requests.completed", report.id) if outcomes else None
    if stated is not None:
        agreement = "一致" if stated.value == total else "不一致，请以报告原文为准"
        lines.append(f"报告写明的{stated.metric_name}为{number(stated.value)}，与合计{agreement}。")
    sources = [f.source for f in facts] + ([stated.source] if stated else [])
    return Answer(with_sources(lines, sources), metric=facts[-1].metric_key, summed=[f.metric_key for f in facts])


def _addable(kb, facts) -> bool:
    """Whether the figures count things of one kind: each one's unit is one the others may be counted in
    (微博802条 and 微信1064篇, not 账号70个 and 信息3404条)."""
    def units(fact) -> set:
        metric = kb.metric(fact.metric_key)
        return set(metric.units if metric and metric.units else ()) | {fact.unit}
    return all(not f.unit or not g.unit or f.unit in units(g) for f in facts for g in facts)


def _parts_without_sum(kb, report, facts, missing: Sequence[str]) -> Answer:
    """A sum one of whose parts the report does not state: the parts it states, no sum."""
    lines = [_not_mentioned(kb, report, k) for k in missing] + ["所以无法相加。报告写明的是："]
    lines += [f"· {fact_line(f)}" for f in facts]
    return Answer(with_sources(lines, [f.source for f in facts]), metric=facts[-1].metric_key)


def _completion_rate(kb, report) -> Answer:
    completed, received, carried = (_number_fact(kb, report, k) for k in
                                    ("requests.completed", "requests.received", "requests.carried_over_in"))
    if completed is None or received is None:
        return Answer(_not_mentioned(kb, report, "requests.completed" if completed is None else "requests.received")
                      + "所以无法计算办结率。")
    due = received.value + (carried.value if carried else 0)
    carried_text = f" + {carried.metric_name}{number(carried.value)}" if carried else ""
    if not due:
        return Answer(with_sources([f"{report_name(report)}{received.metric_name}为{number(received.value)}"
                                    f"{'，' + carried.metric_name + number(carried.value) if carried else ''}，"
                                    "没有要办理的申请，所以没有办结率可算。"],
                                   [received.source] + ([carried.source] if carried else [])), metric="requests.received")
    lines = [f"{report_name(report)}申请办结率约为{percent(completed.value, due)}。",
             f"计算方法：{completed.metric_name}{number(completed.value)} ÷ "
             f"（{received.metric_name}{number(received.value)}{carried_text}）。"]
    sources = [completed.source, received.source] + ([carried.source] if carried else [])
    return Answer(with_sources(lines, sources), metric="requests.completed")


# A change the report states beside a figure: “申请数量较去年回落12.3%”.
_STATED_CHANGE = re.compile(r"(?:较|比|同比)(?:去年|上年|上一年|前一年|\d{4}年)?(?:同期)?[^，。；、]{0,4}?"
                            r"(?:增长|增加|上升|提高|提升|下降|减少|回落|降低|下滑)(?:了)?\s*\d+(?:\.\d+)?\s*(?:%|％|个百分点|倍|件|个)?")


def stated_change(fact) -> Optional[str]:
    found = _STATED_CHANGE.search(fact.sentence or "") if fact else None
    return found.group(0) if found else None


def _change(kb, report, keys: Sequence[str], question: str = "") -> Answer:
    key = keys[0] if keys else DEFAULT_CHANGE
    previous = kb.report(body=report.body, year=report.year - 1)
    if previous is None:
        now = kb.fact(key, report.id)
        if stated_change(now) and cues.asks_last_years_figure(question):
            return Answer(with_sources([f"{report_name(report)}的年度报告没有给出{report.year - 1}年的具体数字，只写明"
                                        f"{now.metric_name}“{stated_change(now)}”；知识库也没有{report.body}"
                                        f"{report.year - 1}年的报告。"], [now.source]), metric=key)
        if stated_change(now):
            lines = [f"{report_name(report)}{now.metric_name}{fact_value(now)}，报告写明“{stated_change(now)}”。",
                     f"（知识库没有{report.year - 1}年的报告，这是报告原文的说法，不是本助手算出来的。）"]
            return Answer(with_sources(lines, [now.source]), metric=key)
        if cues.asks_what(question):
            return passage(kb, report, question)        # "网站改版了，有啥变化": what changed, in its words
        years = "、".join(str(r.year) for r in kb.reports() if r.body == report.body)
        return Answer(f"{report_name(report)}的年度报告没有提到与{report.year - 1}年的比较；知识库只收录了"
                      f"{report.body}{years}年的报告，没有{report.year - 1}年的报告，所以也无法计算同比变化。")
    now, before = _number_fact(kb, report, key), _number_fact(kb, previous, key)
    if now is None or before is None:
        return Answer(_not_mentioned(kb, report if now is None else previous, key) + "所以无法比较。")
    delta = now.value - before.value
    trend = "增加" if delta > 0 else "减少" if delta < 0 else "持平"
    rate = f"（{percent(abs(delta), before.value)}）" if before.value else ""
    lines = [f"{report.body}{now.metric_name}：{report.year}年{number(now.value)}，{previous.year}年{number(before.value)}，"
             f"{trend}{number(abs(delta)) if delta else ''}{rate}。",
             f"计算方法：{number(now.value)} − {number(before.value)} = {number(delta)}。"]
    return Answer(with_sources(lines, [now.source, before.source]), metric=key)


def _difference(kb, report, keys: Sequence[str], rest: bool = False) -> Answer:
    """How much one figure exceeds another ("公众号比微博多发了多少"), or, rest, what is left of a whole
    beside its part ("除去专栏还剩多少", "除了个人以外的")."""
    first, second = (_number_fact(kb, report, k) for k in keys[:2])
    if first is None or second is None:
        missing = keys[0] if first is None else keys[1]
        return Answer(_not_mentioned(kb, report, missing) + "所以无法比较。")
    delta = first.value - second.value
    relation = "多" if delta > 0 else "少" if delta < 0 else "一样多，相差"
    unit = first.unit if first.unit == second.unit else ""
    said = f"{report_name(report)}{first.metric_name}{fact_value(first)}，{second.metric_name}{fact_value(second)}，"
    lines = [said + (f"除此以外的有{number(delta)}{unit}。" if rest else f"前者比后者{relation}{number(abs(delta))}{unit}。"),
             f"计算方法：{number(first.value)} − {number(second.value)} = {number(delta)}。"]
    return Answer(with_sources(lines, [first.source, second.source]), metric=keys[0], metrics=list(keys[:2]))


def _in_the_order_compared(kb, report, keys: Sequence[str], question: str) -> List[str]:
    """"解读稿比发布会多出几个": the figure before 比 first, each found by where the question names it;
    the larger first when the question sets no order ("哪个多，多多少")."""
    sides = cues.compared_sides(question)
    if len(keys) != 2:
        return list(keys)
    if len(sides) != 2:
        facts = [_number_fact(kb, report, k) for k in keys]
        return list(keys) if None in facts else [k for _, k in sorted(zip(facts, keys), key=lambda p: -p[0].value)]

    def side_naming(key: str) -> int:
        metric = kb.metric(key)
        words = (metric.name, *metric.synonyms) if metric else ()
        return min((i for i, side in enumerate(sides) for w in words if holds(w, side) or holds(side, w)),
                   default=len(sides))
    return sorted(keys, key=side_naming)


def derived_in_words(kb, report, derivation: Optional[str], keys: Sequence[str], question: str,
                     before: str = "") -> Optional[Answer]:
    """The sum, difference or share asked, of figures one sentence states side by side, when the question
    names those and no catalogue figure named explains its words ("安全生产类比科教类多几条": not 管理's
    table row), or when the report does not state a figure named ("其他信息占全部的比例" of a report
    without 表三: its list of categories, not 予以公开's column 其他)."""
    unstated = any(getattr(kb.stated_or_added_up(k, report.id), "value", None) is None for k in keys)
    one_of_two = len(keys) == 1 and derivation in ("total", "difference")    # "采购项目信息和网上竞价一共多少": 网上竞价 too
    if not (question and derivation) or (_names_any(kb, keys, question) and not unstated and not one_of_two
                                         and not unexplained(kb, report, question, _facts(kb, report, keys))):
        return None
    worded = sentence_figures.derive(kb, report, derivation, question, before, unstated=unstated)
    return Answer(worded) if worded is not None else None


_A_TOTAL = re.compile(r"总计|合计|总数")


def _disagreements(kb, report, keys: Sequence[str], question: str) -> list:
    """The report's figures that do not add up (the knowledge base's conflicts) that a question asking whether
    they do is about: those of a figure it names, else those holding one of its nouns or numbers (the figures
    named may be a loose reading of the question's words); those of the totals column first."""
    found = [c for c in kb.conflicts(report.id) if c.severity == "conflict"]
    named = set(keys) | {kb.prose_key(k) for k in keys}
    about = [c for c in found if named & (set(c.metrics) | {kb.prose_key(m) for m in c.metrics})]
    if not about:
        words = [w for w in content_nouns(question) if len(w) >= 2] + re.findall(r"\d+", question) \
            + (["总计"] if _A_TOTAL.search(question) else [])
        about = [c for c in found if any(w in c.subject + c.description for w in words)]
    return sorted(about, key=lambda c: "（总计）" not in c.subject)


def where_it_does_not_add_up(kb, report, keys: Sequence[str], question: str) -> Optional[Answer]:
    """"各项加起来跟总计对得上吗": where the report's figures disagree, when the question asks whether they
    agree and they do not; None otherwise (the sum asked is then computed)."""
    disagreements = _disagreements(kb, report, keys, question) if cues.asks_if_it_adds_up(question) else []
    if not disagreements:
        return None
    lines = [f"{report_name(report)}的年度报告里这些数字对不上："] + [f"· {c.description}" for c in disagreements]
    return Answer(with_sources(lines, [f"{report.title} {part_label(c.part)}" for c in disagreements]))


def counts_what_is_asked(kb, key: str, text: str) -> bool:
    """Whether the figure counts what the question counts (its unit is of the kind asked)."""
    wanted, has = cues.asked_unit_kind(text), unit_kinds(kb.metric(key))
    return wanted is None or not has or wanted in has


def unit_kinds(metric) -> set:
    """The kinds of thing (items, people, events, money) the units a figure is counted in count."""
    return {cues.unit_kind(u) for u in (metric.units or (metric.unit,))} - {None} if metric else set()


# A running total's column and the year's own beside it (历年累计 / 本年度, 对外公开总数量 / 本年新公开).
_RUNNING_TOTALS = {".cumulative": ".year", ".total_published": ".published"}


def _before_the_year(kb, report, key: str, question: str) -> Answer:
    """"那16年以前累计的就是多少": a running total less the year's own, both stated in the table."""
    cell = kb.cell_of(key) or key
    total_column = next((c for c in _RUNNING_TOTALS if cell.endswith(c)), None)
    if total_column is None:
        return passage(kb, report, question)            # no running total of it: what the report says
    yearly = cell[:-len(total_column)] + _RUNNING_TOTALS[total_column]
    facts = [kb.fact(cell, report.id), kb.fact(yearly, report.id)]
    if any(f is None or f.value is None for f in facts):
        return Answer(_not_mentioned(kb, report, yearly if facts[0] else cell))
    total, year = facts
    before = total.value - year.value
    lines = [f"{report.body}{report.year}年以前累计{number(before)}{total.unit or ''}。",
             f"计算方法：{total.metric_name}{number(total.value)} − {year.metric_name}{number(year.value)} = {number(before)}（由本助手计算）。"]
    return Answer(with_sources(lines, [total.source, year.source]), metric=cell)


def derived(kb, report, derivation: Optional[str], keys: Sequence[str], recent: Sequence[str] = (),
            question: str = "", before: str = "") -> Answer:
    """A figure computed from stored facts: the metrics named, else the ones asked about just before; or
    from figures a sentence states side by side, when the question names those and no catalogue figure
    explains its words ("部门比乡镇多了多少条")."""
    most = sentence_figures.most_of_a_list(kb, report, question, before) if cues.asks_which_is_most(question) else None
    if most is not None:
        return Answer(most)                             # "除了“其他信息”，哪一类最多": of the list a sentence gives
    worded = derived_in_words(kb, report, derivation, keys, question, before)
    if worded is not None:
        return worded
    if keys and not any(counts_what_is_asked(kb, k, question) for k in keys):
        return passage(kb, report, question)            # "这些解读文章一共有多少人看了": none of them counts people
    previous = recent[0] if recent else None
    if derivation == "per_period":
        return _per_period(kb, report, (list(keys) or [previous or ""])[-1], question)   # "网站上网友留言的": the head, last
    if derivation == "per_item":
        return _quotient(kb, report, keys, per_item=True)
    if derivation == "multiple":
        return _quotient(kb, report, list(keys) if len(keys) >= 2 else [*keys, *recent[:2 - len(keys)]], per_item=False)
    if derivation == "before_the_year":
        return _before_the_year(kb, report, (list(keys) or [previous or ""])[0], question)
    if derivation == "ratio" and cues.share_of_both(question) and len(recent) >= 2:
        return _share_of_both(kb, report, next((k for k in keys if k in recent[:2]), recent[0]), recent[:2])
    referred = cues.referred_count(question) or 0
    if derivation == "ratio" and referred >= 2 and len(recent) >= referred and keys \
            and not set(keys) & set(recent[:referred]):
        keys = [*recent[:referred], *keys]                   # "这两种加起来占办结的多少": the figures just given, added
    elif derivation == "total" and len(keys) < referred <= len(keys) + len(recent):
        keys = [*keys, *[k for k in recent if k not in keys][:referred - len(keys)]]   # "公众号呢？两个加一块": with the one before
    elif previous and previous not in keys and derivation in ("ratio", "total") and cues.adds_to_before(question):
        keys = [previous, *keys]                              # "加上部分公开的，占多少": with the one just given
    if derivation == "change" and len(set(keys)) == 1 and previous and previous != keys[0] \
            and not cues.asks_a_change_on_last_year(question):
        return _difference(kb, report, [previous, keys[0]])   # "那微信公众号呢？" … "比微博多多少？"
    if derivation == "difference" or (derivation == "change" and len(set(keys)) >= 2):
        named = [k for k in dict.fromkeys(keys) if not any(PART_OF.get(other) == k for other in keys)]
        whole = wholes(kb, named[:1]).get(named[0]) if len(named) == 1 and derivation == "difference" else None
        if whole:
            return _difference(kb, report, [whole, named[0]], rest=True)   # "专栏以外的", "除了个人申请的"
        pair = list(dict.fromkeys(named + ([previous] if previous and derivation == "difference" else [])))
        if len(pair) >= 2:
            return _difference(kb, report, _in_the_order_compared(kb, report, pair, question))
        unstated = [k for k in pair if _number_fact(kb, report, k) is None]
        if unstated:
            return Answer(_not_mentioned(kb, report, unstated[0]) + "所以无法比较。")
        return Answer("请说明要比较的两个数，例如“微信公众号比微博多发了多少条”。")
    asks_share_of_completed = list(keys) == ["requests.completed"] and PART_OF.get(previous) != "requests.completed"
    if derivation == "completion_rate" or (derivation == "ratio" and asks_share_of_completed):
        return _completion_rate(kb, report)
    if derivation == "change" and not keys and cues.asks_what(question):
        return passage(kb, report, question)            # "公报里增加了什么内容": what was added, in its words
    said = sentence_figures.change_said(kb, report, question) if derivation == "change" and not keys else None
    if said:
        return Answer(said)                             # "比以前少等了几分钟": the change one sentence states
    if derivation == "change":
        return _change(kb, report, keys or ([previous] if previous else []), question)
    if derivation == "total":
        return _total(kb, report, keys, question)
    if not keys and not previous and derivation == "ratio" and cues.names_the_requests(question):
        previous = DEFAULT_RATIO                        # "申请了能拿到全部信息的比例": of the requests, granted
    if not keys and (not previous or unexplained(kb, report, question, _facts(kb, report, [previous]))):
        return passage(kb, report, question)            # "财政预决算公开率多少", "缩短了多少分钟": no figure named, its words
    given = _share_of_the_figure_given(kb, report, previous, keys[0], question) \
        if derivation == "ratio" and len(keys) == 1 else None
    if given is not None:
        return given
    if derivation == "ratio" and len(keys) == 1 and previous in (None, keys[0]):
        whole = _number_fact(kb, report, keys[0])
        share = sentence_figures.share_of_whole(kb, report, question, whole) if whole else None
        if share is not None:
            return Answer(share)                        # "“其他应主动公开的信息”占了总数几成": a listed part of 主动公开
    if keys and any(w.endswith("率") for w in unexplained(kb, report, question, _facts(kb, report, keys))):
        return passage(kb, report, question)            # "政务服务好评率多少": a rate no figure here is, in its words
    rated = cues.rated(question)
    if derivation == "ratio" and rated and unexplained(kb, report, question, _facts(kb, report, keys or recent[:2]),
                                                       words=[rated]):
        return passage(kb, report, question)            # "对办理结果满意的比例": no figure counts the satisfied
    return _ratio(kb, report, keys, previous, recent[1] if len(recent) > 1 else None)


def _topic_facts(kb, report, intent: str) -> list:
    """The report's facts of the catalogue groups that answer a report topic: those listed by their own key
    first, in the order listed, then the groups' others."""
    wanted = TOPIC_GROUPS.get(intent, [])
    facts = [f for f in kb.facts(report.id) if f.metric_key in wanted or _group(kb, f.metric_key) in wanted]
    return sorted(facts, key=lambda f: wanted.index(f.metric_key) if f.metric_key in wanted else len(wanted))


def _topic_words(kb, intent: str) -> List[str]:
    """The names of a topic's figures and texts (信息处理费 of ask_fee_charged), two characters or more."""
    wanted = TOPIC_GROUPS.get(intent, [])
    return [w for m in kb.metrics() if m.key in wanted or _group(kb, m.key) in wanted
            for w in (m.name, *m.synonyms) if len(w) >= 2]


def topic(kb, report, intent: str, question: str = "") -> Answer:
    """What the report says on a topic: the catalogue's figures and texts of its groups, else its
    sentences on the question (an older report states no figures of the topic: 怎么做政策解读的)."""
    facts = _topic_facts(kb, report, intent)
    asked = cues.asked_unit_kind(question)
    if asked and facts and not any(cues.unit_kind(f.unit) == asked for f in facts):
        return passage(kb, report, question)            # "那公益金用了多少钱": no figure of the topic counts money
    stored = [stored_reports_line(kb.reports())] if intent == "ask_report_info" else []
    named = [w for w in _topic_words(kb, intent) if w in question]
    # a sentence holding the topic's own name needs less of the question's other words
    found = _good_passages(kb, report, question, NEAREST_COVERAGE if named else PASSAGE_COVERAGE / 2) \
        if not facts and question else []
    found = [p for p in found if any(w in p.text for w in named)] if named else found
    if found:
        return _quoted(report, found, question=question)
    if not facts:
        return Answer("\n".join(stored + [f"{report_name(report)}的年度报告没有提到这方面的内容。"]))
    absent = unsaid(kb, report, question)
    lines = stored + ([f"{report_name(report)}的年度报告没有提到“{'、'.join(absent)}”。"] if absent else [])
    lines += [f"{report_name(report)}年度报告中的相关内容："]
    lines += [f"· {f.metric_name}：{quote(f.text) if f.value is None else fact_value(f)}"
              for f in facts]
    said = _sentences_beside(kb, report, question, facts) if cues.asks_what(question) else []
    if said:
        lines += ["报告中说到这一点的是："] + [quote(p.text, PASSAGE_LIMIT, question) for p in said]
    return Answer(with_sources(lines + conflict_note(facts), [f.source for f in facts] + [p.source for p in said]),
                  metric=facts[0].metric_key if facts[0].value is not None else None)


def _sentences_beside(kb, report, question: str, facts) -> list:
    """"网站改了哪些地方": the report's sentences on what the question asks in words, beside the topic's
    figures, when they are not the figures' own sentences or texts."""
    shown = " ".join((f.sentence or "") + (f.text or "") for f in facts)
    return [p for p in _good_passages(kb, report, question, PASSAGE_COVERAGE / 2) if p.text not in shown]


def _group(kb, key: str) -> Optional[str]:
    metric = kb.metric(key)
    return metric.group if metric else None


def _name(kb, key: str) -> str:
    metric = kb.metric(key)
    return metric.name if metric else key


def explanation(kb, report, key: Optional[str]) -> Answer:
    """The full source of the figure the conversation is about: the report's words when it states the
    figure, else the stated figures it was added up from."""
    fact = kb.fact(key, report.id) if key else None
    if fact is None:
        return Answer("您想了解哪个数字的来由？请先问一个具体的数字，我会告诉您它出自报告的哪一部分。")
    parts = kb.parts_of(fact)
    if fact.value is None:
        return Answer(with_sources([f"这是报告原文的内容（{fact.metric_name}）：", quote(fact.text or "")],
                                   [fact.source]), metric=key)
    if not parts:
        where = fact.sentence or fact.cell or ""
        lines = [f"{fact.metric_name}是{fact_value(fact)}，这是报告原文写明的数字，不是推算出来的。",
                 f"原文：{quote(where)}" if where else ""]
        return Answer(with_sources([l for l in lines if l], [fact.source]), metric=key)
    lines = [f"{fact.metric_name}是{fact_value(fact)}。报告原文没有直接写明这个数字，"]
    if len(parts) == 1:
        lines[0] += f"报告只写明了{parts[0].metric_name}{fact_value(parts[0])}，没有提到其他部分，所以按这个数计。"
    else:
        lines[0] += "它是把报告写明的各项相加算出来的。"
        lines.append(f"计算方法：{' + '.join(f'{p.metric_name}{number(p.value)}' for p in parts)} = {number(fact.value)}。")
    # A table's group row adds up many sub-rows of one table: its own label names them all.
    return Answer(with_sources(lines, [p.source for p in parts] if len(parts) <= 3 else [fact.source]), metric=key)
