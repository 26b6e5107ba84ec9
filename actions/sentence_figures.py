"""Sums, differences and shares of the figures one report sentence states side by side in words
("区管委会及区直各部门主动公开政府信息1592条……各乡镇主动公开政府信息477条"): what older reports give in
their prose only, where no catalogue figure names the parts asked about."""
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence

from actions import cues
from actions.phrasing import REPORT_STATES, amount, number, percent, quote, report_name, with_sources
from knowledge.bodies import name_forms
from knowledge.rank import GENERIC_NOUNS, QUESTION_WORDS, YEARS, content_nouns, holds

# Where a figure's words begin: the end of the clause or of the figure before it.
_CLAUSE_END = re.compile(r"[，,、；;：:（()）。！？!?]|其中|共计|合计|累计")
# The words of a whole ("全区共…", "总数"): the figure a share is of, when the question names none.
_WHOLE = re.compile(r"共|全|总|合计|累计|收到|受理")
QUOTE_LIMIT = 160
MIN_SHARED = 4
_ARITHMETIC = re.compile(r"[共总合计加占比多少几和与及跟同]")     # words of the sum or share asked name no figure
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# A change a sentence states from one figure to another ("群众等候时间由42分钟缩至19分钟"), and a question
# asking its amount ("缩短了多少分钟").
_FROM_TO = re.compile(r"(?:由|从)\s*(\d+(?:\.\d+)?)\s*([^\d\s，,。；;]{0,3}?)\s*"
                      r"(?:缩短|缩减|压缩|缩|降低|下降|减少|降|减|提高|提升|增加|增长|上升|增)(?:至|到|为)\s*(\d+(?:\.\d+)?)\s*\2")
_ASKS_THE_CHANGE = re.compile(r"(?:缩短|缩减|压缩|减少|降低|下降|提高|提升|增加|增长|上升|节省|(?:快|少|多)[\u4e00-\u9fff]?)了?\s*(?:多少|几)")


@dataclass(frozen=True)
class SentenceFigure:
    words: str          # the sentence's words around the figure, from the clause's start to the next figure
    value: float
    raw: str
    unit: str
    sentence: str


def figures_of(sentence: str, numbers: Sequence[dict], percents: bool = False) -> List[SentenceFigure]:
    """The figures of a sentence (kb.numbers rows of it, in order), each with the words that say what it counts;
    with percents, its percentages too ("好评数占评价总数99.58%"), which are added and compared in points."""
    found, at = [], 0
    for n in numbers:
        start = sentence.find(n["raw"], at)
        if start < 0 or n["value"] is None:
            continue
        found.append((start, _figure(sentence, start, n["raw"], float(n["value"]), n["unit"] or "")))
        at = start + len(n["raw"])
    if percents:
        found += [(m.start(), _figure(sentence, m.start(), m.group(0), float(m.group(1)), PERCENT))
                  for m in _PERCENTAGE.finditer(sentence)]
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


PERCENT = "%"
_PERCENTAGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")


def _figure(sentence: str, start: int, raw: str, value: float, unit: str) -> SentenceFigure:
    end = start + len(raw)
    begins = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    tail = _CLAUSE_END.search(sentence, end)
    return SentenceFigure(sentence[begins:start] + sentence[end:tail.start() if tail else len(sentence)],
                          value, raw, unit, sentence)


def _asked_words(question: str) -> List[str]:
    import jieba

    return [w for w in dict.fromkeys(jieba.cut(YEARS.sub(" ", question)))
            if len(w) >= 2 and w not in QUESTION_WORDS and not re.search(r"\d", w)]


