"""textacy's rule-based direct-quote extractor as a baseline, on the same spaCy pipeline.

``textacy.extract.triples.direct_quotations`` needs a full parse (POS, lemmas, dependencies)
and raises ``ValueError`` on a document with an odd number of quotation-mark tokens; such
articles are counted as failures and contribute no predictions (their gold still counts).
textacy and spaCy are imported lazily.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rashomon.article import Article, Span
from rashomon.errors import ModelError
from rashomon.settings import Settings


@dataclass(frozen=True, slots=True)
class BaselineQuote:
    """One textacy triple: content without its quotation marks, speaker token ranges."""

    start: int
    end: int
    speaker: tuple[Span, ...]
    cue: str


@dataclass(frozen=True)
class BaselineResult:
    """textacy's quotes per article (empty on failure) and the failures' messages."""

    quotes: tuple[tuple[BaselineQuote, ...], ...]
    failures: tuple[str, ...]
    seconds: float


@functools.lru_cache(maxsize=4)
def _load(names: tuple[str, ...]) -> Any:
    import spacy

    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelError(f"none of the spaCy pipelines {', '.join(names)} is installed")


def run_textacy(articles: Sequence[Article], *, settings: Settings | None = None) -> BaselineResult:
    """Direct quotations found by textacy in each article, in order."""
    import time

    from textacy.extract.triples import direct_quotations

    settings = settings or Settings()
    nlp = _load(tuple(settings.spacy_models))
    started = time.perf_counter()
    per_article: list[tuple[BaselineQuote, ...]] = []
    failures: list[str] = []
    texts = (a.analysed_text() for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts), strict=True):
        try:
            triples = list(direct_quotations(doc))
        except ValueError as exc:  # unbalanced quotation marks: textacy bails out
            failures.append(f"{article.source}: {exc}")
            per_article.append(())
            continue
        quotes = []
        for t in triples:
            first, last = t.content[0], t.content[-1]
            # The content span includes the quote-mark tokens; keep offsets mark-free
            # like rashomon's Quote.start/end.
            start = first.idx + len(first.text) if first.is_quote else first.idx
            end = last.idx if last.is_quote else last.idx + len(last.text)
            speaker = tuple(Span(tok.idx, tok.idx + len(tok.text)) for tok in t.speaker)
            cue = " ".join(tok.text for tok in t.cue)
            quotes.append(BaselineQuote(start, max(start, end), speaker, cue))
        per_article.append(tuple(quotes))
    return BaselineResult(tuple(per_article), tuple(failures), time.perf_counter() - started)
