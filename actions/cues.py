"""The word groups of bot/data/nlu/cues.yml, for the actions: the same lists NLU learns from."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Sequence, Tuple

import yaml

from knowledge.parse.numerals import to_number
from knowledge.rank import GENERIC_NOUNS, QUESTION_WORDS, content_nouns

CUES = Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu" / "cues.yml"


@lru_cache(maxsize=1)
def _groups() -> Dict[str, Pattern]:
    groups = {}
    for item in yaml.safe_load(CUES.read_text(encoding="utf-8"))["nlu"]:
        if "lookup" in item:
            words = [w[2:].strip() for w in item["examples"].splitlines() if w.strip().startswith("- ")]
            groups[item["lookup"]] = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return groups


def has(group: str, text: str) -> bool:
    """Whether the text holds a word of the group (cue_remedy, cue_quantity, …)."""
    return _groups()[group].search(text or "") is not None


# Documents called 报告 that are not the annual report (条例第十六条's 请示报告 is a kind of 过程性信息).
_OTHER_REPORTS = re.compile(r"请示报告|调研报告|评估报告|审计报告|环评报告|报告书")


def names_the_report_or_its_period(text: str) -> bool:
    """"去年", "年报里": the annual report or the year it covers (not 请示报告, a document of its own)."""
    return has("cue_report_period", _OTHER_REPORTS.sub("", text or ""))


_RECEIVED = re.compile(r"收到|接到|接收|受理|新收|收了")


def asks_what_was_received(text: str) -> bool:
    """"依申请公开一共收到多少件": the requests received, not the outcomes of those handled."""
    return _RECEIVED.search(text or "") is not None and names_the_requests(text)


# "其中公开了几件", "最后公开了几件": 公开 alone, counted in requests' unit or none, not 主动公开 nor an outcome
# named by its own words (予以公开, 部分公开, 不予公开).
_DISCLOSED = re.compile(r"(?<![主动予以部分不予])公开(?:了|的)?(?:有|是)?(?:多少|几)件?(?=$|[？?。，,！!呢吗啊呀])"
                        r"|(?:^(?:那|其中)?|里(?:面|头|边)?|当?中)[^，,。？?！!]{0,3}?(?<![主动予以部分不予])公开(?:了|的)的?占")


def asks_what_was_disclosed(text: str) -> bool:
    """"办完的那些里面公开了多少": the requests answered by disclosing, in full or in part."""
    return _found(_DISCLOSED, text)


_ANYONE_APPLIED = re.compile(r"有(?:没有|没)?人[^，。？！,.?!]{0,8}申请(?!复议|行政复议|诉讼)")


def asks_if_anyone_applied(text: str) -> bool:
    """"有没有人找政府申请信息公开": whether any requests were received (a count of 0 or more answers it)."""
    return _found(_ANYONE_APPLIED, text)


def names_the_requests(text: str) -> bool:
    """"申请了能拿到…的比例": the question is about the applications for information."""
    return "申请" in (text or "")


_REQUESTS_HANDLED = re.compile(r"申请|办结|办完|办理|答复|处理|[几多少]件")


def about_requests_handled(text: str) -> bool:
    """"一共办了多少件", "答复了多少": the requests and how they were handled, not other things published."""
    return _REQUESTS_HANDLED.search(text or "") is not None


# 几 with any measure word asks how many ("办了几场", "审了几项"), beyond the lookup's commonest ones.
_HOW_MANY = re.compile(r"几[场项份期批家名位人回种类所]")


def asks_a_count(text: str) -> bool:
    """A count asked (多少, 几件, 数量, 多不多); 数据 alone names what is asked for ("汇总分析数据"), no count,
    nor does 几 that means "a few" ("把几个数据汇总", "这几件", "好几次")."""
    text = _A_FEW.sub("", (text or "").replace("数据", ""))
    return has("cue_quantity", text) or "多不多" in text or _HOW_MANY.search(text) is not None


# Where a clause of a message ends: the question's parts are clauses.
_QUESTION_END = re.compile(r"[，,？?！!。；;]+|\s+")


def questions_asked_apart(text: str) -> List[Tuple[int, int]]:
    """The spans of the questions of a message that asks several counts one after another ("财政资金信息发了
    多少？三公经费的有几条", "答复了几件，又有多少拖到下一年", "有多少用户？微博粉丝呢"): each asks a count, how it
    was done or is a "…呢" of its own; words that ask nothing go with the question they lead into, or else the one before.
    One span, the whole message, when it asks one question or a figure computed from the counts it asks
    ("部分公开的有几件，占多少": the count and its share, answered together; "还剩多少没办，办结率多少"); a
    sum asked first is a question of its own ("加上结转的一共要处理多少，最后答复了多少")."""
    text = text or ""
    clauses = _clauses(text)
    if _A_RATE.search(text) or any(derivation_asked(text[a:b]) for a, b in clauses[1:]) \
            or derivation_asked(text) and not derivation_asked(text[slice(*clauses[0])]):
        return [(0, len(text))]
    spans, leading = [], 0
    for start, end in clauses:
        clause = text[start:end]
        asks = asks_a_count(clause) or _ASKED_UNIT.search(clause) or _ENDS_WITH_NE.search(clause) \
            or asks_what_was_done(clause) or names_nothing_but_an_outcome(clause)
        if spans and (_ASKS_MONEY.search(clause)          # "几个项目，花了多少钱": the amount of what was counted
                      or not asks and not _QUESTION_WORDS_AHEAD.search(text, end)):
            spans[-1] = (spans[-1][0], end)
            leading = end
        elif asks:
            spans.append((leading, end))
            leading = end
    return spans if len(spans) > 1 else [(0, len(text))]


_QUESTION_WORDS_AHEAD = re.compile(r"多少|几|呢")
_A_RATE = re.compile(r"率")
_ASKS_MONEY = re.compile(r"多少钱|金额|多少元|多少万")
_ENDS_WITH_NE = re.compile(r"呢\W*$")


# "满意的比例", "好评率": the two characters before a rate word name what the share is of.
_RATED = re.compile(r"([\u4e00-\u9fff]{2})的?(?:比例|比率|比重)|([\u4e00-\u9fff]{2})率")


def rated(text: str) -> Optional[str]:
    """What a share is asked of when the question names it before the rate word ("满意的比例": 满意), not
    after 占 ("占总数的比例" names the whole) nor as a sum ("加在一起的比例")."""
    summed = dict(_DERIVATIONS)["total"].search(text or "")     # "加在一起的比例": the sum's share
    found = None if "占" in (text or "") or summed else _RATED.search(text or "")
    word = found and (found.group(1) or found.group(2))
    return word if word and word not in QUESTION_WORDS and word not in GENERIC_NOUNS else None


def asks_a_rate(text: str) -> bool:
    """"维持率是多少", "好评率": a rate, which is a share, not a count."""
    return _A_RATE.search(text or "") is not None


def _clauses(text: str) -> List[Tuple[int, int]]:
    """The clauses of a message, each with the end mark it keeps."""
    bounds, start = [], 0
    for mark in _QUESTION_END.finditer(text):
        if text[start:mark.start()].strip():
            bounds.append((start, mark.end()))
            start = mark.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def asks_why(text: str) -> bool:
    """"为什么", "什么理由", "凭什么": why, how come, on what grounds."""
    return _WHY.search(_plain(text)) is not None


def asks_the_grounds(text: str) -> bool:
    """"没给的都是什么理由", "因为什么没公开": on what grounds, why."""
    return asks_why(text) or "情形" in (text or "")


_OUTCOME_VERBS = re.compile(r"公开|处理|提供|答复|[没不未]给")   # of 表三's outcomes: 予以公开, 不予处理, 无法提供


def asks_why_of_an_outcome(text: str) -> bool:
    """"剩下没公开的都是因为啥": on what grounds requests ended as they did."""
    return asks_the_grounds(text) and _OUTCOME_VERBS.search(text or "") is not None


def asks_a_count_not_why(text: str) -> bool:
    """"国土资源类有几条": a count, and no why, how come or reason asked."""
    return asks_a_count(text) and not asks_why(text)


_WHY = re.compile(r"为什么|因为什么|为何|怎么会|怎么来|怎么算|原因|理由|依据|根据什么|凭什么|哪来")
_A_FEW = re.compile(r"(?:[把将这那]|好|想要|我要|复印)几")   # "把几个数据", "我想要几期公报": a few, no count asked


# Units that count the same kind of thing; a figure counted in another kind is not the one asked for
# ("多少人" is not answered by 培训2场, "多少钱" not by 处罚决定1282件).
UNIT_KINDS = {"items": "件个项起宗份批篇条则", "people": "人名位", "events": "场次期轮", "money": "元钱"}
# "多少个工作日", "几个月" ask a time, not a count of things.
# 人 of 人大 (多少人大代表建议) or 人民 begins a noun, counting no people.
_ASKED_UNIT = re.compile(r"(?:多少|几)\s*(人次|批次|万元|个(?!工作日|月|小时|钟头|星期|礼拜|季度)|人(?![大民])|[件项起宗份批篇条则名位场次期轮元钱])")


def unit_kind(unit: Optional[str]) -> Optional[str]:
    unit = (unit or "").replace("人次", "人").replace("万元", "元").replace("批次", "批")
    return next((kind for kind, chars in UNIT_KINDS.items() if unit and unit[-1] in chars), None)


# a number of them, not the price of one ("多少钱一件", "每页多少钱")
_QUANTITY_STATED = re.compile(r"(?<![钱元块每])(?:[0-9０-９]+|(?!一\s*[件份页张])[一二两三四五六七八九十百千]+)\s*(?:件|份|页|张)")


_CLAUSE = re.compile(r"[^，,。？?！!；;]+")
_OF_THE_BODY = re.compile(r"他们|你们|那年|当年|去年|今年|\d{2,4}年|厅里|局里|本单位")
_WHAT_HAPPENED = re.compile(r"过.{0,6}(?:吗|没有?|么)$|了(?:吗|没有?)$|有没有")


def clauses_on_what_happened(text: str, first_too: bool = False) -> List[str]:
    """"申请要交钱吗？民政厅收过费没有": the clauses after the first (or, first_too, any) that ask what happened."""
    return [c for c in _CLAUSE.findall(text or "")[0 if first_too else 1:] if _WHAT_HAPPENED.search(c.strip())]


def names_the_body_loosely(text: str) -> bool:
    """他们, 那年, a year: the body and its year, unnamed."""
    return _OF_THE_BODY.search(text or "") is not None


def states_a_quantity(text: str) -> bool:
    """"申请了15件", "复印200页": a number of applications or pages the question gives, not asks."""
    return bool(_QUANTITY_STATED.search(re.sub(r"(?:多少|几)\s*(?:件|份|页|张)", "", text or "")))


def asked_unit_kinds(text: str) -> List[str]:
    """Each kind of thing the question's "多少X / 几X" count, in order ("几个项目，花了多少钱": items, money)."""
    text = _A_FEW.sub("", text or "")
    return list(dict.fromkeys(filter(None, (_kind_counted(text, asked) for asked in _ASKED_UNIT.finditer(text)))))


def asked_unit(text: str) -> Optional[str]:
    """The unit a "多少X / 几X" question counts in (个 of "分别几个"), if it says."""
    asked = _ASKED_UNIT.search(_A_FEW.sub("", text or ""))
    return asked.group(1) if asked else None


def asked_unit_kind(text: str) -> Optional[str]:
    """The kind of thing a "多少X / 几X" question counts (items, people, events, money), if it says."""
    kinds = asked_unit_kinds(text)
    return kinds[0] if kinds else None


# A noun naming people, ending what a count asks about ("几个工作人员", "多少个志愿者").
_PEOPLE_COUNTED = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:人员|人|员|者|干部|同志)(?=[啊呀呢吗吧]*(?:$|[，,。？?！!；;]))")


