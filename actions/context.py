"""Reads what the conversation asks about: entities of the latest message, slots, the report."""
import re
from dataclasses import dataclass
from typing import List, Optional

import jieba
from rasa_sdk import Tracker

from actions import cues
from actions.answers import PART_OF, WORKLOAD, counts_what_is_asked, unexplained, unit_kinds
from actions.phrasing import QUOTING_LEADS, stored_reports_line
from knowledge.bodies import BodyMention, loosely_fits
from knowledge.cells import CellMatch
from knowledge.rank import QUESTION_WORDS, content_nouns


def recent_metrics(tracker: Tracker) -> List[str]:
    """The figures the answers before gave, the latest first."""
    return tracker.get_slot("recent_metrics") or []


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]
    return list(dict.fromkeys(str(v) for v in values if v))


def _year(value) -> Optional[int]:
    try:
        return int(float(value)) if value else None
    except (TypeError, ValueError):
        return None


def named_year(tracker: Tracker) -> Optional[int]:
    """The year the latest message names, if any."""
    return next((y for y in map(_year, entity_values(tracker, "year")) if y), None)


def _year_named_of(kb, tracker: Tracker, body: Optional[str]) -> Optional[int]:
    """The year the message names; of several ("2021年没办完、留到2022年的"), one the body has a report of."""
    years = [y for y in map(_year, entity_values(tracker, "year")) if y]
    return next((y for y in years if kb.report(body=body, year=y) is not None), years[0] if years else None)


def _years_not_stored(kb, tracker: Tracker, report) -> str:
    """"2017年主动公开了多少条，跟18年比怎么样": of the years named, those the body has no report of."""
    text = tracker.latest_message.get("text")
    missing = [y for y in dict.fromkeys(map(_year, entity_values(tracker, "year")))
               if y and kb.report(body=report.body, year=y) is None and not cues.year_carried_over(text, y, report.year)]
    if not missing:
        return ""
    years = "、".join(f"{y}年" for y in missing)
    return f"知识库里没有{report.body}{years}的年度报告，无法提供那一年的数字；以下是{report.year}年的："


def requested_year(tracker: Tracker) -> Optional[int]:
    """The year asked about before (the slot)."""
    return _year(tracker.get_slot("year"))


@dataclass
class ReportRequest:
    """The report a question is about (None when it is not stored, with the message saying so)."""
    report: Optional[object]
    missing: Optional[str] = None
    body: Optional[str] = None    # the stored body the talk stays with (only its year is missing, or another body is)
    year_named: bool = True       # False: no year named now or before, so the latest report answers
    instead_of: Optional[object] = None  # the latest report, when another year's answers instead
    year_talked_about: Optional[int] = None  # kept when the year asked is one after or before it ("第二年呢")
    preface: str = ""             # said before the answer: whose report answers, when the question named none


def requested_report(kb, tracker: Tracker) -> ReportRequest:
    """The report of the body the question names (stored bodies are read from the knowledge base at run
    time, full or shortened), else of the body asked about before, else of the deployment's own body;
    for the year named, else the year asked about before — unless the body changed — else the latest."""
    mention = kb.find_body(tracker.latest_message.get("text") or "")
    stored = stored_reports_line(kb.reports())
    current = tracker.get_slot("body")
    kind = kb.body_of_the_kind_named(tracker.latest_message.get("text")) if mention is None and not current else None
    if kind is not None:
        mention = BodyMention(kind, kind)               # "办公厅被申请复议几件" with one 办公厅 stored
    if mention is not None and mention.body is None:
        loose = [b for b in ([current] if current else kb.bodies()) if loosely_fits(mention.name, b)]
        if len(loose) == 1:  # "上海市政府网站" with 上海市人民政府办公厅 stored (or being talked about): that body
            mention = BodyMention(loose[0], mention.name) if not current else None
    if mention is not None and mention.body is None:   # the talk goes on about the body and year it was about
        return ReportRequest(None, f"知识库里没有“{mention.name}”的年度报告，所以无法回答它的数字。{stored}",
                             current, year_talked_about=_year_before_this_message(tracker) if current else None)
    body = mention.body if mention else current
    year, before = _year_named_of(kb, tracker, body), requested_year(tracker)
    shown = _year_before_this_message(tracker) or _latest_year(kb, body)
    shift = _year_shift(tracker) if year is None and shown else 0
    if shift:
        year = shown + shift                            # "第二年平潭收到了多少件": the year after the one talked about
    if year is not None and year == (shown or 0) + 1 and cues.asks_about_plans(tracker.latest_message.get("text")) \
            and not (mention and mention.body != current):
        year = shown                                    # the report of 2019 says what it plans for 2020
    if year is not None and shown and cues.year_carried_over(tracker.latest_message.get("text"), year, shown):
        year = shown                                    # "加上2018年结转的" asked of 2019: its 上年结转
    if year is None and not (mention and mention.body != current):
        year = before
    if mention is None and current is None:
        other = another_bodys_report(kb, tracker.latest_message.get("text") or "", year)
        if other is not None:
            return other
    report = kb.report(body=body, year=year)
    if report is not None and year is None:
        return report_that_says(kb, report, tracker.latest_message.get("text") or "")
    if report is not None:
        return ReportRequest(report, preface=_years_not_stored(kb, tracker, report))
    if body and kb.report(body=body) is None:
        return ReportRequest(None, f"知识库里没有“{body}”的年度报告，所以无法回答它的数字。{stored}")
    latest = kb.report(body=body)
    who = latest.body if latest else (body or "该机关")
    return ReportRequest(None, f"知识库里没有{who}{year}年的年度报告，我不能提供那一年的数字。{stored}",
                         latest.body if latest else None, year_talked_about=shown if shift else None)


