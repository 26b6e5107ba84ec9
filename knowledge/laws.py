"""The laws of knowledge/sources/ article by article, their topics, legal time limits and the
information processing fee standard, as data checked against the law texts."""
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from knowledge.models import article_source
from knowledge.parse.numerals import cn_ordinal, to_number
from knowledge.yamlfile import read_yaml
from knowledge.paths import CATALOGUE_DIR, SOURCES_DIR

ARTICLE_RE = re.compile(r"^\s*第([零〇一二两三四五六七八九十百千]+)条\s*(.*)$")
CHAPTER_RE = re.compile(r"^##\s+(第[一二三四五六七八九十]+章)\s*(.*)$")
SECTION_RE = re.compile(r"^###\s+(第[一二三四五六七八九十]+节)\s*(.*)$")
HEADER_END = "<!-- INFO END -->"


class LawDataError(ValueError):
    """laws.yml or fees.yml disagrees with the law texts."""


@dataclass
class LawArticle:
    law: str
    number: int
    label: str
    chapter: Optional[str]
    section: Optional[str]
    text: str
    topics: List[str] = field(default_factory=list)
    words: List[str] = field(default_factory=list)     # laws.yml article_words: citizens' words for its rule


@dataclass
class Law:
    short: str
    title: str
    file: str
    in_force: str
    aliases: List[str]
    header: str
    articles: List[LawArticle]

    def article(self, number: int) -> Optional[LawArticle]:
        return next((a for a in self.articles if a.number == number), None)


def _clean(line: str) -> str:
    return line.replace("\u200b", "").replace("\ufeff", "").rstrip()


def _heading(m) -> str:
    title = re.sub(r"\s+", "", m.group(2))
    return f"{m.group(1)} {title}".strip()


def parse_law(short: str, text: str) -> (str, List[LawArticle]):
    """(header block, articles): an article runs from its “第X条” line to the next article or heading."""
    header, _, body = text.partition(HEADER_END)
    articles, chapter, section, current = [], None, None, None
    for raw in body.splitlines():
        line = _clean(raw)
        if CHAPTER_RE.match(line):
            chapter, section, current = _heading(CHAPTER_RE.match(line)), None, None
            continue
        if SECTION_RE.match(line):
            section, current = _heading(SECTION_RE.match(line)), None
            continue
        m = ARTICLE_RE.match(line)
        if m:
            label = f"第{m.group(1)}条"
            current = LawArticle(short, to_number(m.group(1)), label, chapter, section, line.strip())
            articles.append(current)
        elif current and line.strip():
            current.text += "\n" + line.strip()
    return header.strip(), articles


ITEM_RE = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")


def _paragraph_label(paragraph: int) -> str:
    return f"第{cn_ordinal(paragraph)}款" if cn_ordinal(paragraph) else ""


def focus_part(text: str, label: str, focus: str) -> Tuple[str, str]:
    """(where, words) of the paragraph or item of an article that holds `focus`: ("第一款", "公民…"),
    or for an item its list's lead-in and the item ("第（七）项", "对政府信息公开申请…：……(七)所申请…").
    Without `focus`, or when it is not found: ("", the whole article without its label)."""
    lines = text.split("\n")
    lines[0] = lines[0][len(label):].strip() if lines[0].startswith(label) else lines[0]
    index = next((i for i, line in enumerate(lines) if focus and focus in line), None)
    if index is None:
        return "", "\n".join(lines)
    item = ITEM_RE.match(lines[index])
    if item:
        lead_in = next((lines[i] for i in range(index - 1, -1, -1) if not ITEM_RE.match(lines[i])), "")
        return f"第（{item.group(1)}）项", f"{lead_in}……{lines[index]}"
    paragraph = sum(1 for line in lines[:index + 1] if not ITEM_RE.match(line))
    return _paragraph_label(paragraph), lines[index]