def _kind_counted(text: str, asked: re.Match) -> Optional[str]:
    """The kind of a count asked: its unit's, or people when the noun it counts names them (几个工作人员);
    none for 个 ending the question (多出几个), the measure word of anything."""
    if _PEOPLE_COUNTED.match(text, asked.end()):
        return "people"
    if asked.group(1) == "个" and _ENDS_THE_QUESTION.match(text, asked.end()):
        return None
    return unit_kind(asked.group(1))


_ENDS_THE_QUESTION = re.compile(r"[啊呀呢吗吧？?。！!\s]*$")


# Words that ask for a figure computed from others, where NLU named no derivation: a change on the
# year before (比上年, 增长了百分之几), 占 … 多少 for a share ("合起来占多少" adds, then divides), the verb
# 加 with its "together" complement, 比 … 多 for a change or a difference, taking one from another.
_ON_LAST_YEAR = re.compile(r"比(?:上一?年|去年|前一年|往年)|同比|较(?:上年|去年)|(?:增长|下降|增加|减少|上升|回落)了?(?:百分之|多少|几)")
_DERIVATIONS = (("per_period", re.compile(r"平均(?:每|一)?(?:天|日|周|星期|个?月)")),
                ("per_item", re.compile(r"平均(?:每|一)(?:个|家|项|位|名)?(?!天|日|周|星期|个?月|年)[\u4e00-\u9fff]"
                                        r"|每(?:个|家|项)[\u4e00-\u9fff]{1,4}?平均")),     # "平均每个号发了多少条"
                ("before_the_year", re.compile(r"(?:\d{2,4}年|今年|这一?年|当年|本年)(?:以前|之前)")),   # 累计 less the year's
                ("change", _ON_LAST_YEAR),
                ("multiple", re.compile(r"(?:几|多少)倍")),          # "网上咨询是新收申请的几倍"
                ("ratio", re.compile(r"占.{0,10}(?:多少|比例|百分|几成)|占比|百分之几|(?:比例|比重)(?:是|为|有)?(?:多少|几|多大)")),
                ("total", re.compile(r"加(?:在)?一?[起块]|相加|加上|之和|总和|合计|合起来|的加(?=[\u4e00-\u9fff])")),   # 不掌握的加不予处理的
                ("change", re.compile(r"比(?![例重率])(?!较[多少高低大小快慢好]).{0,14}(?:多|少|增|减|高|低|变化)|多了还是少了|同比")),
                ("difference", re.compile(r"减去|减掉|扣除|除去|去掉|刨去|除了|除开|以外|之外|(?<!算)不算|(?<!在)不在|没在|(?<!属)不属于|(?<!包)不包括|相差|其余|剩下|剩余|"
                                          r"哪(?:个|样|种|类).{0,4}[多少]|(?<!多)多多少(?!少)|"
                                          r"还是[^，,。；;？?！!]{0,20}[多少][？?]?$")))


