"""Where the project keeps its inputs and build outputs ($ZWGK_BUILD moves them all, default .build/)."""
from knowledge.paths import BUILD_DIR as BUILD
from knowledge.paths import REPO_ROOT as ROOT

CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "bot" / "domain"
DATA = ROOT / "bot" / "data"
GENERATED_NLU = BUILD / "nlu"
JIEBA_DICT = GENERATED_NLU / "jieba"
MODELS = BUILD / "models"
RUN = BUILD / "run"
