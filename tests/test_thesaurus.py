"""Synonyms from the thesaurus, and the ranker's half credit for a text that holds one."""
from knowledge.rank import Ranker
from knowledge.thesaurus import synonyms

SENTENCES = ["优化厅网站智能检索功能，让群众搜得全、搜得准", "全年召开新闻发布会45场", "网站检索功能"]


def test_words_of_one_group_are_synonyms_and_unknown_words_have_none():
    assert "检索" in synonyms("查找") and "查找" in synonyms("检索")
    assert "延期" in synonyms("顺延")
    assert synonyms("政府信息公开工作年度报告") == frozenset()


def test_a_sentence_holding_a_synonym_ranks_above_one_holding_nothing_but_below_the_word_itself():
    ranker = Ranker(SENTENCES)
    by_synonym = {r.index: r for r in ranker.rank("能查找吗")}
    assert 0 in by_synonym and 1 not in by_synonym
    by_word = {r.index: r for r in ranker.rank("能检索吗")}
    assert by_word[0].coverage > by_synonym[0].coverage > 0


def test_a_one_character_verb_of_few_meanings_finds_its_groups_words():
    from knowledge.thesaurus import synonyms
    assert "检索" in synonyms("搜")          # 网站搜不到 … 智能检索
    assert synonyms("看") == frozenset()     # 看 means too many things to stand for one
