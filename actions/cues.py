"""The word groups of bot/data/nlu/cues.yml, for the actions: the same lists NLU learns from."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Pattern

import yaml

CUES = Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu" / "cues.yml"


@lru_cache(maxsize=1)
def _groups() -> Dict[str, Pattern]:
    groups = {}
    for item in yaml.safe_load(CUES.read_text(encoding="utf-8"))["nlu"]:
        if "lookup" in item:
            words = [w[2:].strip() for w in item["examples"].splitlines() if w.strip().startswith("- ")]
            groups[item["lookup"]] = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return groups


def has(group: str, text: str) -> bool:
    """Whether the text holds a word of the group (cue_remedy, cue_quantity, …)."""
    return _groups()[group].search(text or "") is not None
