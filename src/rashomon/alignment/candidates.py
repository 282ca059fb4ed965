"""Candidate pairs for alignment, blocked so that cost grows with n·k, not n².

Two sources: each statement's nearest embeddings in other documents (faiss: exact inner
product for small stories, an HNSW graph for large ones) and statements sharing a rare word
(an inverted index over content words that occur in few statements).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy

#: Above this many statements the nearest neighbours come from an HNSW graph (approximate,
#: n·log n) instead of an exact search (n², but faster for small n).
EXACT_SEARCH_LIMIT = 3000
#: A word shared by more statements than this is not rare enough to propose a pair.
RARE_WORD_MAX_STATEMENTS = 6
#: Pairs proposed by rare words must share at least this many of them.
MIN_SHARED_RARE_WORDS = 2
#: A statement's "density" is its mean cosine to this many nearest statements of other
#: documents: the baseline its best match must stand out from (margin scoring).
DENSITY_NEIGHBOURS = 4


class Neighbours(NamedTuple):
    """Candidate pairs from the embedding neighbours, and each statement's density."""

    pairs: set[tuple[int, int]]
    density: list[float]


def neighbour_pairs(
    vectors: numpy.ndarray, doc_of: Sequence[int], k: int, min_cosine: float
) -> Neighbours:
    """Pairs ``(i, j)``, ``i < j``, of different documents among each statement's ``k``
    nearest neighbours with cosine at least ``min_cosine``; and each statement's mean cosine
    to its :data:`DENSITY_NEIGHBOURS` nearest statements of other documents (whatever their
    cosine), so that a pair can be scored by how much it stands out from both sides'
    neighbourhoods, as in margin-based bitext mining (Artetxe and Schwenk, 2019)."""
    import faiss
    import numpy as np

    n = len(doc_of)
    if n < 2 or k < 1:
        return Neighbours(set(), [0.0] * n)
    vecs = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vecs.shape[1]
    index: Any
    if n <= EXACT_SEARCH_LIMIT:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = max(64, 4 * k)
    index.add(vecs)
    # Ask for more than k: neighbours in the statement's own document are dropped.
    want = min(n, 2 * max(k, DENSITY_NEIGHBOURS) + 8)
    sims, ids = index.search(vecs, want)
    docs = np.asarray(doc_of)
    out: set[tuple[int, int]] = set()
    density: list[float] = []
    for i in range(n):
        taken = 0
        near: list[float] = []
        for sim, j in zip(sims[i], ids[i], strict=True):
            if j < 0 or j == i or docs[j] == docs[i]:
                continue
            if len(near) < DENSITY_NEIGHBOURS:
                near.append(float(sim))
            if sim >= min_cosine and taken < k:
                taken += 1
                out.add((i, int(j)) if i < j else (int(j), i))
            elif len(near) >= DENSITY_NEIGHBOURS:
                break
        density.append(sum(near) / len(near) if near else 0.0)
    return Neighbours(out, density)


def rare_word_pairs(
    contents: Sequence[frozenset[str]], doc_of: Sequence[int]
) -> set[tuple[int, int]]:
    """Pairs of different documents sharing at least two rare content words."""
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(contents):
        for w in words:
            postings.setdefault(w, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > RARE_WORD_MAX_STATEMENTS:
            continue
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                if doc_of[i] != doc_of[j]:
                    shared[(i, j)] = shared.get((i, j), 0) + 1
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_RARE_WORDS}
