"""Ranks texts (a report's sentences, law articles) against a question: BM25 over jieba words and
character bigrams, so that a question shares credit with a sentence even where the two segment
differently (“答复办结” and “办结答复”), and over the thesaurus's synonyms of the question's words at
half weight (“查找” and “检索”). Words of unlike form and no shared synonym group (“改版” and “网站改造”)
stay apart."""
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Dict, List, Sequence, Tuple

from knowledge.segment import STOPWORDS, tokenizer
from knowledge.thesaurus import synonyms

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[\w\u3400-\u9fff]+")
K1, B = 1.2, 0.6
WORD_WEIGHT = 1.5
SYNONYM_CREDIT = 0.5    # a text holding a synonym of a question's word (检索 for 查找) earns half its weight
# Words of a question that say what it asks, not what about (and the assistant's own subject).
QUESTION_WORDS = frozenset("多少 几 几个 几件 几次 哪些 哪个 什么 怎么 怎样 如何 是否 有没有 没有 有无 吗 呢 请问 情况 "
                           "报告 年度 今年 去年 全年 一共 总共 共 其中 主要 具体 相关 方面 工作 问题 内容 一下 知道 了解 "
                           "想 能 可以 是不是 多不多 咋样 怎么样 啥 多大 百分之几 百分之多少 全部 所有".split())


YEARS = re.compile(r"(?:19|20)\d\d\s*年度?|[一二三四五六七八九〇零]{4}年度?")   # say which report, not what about
_NOUN_TAGS = ("n", "nz", "vn", "eng", "nr", "ns", "nt")
# Nouns every question about a report may hold without asking about anything in particular.
GENERIC_NOUNS = frozenset("信息 政府 内容 情况 数量 数据 工作 问题 部门 单位 年度 报告 年报 时候 东西 方面 事情 "
                          "事 人 个人 我们 你们 大家 老百姓 群众 申请 政府信息 部分 全部 一部分 大部分 多数 少数 总数 "
                          "数字 比例 统计表 表格 表 附表 原文 文件里 合计 总计 总和 之和 总量 两者 二者 三者".split())


# Nouns of government's new media, newer than jieba's dictionary ("微博微信" cut as 微/博微信).
NEW_MEDIA_NOUNS = ("微博", "微信", "公众号", "视频号", "抖音", "快手", "头条号", "小程序", "客户端", "新媒体", "政务新媒体")


@lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    for word in NEW_MEDIA_NOUNS:
        jieba.add_word(word, freq=max(jieba.suggest_freq(word), 100000), tag="n")
    return jieba.posseg


# "802条里", "件数", "人次": a figure or a measure word, no noun (事项 and 项目 are nouns).
_A_COUNT_WORD = re.compile(r"\d|^[件个篇条场次项人元]|[件个篇条场次人元]$")
_DEMONSTRATIVE = re.compile(r"^[这那][一两二三四五六七八九十几俩仨]*[个项类种件条样组些]?$")   # 这两项, 那三类: no thing named


def content_nouns(text: str) -> List[str]:
    """The nouns of a question that say what it is about (jieba's part-of-speech tags), without the
    generic ones; words holding a digit or a measure word (802条里) are no nouns here."""
    return list(_content_nouns(text))


@lru_cache(maxsize=1024)
def _content_nouns(text: str) -> tuple:
    """content_nouns, tagged once per text: a turn reads the same question's nouns in many places."""
    out = []
    for word, flag in _tagger().cut(YEARS.sub(" ", text)):
        word = word.strip()
        if len(word) >= 2 and flag.startswith(_NOUN_TAGS) and word not in GENERIC_NOUNS \
                and word not in QUESTION_WORDS and not _A_COUNT_WORD.search(word) and not _DEMONSTRATIVE.match(word):
            out.append(word)
    return tuple(dict.fromkeys(out))


def content_verbs(text: str) -> List[str]:
    """The verbs of two characters or more that say what was done (修订, 培训), not how it is asked."""
    return list(dict.fromkeys(w for w, flag in _tagger().cut(YEARS.sub(" ", text))
                              if flag == "v" and len(w) >= 2 and w not in QUESTION_WORDS and w not in STOPWORDS))


# One-character verbs that ask rather than say what was done (是, 有, 问, 提到的提).
_ASKING_VERBS = frozenset("是有没要能会说想问看讲提知叫让去来到给")


def one_character_verbs(text: str) -> List[str]:
    """The one-character verbs of a question that say what was done (搜, 改), not how it is asked."""
    return list(dict.fromkeys(w for w, flag in _tagger().cut(YEARS.sub(" ", text))
                              if flag == "v" and len(w) == 1 and w not in _ASKING_VERBS and w not in STOPWORDS))


_BEFORE_A_COUNT = re.compile(r"(?:一共|总共|共)?有(?:多少|几)")
# "收到多少群众诉求": the words after the count to the question's end, whose last word is the thing counted.
_AFTER_A_COUNT = re.compile(r"(?:多少|几)[件个篇条场次项份期批]?([\u4e00-\u9fff]{2,8}?)[呢啊呀吗？?。!！]*$")