def _phrases_shared(question: str, figures: List[SentenceFigure], shortest: int = MIN_SHARED) -> List[str]:
    """The longest stretches of the question (four characters or more, unless told) that a figure's words hold
    as they are: a label read off the report ("“其他应主动公开”那一类") names its figure whole, though each
    of its words alone is a catalogue word; two characters find the words a question's cut splits
    ("好评差评加起来": 差评, cut 差 | 评加)."""
    found = []
    for figure in figures:
        text, i = figure.words, 0
        while i < len(question):
            length = next((n for n in range(len(question) - i, shortest - 1, -1) if question[i:i + n] in text), 0)
            if length and _CJK_ONLY.match(question[i:i + length]):
                found.append(question[i:i + length])
            i += max(length, 1)
    return sorted(dict.fromkeys(found), key=question.find)


def _named(figures: List[SentenceFigure], words: List[str]) -> List[SentenceFigure]:
    """The figures the question names, in its order: for each of its words that some but not all of the
    sentence's figures hold (of a list, at most half of them), the first figure holding it, one counting in the first one's unit if any."""
    named, naming = [], []
    for word in words:
        if any(word in longer for longer in naming):
            continue                 # 文件 of 其他文件, which named its figure
        holding = [f for f in figures if word in f.words] or [f for f in figures if holds(f.words, word)]
        holding.sort(key=lambda f: bool(named) and f.unit != named[0].unit)
        if len(holding) >= LIST_MIN and len(holding) > len(figures) / 2:
            continue                 # 信息 of eight categories in nine: the list's word, not one category's
        if holding and len(holding) < len(figures) and holding[0] not in named:
            named.append(holding[0])
            naming.append(word)
    return named


def derive(kb, report, derivation: Optional[str], question: str, before: str = "", unstated: bool = False,
           precise: bool = False) -> Optional[str]:
    """The answer's text: the sum, difference or share asked, of figures that the sentences the question
    (or the one before it) finds state side by side; None unless the question names each of them, by a
    word beyond the catalogue — or any word, when the report states none of the catalogue's figures it names;
    precise, a share the report rounds is computed too."""
    if derivation == "ratio" and cues.asks_a_rate(question):
        return None                  # 公开率, 办结率: a rate the report states, not a share of two figures here
    pool = _pool(kb, report, question, before, counting=unstated,
                 percents=derivation in ("total", "difference", "change", "ratio"))
    figures = [f for _, f in pool]
    words = list(dict.fromkeys(cues.compared_sides(question) + _asked_words(question)    # 好评 and 差评 of 好评比差评
                               + [w for w in _phrases_shared(question, figures, 2)
                                  if w not in QUESTION_WORDS and not _ARITHMETIC.search(w)]))
    if derivation == "ratio" and before and not _named(figures, words):   # "占总数多少" after "国土资源类的有多少条": of that part
        words = _asked_words(before)
    words = _not_the_bodys(report, _phrases_shared(question, figures) + words)
    unknown = words if unstated else _beyond_the_catalogue(kb, report, words)
    named = _named(figures, unknown + [w for w in words if w not in unknown])   # 乡镇 and 部门 before 政府信息
    asked_before = []
    if derivation == "total" and before and cues.adds_to_before(question):     # "再加上其他文件": with those asked before
        asked_before = _named(figures, _phrases_shared(before, figures) + content_nouns(before))   # 规章, not 公开
        named = list(dict.fromkeys(asked_before + named))
    wanted = cues.asked_unit_kind(question)
    if wanted and derivation != "ratio":    # "培训一共参加了多少人": not the sum of sessions (场)
        named = [f for f in named if f.unit and cues.unit_kind(f.unit) in (None, wanted)]   # not 粉丝770万
    if unstated and derivation != "ratio" and named:   # the figure named is not stated: its words name figures of
        named = [f for f in named if f.unit == named[0].unit]   # one unit, the best-named one's (not 文件90份 beside 82条)
    if derivation == "ratio":            # "好评差评加起来占多少": shares the report states, added; else no share is a part
        shares = [f for f in named if f.unit == PERCENT]
        named = shares if len(shares) >= 2 and len(shares) == len(named) else [f for f in named if f.unit != PERCENT]
        derivation = ("rest" if cues.asks_what_is_left_of(question) else "total") if named is shares else derivation
    lines, used = _computed(derivation, named, figures, precise)
    of_a_list = derivation == "ratio" and len(used) >= LIST_MIN and not cues.referred_count(question)   # one listed part named
    if not lines or not of_a_list and not any(holds(f.words, w) for f in used if f not in asked_before for w in unknown):
        return None
    said = list(dict.fromkeys(p for p, f in pool if f in used))
    return with_sources(_quoted(report, said, question) + lines, [p.source for p in said])


