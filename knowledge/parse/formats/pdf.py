"""PDF (with a text layer) → blocks, with pdfminer.six.

Characters are grouped into lines by their baselines; ruled tables (cell borders drawn as lines or
thin rectangles, as Word and WPS export them) become table blocks with merged cells found from the
missing borders; a table that a page break cuts in two is joined again. Page numbers at the top or
bottom of a page are dropped. A PDF without a text layer (a scan) is refused: it needs OCR."""
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from knowledge.parse.blocks import Block
from knowledge.parse.formats import FormatError
from knowledge.parse.formats.pages import is_edge_page_number
from knowledge.parse.html import lines_of, table_blocks

TOL = 2.0              # points: coordinates closer than this are the same ruling
EDGE = 0.08            # the top and bottom 8 % of a page hold running headers and page numbers
MIN_TEXT_CHARS = 20    # fewer characters than this in the whole file: no text layer


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def cx(self):
        return (self.x0 + self.x1) / 2

    @property
    def cy(self):
        return (self.y0 + self.y1) / 2


@dataclass
class Ruled:
    """A table drawn with rulings: grid columns xs (left→right), rows ys (top→bottom)."""
    xs: List[float]
    ys: List[float]
    rows: list = field(default_factory=list)     # (pieces, rowspan, colspan) rows, as html.table_blocks

    @property
    def top(self):
        return self.ys[0]


@dataclass
class PageItem:
    top: float
    line: Optional[str] = None
    table: Optional[Ruled] = None


# ---- reading the file ------------------------------------------------------------------------------

def _layout_pages(path: Path):
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle, check_extractable=False):
            interpreter.process_page(page)
            yield device.get_result()


def _walk(item, glyphs: List[Glyph], segments: list):
    from pdfminer.layout import LTChar, LTCurve, LTRect
    for child in item:
        if isinstance(child, LTChar):
            glyphs.append(Glyph(child.get_text(), child.x0, child.x1, child.y0, child.y1))
        elif isinstance(child, LTRect):
            segments += _rect_edges(child.x0, child.y0, child.x1, child.y1)
        elif isinstance(child, LTCurve):
            pts = child.pts
            segments += [_segment(a, b) for a, b in zip(pts, pts[1:])]
        elif hasattr(child, "__iter__"):
            _walk(child, glyphs, segments)


def _segment(a, b):
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) <= TOL:
        return ("h", (ya + yb) / 2, min(xa, xb), max(xa, xb))
    if abs(xa - xb) <= TOL:
        return ("v", (xa + xb) / 2, min(ya, yb), max(ya, yb))
    return None


def _rect_edges(x0, y0, x1, y1):
    if y1 - y0 <= TOL:
        return [("h", (y0 + y1) / 2, x0, x1)]
    if x1 - x0 <= TOL:
        return [("v", (x0 + x1) / 2, y0, y1)]
    return [("h", y0, x0, x1), ("h", y1, x0, x1), ("v", x0, y0, y1), ("v", x1, y0, y1)]


# ---- lines of text ---------------------------------------------------------------------------------

def text_lines(glyphs: List[Glyph]) -> List[Tuple[float, str]]:
    """(top, text) per visual line, top to bottom; a wide gap between characters becomes a space."""
    lines: List[List[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.cy, g.x0)):
        line = next((l for l in lines if _same_line(l[0], g)), None)
        if line is None:
            lines.append([g])
        else:
            line.append(g)
    out = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        text, previous = "", None
        for g in line:
            size = max(g.y1 - g.y0, 1.0)
            if previous is not None and g.x0 - previous.x1 > 0.4 * size and not text.endswith(" "):
                text += " "
            text += g.text
            previous = g
        if text.strip():
            out.append((max(g.y1 for g in line), text.strip()))
    return sorted(out, key=lambda t: -t[0])


def _same_line(a: Glyph, b: Glyph) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


# ---- ruled tables ----------------------------------------------------------------------------------

def _merge_segments(segments):
    """Collinear pieces of one ruling (drawn cell by cell) as one segment."""
    out = []
    for kind in ("h", "v"):
        lines: list = []
        for s in sorted((s for s in segments if s and s[0] == kind), key=lambda s: s[1]):
            if lines and s[1] - lines[-1][-1][1] <= TOL:
                lines[-1].append(s)
            else:
                lines.append([s])
        for line in lines:
            merged: list = []
            for s in sorted(line, key=lambda s: s[2]):
                if merged and s[2] <= merged[-1][3] + TOL:
                    merged[-1] = (kind, merged[-1][1], merged[-1][2], max(merged[-1][3], s[3]))
                else:
                    merged.append(s)
            out += merged
    return out


def _crosses(h, v) -> bool:
    return h[2] - TOL <= v[1] <= h[3] + TOL and v[2] - TOL <= h[1] <= v[3] + TOL


