"""Framing: each outlet's headline, lede, and the labels it attaches to actors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rashomon.alignment.lexicon import PRONOUNS, fold
from rashomon.alignment.statements import strip_dateline
from rashomon.analysis.model import ArticleAnalysis
from rashomon.story.actors import is_role_only
from rashomon.story.model import ActorLabel, Document, Framing

_BYLINE_RE = re.compile(r"^By\s+[A-Z]")
_MIN_LEDE_WORDS = 5


def lede(analysis: ArticleAnalysis) -> str | None:
    """The first body sentence: after the headline and byline, dateline stripped."""
    article = analysis.article
    text = article.analysed_text()
    title = (article.title or "").strip()
    for sent in analysis.sentences:
        span = article.title_span
        if span is not None and sent.start < span.end and span.start < sent.end:
            continue
        raw = text[sent.start : sent.end].strip()
        if not raw or raw == title or _BYLINE_RE.match(raw):
            continue
        if len(raw.split()) < _MIN_LEDE_WORDS:  # navigation lines, section names
            continue
        start = strip_dateline(text, sent.start, sent.end)
        body = article.text[start : sent.end].strip()
        return body or None
    return None


def build_framing(
    analyses: Sequence[ArticleAnalysis],
    documents: Sequence[Document],
    actor_map: Mapping[tuple[str, str], str],
) -> Framing:
    """Headlines, ledes, and per outlet the roles and descriptions given to each actor."""
    framing = Framing()
    for doc, analysis in zip(documents, analyses, strict=True):
        if doc.title:
            framing.headlines[doc.id] = doc.title
        first = lede(analysis)
        if first:
            framing.ledes[doc.id] = first
        for actor in analysis.actors:
            global_id = actor_map.get((doc.id, actor.id))
            if global_id is None:
                continue
            seen: set[str] = set()
            descriptions = [a for a in actor.aliases if is_role_only(a)]
            if is_role_only(actor.name):
                descriptions.insert(0, actor.name)
            for label in [*actor.roles, *descriptions]:
                label = label.strip()
                key = fold(label)
                if not label or key in seen or key in PRONOUNS:
                    continue
                seen.add(key)
                framing.labels.append(ActorLabel(doc=doc.id, actor=global_id, label=label))
    return framing
