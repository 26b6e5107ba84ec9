"""Turning the bot's messages into WeChat text: numbered options and pages that fit."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional

MAX_CONTENT_BYTES = 2048
MORE_POINTER = "\n\n（内容较长，回复“更多”查看其余内容）"
MORE_REQUESTS = {"更多", "更多内容", "查看更多", "继续", "下一页"}
OPTIONS_HINT = "（回复序号即可选择）"
# A reply of one of these right after an answer rates that answer unhelpful (the widget's 没帮助).
UNHELPFUL_REPLIES = {"没用", "不对", "没帮助", "没有用", "不对的"}
THANKS_FOR_FEEDBACK = "感谢您的反馈，我们会据此改进回答。您也可以换个说法再问一次。"
_BARE_NUMBER = re.compile(r"^\d{1,2}$")


@dataclass
class Rendered:
    text: str
    options: List[str] = field(default_factory=list)  # the payload behind option 1, 2, …


def render_messages(messages: Iterable[Dict[str, Any]]) -> Rendered:
    """One text for a turn's bot messages; buttons become numbered options."""
    blocks: List[str] = []
    options: List[str] = []
    for message in messages:
        lines = [message["text"].strip()] if message.get("text") else []
        if message.get("image"):
            lines.append(f"图片：{message['image']}")
        for button in message.get("buttons") or message.get("quick_replies") or []:
            title = str(button.get("title") or button.get("payload") or "").strip()
            payload = str(button.get("payload") or title).strip()
            if title:
                options.append(payload)
                lines.append(f"{len(options)}. {title}")
        if lines:
            blocks.append("\n".join(lines))
    if options:
        blocks.append(OPTIONS_HINT)
    return Rendered("\n\n".join(blocks), options)


def chosen_option(text: str, options: List[str]) -> Optional[str]:
    """The payload of option N when the user answered with the bare number N."""
    answer = unicodedata.normalize("NFKC", text).strip().rstrip("。.")
    if not options or not _BARE_NUMBER.match(answer):
        return None
    number = int(answer)
    return options[number - 1] if 1 <= number <= len(options) else None


def is_unhelpful_reply(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip().strip("“”\"'。.！!，,～~ ") in UNHELPFUL_REPLIES


def is_more_request(text: str) -> bool:
    return text.strip().strip("“”\"'。.！!") in MORE_REQUESTS


def byte_length(text: str) -> int:
    return len(text.encode("utf-8"))


def paginate(text: str, limit: int = MAX_CONTENT_BYTES, pointer: str = MORE_POINTER) -> List[str]:
    """Pages of at most `limit` UTF-8 bytes once the pointer is added to all but the last.

    Pages break between lines where possible and never inside a character.
    """
    text = text.strip()
    if byte_length(text) <= limit:
        return [text] if text else []
    budget = limit - byte_length(pointer)
    pages: List[str] = []
    current = ""
    for piece in _pieces(text, budget):
        if current and byte_length(current + piece) > budget:
            pages.append(current)
            current = ""
        current += piece
    pages.append(current)
    return [page.strip() for page in pages if page.strip()]


def _pieces(text: str, budget: int) -> Iterable[str]:
    for line in text.splitlines(keepends=True):
        if byte_length(line) <= budget:
            yield line
        else:
            yield from _cut(line, budget)


def _cut(line: str, budget: int) -> Iterable[str]:
    chunk, size = "", 0
    for char in line:
        width = byte_length(char)
        if size + width > budget:
            yield chunk
            chunk, size = "", 0
        chunk += char
        size += width
    if chunk:
        yield chunk


def with_pointer(page: str, more_follows: bool) -> str:
    return page + MORE_POINTER if more_follows else page
