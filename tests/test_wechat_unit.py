"""Fast tests of the WeChat channel's parts: protocol, text layout, state, customer-service API."""
from __future__ import annotations

import asyncio
import json

import pytest
from rasa.shared.exceptions import RasaException

from bot.channels.wechat.channel import WeChatInput, WeChatSettings
from bot.channels.wechat.api import CustomerServiceAPI, WeChatAPIError
from bot.channels.wechat.protocol import (
    Action,
    Envelope,
    Forbidden,
    Malformed,
    decode_aes_key,
    parse_inbound,
    render_text_reply,
)
from bot.channels.wechat.state import Follower, TTLCache
from bot.channels.wechat.text import (
    MAX_CONTENT_BYTES,
    MORE_POINTER,
    OPTIONS_HINT,
    byte_length,
    chosen_option,
    is_more_request,
    paginate,
    render_messages,
)
from tests.wechat_sim import (
    FakeWeChatAPI,
    cdata,
    decrypt,
    encrypt,
    message_xml,
    new_aes_key,
    sign,
    xml_fields,
)

TOKEN = "zwgkToken2024"
APPID = "wx5f0c2a1b3d4e6f70"
ACCOUNT = "gh_0123456789ab"
OPENID = "oQx1A5abcdefGHIJKLmnopqrstuv"


