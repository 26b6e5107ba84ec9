"""NLU cross-validation (`rasa test nlu --cross-validation`) written up in docs/nlu-cross-validation.md.

The figures of the latest run replace the text between the `nlu-report` markers; the prose around
them (what was tried, what limits the score) is kept by hand."""
import json
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bot import paths
from measure.bench import machine
from measure.docs import write_section

REPORT = paths.ROOT / "docs" / "nlu-cross-validation.md"
MARKERS = ("<!-- nlu-report:start -->", "<!-- nlu-report:end -->")
INTRO = """# NLU cross-validation

`zwgk nlu-report` runs `rasa test nlu --cross-validation` on the hand-written NLU data
(`bot/data/nlu/`) together with the examples generated from the metric catalogue, and writes
the figures below. Each example is predicted by a model that did not train on it. Retrieval
intents (chitchat/…) are scored as `chitchat` by DIET.
"""


def _training_data(directory: Path) -> Path:
    """The hand-written NLU data and the catalogue-generated file, in one folder for `rasa test`."""
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(paths.DATA / "nlu", directory)
    shutil.copy(paths.GENERATED_NLU / "catalogue.yml", directory / "generated_catalogue.yml")
    return directory


def cross_validate(folds: int = 3) -> dict:
    out = paths.BUILD / "nlu-report"
    data = _training_data(paths.BUILD / "nlu-cv-data")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "rasa", "test", "nlu", "--nlu", str(data), "--config", str(paths.CONFIG),
                    "--cross-validation", "--folds", str(folds), "--out", str(out)], cwd=paths.ROOT, check=True)
    report = json.loads((out / "intent_report.json").read_text())
    return {"folds": folds, "seconds": time.monotonic() - started, "intents": report}


def write(result: dict, path: Path = REPORT) -> None:
    intents = result["intents"]
    rows = [(name, r) for name, r in sorted(intents.items()) if isinstance(r, dict) and "support" in r
            and name not in ("micro avg", "macro avg", "weighted avg")]
    lines = [
        f"Run of {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {result['folds']} folds, "
        f"{result['seconds'] / 60:.1f} min on {platform.machine()} with {machine.machine()['cores']} cores.",
        "",
        "| | precision | recall | F1 | support |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in ("weighted avg", "macro avg"):
        r = intents.get(name)
        if r:
            lines.append(f"| **{name}** | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1-score']:.3f} | {r['support']} |")
    lines.append(f"| **accuracy** | | | {intents.get('accuracy', 0):.3f} | |")
    lines += ["", "Per intent:", "", "| intent | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {n} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1-score']:.3f} | {r['support']} |" for n, r in rows]
    write_section(path, MARKERS, "\n".join(lines), INTRO)