# "提案比建议多几件": the two things compared, whatever jieba tags them.
_COMPARED = re.compile(r"([\u4e00-\u9fff]{2,8}?)的?比(?![例重率较])([\u4e00-\u9fff]{2,8}?)的?(?:多|少|高|低)")
_LEADING = re.compile(r"^(?:那么?|还有|其中|请问)")


def compared_sides(text: str) -> List[str]:
    """The two things a question compares with 比 (neither a year: 比上年 is a change)."""
    found = _COMPARED.search(text or "")
    if found is None or _ON_LAST_YEAR.search(found.group(0)):
        return []
    return [_LEADING.sub("", side) for side in found.groups()]


def asks_a_change_on_last_year(text: str) -> bool:
    return _ON_LAST_YEAR.search(text or "") is not None


_LAST_YEARS_OWN = re.compile(r"(?:去年|上一年|上年|前一年)(?:的)?(?:具体|实际)?(?:是|有|收到了?|一共)?(?:多少|几)")


def asks_last_years_figure(text: str) -> bool:
    """"那去年具体是多少件": the year before's own figure, not how this year's compares with it."""
    return _LAST_YEARS_OWN.search(text or "") is not None and derivation_asked(text) != "change"


def derivation_asked(text: str) -> Optional[str]:
    return next((name for name, pattern in _DERIVATIONS if pattern.search(text or "")), None)


_FOLLOW_UP = re.compile(r"^(?:那|那么|还有|其中)|呢[？?。!！]*$")
# "不予处理的？": a noun phrase alone, asking nothing of its own (not "是怎么处理的").
_ELLIPTICAL = re.compile(r"的[？?。]*$")
_ASKS_ITSELF = re.compile(r"怎|什么|啥|哪|为何|如何|谁|吗|嘛|几|多少")


def names_nothing_but_an_outcome(text: str) -> bool:
    """"结果咋样", "最后结果如何": how it ended, asked of what was just talked about."""
    return _ONLY_AN_OUTCOME.search(_plain(text)) is not None


_ONLY_AN_OUTCOME = re.compile(r"^\W*(?:那|最后|最终|后来)?(?:的)?结果(?:是|都是)?(?:怎么样|怎样|咋样|如何|什么|呢)?(?:了|啊|呀)?\W*$")


def sounds_like_a_follow_up(text: str) -> bool:
    """"那…", "…呢？", "不予处理的": a question that leans on the one before."""
    text = (text or "").strip()
    return _FOLLOW_UP.search(text) is not None or (_ELLIPTICAL.search(text) is not None
                                                   and _ASKS_ITSELF.search(text) is None)


# "那4件都是什么原因", "那些提案都是提的什么问题": cases just counted, asked what, why or who they were.
_COUNTED_CASES = re.compile(r"(?:[那这]|的”?)(?:\d+|[一两二三四五六七八九十几]{1,3})\s*[件个项批起]|"
                            r"[那这]些(?:申请|提案|建议|案子|案件|复议|诉讼|官司|留言|咨询|投诉)")
# what the cases were about or who brought them, asked outright or as a choice ("是个人告的还是企业告的")
_THEIR_DETAILS = re.compile(r"什么原因|啥原因|为什么|为啥|咋回事|怎么回事|什么内容|什么问题|什么信息|什么事|哪些|哪几|"
                            r"是谁|谁[提申告]|具体(?:是|怎么|内容|原因)|分别是|怎么个|哪(?:个|些)?方面|还是|"
                            r"[提问说讲写][了的]些?(?:啥|什么)")


def asks_what_the_cases_were(text: str) -> bool:
    text = _ANYTHING_AT_ALL.sub("", text or "")
    return _COUNTED_CASES.search(text) is not None and _THEIR_DETAILS.search(text) is not None


# "什么信息都没拿到", "啥也不给": 什么 of "nothing at all", which asks nothing.
_ANYTHING_AT_ALL = re.compile(r"(?:什么|啥)[\u4e00-\u9fff]{0,4}?[都也](?=没|不)")


