"""Dataclasses to rows and JSON and back: articles, their analyses, content hashes."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rashomon.analysis.model import ArticleAnalysis, Entity, LocalActor, Mention, Quote
from rashomon.article import Article, Excluded, Span

if TYPE_CHECKING:
    from rashomon.clustering.features import ArticleFeatures

#: Name of the JSON layout of a stored analysis; bump when it changes.
ANALYSIS_FORMAT = "rashomon.analysis/1"


def content_hash(article: Article) -> str:
    """sha256 of the outlet, title and text: what makes two ingested reports the same one.

    The source is left out on purpose: the same report read from a copy of a file, or from
    a second dump, is still one report. The outlet is in: a wire story carried word for word
    by two outlets is two reports (that is coverage).
    """
    digest = hashlib.sha256()
    for part in (article.outlet or "", article.title or "", article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` columns for ``article`` (without id, hash and time)."""
    meta: dict[str, Any] = {}
    if article.title_span is not None:
        meta["title_span"] = [article.title_span.start, article.title_span.end]
    if article.excluded:
        meta["excluded"] = [[e.start, e.end, e.reason] for e in article.excluded]
    if article.warnings:
        meta["warnings"] = list(article.warnings)
    return {
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "url": article.url,
        "place": article.place,
        "text": article.text,
        "meta": meta,
    }


def article_from_row(row: Mapping[Any, Any]) -> Article:
    """The exact ``Article`` that ``article_row`` stored."""
    meta = row["meta"] or {}
    span = meta.get("title_span")
    return Article(
        source=row["source"],
        text=row["text"],
        title=row["title"],
        title_span=Span(span[0], span[1]) if span else None,
        outlet=row["outlet"],
        published=row["published"],
        place=row["place"],
        url=row["url"],
        language=row["language"],
        excluded=tuple(Excluded(s, e, reason) for s, e, reason in meta.get("excluded", [])),
        warnings=tuple(meta.get("warnings", [])),
    )


def analysis_to_json(analysis: ArticleAnalysis) -> dict[str, Any]:
    """An analysis as JSON, without its article (stored once, in ``articles``)."""
    return {
        "format": ANALYSIS_FORMAT,
        "sentences": [[s.start, s.end] for s in analysis.sentences],
        "paragraphs": [[p.start, p.end] for p in analysis.paragraphs],
        "entities": [[e.start, e.end, e.text, e.label] for e in analysis.entities],
        "quotes": [_quote_to_json(q) for q in analysis.quotes],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "mentions": [[m.start, m.end, m.text] for m in a.mentions],
                "roles": list(a.roles),
            }
            for a in analysis.actors
        ],
    }


def analysis_from_json(data: Mapping[str, Any], article: Article) -> ArticleAnalysis:
    """The ``ArticleAnalysis`` of ``article`` stored by ``analysis_to_json``."""
    if data.get("format") != ANALYSIS_FORMAT:
        raise ValueError(f"unknown analysis format {data.get('format')!r}")
    return ArticleAnalysis(
        article=article,
        sentences=tuple(Span(s, e) for s, e in data["sentences"]),
        paragraphs=tuple(Span(s, e) for s, e in data["paragraphs"]),
        entities=tuple(Entity(s, e, t, label) for s, e, t, label in data["entities"]),
        quotes=tuple(_quote_from_json(q) for q in data["quotes"]),
        actors=tuple(
            LocalActor(
                id=a["id"],
                name=a["name"],
                kind=a["kind"],
                aliases=list(a["aliases"]),
                mentions=[Mention(s, e, t) for s, e, t in a["mentions"]],
                roles=list(a["roles"]),
            )
            for a in data["actors"]
        ),
    )


def _quote_to_json(quote: Quote) -> dict[str, Any]:
    mention = quote.speaker_mention
    cue = quote.cue_span
    return {
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_mention": [mention.start, mention.end, mention.text] if mention else None,
        "cue": quote.cue,
        "cue_span": [cue.start, cue.end] if cue else None,
    }


def _quote_from_json(data: Mapping[str, Any]) -> Quote:
    mention = data["speaker_mention"]
    cue = data["cue_span"]
    return Quote(
        kind=data["kind"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        speaker=data["speaker"],
        speaker_mention=Mention(*mention) if mention else None,
        cue=data["cue"],
        cue_span=Span(*cue) if cue else None,
    )


def features_to_row(features: ArticleFeatures) -> tuple[bytes, dict[str, Any]]:
    """An article's clustering features as the ``features`` columns: the vector's float32
    bytes and every other field as JSON."""
    import numpy as np

    data = {
        f.name: getattr(features, f.name)
        for f in dataclasses.fields(features)
        if f.name != "vector"
    }
    return np.asarray(features.vector, dtype="<f4").tobytes(), data


def features_from_row(vector: bytes, data: Mapping[str, Any]) -> ArticleFeatures:
    """The ``ArticleFeatures`` that ``features_to_row`` stored."""
    import numpy as np

    from rashomon.clustering.features import ArticleFeatures

    return ArticleFeatures(vector=np.frombuffer(vector, dtype="<f4").astype(np.float32), **data)
