"""Chinese word segmentation (jieba) for the full-text index: text is stored segmented and
space-joined, and queries are segmented the same way, with the same dictionary of terms."""
import logging
import re
from functools import lru_cache
from typing import Iterable, List, Tuple

import jieba

jieba.setLogLevel(logging.WARNING)

# Function words and question words that say nothing about what is searched for.
STOPWORDS = frozenset("的 了 是 在 和 与 及 或 等 对 就 都 也 还 又 把 被 从 向 为 以 于 之 其 这 那 有 没有 吗 呢 吧 啊 呀 么 "
                      "什么 怎么 怎样 如何 多少 几 哪些 哪个 哪里 请问 请 我 你 我们 你们 他们 一下 想 要 能 可以 会".split())
_TOKEN = re.compile(r"[\w\u3400-\u9fff]+")


@lru_cache(maxsize=1)
def _base() -> jieba.Tokenizer:
    t = jieba.Tokenizer()
    t.initialize()
    return t


@lru_cache(maxsize=8)
def tokenizer(terms: Tuple[str, ...] = ()) -> jieba.Tokenizer:
    """A jieba tokenizer with the terms added; the main dictionary is loaded once per process."""
    base = _base()
    t = jieba.Tokenizer()
    t.FREQ, t.total, t.initialized = dict(base.FREQ), base.total, True
    for term in terms:
        t.add_word(term, freq=max(t.suggest_freq(term), 100000))
    return t


def _words(tokens: Iterable[str]) -> List[str]:
    return [w.strip().lower() for w in tokens if _TOKEN.fullmatch(w.strip())]


def _inner_words(word: str, t: jieba.Tokenizer) -> List[str]:
    """Dictionary words of 4 or more characters inside a longer word (收取信息处理费 → 信息处理费);
    jieba's search mode adds only the 2- and 3-character ones."""
    return [word[i:j] for i in range(len(word)) for j in range(i + 4, len(word) + (i > 0))
            if t.FREQ.get(word[i:j])]


def index_text(text: str, terms: Tuple[str, ...] = ()) -> str:
    """The segmented copy stored next to a sentence or article (search-mode cut: overlapping words)."""
    t = tokenizer(terms)
    words = []
    for word in t.cut_for_search(text):
        words.append(word)
        if len(word) > 4:
            words += _inner_words(word, t)
    return " ".join(_words(words))


def query_words(text: str, terms: Tuple[str, ...] = ()) -> List[str]:
    """The words of a question worth searching for, in order, without duplicates."""
    words = [w for w in _words(tokenizer(terms).cut(text)) if w not in STOPWORDS]
    return list(dict.fromkeys(words))