# "不予公开的几件？都是什么理由": the kinds of the cases a figure named counts.
_THEIR_KINDS = re.compile(r"(?:什么|啥|哪些|哪几[种类个]|哪一?类)(?:样的)?(?:原因|理由|情况|情形|类型|缘由)")


def asks_the_kinds_of_the_cases(text: str) -> bool:
    return _THEIR_KINDS.search(text or "") is not None


# "打这种官司要花多少钱", "复议收钱吗": what a review or a lawsuit costs, which the law sets.
_LAWSUIT = re.compile(r"官司|诉讼|起诉|法院")
_REVIEW = re.compile(r"复议")


def remedy_whose_cost_is_asked(text: str) -> Optional[str]:
    """"litigation" or "review" when the question asks what one of them costs, else None."""
    if not has("cue_fee", text):
        return None
    return "litigation" if _LAWSUIT.search(text) else "review" if _REVIEW.search(text) else None


def is_a_question(text: str) -> bool:
    """"都回了吗", "按时不？": a question (its particle, a question word or mark), not a remark."""
    return _ASKS_ITSELF.search(text or "") is not None or re.search(r"(?:么|不|没|没有|否)[？?]*$|[？?]", text or "") is not None


_FOLLOW_UP_WORDS = re.compile(r"^(?:那么|那|还有|其中)|(?:的)?(?:呢|吗)?[？?。!！]*$")


def follow_up_core(text: str) -> str:
    """What a follow-up names, its leaning words taken off ("那解读稿呢" → 解读稿)."""
    return _FOLLOW_UP_WORDS.sub("", (text or "").strip())


_DEMONSTRATIVE = re.compile(r"这些|那些|这个|那个|这种|那种|这项|这方面|这块|它们|上述|上面说的|刚才|[这那]一?部分|[这那][一两几]类")


_WHICH_ONES = re.compile(r"哪(?:几|些)[个家所项类]?([\u4e00-\u9fff])")


def which_ones_asked(text: str) -> Optional[str]:
    """The first character of what a "which ones" question asks for ("是哪几个区": 区, "哪些乡镇": 乡)."""
    found = _WHICH_ONES.search(_plain(text))
    return found.group(1) if found else None


def asked_name_of(text: str) -> Optional[str]:
    """The kind of firm whose name is asked ("第三方公司叫什么名字", "是哪家公司"): 公司 or 企业."""
    asked = _NAME_ASKED.search(_plain(text))
    return (asked.group(1) or asked.group(2)) if asked else None


_ORGANISATION = r"(公司|企业)"
_NAME_ASKED = re.compile(rf"{_ORGANISATION}[^，,。？?]{{0,3}}(?:叫什么|什么名|名字|名称)|(?:哪家|哪个|哪一家|什么){_ORGANISATION}")


def asks_whats_new(text: str) -> bool:
    """"有什么新功能", "有啥新变化": what changed in the year, which a report says and the law does not."""
    return _WHATS_NEW.search(_plain(text)) is not None


_WHATS_NEW = re.compile(r"有(?:什么|哪些)新")


def refers_to_the_rest(text: str) -> bool:
    """"剩下那些没给的", "其余的": the cases left of those just counted."""
    return _THE_REST.search(text or "") is not None


_THE_REST = re.compile(r"剩下|剩余|其余|[那这]些")


def refers_to_before(text: str) -> bool:
    """"这些在什么地方发布": a question whose subject is in the one before."""
    return sounds_like_a_follow_up(text) or _DEMONSTRATIVE.search(text or "") is not None


_OF_BOTH = re.compile(r"占.{0,6}(?:两个|两项|两者|二者|它们|这俩|俩)的?(?:加起来|加在一起|合计|之和|总和|一共|总共|合起来)|"
                      r"^\W*(?:那|这)?(?:俩|两个|两项)?(?:加(?:一起|起来|在一起|一块)|合起来)(?:是|一共|总共|共)?(?:多少|几)"
                      r"[^，,。？?]{0,3}[，,][^，,。？?]{1,10}占")


def share_of_both(text: str) -> bool:
    """"微信发的占两个加起来的多少", "加一起多少，提案占几成": a share of the two figures just given, added up."""
    return _OF_BOTH.search(text or "") is not None


_ADDS_TO_BEFORE = re.compile(r"(?:^|[，,])(?:那|再)*(?:加上|算上|连上|连同|带上)|(?:也|一起)(?:算上|加上|算进去|加进去)|"
                             r"(?:^|[，,])(?:那|再)*连[^，,。？?]{1,10}?(?:一起|一块|一并|在内)|"
                             r"^(?:那|再)?(?:跟|和|与|同)[^，,。？?]{1,10}?(?:加起来|加一起|加在一起|合起来|合在一起)")


_WORKLOAD = re.compile(r"(?:要|需要|得|待)(?:处理|办理|办|答复)")


def asks_the_workload(text: str) -> bool:
    """"一共要处理多少件": the requests received and those carried over, not how they ended."""
    return _WORKLOAD.search(text or "") is not None


_ADDS_UP = re.compile(r"对得上|对不上|对不对得上|[是相]否一致|一致吗|一不一致|相符|吻合|等不等于|不等于|核对|"
                      r"加(?:起来|在一起|一块儿?)[^，。？?]{0,4}(?:对吗|对不对|对么|准吗|准不准|没错吗)|等于总数吗")


def asks_if_it_adds_up(text: str) -> bool:
    """"各项加起来跟总计对得上吗": whether the report's figures agree, not a new figure."""
    return _found(_ADDS_UP, text)


def adds_to_before(text: str) -> bool:
    """"加上部分公开的，占多少": the figure named is added to the one just given."""
    return _ADDS_TO_BEFORE.search(text or "") is not None


_PLANS = re.compile(r"准备|打算|计划|下一步|今后|将来|明年|来年|改进|[怎咋]么?改|如何改")


def asks_about_plans(text: str) -> bool:
    """"2020年准备怎么改进" of the 2019 report: its plans for the year after."""
    return _PLANS.search(text or "") is not None


# "他们说有啥问题没", "自己承认哪些不足": the problems the report owns to (its part 五 or 六), not one figure's.
_PROBLEMS = re.compile(r"(?:有啥|有什么|有哪些|存在|还有|承认|哪些|什么)[^，。？?！!]{0,4}(?:问题|不足|短板|差距|薄弱)")


