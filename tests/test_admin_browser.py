"""The staff pages in Debian's headless chromium, against the real servers: a scripted conversation
through REST and WeChat (with a citizen's 没帮助 and 没用), then log in, see those questions, mark
one, export; a <script> question shown as text; every page refused without a session; a wrong
password locked out."""
import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from bot import paths
from tests.support.chromium import launched_chromium
from tests.wechat_sim import QUESTION, WeChatSimulator, new_openid

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
browser_test = pytest.mark.browser

SCREENSHOTS = paths.BUILD / "screenshots"
TOKEN = "zwgkAdminE2EToken"
STAFF, PASSWORD = "staff", "a long staff password"
BREAKDOWN = "申请的办理结果怎样？"
SCRIPT_QUESTION = "<script>alert('zwgk')</script>怎么申请？"
REST_SENDER = "web-admin-test-citizen"
PAGES = ["/admin/", "/admin/turns", "/admin/turns?problems=1", "/admin/export.csv", "/admin/export.yml"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("admin-servers"), env={"WECHAT_TOKEN": TOKEN})
    yield running
    running.stop()


@pytest.fixture(scope="module")
def staff(servers):
    from bot.admin.auth import Staff
    from bot.turnlog import database

    accounts = Staff(database.engine(f"sqlite:///{(servers.workdir / 'turns.db').resolve()}"))
    accounts.add_user(STAFF, PASSWORD)
    accounts.add_user("locked", PASSWORD)
    return accounts


def post_json(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read())


