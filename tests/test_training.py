"""The model's name is a digest of its inputs, the same wherever $ZWGK_BUILD puts the generated data."""
from bot import paths, training


def test_a_generated_file_has_one_name_in_the_digest_wherever_the_build_folder_is(monkeypatch, tmp_path):
    default = training._digest_name(paths.BUILD / "nlu" / "catalogue.yml")
    monkeypatch.setattr(paths, "BUILD", tmp_path)     # a build folder outside the repository
    assert training._digest_name(tmp_path / "nlu" / "catalogue.yml") == default == ".build/nlu/catalogue.yml"
    assert training._digest_name(paths.ROOT / "config.yml") == "config.yml"