def asks_about_problems(text: str) -> bool:
    return _PROBLEMS.search(text or "") is not None


_COUNTED = re.compile(r"(?:这|那|上面|前面|以上|^|[，,？?。！!])(?:([两二三四五六七八九十])(?:个|项|类|种|者|样|组)|([俩仨]))")
_FUSED_COUNTS = {"俩": 2, "仨": 3}     # 俩 is 两个, 仨 is 三个: the count and its measure word in one character


# A figure, not a year, a few characters after a word ("新媒体数量70个", "其他信息1029条").
_A_COUNT_AFTER = r"[\u4e00-\u9fff]{0,4}\d+(?:\.\d+)?(?![\d.]*年)"


def count_after(word: str) -> Pattern:
    """A figure stated a few characters after the word."""
    return re.compile(re.escape(word) + _A_COUNT_AFTER)


def counts_right_after(words: Sequence[str], text: str) -> bool:
    """Whether the text states a figure a few characters after one of the words."""
    return any(count_after(w).search(text or "") for w in words)


_SHARE_OF_WHAT_WAS_GIVEN = re.compile(r"^(?:那|那么|那这|请问)?(?:这|那|它|它们|其)?(?:个|些|几件|几个|部分)?(?:的)?(?:数|数字|数量)?(?:占|是)"
                                      r"(?=[^占]{2,}?的?(?:多少|几|百分|比例|比重|几成))")


def share_of_what_was_given(text: str) -> bool:
    """"这个占申请总数的多少", "占申请总数多少": the figure just given is the part, the one named its whole."""
    return _found(_SHARE_OF_WHAT_WAS_GIVEN, (text or "").strip())


def referred_count(text: str) -> Optional[int]:
    """"这四类加在一起", "这俩加起来": how many of the figures just given the question means, when it says."""
    found = _COUNTED.search(text or "")
    if found is None:
        return None
    return to_number(found.group(1)) if found.group(1) else _FUSED_COUNTS[found.group(2)]


_EXISTENCE = re.compile(r"有没有|有无|是否有|是不是有|有.{0,16}?(?:吗|嘛|么)[？?。]*$|有的[吗嘛][？?]*$|了没有?[？?。]*$")
_NOT_A_COUNT = re.compile(r"哪个|哪家|哪里|哪儿|哪一|哪几|在哪|谁|什么时候|何时|因为什么|什么原因|原因是|什么事|啥事|叫什么|"
                          r"名字|名称|怎么回事|[怎如][么样何]处理的|什么内容|哪方面|什么情况下|哪个月|几月份|哪一年|些什么|什么(?:信息|问题|类型)")
# 几 and 多少 ask a count, except in 哪几 (which) and 几月, 几号 (when).
_A_COUNT = re.compile(r"(?<!哪)几(?![月号点日])|多少")


_NONE_HAPPENED = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|发生|出现|产生|收取|提起)|均为(?:0|零)")


def says_there_were_none(sentence: str) -> bool:
    """"2016年全区未收到有关政府信息公开申请": a sentence saying there were none answers whether any."""
    return _found(_NONE_HAPPENED, sentence)


_PAST_COUNT = re.compile(r"了\s*(?:多少|几)")


def asks_a_past_count(text: str) -> bool:
    """"答复了多少": how many were done, which the report counts, not the law."""
    return _found(_PAST_COUNT, text)


_ANY_AT_THE_END = re.compile(r"(?:有没有|有吗|有没|有过吗|有过没有)[？?。!！]*$")


def asks_whether_any(text: str) -> bool:
    """"那复议、打官司的有没有": whether there were any of the things named (not "有没有时间限制")."""
    return _found(_ANY_AT_THE_END, text)


def asks_existence(text: str) -> bool:
    """"有因为国家秘密不公开的吗": whether there were any — a count of 0 or more answers it; not whether the
    report says something ("有说要改吗")."""
    return _EXISTENCE.search(text or "") is not None and not asks_what_it_says(text)


_SAYS = re.compile(r"(?:有没有|有|是否|没)(?:说|提到?|讲|写)(?!明)"
                   r"|(?:说|提|讲)(?:过|了)?(?:要|会|准备|打算)(?!.*(?:多少|几))[\u4e00-\u9fff]{1,6}?(?:吗|嘛|么|没有?)"   # "他们说要改吗"
                   r"|(?:他们|你们|报告|年报)(?:是|都|又)?(?:怎么|咋)(?:说|讲|写)"                  # "安全上他们怎么说"
                   r"|(?:他们|你们|报告|年报)(?:都)?(?:说|提|讲|写)了?(?:些)?(?:什么|啥)")


def asks_what_it_says(text: str) -> bool:
    """"这个有说要改吗", "报告有没有提": whether the report says something, not whether there were any."""
    return _SAYS.search(text or "") is not None


def asks_which_ones(text: str) -> bool:
    """"重点领域指哪几块", "公开了些啥": which of several, asked in a list's own words."""
    return re.search(r"哪几|些(?:什么|啥)", text or "") is not None


def _plain(text: str) -> str:
    """啥 and 咋 of everyday speech as 什么 and 怎么 ("啥时候", "咋回事")."""
    return (text or "").replace("啥", "什么").replace("咋", "怎么")


def asks_other_than_count(text: str) -> bool:
    """"在哪个法院打的官司", "那4件都是因为什么": which, who, when or why, which no count answers."""
    return _NOT_A_COUNT.search(_plain(text)) is not None and not _A_COUNT.search(text or "") \
        and not has("cue_quantity", re.sub(r"哪几[个件条项类]?|几月|几号", "", text or ""))


def asks_how_or_which(text: str) -> bool:
    """"被告是谁", "会怎么判": who, which, where or how — not whether a case ended so."""
    plain = _plain(text)
    return _NOT_A_COUNT.search(plain) is not None or _HOW.search(plain) is not None


_HOW = re.compile(r"怎么|怎样|如何")
_ASKS_WHAT = re.compile(r"什么|哪些|哪几|怎么|怎样|如何|为什么|为何|啥")


def asks_what(text: str) -> bool:
    """"培训讲了哪些内容", "为什么要加政策解读": what, how or why — words answer it, not a list of figures."""
    return _ASKS_WHAT.search(text or "") is not None and not re.search(r"几[件个项条篇场次人]|多少", text or "")


