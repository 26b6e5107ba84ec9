"""Ranks the procedure topics of laws.yml against a question: BM25 over each topic's own words (name,
synonyms, descriptors: the words citizens use for the situation) and, with less weight, over the text
its answer quotes. A word's weight (idf) is counted over the topics and every law article, so words
the whole procedure shares count for little and the words of one rule (视听障碍, 不动产登记, 第三方)
for much."""
import re
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from knowledge.rank import K1, QUESTION_WORDS, WORD_WEIGHT, inverse_document_frequency, without_yes_or_no
from knowledge.segment import STOPWORDS, tokenizer

PHRASE_B = 0.3          # topics with many descriptors are only mildly penalised: more words, more situations
ARTICLE_B = 0.6
ARTICLE_WEIGHT = 0.35   # the law's wording counts, but shared articles (29, 33, 36, 39) cannot decide
QUESTION_WEIGHT = 0.5  # the one citizens' question (law_questions.yml) most like the asked one
QUESTION_B = 0.75
QUESTION_SHARED = 2     # one word in common (今天, 政府) makes no two questions alike
# A pattern marked so describes the citizen's situation ("一下子申请了几十份"), read in the whole question.
SITUATION = "(?#situation)"
PATTERN_SCORE = 25.0    # a topic pattern that matches (the question word names what is asked) outweighs shared words
# The assistant's own subject: every procedure question is about requesting government information.
SUBJECT_WORDS = frozenset("政府信息公开 政府信息 信息公开 公开信息 依申请公开 政府 信息 公开 申请 申请人 行政机关 机关 部门 单位 "
                          "政府部门".split())
# Words that hold a sentence together, or that questions of every topic use (需要, 提出, 规定, 材料),
# and say nothing of the rule asked about.
FILLER_WORDS = frozenset("你们 这个 那个 这些 那些 这样 那样 这种 那种 已经 还是 就是 如果 的话 时候 以后 之后 然后 现在 "
                         "自己 一些 有些 东西 应该 是否 为什么 怎么办 行不行 可不可以 能不能 会不会 是不是 有没有 要不要 "
                         "不会 不用 不能 需要 要求 提出 办理 规定 法律 资料 材料 别的 其他 作为 公共 超过 公布 必须 期限 "
                         "时间 计算".split())
_WORD = re.compile(r"[\w\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def topic_features(text: str, terms: Tuple[str, ...] = ()) -> Dict[str, float]:
    """Words and character bigrams as rank.features takes them, read within the stretches between
    question words, stopwords and punctuation, so no bigram joins 怎么 and 申请 (么申). The subject
    carries no weight by itself: neither its words nor a bigram of its characters only (请政 of
    申请政府) count, but a bigram joining it to another word does (算政 of 算政府信息). Words of one
    character (里, 给, 得: rare as words in the law, so they would weigh much and say little) do not."""
    out: Dict[str, float] = {}
    for stretch in _stretches(without_yes_or_no(text), terms):
        for word, subject in stretch:
            if len(word) > 1 and not subject and word not in QUESTION_WORDS:
                out["w:" + word] = WORD_WEIGHT
        chars = [(c, subject) for word, subject in stretch for c in word if _CJK.match(c)]
        for (a, a_subject), (b, b_subject) in zip(chars, chars[1:]):
            gram = a + b
            if not (a_subject and b_subject) and gram not in QUESTION_WORDS and not (a in STOPWORDS and b in STOPWORDS):
                out.setdefault("b:" + gram, 1.0)
    return out


def _pieces(word: str) -> List[Tuple[str, bool]]:
    """A word cut at the subject words inside it, longest first: 提出申请 → 提出, 申请 (subject)."""
    pieces, rest, i = [], "", 0
    while i < len(word):
        subject = max((w for w in SUBJECT_WORDS if word.startswith(w, i)), key=len, default=None)
        if subject:
            pieces += [(rest, False)] if rest else []
            pieces.append((subject, True))
            rest, i = "", i + len(subject)
        else:
            rest, i = rest + word[i], i + 1
    return pieces + ([(rest, False)] if rest else [])


def _stretches(text: str, terms: Tuple[str, ...]) -> List[List[Tuple[str, bool]]]:
    """Runs of (word, is a subject word) between question words, stopwords, fillers and punctuation."""
    stretches, current = [], []
    for token in tokenizer(terms).cut(text):
        word = token.strip().lower()
        pieces = _pieces(word) if _WORD.fullmatch(word) else [("", False)]
        for piece, subject in pieces:
            if not subject and (not piece or piece in STOPWORDS or piece in QUESTION_WORDS or piece in FILLER_WORDS):
                stretches.append(current)
                current = []
            else:
                current.append((piece, subject))
    stretches.append(current)
    return [s for s in stretches if s]


_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?]")
ASKED_CHARS = 8     # a last clause shorter than this (还来得及吗, 对不对) leans on the one before


