"""Which body a question names: stored bodies in full or shortened, and names that fit no stored body."""
import pytest

from knowledge.bodies import find_body, loosely_fits, name_forms, named_by_kind

STORED = ["江苏省民政厅", "平潭综合实验区", "上海市人民政府办公厅", "示例县发展和改革局", "示例市科学技术委员会"]


@pytest.mark.parametrize("text, body", [
    ("江苏省民政厅2022年收到多少申请", "江苏省民政厅"),
    ("江苏民政厅的复议", "江苏省民政厅"),
    ("省民政厅收到几件", "江苏省民政厅"),
    ("民政厅去年公开了什么", "江苏省民政厅"),
    ("平潭2021年收到多少申请", "平潭综合实验区"),
    ("福建省平潭综合实验区的报告", "平潭综合实验区"),
    ("据平潭综合实验区的年报，收到几件", "平潭综合实验区"),  # a preposition before the name is no place
    ("那上海呢", "上海市人民政府办公厅"),  # the place alone, when one stored body is named after it
    ("我想问问省民政厅去年收到多少申请", "江苏省民政厅"),   # words of the question before a short name
    ("网民在省民政厅网站上咨询了多少", "江苏省民政厅"),
    ("上海市政府办公厅2019年予以公开多少", "上海市人民政府办公厅"),
    ("上海市府办公厅呢", "上海市人民政府办公厅"),
    ("县发改局收了几件", "示例县发展和改革局"),
    ("听我女儿说省民政厅的网站改版了", "江苏省民政厅"),     # words of the sentence before a short name
    ("请教一下省民政厅收费吗", "江苏省民政厅"),
    ("上海市政务公开平台有什么功能", "上海市人民政府办公厅"),  # the place with its own suffix
    ("市科委呢", "示例市科学技术委员会"),
])
def test_a_stored_body_named_in_full_or_as_citizens_shorten_it(text, body):
    mention = find_body(text, STORED)
    assert mention is not None and mention.body == body


@pytest.mark.parametrize("text, name", [
    ("南京市民政局2022年收到多少申请", "南京市民政局"),
    ("浙江省民政厅呢", "浙江省民政厅"),
    ("平潭县2021年收到多少", "平潭县"),
    ("苏州市人民政府的报告", "苏州市人民政府"),
    ("江苏省市场监督管理局的报告", "江苏省市场监督管理局"),
    ("我们县政府去年收到多少申请", "县政府"),
    ("省政府办公厅呢", "省政府办公厅"),
    ("民政部的年报里网民咨询有多少件", "民政部"),
])
def test_a_body_or_place_that_is_not_stored_is_named_as_such(text, name):
    mention = find_body(text, STORED)
    assert mention is not None and mention.body is None and mention.name == name


@pytest.mark.parametrize("text", [
    "2022年收到多少政府信息公开申请", "我市收到多少", "江苏省2022年收到多少申请", "向上一级行政机关申请复议",
    "去法院起诉要多久", "社区的信息公开栏", "市政府信息公开网站", "你们单位去年收到多少", "对省市县民政局的指导",
    "标准化试点是哪几个区", "对下面市县民政局有什么指导", "对各地民政部门有什么要求", "省里对下面市县的工作有什么安排",
    "办公室县直单位一共公开多少", "局机关和区属单位各报了几条",
])
def test_no_body_named(text):
    assert find_body(text, STORED) is None


def test_a_looser_name_fits_the_body_of_the_conversation():
    assert loosely_fits("市政府", "上海市人民政府办公厅") and loosely_fits("上海市政府", "上海市人民政府办公厅")
    assert not loosely_fits("上海市民政局", "上海市人民政府办公厅") and not loosely_fits("南京市政府", "上海市人民政府办公厅")


def test_name_forms_abbreviate_official_words_and_drop_the_place():
    forms = name_forms("示例市发展和改革委员会")
    assert {"市发改委", "发改委", "示例市发展和改革委员会"} <= set(forms)


def test_the_short_form_of_a_citys_government_names_it():
    from knowledge.bodies import name_forms
    forms = name_forms("上海市人民政府办公厅")
    assert "市府办公厅" in forms and not any(f.startswith("府") for f in forms)



def test_a_kind_of_office_alone_names_the_one_stored_body_of_that_kind():
    bodies = ["江苏省民政厅", "上海市人民政府办公厅", "平潭综合实验区"]
    assert named_by_kind("办公厅因为信息公开被申请复议几件", bodies) == "上海市人民政府办公厅"
    assert named_by_kind("办公厅因为信息公开被申请复议几件", bodies + ["北京市人民政府办公厅"]) is None
    assert named_by_kind("民政厅收到多少申请", bodies) is None


def test_a_body_addressed_by_its_kind_is_the_one_stored_body_of_that_kind():
    assert named_by_kind("你们区一共开了多少个政务微博", STORED) == "平潭综合实验区"
    assert named_by_kind("你们厅去年收到多少申请", STORED) is None             # 民政厅 and 办公厅
    assert named_by_kind("你们厅去年收到多少申请", ["江苏省民政厅"]) == "江苏省民政厅"
    assert named_by_kind("你们区有几个人", ["江苏省民政厅"]) is None
