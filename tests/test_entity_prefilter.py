"""bot.rasa_speedups' prefilter of the catalogue entity extractor (only the phrases whose every character
occurs in the message are searched) finds exactly what the extractor's own `longest_matches` finds over
all the catalogue's phrases: for the NLU examples, the development conversations, the bad-input corpus
and phrases written with words between their characters."""
from __future__ import annotations

import random

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data

from bot import paths, rasa_speedups, training
from bot.nlu import entities
from tests.bad_inputs import corpus

CONVERSATIONS = paths.ROOT / "tests" / "conversations"


@pytest.fixture(scope="module")
def catalogue(kb, tmp_path_factory):
    """The extractor's phrases, trained as `zwgk train` trains them, and the NLU data they come from."""
    folder = tmp_path_factory.mktemp("nlu")
    (folder / "catalogue.yml").write_text(yaml.safe_dump(training.generated_nlu(kb), allow_unicode=True))
    data = load_data(str(paths.DATA / "nlu")).merge(load_data(str(folder / "catalogue.yml")))
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    extractor = entities.CatalogueEntityExtractor.create(
        entities.CatalogueEntityExtractor.get_default_config(), storage, Resource("extractor"),
        ExecutionContext(GraphSchema({}), "test"))
    extractor.train(data)
    return extractor._phrases, [m.get("text") for m in data.intent_examples]


def texts(examples, phrases):
    found = list(examples)
    for path in sorted(CONVERSATIONS.glob("*.yml")):
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            found += [turn["user"] for turn in conversation["turns"] if isinstance(turn.get("user"), str)]
    found += [t.text[:2000] for t in corpus.hand_written() + corpus.traditional() + corpus.spliced()]
    chosen = random.Random(12).sample(sorted(p for p in phrases if len(p) >= entities.MIN_GAPPED_PHRASE), 300)
    found += [f"请问{p[:2]}的那个{p[2:]}是多少" for p in chosen]          # found with gaps only
    found += [f"{p[1:]}和{p[:-1]}" for p in chosen]                      # every character, never in order
    return found


def test_the_prefiltered_matches_are_the_extractors_own(catalogue):
    phrases, examples = catalogue
    checked = matched = 0
    for text in texts(examples, phrases):
        mine = rasa_speedups.longest_matches(text, phrases)
        assert mine == rasa_speedups.original_longest_matches(text, phrases), text
        kept = rasa_speedups.findable_phrases(text, phrases)
        assert list(kept) == [p for p in phrases if p in kept], text  # their own order breaks ties
        checked, matched = checked + 1, matched + bool(mine)
    assert checked > 2000 and matched > 1000


def test_it_is_installed_only_over_the_matching_code_it_was_checked_against(monkeypatch):
    assert rasa_speedups.matching_code_digest() == rasa_speedups.MATCHING_CODE, (
        "bot/nlu/entities.py's matching code changed: check that a phrase is still found only when each of "
        "its characters occurs in the message, then set bot.rasa_speedups.MATCHING_CODE to the new digest")
    monkeypatch.setattr(entities, "longest_matches", rasa_speedups._original_longest_matches)
    rasa_speedups.install()
    assert entities.longest_matches is rasa_speedups.longest_matches
    monkeypatch.setattr(entities, "longest_matches", rasa_speedups._original_longest_matches)
    monkeypatch.setattr(rasa_speedups, "MATCHING_CODE", "something else")
    rasa_speedups.install()
    assert entities.longest_matches is rasa_speedups._original_longest_matches
