"""The prose extractor over a corpus of real report sentences (tests/fixtures/prose_sentences.yml):
every figure a sentence states is found, and no sentence yields a figure it does not state.

`python -m tests.test_prose_figures` prints right / wrong / missed over the corpus."""
from collections import Counter
from pathlib import Path

import pytest
import yaml

from knowledge.catalogue import load
from knowledge.parse.prose import sentence_facts

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "prose_sentences.yml").read_text(encoding="utf-8"))["sentences"]


def _key(fact: dict) -> tuple:
    return fact["metric"], fact["value"], fact.get("approximate")


def extracted(catalogue, entry) -> list:
    found, _ = sentence_facts(catalogue, entry["sentence"])
    return [{"metric": f.metric.key, "value": f.value, "approximate": f.approximate, "qualifier": f.qualifier}
            for f in found]


def judge(catalogue, entry) -> dict:
    """right: stated and found; wrong: found but not stated (wrong metric, value or approximation);
    missed: stated, not found; acceptable: found and one of the entry's acceptable readings."""
    expected = {_key(f): f for f in entry["facts"]}
    acceptable = {_key(f) for f in entry.get("acceptable", [])}
    found = extracted(catalogue, entry)
    keys = [_key(f) for f in found]
    out = {"right": [], "wrong": [], "missed": [], "acceptable": []}
    for fact, key in zip(found, keys):
        wanted = expected.get(key)
        if wanted and wanted.get("qualifier", fact["qualifier"]) == fact["qualifier"]:
            out["right"].append(key)
        elif key in acceptable:
            out["acceptable"].append(key)
        else:
            out["wrong"].append((key, fact["qualifier"]))
    out["missed"] = [k for k in expected if k not in out["right"]]
    return out


@pytest.fixture(scope="module")
def catalogue():
    return load()


def _id(entry) -> str:
    return f"{entry['source'].split('.')[0][:14]}:{entry['sentence'][:24]}"


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(e) for e in CORPUS])
def test_no_figure_the_sentence_does_not_state(catalogue, entry):
    assert judge(catalogue, entry)["wrong"] == []


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(e) for e in CORPUS])
def test_every_stated_figure_is_found(catalogue, entry):
    if entry.get("known_gap"):
        pytest.xfail(entry["known_gap"])
    assert judge(catalogue, entry)["missed"] == []


def test_corpus_is_real_sentences_and_shapes():
    sources = Counter(e["source"].split(" ")[0] for e in CORPUS)
    assert sources["shape"] < sum(sources.values()) / 2
    assert all(e["facts"] or e.get("acceptable") or e.get("note") is not None or e["source"] != "shape" for e in CORPUS)


def score(catalogue) -> Counter:
    totals = Counter()
    for entry in CORPUS:
        for kind, items in judge(catalogue, entry).items():
            totals[kind] += len(items)
    totals["sentences"] = len(CORPUS)
    totals["facts"] = sum(len(e["facts"]) for e in CORPUS)
    return totals


if __name__ == "__main__":
    cat = load()
    for entry in CORPUS:
        verdict = judge(cat, entry)
        if verdict["wrong"] or verdict["missed"]:
            print(entry["sentence"][:90])
            for kind in ("wrong", "missed"):
                for item in verdict[kind]:
                    print(f"    {kind}: {item}")
    print(dict(score(cat)))
