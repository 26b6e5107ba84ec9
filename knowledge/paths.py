"""Where the knowledge layer's inputs and its one database file live."""
import os
from pathlib import Path

from knowledge.parse.formats import REPORT_SUFFIXES as _FORMAT_SUFFIXES

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
# Every build output (knowledge base, models, generated NLU data, run logs, turn database) lives here.
BUILD_DIR = Path(os.environ.get("ZWGK_BUILD", REPO_ROOT / ".build"))
REPORTS_DIR = PACKAGE_DIR / "reports"
SOURCES_DIR = PACKAGE_DIR / "sources"
CATALOGUE_DIR = PACKAGE_DIR / "catalogue"
DEFAULT_DB = BUILD_DIR / "knowledge.db"
ENV_VAR = "ZWGK_KB"
HOME_BODY_VAR = "ZWGK_HOME_BODY"   # the deployment's own body; default: the first report's
REPORT_SUFFIXES = _FORMAT_SUFFIXES


def db_path(path=None) -> Path:
    """The knowledge base file: the given path, else $ZWGK_KB, else knowledge.db in the build folder."""
    if path:
        return Path(path)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return DEFAULT_DB


def report_files(reports_dir: Path) -> list:
    """Report files of a directory in name order (sidecar .yml files are not reports)."""
    return sorted(p for p in Path(reports_dir).iterdir()
                  if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