def _year_before_this_message(tracker: Tracker) -> Optional[int]:
    """The year asked about before this message: Rasa fills the slot from the message's own year first,
    so it is the slot's value before the latest user event (the slot itself when there are no events)."""
    events = [(e.get("event"), e.get("name"), e.get("value")) for e in tracker.events or []]
    users = [i for i, (kind, _, _) in enumerate(events) if kind == "user"]
    if not users:
        return requested_year(tracker)
    earlier = [value for kind, name, value in events[:users[-1]] if kind == "slot" and name == "year"]
    return _year(earlier[-1]) if earlier else None


def _latest_year(kb, body: Optional[str]) -> Optional[int]:
    latest = kb.report(body=body) if body else None
    return latest.year if latest else None


# A question that names no year is about the body's latest report, unless that report hardly speaks of
# it and another year's clearly does (the coverage of their best sentences, as for passages).
SAYS_LITTLE = 0.3
COUNTED_ELSEWHERE = 0.12     # a sentence counting right after the question's nouns needs less of its other words
SAYS_IT = 0.4
CLEARLY_MORE = 1.5


def other_years(kb, report) -> list:
    """The body's reports of the other years."""
    return [r for r in kb.reports() if r.body == report.body and r.id != report.id]


def _said(kb, report, text: str) -> float:
    """How much of the question the report's best sentence covers."""
    return max((p.coverage for p in kb.passages(text, report.id, 1)), default=0.0)


def _counted(kb, report, text: str) -> float:
    """How much of a count question the report's best sentence stating a count right after one of its
    nouns covers ("新媒体数量70个")."""
    nouns = [w for n in content_nouns(text) for w in (n, n[-3:]) if len(w) >= 2]    # 政务新媒体: 新媒体 too
    return max((p.coverage for p in kb.passages(text, report.id, 3) if cues.counts_right_after(nouns, p.text)),
               default=0.0)


def report_that_says(kb, latest, text: str) -> ReportRequest:
    """The latest report of the body, or the report of another year that its words are about ("12345便民
    平台收到多少咨询投诉" when only the report of 2018 counts them); for a count the latest states nowhere, the
    report that states one right after the question's words ("开了多少个政务新媒体": 2018's 新媒体数量70个)."""
    own = _said(kb, latest, text) if text else 1.0
    if own >= SAYS_LITTLE:
        return ReportRequest(latest, year_named=False)
    others = [(_said(kb, r, text), r.year, r) for r in other_years(kb, latest)]
    best, _, other = max(others, key=lambda o: o[:2], default=(0.0, 0, None))
    if best >= max(SAYS_IT, own * CLEARLY_MORE):
        return ReportRequest(other, instead_of=latest)
    if cues.asks_a_count(text) and not _counted(kb, latest, text) and not _answers_it(kb, latest, text):
        counting = [(_counted(kb, r, text), r.year, r) for r in other_years(kb, latest)]
        best, _, other = max(counting, key=lambda o: o[:2], default=(0.0, 0, None))
        if best >= COUNTED_ELSEWHERE:
            return ReportRequest(other, instead_of=latest)
    return ReportRequest(latest, year_named=False)


