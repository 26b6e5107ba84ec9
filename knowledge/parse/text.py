"""Text normalisation that keeps offsets, and sentence splitting."""
import re
from typing import List, Tuple

# One character to one character, so offsets in the normalised text are offsets in the original.
_HALF_TO_FULL = str.maketrans({
    ",": "，", ";": "；", "(": "（", ")": "）", ":": "：", "?": "？", "!": "！",
    "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
    "．": ".", "\u3000": " ", "\xa0": " ", "\u200b": " ", "\ufeff": " ", "〔": "〔",
})
SENTENCE_END = "。！？；"
CLOSERS = "”’」』》）】"
CLOSE_OF = {"（": "）", "《": "》", "【": "】", "「": "」", "『": "』", "“": "”"}
_CJK = r"[\u3400-\u9fff\uf900-\ufaff（）《》【】「」『』“”‘’、，。：；！？—…·]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")


_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """Full-width punctuation and half-width digits, same length as the input; a comma between
    digits stays a thousands separator (“2,150”)."""
    return _THOUSANDS.sub(",", text.translate(_HALF_TO_FULL))


def squeeze_cjk_spaces(text: str) -> str:
    """Removes spaces inside Chinese words broken by layout (“商业 企业” → “商业企业”)."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def split_sentences(text: str) -> List[Tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph: cut after 。！？； outside brackets,
    keeping closing quotes with their sentence; surrounding whitespace excluded."""
    norm = normalise(text)
    spans, start, stack, i = [], 0, [], 0
    while i < len(norm):
        ch = norm[i]
        if ch in CLOSE_OF:
            stack.append(CLOSE_OF[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in SENTENCE_END and not _inside_brackets(stack):
            end = i + 1
            while end < len(norm) and norm[end] in CLOSERS:
                end += 1
            spans.append((start, end))
            start, i = end, end
            stack = []
            continue
        i += 1
    spans.append((start, len(norm)))
    return [s for s in (_strip_span(text, a, b) for a, b in spans) if s]


def _inside_brackets(stack) -> bool:
    return any(c != "”" for c in stack)


def _strip_span(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
