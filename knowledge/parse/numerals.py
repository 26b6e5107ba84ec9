"""Numbers written in Arabic digits, Chinese numerals or a mix (“4,001” “二十三” “1.2万”)."""
import re
from typing import Optional, Union

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMBER = rf"[{CN_DIGITS}{CN_UNITS}]+"
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_DIGIT_OF = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_DIGIT_OF.update({"零": "0", "两": "2"})

Number = Union[int, float]


def to_number(text: str) -> Optional[Number]:
    """The value of a numeral, or None when it is not one."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return _tidy(float(text))
    if text[0] in "百千万亿":
        text = "一" + text                   # “百余篇”: a hundred
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return _digit_string(text)
    return _tidy(value)


def _digit_string(text: str) -> Optional[int]:
    """“二〇二三” style: one Chinese digit per position."""
    if all(c in _DIGIT_OF for c in text):
        return int("".join(_DIGIT_OF[c] for c in text))
    return None


def _tidy(value) -> Number:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def year_of(text: str) -> Optional[int]:
    """A year written “2022” or “二〇二二”."""
    value = to_number(text) if re.fullmatch(r"\d{4}", text) else _digit_string(text)
    return value if value and 1900 < value < 2200 else None