def derive_own_first(kb, report, derivation: Optional[str], question: str, earlier: str, before: str = "") -> Optional[str]:
    """The sum or share of the figures the latest question names itself ("“其他”那一类占总数多少"), else of those it
    names read with the questions before it (earlier: "这俩加起来")."""
    return derive(kb, report, derivation, question, before) \
        or derive(kb, report, derivation, f"{earlier}，{question}", before)


def each_named(kb, report, question: str, before: str = "") -> Optional[str]:
    """The answer's text when the question asks a figure of each of two or more things that the sentences
    it (or the one before it) finds state side by side ("区直部门跟乡镇分别是多少" after the year's total)."""
    pool = _pool(kb, report, question, before)
    words = _not_the_bodys(report, _phrases_shared(question, [f for _, f in pool]) + _asked_words(question))
    naming = {p.source: sum(any(w in f.words for q, f in pool if q.source == p.source) for w in words) for p, _ in pool}
    pool.sort(key=lambda found: -naming[found[0].source])    # the section whose figures the question names most
    named = _named([f for _, f in pool], words)
    if len(named) < 2:
        return None
    said = list(dict.fromkeys(p for p, f in pool if f in named))
    return with_sources(_quoted(report, said, question), [p.source for p in said])


def total_of_each(kb, report, asked_each: str) -> Optional[str]:
    """"加起来一共多少" after "主动公开了哪些文件，各多少件": the sum of every figure of that unit the
    sentence listing them states, the list's own whole aside."""
    pool = _pool(kb, report, asked_each, "")
    words = _not_the_bodys(report, _phrases_shared(asked_each, [f for _, f in pool]) + _asked_words(asked_each))
    named = _named([f for _, f in pool], words)
    if len(named) < 2:
        return None
    sentence = max({f.sentence for f in named}, key=lambda s: sum(f.sentence == s for f in named))
    unit = next(f.unit for f in named if f.sentence == sentence)
    listed = [f for _, f in pool if f.sentence == sentence and f.unit == unit]
    listed = list({id(f): f for f in listed if not _sums_the_rest(f, listed)}.values())
    lines, used = _computed("total", listed, listed)
    said = list(dict.fromkeys(p for p, f in pool if f in used))
    return with_sources(_quoted(report, said, asked_each) + lines, [p.source for p in said]) if lines else None


_LEFT_OUT = re.compile(r"(?:除了|除去|除开|不算|不包括)[“\"「]?([\u4e00-\u9fff]{2,12}?)[”\"」]?(?:以外|之外|外)?[，,]")
LIST_MIN = 3    # figures of one unit a sentence lists before "which is the most" is asked of it


def most_of_a_list(kb, report, question: str, before: str = "") -> Optional[str]:
    """"除了“其他信息”，哪一类最多": the largest (or smallest) of the figures a sentence lists in one unit,
    those the question leaves out aside."""
    most = _most_listed(kb, report, question, before)
    if most is None:
        return None
    found, chosen, label, figures = most
    least = cues.asks_which_is_least(question)
    lines = _quoted(report, [found], question) + [f"其中{'最少' if least else '最多'}的是{label}{chosen.raw}（由本助手比较）。"]
    if label.startswith("其他") and not least:     # "其他信息" is no category of its own: the largest one named too
        named = [f for f in figures if f.unit == chosen.unit and f is not chosen and not _sums_the_rest(f, figures)]
        largest = max(named, key=lambda f: f.value) if named else None
        if largest is not None:
            lines.append(f"除“其他”外，最多的是{_label_of(found.text, largest)}{largest.raw}。")
    return with_sources(lines, [found.source])


