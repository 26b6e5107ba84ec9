"""The bad-input corpus: texts a citizen might type (or paste, or fuzz), and malformed request bodies.

Texts come from texts.yml (written by hand, by category) and from the generators below; generated
ones are deterministic (fixed seed), so a failure names an input that can be replayed.
"""
from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Sequence

import yaml
from opencc import OpenCC

HERE = Path(__file__).resolve().parent
SEED = 20221231
LONG = 10_000
QUESTIONS = [
    "2022年收到多少政府信息公开申请？",
    "其中予以公开的呢？",
    "不予公开的有多少件",
    "行政复议有几件",
    "怎么申请政府信息公开",
    "多久能答复",
    "要收费吗",
    "微博发布了多少条信息",
    "存在哪些主要问题",
    "你好",
]


@dataclass(frozen=True)
class Text:
    category: str
    text: str

    @property
    def label(self) -> str:
        shown = self.text if len(self.text) <= 40 else self.text[:37] + "…"
        return f"{self.category}:{shown.encode('unicode_escape').decode('ascii')}[{len(self.text)}]"


@dataclass(frozen=True)
class Body:
    """A raw request body for the REST webhook and the status codes that are acceptable for it."""

    category: str
    raw: bytes
    statuses: Sequence[int]
    content_type: str = "application/json"

    @property
    def label(self) -> str:
        return f"{self.category}:{self.raw[:40]!r}[{len(self.raw)}]"


def hand_written() -> List[Text]:
    data = yaml.safe_load((HERE / "texts.yml").read_text(encoding="utf-8"))
    return [Text(category, str(text)) for category, texts in data.items() for text in texts]


def blank() -> List[Text]:
    spaces = [" ", "\t", "\n", "\r\n", "\r", "\u3000", "\u00a0", "\u2003", "\u200b", "\ufeff", "\u2028", "\u2029"]
    texts = ["", *spaces, "".join(spaces), " " * 50, "\n" * 50, "\t \n \u3000 " * 10, " " * LONG]
    return [Text("blank", t) for t in texts]


def control_characters() -> List[Text]:
    codes = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0, 4), 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0xFFFE, 0xFFFF]
    texts = [f"2022年{chr(code)}收到多少申请" for code in codes]
    texts += ["".join(chr(code) for code in range(0x00, 0x20)), "\x00" * 100, "\x1b[31m红色\x1b[0m收到多少申请",
              "\x07\x08\x0c\x0b", "收到\r\n\r\n多少\x00申请"]
    return [Text("control", t) for t in texts]


