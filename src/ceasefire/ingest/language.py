"""Language of an article's text (langdetect, seeded so that a re-run gives the same answer)."""

from __future__ import annotations

from functools import cache

MIN_LETTERS = 40  # below this, langdetect guesses; the language stays unknown (None)
MIN_PROBABILITY = 0.7


@cache
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("en", "ru", ...), or None when it is too short or unclear."""
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:5000])
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None
    if not best or best[0].prob < MIN_PROBABILITY:
        return None
    return best[0].lang