def _answers_it(kb, report, text: str) -> bool:
    """The report states a figure the question's words name, and its words explain the question's nouns."""
    stated = [f for f in (kb.fact(k, report.id) for k in kb.metrics_a_question_asks(text)) if f is not None]
    return bool(stated) and not unexplained(kb, report, text, stated)


# A question naming no body goes to another body's report only when the deployment's own reports say
# next to nothing of it and one other body's report plainly does.
SAYS_NOTHING = 0.2
SAYS_IT_PLAINLY = 0.4
PLAINLY_MORE = 2.0
AHEAD_OF_THE_NEXT = 1.2


def another_bodys_report(kb, text: str, year: Optional[int]) -> Optional[ReportRequest]:
    """The first question of a talk names no body and the deployment's own body cannot answer it: the one
    stored report of that year ("19年主动公开了多少规章" with only 上海市人民政府办公厅 of 2019 stored), or the
    one other body's report that plainly speaks of it in words the own reports never use ("好差评差评占多少") —
    said to be another body's."""
    home = kb.home_body()
    if year is not None:
        of_the_year = [r for r in kb.reports() if r.year == year]
        if kb.report(body=home, year=year) is not None or len({r.body for r in of_the_year}) != 1:
            return None
        report = kb.report(body=of_the_year[0].body, year=year)
        return ReportRequest(report, preface=f"知识库里没有{home}{year}年的年度报告；{year}年的报告只有"
                                             f"{report.body}的，以下据它回答。")
    own = max((_said(kb, r, text) for r in kb.reports() if r.body == home), default=0.0)
    if own >= SAYS_NOTHING:
        return None
    ranked = sorted(((_said(kb, r, text), r.year, r) for r in kb.reports() if r.body != home),
                    key=lambda o: o[:2], reverse=True)
    if not ranked or ranked[0][0] < max(SAYS_IT_PLAINLY, own * PLAINLY_MORE):
        return None
    best, _, report = ranked[0]
    if any(r.body != report.body and said * AHEAD_OF_THE_NEXT > best for said, _, r in ranked[1:]):
        return None
    if not kb.words_only_in(text, report.id, [r.id for r in kb.reports() if r.body == home]):
        return None                                     # "重点领域都公开了哪些信息": the own report uses all its words
    return ReportRequest(report, preface=f"问题没有说是哪个机关。{home}的年度报告没有谈到这一点；"
                                         f"{report.body}{report.year}年的报告谈到了：")


def report_stating(kb, request: ReportRequest, metrics: List[str]) -> ReportRequest:
    """A yearless question naming figures that the latest report does not state and another year's does
    ("微博和微信一共发了多少条" when only the report of 2018 counts them): that year's report."""
    latest = request.report
    if latest is None or request.year_named or not metrics or any(kb.fact(m, latest.id) for m in metrics):
        return request
    stating = [r for r in other_years(kb, latest) if all(kb.fact(m, r.id) is not None for m in metrics)]
    return ReportRequest(max(stating, key=lambda r: r.year), instead_of=latest) if stating else request


def named_metrics(kb, tracker: Tracker, report=None, derivation: Optional[str] = None) -> List[str]:
    """Metric keys the latest message names: NLU's, made precise by the table cell its row and column
    words name ("个人申请了多少" is 表三's 本年新收 / 自然人), the cell alone when NLU found none, and the
    head figure of a noun no other names ("复议和诉讼一共多少": 诉讼)."""
    text = tracker.latest_message.get("text") or ""
    named = (_cells_of_each_unit(kb, text, report) if report else []) or _named_by_words(kb, tracker, text, report)
    named += [m.key for m in kb.find_metrics(text) if not m.in_nlu and m.key not in named   # NLU does not know
              and report is not None and _stated_by_the_body(kb, m.key, report)]              # these
    named = _named_by_the_question_form(kb, tracker, text, report, named)
    named = _wholes_beside_parts(kb, text, named) + named
    if derivation == "total":
        named += _other_part_of_the_workload(text, named)
    if derivation and len(named) < 2 and report is not None:
        named = _cells_compared(kb, text, report) or named
    named = named + heads_of_unnamed(kb, text, report, named, bool(derivation))
    if not named and report is not None and cues.asks_a_count(text):
        named = [key for key in [kb.row_named_loosely(text, report.id)] if key]   # "补正以后还是没说清楚的有几件"
    named = list(dict.fromkeys(_counted_in_the_unit_asked(kb, key, text, report) for key in named)) \
        or _just_counted_in_another_unit(kb, tracker, text, report)
    named = _without_groups_of_parts(kb, text, named)
    named = _the_other_cases_outcomes(kb, tracker, text, report, named)
    if not derivation and _WITHIN.search(text) or derivation == "total":   # "办结的里面同意公开的": the part;
        named = [m for m in named if not any(PART_OF.get(other) == m for other in named)]   # a whole is no addend
    if cues.asks_cumulative(text):          # "历年累计主动公开了多少": the 统计表's 历年累计 cell, also of the
        asked = named or [m for m in [tracker.get_slot("metric")] if m and kb.cumulative_of(m)  # figure just given
                          and not _of_another_figure(kb, m, cues.without_cumulative(text))]
        if derivation == "ratio" and len(asked) == 1:    # "这一年占累计的百分之几": the year's over the years'
            return [kb.yearly_of(asked[0]), kb.cumulative_of(asked[0])]
        named = [kb.cumulative_of(key) or key for key in asked]
    return named


