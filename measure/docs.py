"""The one convention for generated docs: a tool writes only the block between its two HTML comment
markers; the prose around it is written and kept by hand. A new file starts with the given text."""
import re
from pathlib import Path
from typing import Tuple

Markers = Tuple[str, str]


def replace_section(text: str, markers: Markers, body: str) -> str:
    start, end = markers
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    block = f"{start}\n{body}\n{end}"
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    return text.rstrip("\n") + f"\n\n{block}\n"


def write_section(path: Path, markers: Markers, body: str, new_file: str) -> Path:
    """Replaces the block between the markers of the file at path (created from new_file when missing)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else new_file
    path.write_text(replace_section(text, markers, body).rstrip("\n") + "\n", encoding="utf-8")
    return path
