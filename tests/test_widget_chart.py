"""The widget in headless chromium: a breakdown answer with its bar chart (the numbers as the chart's
text alternative), and the 有帮助 / 没帮助 buttons under an answer — by keyboard, announced, sent
once, stored with the turn."""
import re
from pathlib import Path

import pytest

from tests.support.chromium import launched_chromium
from tests.test_widget_browser import CONTRAST_FAILURES, SHADOW, Page

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
browser_test = pytest.mark.browser

BREAKDOWN = "申请的办理结果怎样？"
QUESTION = "2022年收到多少政府信息公开申请？"
# The seed report's outcomes of the requests, as the answer's text lists them.
OUTCOME_LINE = re.compile(r"^· (.+?)：(\d+)(件)", re.M)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from tests.support.servers import start_servers

    running = start_servers(tmp_path_factory.mktemp("widget-chart-servers"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with launched_chromium("widget chart tests") as chromium:
        yield chromium


@pytest.fixture
def demo(browser, servers):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = Page(context.new_page(), servers.rasa_url)
    page.open_demo()
    yield page
    page.assert_clean()
    context.close()


def charts(demo):
    return demo.js(f"""Array.from({SHADOW}.querySelectorAll('.log .msg.bot figure.chart svg')).map(s => ({{
        role: s.getAttribute('role'), label: s.getAttribute('aria-label'), bars: s.querySelectorAll('rect').length,
    }}))""")


def turn_record(servers):
    from bot.turnlog.store import Filter, TurnStore

    store = TurnStore(f"sqlite:///{(Path(servers.workdir) / 'turns.db').resolve()}")
    store.ingest()
    return store.turns(Filter())


@browser_test
def test_a_breakdown_answer_has_a_bar_chart_with_its_numbers_as_text(demo):
    demo.launcher().click()
    [answer] = [m for m in demo.ask(BREAKDOWN) if m["source"]]
    outcomes = OUTCOME_LINE.findall(answer["body"])
    assert len(outcomes) >= 2, answer["body"]
    [chart] = charts(demo)
    assert chart["role"] == "img" and chart["bars"] == len(outcomes)
    for name, value, unit in outcomes:
        assert f"{name} {value}{unit}" in chart["label"], (name, chart["label"])
    assert demo.js(CONTRAST_FAILURES) == []
    demo.page.get_by_role("button", name="高对比度模式").click()
    assert demo.js(CONTRAST_FAILURES) == []
    demo.screenshot("breakdown-chart")


@browser_test
def test_a_single_figure_has_no_chart(demo):
    demo.launcher().click()
    demo.ask(QUESTION)
    assert charts(demo) == []


@browser_test
def test_feedback_by_keyboard_is_announced_sent_once_and_recorded(demo, servers):
    demo.launcher().click()
    demo.ask(QUESTION)
    group = demo.page.get_by_role("group", name="这个回答有帮助吗？").last
    assert group.get_by_role("button", name="有帮助").is_visible()
    demo.tab_to("unhelpful", backwards=True)
    demo.page.keyboard.press("Enter")
    status = demo.page.get_by_role("status").filter(has_text="感谢您的反馈")
    status.wait_for(state="visible")
    assert group.get_by_role("button").count() == 0, "the buttons are gone: sent once"
    assert "feedback-done" in demo.active(), "focus stays on the answer's thanks, not lost"

    demo.page.reload()
    demo.open_demo()
    group = demo.page.get_by_role("group", name="这个回答有帮助吗？").last
    assert group.get_by_role("button").count() == 0 and "感谢您的反馈" in group.inner_text()

    turns = [t for t in turn_record(servers) if t["question"].startswith("2022年收到多少")]
    assert turns and turns[0]["feedback"] == "unhelpful" and turns[0]["channel"] == "rest"
    demo.screenshot("feedback-sent")