CASE_OUTCOMES = ("upheld", "corrected", "other", "pending")


def _the_other_cases_outcomes(kb, tracker: Tracker, text: str, report, named: List[str]) -> List[str]:
    """"诉讼那边呢" right after how many reviews were upheld and left pending: the lawsuits' own figures of
    those outcomes (of each kind of lawsuit the report states them for), not their total."""
    if report is None or len(named) != 1 or not named[0].endswith(".total") or not cues.sounds_like_a_follow_up(text):
        return named
    family = named[0].split(".")[0]
    recent = recent_metrics(tracker)
    asked = [m.rsplit(".", 1)[1] for m in recent[:len(CASE_OUTCOMES)]
             if m.startswith(CASES_BROUGHT) and not m.startswith(family) and m.rsplit(".", 1)[1] in CASE_OUTCOMES]
    if not asked:
        return named
    outcomes = [m.key for outcome in dict.fromkeys(reversed(asked)) for m in kb.metrics()
                if m.key.startswith(family + ".") and m.key.endswith("." + outcome)
                and getattr(kb.fact(m.key, report.id), "value", None) is not None]
    return outcomes or named


def _named_by_the_question_form(kb, tracker: Tracker, text: str, report, named: List[str]) -> List[str]:
    """The figures the form of the question asks for, beside or instead of those its words named: whether
    anyone applied, what was disclosed of the requests, and the counts read as their answering sentences."""
    if not named and cues.asks_if_anyone_applied(text):
        named = ["requests.received"]   # "有没有人找政府申请信息公开的"
    if not named and cues.asks_what_is_left(text) and not cues.asks_why_of_an_outcome(text) \
            and _about_the_requests(tracker, text):
        named = ["requests.carried_forward"]   # "还剩下一件是怎么回事" after the requests: the one carried forward
    if set(named) <= set(WHOLES_OF_THE_OUTCOMES) and cues.asks_what_was_disclosed(text) \
            and _about_the_requests(tracker, text):
        named = list(DISCLOSING)        # "其中公开了几件", "办完的那些里面公开了多少": 予以公开 and 部分公开
    if report is None:
        return named
    read = [key for key in _counts_read_as_answered(kb, tracker, text, bool(named))   # "主动公开了多少条信息"
            if key not in named and _stated_by_the_body(kb, key, report)]
    return read + named if read and _ASKS.search(text).start() == 0 else named + read   # in the order asked


DISCLOSING = ("requests.granted", "requests.partly_granted")
WHOLES_OF_THE_OUTCOMES = ("requests.completed", "requests.received")
_HANDLED = re.compile(r"申请|办结|办完|办理|答复")


def _about_the_requests(tracker: Tracker, text: str) -> bool:
    """The question or the figure talked about is of the requests for information."""
    return _HANDLED.search(text) is not None or (tracker.get_slot("metric") or "").startswith("requests.")


_ASKS = re.compile(r"[^？?！!；;。]*?(?:多少|几)[^？?！!；;。]*")


def _counts_read_as_answered(kb, tracker: Tracker, text: str, named: bool) -> List[str]:
    """The figures the counts asked would be in the sentences answering them: the whole question's when
    nothing named one, else those of each count asked in a sentence of its own that names none ("收到几份
    申请？个人申请的有多少": the first; "答复了多少件？有拖到下一年的吗": the first)."""
    if not named:
        return kb.metrics_a_question_asks(text)
    spans = [(e.get("start", -1), e.get("end", -1)) for e in tracker.latest_message.get("entities", [])
             if e.get("entity") == "metric"]
    return [key for ask in _ASKS.finditer(text) if not any(ask.start() <= s and e <= ask.end() for s, e in spans)
            for key in kb.metrics_a_question_asks(ask.group(0))]


