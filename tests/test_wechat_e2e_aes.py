"""The WeChat channel in safe mode (安全模式), end to end: AES-encrypted callbacks with
msg_signature, encrypted and signed replies that the simulator verifies and decrypts."""
from __future__ import annotations

import pytest

from tests.wechat_sim import (
    FOLLOW_UP,
    GRANTED,
    QUESTION,
    RECEIVED,
    has_figure,
    has_source,
    new_aes_key,
    new_openid,
    tracker_events,
    as_sent,
    user_texts,
    WeChatSimulator,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

TOKEN = "zwgkE2eSafeToken"
APPID = "wx6a1b2c3d4e5f6071"
AES_KEY = new_aes_key()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    env = {"WECHAT_TOKEN": TOKEN, "WECHAT_APPID": APPID, "WECHAT_AES_KEY": AES_KEY}
    running = start_servers(tmp_path_factory.mktemp("wechat-aes"), env=env)
    yield running
    running.stop()


@pytest.fixture
def wechat(servers):
    return WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN, appid=APPID, aes_key=AES_KEY)


def test_url_verification_in_safe_mode(wechat):
    assert wechat.verify_url("5023746123").body == "5023746123"
    assert wechat.verify_url("5023746123", forge=True).status == 403


def test_encrypted_conversation_carries_context_and_names_sources(wechat, servers):
    openid = new_openid()
    first = wechat.send_text(openid, QUESTION)  # the simulator checks MsgSignature and AppID of the reply
    assert first.status == 200 and "<Encrypt>" in first.body and QUESTION not in first.body
    assert first.message["ToUserName"] == openid
    assert has_figure(first.content, RECEIVED) and has_source(first.content), first.content
    follow_up = wechat.send_text(openid, FOLLOW_UP)
    assert has_figure(follow_up.content, GRANTED) and has_source(follow_up.content), follow_up.content
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION, FOLLOW_UP)


@pytest.mark.parametrize("signature,msg_signature", [("valid", "forged"), ("valid", "missing"), ("forged", "valid")])
def test_forged_signatures_are_refused_and_not_processed(wechat, servers, signature, msg_signature):
    openid = new_openid()
    reply = wechat.post(wechat.text_xml(openid, QUESTION), signature=signature, msg_signature=msg_signature)
    assert reply.status == 403
    assert tracker_events(servers.tracker_db, openid) == []


def test_plaintext_and_foreign_appid_callbacks_are_refused(servers):
    url = f"{servers.rasa_url}/webhooks/wechat/webhook"
    openid = new_openid()
    plain = WeChatSimulator(url, TOKEN)
    assert plain.send_text(openid, QUESTION).status == 403
    foreign = WeChatSimulator(url, TOKEN, appid="wx0000000000000000", aes_key=AES_KEY)
    assert foreign.send_text(openid, QUESTION).status == 403
    assert tracker_events(servers.tracker_db, openid) == []
