"""Chinese names for the keys a turn records (metric keys, procedure topics), read through the
knowledge API; the key itself when the knowledge base cannot say."""
import logging
from typing import Dict, Optional

logger = logging.getLogger(__name__)


class Names:
    def __init__(self) -> None:
        self._names: Optional[Dict[str, str]] = None

    def _load(self) -> Dict[str, str]:
        try:
            from knowledge import KnowledgeBase

            kb = KnowledgeBase.open()
            names = {m.key: m.name for m in kb.metrics()}
            for key in kb.topics():
                topic = kb.topic(key) or {}
                names[key] = topic.get("name") or key
            return names
        except Exception:  # noqa: BLE001 - the pages still work, showing keys
            logger.warning("staff pages: no names from the knowledge base; showing keys", exc_info=True)
            return {}

    def load(self) -> None:
        """Reads the names once (blocking: the pages call it off the event loop)."""
        if self._names is None:
            self._names = self._load()

    def __call__(self, key: Optional[str]) -> str:
        if not key:
            return ""
        self.load()
        return self._names.get(key, key)