def _label_of(text: str, figure: SentenceFigure) -> str:
    """The words a sentence puts right before a figure it lists (环保、…、产品质量类信息)."""
    return re.split(r"[，,：:；;（(]", text[:text.find(figure.raw)])[-1]


def _sums_the_rest(figure: SentenceFigure, listed: List[SentenceFigure]) -> bool:
    """"共公布政府信息2599条(其中…983条…)": the list's whole, named as one, is none of its items."""
    rest = sum(f.value for f in listed if f is not figure)
    return bool(_WHOLE.search(figure.words)) and figure.value >= 0.9 * rest


def share_of_the_most(kb, report, question: str, before: str = "") -> Optional[str]:
    """"那这一类占总数百分之多少" after "哪一类最多" (the question here, with the one before it): the share of
    the one found the most (or least) in the whole its sentence states, else in all those it lists."""
    most = _most_listed(kb, report, question, before)
    if most is None:
        return None
    found, chosen, label, figures = most
    whole = _whole_of(chosen, figures)
    if whole is None:
        share, _ = _share_of_the_list(chosen, figures)
        lines = share
    else:
        lines = [f"{label}{chosen.raw}占{whole.raw}的比例约为{percent(chosen.value, whole.value)}"
                 f"（由本助手计算：{chosen.raw} ÷ {whole.raw}）。"]
    return with_sources(_quoted(report, [found], label) + lines, [found.source]) if lines else None


def _most_listed(kb, report, question: str, before: str = "") -> Optional[tuple]:
    """(sentence, figure, its label, the sentence's figures) of the largest (or smallest) figure a sentence
    lists in one unit."""
    least = cues.asks_which_is_least(question)
    numbers = kb.numbers(report.id)
    left_out = [w for w in (re.sub(r"政府信息|信息|类$", "", w) for w in _LEFT_OUT.findall(question)) if len(w) >= 2]
    subjects = [w for w in _not_the_bodys(report, content_nouns(question)) if not any(w in out for out in left_out)]
    for found in _category_lists(kb, report, question) + _sentences(kb, report, question, before):
        figures = _figures_in(found, numbers)
        units = [f.unit for f in figures]
        unit = max(set(units), key=units.count) if units else ""
        listed = [f for f in figures if f.unit == unit and not any(w in f.words for w in left_out)]
        listed = [f for f in listed if not _sums_the_rest(f, listed)]
        if units.count(unit) < LIST_MIN or not listed or subjects and not any(w in f.words for f in listed for w in subjects):
            continue                 # "哪个乡镇最多": a list of the towns, not of some other things
        chosen = (min if least else max)(listed, key=lambda f: f.value)
        return found, chosen, _label_of(found.text, chosen), figures
    return None


# A sentence listing figures of several categories ("机构职能类信息211条，…规划计划类信息15条").
_CATEGORY_LIST = r"(?:类[^，。；、]{0,4}?\d+(?:\.\d+)?[条件篇个项][^。]*?){3,}"


def _category_lists(kb, report, question: str) -> list:
    """"哪一类最多": the report's sentences that list figures by category, when the question asks which category."""
    return kb.sentences_matching(_CATEGORY_LIST, report.id) if re.search(r"哪一?类|什么类|啥类", question) else []


# "政府信息公开量较大的乡镇是澳前镇": the report names the ones with the most, without their figures.
_NAMED_AS_MOST = r"(?:最大|较大|最多|较多|最高|较高|居前|前列)的{noun}(?:是|为|有|包括)"
_WHICH_ONES = re.compile(r"哪(?:一|几)?(?:个|些|类|家|种)([\u4e00-\u9fff]{2,4})")