def article_parts(text: str, label: str) -> List[Tuple[str, str]]:
    """(where, words) of each paragraph and item of an article, as focus_part quotes them: an item
    with its list's lead-in ("第（四）项", "…可以适用简易程序：……(四)属于政府信息公开案件")."""
    lines = text.split("\n")
    lines[0] = lines[0][len(label):].strip() if lines[0].startswith(label) else lines[0]
    parts, lead_in, paragraph = [], "", 0
    for line in lines:
        item = ITEM_RE.match(line)
        if item:
            parts.append((f"第（{item.group(1)}）项", f"{lead_in}……{line}"))
        else:
            paragraph += 1
            lead_in = line
            parts.append((_paragraph_label(paragraph), line))
    if len(parts) == 1:
        return [("", parts[0][1])]
    return parts


def _check_sequence(law: str, articles: List[LawArticle]):
    numbers = [a.number for a in articles]
    if numbers != list(range(1, len(numbers) + 1)):
        raise LawDataError(f"{law}: article numbers are not 1..{len(numbers)} in order")


def load_laws(sources: Path = SOURCES_DIR, catalogue: Path = CATALOGUE_DIR) -> Dict[str, Law]:
    data = _laws_yml(catalogue)
    laws = {}
    for entry in data["laws"]:
        header, articles = parse_law(entry["short"], (Path(sources) / entry["file"]).read_text(encoding="utf-8"))
        _check_sequence(entry["short"], articles)
        laws[entry["short"]] = Law(entry["short"], entry["title"], entry["file"], entry["in_force"],
                                   entry.get("aliases", []), header, articles)
    _tag(laws, data["topics"])
    _add_words(laws, data.get("article_words") or {})
    return laws


def _laws_yml(catalogue: Path) -> dict:
    return read_yaml(Path(catalogue) / "laws.yml")


def _tag(laws: Dict[str, Law], topics: dict):
    for topic, spec in topics.items():
        for short, numbers in spec["articles"].items():
            for number in numbers:
                article = laws[short].article(number) if short in laws else None
                if article is None:
                    raise LawDataError(f"topic {topic}: {short} has no article {number}")
                article.topics.append(topic)
        _check_focus(laws, topic, spec)
        _check_patterns(topic, spec)


def _add_words(laws: Dict[str, Law], words: dict):
    for short, numbers in words.items():
        for number, phrases in numbers.items():
            article = laws[short].article(int(number)) if short in laws else None
            if article is None:
                raise LawDataError(f"article_words: {short} has no article {number}")
            article.words = list(phrases)


def _check_focus(laws: Dict[str, Law], topic: str, spec: dict):
    """A topic's `focus` must be words of its main article: the answer quotes their paragraph."""
    focus = spec.get("focus")
    if not focus:
        return
    short, numbers = next(iter(spec["articles"].items()))
    if focus not in laws[short].article(numbers[0]).text:
        raise LawDataError(f"topic {topic}: focus “{focus}” is not in {short} article {numbers[0]}")


def _check_patterns(topic: str, spec: dict):
    for pattern in spec.get("patterns", []):
        try:
            re.compile(pattern)
        except re.error as error:
            raise LawDataError(f"topic {topic}: pattern {pattern!r} does not compile ({error})") from error


def topics(catalogue: Path = CATALOGUE_DIR) -> Dict[str, dict]:
    """laws.yml's topics, each with its citizens' questions from law_questions.yml."""
    data = _laws_yml(catalogue)["topics"]
    path = Path(catalogue) / "law_questions.yml"
    questions = read_yaml(path)["questions"] if path.exists() else {}
    unknown = sorted(set(questions) - set(data))
    if unknown:
        raise LawDataError(f"law_questions.yml: no topic {', '.join(unknown)} in laws.yml")
    return {key: {**spec, "questions": list(questions.get(key) or [])} for key, spec in data.items()}


