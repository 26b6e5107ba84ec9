"""The staff pages' HTML. Every value is escaped by bot.admin.html; no page has a script."""
import time
import unicodedata
from typing import Callable, Dict, List, Optional
from urllib.parse import urlencode

from bot.admin import charts
from bot.admin.html import Markup, tag

KIND_NAMES = {
    "statistic": "数字", "breakdown": "办理结果分项", "derived": "计算的数字", "topic": "报告专题",
    "passage": "报告原文", "procedure": "办理流程（条例）", "search": "未理解，检索", "explain": "解释来源",
}
FEEDBACK_NAMES = {"helpful": "有帮助", "unhelpful": "没帮助"}


def _key(key: Optional[str]) -> str:
    return key or ""


def kind_name(kind: Optional[str], names: Callable[[Optional[str]], str] = _key) -> str:
    """The kind in words: procedure:how_to_apply reads 办理流程（条例）：<the topic's name>."""
    if not kind:
        return "其他"
    route, _, topic = kind.partition(":")
    name = KIND_NAMES.get(route, route)
    return f"{name}：{names(topic)}" if topic else name


def layout(title: str, body, csrf: Optional[str] = None, user: Optional[str] = None) -> str:
    nav = None
    if user:
        nav = tag("nav", {"aria-label": "管理页面"},
                  tag("a", {"href": "/admin/"}, "概况"), " ",
                  tag("a", {"href": "/admin/turns"}, "全部提问"), " ",
                  tag("a", {"href": "/admin/turns?problems=1"}, "未解决的提问"), " ",
                  tag("form", {"method": "post", "action": "/admin/logout", "class": "inline"},
                      tag("input", {"type": "hidden", "name": "csrf", "value": csrf}),
                      tag("button", {"type": "submit"}, f"退出（{user}）")))
    return "<!DOCTYPE html>" + tag(
        "html", {"lang": "zh-CN"},
        tag("head", {}, tag("meta", {"charset": "utf-8"}),
            tag("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            tag("title", {}, f"{title} - 政务公开问答助手 管理"),
            tag("link", {"rel": "stylesheet", "href": "/admin/admin.css"})),
        tag("body", {}, tag("header", {}, tag("p", {"class": "brand"}, "政务公开问答助手 · 管理"), nav),
            tag("main", {}, tag("h1", {}, title), body)))


def login(csrf: str, message: Optional[str] = None, username: str = "") -> str:
    form = tag("form", {"method": "post", "action": "/admin/login", "class": "login"},
               tag("input", {"type": "hidden", "name": "csrf", "value": csrf}),
               tag("label", {"for": "username"}, "用户名"),
               tag("input", {"id": "username", "name": "username", "autocomplete": "username", "required": True,
                             "value": username}),
               tag("label", {"for": "password"}, "密码"),
               tag("input", {"id": "password", "name": "password", "type": "password",
                             "autocomplete": "current-password", "required": True}),
               tag("button", {"type": "submit"}, "登录"))
    alert = tag("p", {"class": "alert", "role": "alert"}, message) if message else None
    return layout("登录", [alert, form])


def overview(totals: Dict[str, int], days: List[Dict], topics: List[Dict], csrf: str, user: str,
             names: Callable[[Optional[str]], str] = _key, retention_days: Optional[int] = None) -> str:
    facts = tag("dl", {"class": "totals"},
                [tag("div", {}, tag("dt", {}, label), tag("dd", {}, totals.get(key, 0))) for key, label in
                 [("turns", "提问"), ("citizens", "市民（化名）"), ("problems", "未解决"),
                  ("helpful", "评价有帮助"), ("unhelpful", "评价没帮助")]])
    per_channel: Dict[str, int] = {}
    for row in days:
        per_channel[row["channel"] or "?"] = per_channel.get(row["channel"] or "?", 0) + row["n"]
    topic_items = [(kind_name(t["kind"], names) + (f" · {names(t['metric'])}" if t["metric"] else ""), t["n"])
                   for t in topics]
    body = [
        facts,
        tag("h2", {}, "最近 30 天每天的提问（按渠道）"),
        charts.stacked_days(days, "最近 30 天每天的提问"),
        tag("table", {}, tag("caption", {}, "各渠道提问数"),
            tag("tr", {}, tag("th", {"scope": "col"}, "渠道"), tag("th", {"scope": "col"}, "提问")),
            [tag("tr", {}, tag("td", {}, c), tag("td", {}, n)) for c, n in sorted(per_channel.items())]),
        tag("h2", {}, "问得最多的内容"),
        charts.horizontal_bars(topic_items, "问得最多的内容"),
        tag("p", {}, tag("a", {"href": "/admin/turns?problems=1"}, "查看未解决或市民认为没帮助的提问 →")),
        tag("p", {"class": "note"}, f"提问记录保留 {retention_days} 天，市民以化名显示。") if retention_days else None,
    ]
    return layout("概况", body, csrf, user)


def _query_string(query: str, problems: bool, marked: bool) -> str:
    params = {k: v for k, v in {"q": query, "problems": "1" if problems else "", "marked": "1" if marked else ""}.items() if v}
    return ("?" + urlencode(params)) if params else ""


def turn_list(rows: List[Dict], query: str, problems: bool, marked: bool, csrf: str, user: str,
              back: str, names: Callable[[Optional[str]], str] = _key) -> str:
    search = tag("form", {"method": "get", "action": "/admin/turns", "class": "search", "role": "search"},
                 tag("label", {"for": "q"}, "搜索问题或回答"),
                 tag("input", {"id": "q", "name": "q", "type": "search", "value": query}),
                 tag("label", {}, tag("input", {"type": "checkbox", "name": "problems", "value": "1",
                                               "checked": problems}), "只看未解决"),
                 tag("label", {}, tag("input", {"type": "checkbox", "name": "marked", "value": "1",
                                               "checked": marked}), "只看已标记"),
                 tag("button", {"type": "submit"}, "搜索"))
    qs = _query_string(query, problems, marked)
    exports = tag("p", {"class": "exports"},
                  tag("a", {"href": "/admin/export.csv" + qs}, "导出 CSV"), " ",
                  tag("a", {"href": "/admin/export.yml" + qs}, "导出为测试对话（YAML）"))
    table = tag("table", {"class": "turns"},
                tag("caption", {}, f"{len(rows)} 条提问（最新的在前）"),
                tag("tr", {}, [tag("th", {"scope": "col"}, h) for h in
                               ["时间", "渠道", "市民", "问题", "理解为", "回答", "状态", ""]]),
                [_turn_row(row, csrf, back, names) for row in rows])
    return layout("提问记录", [search, exports, table], csrf, user)


def _flags(row: Dict) -> List[str]:
    flags = []
    if row["fallback"]:
        flags.append("未理解")
    if row["not_in_report"]:
        flags.append("报告未提及")
    if row["apology"]:
        flags.append("系统出错")
    if row["feedback"]:
        flags.append("市民：" + FEEDBACK_NAMES.get(row["feedback"], row["feedback"]))
    if row["marked"]:
        flags.append("已标记")
    return flags


def typed_differs(typed: Optional[str], question: str) -> bool:
    """The text as typed says more than the normalised question (not only full-width punctuation)."""
    return bool(typed) and unicodedata.normalize("NFKC", typed).strip() != unicodedata.normalize("NFKC", question).strip()


def _turn_row(row: Dict, csrf: str, back: str, names: Callable[[Optional[str]], str]) -> Markup:
    typed = row["typed"] if typed_differs(row["typed"], row["question"]) else None
    confidence = f"（{row['confidence']:.2f}）" if row["confidence"] is not None else ""
    mark = tag("form", {"method": "post", "action": "/admin/mark"},
               tag("input", {"type": "hidden", "name": "csrf", "value": csrf}),
               tag("input", {"type": "hidden", "name": "turn", "value": row["turn_id"]}),
               tag("input", {"type": "hidden", "name": "marked", "value": "0" if row["marked"] else "1"}),
               tag("input", {"type": "hidden", "name": "back", "value": back}),
               tag("button", {"type": "submit"}, "取消标记" if row["marked"] else "标记"))
    return tag("tr", {"class": "problem" if _flags(row) else None},
               tag("td", {}, time.strftime("%m-%d %H:%M", time.localtime(row["time"]))),
               tag("td", {}, row["channel"]),
               tag("td", {"class": "citizen"}, row["citizen"]),
               tag("td", {"class": "question"}, row["question"],
                   tag("div", {"class": "typed"}, "原文：", typed) if typed else None),
               tag("td", {}, kind_name(row["kind"], names), tag("div", {"class": "intent"}, f"{row['intent']}{confidence}")),
               tag("td", {"class": "answer"}, tag("details", {}, tag("summary", {}, (row["answer"] or "（无回答）")[:60]),
                                                  tag("div", {"class": "full"}, row["answer"]),
                                                  [tag("div", {"class": "cited"}, "来源：", c) for c in row["cited"]])),
               tag("td", {}, "、".join(_flags(row))),
               tag("td", {}, mark))
