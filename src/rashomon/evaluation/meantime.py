"""MEANTIME: English Wikinews articles with Spanish, Italian and Dutch translations.

Layout (CoNLL as converted by Zhukova et al.)::

    meantime/<lang>/meantime.conll     doc<TAB>sentence<TAB>token<TAB>word<TAB>coref

Translations are sentence-aligned: sentence ``i`` of a translated article renders sentence
``i`` of the English one. Articles whose translation has a different number of sentences
(a sentence split or merged by the translator) are left out of the gold.
"""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGES = ("es", "it", "nl")

_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]%'’”»])")
_SPACE_AFTER = re.compile(r"([(\[$“«]) ")


def detokenize(tokens: list[str]) -> str:
    """Tokens back to plain text, good enough to embed ("US$ 40 billion ( GB )" -> "(GB)")."""
    text = " ".join(tokens)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


def load_language(data_dir: Path, lang: str) -> dict[str, list[str]]:
    """Article id -> its sentences, in order, for one language."""
    path = data_dir / lang / "meantime.conll"
    if not path.is_file():
        raise FileNotFoundError(f"no MEANTIME file {path}")
    docs: dict[str, dict[int, list[str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            docs.setdefault(parts[0], {}).setdefault(int(parts[1]), []).append(parts[3])
    return {
        doc: [detokenize(sentences[i]) for i in sorted(sentences)]
        for doc, sentences in docs.items()
    }


def aligned_pairs(
    data_dir: Path, lang: str
) -> tuple[dict[str, tuple[list[str], list[str]]], list[str]]:
    """English and ``lang`` sentences of each sentence-aligned article, and the skipped ids."""
    english, other = load_language(data_dir, "en"), load_language(data_dir, lang)
    kept: dict[str, tuple[list[str], list[str]]] = {}
    skipped: list[str] = []
    for doc in sorted(english):
        if doc in other and len(other[doc]) == len(english[doc]):
            kept[doc] = (english[doc], other[doc])
        else:
            skipped.append(doc)
    return kept, skipped
