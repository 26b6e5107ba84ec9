"""Shared test helpers and fixtures.

`seed_kb_path` / `kb`: one knowledge base of the seed report and the laws for the whole session, built
once into a temporary folder. Read it, never change it; a module that needs other reports defines its
own `kb` fixture, which takes the place of this one."""
import shutil
from pathlib import Path
from typing import Iterable

import pytest

from knowledge import KnowledgeBase
from knowledge.paths import REPORTS_DIR
from knowledge.store import build

FIXTURES = Path(__file__).parent / "fixtures"
SEED_ID = "000_4a426eea84ae44d6"          # the seed report's id: its file name without suffix
SEED_FILE = REPORTS_DIR / f"{SEED_ID}.txt"


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


@pytest.fixture(scope="session")
def seed_kb_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed-kb") / "knowledge.db"
    build(path, REPORTS_DIR)
    return path


@pytest.fixture(scope="session")
def kb(seed_kb_path) -> KnowledgeBase:
    return KnowledgeBase.open(seed_kb_path)