def topic_rows(topic_data: Dict[str, dict]) -> List[dict]:
    """The topics as rows of the knowledge base's `topics` table."""
    def j(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return [{"key": key, "position": i, "name": spec["name"], "synonyms": j(spec.get("synonyms", [])),
             "articles": j(spec["articles"]), "lead": spec.get("lead", ""), "focus": spec.get("focus", ""),
             "descriptors": j(spec.get("descriptors", [])), "patterns": j(spec.get("patterns", [])),
             "questions": j(spec.get("questions", [])), "coarse": int(bool(spec.get("coarse")))}
            for i, (key, spec) in enumerate(topic_data.items())]


def time_limits(laws: Dict[str, Law], catalogue: Path = CATALOGUE_DIR) -> List[dict]:
    """The time limits of laws.yml, each checked: its quote must be in the article it names."""
    out = []
    for limit in _laws_yml(catalogue)["time_limits"]:
        article = laws[limit["law"]].article(limit["article"])
        if article is None or limit["quote"] not in article.text:
            raise LawDataError(f"time limit {limit['key']}: “{limit['quote']}” is not in "
                               f"{limit['law']} article {limit['article']}")
        out.append({**limit, "label": article.label, "law_title": laws[limit["law"]].title,
                    "source": article_source(laws[limit["law"]].title, article.label)})
    return out


def law_terms(catalogue: Path = CATALOGUE_DIR) -> List[str]:
    return list(_laws_yml(catalogue).get("terms", []))


def fee_standard(laws: Dict[str, Law], catalogue: Path = CATALOGUE_DIR) -> dict:
    """The fee standard of fees.yml with its origin; its legal basis is checked against the 条例."""
    data = dict(read_yaml(Path(catalogue) / "fees.yml"))
    basis = data["legal_basis"]
    article = laws[basis["law"]].article(basis["article"])
    if article is None or "信息处理费" not in article.text:
        raise LawDataError("fees.yml: the legal basis article does not mention 信息处理费")
    data["legal_basis"] = {**basis, "label": article.label, "law_title": laws[basis["law"]].title}
    data["source"] = f"《{data['title']}》（{data['document']}，{data['issuer']}，{data['issued']}）"
    return data


# "12件", "十二份", "150页": a number of applications (by_count) or of pages (by_page) a fee question
# names; not an approximate one (几十件, 数百页).
_QUANTITY = re.compile(r"(?<![几数\d零〇一二两三四五六七八九十百千万])"
                       r"(\d[\d,]*|[零〇一二两三四五六七八九十百千万]+)\s*(件|份|个申请|条申请|页)")
_QUANTITY_KIND = {"件": "by_count", "份": "by_count", "个申请": "by_count", "条申请": "by_count", "页": "by_page"}
MAX_QUANTITY = 100000


def fee_quantities(text: str) -> Dict[str, int]:
    """The largest number of applications and of pages a question names: {"by_count": 12}."""
    found: Dict[str, int] = {}
    for match in _QUANTITY.finditer(text or ""):
        value = to_number(match.group(1).replace(",", ""))
        if isinstance(value, int) and 0 < value <= MAX_QUANTITY:
            kind = _QUANTITY_KIND[match.group(2)]
            found[kind] = max(found.get(kind, 0), value)
    if found.get("by_count") == 1 and "by_page" in found:
        del found["by_count"]                       # "一件申请200页": the pages are the question
    return found


def fee_parts(tiers: List[dict], quantity: int) -> List[dict]:
    """The 超额累进 parts of a fee for `quantity` units (件 or 页) under the tiers of fees.yml: each part's
    range, count, price and amount. An open tier with `step` and `increment` is cut into bands of `step`
    units whose price rises by `increment` from the tier before (以10件为一档，每增加一档提高100元/件)."""
    parts, price = [], 0
    for tier in tiers:
        if quantity < tier["from"]:
            break
        if tier.get("step"):
            for start in range(tier["from"], quantity + 1, tier["step"]):
                price += tier["increment"]
                parts.append(_part(start, min(start + tier["step"] - 1, quantity), price, tier["unit"]))
        else:
            price = tier["price"]
            parts.append(_part(tier["from"], quantity if tier["to"] is None else min(tier["to"], quantity),
                               price, tier["unit"]))
    return parts


def _part(start: int, end: int, price, unit: str) -> dict:
    count = end - start + 1
    return {"from": start, "to": end, "count": count, "price": price, "unit": unit, "amount": count * price}