def _stated_by_the_body(kb, key: str, report) -> bool:
    return any(kb.fact(key, r.id) is not None for r in kb.reports() if r.body == report.body)


def _counted_in_the_unit_asked(kb, key: str, text: str, report) -> str:
    """"微博和微信公众号分别几个": of the figures whose names hold the words that named this one, the one the
    report counts in the very unit asked (the accounts, 个), when this one is never counted in it (posts, 条)
    and the two share no unit (个人申请的有几个: a request is still a request)."""
    return _counted_in(kb, key, cues.asked_unit(text), text, report)


def _counted_in(kb, key: str, unit: Optional[str], text: str, report) -> str:
    metric = kb.metric(key)
    if report is None or not unit or metric is None or unit in _units(metric):
        return key
    words = [w for w in (metric.name, *metric.synonyms) if len(w) >= 2 and w in text] \
        + [w for w in content_nouns(text) if len(w) >= 2 and w in metric.name]      # "微博微信各几个": 微信
    pairs = {w[i:i + 2] for w in words for i in range(len(w) - 1)}     # 微信号: 微信
    return next((m.key for m in kb.metrics() if m.key != key and unit in _units(m)
                 and not _units(metric) & _units(m)         # accounts (个), not posts (条): another kind
                 and any(p in m.name for p in pairs) and kb.fact(m.key, report.id) is not None), key)


def _just_counted_in_another_unit(kb, tracker: Tracker, text: str, report) -> List[str]:
    """"它们各发了多少条信息" after "微博微信各几个": the things just counted, each counted in the unit now asked
    (the accounts' posts), read with the words that named them."""
    if report is None or not (cues.refers_to_before(text) and cues.asks_each(text)):
        return []
    asked = f"{text}，{question_before(tracker, always=True)}"
    recent = recent_metrics(tracker)
    counted = [_counted_in_the_unit_asked(kb, key, asked, report) for key in recent]
    return list(dict.fromkeys(counted)) if counted and all(new != old for new, old in zip(counted, recent)) else []


THINGS_COUNTED = ("个", "项", "家")     # the units of accounts, projects and bodies an average is taken over


def per_item_terms(kb, tracker: Tracker, named: List[str], report) -> List[str]:
    """"微信平均每个号发了多少条": what is counted (the posts) and the things it is counted over (the accounts,
    found by the words that named the posts); "平均一个项目多少钱" after a count and an amount: those two."""
    text = tracker.latest_message.get("text") or ""
    candidates = list(dict.fromkeys([*named, *recent_metrics(tracker)[:2]]))
    things = [k for k in candidates if kb.metric(k) and _units(kb.metric(k)) & set(THINGS_COUNTED)] if report else []
    counted = [k for k in candidates if k not in things]
    if not counted:
        return named
    if not things:
        things = [other for unit in THINGS_COUNTED for other in [_counted_in(kb, counted[0], unit, text, report)]
                  if other != counted[0]][:1]
    return [counted[0], things[0]] if things else named


def _units(metric) -> set:
    return set(metric.units or (metric.unit,))


def _of_another_figure(kb, key: str, text: str) -> bool:
    """Whether a word of the question that figures' names use is not this figure's ("公开" after the reviews:
    not the reviews' 历年累计; "16年这一年" names no figure)."""
    own = "".join(kb.metric(k).name for k in {key, kb.yearly_of(key), kb.cumulative_of(key)} if k and kb.metric(k))
    names = [m.name for m in kb.metrics()]
    return any(w not in own and any(w in name for name in names)
               for w in jieba.lcut(text) if len(w) >= 2 and w not in QUESTION_WORDS)


_WITHIN = re.compile(r"里面|里头|当中|之中|其中|中间")


def _without_groups_of_parts(kb, text: str, named: List[str]) -> List[str]:
    """"信访举报投诉类被不予处理的有多少": the group named beside its own sub-row qualifies it, unless the
    question asks several counts ("不予公开几件，其中国家秘密几件")."""
    if len(re.findall(r"多少|几", text)) > 1:
        return named
    return [m for m in named if not any(other != m and kb.sums_the_row_of(m, other) for other in named)]


_BESIDE = r"的?(?:和|加上?|与|及|跟|同|、|，|,)"


