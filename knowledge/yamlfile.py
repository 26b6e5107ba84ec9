"""Reading the catalogue's YAML files (libyaml when available; parsed once per file version)."""
import copy
from functools import lru_cache
from pathlib import Path

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int):
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=Loader)


def read_yaml(path: Path):
    """The file's data (a fresh copy: callers may change it)."""
    stat = Path(path).stat()
    return copy.deepcopy(_read(str(path), stat.st_mtime_ns, stat.st_size))