_MORE_PRECISE = re.compile(r"精确|小数|四舍五入|准确的?(?:比例|百分比|数)|具体的?百分比")


def asks_more_precision(text: str) -> bool:
    """"53%是约数吧，精确到一位小数是多少": the share just given, computed rather than rounded."""
    return _found(_MORE_PRECISE, text)


_WHAT_THING = re.compile(r"(?<!为)什么(?!时候)|(?<!为)啥(?!时候)")


def asks_what_things(text: str) -> bool:
    """"网站改版了，都改了啥": what was done or said, no count, time or reason — the report's words."""
    return asks_what(text) and _WHAT_THING.search(text or "") is not None


_WHEN = r"(?:什么时候|何时|哪天|哪一天|几月几[号日]|日期|时间)"
_PUBLISHED = r"(?:发布|公布|发表|出来|发的|印发|挂|上网|放到网上)"
_PUBLICATION_DATE = re.compile(rf"{_WHEN}.{{0,6}}{_PUBLISHED}|{_PUBLISHED}.{{0,4}}{_WHEN}")
_A_REPORT = re.compile(r"年报|报告")
# Words of the rule for every case, not of the one asked about.
_GENERAL = re.compile(r"一般|通常|每年|每次|按规定|依法|法律上|规定|应当|应该|必须")
_IN_GENERAL = re.compile(_GENERAL.pattern + r"|要求|最晚|最迟|之前|以前|期限|截止")


_WHEN_DONE = re.compile(r"(?:什么时候|何时|哪天|哪一天|几月|多久|几点)")
# A date or a time span a sentence gives: 12月, 6月底, 年内, 三年内, 下半年, 第一季度.
_A_TIME = re.compile(r"\d+\s*[月日号]|[一二三四五六七八九十\d]+个?(?:年|月)内|年[内底]|月底|[上下]半年|第[一二三四1-4]季度")


def asks_when(text: str) -> bool:
    """"有说啥时候整改完吗": when something is (to be) done."""
    return _found(_WHEN_DONE, _plain(text))


def states_a_time(text: str) -> bool:
    return _found(_A_TIME, text)


_HOW_LONG = re.compile(r"多久|多长时间|多少(?:分钟|小时|天)|几(?:分钟|个?小时|天)")
_A_SPAN = re.compile(r"\d+(?:\.\d+)?\s*(?:分钟|个?小时|个?工作日|天)")


def asks_how_long(text: str) -> bool:
    """"去大厅办事要排多久队": a span of time, not how often."""
    return _found(_HOW_LONG, _plain(text)) and not asks_how_often(text)


def states_a_span(text: str) -> bool:
    """"等候时间由42分钟缩至19分钟": a sentence giving a span of time."""
    return _found(_A_SPAN, text)


def asks_this_reports_date(text: str) -> bool:
    """"这个年报是什么时候发布的": the date of the report asked about, not the law's deadline."""
    text = text or ""
    return bool(_PUBLICATION_DATE.search(text) and _A_REPORT.search(text)) and not _IN_GENERAL.search(text)


# What one may or must do in a case one is in or imagines ("我能直接起诉吗", "要是起诉，被告写谁",
# "年报每年啥时候前要公布"): the law's rule, not one body's figures.
_HYPOTHETICAL = re.compile(r"要是|如果|假如|假设|万一|倘若|若是")
_EITHER_WAY = re.compile(r"可不可以|能不能|行不行|算不算|管不管|要不要|用不用|需不需要|会不会|会怎么|会怎样|该怎么|怎么办|得了[吗么不]")
_MAY_IT_BE = re.compile(r"(?:能|可以|行)[^，,。！!？?]{0,16}?[吗嘛么][？?！!。]*$")
_ONESELF = re.compile(r"我|咱|本人|申请人|老百姓|群众|市民")
_HOW_TO = re.compile(r"(?:怎么|如何|怎样|咋|去哪|到哪)(?:才能|可以|能)?(?:获取|申请|拿到|要到|得到|查到|查询)")
_MEANING = re.compile(r"什么叫|什么是|什么算|啥叫|啥算|是什么意思|啥意思|什么意思|指什么|指的是什么|怎么理解|含义|定义")
_MODAL = re.compile(r"能|可以|要|得|该|会|需要|用")
_THIS_PERIOD = re.compile(r"去年|今年|前年|本年|全年|上一年|那一?年|当年|(?:这个|这份|这一份|本|该)(?:年度)?(?:报告|年报)")


_LEAVES_OUT = re.compile(r"除了|除去|除开|以外|之外|不算|不包括")
_NEITHER = re.compile(r"既不是.{0,8}也不是|都不是|剩下|剩余|其余")


def asks_what_is_left_of(text: str) -> bool:
    """"既不是好评也不是差评的占多少", "除了这两项，剩下的占多少": what the things named leave of the whole."""
    return _found(_NEITHER, text) or leaves_out(text)


def leaves_out(text: str) -> bool:
    """"除了个人以外": a part left out of what is counted."""
    return _found(_LEAVES_OUT, text)


_A_CONDITION = re.compile(r"^\W*(?:那)?(?:要是|如果|假如|万一|假设)[^，,。？?]*呢\W*$")


def adds_a_condition(text: str) -> bool:
    """"要是复议机关维持了原来的决定呢": the question before, asked again of a new case."""
    return _found(_A_CONDITION, text)


BRIEF = 10   # characters of a short yes-or-no question that can only go on about what was just answered


def asks_yes_or_no_briefly(text: str) -> bool:
    """"还能再往后拖吗": a short yes-or-no question, about what was just said."""
    plain = re.sub(r"\W", "", text or "")
    return len(plain) <= BRIEF and re.search(r"[吗么嘛]$|[能可行][不没]\w?$", plain) is not None


def asks_of_others(text: str) -> bool:
    """"在哪个法院审的", "一般几天能答复": a question on what others did or do, not on the citizen's own case."""
    return not _ONESELF.search(text or "")


def asks_what_one_may_do(text: str) -> bool:
    text = text or ""
    if _THIS_PERIOD.search(text) or has("cue_this_body", text):
        return False
    return any(p.search(text) for p in (_HYPOTHETICAL, _GENERAL, _EITHER_WAY, _MEANING, _HOW_TO, _MAY_IT_BE)) \
        or bool(_ONESELF.search(text) and _MODAL.search(text)) or asks_a_rule(text) or has("cue_law", text)


