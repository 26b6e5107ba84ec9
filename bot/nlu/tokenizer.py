"""Jieba tokenizer without the whitespace tokens Rasa's own JiebaTokenizer keeps (RasaHQ/rasa#7910).

Rasa's JiebaTokenizer emits " " as a token for mixed Chinese/English input; featurizers later drop
whitespace, so token and feature counts disagree and training or inference fails.
"""
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from bot import paths


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class ChineseTokenizer(JiebaTokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The dictionary `zwgk train` generates, wherever ZWGK_BUILD puts it; training copies it into the model.
        return {**JiebaTokenizer.get_default_config(), "dictionary_path": str(paths.JIEBA_DICT)}

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        import jieba

        text = message.get(attribute) or ""
        tokens = [
            Token(word.lower(), start)
            for word, start, _end in jieba.tokenize(text)
            if word.strip()
        ]
        return self._apply_token_pattern(tokens)