def _wholes_beside_parts(kb, text: str, named: List[str]) -> List[str]:
    """"公开和部分公开": the bare word beside a 部分 figure names the figure of the whole kind (予以公开)."""
    out = []
    for metric in filter(None, map(kb.metric, named)):
        word = metric.name[2:] if metric.name.startswith("部分") else ""
        if word and re.search(rf"(?<!部分){word}{_BESIDE}部分{word}|部分{word}{_BESIDE}(?:予以|全部)?{word}", text):
            whole = next((m.key for m in kb.metrics() if m.name in ("予以" + word, "全部" + word)), None)
            out += [whole] if whole and whole not in named else []
    return out


# In a sum of the requests received or of those carried over (answers.WORKLOAD), a word of the other
# names it ("新收的加结转的").
_WORKLOAD_WORDS = (re.compile(r"收到|新收|接收|新来"), re.compile(r"结转(?!下|到下|至下|到明|明年)"))


def _other_part_of_the_workload(text: str, named: List[str]) -> List[str]:
    return [key for key, words in zip(WORKLOAD, _WORKLOAD_WORDS)
            if key not in named and any(k in named for k in WORKLOAD) and words.search(text)]


def _cells_compared(kb, text: str, report) -> List[str]:
    """Several stated cells of one row named by their columns ("规范性文件制发的比废止的多几件"), or
    of several rows ("处罚和强制加起来")."""
    cells = [m.key for m in kb.cells_of_row_named(text, report.id) if m.column_named and kb.fact(m.key, report.id)]
    if len(cells) < 2:
        cells = [m.key for m in kb.cells_of_rows_named(text, report.id)]
    return [kb.prose_key(c) for c in cells] if len(cells) >= 2 else []


CASES_BROUGHT = ("review", "litigation", "table4")    # the reviews and lawsuits brought against the body


def _change_column(kb, match: CellMatch, report) -> CellMatch:
    """"行政事业性收费项目是多了还是少了": a row whose table states its year's change (本年增/减) answers with it."""
    change = match.key.rsplit(".", 1)[0] + ".change"
    return CellMatch(change, True, match.row_span) if kb.fact(change, report.id) is not None else match


def _named_by_words(kb, tracker: Tracker, text: str, report) -> List[str]:
    named = [m for m in entity_values(tracker, "metric") if counts_what_is_asked(kb, m, text)]
    context = tracker.get_slot("metric")
    match = kb.cell_named(text, report.id, context) if report else None
    if match is not None and context and not counts_what_is_asked(kb, match.key, text):
        match = kb.cell_named(text, report.id)    # "收费项目有几项": the row's count, not the amount NLU's word names
    if match is not None and not match.column_named and cues.asked_unit_kind(text):
        match = _cell_counted_as_asked(kb, text, report, match)
    chosen_by_its_own_figure = context in entity_values(tracker, "metric")   # the slot Rasa just filled from it
    if match is not None and (not match.column_named or chosen_by_its_own_figure) and cues.derivation_asked(text) == "change":
        match = _change_column(kb, match, report)
    if match is None or not counts_what_is_asked(kb, match.key, text):
        return named
    inside = _inside(tracker, match.row_span)
    if inside:   # "复议以后再起诉的": the row names more than the figure NLU found inside it (复议), stated or not
        named = [m for m in named if m not in inside] + [kb.prose_key(match.key)]
    key = kb.prose_key(match.key)
    if kb.fact(match.key, report.id) is not None:   # "因为要另行制作而无法提供的": the part, not NLU's whole
        named = list(dict.fromkeys(key if kb.sums_the_row_of(m, key) else m for m in named))
    if not named:  # a row named without a column is a figure only when a count is asked, or in a follow-up
        asks = match.column_named or cues.asks_a_count(text) or cues.sounds_like_a_follow_up(text) \
            or cues.asks_existence(text) or cues.asks_a_case_outcome(text) and key.startswith(CASES_BROUGHT) \
            and cues.has("cue_remedy", text)
        return [key] if asks else []                    # "诉讼结果": the lawsuits, whose outcomes are asked
    if not match.column_named or kb.fact(match.key, report.id) is None:
        return named  # the narrower cell only when the report states it
    row = match.key.rsplit(".", 1)[0]
    return list(dict.fromkeys(key if (kb.cell_of(m) or "").rsplit(".", 1)[0] == row else m for m in named))


