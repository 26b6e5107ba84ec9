"""Load at a small scale through the REST channel: 10 conversations at once, 5 turns each; every
reply arrives, is non-empty, and belongs to its own conversation (context is not mixed up). And the
cached check of action-server responses (bot.rasa_speedups) judges exactly like Rasa's own."""
from __future__ import annotations

import asyncio

import pytest

from measure.bench import client as bench_client
from bot.nlu.normalize import user_text_for_rasa
from tests.wechat_sim import FOLLOW_UP, GRANTED, QUESTION, RECEIVED, has_figure, has_source, user_texts


CONVERSATIONS = 10
SCRIPT = ["你好", QUESTION, FOLLOW_UP, "怎么申请政府信息公开", "谢谢"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("load"))
    yield running
    running.stop()


@pytest.mark.e2e
@pytest.mark.timeout(600)
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


@pytest.mark.e2e
@pytest.mark.timeout(600)
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


RESPONSES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "metric", "value": "requests.received", "timestamp": None}],
     "responses": [{"text": "答复", "buttons": [], "template": None}]},
    {},
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"name": "metric"}]},
    {"responses": "text"},
    {"events": [{"event": "slot"}], "responses": [1, 2]},
]


@pytest.mark.parametrize("response", RESPONSES)
def test_the_cached_action_response_check_judges_like_rasas_own(response):
    """bot.rasa_speedups builds the validator once; verdicts and messages stay Rasa's."""
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot import rasa_speedups

    action = RemoteAction("action_answer_statistic", None)
    outcomes = []
    for check in (rasa_speedups.original_validate_action_result, rasa_speedups.validate_action_result):
        try:
            outcomes.append(check(action, response))
        except ValidationError as error:
            outcomes.append(error.message)
    assert outcomes[0] == outcomes[1]


def test_the_cached_check_is_what_rasa_runs_once_installed(monkeypatch):
    from rasa.core.actions.action import RemoteAction

    from bot import rasa_speedups

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setenv("ZWGK_SPEEDUPS", "off")
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
    assert rasa_speedups.response_validator() is rasa_speedups.response_validator()
    monkeypatch.setenv("ZWGK_SPEEDUPS", "on")  # the plain responses first (tests/test_action_call.py), then this check
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups.validate_plain_first


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert [bench_client.percentile(values, p) for p in (0.5, 0.95, 0.99, 1.0)] == [50, 95, 99, 100]
    assert bench_client.percentile([7.0], 0.99) == 7.0


def test_a_benchmark_run_replaces_the_latest_section_and_adds_one_history_row(tmp_path):
    from measure.bench import benchmark as bench, report as bench_report

    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nProse kept by hand.\n")
    results = bench.Results(machine={"cores": "2", "memory": "1 GiB", "cpu": "test cpu", "os": "linux", "python": "3.10"},
                            started="2026-01-01 00:00 UTC", revision="abc1234", url="http://127.0.0.1:1")
    summary = {"n": 10, "p50": 40.0, "p95": 60.0, "p99": 70.0, "mean": 45.0, "failed": 0}
    results.latency = {"figure question": summary, "greeting (no custom action)": {**summary, "p95": 40.0}}
    results.load = [{**summary, "conversations": 10, "turns": 200, "expected": 200, "seconds": 5.0,
                     "turns_per_second": 40.0, "errors": 0, "lost": 0}]
    for _ in range(2):
        bench_report.write(results, bench.targets("default"), doc)
    text = doc.read_text()
    assert text.startswith("# Benchmarks\n\nProse kept by hand.\n")
    assert text.count(bench_report.LATEST[0]) == 1 and text.count("| 2026-01-01 00:00 UTC | `abc1234` | default |") == 2
    assert "- met: figure-question p95 60.0 ms ≤ 60 ms" in text
    assert "- **missed**: figure-question p95 = 1.50 × the no-action floor ≤ 1.3 ×" in text
    assert "- met: 40.0 turns/s with 10 concurrent conversations ≥ 20" in text
    assert "machine was shared" in text


def test_the_scale_out_profile_writes_its_own_section_and_keeps_the_default_one(tmp_path):
    from measure.bench import benchmark as bench, report as bench_report

    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\n{bench_report.LATEST[0]}\nthe default run\n{bench_report.LATEST[1]}\n\n"
                   f"{bench_report.HISTORY[0]}\n| date | revision | machine | a | b | c | d |\n| --- |\n"
                   f"| 2026-11-27 21:36 UTC | `5ac3471` | 2 cores, AMD EPYC | 102 / 135 | 87 | 12.0 | 0 + 0 |\n"
                   f"{bench_report.HISTORY[1]}\n")
    summary = {"n": 10, "p50": 40.0, "p95": 60.0, "p99": 70.0, "mean": 45.0, "failed": 0}
    results = bench.Results(machine={"cores": "2", "memory": "1 GiB", "cpu": "cpu", "os": "linux", "python": "3.10",
                                     "load average before": "1.5 1.0 0.5"},
                            started="2026-01-02 00:00 UTC", revision="def5678", url="own", profile="scale-out")
    results.latency = {"figure question": summary, "greeting (no custom action)": summary}
    results.load = [{**summary, "conversations": 10, "turns": 200, "expected": 200, "seconds": 5.0,
                     "turns_per_second": 25.0, "errors": 0, "lost": 0}]
    bench_report.write(results, bench.targets("scale-out"), doc)
    text = doc.read_text()
    assert "the default run" in text and bench_report.SECTIONS["scale-out"][0] in text
    assert "- **missed**: 25.0 turns/s with 10 concurrent conversations ≥ 30" in text
    assert "| 2026-11-27 21:36 UTC | `5ac3471` | default | 1 | 2 cores, AMD EPYC, ? | 102 / 135 | 87 | 12.0 | 0 + 0 | – |" in text
    assert "| 2026-01-02 00:00 UTC | `def5678` | scale-out | 1 | 2 cores, cpu, 1.5 1.0 0.5 |" in text


def test_repeated_runs_report_medians_and_add_up_counts():
    from measure.bench import benchmark as bench

    runs = [{"conversations": 10, "turns": 200, "errors": e, "p95": p, "turns_per_second": t}
            for e, p, t in [(0, 50.0, 20.0), (1, 90.0, 18.0), (0, 55.0, 25.0)]]
    assert bench.median_of(runs) == {"conversations": 10, "turns": 600, "errors": 1, "p95": 55.0,
                                     "turns_per_second": 20.0}
