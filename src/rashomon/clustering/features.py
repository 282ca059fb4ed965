"""What story clustering compares: an embedding of the article's start, its entities, its date.

Topics also compare the nouns and verbs of title and lede ("quake", "rehab", "escape"): two
different events of one kind share few names but name what happened in the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    import numpy

    from rashomon.alignment import Embedder
    from rashomon.article import Article

#: Named-entity labels that tell one event from another (people, places, organisations...).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
#: Parts of speech whose lemmas say what kind of event a lede reports.
EVENT_POS = frozenset({"NOUN", "VERB"})
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
    the nouns and verbs of title and lede, names, numbers and stop words left out.
    """

    vector: numpy.ndarray = field(repr=False)
    entities: dict[str, float]
    day: int | None
    terms: dict[str, float] = field(default_factory=dict)


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
    result = []
    for doc in nlp.pipe(texts, disable=disable, batch_size=32):
        counts: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                counts.update(entity_key(ent.text, ent.label_))
        # years date the event ("the 2008 earthquake"), which names alone often cannot
        counts.update(f"year:{y}" for y in _YEAR.findall(doc.text))
        result.append({k: float(n) for k, n in counts.items()})
    return result


def extract_terms(texts: Sequence[str], *, settings: Settings) -> list[dict[str, float]]:
    """Lemma counts of the nouns and verbs of each text (tagger and lemmatizer only).

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
) -> list[ArticleFeatures]:
    """Features of each article (the MiniLM embedder and spaCy load on first use)."""
    settings = settings or get_settings()
    if embedder is None:
        from rashomon.alignment.embedder import make_embedder

        embedder = make_embedder(settings)
    texts = [embedding_text(a, chars=settings.cluster_text_chars) for a in articles]
    vectors = embedder.embed(texts)
    entities = extract_entities(
        [embedding_text(a, chars=settings.cluster_entity_chars) for a in articles],
        settings=settings,
    )
    terms = extract_terms(
        [embedding_text(a, chars=settings.cluster_term_chars) for a in articles], settings=settings
    )
    return [
        ArticleFeatures(vector=v, entities=e, day=publication_day(a.published), terms=t)
        for a, v, e, t in zip(articles, vectors, entities, terms, strict=True)
    ]