def _cells_of_each_unit(kb, text: str, report) -> List[str]:
    """"政府集中采购了几个项目，花了多少钱": of the row named, the stated cell of each kind of unit asked."""
    kinds = cues.asked_unit_kinds(text)
    if len(kinds) < 2:
        return []
    named = kb.cell_named(text, report.id)
    cells = kb.row_cells(named.key.rsplit(".", 1)[0]) if named else []
    chosen = [next((c for c in cells if kind in unit_kinds(kb.metric(c)) and kb.fact(c, report.id)), None)
              for kind in kinds]
    found = list(dict.fromkeys(c for c in chosen if c))
    return [kb.prose_key(c) for c in found] if len(found) >= 2 else []


def _cell_counted_as_asked(kb, text: str, report, match):
    """"政府集中采购花了多少钱": of the row named, the stated cell counted in the unit asked (金额, not 项目数)."""
    wanted = cues.asked_unit_kind(text)
    if wanted in unit_kinds(kb.metric(match.key)):
        return match                 # "规范性文件新发了几个": its count, read or not — not another column's stated one
    counted = [cell for cell in kb.cells_of_row_named(text, report.id) if wanted in unit_kinds(kb.metric(cell.key))]
    chosen = next((c for c in counted if kb.fact(c.key, report.id) is not None), counted[0] if counted else None)
    return CellMatch(chosen.key, True, chosen.row_span) if chosen else match


def _inside(tracker: Tracker, span) -> List[str]:
    """Metrics NLU found within a span of the text that is longer than their own words."""
    start, end = span
    return [str(e.get("value")) for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "metric" and "start" in e and start <= e["start"] and e["end"] <= end
            and e["end"] - e["start"] < end - start]


def heads_of_unnamed(kb, text: str, report, named: List[str], derives: bool = False) -> List[str]:
    """Figures for nouns that no figure named holds, in a count or a follow-up naming none ("那诉讼呢")
    or a sum or share of several ("复议加诉讼一共多少"): each noun's head figure
    (KnowledgeBase.head_metric), when the report gives it."""
    follow_up = cues.sounds_like_a_follow_up(text)
    joined = bool(named) and not derives and cues.asks_a_count(text)
    counted = cues.asks_a_count(text) or follow_up
    outcome = not named and not counted and cues.asks_a_case_outcome(text) and cues.has("cue_remedy", text)   # "诉讼结果"
    asks = (derives or joined or follow_up) if named else counted or outcome or derives
    if report is None or not asks:
        return []
    words = "".join(m.name + "".join(m.synonyms) for m in filter(None, map(kb.metric, named)))
    nouns = content_nouns(text) or [cues.follow_up_core(text)]
    if derives:   # in the order the question names them: "提案比建议多几件" takes 建议 from 提案
        sides = [side if kb.head_metric(side, report.id) else next(iter(content_nouns(side)), side)
                 for side in cues.compared_sides(text)]   # "发布会场数": 发布会
        side_heads = [kb.head_metric(side, report.id) for side in sides]
        if not all(head and counts_what_is_asked(kb, head, text) for head in side_heads):
            return []                                     # one side no figure of the question's: no comparison
        nouns = sorted(nouns + [side for side in sides if side not in nouns], key=text.find)
    if joined and not follow_up:   # "规章和规范性文件各多少": a noun joined to the one named counts a figure of the same kind
        beside = f"(?:{_BESIDE})?" if cues.asks_each(text) else _BESIDE   # "微博微信各发了多少": side by side, each
        nouns = [n for n in nouns if re.search(rf"{re.escape(n)}{beside}|{beside}{re.escape(n)}", text)]
    heads = [kb.head_metric(noun, report.id) for noun in nouns if len(noun) >= 2 and noun not in words]
    kinds = {_family(m) for m in named}
    return [h for h in dict.fromkeys(heads) if h and h not in named and counts_what_is_asked(kb, h, text)
            and (derives or not named or _family(h) in kinds) and (not outcome or h.startswith(CASES_BROUGHT))]


def _family(metric: str) -> str:
    """The kind of figure a key is: the reviews and lawsuits brought are one ("复议和诉讼各多少件")."""
    return "cases" if metric.startswith(CASES_BROUGHT) else metric.split(".")[0]


def requested_metrics(kb, tracker: Tracker, named: List[str]) -> List[str]:
    """The metric keys the latest message names (named_metrics), else the one the conversation was about."""
    if named or entity_values(tracker, "metric"):  # a figure named but not stated is no cue to the last one
        return named
    slot = tracker.get_slot("metric")
    text = tracker.latest_message.get("text") or ""
    return [slot] if slot and counts_what_is_asked(kb, slot, text) else []


