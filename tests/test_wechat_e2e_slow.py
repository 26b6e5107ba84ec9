"""WeChat's 5-second rule, end to end: with a reply timeout far below the bot's answer time, the
channel acknowledges with `success` and delivers the answer through the customer-service message
API of a fake WeChat API server, fetching, caching and refreshing the access token."""
from __future__ import annotations

import pytest

from tests.wechat_sim import (
    FOLLOW_UP,
    GRANTED,
    QUESTION,
    RECEIVED,
    FakeWeChatAPI,
    has_figure,
    has_source,
    new_openid,
    as_sent,
    user_texts,
    WeChatSimulator,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

TOKEN = "zwgkE2eSlowToken"
APPID = "wx7b2c3d4e5f607182"
SECRET = "e2e0secret0f0the0official0account"


@pytest.fixture(scope="module")
def wechat_api():
    fake = FakeWeChatAPI(appid=APPID, secret=SECRET).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def servers(tmp_path_factory, wechat_api):
    from tests.support.servers import start_servers

    env = {"WECHAT_TOKEN": TOKEN, "WECHAT_APPID": APPID, "WECHAT_SECRET": SECRET,
           "WECHAT_API_BASE": wechat_api.url, "WECHAT_REPLY_TIMEOUT": "0.001"}
    running = start_servers(tmp_path_factory.mktemp("wechat-slow"), env=env)
    yield running
    running.stop()


@pytest.fixture
def wechat(servers):
    return WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN, appid=APPID)


def test_late_answers_arrive_as_customer_service_messages(wechat, wechat_api, servers):
    openid = new_openid()
    ack = wechat.send_text(openid, QUESTION)
    assert ack.is_success_ack and ack.seconds < 4.5  # acknowledged before WeChat gives up
    [answer] = wechat_api.wait_for_messages(openid, 1)
    assert has_figure(answer["content"], RECEIVED) and has_source(answer["content"]), answer
    assert "政府信息公开".encode("utf-8") in answer["raw"]  # raw UTF-8 JSON, no \u escapes
    tokens_fetched = wechat_api.token_requests
    assert tokens_fetched >= 1

    assert wechat.send_text(openid, FOLLOW_UP).is_success_ack
    follow_up = wechat_api.wait_for_messages(openid, 2)[1]
    assert has_figure(follow_up["content"], GRANTED) and has_source(follow_up["content"]), follow_up
    assert wechat_api.token_requests == tokens_fetched  # the cached token was reused
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION, FOLLOW_UP)


def test_a_revoked_token_is_refreshed(wechat, wechat_api):
    openid = new_openid()
    tokens_before = wechat_api.token_requests
    wechat_api.revoke_next_token = True
    assert wechat.send_text(openid, QUESTION).is_success_ack
    [answer] = wechat_api.wait_for_messages(openid, 1)
    assert has_figure(answer["content"], RECEIVED)
    assert wechat_api.token_requests == tokens_before + 1


def test_a_retry_of_a_late_answer_is_not_delivered_twice(wechat, wechat_api, servers):
    openid = new_openid()
    xml = wechat.text_xml(openid, QUESTION)
    assert all(wechat.post(xml).is_success_ack for _ in range(3))
    assert len(wechat_api.wait_for_messages(openid, 1)) == 1
    assert len(wechat_api.wait_for_messages(openid, 2, timeout=3)) == 1
    assert user_texts(servers.tracker_db, openid) == as_sent(QUESTION)
