"""HTML report pages → blocks (paragraph lines and tables with rowspan/colspan expanded).

Old CMS pages often wrap the whole article in a layout table; a table whose cells hold paragraphs,
part headings or other tables is unwrapped into its content instead of being read as data."""
import re
from html.parser import HTMLParser
from typing import List, Optional, Tuple, Union

from knowledge.parse.blocks import Block
from knowledge.parse.split import BLANK

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
              "footer", "blockquote", "pre", "ul", "ol", "dd", "dt", "center", "body", "tr"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "title"}
LAYOUT_TEXT = 120
_PART_HEADING = re.compile(r"(?:^|\n)\s*[一二三四五六]\s*[、.．]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)")

Piece = Union[str, Block]


def looks_like_html(text: str) -> bool:
    return re.search(r"<\s*(html|body|p|div|table|br)\b", text[:5000], re.I) is not None


class _Table:
    def __init__(self):
        self.rows: List[List[Tuple[List[Piece], int, int]]] = []
        self.cell: Optional[List[Piece]] = None
        self.span = (1, 1)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: List[Block] = []
        self.title = ""
        self._line: List[str] = []
        self._skip = 0
        self._in_title = False
        self._tables: List[_Table] = []

    def _sink(self) -> Optional[List[Piece]]:
        """Where text goes: the open cell of the innermost table, or None for the page itself."""
        if self._tables:
            return self._tables[-1].cell
        return None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._skip:
            return
        sink = self._sink()
        if sink is not None:
            sink.append(data)
        elif not self._tables:
            self._line.append(data)

    def _newline(self):
        sink = self._sink()
        if sink is not None:
            sink.append("\n")
        elif not self._tables:
            self._line.append("\n")

    def _flush(self):
        self.blocks += lines_of("".join(self._line))
        self._line = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
            self._in_title = self._in_title or tag == "title"
            return
        if tag == "table":
            if not self._tables:
                self._flush()
            self._tables.append(_Table())
        elif self._tables and tag in ("td", "th"):
            table, spans = self._tables[-1], dict(attrs)
            if table.cell is not None:
                self._close_cell(table)
            if not table.rows:
                table.rows.append([])
            table.cell, table.span = [], (_int(spans.get("rowspan")), _int(spans.get("colspan")))
        elif self._tables and tag == "tr":
            table = self._tables[-1]
            if table.cell is not None:
                self._close_cell(table)
            table.rows.append([])
        elif tag == "br" or tag in BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._newline()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            self._in_title = self._in_title and tag != "title"
            return
        if self._tables and tag in ("td", "th"):
            self._close_cell(self._tables[-1])
        elif self._tables and tag == "table":
            self._close_table(self._tables.pop())
        elif tag in BLOCK_TAGS:
            self._newline()

    def _close_cell(self, table: _Table):
        if table.cell is None:
            return
        table.rows[-1].append((table.cell, *table.span))
        table.cell = None

    def _close_table(self, table: _Table):
        self._close_cell(table)
        blocks = table_blocks(table.rows)
        sink = self._sink()
        if sink is not None:
            sink.extend(blocks)
        elif self._tables:
            return
        else:
            self.blocks += blocks

    def close(self):
        super().close()
        self._flush()


def lines_of(text: str) -> List[Block]:
    return [Block("line", re.sub(r"[ \t\r\f\v]+", " ", line).strip()) for line in text.split("\n") if line.strip()]


def _int(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _cell_text(pieces: List[Piece]) -> str:
    """Inline pieces join as they are (Word's HTML splits “23” into <span>2</span><span>3</span>);
    paragraphs and nested tables are set apart by a space."""
    text = "".join(p if isinstance(p, str) else f" {p.text} " for p in pieces)
    return re.sub(r"\s+", " ", text).strip()


def _is_layout(rows) -> bool:
    for row in rows:
        for pieces, _, _ in row:
            text = "".join(p for p in pieces if isinstance(p, str))
            if any(isinstance(p, Block) for p in pieces) or _PART_HEADING.search(text):
                return True
            if len(text.strip()) > LAYOUT_TEXT and "。" in text:
                return True
    return False


def table_blocks(rows) -> List[Block]:
    """A data table as one block; a layout table as the blocks of its cells, in reading order."""
    if not _is_layout(rows):
        grid = expand([[(_cell_text(p), r, c) for p, r, c in row] for row in rows])
        return [Block("table", grid_text(grid), grid)] if any(any(c for c in r) for r in grid) else []
    out: List[Block] = []
    for row in rows:
        for pieces, _, _ in row:
            text = []
            for piece in pieces:
                if isinstance(piece, Block):
                    out += lines_of("".join(text)) + [piece]
                    text = []
                else:
                    text.append(piece)
            out += lines_of("".join(text))
    return out


def expand(rows: List[List[Tuple[str, int, int]]]) -> List[List[Optional[str]]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid; spanned copies are None."""
    grid: List[List[Optional[str]]] = []
    pending = {}   # (row, col) covered by a rowspan from above
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
    return [r + [None] * (width - len(r)) for r in grid]


NUMERIC_CELL = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?(?:亿元|万元|元)?$")
NIL_CELL = re.compile(r"^\s*(?:[—–\-－/／]+|无)\s*$")


def _numeric(cell: str) -> bool:
    return bool(NUMERIC_CELL.match(cell.replace(" ", "")))


def _empty(cell: str) -> bool:
    return not cell.strip()


def grid_text(grid: List[List[Optional[str]]]) -> str:
    """A table as the text a scraper would produce, but with every cell kept apart: in a row that has
    numbers, the value cells right of the last label cell that are empty are written ∅ (not stated)
    and those marked — / 无 are written 0."""
    return "\n".join(_row_text(row) for row in grid)


def _row_text(row: List[Optional[str]]) -> str:
    cells = [c for c in row if c is not None]
    has_number = any(_numeric(c) for c in cells)
    last_label = max((i for i, c in enumerate(cells) if not _empty(c) and not _numeric(c) and not NIL_CELL.match(c)),
                     default=-1)
    out = []
    for i, c in enumerate(cells):
        if _numeric(c):
            out.append(re.sub(r"[\s,，]", "", c))
        elif has_number and i > last_label and _empty(c):
            out.append(BLANK)
        elif has_number and i > last_label and NIL_CELL.match(c):
            out.append("0")
        elif c.strip():
            out.append(c.strip())
    return " ".join(out)


def html_blocks(html: str) -> Tuple[List[Block], str]:
    """The blocks of an HTML page and its <title>."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.blocks, re.sub(r"\s+", " ", parser.title).strip()
