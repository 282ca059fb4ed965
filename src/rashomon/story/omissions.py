"""Omission notes: outlets saying that a speaker left something out."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rashomon.alignment.embedder import Embedder
from rashomon.alignment.lexicon import content_words
from rashomon.analysis.model import ArticleAnalysis
from rashomon.story.model import Member, OmissionNote

#: Cues by which an outlet says a speaker did not address something.
OMISSION_RE = re.compile(
    r"\b(?:did not|didn['’]t|does not|doesn['’]t|failed to|declined to)\s+"
    r"(?:mention|address|comment on|refer to|discuss|acknowledge)\b"
    r"|\bmade no (?:mention|reference)\b|\bwas silent on\b|\bremained silent on\b"
    r"|\bomitt(?:ing|ed)\b|\bmade no comment on\b|\bsaid nothing (?:about|of|on)\b",
    re.IGNORECASE,
)
#: Two omission topics of one actor are one note when they share a content word or their
#: embeddings reach this similarity.
TOPIC_SIMILARITY = 0.45


def _actor_before(analysis: ArticleAnalysis, position: int) -> str | None:
    """The local actor mentioned last before ``position`` (the subject of "did not mention")."""
    best: tuple[int, str] | None = None
    for actor in analysis.actors:
        for m in actor.mentions:
            if m.start < position and (best is None or m.start > best[0]):
                best = (m.start, actor.id)
    if best is None:  # no mentions recorded: fall back on the last quote's speaker
        spoken = [q for q in analysis.quotes if q.speaker is not None and q.start < position]
        return max(spoken, key=lambda q: q.start).speaker if spoken else None
    return best[1]


def find_omissions(
    analyses: Sequence[ArticleAnalysis],
    doc_ids: Sequence[str],
    actor_map: Mapping[tuple[str, str], str],
    *,
    embedder: Embedder | None = None,
) -> list[OmissionNote]:
    """Sentences noting an omission ("did not mention", "made no mention of", "was silent
    on"...), grouped across outlets by actor and topic into notes ``o1``, ``o2``...

    The actor is the one mentioned last before the cue (in the sentence or before it).
    """
    found: list[tuple[str | None, str, Member]] = []
    for doc, analysis in zip(doc_ids, analyses, strict=True):
        text = analysis.article.analysed_text()
        for sent in analysis.sentences:
            m = OMISSION_RE.search(text, sent.start, sent.end)
            if m is None:
                continue
            local = _actor_before(analysis, m.start())
            actor = actor_map.get((doc, local)) if local is not None else None
            start, end = sent.start, sent.end
            body = analysis.article.text[start:end]
            start += len(body) - len(body.lstrip())
            end -= len(body) - len(body.rstrip())
            member = Member(
                doc=doc, text=analysis.article.text[start:end], start=start, end=end, speaker=actor
            )
            found.append((actor, text[m.end() : sent.end].strip(), member))

    vectors = embedder.embed([t for _, t, _ in found]) if embedder and found else None
    notes: list[tuple[str | None, list[int]]] = []
    for i, (actor, topic, member) in enumerate(found):
        for note_actor, idx in notes:
            if note_actor != actor or any(found[k][2].doc == member.doc for k in idx):
                continue
            if any(_same_topic(topic, found[k][1], vectors, i, k) for k in idx):
                idx.append(i)
                break
        else:
            notes.append((actor, [i]))
    return [
        OmissionNote(id=f"o{n}", actor=actor, members=[found[k][2] for k in idx])
        for n, (actor, idx) in enumerate(notes, start=1)
    ]


def _same_topic(a: str, b: str, vectors: object, i: int, k: int) -> bool:
    if content_words(a) & content_words(b):
        return True
    if vectors is None:
        return False
    import numpy as np

    v = np.asarray(vectors)
    return float(v[i] @ v[k]) >= TOPIC_SIMILARITY
