"""What story clustering compares: an embedding of the article's start, its entities, its date.

Topics also compare the common nouns of title and lede ("quake", "rehab", "bank"): two
different events of one kind share few names but name what happened, and where, in the same
words. Verbs are left out: "kill", "charge", "arrest" are shared by every crime story and
joined unrelated killings into one topic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    import numpy

    from rashomon.alignment import Embedder
    from rashomon.analysis.model import ArticleAnalysis
    from rashomon.article import Article

#: Named-entity labels that tell one event from another (people, places, organisations...).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
#: Parts of speech whose lemmas say what kind of event a lede reports.
EVENT_POS = frozenset({"NOUN"})
#: Bump when what ``ArticleFeatures`` holds or how it is computed changes: stored features
#: of another version are computed again.
FEATURES_VERSION = 3
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class ArticleFeatures:
    """One article as story clustering sees it.

    ``vector`` is the L2-normalised embedding of title, lede and body start; ``entities``
    counts normalised entity names (a person also counts under the surname alone, so
    "Tara Reid" and "Reid" meet); ``day`` is the publication date as a proleptic Gregorian
    ordinal, ``None`` when the date (or its year) is unknown; ``terms`` counts the lemmas of
    the common nouns of title and lede, names, numbers and stop words left out.
    """

    vector: numpy.ndarray = field(repr=False)
    entities: dict[str, float]
    day: int | None
    terms: dict[str, float] = field(default_factory=dict)


def features_producer(settings: Settings) -> str:
    """What computes an article's features under ``settings``; stored beside them, so
    features computed another way are not mixed with these."""
    return (
        f"rashomon.features/{FEATURES_VERSION}; {settings.embedding_backend} "
        f"{settings.embedding_model}; spaCy {'|'.join(settings.spacy_models)}; "
        f"chars {settings.cluster_text_chars}/{settings.cluster_entity_chars}/"
        f"{settings.cluster_term_chars}"
    )


def embedding_text(article: Article, *, chars: int) -> str:
    """Title, lede and the start of the body: the part of an article that names its event."""
    body = article.analysed_text()
    if article.title_span is not None:
        body = body[article.title_span.end :]
    body = " ".join(body.split())[:chars]
    return f"{article.title}. {body}" if article.title else body


def publication_day(published: str | None) -> int | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as a day ordinal; ``None`` otherwise."""
    if not published or published.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def entity_key(text: str, label: str) -> list[str]:
    """Normalised keys of one entity mention (a person's surname too)."""
    name = _POSSESSIVE.sub("", " ".join(text.casefold().split()))
    name = _LEADING_ARTICLE.sub("", name)
    if not name:
        return []
    keys = [name]
    if label == "PERSON" and " " in name:
        keys.append(name.rsplit(" ", 1)[1])
    return keys


def extract_entities(texts: Sequence[str], *, settings: Settings) -> list[dict[str, float]]:
    """Entity counts per text from a light spaCy pass (tokenizer and NER only), plus years."""
    from rashomon.analysis.pipeline import load_pipeline

    nlp = load_pipeline(settings)
    # a shared tok2vec costs about as much as NER itself: run it only if NER reads its output
    listeners = (
        getattr(nlp.get_pipe("tok2vec"), "listening_components", ["ner"])
        if "tok2vec" in nlp.pipe_names
        else []
    )
    keep = {"ner", "tok2vec"} if "ner" in listeners else {"ner"}
    disable = [name for name in nlp.pipe_names if name not in keep]
    return [
        _entity_counts(((e.text, e.label_) for e in doc.ents), doc.text)
        for doc in nlp.pipe(texts, disable=disable, batch_size=32)
    ]


def analysed_entities(analysis: ArticleAnalysis, *, chars: int) -> dict[str, float]:
    """The entity counts of ``extract_entities`` taken from an analysis already made: the
    entities it found in the title and the first ``chars`` characters of the body (as in
    ``embedding_text``), so an analysed article needs no second NER pass."""
    article = analysis.article
    text = article.analysed_text()
    body_start = article.title_span.end if article.title_span is not None else 0
    end = _window_end(text, body_start, chars)
    title = article.title_span
    found = (
        (e.text, e.label)
        for e in analysis.entities
        if body_start <= e.start < end or (title is not None and title.start <= e.start < title.end)
    )
    return _entity_counts(found, embedding_text(article, chars=chars))


def _window_end(text: str, start: int, chars: int) -> int:
    # where the body's first ``chars`` characters end once its whitespace is collapsed
    position = 0  # of the next word in the collapsed body
    for word in re.finditer(r"\S+", text[start:]):
        if position + len(word.group()) >= chars:
            return start + word.start() + max(0, chars - position)
        position += len(word.group()) + 1
    return len(text)


def _entity_counts(entities: Iterable[tuple[str, str]], text: str) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for name, label in entities:
        if label in ENTITY_LABELS:
            counts.update(entity_key(name, label))
    # years date the event ("the 2008 earthquake"), which names alone often cannot
    counts.update(f"year:{y}" for y in _YEAR.findall(text))
    return {k: float(n) for k, n in counts.items()}


def extract_terms(texts: Sequence[str], *, settings: Settings) -> list[dict[str, float]]:
    """Lemma counts of the common nouns of each text (tagger and lemmatizer only).

    Proper nouns, numbers, stop words and words under three letters are left out: names tell
    one event from another, these words tell its kind. With a pipeline that has no tagger,
    words of any part of speech count; with no lemmatizer, their lower-cased forms.
    """
    from rashomon.analysis.pipeline import load_pipeline

    nlp = load_pipeline(settings)
    keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}
    disable = [name for name in nlp.pipe_names if name not in keep]
    result = []
    for doc in nlp.pipe(texts, disable=disable, batch_size=64):
        tagged = doc.has_annotation("POS")
        counts = Counter(
            (token.lemma_ or token.lower_).casefold()
            for token in doc
            if token.is_alpha
            and not token.is_stop
            and len(token) > 2
            and (token.pos_ in EVENT_POS if tagged else True)
        )
        result.append({k: float(n) for k, n in counts.items()})
    return result


def article_features(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    analyses: Sequence[ArticleAnalysis | None] | None = None,
) -> list[ArticleFeatures]:
    """Features of each article (the MiniLM embedder and spaCy load on first use).

    ``analyses``, when given, are the articles' analyses in the same order (``None`` for one
    not analysed): an analysed article's entities are read from it instead of parsed again.
    """
    settings = settings or get_settings()
    if embedder is None:
        from rashomon.alignment.embedder import make_embedder

        embedder = make_embedder(settings)
    chars = settings.cluster_entity_chars
    texts = [embedding_text(a, chars=settings.cluster_text_chars) for a in articles]
    vectors = embedder.embed(texts)
    known = list(analyses) if analyses is not None else [None] * len(articles)
    unparsed = [a for a, analysis in zip(articles, known, strict=True) if analysis is None]
    parsed = iter(
        extract_entities([embedding_text(a, chars=chars) for a in unparsed], settings=settings)
        if unparsed
        else []
    )
    entities = [
        analysed_entities(analysis, chars=chars) if analysis is not None else next(parsed)
        for analysis in known
    ]
    # the lede's tagging is cheap next to NER, so analysed articles get it too
    terms = extract_terms(
        [embedding_text(a, chars=settings.cluster_term_chars) for a in articles], settings=settings
    )
    return [
        ArticleFeatures(vector=v, entities=e, day=publication_day(a.published), terms=t)
        for a, v, e, t in zip(articles, vectors, entities, terms, strict=True)
    ]
