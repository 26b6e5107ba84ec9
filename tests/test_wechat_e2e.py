"""The WeChat channel in plain mode (明文模式), end to end: the WeChat simulator POSTs signed
callbacks over HTTP to the real Rasa server (with the real action server and knowledge base) and
reads its replies; what the bot saw is read from the SQLite tracker store."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.channels.wechat.text import MAX_CONTENT_BYTES, MORE_POINTER, byte_length
from tests.wechat_sim import (
    FOLLOW_UP,
    GRANTED,
    QUESTION,
    RECEIVED,
    WeChatSimulator,
    has_figure,
    has_source,
    message_xml,
    new_openid,
    tracker_events,
    as_sent,
    user_texts,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

TOKEN = "zwgkE2ePlainToken"
# Questions whose answers list many facts or quote several articles; the test uses the first one
# whose answer is longer than one WeChat text.
LONG_QUESTIONS = ["平台建设情况", "政府信息管理情况", "监督保障情况", "哪些政府信息不予公开？"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("wechat-plain"), env={"WECHAT_TOKEN": TOKEN})
    yield running
    running.stop()


@pytest.fixture
def wechat(servers):
    return WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN)


def test_url_verification_echoes_only_for_our_token(wechat):
    assert (wechat.verify_url("1937455163487432").status, wechat.verify_url("1937455163487432").body) == (
        200, "1937455163487432")
    assert wechat.verify_url("1937455163487432", forge=True).status == 403


@pytest.mark.parametrize("how", ["forged", "missing"])
def test_unsigned_callbacks_are_refused_and_not_processed(wechat, servers, how):
    openid = new_openid()
    reply = wechat.post(wechat.text_xml(openid, QUESTION), signature=how)
    assert reply.status == 403 and reply.message is None
    assert tracker_events(servers.tracker_db, openid) == []


def test_conversation_carries_context_and_names_sources(wechat, servers):
    openid = new_openid()
    first = wechat.send_text(openid, QUESTION)
    assert first.status == 200 and first.seconds < 5
    assert first.message["ToUserName"] == openid and first.message["FromUserName"] == wechat.account
    assert first.message["MsgType"] == "text"
    assert has_figure(first.content, RECEIVED) and has_source(first.content), first.content

    follow_up = wechat.send_text(openid, FOLLOW_UP)
    assert has_figure(follow_up.content, GRANTED) and has_source(follow_up.content), follow_up.content
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION, FOLLOW_UP)


def test_a_retried_message_is_processed_once(wechat, servers):
    openid = new_openid()
    xml = wechat.text_xml(openid, QUESTION)  # WeChat resends the same MsgId
    with ThreadPoolExecutor(3) as pool:
        replies = list(pool.map(wechat.post, [xml] * 3))
    later = wechat.post(xml)
    contents = {reply.content for reply in replies + [later]}
    assert len(contents) == 1 and has_figure(contents.pop(), RECEIVED)
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION)


def test_a_new_follower_is_welcomed_with_numbered_suggestions(wechat, servers):
    openid = new_openid()
    welcome = wechat.post(wechat.event_xml(openid, "subscribe"))
    assert welcome.status == 200
    options = re.findall(r"^(\d+)\. (.+)$", welcome.content, flags=re.M)
    assert [number for number, _ in options[:2]] == ["1", "2"], welcome.content

    answer = wechat.send_text(openid, "1")
    assert has_source(answer.content), answer.content
    seen = user_texts(servers.tracker_db, openid)
    assert seen[0] == "/greet" and len(seen) == 2 and seen[1] != "1"

    events_before = len(tracker_events(servers.tracker_db, openid))
    bye = wechat.post(wechat.event_xml(openid, "unsubscribe"))
    assert bye.is_success_ack and len(tracker_events(servers.tracker_db, openid)) == events_before


def test_voice_is_answered_from_its_recognition(wechat, servers):
    openid = new_openid()
    reply = wechat.post(wechat.voice_xml(openid, QUESTION))
    assert has_figure(reply.content, RECEIVED) and has_source(reply.content), reply.content
    unrecognised = wechat.post(wechat.voice_xml(openid, None))
    assert "文字" in unrecognised.content
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION)


def test_images_and_locations_get_a_request_to_type(wechat, servers):
    openid = new_openid()
    for xml in [wechat.image_xml(openid), wechat.location_xml(openid)]:
        reply = wechat.post(xml)
        assert reply.status == 200 and "文字" in reply.content and "问题" in reply.content
    assert tracker_events(servers.tracker_db, openid) == []


def test_malformed_and_unknown_callbacks_do_not_crash_the_server(wechat, servers):
    openid = new_openid()
    assert wechat.post("<xml><ToUserName><![CDATA[gh_").status == 400
    assert wechat.post_raw(b"\xff\xfe\x00", wechat.signed_query()).status == 400
    unknown = message_xml(wechat.account, openid, "hologram", {"MsgId": wechat.next_msg_id()}, 1700000000)
    assert wechat.post(unknown).is_success_ack
    assert tracker_events(servers.tracker_db, openid) == []
    assert has_figure(wechat.send_text(openid, QUESTION).content, RECEIVED)


def long_answer(servers):
    """(question, its full answer through the REST channel) for the first long text answer."""
    for question in LONG_QUESTIONS:
        messages = servers.say(new_openid(), question)
        full = "\n".join(m.get("text", "") for m in messages)
        if byte_length(full) > MAX_CONTENT_BYTES and not any(m.get("buttons") for m in messages):
            return question, full
    pytest.fail(f"none of {LONG_QUESTIONS} has an answer over {MAX_CONTENT_BYTES} bytes; add one that does")


def test_a_long_answer_is_paged_within_wechats_limit(wechat, servers):
    question, full = long_answer(servers)
    openid = new_openid()
    pages = [wechat.send_text(openid, question).content]
    while pages[-1].endswith(MORE_POINTER) and len(pages) < 20:
        pages.append(wechat.send_text(openid, "更多").content)
    assert len(pages) > 1 and all(byte_length(page) <= MAX_CONTENT_BYTES for page in pages)
    assert not pages[-1].endswith(MORE_POINTER) and has_source(pages[-1])
    joined = "".join("".join(page.replace(MORE_POINTER, "").split()) for page in pages)
    assert joined == "".join(full.split())
    assert user_texts(servers.tracker_db, openid) == as_sent(question)