def asked_part(question: str) -> str:
    """The last clause of a question, with the one before it when it is short; of a message of several
    questions ("啥叫政府信息？老百姓的信也算吗"), that of each."""
    asks = [q for q in re.split(r"[？?]", question or "") if q.strip()]
    if len(asks) > 1:
        return "？".join(map(_asked_part_of_one, asks))
    return _asked_part_of_one(question)


def _asked_part_of_one(question: str) -> str:
    clauses = [c for c in _CLAUSE_BREAK.split(question or "") if c.strip()]
    if not clauses:
        return ""
    last = clauses[-1]
    return f"{clauses[-2]}，{last}" if len(last) < ASKED_CHARS and len(clauses) > 1 else last


@dataclass(frozen=True)
class TopicText:
    key: str
    phrases: Tuple[str, ...]      # name, synonyms, descriptors
    quoted: str                   # the article text (or focus paragraph) its answer quotes
    patterns: Tuple[str, ...] = ()  # regexes for what words cannot tell (政府信息 is every topic's subject)
    questions: Tuple[str, ...] = ()  # citizens' questions it answers, in their words (a situation, not a term)


class _Docs:
    """Feature sets with their BM25 length normalisation."""

    def __init__(self, docs: List[Dict[str, float]], b: float):
        self.docs = docs
        lengths = [max(1.0, float(len(d))) for d in docs]
        average = sum(lengths) / len(lengths) if lengths else 1.0
        self.norms = [K1 * (1 - b + b * length / average) for length in lengths]

    def score(self, i: int, query: Dict[str, float], idf: Dict[str, float]) -> float:
        doc = self.docs[i]
        return sum(w * idf[f] * (K1 + 1) / (1 + self.norms[i]) for f, w in query.items() if f in doc)


class TopicRanker:
    def __init__(self, topics: Sequence[TopicText], background: Sequence[str] = (), terms: Tuple[str, ...] = ()):
        self.keys = [t.key for t in topics]
        self.terms = terms
        self.patterns = [[re.compile(p) for p in t.patterns] for t in topics]
        self.phrases = _Docs([self._union(t.phrases) for t in topics], PHRASE_B)
        self.quoted = _Docs([topic_features(t.quoted, terms) for t in topics], ARTICLE_B)
        self.asker = [i for i, t in enumerate(topics) for _ in t.questions]
        self.questions = _Docs([topic_features(q, terms) for t in topics for q in t.questions], QUESTION_B)
        self.idf = inverse_document_frequency(self.phrases.docs + [self._union(t.questions) for t in topics]
                                              + [topic_features(text, terms) for text in background])

    def _union(self, phrases: Sequence[str]) -> Dict[str, float]:
        """Features of each phrase on its own, so no bigram spans two phrases."""
        out: Dict[str, float] = {}
        for phrase in phrases:
            for f, w in topic_features(phrase, self.terms).items():
                out[f] = max(out.get(f, 0.0), w)
        return out

    def scores(self, question: str) -> Dict[str, float]:
        """Every topic's score for the question (0 when nothing matches). A pattern is read in the
        question's last clauses, where a Chinese question asks what it asks ("答复书上没写找谁复议、多长
        期限……现在还来得及吗" asks the time limit, not which body reviews); a pattern of the situation, in
        the whole question."""
        query = {f: w for f, w in topic_features(question, self.terms).items() if f in self.idf}
        asked = asked_part(question)
        alike = self._most_alike(query)
        return {key: self.phrases.score(i, query, self.idf) + ARTICLE_WEIGHT * self.quoted.score(i, query, self.idf)
                + QUESTION_WEIGHT * alike.get(i, 0.0)
                + (PATTERN_SCORE if any(p.search(question if p.pattern.startswith(SITUATION) else asked)
                                        for p in self.patterns[i]) else 0.0)
                for i, key in enumerate(self.keys)}

    def situations(self, question: str) -> List[str]:
        """The topics whose pattern of the citizen's situation the question matches ("老人不会上网，去哪看")."""
        return [key for i, key in enumerate(self.keys)
                if any(p.pattern.startswith(SITUATION) and p.search(question) for p in self.patterns[i])]

    def alike(self, question: str) -> Tuple[str, float]:
        """The topic of the citizens' question most like this one, and how alike they are: the weight
        (idf) of the words and bigrams both hold over the mean of their weights (1.0: the same words)."""
        query = {f: w * self.idf[f] for f, w in topic_features(question, self.terms).items() if f in self.idf}
        total = sum(query.values())
        best, share = "", 0.0
        for u, i in self._sharing(query):
            doc = self.questions.docs[u]
            shared = sum(v for f, v in query.items() if f in doc)
            own = sum(w * self.idf.get(f, 0.0) for f, w in doc.items())
            held = 2 * shared / (total + own) if total and own else 0.0
            if held > share:
                best, share = self.keys[i], held
        return best, round(share, 6)

    def _most_alike(self, query: Dict[str, float]) -> Dict[int, float]:
        """Each topic's score of its citizens' question most like the query."""
        best: Dict[int, float] = {}
        for u, i in self._sharing(query):
            score = self.questions.score(u, query, self.idf)
            if score > best.get(i, 0.0):
                best[i] = score
        return best

    def _sharing(self, query: Dict[str, float]):
        """(citizens' question, its topic) of those sharing QUESTION_SHARED words or bigrams with the query."""
        return [(u, i) for u, i in enumerate(self.asker)
                if sum(f in self.questions.docs[u] for f in query) >= QUESTION_SHARED]

    def rank(self, question: str) -> List[Tuple[str, float]]:
        scored = self.scores(question)
        return sorted(((k, round(s, 6)) for k, s in scored.items() if s > 0), key=lambda item: -item[1])


