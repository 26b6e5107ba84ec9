"""Shared test helpers."""
import shutil
from pathlib import Path
from typing import Iterable

from knowledge.paths import REPORTS_DIR
from knowledge.store import build

FIXTURES = Path(__file__).parent / "fixtures"


def build_with_seed(tmp_path_factory, extra: Iterable[Path]) -> Path:
    """A knowledge base of the seed report and the given report files; its path."""
    reports = tmp_path_factory.mktemp("reports")
    for path in REPORTS_DIR.iterdir():
        shutil.copy(path, reports)
    for path in extra:
        shutil.copy(path, reports / path.name)
    db = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(db, reports)
    return db