def noun_counted(text: str) -> List[str]:
    """The word a "X有几条" or "有多少X" question counts, whatever jieba tags it (留言 and 诉求 are tagged
    verbs), unless generic."""
    text = YEARS.sub(" ", text)
    words = [w for w, _ in _tagger().cut(text)]
    ends = accumulate(map(len, words))
    before = [w for w, end in zip(words, ends) if _BEFORE_A_COUNT.match(text, end)]
    after = _AFTER_A_COUNT.search(text)
    head = [w for w, _ in _tagger().cut(after.group(1))][-1:] if after else []
    return [w for w in dict.fromkeys(before + head) if len(w) >= 2 and w not in GENERIC_NOUNS
            and w not in QUESTION_WORDS and not _A_COUNT_WORD.search(w)]


def holds(text: str, word: str) -> bool:
    """Whether the text holds the word or, for a longer word, one of its two-character pieces."""
    return word in text or any(word[i:i + 2] in text for i in range(len(word) - 1)) and len(word) > 2


# "要不要", "能不能": the yes-or-no form of a verb asks whether, and says nothing more than the verb.
_YES_OR_NO = re.compile(r"(要|能|会|可|需|用|该|得)[不没](?=\1)")


def without_yes_or_no(text: str) -> str:
    """"要不要钱" as "要钱": the verb stays, its 不 no longer pairs with the words around it (不要)."""
    return _YES_OR_NO.sub("", text)


def features(text: str, terms: Tuple[str, ...] = ()) -> Dict[str, float]:
    """Weighted features of a text: its words (jieba) and the bigrams of its Chinese characters."""
    out: Dict[str, float] = {}
    text = without_yes_or_no(text)
    for word in tokenizer(terms).cut(text):
        word = word.strip().lower()
        if _WORD.fullmatch(word) and word not in STOPWORDS and word not in QUESTION_WORDS:
            out["w:" + word] = WORD_WEIGHT
    chars = [c for c in text if _CJK.match(c)]
    for a, b in zip(chars, chars[1:]):
        gram = a + b
        if gram not in QUESTION_WORDS and not (a in STOPWORDS and b in STOPWORDS):
            out.setdefault("b:" + gram, 1.0)
    return out


def inverse_document_frequency(docs: Sequence[Dict[str, float]]) -> Dict[str, float]:
    """BM25's idf of every feature over the documents' feature sets."""
    counts: Dict[str, int] = {}
    for doc in docs:
        for f in doc:
            counts[f] = counts.get(f, 0) + 1
    n = len(docs)
    return {f: math.log(1 + (n - c + 0.5) / (c + 0.5)) for f, c in counts.items()}


@dataclass(frozen=True)
class Ranked:
    index: int
    score: float
    coverage: float               # the share of the question's weight the text holds


class Ranker:
    """BM25 over a fixed list of texts (one report's sentences: a few hundred at most)."""

    def __init__(self, texts: Sequence[str], terms: Tuple[str, ...] = ()):
        self.terms = terms
        self.docs = [features(t, terms) for t in texts]
        self.lengths = [max(1, len(t)) for t in texts]
        self.average = sum(self.lengths) / len(self.lengths) if self.lengths else 1
        self.idf = inverse_document_frequency(self.docs)

    def _synonym_features(self, query: Dict[str, float]) -> Dict[str, List[str]]:
        """For each word of the question, its synonyms that the texts hold."""
        out = {}
        for f in query:
            if f.startswith("w:"):
                held = [g for g in ("w:" + s for s in sorted(synonyms(f[2:]))) if g in self.idf and g not in query]
                if held:
                    out[f] = held
        return out

    def rank(self, question: str, limit: int = 5) -> List[Ranked]:
        query = features(question, self.terms)
        unseen = math.log(1 + len(self.docs) + 0.5)
        total = sum(w * self.idf.get(f, unseen) for f, w in query.items()) or 1.0
        alternatives = self._synonym_features(query)
        scored = []
        for i, doc in enumerate(self.docs):
            score, held = 0.0, 0.0
            norm = K1 * (1 - B + B * self.lengths[i] / self.average)
            for f, w in query.items():
                if f in doc:
                    idf = self.idf[f]
                    score += w * idf * (K1 + 1) / (1 + norm)
                    held += w * idf
                    continue
                synonym = next((g for g in alternatives.get(f, ()) if g in doc), None)
                if synonym:
                    score += SYNONYM_CREDIT * w * self.idf[synonym] * (K1 + 1) / (1 + norm)
                    held += SYNONYM_CREDIT * w * self.idf.get(f, unseen)
            if score:
                scored.append(Ranked(i, score, held / total))
        scored.sort(key=lambda r: (-r.score, r.index))
        return scored[:limit]
