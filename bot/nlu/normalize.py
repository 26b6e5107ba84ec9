"""Normalises what a citizen typed before NLU sees it."""
import re
import unicodedata

from opencc import OpenCC

from bot.nlu.typos import corrector

MAX_CHARS = 300

_to_simplified = OpenCC("t2s")
_WHITESPACE = re.compile(r"\s+")
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
    single spaces, at most MAX_CHARS characters, misspelt words of the vocabulary corrected."""
    text = _without_markup(unicodedata.normalize("NFKC", text or ""))
    text = "".join(c for c in text if _is_kept(c))
    text = _WHITESPACE.sub(" ", text).strip()
    text = _to_simplified.convert(text)[:MAX_CHARS]
    fixer = corrector()
    return fixer.correct(text) if fixer else text


EMPTY_INPUT = "/empty_input"


def user_text_for_rasa(raw: object) -> str:
    """What a channel hands to Rasa for a citizen's message.

    Blank input (nothing left after normalising) becomes the `empty_input` intent; a leading "/"
    is removed so nobody can trigger an intent or a slot by typing Rasa's shortcut syntax."""
    text = normalize(raw if isinstance(raw, str) else "").lstrip("/").strip()
    return text or EMPTY_INPUT
