"""The model's name is a digest of its inputs, the same wherever $ZWGK_BUILD puts the generated data."""
from bot import paths, training


def test_a_generated_file_has_one_name_in_the_digest_wherever_the_build_folder_is(monkeypatch, tmp_path):
    default = training._digest_name(paths.BUILD / "nlu" / "catalogue.yml")
    monkeypatch.setattr(paths, "BUILD", tmp_path)     # a build folder outside the repository
    assert training._digest_name(tmp_path / "nlu" / "catalogue.yml") == default == ".build/nlu/catalogue.yml"
    assert training._digest_name(paths.ROOT / "config.yml") == "config.yml"


def test_figures_the_knowledge_base_finds_by_the_unit_asked_are_left_out_of_the_nlu_data(kb, tmp_path):
    outside = {m.key for m in kb.metrics() if not m.in_nlu}
    assert "proactive.weibo_accounts" in outside
    training.write_generated(kb, tmp_path)
    nlu, words = (tmp_path / "catalogue.yml").read_text(), (tmp_path / "jieba" / "userdict.txt").read_text()
    assert all(key not in nlu for key in outside) and "开设政务微博账号数量" not in nlu + words
    assert "proactive.weibo_posts" in nlu and "微博号" in nlu    # the posts, which NLU finds, keep their words
    assert "platform.channels" in outside and "主动公开的途径\n" not in nlu
    assert "主动公开的途径 " in words    # a law topic's name too, which stays in the dictionary