@pytest.fixture(scope="module")
def conversation(servers):
    """Questions through REST (one rated 没帮助 in the widget's way) and WeChat (one answered 没用)."""
    webhook = servers.rasa_url + "/webhooks/rest/webhook"
    asked = {}
    for text in [QUESTION, BREAKDOWN, SCRIPT_QUESTION]:
        asked[text] = post_json(webhook, {"sender": REST_SENDER, "message": text})
    breakdown_turn = asked[BREAKDOWN][-1]["turn"]
    assert post_json(servers.rasa_url + "/webhooks/rest/feedback",
                     {"sender": REST_SENDER, "turn": breakdown_turn, "helpful": False}) == {"status": "ok"}
    wechat = WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN)
    openid = new_openid()
    wechat_answer = wechat.send_text(openid, "怎么申请政府信息公开？")
    thanks = wechat.send_text(openid, "没用")
    return {"openid": openid, "wechat_answer": wechat_answer.content, "thanks": thanks.content,
            "breakdown_turn": breakdown_turn}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, cookie=None, data=None):
    """(status, Location, body) without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status, reply.headers.get("Location"), reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location"), error.read().decode()


def test_wechat_unhelpful_reply_is_thanked_not_answered(conversation):
    assert "感谢您的反馈" in conversation["thanks"]
    assert conversation["wechat_answer"] and "感谢" not in conversation["wechat_answer"]


@pytest.mark.parametrize("cookie", [None, "zwgk_admin=forged-session-token"])
def test_every_page_and_export_is_refused_without_a_session(servers, conversation, staff, cookie):
    for page in PAGES:
        status, location, body = fetch(servers.rasa_url + page, cookie)
        assert (status, location) == (303, "/admin/login"), page
        assert QUESTION not in body and "2022" not in body, page
    status, _, _ = fetch(servers.rasa_url + "/admin/mark", cookie, data=b"turn=x&marked=1&csrf=x")
    assert status == 403


# ---- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with launched_chromium("staff pages browser tests") as chromium:
        yield chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def log_in(page, base, username=STAFF, password=PASSWORD):
    page.goto(base + "/admin/")
    assert page.url.endswith("/admin/login"), "a page without a session shows the login"
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@browser_test
def test_log_in_and_see_the_conversations_questions(page, servers, staff, conversation):
    log_in(page, servers.rasa_url)
    assert page.url.endswith("/admin/")
    cookie = next(c for c in page.context.cookies() if c["name"] == "zwgk_admin")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"
    channels = page.get_by_role("table", name="各渠道提问数").inner_text()
    assert "rest" in channels and "wechat" in channels
    assert page.get_by_role("img", name="最近 30 天每天的提问").count() == 1
    assert page.locator("svg.chart").count() == 2
    screenshot(page, "admin-overview")

    page.get_by_role("link", name="全部提问").click()
    questions = page.locator("td.question").all_inner_texts()
    assert any(QUESTION.rstrip("？") in q for q in questions), questions
    assert any("怎么申请政府信息公开" in q for q in questions), "the WeChat question"
    citizens = page.locator("table.turns").inner_text()
    assert REST_SENDER not in citizens and conversation["openid"] not in citizens and "市民-" in citizens
    assert page.dialogs == []


@browser_test
def test_unhelpful_answers_are_listed_with_the_answer_given(page, servers, staff, conversation):
    log_in(page, servers.rasa_url)
    page.goto(servers.rasa_url + "/admin/turns?problems=1")
    rows = page.locator("table.turns tr.problem")
    texts = rows.all_inner_texts()
    breakdown = [t for t in texts if "办理结果" in t and "市民：没帮助" in t]
    assert breakdown, texts
    assert "予以公开" in breakdown[0], "the answer given is shown"
    assert any("wechat" in t and "市民：没帮助" in t for t in texts), "WeChat's 没用 counts the same"
    screenshot(page, "admin-problems")


@browser_test
def test_search_mark_and_export(page, servers, staff, conversation):
    log_in(page, servers.rasa_url)
    page.goto(servers.rasa_url + "/admin/turns")
    page.get_by_label("搜索问题或回答").fill("办理结果")
    page.get_by_role("button", name="搜索").click()
    rows = page.locator("table.turns tr.problem, table.turns tr:has(td)")
    assert rows.count() >= 1 and all("办理结果" in t for t in page.locator("td.question").all_inner_texts())
    page.locator("table.turns").get_by_role("button", name="标记").first.click()
    page.wait_for_load_state()
    assert "q=" in page.url, "marking returns to the same search"
    assert "已标记" in page.locator("table.turns").inner_text()

    page.goto(servers.rasa_url + "/admin/turns?marked=1")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 CSV").click()
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert table[0][0] == "时间" and len(table) == 2 and "办理结果" in table[1][3]
    assert REST_SENDER not in json.dumps(table, ensure_ascii=False)

    page.goto(servers.rasa_url + "/admin/turns")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出为测试对话（YAML）").click()
    exported = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
    users = [t["user"] for c in exported["conversations"] for t in c["turns"]]
    assert QUESTION in users and SCRIPT_QUESTION in users, "the questions as typed"


@browser_test
def test_a_script_question_is_shown_as_text(page, servers, staff, conversation):
    log_in(page, servers.rasa_url)
    page.goto(servers.rasa_url + "/admin/turns")
    assert any(SCRIPT_QUESTION in q for q in page.locator("td.question").all_inner_texts())
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.evaluate("document.querySelectorAll('script').length") == 0
    screenshot(page, "admin-turns")


@browser_test
def test_a_form_without_its_csrf_token_is_refused(page, servers, staff, conversation):
    log_in(page, servers.rasa_url)
    reply = page.request.post(servers.rasa_url + "/admin/mark", form={"turn": conversation["breakdown_turn"],
                                                                       "marked": "1", "csrf": "forged"})
    assert reply.status == 403


@browser_test
def test_wrong_passwords_lock_the_account_out(page, servers, staff):
    from bot.admin.auth import MAX_FAILURES

    for _ in range(MAX_FAILURES):
        log_in(page, servers.rasa_url, "locked", "not the password")
        assert "用户名或密码不正确" in page.get_by_role("alert").inner_text()
    log_in(page, servers.rasa_url, "locked", PASSWORD)
    assert "登录失败次数过多" in page.get_by_role("alert").inner_text()
    assert page.url.endswith("/admin/login")
    screenshot(page, "admin-locked")
