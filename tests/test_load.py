"""Load at a small scale through the REST channel: 10 conversations at once, 5 turns each; every
reply arrives, is non-empty, and belongs to its own conversation (context is not mixed up)."""
from __future__ import annotations

import asyncio

import pytest

from bot import bench_client
from bot.nlu.normalize import user_text_for_rasa
from tests.wechat_sim import FOLLOW_UP, GRANTED, QUESTION, RECEIVED, has_figure, has_source, user_texts

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

CONVERSATIONS = 10
SCRIPT = ["你好", QUESTION, FOLLOW_UP, "怎么申请政府信息公开", "谢谢"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("load"))
    yield running
    running.stop()


def test_ten_concurrent_conversations_all_get_their_replies(servers):
    result = asyncio.run(asyncio.wait_for(bench_client.load(servers.rasa_url, CONVERSATIONS, SCRIPT), timeout=300))
    assert len(result.turns) == result.expected_turns == CONVERSATIONS * len(SCRIPT)
    assert not result.errors, [(t.text, t.status, t.error) for t in result.errors]
    assert not result.lost, [(t.sender, t.text, t.messages) for t in result.lost]
    assert len({t.sender for t in result.turns}) == CONVERSATIONS
    for turn in result.turns:
        if turn.text == QUESTION:
            assert has_figure(turn.reply, RECEIVED) and has_source(turn.reply), turn.reply
        if turn.text == FOLLOW_UP:  # context of its own conversation, under load
            assert has_figure(turn.reply, GRANTED), turn.reply
    assert max(t.seconds for t in result.turns) < bench_client.TURN_TIMEOUT


def test_the_same_conversation_from_two_tabs_keeps_every_turn(servers):
    """Messages of one sender sent at the same time are taken one after another (Rasa's lock store)."""
    sender = bench_client.new_sender("tabs")

    async def both():
        async with bench_client.client_session(4) as session:
            return await asyncio.gather(*(bench_client.turn(session, servers.rasa_url, sender, text)
                                          for text in [QUESTION, "你好", "怎么申请政府信息公开", "谢谢"]))

    turns = asyncio.run(both())
    assert all(t.answered for t in turns), [(t.text, t.status, t.messages) for t in turns]
    sent = sorted(user_text_for_rasa(t.text) for t in turns)
    assert sorted(user_texts(servers.tracker_db, sender)) == sent