def refers_back(tracker: Tracker, derivation: Optional[str] = None) -> bool:
    """"两个合起来": the figures of the previous answers, not ones named now — also a bare "一共多少"
    right after two figures of one kind were given (建议21件、提案39件)."""
    text = tracker.latest_message.get("text") or ""
    if cues.has("cue_refers_back", text) or cues.referred_count(text):
        return True
    recent = recent_metrics(tracker)[:2]
    return derivation == "total" and tracker.get_slot("last_answer") == "statistic" and len(recent) == 2 \
        and len({_kind_of(m) for m in recent}) == 1


def _kind_of(metric: str) -> str:
    """What a figure counts: reviews and lawsuits are both cases brought against the body."""
    return "remedies" if metric.startswith(("review.", "litigation.")) else metric.split(".")[0]


SHORT_QUESTION = 8     # characters: "办完多少了" names no subject of its own


def question_before(tracker: Tracker, short_too: bool = False, always: bool = False) -> str:
    """The citizen's message before the latest one, when the latest leans on it ("这些呢"), or, short_too,
    is too short to name its own subject ("办完多少了"), or always."""
    text = tracker.latest_message.get("text") or ""
    if not (always or cues.refers_to_before(text) or short_too and len(re.sub(r"\W", "", text)) <= SHORT_QUESTION):
        return ""
    said = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return said[-2] if len(said) >= 2 else ""


def sum_just_given(tracker: Tracker) -> List[str]:
    """The figures the answer before added up, when it was a sum ("公开和部分公开加一块" → 11)."""
    return list(tracker.get_slot("summed") or [])


def _year_shift(tracker: Tracker) -> int:
    """"第二年…" and "前一年…" move from the year talked about; so does "去年具体是多少" right after asking how
    the year compared with the one before it (its 去年 is that year's, not today's)."""
    text = tracker.latest_message.get("text") or ""
    compared = cues.asks_a_change_on_last_year((questions_before(tracker, 1) + [""])[0])
    return cues.year_shift(text) or (-1 if compared and cues.asks_last_years_figure(text) else 0)


def answered_in_words(tracker: Tracker) -> bool:
    """The last answer quoted the report's sentences ("…年度报告写明：“…”") rather than giving figures."""
    said = next((e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "bot"), "")
    return said.split("\n", 1)[0].endswith(QUOTING_LEADS)


def questions_before(tracker: Tracker, count: int) -> List[str]:
    """The citizen's last `count` messages before the latest one, newest first."""
    said = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return list(reversed(said[-count - 1:-1]))


# Entities that hold for the whole message, whichever of its questions names them ("…有多少用户？微博粉丝呢，
# 2019年报里说的": 2019 for both).
MESSAGE_WIDE = ("body", "year")


def question_apart(tracker: Tracker, span: tuple, asked_before: List[str], events: List[dict]) -> Tracker:
    """The conversation as if the question in `span` of the latest message were asked on its own, after the
    message's questions before it (`asked_before`) were asked and answered (their slot `events`)."""
    message = tracker.latest_message
    text, (start, end) = message.get("text") or "", span
    entities = message.get("entities", [])
    own = [dict(e, start=e["start"] - start, end=e["end"] - start) for e in entities
           if start <= e.get("start", -1) and e.get("end", -1) <= end]
    carried = set().union(*cues.years_carried_over(text))       # "加上2018年结转的…，最后答复了多少": 2019's
    wide = [e for e in entities if e.get("entity") in MESSAGE_WIDE and e.get("entity") not in {o["entity"] for o in own}
            and not (e.get("entity") == "year" and _year(e.get("value")) in carried)]
    if cues.asks_what_was_done(text[:start]) and not content_nouns(text[start:end]):   # "…是怎么搞的，发了多少":
        wide += [e for e in entities if e.get("entity") == "metric" and e.get("end", 0) <= start]   # of what it named
    intent = message.get("intent") or {}
    if asked_before and not cues.asks_a_count(text[start:end]):
        intent = {"name": "inform", "confidence": intent.get("confidence", 1.0)}   # "…？微博粉丝呢": a follow-up
    latest = dict(message, text=text[start:end], entities=own + wide, intent=intent)
    slots = dict(tracker.slots)
    slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    said = [e for i, e in enumerate(tracker.events) if (not users or i < users[-1]) and e.get("event")]
    history = said + [{"event": "user", "text": asked} for asked in asked_before + [latest["text"]]]
    history[-1:-1] = events
    return Tracker(tracker.sender_id, slots, latest, history, False, None, {}, "action_listen")