def named_as_most(kb, report, question: str) -> Optional[str]:
    """"哪个乡镇发的最多", "发的比较多的是哪些部门": the sentence that names which of the things asked
    about have the most, when no list of their figures says."""
    which = [m[:2] for m in _WHICH_ONES.findall(question)]
    nouns = [re.escape(w) for w in _not_the_bodys(report, content_nouns(question) + which) if len(w) >= 2]
    found = kb.sentences_matching(_NAMED_AS_MOST.format(noun=f"(?:{'|'.join(nouns)})"), report.id) if nouns else []
    return with_sources(_quoted(report, found[:1], question), [found[0].source]) if found else None


def share_of_whole(kb, report, question: str, whole) -> Optional[str]:
    """The share of a part only a sentence names (a category it lists) in the stated figure the question
    names as the whole ("“其他应主动公开的信息”占了总数几成": of 主动公开政府信息3460条)."""
    pool = _pool(kb, report, question, "")
    figures = [f for _, f in pool]
    words = [w for w in _phrases_shared(question, figures) if w not in (whole.metric_name or "")]
    part = next((f for f in _named(figures, words) if f.unit == whole.unit and f.value < whole.value), None)
    if part is None:
        return None
    said = next(p for p, f in pool if f is part)
    lines = _quoted(report, [said], question) + [
             f"{part.raw}占{whole.metric_name}{number(whole.value)}{whole.unit}的比例约为{percent(part.value, whole.value)}"
             f"（由本助手计算：{part.raw} ÷ {number(whole.value)}{whole.unit}）。"]
    return with_sources(lines, [said.source, whole.source])


def _beyond_the_catalogue(kb, report, words: List[str]) -> List[str]:
    """The question's words that name none of the figures the catalogue holds for the report (乡镇, 现场,
    征地): a figure of a sentence is computed with only when one of them names it ("一共要处理多少件申请"
    is the catalogue's)."""
    stated = {f.metric_key for f in kb.facts(report.id) if f.value is not None}
    known = "|".join(w for m in kb.metrics() if m.key in stated for w in (m.name, *m.synonyms))
    return [w for w in words if w not in known]


def _counting_sentences(kb, report, question: str, limit: int = 2) -> list:
    """Sentences that state a count right after one of the question's words ("其他信息1029条" for "其他信息占
    多少"): a long list the ranking of whole sentences may put low."""
    words = [w for w in _asked_words(question) if len(w) >= 2 and w not in GENERIC_NOUNS]
    counted = [cues.count_after(w) for w in words]
    found = kb.sentences_matching("|".join(p.pattern for p in counted), report.id) if words else []
    often = {c: sum(bool(c.search(p.text)) for p in found) for c in counted}    # a rarer word says more
    found.sort(key=lambda p: -sum(1 / often[c] for c in counted if c.search(p.text)))
    return found[:limit]


def _sentences(kb, report, question: str, before: str, counting: bool = False):
    found = kb.passages(question, report.id, 3) + (kb.passages(before, report.id, 1) if before else []) \
        + (_counting_sentences(kb, report, question) if counting else [])
    found = [s for p in found for s in [p, *kb.sentences_beside(p)]]
    return list({p.text: p for p in found}.values())


def _figures_in(passage, numbers: Sequence[dict], percents: bool = False) -> List[SentenceFigure]:
    return figures_of(passage.text, [n for n in numbers if n["sentence"] in passage.text], percents)


def _pool(kb, report, question: str, before: str, counting: bool = False, percents: bool = False) -> list:
    """(sentence, figure) of every figure of the sentences the question (or the one before it) finds, and,
    counting, of those stating a count right after its words."""
    numbers = kb.numbers(report.id)
    return [(p, f) for p in _sentences(kb, report, question, before, counting)
            for f in _figures_in(p, numbers, percents)]


def _not_the_bodys(report, words: List[str]) -> List[str]:
    """Without the words of the body's own name (上海, 市政府, 办公厅 of "上海市政府办公厅2019年…"): they name
    no figure of its report."""
    body = name_forms(report.body)
    return [w for w in words if not any(w in form for form in body)]


def _quoted(report, said, question: str) -> List[str]:
    return [f"{report_name(report)}{REPORT_STATES}"] + [quote(p.text, QUOTE_LIMIT, question) for p in said]


