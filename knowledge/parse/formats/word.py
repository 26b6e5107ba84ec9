"""Word .docx → blocks: body paragraphs become lines, Word tables become table blocks with merged
cells (w:gridSpan, w:vMerge) read as HTML colspan/rowspan. Headers and footers are not read."""
import zipfile
from pathlib import Path
from typing import List, Optional, Tuple

from knowledge.parse.blocks import Block
from knowledge.parse.formats import FormatError
from knowledge.parse.html import lines_of, table_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element, path: str) -> Optional[str]:
    found = element.find(path)
    return None if found is None else found.get(f"{W}val", "")


def paragraph_text(p) -> str:
    out = []
    for node in p.iter():
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag in (f"{W}tab", f"{W}ptab"):
            out.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _cell_pieces(tc) -> list:
    pieces = []
    for child in tc:
        if child.tag == f"{W}p":
            pieces.append(paragraph_text(child) + "\n")
        elif child.tag == f"{W}tbl":
            pieces += table_blocks(_rows(child))
        elif child.tag == f"{W}sdt" and child.find(f"{W}sdtContent") is not None:
            pieces += _cell_pieces(child.find(f"{W}sdtContent"))
    return pieces


def _grid(tbl) -> List[List[Tuple[int, object, int, Optional[str]]]]:
    """Per row: (grid column, w:tc, colspan, vMerge value or None)."""
    out = []
    for tr in tbl.findall(f"{W}tr"):
        col = int(_val(tr, f"{W}trPr/{W}gridBefore") or 0)
        row = []
        for tc in tr.findall(f"{W}tc"):
            span = max(1, int(_val(tc, f"{W}tcPr/{W}gridSpan") or 1))
            row.append((col, tc, span, _val(tc, f"{W}tcPr/{W}vMerge")))
            col += span
        out.append(row)
    return out


def _rows(tbl) -> list:
    """Rows of (pieces, rowspan, colspan) as html.table_blocks takes them; continued merges dropped."""
    grid = _grid(tbl)
    rows = []
    for r, row in enumerate(grid):
        out = [([""], 1, row[0][0])] if row and row[0][0] > 0 else []   # w:gridBefore
        for col, tc, span, merge in row:
            if merge is not None and merge != "restart":
                continue                                                 # covered by the cell above
            out.append((_cell_pieces(tc), _rowspan(grid, r, col) if merge == "restart" else 1, span))
        rows.append(out)
    return rows


def _rowspan(grid, r: int, col: int) -> int:
    span = 1
    for row in grid[r + 1:]:
        if not any(c == col and merge is not None and merge != "restart" for c, _, _, merge in row):
            break
        span += 1
    return span


def _body_blocks(parent) -> List[Block]:
    blocks: List[Block] = []
    for child in parent:
        if child.tag == f"{W}p":
            blocks += lines_of(paragraph_text(child))
        elif child.tag == f"{W}tbl":
            blocks += table_blocks(_rows(child))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                blocks += _body_blocks(content)
    return blocks


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    if not zipfile.is_zipfile(path):
        raise FormatError(f"{path.name} 不是有效的Word（.docx）文件：文件已损坏，或其实是别的格式"
                          f"（旧版Word的.doc文件请先另存为.docx）。")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError) as error:
        raise FormatError(f"{path.name} 不是有效的Word（.docx）文件，无法读取：{error}") from error


def docx_blocks(path: Path) -> Tuple[List[Block], str]:
    """(blocks, document title from its properties)."""
    document = _open(Path(path))
    try:
        return _body_blocks(document.element.body), (document.core_properties.title or "").strip()
    except (ValueError, TypeError) as error:
        raise FormatError(f"{Path(path).name} 的内容无法读取（Word文件结构有误）：{error}") from error