_HAPPENED = re.compile(r"(?:了|过)(?:吗|么|嘛|没有?|没)[？?。！!]*$")


_TIME_LIMIT_IN_FULL = re.compile(r"时间限制|时间上的限制|时间要求")   # 时限 and 期限 written out


def asks_a_time_limit_of_a_case(text: str) -> bool:
    """"我要是不服，多少天以内要申请复议", "年报每年最晚啥时候要公布": the time the law allows in a case one
    is in or imagines, or in every case — no count of a report gives it, whatever body the question names.
    Not the body's own times ("平均几天答复", "去年都按时答复了吗")."""
    text = text or ""
    if not (has("cue_time_limit", text) or _TIME_LIMIT_IN_FULL.search(text)) or asks_an_average(text) or _HAPPENED.search(text):
        return False
    return bool(_GENERAL.search(text)) or not _THIS_PERIOD.search(text) and bool(
        _HYPOTHETICAL.search(text) or _ONESELF.search(text) and _MODAL.search(text))


# What the body did, asked in a conversation about its report ("都按时回复了吗", "他们自己会定期检查吗"):
# a done thing (了/过 with a question) or the body as 他们 — the report answers, not the law.
_DONE = re.compile(_HAPPENED.pattern + r"|(?:有没有|是不是|是否)[^，,。？?]{0,12}(?:了|过)|他们|人家"
                   r"|有(?:没有)?(?:什么|啥)?(?:改善|改进|好转|提升|提高|缩短|变化|进步)")   # "有改善吗": what changed


_CUMULATIVE = re.compile(r"历年|累计|至今|迄今|到(?:目前|现在)为止|截至(?:目前|现在)|这些年来|多年来")


def without_cumulative(text: str) -> str:
    return _CUMULATIVE.sub("", text or "")


def asks_cumulative(text: str) -> bool:
    """"历年累计主动公开了多少": the total over the years, not the year's."""
    return _CUMULATIVE.search(text or "") is not None


_PAST_CASE = re.compile(r"是(?:在|由|被|向|跟|哪|谁|什么|怎么)[^，。？！,?!]{0,10}的|"
                        r"(?:在|由|被|向|跟)(?:哪|谁)[^，。？！,?!]{0,8}的[？?。]*$|的是[^，。？！,?!]{1,6}还是")


def asks_of_a_past_case(text: str) -> bool:
    """"是在哪个法院打的官司", "这几件是谁审的", "判了吗": a case that happened, not a rule for one's own."""
    return refers_to_before(text) or asks_what_they_did(text) or asks_who_or_where_it_was(text)


def asks_who_or_where_it_was(text: str) -> bool:
    """"是哪个法院受理的": who, where or how a case that happened was handled."""
    return _found(_PAST_CASE, text)


def asks_what_they_did(text: str) -> bool:
    return _DONE.search(text or "") is not None and not asks_what_one_may_do(text)


def asks_an_average(text: str) -> bool:
    """"平均多少天答复一件": a statistic of the body's own cases, which no rule of the law gives."""
    return "平均" in (text or "")


_CONTACT = re.compile(r"电话(?:号码)?(?:是)?多少|哪个电话|什么电话|电话号码|联系电话|联系方式|怎么联系|联系谁|联系人|地址|邮箱|"
                      r"传真|邮编|找谁问|找谁咨询|问谁")
_NOT_CONTACT = re.compile(r"热线|12345|网站|网址|网页|多少(?:个|条|件|次|通|人|电话)|几[个条件次通]")


def asks_contact(text: str) -> bool:
    """"对年报有疑问打哪个电话", "办公地址在哪": the report's own contact details, not a count of calls."""
    return _CONTACT.search(text or "") is not None and _NOT_CONTACT.search(text or "") is None


_CASE_OUTCOME = re.compile(r"结果|结局|维持|纠正|撤销|确认违法|败诉|胜诉|输|赢|驳回|判")
_OUTCOME_NAMED = re.compile(r"维持|纠正|撤销|确认违法|败诉|胜诉|驳回")


def case_outcome_words(text: str) -> List[str]:
    """"有败诉的吗": the outcomes a question names, as a report words them."""
    return _OUTCOME_NAMED.findall(text or "")


_REVIEW_WORDS = re.compile(r"复议")
_LAWSUIT_WORDS = re.compile(r"诉讼|起诉|法院|官司|判|胜诉|败诉|告")


def case_kinds_named(text: str) -> List[str]:
    """Which of the reviews ("review") and lawsuits ("litigation") a question's words name."""
    return [kind for kind, words in (("review", _REVIEW_WORDS), ("litigation", _LAWSUIT_WORDS)) if words.search(text or "")]


def asks_a_case_outcome(text: str) -> bool:
    """"复议有被撤销或者纠正的吗": how reviews or lawsuits ended — not where their papers are ("判决书在哪能查到")."""
    return _CASE_OUTCOME.search(text or "") is not None and _WHERE.search(_plain(text)) is None


_WHERE = re.compile(r"在哪|哪里|哪儿|什么地方|哪能|哪可以")


_ASKS_A_RULE = re.compile(r"什么样的|哪些情况|什么情况下|哪种情况|会不会被|按规定|法律上|按法律|依法|应该怎么|应当怎么|该怎么|"
                          r"合不合法|合法吗|有没有规定|怎么规定|有(?:没有|什么)[^，。？！,.?!]{0,4}要求|"
                          r"哪些[^，。？！,.?!]{0,8}(?:不能|不会|不得|不予|不可以|不用|可以不|能|会|可以|应当|应该)公开")


def asks_a_rule(text: str) -> bool:
    """"什么样的申请会被不予处理", "按规定应该怎么回复": the rule for every case, not this body's cases."""
    return _ASKS_A_RULE.search(text or "") is not None


_LEFT_OPEN = re.compile(r"还剩|剩下|剩余|没办完|没有办完|未办结|没办结|没有办结|尚未办结|还有多少没|多少没办")
_RATE_COMPLETED = re.compile(r"办结率|完成率|办理率|解决率|办完的比例|办结的比例")


def asks_what_is_left_or_done(text: str) -> bool:
    """"还剩多少没办完", "办结率多少": of cases received, those still open or the share completed."""
    return asks_what_is_left(text) or asks_a_rate_completed(text)


