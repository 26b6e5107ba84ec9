"""The blind-set scorer: strict about figures, lenient only about how a number is written."""
from measure.blind import judge, states

SOURCE = "\n来源：某报告 第一部分"


def test_a_number_is_stated_however_it_is_written():
    assert states("约为28.0%。", "28") and states("共24252.311082万元", "24252.311082")
    assert states("合计1,866条", "1866") and not states("予以公开7件", "17")
    assert states("电话0591-23165370", "0591-23165370")
    assert states("办结率约为96.2%", "96") and not states("办结率约为96.2%", "97") and not states("办结96件", "95")


def test_a_figure_answer_must_state_the_figure_with_its_source():
    turn = {"user": "收到多少申请", "kind": "figure", "numbers": ["23"]}
    assert judge(turn, "收到申请23件。" + SOURCE) == [[], []]
    assert judge(turn, "收到申请23件。")[0] == ["no source line"]


def test_another_figure_in_place_of_the_one_asked_is_a_wrong_number():
    turn = {"user": "办结了多少", "kind": "figure", "numbers": ["25"]}
    problems, wrong = judge(turn, "上年结转申请3件。" + SOURCE)
    assert problems == ["missing 25"] and wrong == ["3"]


def test_not_in_the_report_needs_the_words_and_no_figure():
    turn = {"user": "抖音发了多少个视频", "kind": "not_in_report", "says_any": ["没有提到"]}
    assert judge(turn, "报告没有提到抖音。") == [[], []]
    problems, wrong = judge(turn, "新媒体产品28个。" + SOURCE)
    assert problems and wrong == ["28"]


def test_a_report_not_stored_is_not_in_the_report():
    turn = {"user": "那2021年的呢", "kind": "not_in_report", "says_any": ["没有提到"]}
    assert judge(turn, "知识库里没有江苏省民政厅2021年的年度报告，我不能提供那一年的数字。") == [[], []]
    assert judge({**turn, "kind": "passage"}, "知识库里没有江苏省民政厅2021年的年度报告。")[0]
