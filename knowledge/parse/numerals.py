"""Numbers written in Arabic digits, Chinese numerals or a mix (“4,001” “二十三” “1.2万”)."""
import re
from typing import Optional, Union

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMBER = rf"[{CN_DIGITS}{CN_UNITS}]+"
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# 一 … 十 as parts, sub-sections and paragraphs are numbered (第三部分, （二）, 第一款).
CN_ORDINALS = "一二三四五六七八九十"
_DIGIT_OF = {c: str(i) for i, c in enumerate("〇" + CN_ORDINALS[:9])}
_DIGIT_OF.update({"零": "0", "两": "2"})

Number = Union[int, float]


def cn_ordinal(n: int) -> str:
    """一 … 十 for 1 … 10; "" for any other number."""
    return CN_ORDINALS[n - 1] if 1 <= n <= len(CN_ORDINALS) else ""


def to_number(text: str) -> Optional[Number]:
    """The value of a numeral, or None when it is not one."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return tidy(float(text))
    if text[0] in "百千万亿":
        text = "一" + text                   # “百余篇”: a hundred
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return _digit_string(text)
    return tidy(value)


def _digit_string(text: str) -> Optional[int]:
    """“二〇二三” style: one Chinese digit per position."""
    if all(c in _DIGIT_OF for c in text):
        return int("".join(_DIGIT_OF[c] for c in text))
    return None


def tidy(value: Number) -> Number:
    """A whole float as an int (23.0 → 23); anything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def number_text(value: Number) -> str:
    """A figure as the report prints it: no “.0”, no thousands separators, every decimal it has up to
    six places (24252.311082). The one formatting of a number for answers, notes and listings."""
    if isinstance(value, float) and not value.is_integer():
        return f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return str(int(value))


def year_of(text: str) -> Optional[int]:
    """A year written “2022” or “二〇二二”."""
    value = to_number(text) if re.fullmatch(r"\d{4}", text) else _digit_string(text)
    return value if value and 1900 < value < 2200 else None