def _computed(derivation: Optional[str], named: List[SentenceFigure], figures: List[SentenceFigure],
              precise: bool = False) -> tuple:
    """The lines of the figure computed, and the figures it is computed from."""
    if derivation == "total" and len(named) >= 2 and len({f.unit for f in named}) == 1:
        total = amount(sum(f.value for f in named), named[0].unit, [f.raw for f in named])
        return [f"合计{total}（由本助手计算：{' + '.join(f.raw for f in named)} = {total}）。"], named
    if derivation == "rest" and named:
        rest = number(round(100 - sum(f.value for f in named), 6))
        return [f"其余约占{rest}%（由本助手计算：100% − {' − '.join(f.raw for f in named)} = {rest}%）。"], named
    if derivation in ("difference", "change") and len(named) >= 2 and named[0].unit == named[1].unit:
        first, second = named[:2]
        gap = first.value - second.value
        if first.unit == PERCENT:
            return [f"{first.raw}比{second.raw}{'高' if gap >= 0 else '低'}{number(round(abs(gap), 6))}个百分点"
                    f"（由本助手计算）。"], [first, second]
        more = amount(abs(gap), first.unit, (first.raw, second.raw))
        return [f"{first.raw}比{second.raw}{'多' if gap >= 0 else '少'}{more}（由本助手计算）。"], [first, second]
    if derivation == "ratio":
        return _share(named, figures, precise)
    return [], []


def _share(named: List[SentenceFigure], figures: List[SentenceFigure], precise: bool = False) -> tuple:
    """The shares the sentences state beside the figures named (precise: computed from the whole too),
    else the first one's share of its whole."""
    stated = [(f, share) for f in named for share in [_stated_share(f)] if share]
    if stated and precise:
        wholes = [_whole_of(f, figures) or _whole_nearby(f, figures) for f, _ in stated]
        lines = [_computed_too(f, share, whole) for (f, share), whole in zip(stated, wholes)]
        return lines, [g for (f, _), whole in zip(stated, wholes) for g in (f, whole) if g]
    if stated:
        return [f"{f.words}{f.raw}，报告写明占{share}。" for f, share in stated], [f for f, _ in stated]
    pairs = [(part, whole) for part in named for whole in named
             if whole.sentence == part.sentence and whole.unit == part.unit and whole.value > part.value]
    part, whole = pairs[0] if pairs else (named[0] if named else None, None)
    whole = whole or (part and _whole_of(part, figures))
    if not whole:
        return _share_of_the_list(part, figures) if part else ([], [])
    return [f"占比约为{percent(part.value, whole.value)}（由本助手计算：{part.raw} ÷ {whole.raw}）。"], [part, whole]


def _share_of_the_list(part: SentenceFigure, figures: List[SentenceFigure]) -> tuple:
    """"其他类占总数多少": of a category a sentence lists beside others of its unit, its share of all those listed."""
    listed = [f for f in figures if f.sentence == part.sentence and f.unit == part.unit]
    total = sum(f.value for f in listed)
    categories = 2 * sum("类" in f.words for f in listed) >= len(listed)     # "机构职能类信息612条，…"
    if len(listed) < LIST_MIN or not categories or any(2 * f.value == total for f in listed):
        return [], []                   # "收到348件，现场解决162件，跟进解决186件": a whole and its parts, no list
    whole = amount(total, part.unit, [f.raw for f in listed])
    return [f"{_label_of(part.sentence, part)}{part.raw}占所列各类合计{whole}的比例约为{percent(part.value, total)}"
            f"（由本助手计算：{part.raw} ÷ {whole}）。"], listed


def _stated_share(figure: SentenceFigure) -> str:
    """The share the sentence states right after the figure ("1592条，占76.9%")."""
    found = re.search(re.escape(figure.raw) + r"[，,]?\s*约?占[^，,。；;]{0,8}?(\d+(?:\.\d+)?\s*[%％])", figure.sentence)
    return found.group(1) if found else ""


