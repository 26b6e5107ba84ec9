"""HTML report pages → blocks (paragraph lines and tables with rowspan/colspan expanded)."""
import re
from html.parser import HTMLParser
from typing import List, Optional, Tuple

from knowledge.parse.blocks import Block

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
              "footer", "blockquote", "pre", "ul", "ol", "dd", "dt", "center", "body"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "title"}


def looks_like_html(text: str) -> bool:
    return re.search(r"<\s*(html|body|p|div|table|br)\b", text[:5000], re.I) is not None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: List[Block] = []
        self.title = ""
        self._line: List[str] = []
        self._skip = 0
        self._in_title = False
        self._tables: List[dict] = []   # stack of open tables

    # text -----------------------------------------------------------
    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._skip:
            return
        if self._tables and self._tables[-1]["cell"] is not None:
            self._tables[-1]["cell"].append(data)
        else:
            self._line.append(data)

    def _flush(self):
        text = "".join(self._line)
        self._line = []
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Block("line", re.sub(r"[ \t\r\f\v]+", " ", line).strip()))

    # tags -------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
            self._in_title = self._in_title or tag == "title"
            return
        if self._tables and tag in ("td", "th"):
            table = self._tables[-1]
            spans = dict(attrs)
            table["cell"] = []
            table["span"] = (_int(spans.get("rowspan")), _int(spans.get("colspan")))
        elif self._tables and tag == "tr":
            self._tables[-1]["rows"].append([])
        elif tag == "table":
            if not self._tables:
                self._flush()
            self._tables.append({"rows": [], "cell": None, "span": (1, 1)})
        elif tag == "br":
            self._newline()
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._newline()

    def _newline(self):
        if self._tables and self._tables[-1]["cell"] is not None:
            self._tables[-1]["cell"].append(" ")
        elif not self._tables:
            self._line.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            self._in_title = self._in_title and tag != "title"
            return
        if self._tables and tag in ("td", "th"):
            self._close_cell(self._tables[-1])
        elif self._tables and tag == "table":
            table = self._tables.pop()
            self._close_cell(table)
            grid = expand(table["rows"])
            if self._tables:   # a nested table becomes text of the enclosing cell
                outer = self._tables[-1]
                if outer["cell"] is not None:
                    outer["cell"].append(" ".join(c for row in grid for c in row if c))
            else:
                self.blocks.append(Block("table", grid_text(grid), grid))
        elif tag in BLOCK_TAGS and not self._tables:
            self._line.append("\n")

    def _close_cell(self, table):
        if table["cell"] is None:
            return
        if not table["rows"]:
            table["rows"].append([])
        text = re.sub(r"\s+", " ", "".join(table["cell"])).strip()
        table["rows"][-1].append((text, *table["span"]))
        table["cell"] = None

    def close(self):
        super().close()
        self._flush()


def _int(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def expand(rows: List[List[Tuple[str, int, int]]]) -> List[List[Optional[str]]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid; spanned copies are None."""
    grid: List[List[Optional[str]]] = []
    pending = {}   # (row, col) → None for cells covered by a rowspan from above
    for r, row in enumerate(rows):
        out, c = [], 0
        for text, rowspan, colspan in row:
            while (r, c) in pending:
                out.append(pending.pop((r, c)))
                c += 1
            for dc in range(colspan):
                out.append(text if dc == 0 else None)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = None
            c += colspan
        while (r, c) in pending:
            out.append(pending.pop((r, c)))
            c += 1
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return [r + [None] * (width - len(r)) for r in grid if any(x for x in r) or r]


NUMERIC_CELL = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?$")
BLANK_CELL = re.compile(r"^[\s—–\-－/／无]*$")


def grid_text(grid: List[List[Optional[str]]]) -> str:
    """A table as the text a scraper would produce, but with every cell kept apart and blank value
    cells (those right of the last label cell in a row that has numbers) written as 0."""
    return "\n".join(_row_text(row) for row in grid)


def _row_text(row: List[Optional[str]]) -> str:
    cells = [c for c in row if c is not None]
    has_number = any(NUMERIC_CELL.match(c.replace(" ", "")) for c in cells)
    last_label = max((i for i, c in enumerate(cells)
                      if c.strip() and not NUMERIC_CELL.match(c.replace(" ", "")) and not BLANK_CELL.match(c)),
                     default=-1)
    out = []
    for i, c in enumerate(cells):
        value = c.replace(" ", "") if NUMERIC_CELL.match(c.replace(" ", "")) else c
        if has_number and i > last_label and BLANK_CELL.match(c):
            value = "0"
        if value:
            out.append(value.replace(",", "").replace("，", "") if NUMERIC_CELL.match(value) else value)
    return " ".join(out)


def html_blocks(html: str) -> Tuple[List[Block], str]:
    """The blocks of an HTML page and its <title>."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.blocks, re.sub(r"\s+", " ", parser.title).strip()
