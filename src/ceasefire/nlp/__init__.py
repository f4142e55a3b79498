"""The NLP stage: spaCy parses of article texts, sentences with offsets."""

from ceasefire.nlp.model import ModelError, check_model, load_model
from ceasefire.nlp.parse import parse, sentences_of

__all__ = ["ModelError", "check_model", "load_model", "parse", "sentences_of"]
