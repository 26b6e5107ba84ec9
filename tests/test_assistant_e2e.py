"""Conversations with the real action server and Rasa server through the REST channel."""
import json
import shutil
import urllib.error
import urllib.request

import pytest

from knowledge.paths import REPORTS_DIR
from knowledge.store import build
from tests.conftest import SEED_FILE
from tests.support.servers import start_servers

pytestmark = pytest.mark.e2e
SEED = SEED_FILE.name


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("reports")
    for path in REPORTS_DIR.iterdir():
        shutil.copy(path, directory / path.name)
    return directory


@pytest.fixture(scope="module")
def kb_path(reports_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(path, reports_dir=reports_dir)
    return path


@pytest.fixture(scope="module")
def servers(kb_path, tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("servers"), env={"ZWGK_KB": str(kb_path)})
    yield running
    running.stop()


def post(servers, body: bytes):
    request = urllib.request.Request(f"{servers.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_greeting_offers_suggested_questions(servers):
    messages = servers.say("greeter", "你好")
    assert "政务公开问答助手" in messages[0]["text"]
    assert len(messages[0]["buttons"]) >= 3


def test_figure_follow_ups_and_a_year_that_is_not_stored(servers):
    first = servers.text("citizen-1", "2022年收到多少政府信息公开申请？")
    assert "23件" in first and "来源：" in first
    granted = servers.text("citizen-1", "其中予以公开的呢？")
    assert "7件" in granted and "来源：" in granted
    wechat = servers.text("citizen-1", "那微信公众号呢？")
    assert "1064篇" in wechat
    other_year = servers.text("citizen-1", "2021年呢？")
    assert "没有" in other_year and "2021" in other_year and "1064" not in other_year
    why = servers.text("citizen-1", "为什么？")
    assert "微信公众号发布信息1064篇" in why


def test_traditional_characters_and_full_width_digits(servers):
    answer = servers.text("citizen-2", "２０２２年收到多少政府資訊公開申請？")
    assert "23件" in answer


def test_procedure_answer_names_the_article(servers):
    answer = servers.text("citizen-3", "申请政府信息公开多久能答复？")
    assert "第三十三条" in answer and "来源：《中华人民共和国政府信息公开条例》" in answer


def test_derived_figure_says_how_it_was_computed(servers):
    answer = servers.text("citizen-4", "予以公开占办结的比例是多少？")
    assert "28.0%" in answer and "计算方法" in answer


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "<script>alert(1)</script>", "'; DROP TABLE facts; --"])
def test_odd_input_gets_a_polite_reply(servers, text):
    messages = servers.say("odd-input", text)
    assert messages and all(m.get("text") for m in messages)


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"message": 5}', b'"text"'])
def test_malformed_body_is_a_clear_400(servers, body):
    status, payload = post(servers, body)
    assert status == 400 and payload["error"]


def test_changing_the_report_file_changes_the_answer(servers, reports_dir, kb_path):
    report = reports_dir / SEED
    original = report.read_text()
    report.write_text(original.replace("接收政府信息公开申请23件", "接收政府信息公开申请32件"))
    try:
        build(kb_path, reports_dir=reports_dir)
        answer = servers.text("citizen-5", "2022年收到多少政府信息公开申请？")
        assert "32件" in answer and "23件" not in answer
    finally:
        report.write_text(original)
        build(kb_path, reports_dir=reports_dir)


def test_terminal_chat_numbers_the_options_and_takes_a_number(servers):
    from bot.chat import run

    typed = iter(["你好", "1", "退出"])
    shown = []
    run(servers.rasa_url, read=lambda prompt: next(typed), write=shown.append)
    assert any(line.strip().startswith("1. ") for line in shown)
    assert any("23件" in line for line in shown)  # option 1 asks how many requests were received