def asks_what_is_left(text: str) -> bool:
    return _found(_LEFT_OPEN, text)


def asks_a_rate_completed(text: str) -> bool:
    return _found(_RATE_COMPLETED, text)


def _found(pattern, text: str) -> bool:
    return pattern.search(text or "") is not None


_HOW_OFTEN = re.compile(r"多(?:久|长时间)[^，。？！,?!]{0,4}?[一1][次回趟遍]|每隔多久|隔多久|(?:一年|每年|每月|一个月)(?:几|多少)[次回]"
                        r"|定期[^，。？！,?!]{0,6}(?:吗|么|嘛|没)")   # "会定期检查吗": whether, and so how often


def asks_how_often(text: str) -> bool:
    """"网站多久自查一回": how often the body does something, which its report may say; the law sets no such rhythm."""
    return _found(_HOW_OFTEN, text)


_EACH = re.compile(r"分别|各(?:是|有|自|发了?|公开了?)?(?:多少|几)|各[有是]")


def asks_each(text: str) -> bool:
    """"区直部门和乡镇分别多少", "微博微信各发了多少": a figure of each of the things named."""
    return _found(_EACH, text)


# The year after or before the one talked about, as its own subject: not "转到下一年" (carried forward),
# "下一年度继续办理", "上一年结转/转过来/项目数量" (this year's figures of the year before), or "比前一年"
# (a change, answered from the report).
_NEXT_YEAR = re.compile(r"(?<![转到留至结])(?:第二年|次年|下一年|后一年|转年)(?!度?(?:继续|结转|办理|答复))")
_YEAR_BEFORE = re.compile(r"(?<![比较跟和与同])(?:前一年|前一个年度|上一年)(?!度?的?(?:结转|转|留|剩|遗留|项目|没办完|未办完))")


# A year named as where requests carried over came from or went to ("加上2018年结转的", "拖到2023年的"):
# the report of the year between answers (its 上年结转 or 结转下年度), not that year's.
_CARRIED_FROM = re.compile(r"(\d{2,4})年度?的?(?:结转|转来|转过来|遗留|留下|剩下|没办完|未办完|没有办完)")
_CARRIED_TO = re.compile(r"(?:结转|转|拖|留|顺延|延)(?:到|至)(\d{2,4})年")


def years_carried_over(text: str) -> Tuple[set, set]:
    """The years named as where carried-over requests came from, and as where they went."""
    return tuple({int(y) % 100 + 2000 for y in pattern.findall(text or "")} for pattern in (_CARRIED_FROM, _CARRIED_TO))


def year_carried_over(text: str, year: int, talked_about: int) -> bool:
    """Whether the year is named as the year before the one talked about whose leftover requests it took
    on, or the year after that takes on its own."""
    came_from, went_to = years_carried_over(text)
    return year == talked_about - 1 and year in came_from or year == talked_about + 1 and year in went_to


def year_shift(text: str) -> int:
    """+1 for "第二年…", -1 for "前一年具体是多少", else 0."""
    return 1 if _NEXT_YEAR.search(text or "") else -1 if _YEAR_BEFORE.search(text or "") else 0


_HOW_IT_WENT = re.compile(r"怎么样|咋样|怎样|如何|好不好|情况")


# "依申请公开办得怎么样，有啥特别的做法": how the body did its work, which its report tells.
_HOW_THEY_DID = re.compile(r"[办做搞干]得(?:怎么样|咋样|怎样|如何|好不好|好吗)|做法")


def asks_how_they_did(text: str) -> bool:
    return _found(_HOW_THEY_DID, text)


_PRACTICE = re.compile(r"做法|措施|举措|经验|怎么做的|怎么干的")
_HOW_DONE = re.compile(r"怎么(?:搞|做|弄|干|开展|落实|推进)的|(?:做|干|搞)了(?:哪些|什么|啥|些啥)")


_WHO_DID = re.compile(r"他们|她们|你们|咱们|人家")


def what_was_done_about(text: str) -> str:
    """"他们政策解读是怎么搞的" → "政策解读": what a question on how the body went about something is about."""
    if not asks_what_was_done(text):
        return text or ""
    about = _WHO_DID.sub(" ", _HOW_DONE.sub(" ", _PRACTICE.sub(" ", text))).strip(" 是的呢吗？?")
    return about if content_nouns(about) else text


def asks_what_was_done(text: str) -> bool:
    """"政策解读是怎么搞的，发了多少": how the body went about it, which its words tell, beside any count asked."""
    return _found(_PRACTICE, text) or _found(_HOW_DONE, text)


def asks_for_their_practice(text: str) -> bool:
    """"有啥特别的做法": the measures the body took, which its words tell, not its figures."""
    return _found(_PRACTICE, text)


def asks_how_it_went(text: str) -> bool:
    """"依申请公开办得怎么样": a vague question about a part of the work, not about one thing in it."""
    return _found(_HOW_IT_WENT, text)


_HOW_IT_IS_DONE = re.compile(r"(?:怎么|如何|怎样)(?!样|回事)[\u4e00-\u9fff]")


def asks_how_it_is_done(text: str) -> bool:
    """"微博微信平时怎么管的": how a thing is done, which words answer, not its count."""
    return _found(_HOW_IT_IS_DONE, _plain(text))


_ALL_OR_MOST = re.compile(r"(?:都|全|全部|大部分|大多|多半|主要)(?:是|为)[^，。？?哪什啥谁怎]{0,10}(?:吗|吧|么|嘛|的[？?]|[？?]|$)")


def asks_if_all_or_most(text: str) -> bool:
    """"都是个人申请的吗", "大部分是个人的吧": whether all or most of a whole are of one kind."""
    return _found(_ALL_OR_MOST, text)


_WHICH_MOST = re.compile(r"(?:哪(?:一|几)?(?:个|些|类|项|种|家|方面)|什么|啥)[^，。？?]{0,6}(?:最|比较|较)(?:多|少)|"
                         r"(?:最|比较|较)(?:多|少)的(?:是|为)?(?:哪|什么|啥)")


def asks_which_is_most(text: str) -> bool:
    """"哪一类最多", "最少的是哪个乡镇": the largest or smallest of several figures."""
    return _found(_WHICH_MOST, text)


def asks_which_is_least(text: str) -> bool:
    return asks_which_is_most(text) and "最少" in (text or "")

