"""Generated sections of hand-written docs: a block between two HTML comment markers is replaced,
the prose around it is kept. (Here because knowledge/ writes docs/parsing.md and must not import bot/;
bot/doc_sections.py re-exports it for the bot's reports.)"""
import re
from typing import Tuple


def replace_section(text: str, markers: Tuple[str, str], body: str) -> str:
    start, end = markers
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    block = f"{start}\n{body}\n{end}"
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    return text.rstrip("\n") + f"\n\n{block}\n"