def long_texts() -> List[Text]:
    rng = random.Random(SEED)
    question = QUESTIONS[0]
    texts = [
        (question * (LONG // len(question) + 1))[:LONG],
        "".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(LONG)),
        "a" * LONG,
        "申" * LONG,
        "9" * LONG,
        "😀" * LONG,
        ("<script>alert(1)</script>" * LONG)[:LONG],
        ("' OR '1'='1' -- " * LONG)[:LONG],
        " ".join(["word"] * (LONG // 5)),
        question + " " * (LONG - len(question) - 1) + "？",
        "\n".join([question] * (LONG // (len(question) + 1))),
        ("申请" * 5 + "\u200b") * (LONG // 11),
    ]
    return [Text("long", t) for t in texts]


def emoji() -> List[Text]:
    rng = random.Random(SEED + 1)
    ranges = [(0x1F600, 0x1F64F), (0x1F300, 0x1F5FF), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF), (0x2600, 0x26FF)]
    texts = []
    for length in (1, 2, 3, 5, 8, 13, 21, 34, 55, 89):
        texts.append("".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(length)))
    texts += [f"{q}😀👍" for q in QUESTIONS[:5]]
    return [Text("emoji", t) for t in texts]


def traditional() -> List[Text]:
    to_traditional = OpenCC("s2t")
    return [Text("traditional-generated", to_traditional.convert(q)) for q in QUESTIONS]


SPLICES = {
    "sql-spliced": ["' OR 1=1 --", "'; DROP TABLE facts; --", "\" UNION SELECT * FROM sqlite_master --"],
    "html-spliced": ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]></Content></xml>"],
    "english-spliced": ["please", "how many", "thanks!"],
}


def spliced() -> List[Text]:
    """Payloads before, inside and after real questions."""
    texts = []
    for category, payloads in SPLICES.items():
        for index, question in enumerate(QUESTIONS[:6]):
            payload = payloads[index % len(payloads)]
            middle = len(question) // 2
            texts += [Text(category, payload + question), Text(category, question[:middle] + payload + question[middle:]),
                      Text(category, question + payload)]
    return texts


def unicode_oddities() -> List[Text]:
    rng = random.Random(SEED + 2)
    texts = [unicodedata.normalize(form, "２０２２年收到多少申请？") for form in ("NFC", "NFD", "NFKC", "NFKD")]
    texts += ["".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(length)) for length in (5, 50, 500)]
    texts += ["\U000F0000\U0010FFFD", "\uE000\uF8FF私用区", "\u0301\u0301\u0301", "ᅟᅠ", "\u3164"]
    return [Text("unicode", t) for t in texts if not any(0xD800 <= ord(c) <= 0xDFFF for c in t)]


GENERATORS: List[Callable[[], List[Text]]] = [
    hand_written, blank, control_characters, long_texts, emoji, traditional, spliced, unicode_oddities,
]


def texts() -> List[Text]:
    return [text for generate in GENERATORS for text in generate()]


def as_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


OK, BAD = (200,), (400,)


def bodies() -> List[Body]:
    """Request bodies for the REST webhook: invalid JSON and JSON of the wrong shape or types."""
    question = QUESTIONS[0]
    invalid_json = [
        b"", b"{", b"}", b"{sender: a, message: b}", b"{'sender': 'a', 'message': 'b'}",
        b'{"sender": "a", "message": "b",}', b'{"sender": "a" "message": "b"}', b'{"message": "unterminated}',
        b"\x00\x01\x02", b"\xff\xfe\xfd", question.encode("gbk"), b"<xml>hi</xml>",
        b"message=hello&sender=a", b"[" * 100_000, b'{"a":' * 10_000, b"NaN", b"undefined",
    ]
    # Broken inside, but a server may read them leniently: a clear 400, or a 200 with a reply.
    borderline = [
        b'{"message": "\xd5\xe2"}', b'{"message": "\\ud800"}', b'{"message": "\\udfff\\ud800"}',
        as_json({"sender": True, "message": question}), as_json({"message": "a" * 30_000}),
    ]
    wrong_types = [
        [], ["message"], "message", 42, 3.5, True, None, {"message": 42}, {"message": None}, {"message": ["a"]},
        {"message": {"text": "a"}}, {"message": True}, {"sender": ["a"], "message": question},
        {"sender": {"id": 1}, "message": question}, {"sender": "s" * 200, "message": question},
        {"sender": 1.5, "message": question}, {"message": "申" * 30_000},
    ]
    accepted = [
        {"message": question}, {"sender": "", "message": question}, {"sender": 12345, "message": question},
        {"sender": "bad-input-extra", "message": question, "extra": {"x": [1, 2, 3]}},
        {"sender": "bad-input-meta", "message": question, "metadata": "not a dict"},
        {"sender": "bad-input-meta2", "message": question, "metadata": {"a": {"b": None}}},
        {"sender": "bad-input-nomsg"}, {"sender": "<script>alert(1)</script>", "message": question},
        {"sender": "'; DROP TABLE events; --", "message": question}, {"sender": "../../etc/passwd", "message": "你好"},
    ]
    found = [Body("invalid-json", raw, BAD) for raw in invalid_json]
    found += [Body("wrong-types", as_json(value), BAD) for value in wrong_types]
    found += [Body("borderline", raw, OK + BAD) for raw in borderline]
    found += [Body("accepted", as_json(value), OK) for value in accepted]
    found += [Body("content-type", as_json({"sender": "bad-input-ct", "message": question}), OK + BAD, "text/plain"),
              Body("content-type", b'{"sender": "bad-input-form", "message": "hi"}', OK + BAD,
                   "application/x-www-form-urlencoded")]
    return found


def wechat_bodies() -> List[Body]:
    """Callback bodies WeChat never sends (its signature still valid): refused with 400, or ignored with 200."""
    xml = ("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[o-bad-input]]>"
           "</FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>{extra}</xml>")
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + "]><xml><Content>&lol9;</Content></xml>")
    raws = [
        b"", b"not xml", b"<xml>", b"<xml></xml>", b"<notxml/>", b"\xff\xfe<xml/>", laughs.encode(),
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
        xml.format(kind="text", extra="").encode(),
        xml.format(kind="unknown_kind", extra="<Content><![CDATA[hi]]></Content>").encode(),
        xml.format(kind="text", extra="<Content><![CDATA[hi]]></Content><MsgId>not-a-number</MsgId>").encode(),
        xml.format(kind="event", extra="<Event><![CDATA[no_such_event]]></Event>").encode(),
        ("<xml>" + "<a>" * 5000 + "</a>" * 5000 + "</xml>").encode(),
    ]
    return [Body("wechat-body", raw, (200, 400), "text/xml") for raw in raws]


def xml_safe(text: str) -> bool:
    """Whether the text can stand in an XML 1.0 document (WeChat's callbacks are XML)."""
    return all(c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or 0x10000 <= ord(c) <= 0x10FFFF
               for c in text)


def by_category(items: Sequence[Text]) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for item in items:
        counts[item.category] = counts.get(item.category, 0) + 1
    return counts
