"""The web widget in Debian's headless chromium, against the real action and Rasa servers.

One set of servers per module (starting them takes 20-40 s); every test gets a fresh browser
context, so localStorage starts empty unless the test reloads its own page.
"""
import json
import re
import time
import urllib.request

import pytest

from bot import paths
from tests.support.chromium import launched_chromium
SCREENSHOTS = paths.BUILD / "screenshots"
ANSWER_TIMEOUT_MS = 30_000

QUESTION = "2022年收到多少政府信息公开申请？"
FOLLOW_UP = "其中予以公开的呢？"
RECEIVED = "23"  # the seed report: 2022年接收政府信息公开申请23件
GRANTED = "7"  # the seed report: 其中予以公开7件
XSS = "<img src=x onerror=alert(1)>"

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
browser_test = pytest.mark.browser

SHADOW = "document.querySelector('#zwgk-widget').shadowRoot"
WIDGET_READY = ("document.querySelector('#zwgk-widget') "
                "&& getComputedStyle(document.querySelector('#zwgk-widget')).display !== 'none'")


# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("widget-servers"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with launched_chromium("widget browser tests") as chromium:
        yield chromium


class Page:
    """A Playwright page showing the demo page, plus what the test needs to check on it."""

    def __init__(self, page, url):
        self.page = page
        self.url = url
        self.dialogs = []
        self.errors = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.set_default_timeout(ANSWER_TIMEOUT_MS)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open_demo(self):
        self.page.goto(self.url + "/widget/demo.html")
        self.page.wait_for_function(WIDGET_READY)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def launcher(self):
        return self.page.get_by_role("button", name="打开政务公开问答助手")

    def input(self):
        return self.page.get_by_label("输入您的问题")

    def active(self):
        """Class name of the focused element inside the widget ('' when focus is elsewhere)."""
        return self.js(f"(() => {{ const a = {SHADOW}.activeElement; return a ? a.className : ''; }})()")

    def bot_count(self):
        return self.page.locator(".log .msg.bot").count()

    def wait_answer(self, before):
        self.page.wait_for_function(
            f"(n) => {SHADOW}.querySelectorAll('.log .msg.bot').length > n "
            f"&& {SHADOW}.querySelector('.typing').hidden", arg=before)

    def ask(self, text):
        """Type `text`, press Enter, wait for the answer; returns the new bot messages."""
        before = self.bot_count()
        self.input().fill(text)
        self.input().press("Enter")
        self.wait_answer(before)
        return self.bot_messages()[before:]

    def bot_messages(self):
        return self.js(f"""Array.from({SHADOW}.querySelectorAll('.log .msg.bot')).map(m => ({{
            body: m.querySelector('.body').textContent,
            source: Array.from(m.querySelectorAll('.source-text')).map(t => t.textContent).join('\\n') || null,
            label: m.querySelector('.source-label') ? m.querySelector('.source-label').textContent : null,
        }}))""")

    def log_texts(self):
        return self.js(f"Array.from({SHADOW}.querySelectorAll('.log .msg .body')).map(b => b.textContent)")

    def tab_to(self, class_name, limit=40, backwards=False):
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            if class_name in self.active().split():
                return
        raise AssertionError(f"Tab never reached .{class_name}")

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def assert_clean(self):
        for message in self.bot_messages():
            assert not re.search(r"^\s*来源：", message["body"], re.M), f"source left in the body: {message}"
        assert self.dialogs == [], f"page opened dialogs: {self.dialogs}"
        assert self.errors == [], f"page raised: {self.errors}"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    yield ctx
    ctx.close()


@pytest.fixture
def demo(context, servers):
    page = Page(context.new_page(), servers.rasa_url)
    page.open_demo()
    yield page
    page.assert_clean()


def answer_with_source(messages):
    """The one message among `messages` that carries a source."""
    sourced = [m for m in messages if m["source"]]
    assert sourced, f"no answer with a source among {messages}"
    return sourced[-1]