def _computed_too(part: SentenceFigure, share: str, whole: Optional[SentenceFigure]) -> str:
    """The share a sentence states, and the same share computed from the whole when there is one."""
    computed = f"按{part.raw} ÷ {whole.raw}计算约为{percent(part.value, whole.value)}（由本助手计算）。" if whole \
        else "报告没有给出可以用来精确计算的总数。"
    return f"{part.words}{part.raw}，报告写明占{share}；{computed}"


def _whole_nearby(part: SentenceFigure, figures: List[SentenceFigure]) -> Optional[SentenceFigure]:
    """The whole a sentence's part is of, stated in a sentence beside it ("全区主动公开政府信息3460条")."""
    return next((f for f in figures if f.unit == part.unit and f.value > part.value and _WHOLE.search(f.words)), None)


def _whole_of(part: SentenceFigure, figures: List[SentenceFigure]) -> Optional[SentenceFigure]:
    """The figure a part is a share of: a larger one of its sentence, of its unit, named as a whole (共, 全, 收到)."""
    return next((f for f in figures if f.sentence == part.sentence and f.unit == part.unit and f.value > part.value
                 and _WHOLE.search(f.words)), None)


def change_said(kb, report, question: str) -> Optional[str]:
    """The answer's text when one of the sentences the question finds states the change it asks
    ("比以前少等了几分钟": 由42分钟缩至19分钟)."""
    for found in kb.passages(question, report.id, 3):
        amount = change_stated(found.text, question)
        if amount:
            return with_sources(_quoted(report, [found], question) + [amount], [found.source])
    return None


def change_stated(sentence: str, question: str) -> Optional[str]:
    """The amount of a change the sentence states from one figure to another, when the question asks it."""
    found = _FROM_TO.search(sentence) if _ASKS_THE_CHANGE.search(question or "") else None
    if found is None:
        return None
    before, unit, after = found.group(1), found.group(2), found.group(3)
    gap = abs(float(before) - float(after))
    return f"由{before}{unit}到{after}{unit}，相差{number(gap)}{unit}（由本助手计算：{before} − {after}）。"


# A sentence counting the cases a body received and those it completed ("共收到15564件咨询投诉件，已办结15042件").
_RECEIVED = re.compile(r"收到|受理|接到|接收|收集")
_COMPLETED = re.compile(r"办结|办理完毕|完成|答复|回复|解决")


def workload(kb, report, question: str, earlier: Sequence[str]) -> Optional[str]:
    """What is left, or the share completed, of the cases a sentence found by the questions just before
    counts as received and completed ("还剩多少没办完", "办结率多少" after the 12345 hotline's sentence)."""
    numbers = kb.numbers(report.id)
    found_by = [(p, before) for before in earlier for p in kb.passages(before, report.id, 1)]
    for found, before in found_by:
        if not any(holds(found.text, w) for w in _beyond_the_catalogue(kb, report, _asked_words(before))):
            continue                 # "收到多少申请" before: the catalogue's requests, not a sentence's
        figures = _figures_in(found, numbers)
        received = next((f for f in figures if _RECEIVED.search(f.words)), None)
        completed = next((f for f in figures if received and f is not received and _COMPLETED.search(f.words)
                          and f.unit == received.unit and f.value <= received.value), None)
        if completed is None:
            continue
        lines = _quoted(report, [found], question)
        if cues.asks_what_is_left(question) or not cues.asks_a_rate_completed(question):
            lines.append(f"收到{received.raw}，办结{completed.raw}，还有{number(received.value - completed.value)}"
                         f"{received.unit}没有办结（由本助手计算：{received.raw} − {completed.raw}）。")
        if cues.asks_a_rate_completed(question):
            lines.append(f"办结率约为{percent(completed.value, received.value)}（由本助手计算：{completed.raw} ÷ {received.raw}）。")
        return with_sources(lines, [found.source])
    return None

