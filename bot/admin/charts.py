"""Charts drawn on the server as SVG: no script, no outside network. Each has a title and a
description for screen readers, and the page shows the same numbers as a table."""
from typing import Dict, List, Sequence, Tuple

from bot.admin.html import Markup, tag

PALETTE = ["#1f5f99", "#b35c00", "#2e7d32", "#7b1fa2", "#8d6e63", "#455a64"]
WIDTH = 720
HEIGHT = 260
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 56, 16


def _nice_max(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … not below `value`: the axis's top."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def stacked_days(rows: Sequence[Dict], title: str) -> Markup:
    """Questions per day, one colour per channel (rows: day, channel, n)."""
    days = sorted({r["day"] for r in rows})
    channels = sorted({r["channel"] or "?" for r in rows})
    counts = {(r["day"], r["channel"] or "?"): r["n"] for r in rows}
    top = _nice_max(max((sum(counts.get((d, c), 0) for c in channels) for d in days), default=0))
    plot_w, plot_h = WIDTH - MARGIN_LEFT - 10, HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_w / max(len(days), 1)
    bars = []
    for i, day in enumerate(days):
        y = MARGIN_TOP + plot_h
        for j, channel in enumerate(channels):
            n = counts.get((day, channel), 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(tag("rect", {"x": f"{MARGIN_LEFT + i * slot + slot * 0.15:.1f}", "y": f"{y:.1f}",
                                     "width": f"{slot * 0.7:.1f}", "height": f"{h:.1f}",
                                     "fill": PALETTE[j % len(PALETTE)]},
                            tag("title", {}, f"{day} {channel}：{n}")))
        if len(days) <= 15 or i % max(1, len(days) // 10) == 0:
            bars.append(tag("text", {"x": f"{MARGIN_LEFT + (i + 0.5) * slot:.1f}", "y": HEIGHT - MARGIN_BOTTOM + 16,
                                     "text-anchor": "middle", "font-size": "11"}, day[5:]))
    axis = [tag("line", {"x1": MARGIN_LEFT, "y1": MARGIN_TOP + plot_h, "x2": WIDTH - 10, "y2": MARGIN_TOP + plot_h,
                         "stroke": "#333"}),
            tag("text", {"x": MARGIN_LEFT - 6, "y": MARGIN_TOP + 4, "text-anchor": "end", "font-size": "11"}, top),
            tag("text", {"x": MARGIN_LEFT - 6, "y": MARGIN_TOP + plot_h, "text-anchor": "end", "font-size": "11"}, 0)]
    legend = [tag("g", {}, tag("rect", {"x": MARGIN_LEFT + k * 120, "y": HEIGHT - 22, "width": 12, "height": 12,
                                         "fill": PALETTE[k % len(PALETTE)]}),
                  tag("text", {"x": MARGIN_LEFT + k * 120 + 16, "y": HEIGHT - 12, "font-size": "12"}, c))
              for k, c in enumerate(channels)]
    summary = "；".join(f"{d}：{sum(counts.get((d, c), 0) for c in channels)}" for d in days) or "没有数据"
    return _svg(title, summary, axis + bars + legend)


def horizontal_bars(items: List[Tuple[str, int]], title: str) -> Markup:
    """One bar per label (the most asked topics)."""
    row_h, label_w = 26, 300
    height = MARGIN_TOP + row_h * max(len(items), 1) + 10
    top = max((n for _, n in items), default=1) or 1
    shapes = []
    for i, (label, n) in enumerate(items):
        y = MARGIN_TOP + i * row_h
        w = (WIDTH - label_w - 60) * n / top
        shapes += [tag("text", {"x": label_w - 8, "y": y + 16, "text-anchor": "end", "font-size": "12"}, label),
                   tag("rect", {"x": label_w, "y": y + 4, "width": f"{w:.1f}", "height": 16, "fill": PALETTE[0]}),
                   tag("text", {"x": f"{label_w + w + 6:.1f}", "y": y + 16, "font-size": "12"}, n)]
    summary = "；".join(f"{label}：{n}" for label, n in items) or "没有数据"
    return _svg(title, summary, shapes, height)


def _svg(title: str, summary: str, shapes, height: int = HEIGHT) -> Markup:
    return tag("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {height}",
                       "width": WIDTH, "height": height, "role": "img", "aria-label": f"{title}。{summary}",
                       "class": "chart"},
               tag("title", {}, title), tag("desc", {}, summary), shapes)
