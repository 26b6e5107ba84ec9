"""Bodies named in a question: a stored body written in full or as citizens shorten it, or the name
of a body (or place) whose report is not stored.

A question about a body that is not stored must never get another body's figures, so a name that
looks like an administrative body or place and fits no stored body is reported as such."""
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from jieba import posseg

# Long words of official names and the short forms citizens write for them.
ABBREVIATIONS = (
    ("人民政府", "政府"), ("委员会", "委"), ("管理委员会", "管委会"), ("办公厅", "办"), ("办公室", "办"),
    ("发展和改革", "发改"), ("科学技术", "科技"), ("科学技术", "科"), ("人力资源和社会保障", "人社"),
    ("住房和城乡建设", "住建"), ("工业和信息化", "工信"), ("市场监督管理", "市场监管"), ("卫生健康", "卫健"),
    ("生态环境", "环境"), ("交通运输", "交通"), ("农业农村", "农业"), ("文化和旅游", "文旅"),
    ("自然资源", "自然资源"), ("退役军人事务", "退役军人"), ("综合实验区", "实验区"),
    ("省政府", "省府"), ("市政府", "市府"), ("县政府", "县府"), ("区政府", "区府"),
)
PLACE_SUFFIXES = "省市县区州旗盟镇乡"
_PLACE_PREFIX = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,6}}?(?:自治区|自治州|特别行政区|[{PLACE_SUFFIXES}]))+")
# The name of a body or place: a place (two to six characters and 省/市/县/区 …), possibly more places,
# possibly an office after it.
_OFFICE = (r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室|委员会|管委会|"
           r"[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办|中心|院|署))")
_NAMED_PLACE = r"[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|特别行政区|[省市县区州旗盟])"
# The ministries and commissions of the State Council, named without a place.
_MINISTRY = (r"(?:国务院)?(?:民政|财政|教育|公安|司法|商务|外交|国防|科技|科学技术|工业和信息化|工信|人力资源和社会保障|人社|"
             r"自然资源|生态环境|住房和城乡建设|住建|交通运输|水利|农业农村|文化和旅游|卫生健康|应急管理|退役军人事务|审计)部"
             r"(?!门)|国家(?:发展和改革|卫生健康|民族事务)委员会|国家发改委|国家卫健委")
BODY_NAME = re.compile(rf"(?:{_NAMED_PLACE})+{_OFFICE}?|[省市县区镇乡](?:人民)?政府(?:办公厅|办公室)?(?!信息)|{_MINISTRY}")
# Words that end like a place but name none ("我市", "全省", "本区", "城区", "社区").
_NOT_A_PLACE = re.compile(r"^(?:[我本全该各外省市县区他][省市县区]|社区|城区|小区|园区|辖区|地区|景区|街区|"
                          r"城市|超市|都市|上市|门市|股市|市区)$")
_FUNCTION_CHARS = re.compile(r"[是哪几个的了吗呢吧啊么什怎如何多少有没也都还就把被]")
_NON_PLACE_START = "我你他们本全该各其每这那此在向到从对为给与和或及前后里外按据照查问看说请"
# Words of the question run into a name ("想问问省民政厅", "网民在省民政厅"): the name starts after the last.
_QUESTION_WORDS = re.compile(r".*(?:想|问|请|说|在|我|你|您|给|找|去|到|是|的|了|吗|呢)")
# Two levels of government side by side name every office of those levels (市县民政局, 省市县).
_LEVELS = re.compile(rf"[{PLACE_SUFFIXES}][{PLACE_SUFFIXES}]")
# Office words inside what reads as a place ("管委会区直部门": the committee and the district's offices).
_OFFICE_WORDS = re.compile(r"管委会|委员会|政府|办公|[厅局]")
_LEADING_WORDS = re.compile(r"^(?:下面|下属|所属|基层|各级|各地|全省|全市|周边)")
_PLACES = re.compile(rf"(?:{_NAMED_PLACE})+")
# Parts of speech no place name holds: a verb, preposition, localizer, numeral, pronoun, adverb,
# conjunction or particle in front of 省/市/县 means words of the sentence ran into a short name
# ("听我孙子讲省民政厅", "想问一下省民政厅", "省里对下面市县").
_SENTENCE_TAGS = frozenset("v vd p f m r d c u uj ul uz ug uv ud y e".split())


