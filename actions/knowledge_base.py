"""The action server's handle on the knowledge base, reopened when a rebuild replaces the file."""
import os
import threading
from typing import Optional, Tuple

from knowledge import KnowledgeBase

_lock = threading.Lock()
_current: Optional[Tuple[Tuple[int, int], KnowledgeBase]] = None


def _identity(kb: KnowledgeBase) -> Tuple[int, int]:
    stat = os.stat(kb.path)
    return stat.st_ino, stat.st_mtime_ns


def knowledge_base() -> KnowledgeBase:
    """The open knowledge base; a build swaps in a new file, which is then opened on next use."""
    global _current
    with _lock:
        if _current is not None:
            try:
                if _identity(_current[1]) == _current[0]:
                    return _current[1]
            except OSError:
                pass
        kb = KnowledgeBase.open()
        _current = (_identity(kb), kb)
        return kb
