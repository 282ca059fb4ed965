"""Which language an article is written in (the analysis models are English)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Below this many words the guess is noise; such texts are taken as English.
MIN_WORDS = 12
#: A non-English guess below this probability is not trusted (names and numbers mislead it).
MIN_CONFIDENCE = 0.8


#: Characters classified: a sample this long names the language as surely as the whole
#: article, and classifying costs time in proportion to length (it dominated ingest).
SAMPLE_CHARS = 1000


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; ``"en"`` when the text is too short to tell."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return "en"
    language, probability = _identifier().classify(" ".join(words)[:SAMPLE_CHARS])
    if language != "en" and probability < MIN_CONFIDENCE:
        return "en"
    return str(language)


def language_warning(language: str) -> str | None:
    """The note for the user when an article is not in English."""
    if language == "en":
        return None
    return f"language looks like {language!r}; analysis models are English"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded once per process: unpickling the model takes most of a second.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
