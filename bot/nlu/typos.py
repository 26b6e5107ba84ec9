"""Corrects a misspelt word of the assistant's vocabulary by sound: pinyin input puts a character of
the same reading in place of the right one (申情 for 申请, 复意 for 复议).

The vocabulary is the words of the knowledge base's terms (catalogue names and synonyms, the laws'
terms, the stored bodies' names), read at run time. A stretch of the question is replaced only when
it reads exactly like a vocabulary word, differs from it in one character, and is no common word of
its own (因为 stays 因为, the rarer 微薄 becomes 微博)."""
import re
import threading
from typing import Dict, Iterable, List, Optional, Tuple

import jieba
from pypinyin import lazy_pinyin

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
MIN_WORD, MAX_WORD = 2, 6
# How common a vocabulary word counts as at least (jieba's frequencies are of general text, where
# 微博 is missing), and how much more common than a real word it must be to replace it (微薄 → 微博).
DOMAIN_FREQUENCY, MORE_COMMON = 3000, 10


def _reading(text: str) -> Tuple[str, ...]:
    return tuple(lazy_pinyin(text))


class Corrector:
    def __init__(self, terms: Iterable[str]):
        jieba.initialize()
        self.words = set()
        for term in terms:
            words = [term] + [w for w in jieba.lcut(term) if jieba.dt.FREQ.get(w)]
            self.words.update(w for w in words if MIN_WORD <= len(w) <= MAX_WORD and _CJK.match(w))
        self.by_reading: Dict[Tuple[str, ...], List[str]] = {}
        for word in sorted(self.words):
            self.by_reading.setdefault(_reading(word), []).append(word)

    def _fix(self, window: str) -> Optional[str]:
        if window in self.words:
            return None
        seen = jieba.dt.FREQ.get(window) or 0
        for word in self.by_reading.get(_reading(window), []):
            common = max(jieba.dt.FREQ.get(word) or 0, DOMAIN_FREQUENCY)
            if sum(a != b for a, b in zip(word, window)) == 1 and seen * MORE_COMMON < common:
                return word
        return None

    def correct(self, text: str) -> str:
        """The text with each misspelt vocabulary word replaced, longest words first. A stretch that
        cuts a word of the question in two is no candidate (因为信息 holds 为信, which reads 微信)."""
        chars, i, out = text, 0, []
        cuts, words = _word_edges(text)
        while i < len(chars):
            for length in range(MAX_WORD, MIN_WORD - 1, -1):
                window = chars[i:i + length]
                if len(window) == length and _CJK.match(window) and i in cuts and i + length in cuts:
                    fixed = self._fix(window)
                    if fixed and (jieba.dt.FREQ.get(fixed) or not _replaces_a_word(i, window, fixed, words)):
                        out.append(fixed)
                        i += length
                        break
            else:
                out.append(chars[i])
                i += 1
        return "".join(out)


def _word_edges(text: str) -> Tuple[set, set]:
    """Offsets a correction may start or end at (all but those inside a dictionary word of the text),
    and the (start, end) of the text's dictionary words."""
    edges, words, position = set(range(len(text) + 1)), set(), 0
    for token in jieba.lcut(text):
        if jieba.dt.FREQ.get(token):
            edges -= set(range(position + 1, position + len(token)))
            words.add((position, position + len(token)))
        position += len(token)
    return edges, words


def _replaces_a_word(start: int, window: str, fixed: str, words: set) -> bool:
    """Whether the correction would change a one-character word standing beside whole words of two or
    more ("也搞政府采购": 搞 + 政府 reads like 告政府, but is what the citizen wrote; 不与公开's 不 + 与 are
    single characters, and 不与 is corrected to 不予). A correction that is itself a common word is made
    all the same (一部 + 份 is 一部分)."""
    changed = next(start + k for k, (a, b) in enumerate(zip(window, fixed)) if a != b)
    if (changed, changed + 1) not in words:
        return False
    rest = [p for p in range(start, start + len(window)) if p != changed]
    return all(any(a <= p < b and b - a >= 2 for a, b in words) for p in rest)


_lock = threading.Lock()
_cached: Dict[str, object] = {}


def corrector() -> Optional[Corrector]:
    """The corrector for the knowledge base in use, rebuilt when the knowledge base file changes;
    None when there is no knowledge base (the text is then left as it is)."""
    import os

    from knowledge import KnowledgeBase, KnowledgeBaseMissing
    from knowledge.bodies import name_forms
    from knowledge.paths import db_path

    try:
        stat = os.stat(db_path())
    except OSError:
        return None
    identity = (str(db_path()), stat.st_ino, stat.st_mtime_ns)
    with _lock:
        if _cached.get("identity") != identity:
            try:
                kb = KnowledgeBase.open()
                terms = kb.terms() + [form for body in kb.bodies() for form in name_forms(body)]
            except KnowledgeBaseMissing:
                return None
            _cached.update(identity=identity, corrector=Corrector(terms))
        return _cached["corrector"]
