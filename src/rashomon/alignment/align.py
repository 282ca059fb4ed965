"""Align statements across documents into units (one member per document at most)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.alignment.embedder import Embedder
from rashomon.alignment.lexicon import (
    STOPWORDS,
    content_words,
    fold,
    negation_count,
    numbers_and_dates,
    tokens,
    words,
)
from rashomon.alignment.statements import Statement
from rashomon.settings import Settings

# Adjustments added to the cosine similarity of two statements. They were tuned on the
# example story (see tests/alignment): a translation of the same quote sharing few words
# sits at cosine 0.50-0.55 with the right partner while a sentence on the same topic by
# the same outlet reaches 0.57-0.60, and only speaker and polarity tell them apart.
#: Same known speaker on both sides: evidence, not a requirement.
SAME_SPEAKER_BONUS = 0.1
#: Two different known speakers rarely say the same thing.
OTHER_SPEAKER_PENALTY = 0.15
#: One side attributed to a speaker, the other an unattributed narrative sentence.
UNATTRIBUTED_PENALTY = 0.04
#: One side negated and the other not (a real negation variant still aligns: its cosine is
#: near 0.9, far above the threshold).
POLARITY_PENALTY = 0.05
#: Content-word Jaccard above this floor earns LEXICAL_WEIGHT per unit of overlap.
LEXICAL_FLOOR = 0.2
LEXICAL_WEIGHT = 0.25
LEXICAL_CAP = 0.1
#: Each shared number/date or name (up to two) earns this much.
SHARED_ANCHOR_BONUS = 0.03
#: rapidfuzz token_set_ratio at or above which a pair is a candidate even if the
#: embeddings are not neighbours.
LEXICAL_CANDIDATE_RATIO = 85


@dataclass(frozen=True, slots=True)
class _Features:
    content: frozenset[str]
    anchors: frozenset[str]  # numbers, dates and capitalised names
    negated: bool


def _features(statement: Statement) -> _Features:
    toks = tokens(statement.text)
    names = {
        fold(surface)
        for n, (surface, _, _) in enumerate(toks)
        if n > 0 and surface[:1].isupper() and surface.casefold() not in STOPWORDS
    }
    anchors = frozenset(numbers_and_dates([t for t, _, _ in toks])) | frozenset(names)
    return _Features(
        content=frozenset(content_words(statement.text)),
        anchors=anchors,
        negated=negation_count(words(statement.text)) % 2 == 1,
    )


def pair_adjustment(a: Statement, b: Statement, fa: _Features, fb: _Features) -> float:
    """What speaker, lexical overlap, shared anchors and polarity add to the cosine."""
    adj = 0.0
    if a.speaker is not None and b.speaker is not None:
        adj += SAME_SPEAKER_BONUS if a.speaker == b.speaker else -OTHER_SPEAKER_PENALTY
    elif (a.speaker is None) != (b.speaker is None):
        adj -= UNATTRIBUTED_PENALTY
    union = fa.content | fb.content
    if union:
        jaccard = len(fa.content & fb.content) / len(union)
        adj += min(LEXICAL_CAP, LEXICAL_WEIGHT * max(0.0, jaccard - LEXICAL_FLOOR))
    adj += SHARED_ANCHOR_BONUS * min(2, len(fa.anchors & fb.anchors))
    if fa.negated != fb.negated:
        adj -= POLARITY_PENALTY
    return adj


def align_statements(
    statements: Sequence[Statement], *, embedder: Embedder, settings: Settings
) -> list[list[Statement]]:
    """Group statements of different documents that render the same statement.

    Candidates are each statement's ``settings.align_neighbours`` nearest embeddings in other
    documents (cosine at least ``align_candidate_threshold``) plus lexically near pairs. A pair's
    score is its cosine adjusted for speaker, word and number overlap and polarity. Groups are
    merged best first by average linkage: two groups join when they share no document, their
    average cross-pair score reaches ``align_threshold`` and every cross pair reaches
    ``align_candidate_threshold`` (so A≈B, B≈C never joins A and C when A and C differ).

    Every statement ends up in exactly one group; groups list members in document order and
    come in order of their first statement.
    """
    import numpy as np

    n = len(statements)
    if n == 0:
        return []
    docs = sorted({s.doc for s in statements}, key=_doc_key)
    doc_of = np.array([docs.index(s.doc) for s in statements])
    texts = [s.text for s in statements]
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    cos = vectors @ vectors.T
    feats = [_features(s) for s in statements]

    cross = np.where(doc_of[:, None] != doc_of[None, :], cos, -np.inf)
    candidates: dict[int, set[int]] = {i: set() for i in range(n)}
    k = max(1, min(settings.align_neighbours, n - 1))
    if n > 1:
        nearest = np.argpartition(-cross, kth=k - 1, axis=1)[:, :k]
        for i in range(n):
            for j in nearest[i]:
                j = int(j)
                if cross[i, j] >= settings.align_candidate_threshold:
                    candidates[i].add(j)
                    candidates[j].add(i)
        for i, j in _lexical_pairs(texts, doc_of):
            candidates[i].add(j)
            candidates[j].add(i)

    scores: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            a, b = statements[i], statements[j]
            scores[key] = float(cos[i, j]) + pair_adjustment(a, b, feats[i], feats[j])
        return scores[key]

    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cluster_docs: dict[int, set[int]] = {i: {int(doc_of[i])} for i in range(n)}

    def linkage(c1: int, c2: int) -> float | None:
        if cluster_docs[c1] & cluster_docs[c2]:
            return None
        pair_scores = [score(i, j) for i in members[c1] for j in members[c2]]
        if min(pair_scores) < settings.align_candidate_threshold:
            return None
        avg = sum(pair_scores) / len(pair_scores)
        return avg if avg >= settings.align_threshold else None

    heap: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in candidates[i]:
            if i < j:
                link = linkage(i, j)
                if link is not None:
                    heap.append((-link, i, j))
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, c1, c2 = heapq.heappop(heap)
        if c1 not in members or c2 not in members:
            continue  # one side was merged since: its successor was queued separately
        new = next_id
        next_id += 1
        members[new] = sorted(members.pop(c1) + members.pop(c2))
        cluster_docs[new] = cluster_docs.pop(c1) | cluster_docs.pop(c2)
        for i in members[new]:
            cluster_of[i] = new
        neighbours = {cluster_of[j] for i in members[new] for j in candidates[i]} - {new}
        for other in sorted(neighbours):
            link = linkage(new, other)
            if link is not None:
                heapq.heappush(heap, (-link, other, new))

    groups = [
        sorted((statements[i] for i in idx), key=lambda s: (docs.index(s.doc), s.start))
        for idx in members.values()
    ]
    order = {id(s): i for i, s in enumerate(statements)}
    groups.sort(key=lambda g: min(order[id(s)] for s in g))
    return groups


def _doc_key(doc: str) -> tuple[int, str]:
    """ "d2" before "d10"; other ids after, alphabetically."""
    return (int(doc[1:]), doc) if doc[:1] == "d" and doc[1:].isdigit() else (1 << 30, doc)


def _lexical_pairs(texts: list[str], doc_of: object) -> list[tuple[int, int]]:
    """Cross-document pairs whose wording is nearly the same (token set ratio)."""
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    docs = np.asarray(doc_of)
    ratios = cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)
    hits = np.argwhere((ratios >= LEXICAL_CANDIDATE_RATIO) & (docs[:, None] != docs[None, :]))
    return [(int(i), int(j)) for i, j in hits if i < j]
