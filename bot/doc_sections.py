"""Generated sections of hand-written docs (nlu-report, bench): the one helper lives in knowledge/, which
writes docs/parsing.md and may not import bot/."""
from knowledge.doc_sections import replace_section

__all__ = ["replace_section"]
