"""The turns as CSV, and as a file of tests/conversations/ for a person to complete."""
import csv
import io
import json
import time
from itertools import groupby
from typing import Dict, List

COLUMNS = [("time", "时间"), ("channel", "渠道"), ("citizen", "市民（化名）"), ("question", "问题（规范化）"),
           ("typed", "问题（原文）"), ("intent", "意图"), ("confidence", "置信度"), ("kind", "回答类型"),
           ("answer", "回答"), ("cited", "引用"), ("fallback", "未理解"), ("not_in_report", "报告未提及"),
           ("apology", "系统出错"), ("feedback", "市民评价"), ("marked", "已标记")]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(key: str, value) -> str:
    if key == "time":
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(value))
    if key == "cited":
        return "\n".join(value or [])
    if isinstance(value, bool):
        return "是" if value else ""
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell that starts like a formula; a citizen typed it, so it stays text.
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(turns: List[Dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _, title in COLUMNS])
    for turn in turns:
        writer.writerow([_cell(key, turn.get(key)) for key, _ in COLUMNS])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def to_conversations(turns: List[Dict]) -> str:
    """One conversation per citizen and day, turns in order; `says_any` is left for a person."""
    lines = ["# Real questions exported from the staff pages. Before adding this file to tests/conversations/,",
             "# write for every turn what a right answer must say (says_any, or says_all / figures as in the",
             "# other files) and delete the turns that should not become tests.",
             "conversations:"]
    ordered = sorted(turns, key=lambda t: (t["citizen"], t["day"], t["time"]))
    for (citizen, day), group in groupby(ordered, key=lambda t: (t["citizen"], t["day"])):
        lines.append(f"  - name: {json.dumps(f'{day} {citizen}', ensure_ascii=False)}")
        lines.append("    turns:")
        for turn in group:
            lines.append(f"      - user: {json.dumps(turn['typed'] or turn['question'], ensure_ascii=False)}")
            lines.append(f"        # answer given: {_one_line(turn['answer'])}")
            if turn.get("feedback") == "unhelpful":
                lines.append("        # the citizen marked this answer unhelpful")
            lines.append("        says_any: []")
    if len(lines) == 4:
        lines[-1] = "conversations: []"
    return "\n".join(lines) + "\n"