def _groups(segments):
    """Rulings that touch one another, as groups (one group per table)."""
    parent = list(range(len(segments)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            b = segments[j]
            if a[0] != b[0] and _crosses(*((a, b) if a[0] == "h" else (b, a))):
                parent[find(i)] = find(j)
    groups = {}
    for i, s in enumerate(segments):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _cluster(values: List[float]) -> List[float]:
    out: List[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _has(segments, kind: str, at: float, point: float) -> bool:
    return any(s[0] == kind and abs(s[1] - at) <= TOL and s[2] - TOL <= point <= s[3] + TOL for s in segments)


def _ruled_table(segments, glyphs: List[Glyph]) -> Optional[Ruled]:
    xs = _cluster([s[1] for s in segments if s[0] == "v"])
    ys = _cluster([s[1] for s in segments if s[0] == "h"])[::-1]
    if len(xs) < 2 or len(ys) < 2 or (len(xs) < 3 and len(ys) < 3):
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(k):
        while owner[k] != k:
            k = owner[k]
        return k

    for r in range(n_rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _has(segments, "v", xs[c + 1], mid_y):
                owner[find((r, c + 1))] = find((r, c))
            if r + 1 < n_rows and not _has(segments, "h", ys[r + 1], mid_x):
                owner[find((r + 1, c))] = find((r, c))
    cells = {}
    for key in owner:
        cells.setdefault(find(key), []).append(key)
    texts = {root: [] for root in cells}
    for g in glyphs:
        c = next((i for i in range(n_cols) if xs[i] <= g.cx <= xs[i + 1]), None)
        r = next((i for i in range(n_rows) if ys[i] >= g.cy >= ys[i + 1]), None)
        if c is not None and r is not None:
            texts[find((r, c))].append(g)
    rows = [[] for _ in range(n_rows)]
    for root, members in sorted(cells.items(), key=lambda kv: (min(k[0] for k in kv[1]), min(k[1] for k in kv[1]))):
        r0, c0 = min(k[0] for k in members), min(k[1] for k in members)
        r1, c1 = max(k[0] for k in members), max(k[1] for k in members)
        text = "\n".join(t for _, t in text_lines(texts[root]))
        rows[r0].append(([text], r1 - r0 + 1, c1 - c0 + 1))
    return Ruled(xs, ys, rows)


def _inside(g: Glyph, table: Ruled) -> bool:
    return table.xs[0] - TOL <= g.cx <= table.xs[-1] + TOL and table.ys[-1] - TOL <= g.cy <= table.ys[0] + TOL


# ---- pages -----------------------------------------------------------------------------------------

def page_items(page) -> List[PageItem]:
    glyphs, segments = [], []
    _walk(page, glyphs, segments)
    segments = _merge_segments(segments)
    tables = []
    for group in _groups(segments):
        inside = [g for g in glyphs if _group_box_holds(group, g)]
        table = _ruled_table(group, inside)
        if table:
            tables.append(table)
    free = [g for g in glyphs if not any(_inside(g, t) for t in tables)]
    items = [PageItem(top, line=text) for top, text in text_lines(free)]
    items += [PageItem(t.top, table=t) for t in tables]
    items.sort(key=lambda i: -i.top)
    return _without_furniture(items, page.y0, page.y1)


def _group_box_holds(group, g: Glyph) -> bool:
    xs = [s[1] for s in group if s[0] == "v"] or [0]
    ys = [s[1] for s in group if s[0] == "h"] or [0]
    return min(xs) - TOL <= g.cx <= max(xs) + TOL and min(ys) - TOL <= g.cy <= max(ys) + TOL


def _without_furniture(items: List[PageItem], bottom: float, top: float) -> List[PageItem]:
    edge = (top - bottom) * EDGE
    return [i for i in items
            if not (i.line is not None and (i.top >= top - edge or i.top <= bottom + edge)
                    and is_edge_page_number(i.line))]


def _join_across_pages(pages: List[List[PageItem]]) -> List[PageItem]:
    """A table that ends one page and a table with the same columns that starts the next are one."""
    out: List[PageItem] = []
    for items in pages:
        for n, item in enumerate(items):
            last = out[-1] if out else None
            if (n == 0 and item.table and last is not None and last.table
                    and _same_columns(last.table, item.table)):
                last.table.rows += item.table.rows
            else:
                out.append(item)
    return out


def _same_columns(a: Ruled, b: Ruled) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3 * TOL for x, y in zip(a.xs, b.xs))


def _blocks(items: List[PageItem]) -> List[Block]:
    blocks: List[Block] = []
    for item in items:
        blocks += lines_of(item.line) if item.line is not None else table_blocks(item.table.rows)
    return blocks


def pdf_blocks(path: Path) -> List[Block]:
    path = Path(path)
    blocks = _blocks(_join_across_pages(_read_pages(path)))
    text = "".join(b.text for b in blocks)
    if len(text.replace(" ", "")) < MIN_TEXT_CHARS:
        raise FormatError(f"{path.name} 是扫描版PDF（只有图像，没有文字层），无法读取其中的文字。"
                          f"请先用OCR（文字识别）转换成文字，或提供报告的文本（.txt）或网页（.html）版本。")
    if text.count("(cid:") * 8 > len(text):
        raise FormatError(f"{path.name} 中的文字无法提取（PDF字体缺少文字编码映射）。"
                          f"请提供报告的文本（.txt）、网页（.html）或Word（.docx）版本。")
    return blocks


def _read_pages(path: Path) -> List[List[PageItem]]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise FormatError(f"{path.name} 不是有效的PDF文件（文件开头没有PDF标记，可能已损坏或其实是别的格式）。")
    try:
        return [page_items(page) for page in _layout_pages(path)]
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise FormatError(f"{path.name} 是加密的PDF，需要密码才能读取，请提供未加密的版本。") from error
    except Exception as error:   # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError…) on a broken file
        raise FormatError(f"{path.name} 不是有效的PDF文件，已损坏或不完整，无法读取（{type(error).__name__}）。") from error
