"""Generates the catalogue-driven NLU data and trains the Rasa model, skipping unchanged inputs."""
import fcntl
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import yaml

from bot import paths
from knowledge import KnowledgeBase
from knowledge.bodies import name_forms

# Question shapes for the generated ask_statistic examples; {name} is a catalogue name or synonym.
STATISTIC_TEMPLATES = ["{name}有多少", "{name}是多少", "{year}年{name}多少", "请问{name}有几个", "{name}的数量"]
EXAMPLE_YEARS = [2020, 2021, 2022, 2023]


class LiteralBlock(str):
    """A string dumped as a YAML block, the form Rasa expects for `examples`."""


yaml.SafeDumper.add_representer(
    LiteralBlock, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|"))


def _examples(lines: Iterable[str]) -> LiteralBlock:
    return LiteralBlock("".join(f"- {line}\n" for line in sorted(set(lines))))


def body_phrases(body: str) -> List[str]:
    """A body's name and the shorter forms citizens use (江苏省民政厅 → 江苏民政厅, 省民政厅, 民政厅)."""
    return [form for form in name_forms(body) if len(form) >= 3]


def metric_phrases(metric) -> List[str]:
    return sorted({metric.name, *metric.synonyms} - {""})


def entity_values(metrics) -> Dict[str, List[str]]:
    """Entity value → the phrases that name it. A table cell that a prose metric also reports is
    named by the prose metric's key, so a question gets one answer whichever words it uses."""
    prose_key = {m.cell: m.key for m in metrics if m.cell}
    values: Dict[str, List[str]] = {}
    for metric in metrics:
        values.setdefault(prose_key.get(metric.key, metric.key), []).extend(metric_phrases(metric))
    return values


def generated_nlu(kb: KnowledgeBase) -> dict:
    metrics = [m for m in kb.metrics() if m.in_nlu]
    nlu: List[dict] = [
        {"lookup": "metric", "examples": _examples(p for m in metrics for p in metric_phrases(m))},
        {"lookup": "body", "examples": _examples(p for b in kb.bodies() for p in body_phrases(b))},
    ]
    nlu += [{"synonym": key, "examples": _examples(phrases)} for key, phrases in entity_values(metrics).items()]
    nlu += [{"synonym": b, "examples": _examples(body_phrases(b))} for b in kb.bodies()]
    nlu.append({"intent": "ask_statistic", "examples": _examples(statistic_examples(metrics))})
    return {"version": "3.1", "nlu": nlu}


def statistic_examples(metrics) -> List[str]:
    examples = []
    for index, metric in enumerate(m for m in metrics if m.kind == "number" and not m.key.startswith("table")):
        for offset, name in enumerate(metric_phrases(metric)[:3]):
            template = STATISTIC_TEMPLATES[(index + offset) % len(STATISTIC_TEMPLATES)]
            examples.append(template.format(name=name, year=EXAMPLE_YEARS[(index + offset) % len(EXAMPLE_YEARS)]))
    return examples


def _words_outside_nlu(kb: KnowledgeBase) -> set:
    """The words only of figures the knowledge base finds and NLU does not (in_nlu false): not those of a
    figure NLU knows or of a law topic too."""
    def words(inside: bool) -> set:
        return {w for m in kb.metrics() if m.in_nlu == inside for w in metric_phrases(m)}
    topics = [kb.topic(key) for key in kb.topics()]
    return words(False) - words(True) - {w for t in topics if t for w in (t["name"], *t["synonyms"])}


def write_generated(kb: KnowledgeBase, directory: Path = paths.GENERATED_NLU) -> None:
    (directory / "jieba").mkdir(parents=True, exist_ok=True)
    terms = sorted(set(kb.terms()) - _words_outside_nlu(kb) | {p for b in kb.bodies() for p in body_phrases(b)})
    (directory / "jieba" / "userdict.txt").write_text("".join(f"{t} 100000\n" for t in terms if " " not in t))
    (directory / "catalogue.yml").write_text(
        yaml.safe_dump(generated_nlu(kb), allow_unicode=True, sort_keys=False))


def _files(*roots: Path) -> List[Path]:
    found = []
    for root in roots:
        found += [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return found


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in _files(paths.CONFIG, paths.DOMAIN, paths.DATA, paths.GENERATED_NLU, paths.ROOT / "bot" / "nlu"):
        if path.suffix in {".yml", ".yaml", ".txt", ".py"}:
            digest.update(_digest_name(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _digest_name(path: Path) -> str:
    """A file's name in the digest: its path in the repository; a generated file as if under .build/,
    wherever $ZWGK_BUILD puts it (a folder outside the repository included), so the model's name is the same."""
    if path.is_relative_to(paths.BUILD):
        return str(Path(".build") / path.relative_to(paths.BUILD))
    return str(path.relative_to(paths.ROOT))


def model_path(digest: Optional[str] = None) -> Path:
    return paths.MODELS / f"zwgk-{digest or inputs_digest()}.tar.gz"


def train(kb: KnowledgeBase, force: bool = False, echo=print) -> Path:
    """Trains unless a model for exactly these inputs exists; returns the model file."""
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    with open(paths.BUILD / "train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_generated(kb)
        target = model_path()
        if target.exists() and not force:
            echo(f"model up to date: {target.relative_to(paths.ROOT) if target.is_relative_to(paths.ROOT) else target}")
            return target
        echo("training the Rasa model …")
        command = [sys.executable, "-m", "rasa", "train", "--config", str(paths.CONFIG),
                   "--domain", str(paths.DOMAIN), "--data", str(paths.DATA), str(paths.GENERATED_NLU / "catalogue.yml"),
                   "--out", str(paths.MODELS), "--fixed-model-name", target.name[: -len(".tar.gz")]]
        subprocess.run(command, cwd=paths.ROOT, check=True)
        _prune_models(keep=target)
        return target


def _prune_models(keep: Path, count: int = 3) -> None:
    """Keeps the newest models; a server that is starting may still be reading an older one."""
    models = sorted(paths.MODELS.glob("zwgk-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [m for m in models if m != keep][count - 1:]:
        old.unlink(missing_ok=True)
