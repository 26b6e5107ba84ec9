"""Where the project keeps its inputs and build outputs."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = Path(os.environ.get("ZWGK_BUILD", ROOT / ".build"))
CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "bot" / "domain"
DATA = ROOT / "bot" / "data"
GENERATED_NLU = BUILD / "nlu"
JIEBA_DICT = GENERATED_NLU / "jieba"
MODELS = BUILD / "models"
RUN = BUILD / "run"