# Office words alone name no particular body (政府 also starts 政府信息公开).
_GENERIC = re.compile(r"^(?:(?:人民)?政府(?:办公厅|办公室|办)?|办公厅|办公室|委员会|管委会)$")
# A zone named after its place (平潭综合实验区 → 平潭).
_AREA = re.compile(r"(?:综合实验区|经济技术开发区|高新技术产业开发区|开发区|新区|实验区)$")


@dataclass(frozen=True)
class BodyMention:
    """What a question says about the body: a stored body it names, or a name that fits none."""
    body: Optional[str]           # the stored body's full name
    name: str                     # the words of the question


def name_forms(body: str) -> List[str]:
    """A stored body's name and the shorter forms citizens use: without the province or city
    (江苏省民政厅 → 民政厅, 江苏民政厅), with official words abbreviated (市发展和改革委员会 → 市发改委)."""
    forms = {body}
    for long, short in ABBREVIATIONS:
        forms |= {f.replace(long, short) for f in forms if long in f}
    for form in list(forms):
        for suffix in ("省", "市", "自治区"):
            head, sep, rest = form.partition(suffix)
            if sep and rest:
                forms |= {suffix + rest, head + rest}
        prefix = _PLACE_PREFIX.match(form)
        if prefix and len(form) - prefix.end() >= 2:
            forms |= {form[prefix.end():], form[prefix.end() - 1:]}
        area = _AREA.search(form)
        if area and area.start() >= 2:
            forms.add(form[:area.start()])
    return sorted((f for f in forms if len(f) >= 2 and not _GENERIC.match(f) and not f.startswith("府")),  # 市府: one word
                  key=lambda f: (-len(f), f))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def fits(words: str, body: str) -> bool:
    """Whether the words name the body: one of its forms, or a form with characters left out that
    keeps its first and last character (上海市府办公厅 for 上海市人民政府办公厅)."""
    for form in name_forms(body):
        if words == form:
            return True
        if len(words) >= 3 and words[0] == form[0] and words[-1] == form[-1] and _subsequence(words, form):
            return True
    return False


def _stored_mentions(text: str, bodies: Iterable[str]) -> List[Tuple[int, int, str]]:
    """(start, end, body) of every stored body named in the text, longest first. A short form found
    right after a place word (省政府办公厅 holds 政府办公厅) names that place's body, not this one."""
    found = []
    for body in bodies:
        lasts = {f[-1] for f in name_forms(body)}
        for end in range(1, len(text) + 1):
            if text[end - 1] not in lasts:
                continue
            for start in range(max(0, end - len(body) - 4), end - 1):
                if fits(text[start:end], body):
                    if not (start and text[start - 1] in PLACE_SUFFIXES and text[start] != body[0]):
                        found.append((start, end, body))
                    break
    return sorted(found, key=lambda m: (-(m[1] - m[0]), m[0]))


def _unknown_names(text: str, bodies: List[str]) -> List[Tuple[int, int]]:
    """Spans that look like the name of a body or a place and fit no stored body."""
    out = []
    for m in BODY_NAME.finditer(text):
        start = m.start()
        while start < m.end() and text[start] in _NON_PLACE_START:
            start += 1
        words = _QUESTION_WORDS.search(text[start:m.end()])
        start = start + words.end() if words else start
        name = text[start:m.end()]
        if _FUNCTION_CHARS.search(name):
            continue  # "试点是哪几个区": words of a question, not a place
        if _LEVELS.match(_LEADING_WORDS.sub("", name)):
            continue  # "下面市县民政局": the offices of every city and county, not one body
        if _words_of_a_sentence(name):
            continue
        if len(name) >= 3 and not _NOT_A_PLACE.match(name) \
                and not any(name in b or fits(name, b) for b in bodies):
            out.append((start, m.end()))
    return out