# ---------------------------------------------------------------- every article of the four laws
VOCABULARY_WEIGHT = 0.6  # the words citizens use for an article's rule (its topics' phrases) against its own text
UNIT_B = 0.5


@dataclass(frozen=True)
class ArticleText:
    key: Tuple[str, int]          # (law, number)
    parts: Tuple[str, ...]        # its paragraphs; an item with its list's lead-in (focus_part's units)
    phrases: Tuple[str, ...] = ()  # the name, synonyms and descriptors of the topics that quote it


@dataclass(frozen=True)
class ArticleMatch:
    key: Tuple[str, int]
    score: float
    part: int                     # the index of its best part


class ArticleRanker:
    """BM25 over every paragraph and item of the four laws, read as topic_features reads a question
    (the assistant's subject and the words every question holds carry no weight), plus the words of
    the topics that quote the article: an article citizens ask about in their own words scores on
    those, an article no topic covers on its text alone."""

    def __init__(self, articles: Sequence[ArticleText], terms: Tuple[str, ...] = ()):
        self.keys = [a.key for a in articles]
        self.terms = terms
        self.owner: List[Tuple[int, int]] = []
        features = []
        for i, article in enumerate(articles):
            for j, part in enumerate(article.parts):
                self.owner.append((i, j))
                features.append(topic_features(part, terms))
        self.parts = _Docs(features, UNIT_B)
        vocabulary = []
        for article in articles:
            doc: Dict[str, float] = {}
            for phrase in article.phrases:
                for f, w in topic_features(phrase, terms).items():
                    doc[f] = max(doc.get(f, 0.0), w)
            vocabulary.append(doc)
        self.vocabulary = _Docs(vocabulary, PHRASE_B)
        self.idf = inverse_document_frequency(features + [v for v in vocabulary if v])

    def rank(self, question: str, limit: int = 5) -> List[ArticleMatch]:
        query = {f: w for f, w in topic_features(question, self.terms).items() if f in self.idf}
        if not query:
            return []
        best: Dict[int, Tuple[float, int]] = {}
        for u, (i, j) in enumerate(self.owner):
            score = self.parts.score(u, query, self.idf)
            if score > best.get(i, (0.0, 0))[0]:
                best[i] = (score, j)
        out = []
        for i in range(len(self.keys)):
            text_score, part = best.get(i, (0.0, 0))
            score = text_score + VOCABULARY_WEIGHT * self.vocabulary.score(i, query, self.idf)
            if score > 0:
                out.append(ArticleMatch(self.keys[i], round(score, 6), part))
        out.sort(key=lambda m: -m.score)
        return out[:limit]