def signed(timestamp="1700000000", nonce="123456", token=TOKEN, **extra):
    return {"signature": sign(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce, **extra}


def text_xml(content="你好", msg_id=6054768590064713728):
    return message_xml(ACCOUNT, OPENID, "text", {"Content": content, "MsgId": msg_id}, 1700000000)


def aes_callback(aes_key, xml, appid=APPID, timestamp="1700000000", nonce="987654"):
    encrypted = encrypt(aes_key, appid, xml)
    query = signed(timestamp, nonce, encrypt_type="aes", msg_signature=sign(TOKEN, timestamp, nonce, encrypted))
    body = f"<xml><ToUserName>{cdata(ACCOUNT)}</ToUserName><Encrypt>{cdata(encrypted)}</Encrypt></xml>"
    return query, body.encode("utf-8")


# -- signatures and URL verification -------------------------------------------------------------


def test_url_verification_echoes_only_for_our_token():
    envelope = Envelope(TOKEN)
    assert envelope.verify_url(signed(echostr="4927146187392735")) == "4927146187392735"
    assert envelope.verify_url(signed(token="other", echostr="x")) is None
    assert envelope.verify_url({"timestamp": "1", "nonce": "2", "echostr": "x"}) is None
    assert envelope.verify_url(signed()) is None  # no echostr


def test_plain_callback_needs_a_valid_signature():
    envelope = Envelope(TOKEN)
    assert envelope.open(signed(), text_xml().encode()) == text_xml()
    with pytest.raises(Forbidden):
        envelope.open(signed(token="forged"), text_xml().encode())
    with pytest.raises(Forbidden):
        envelope.open({"timestamp": "1700000000", "nonce": "1"}, text_xml().encode())
    query = signed()
    query["timestamp"] = "1700000001"  # signature no longer covers the request
    with pytest.raises(Forbidden):
        envelope.open(query, text_xml().encode())


# -- safe mode ------------------------------------------------------------------------------------


def test_safe_mode_opens_what_wechat_encrypts_and_seals_what_wechat_can_open():
    aes_key = new_aes_key()
    envelope = Envelope(TOKEN, aes_key, APPID)
    query, body = aes_callback(aes_key, text_xml("政府信息公开申请"))
    assert envelope.open(query, body) == text_xml("政府信息公开申请")

    sealed = xml_fields(envelope.seal("<xml><Content><![CDATA[答复]]></Content></xml>", "987654"))
    assert sealed["Nonce"] == "987654"
    assert sealed["MsgSignature"] == sign(TOKEN, sealed["TimeStamp"], sealed["Nonce"], sealed["Encrypt"])
    assert decrypt(aes_key, sealed["Encrypt"]) == ("<xml><Content><![CDATA[答复]]></Content></xml>", APPID)


def test_safe_mode_rejects_forged_msg_signature_other_appid_and_plain_callbacks():
    aes_key = new_aes_key()
    envelope = Envelope(TOKEN, aes_key, APPID)
    query, body = aes_callback(aes_key, text_xml())
    with pytest.raises(Forbidden):
        envelope.open({**query, "msg_signature": sign("forged", "1", "2", "3")}, body)
    with pytest.raises(Forbidden):
        envelope.open({k: v for k, v in query.items() if k != "msg_signature"}, body)
    with pytest.raises(Forbidden):
        envelope.open(*aes_callback(aes_key, text_xml(), appid="wx_someone_else"))
    with pytest.raises(Forbidden):
        envelope.open(signed(), text_xml().encode())  # safe mode configured: plaintext is refused


def test_safe_mode_garbage_is_malformed_not_a_crash():
    aes_key = new_aes_key()
    envelope = Envelope(TOKEN, aes_key, APPID)
    for encrypted in ["bm90IGEgYmxvY2s=", "!!!not base64!!!", encrypt(new_aes_key(), APPID, text_xml())]:
        query = signed(encrypt_type="aes", msg_signature=sign(TOKEN, "1700000000", "123456", encrypted))
        body = f"<xml><Encrypt>{cdata(encrypted)}</Encrypt></xml>".encode()
        with pytest.raises((Malformed, Forbidden)):
            envelope.open(query, body)
    with pytest.raises(Malformed):
        envelope.open(signed(encrypt_type="aes", msg_signature="x"), b"<xml><Encrypt>")
    with pytest.raises(Malformed):
        Envelope(TOKEN).open(signed(encrypt_type="aes", msg_signature="x"), b"<xml/>")


def test_aes_key_must_be_a_43_character_key():
    assert len(decode_aes_key(new_aes_key())) == 32
    for bad in ["short", new_aes_key()[:-1] + "!", new_aes_key() + "A"]:
        with pytest.raises(ValueError):
            decode_aes_key(bad)
    with pytest.raises(ValueError):
        Envelope(TOKEN, new_aes_key(), "")  # safe mode needs the AppID


# -- message XML ----------------------------------------------------------------------------------


def test_text_voice_media_and_events_map_to_actions():
    def parsed(msg_type, fields, create_time=1700000000):
        return parse_inbound(message_xml(ACCOUNT, OPENID, msg_type, fields, create_time))

    text = parsed("text", {"Content": "  其中予以公开的呢？ ", "MsgId": 42})
    assert (text.action, text.text, text.key, text.openid, text.account) == (
        Action.ASK, "其中予以公开的呢？", "42", OPENID, ACCOUNT)
    assert parsed("voice", {"MediaId": "m", "Format": "amr", "Recognition": "你好", "MsgId": 43}).text == "你好"
    assert parsed("voice", {"MediaId": "m", "Format": "amr", "MsgId": 44}).action is Action.PROMPT
    for kind in ["image", "location", "link", "video", "shortvideo"]:
        assert parsed(kind, {"MediaId": "m", "MsgId": 45}).action is Action.PROMPT
    subscribe = parsed("event", {"Event": "subscribe"}, create_time=1700000123)
    assert (subscribe.action, subscribe.key) == (Action.WELCOME, f"{OPENID}:1700000123")
    assert parsed("event", {"Event": "subscribe", "EventKey": "qrscene_7"}).action is Action.WELCOME
    assert parsed("event", {"Event": "unsubscribe"}).action is Action.IGNORE
    assert parsed("event", {"Event": "CLICK", "EventKey": "/greet"}).text == "/greet"
    assert parsed("event", {"Event": "VIEW", "EventKey": "https://example.org"}).action is Action.IGNORE
    assert parsed("hologram", {"MsgId": 46}).action is Action.IGNORE
    assert parsed("text", {"Content": "   ", "MsgId": 47}).action is Action.PROMPT


@pytest.mark.parametrize("xml", [
    "", "not xml", "<xml><Content>unclosed", "<root><MsgType>text</MsgType></root>",
    "<xml><MsgType>text</MsgType></xml>",
    f"<xml><FromUserName>{OPENID}</FromUserName><MsgType>text</MsgType><MsgId>abc</MsgId></xml>",
    f"<xml><FromUserName>{OPENID}</FromUserName><MsgType>event</MsgType><Event>subscribe</Event></xml>",
    '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><FromUserName>&a;</FromUserName></xml>',
])
def test_malformed_callbacks_raise_malformed(xml):
    with pytest.raises(Malformed):
        parse_inbound(xml)


def test_text_reply_is_addressed_to_the_sender_and_survives_cdata_terminators():
    inbound = parse_inbound(text_xml())
    reply = xml_fields(render_text_reply(inbound, "答复 ]]> 结束"))
    assert reply["ToUserName"] == OPENID and reply["FromUserName"] == ACCOUNT
    assert reply["MsgType"] == "text" and reply["Content"] == "答复 ]]> 结束"


# -- text layout ----------------------------------------------------------------------------------


def test_buttons_become_numbered_options_answered_by_number():
    rendered = render_messages([
        {"text": "您想了解哪一项？", "buttons": [
            {"title": "申请数量", "payload": "/ask_statistic"},
            {"title": "办理结果", "payload": "/ask_outcome"}]},
        {"image": "https://example.org/chart.png"},
    ])
    assert rendered.text == (
        "您想了解哪一项？\n1. 申请数量\n2. 办理结果\n\n图片：https://example.org/chart.png\n\n" + OPTIONS_HINT)
    assert rendered.options == ["/ask_statistic", "/ask_outcome"]
    assert chosen_option("2", rendered.options) == "/ask_outcome"
    assert chosen_option(" １。", rendered.options) == "/ask_statistic"  # full-width digit
    assert chosen_option("3", rendered.options) is None
    assert chosen_option("0", rendered.options) is None
    assert chosen_option("2022", rendered.options) is None
    assert chosen_option("1", []) is None
    assert render_messages([{"text": "你好"}]).options == []


def test_more_requests():
    assert is_more_request("更多") and is_more_request("“更多”") and is_more_request(" 继续。")
    assert not is_more_request("更多的申请是什么？")


def test_short_text_is_one_page():
    assert paginate("你好\n来源：报告") == ["你好\n来源：报告"]
    assert paginate("  ") == []


def test_long_text_is_paged_within_wechats_byte_limit():
    lines = [f"第{i}行：依申请公开政府信息的办理情况说明。" for i in range(300)]
    text = "\n".join(lines) + "\n来源：报告第三部分"
    pages = paginate(text)
    assert len(pages) > 1
    for page in pages[:-1]:
        assert byte_length(page + MORE_POINTER) <= MAX_CONTENT_BYTES
    assert byte_length(pages[-1]) <= MAX_CONTENT_BYTES
    assert "\n".join(pages) == text  # breaks fall between lines; nothing lost or reordered


def test_an_overlong_line_is_cut_between_characters():
    text = "公开" * 3000 + "😀" * 10
    pages = paginate(text)
    assert "".join(pages) == text
    assert all(byte_length(page + MORE_POINTER) <= MAX_CONTENT_BYTES for page in pages)


# -- state ----------------------------------------------------------------------------------------


def test_ttl_cache_forgets_old_entries_and_stays_bounded():
    now = [0.0]
    cache = TTLCache(max_entries=3, ttl=10, clock=lambda: now[0])
    for key in "abcd":
        cache.put(key, key.upper())
    assert cache.get("a") is None and cache.get("d") == "D" and len(cache) == 3
    now[0] = 5
    cache.get_or_create("b", lambda: "new")  # renews b
    now[0] = 12
    assert cache.get("b") == "B" and cache.get("c") is None and len(cache) == 1
    assert cache.get_or_create("z", lambda: "Z") == "Z"


def test_follower_pages_answer_more_and_remember_options():
    follower = Follower()
    first = follower.keep(["一", "二", "三"], ["/a"])
    assert first == "一" + MORE_POINTER and follower.options == ["/a"]
    assert follower.next_page() == "二" + MORE_POINTER
    follower.put_back("二" + MORE_POINTER)
    assert follower.next_page() == "二" + MORE_POINTER
    assert follower.next_page() == "三"
    assert follower.next_page() is None
    assert follower.keep([], None) is None and follower.options == []


# -- configuration --------------------------------------------------------------------------------


def test_settings_treat_empty_values_as_unset():
    credentials = {"token": TOKEN, "appid": "", "secret": None, "aes_key": "", "api_base": ""}
    settings = WeChatSettings.from_credentials(credentials, {"WECHAT_REPLY_TIMEOUT": "0.2"})
    assert settings == WeChatSettings(token=TOKEN, reply_timeout=0.2)
    assert WeChatSettings.from_credentials(credentials, {"WECHAT_REPLY_TIMEOUT": "soon"}).reply_timeout == 4.5
    assert WeChatSettings.from_credentials(credentials, {}).reply_timeout == 4.5
    channel = WeChatInput.from_credentials(credentials)
    assert channel.api is None and not channel.envelope.encrypted


def test_from_credentials_reports_what_is_wrong():
    with pytest.raises(RasaException):
        WeChatInput.from_credentials(None)
    with pytest.raises(RasaException, match="token"):
        WeChatInput.from_credentials({"token": ""})
    with pytest.raises(RasaException, match="EncodingAESKey"):
        WeChatInput.from_credentials({"token": TOKEN, "appid": APPID, "aes_key": "tooshort"})
    channel = WeChatInput.from_credentials(
        {"token": TOKEN, "appid": APPID, "secret": "s3cret", "aes_key": new_aes_key(), "api_base": "http://127.0.0.1:9/"})
    assert channel.envelope.encrypted and channel.api.api_base == "http://127.0.0.1:9"


# -- customer-service API -------------------------------------------------------------------------


@pytest.fixture
def wechat_api():
    fake = FakeWeChatAPI(appid=APPID, secret="s3cret").start()
    yield fake
    fake.stop()


def test_customer_service_messages_reuse_the_token_and_refresh_a_revoked_one(wechat_api):
    api = CustomerServiceAPI(APPID, "s3cret", wechat_api.url)

    async def conversation():
        await api.send_text(OPENID, "第一条答复")
        await api.send_text(OPENID, "第二条答复")
        wechat_api.revoke_next_token = True
        await api.send_text(OPENID, "第三条答复")

    asyncio.run(conversation())
    assert [m["content"] for m in wechat_api.delivered] == ["第一条答复", "第二条答复", "第三条答复"]
    assert wechat_api.token_requests == 2  # once, then once more after errcode 40001
    assert len(wechat_api.sends) == 4
    raw = wechat_api.delivered[0]["raw"]
    assert "第一条答复".encode("utf-8") in raw and json.loads(raw)["touser"] == OPENID


def test_customer_service_api_errors_surface(wechat_api):
    api = CustomerServiceAPI(APPID, "wrong-secret", wechat_api.url)
    with pytest.raises(WeChatAPIError) as error:
        asyncio.run(api.send_text(OPENID, "答复"))
    assert error.value.errcode == 40013 and wechat_api.delivered == []


def test_an_expired_token_is_fetched_again(wechat_api):
    now = [0.0]
    api = CustomerServiceAPI(APPID, "s3cret", wechat_api.url, clock=lambda: now[0])

    async def twice():
        await api.send_text(OPENID, "一")
        now[0] = 7200
        await api.send_text(OPENID, "二")

    asyncio.run(twice())
    assert wechat_api.token_requests == 2 and len(wechat_api.delivered) == 2
