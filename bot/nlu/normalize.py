"""Normalises what a citizen typed before NLU sees it."""
import re
import unicodedata

from opencc import OpenCC

MAX_CHARS = 300

_to_simplified = OpenCC("t2s")
_WHITESPACE = re.compile(r"\s+")
# Typing slips seen in citizens' questions (pinyin input picks the wrong character).
TYPOS = {"申清": "申请", "申情": "申请", "公升": "公开", "公幵": "公开", "复意": "复议", "付议": "复议",
         "政付": "政府", "信急": "信息", "答付": "答复", "几件事": "几件"}
_TYPO = re.compile("|".join(map(re.escape, TYPOS)))
# Markup pasted or typed around a question: script/style bodies, comments, CDATA brackets and tags.
_MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[|\]\]>|</?[a-z][^<>]*>",
                     re.IGNORECASE | re.DOTALL)


def _is_kept(char: str) -> bool:
    category = unicodedata.category(char)
    if category.startswith("C"):  # control, format, private use, unassigned
        return char in "\t\n"
    if category == "So":  # emoji and other pictographs
        return False
    return True


def _without_markup(text: str) -> str:
    """"<b>收到多少申请</b>" asks 收到多少申请; text that is nothing but markup stays as it is."""
    return _MARKUP.sub("", text).strip() or text


def normalize(text: str) -> str:
    """Traditional → simplified, full-width → half-width, no markup, emoji or control characters,
    single spaces, at most MAX_CHARS characters."""
    text = _without_markup(unicodedata.normalize("NFKC", text or ""))
    text = "".join(c for c in text if _is_kept(c))
    text = _WHITESPACE.sub(" ", text).strip()
    text = _to_simplified.convert(text)[:MAX_CHARS]
    return _TYPO.sub(lambda m: TYPOS[m.group(0)], text)


EMPTY_INPUT = "/empty_input"


def user_text_for_rasa(raw: object) -> str:
    """What a channel hands to Rasa for a citizen's message.

    Blank input (nothing left after normalising) becomes the `empty_input` intent; a leading "/"
    is removed so nobody can trigger an intent or a slot by typing Rasa's shortcut syntax."""
    text = normalize(raw if isinstance(raw, str) else "").lstrip("/").strip()
    return text or EMPTY_INPUT
