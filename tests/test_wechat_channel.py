"""WeChatInput's handling of callbacks, driven with a scripted message handler in place of Rasa's
agent so that timing (WeChat's 5-second rule, retries during and after processing) is exact.
The same behaviour against the real Rasa server is in test_wechat_e2e*.py."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from bot.channels.turns import APOLOGY
from bot.channels.wechat.channel import STILL_WORKING, WeChatInput
from bot.channels.wechat.text import MAX_CONTENT_BYTES, MORE_POINTER, OPTIONS_HINT, byte_length
from tests.wechat_sim import FakeWeChatAPI, decrypt, encrypt, message_xml, new_aes_key, sign, xml_fields

TOKEN = "zwgkToken2024"
APPID = "wx5f0c2a1b3d4e6f70"
SECRET = "s3cret"
ACCOUNT = "gh_0123456789ab"
OPENID = "oQx1A5abcdefGHIJKLmnopqrstuv"


class ScriptedBot:
    """Answers every message after `delay` seconds with `answer(text)`, recording what it saw."""

    def __init__(self, delay: float = 0.0, answer=None):
        self.delay = delay
        self.answer = answer or (lambda text: [{"text": f"答复：{text}"}])
        self.seen: List[str] = []

    async def __call__(self, message) -> None:
        self.seen.append(message.text)
        await asyncio.sleep(self.delay)
        for reply in self.answer(message.text):
            await message.output_channel.send_response(message.sender_id, dict(reply))


def channel(**settings: Any) -> WeChatInput:
    return WeChatInput.from_credentials({"token": TOKEN, **settings})


def query(nonce: str = "555") -> Dict[str, str]:
    return {"signature": sign(TOKEN, "1700000000", nonce), "timestamp": "1700000000", "nonce": nonce}


def text_xml(content: str, msg_id: int) -> bytes:
    return message_xml(ACCOUNT, OPENID, "text", {"Content": content, "MsgId": msg_id}, 1700000000).encode()


async def post(wechat: WeChatInput, bot: ScriptedBot, body: bytes, q: Dict[str, str] = None):
    response = await wechat.handle_callback(q or query(), body, bot)
    text = response.body.decode("utf-8")
    content = xml_fields(text)["Content"] if text.startswith("<xml>") else None
    return response.status, text, content


def run(coroutine):
    return asyncio.run(coroutine)


def test_forged_callback_is_refused_before_the_bot_sees_it():
    bot = ScriptedBot()
    forged = {**query(), "signature": sign("guess", "1700000000", "555")}
    status, _, _ = run(post(channel(), bot, text_xml("你好", 1), forged))
    assert status == 403 and bot.seen == []


def test_retries_during_and_after_processing_share_one_answer():
    bot = ScriptedBot(delay=0.3)
    wechat = channel()

    async def scenario():
        first, retry = await asyncio.gather(
            post(wechat, bot, text_xml("收到多少申请？", 7)),
            post(wechat, bot, text_xml("收到多少申请？", 7)),
        )
        late = await post(wechat, bot, text_xml("收到多少申请？", 7))
        return first, retry, late

    first, retry, late = run(scenario())
    assert first[2] == retry[2] == late[2] == "答复：收到多少申请?"  # the channel normalises input
    assert bot.seen == ["收到多少申请?"]


def test_slow_answer_goes_out_once_as_a_customer_service_message():
    fake = FakeWeChatAPI(appid=APPID, secret=SECRET).start()
    try:
        bot = ScriptedBot(delay=0.4)
        wechat = channel(appid=APPID, secret=SECRET, api_base=fake.url, reply_timeout=0.1)

        async def scenario():
            first = await post(wechat, bot, text_xml("慢问题", 8))
            retry = await post(wechat, bot, text_xml("慢问题", 8))  # arrives while still working
            await asyncio.sleep(0.6)
            late = await post(wechat, bot, text_xml("慢问题", 8))  # arrives after delivery
            return first, retry, late

        replies = run(scenario())
        assert [reply[1] for reply in replies] == ["success"] * 3
        assert [m["content"] for m in fake.delivered] == ["答复：慢问题"]
        assert bot.seen == ["慢问题"] and fake.token_requests == 1
    finally:
        fake.stop()


def test_an_answer_still_arrives_when_wechat_hangs_up_first():
    fake = FakeWeChatAPI(appid=APPID, secret=SECRET).start()
    try:
        bot = ScriptedBot(delay=0.3)
        wechat = channel(appid=APPID, secret=SECRET, api_base=fake.url, reply_timeout=4.5)

        async def scenario():
            request = asyncio.ensure_future(post(wechat, bot, text_xml("问题", 12)))
            await asyncio.sleep(0.1)
            request.cancel()  # what the server does when the client closes the connection
            with pytest.raises(asyncio.CancelledError):
                await request
            await asyncio.sleep(0.5)

        run(scenario())
        assert [m["content"] for m in fake.delivered] == ["答复：问题"]
    finally:
        fake.stop()


def test_slow_answer_without_api_credentials_waits_for_more():
    bot = ScriptedBot(delay=0.3)
    wechat = channel(reply_timeout=0.05)

    async def scenario():
        holding = await post(wechat, bot, text_xml("慢问题", 9))
        await asyncio.sleep(0.5)
        answer = await post(wechat, bot, text_xml("更多", 10))
        return holding, answer

    holding, answer = run(scenario())
    assert holding[2] == STILL_WORKING and answer[2] == "答复：慢问题"
    assert bot.seen == ["慢问题"]


def test_a_failing_bot_gets_an_apology_not_an_error():
    async def broken(message):
        raise RuntimeError("tracker store down")

    response = run(channel().handle_callback(query(), text_xml("你好", 11), broken))
    assert response.status == 200 and xml_fields(response.body.decode())["Content"] == APOLOGY


def test_long_answers_are_paged_and_options_answered_by_number():
    long_text = "\n".join(f"第{i}项：主动公开政府信息的情况说明。" for i in range(200))

    def answer(text):
        if text == "长答复":
            return [{"text": long_text + "\n来源：报告第一部分"}]
        return [{"text": "请选择：", "buttons": [{"title": "申请数量", "payload": "/ask{\"metric\":\"a\"}"},
                                                  {"title": "办理结果", "payload": "办理结果怎样？"}]}]

    bot = ScriptedBot(answer=answer)
    wechat = channel()

    async def scenario():
        pages = [await post(wechat, bot, text_xml("长答复", 20))]
        msg_id = 21
        while pages[-1][2].endswith(MORE_POINTER):
            pages.append(await post(wechat, bot, text_xml("更多", msg_id)))
            msg_id += 1
        menu = await post(wechat, bot, text_xml("有哪些问题", 40))
        await post(wechat, bot, text_xml("2", 41))
        return pages, menu

    pages, menu = run(scenario())
    contents = [page[2] for page in pages]
    assert len(contents) > 1 and all(byte_length(c) <= MAX_CONTENT_BYTES for c in contents)
    assert "\n".join(c.replace(MORE_POINTER, "") for c in contents) == long_text + "\n来源：报告第一部分"
    assert menu[2] == "请选择：\n1. 申请数量\n2. 办理结果\n\n" + OPTIONS_HINT
    assert bot.seen == ["长答复", "有哪些问题", "办理结果怎样？"]


def test_safe_mode_reply_is_sealed_for_wechat():
    aes_key = new_aes_key()
    bot = ScriptedBot()
    wechat = channel(appid=APPID, aes_key=aes_key)
    encrypted = encrypt(aes_key, APPID, text_xml("你好", 30).decode())
    q = {**query("777"), "encrypt_type": "aes", "msg_signature": sign(TOKEN, "1700000000", "777", encrypted)}
    body = f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>".encode()
    response = run(wechat.handle_callback(q, body, bot))
    outer = xml_fields(response.body.decode())
    assert outer["MsgSignature"] == sign(TOKEN, outer["TimeStamp"], outer["Nonce"], outer["Encrypt"])
    inner, appid = decrypt(aes_key, outer["Encrypt"])
    assert appid == APPID and xml_fields(inner)["Content"] == "答复：你好"


@pytest.mark.parametrize("body", [b"", b"<xml>", "<xml>\u0000</xml>".encode(), b"\xff\xfe"])
def test_malformed_bodies_get_400(body):
    bot = ScriptedBot()
    status, _, _ = run(post(channel(), bot, body))
    assert status == 400 and bot.seen == []


def test_typed_shortcut_syntax_reaches_the_bot_as_plain_text():
    bot = ScriptedBot()
    run(post(channel(), bot, text_xml("/restart", 11)))
    assert bot.seen == ["restart"]