def figure_in(text, figure):
    return re.search(rf"(?<!\d){figure}(?!\d)", text) is not None


# ---- the health endpoint (no browser needed) ---------------------------------------------------


def test_health_is_ok_with_the_real_servers(servers):
    with urllib.request.urlopen(servers.rasa_url + "/widget/health", timeout=10) as reply:
        report = json.loads(reply.read())
    assert report == {"status": "ok", "model": True, "action_server": True, "knowledge_base": True}


def test_widget_files_are_served_by_the_rasa_server_with_cors(servers):
    request = urllib.request.Request(servers.rasa_url + "/widget/widget.js",
                                     headers={"Origin": "http://portal.example"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.headers["Content-Type"].startswith("application/javascript")
        assert reply.headers.get("Access-Control-Allow-Origin") in ("*", "http://portal.example")


# ---- conversation -------------------------------------------------------------------------------


@browser_test
def test_question_follow_up_and_sources(demo):
    demo.launcher().click()
    assert demo.active() == "input"
    first = answer_with_source(demo.ask(QUESTION))
    assert figure_in(first["body"], RECEIVED), first
    assert "来源" not in first["body"], "the source line must be split off the body"
    assert first["label"] == "来源"
    second = answer_with_source(demo.ask(FOLLOW_UP))
    assert figure_in(second["body"], GRANTED), second
    demo.screenshot("answer-with-source")


@browser_test
def test_suggested_question_and_quick_replies(demo):
    demo.launcher().click()
    suggestions = demo.page.get_by_role("group", name="您可以这样问").get_by_role("button")
    assert suggestions.count() >= 1
    before = demo.bot_count()
    suggestions.first.click()
    demo.wait_answer(before)

    replies = demo.ask("你好")
    assert replies and replies[-1]["body"]
    buttons = demo.page.get_by_role("group", name="可选回复").last.get_by_role("button")
    assert buttons.count() >= 1
    title = buttons.first.text_content()
    before = demo.bot_count()
    buttons.first.click()
    demo.wait_answer(before)
    assert title in demo.log_texts(), "a quick reply shows its title as the user's message"
    assert demo.active() == "input", "focus moves to the input, next to the new answer"
    demo.screenshot("quick-replies")


@browser_test
def test_history_and_context_survive_a_reload(demo):
    demo.launcher().click()
    answer_with_source(demo.ask(QUESTION))
    sender = demo.js("localStorage.getItem('zwgk-widget:sender')")
    texts = demo.log_texts()
    demo.input().fill("还没发出的草稿")

    demo.page.reload()
    demo.open_demo()
    assert demo.page.locator("#zwgk-panel").is_visible(), "an open panel stays open"
    assert demo.log_texts() == texts
    assert demo.js("localStorage.getItem('zwgk-widget:sender')") == sender
    assert demo.input().input_value() == "还没发出的草稿"

    second = answer_with_source(demo.ask(FOLLOW_UP))
    assert figure_in(second["body"], GRANTED), "the follow-up is answered in the restored conversation"
    demo.screenshot("after-reload")


# ---- keyboard, large text, contrast ----------------------------------------------------------------

FOCUS_OUTLINE = f"""(() => {{
    const a = {SHADOW}.activeElement;
    const s = getComputedStyle(a);
    return {{style: s.outlineStyle, width: parseFloat(s.outlineWidth)}};
}})()"""


@browser_test
def test_everything_by_keyboard(demo):
    keyboard = demo.page.keyboard
    demo.tab_to("launcher")
    outline = demo.js(FOCUS_OUTLINE)
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    keyboard.press("Enter")
    assert demo.active() == "input"

    before = demo.bot_count()
    keyboard.type(QUESTION)
    keyboard.press("Enter")
    demo.wait_answer(before)
    assert figure_in(answer_with_source(demo.bot_messages()[before:])["body"], RECEIVED)

    before = demo.bot_count()
    keyboard.type("你好")
    keyboard.press("Enter")
    demo.wait_answer(before)
    demo.tab_to("reply", backwards=True)
    outline = demo.js(FOCUS_OUTLINE)
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    before = demo.bot_count()
    keyboard.press("Enter")
    demo.wait_answer(before)
    assert demo.active() == "input"

    demo.tab_to("large")
    keyboard.press("Space")
    assert demo.page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true"
    demo.tab_to("contrast")
    keyboard.press("Enter")
    assert demo.page.get_by_role("button", name="高对比度模式").get_attribute("aria-pressed") == "true"
    demo.screenshot("keyboard-large-contrast")

    keyboard.press("Escape")
    assert not demo.page.locator("#zwgk-panel").is_visible()
    assert demo.active() == "launcher", "Escape returns focus to the launcher"


def body_font_size(demo):
    return demo.js(f"parseFloat(getComputedStyle({SHADOW}.querySelector('.welcome-text .body')).fontSize)")


@browser_test
def test_large_text_switch_is_remembered(demo):
    demo.launcher().click()
    normal = body_font_size(demo)
    switch = demo.page.get_by_role("button", name="大字模式")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    large = body_font_size(demo)
    assert large >= normal * 1.3, (normal, large)
    demo.page.reload()
    demo.open_demo()
    assert body_font_size(demo) == large
    assert demo.page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true"
    demo.screenshot("large-text")


CONTRAST_FAILURES = f"""(() => {{
    const root = {SHADOW};
    const rgba = (c) => {{ const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }};
    const lum = ([r, g, b]) => {{
        const f = (v) => {{ v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }};
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    }};
    const background = (el) => {{
        for (let n = el; n; n = n.parentElement || (n.getRootNode().host || null)) {{
            const c = rgba(getComputedStyle(n).backgroundColor);
            if (c[3] > 0.5) return c;
        }}
        return [255, 255, 255, 1];
    }};
    const failures = [];
    for (const el of root.querySelectorAll('*')) {{
        const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length || el.closest('.sr-only') || el.closest('[hidden]')) continue;
        const s = getComputedStyle(el);
        const fg = lum(rgba(s.color)), bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
        const needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
        if (ratio < needed) failures.push(el.className + ' "' + el.textContent.trim().slice(0, 20) + '" ' + ratio.toFixed(2));
    }}
    return failures;
}})()"""


@browser_test
def test_text_contrast_meets_wcag_aa_in_both_modes(demo):
    assert demo.js(CONTRAST_FAILURES) == [], "the launcher"
    demo.launcher().click()
    answer_with_source(demo.ask(QUESTION))
    demo.ask("你好")
    assert demo.js(CONTRAST_FAILURES) == []
    demo.page.get_by_role("button", name="高对比度模式").click()
    assert demo.js(CONTRAST_FAILURES) == []
    demo.screenshot("high-contrast")


@browser_test
def test_phone_screen_gets_a_full_screen_panel(context, servers):
    page = Page(context.new_page(), servers.rasa_url)
    page.page.set_viewport_size({"width": 375, "height": 740})
    page.open_demo()
    page.launcher().click()
    box = page.page.locator("#zwgk-panel").bounding_box()
    assert box == {"x": 0, "y": 0, "width": 375, "height": 740}
    answer_with_source(page.ask(QUESTION))
    page.screenshot("phone")
    page.assert_clean()


@browser_test
def test_accessibility_roles_and_labels(demo):
    demo.launcher().click()
    assert demo.js(f"{SHADOW}.host.getAttribute('lang')") == "zh-CN"
    dialog = demo.page.get_by_role("dialog", name="政务公开问答助手")
    assert dialog.is_visible()
    log = demo.page.get_by_role("log", name="对话记录")
    assert log.get_attribute("aria-live") == "polite"
    unlabelled = demo.js(f"""Array.from({SHADOW}.querySelectorAll('button, textarea')).filter(c =>
        !(c.getAttribute('aria-label') || c.textContent.trim() ||
          (c.id && {SHADOW}.querySelector('label[for="' + c.id + '"]')))).map(c => c.className)""")
    assert unlabelled == []


# ---- safety and failure ---------------------------------------------------------------------------


@browser_test
def test_markup_is_shown_as_text(demo):
    demo.launcher().click()
    demo.ask(XSS)
    assert XSS in demo.log_texts()
    assert demo.js(f"{SHADOW}.querySelectorAll('img').length") == 0
    assert demo.js("document.querySelectorAll('img').length") == 0
    demo.page.wait_for_timeout(300)
    assert demo.dialogs == []
    demo.screenshot("markup-as-text")


def failing_page(context, servers, config):
    context.add_init_script(f"window.ZwgkWidgetConfig = {json.dumps(config)};")
    page = Page(context.new_page(), servers.rasa_url)
    page.open_demo()
    page.launcher().click()
    return page


def send_and_expect_error(page, text):
    page.input().fill(text)
    page.input().press("Enter")
    alert = page.page.get_by_role("alert")
    alert.wait_for(state="visible")
    assert "暂时无法连接，请稍后重试" in alert.text_content()
    assert page.page.get_by_role("button", name="重试").is_visible()
    assert page.input().input_value() == text, "the unsent text is back in the input"


@browser_test
def test_server_down_keeps_the_text_and_offers_retry(context, servers):
    from bot.serve import free_port

    dead = f"http://127.0.0.1:{free_port()}"
    page = failing_page(context, servers, {"server": dead})
    send_and_expect_error(page, QUESTION)
    assert page.js(CONTRAST_FAILURES) == [], "the error message and the unsent message"
    page.screenshot("server-down")
    page.page.get_by_role("button", name="重试").click()
    page.page.get_by_role("alert").wait_for(state="visible")
    assert page.input().input_value() == QUESTION

    page.page.reload()
    page.open_demo()
    assert page.input().input_value() == QUESTION, "the draft survives a reload"
    assert page.log_texts() == [], "nothing undelivered is stored as history"
    page.assert_clean()


@browser_test
def test_slow_server_times_out_then_retry_reaches_the_real_server(context, servers):
    page = failing_page(context, servers, {"timeoutMs": 2000})
    webhook = "**/webhooks/rest/webhook"
    page.page.route(webhook, lambda route: None)  # the request is never answered
    started = time.monotonic()
    send_and_expect_error(page, QUESTION)
    assert time.monotonic() - started < 10
    page.page.unroute(webhook)

    before = page.bot_count()
    page.page.get_by_role("button", name="重试").click()
    page.wait_answer(before)
    assert not page.page.get_by_role("alert").is_visible()
    assert figure_in(answer_with_source(page.bot_messages()[before:])["body"], RECEIVED)
    assert page.input().input_value() == ""
    assert page.log_texts().count(QUESTION) == 1, "the retried question is shown once"
    page.assert_clean()


@pytest.fixture
def portal(servers, tmp_path):
    """Another site (another origin: its own port) whose page embeds the widget with one script tag."""
    import functools
    import http.server
    import threading

    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>门户网站</title></head>'
        '<body><h1>门户网站</h1>'
        f'<script src="{servers.rasa_url}/widget/widget.js" data-title="民政厅问答" '
        'data-primary-color="#7a1f1f" defer></script></body></html>', encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@browser_test
def test_embedded_on_another_origin(context, portal):
    page = Page(context.new_page(), portal)
    page.page.goto(portal + "/index.html")
    page.page.wait_for_function(WIDGET_READY)
    page.launcher().click()
    assert page.page.get_by_role("dialog", name="民政厅问答").is_visible()
    first = answer_with_source(page.ask(QUESTION))
    assert figure_in(first["body"], RECEIVED)
    page.screenshot("other-origin")
    page.assert_clean()