def _words_of_a_sentence(name: str) -> bool:
    places = _PLACES.match(name)
    if places and _OFFICE_WORDS.search(places.group(0)):
        return True
    return bool(places) and any(w.flag in _SENTENCE_TAGS for w in posseg.cut(places.group(0)))


def _placed(extra: str, mention: str, body: str) -> bool:
    """"福建省平潭综合实验区": the stored body's full name with its province in front."""
    return bool(_PLACE_PREFIX.fullmatch(extra)) and mention[:1] == body[:1]


def loosely_fits(words: str, body: str) -> bool:
    """Whether the words could be a looser name of the body, its office word aside (市政府 in a
    conversation about 上海市人民政府办公厅): the same first character and its characters in order."""
    return any(len(words) >= 2 and words[0] == form[0] and _subsequence(words, form) for form in name_forms(body))


def find_body(text: str, bodies: Iterable[str]) -> Optional[BodyMention]:
    """The body the question names: a stored one (its longest mention wins) unless a longer name that
    fits no stored body holds it (浙江省民政厅 is not 江苏省民政厅), else a name that looks like a body
    or a place and fits no stored body, else None (the question names no body)."""
    bodies = list(bodies)
    stored, unknown = _stored_mentions(text, bodies), _unknown_names(text, bodies)
    if stored:
        start, end, body = stored[0]
        holder = next(((a, b) for a, b in unknown if a < start < b or (a <= start and b > end)), None)
        if holder is None or _placed(text[holder[0]:start], text[start:end], body):
            return BodyMention(body, text[start:end])
        start, end = holder
        return BodyMention(None, text[start:end])
    if unknown:
        start, end = unknown[0]
        return BodyMention(None, text[start:end])
    return _by_place(text, bodies)


# The kind of office a body is, written alone ("办公厅被申请复议几件"): it names a body only when one stored
# body is of that kind.
_KIND = re.compile(r"(?:办公厅|管委会)$")


# A body addressed by the last character of its name ("你们区", "贵厅", "咱县"): the one stored body so named.
_ADDRESSED = re.compile(r"(?:你们|您们|贵|咱们|咱|我们|本)([区县市厅局委])")


def named_by_kind(text: str, bodies: Iterable[str]) -> Optional[str]:
    """The one stored body whose kind of office the text names alone, or addresses ("你们区"), if only that
    body is of that kind."""
    bodies = list(bodies)
    kinds: Dict[str, List[str]] = {}
    for body in bodies:
        kind = _KIND.search(body)
        if kind:
            kinds.setdefault(kind.group(0), []).append(body)
    named = [of_kind for kind, of_kind in kinds.items() if kind in text]
    addressed = _ADDRESSED.search(text)
    if not named and addressed:
        named = [[b for b in bodies if b.endswith(addressed.group(1))]]
    return named[0][0] if len(named) == 1 and len(named[0]) == 1 else None


def _place(body: str) -> Optional[str]:
    """The place a body is named after, without its 省/市/区 (上海 for 上海市人民政府办公厅)."""
    prefix = re.match(rf"[\u4e00-\u9fff]{{2,4}}?(?=[{PLACE_SUFFIXES}])", body)
    return prefix.group(0) if prefix else None


def _governs(body: str, place: str, suffix: str) -> bool:
    """"上海市…" names 上海市人民政府办公厅 (the place's government), not 江苏省民政厅 (one of its
    departments); 平潭县 is another place than 平潭综合实验区."""
    return body[len(place):].startswith((suffix + "人民政府", suffix + "政府"))


def _by_place(text: str, bodies: List[str]) -> Optional[BodyMention]:
    """"那上海呢": a place written bare names the one stored body named after it (none when two are)."""
    places = {}
    for body in bodies:
        place = _place(body)
        if place:
            places.setdefault(place, []).append(body)
    for place, named in places.items():
        at = text.find(place)
        after = text[at + len(place):at + len(place) + 1]
        if at != -1 and len(named) == 1 and (after not in PLACE_SUFFIXES or _governs(named[0], place, after)):
            return BodyMention(named[0], place)
    return None
