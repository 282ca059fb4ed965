"""Near-duplicates and wire copies: MinHash LSH over shingles of normalised words.

A wire story republished by several outlets keeps most of its word sequences, whatever
headline, byline or boilerplate each outlet adds; the share of common word ``k``-shingles
(Jaccard similarity) finds it. MinHash LSH finds candidate pairs without comparing every pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from datasketch import MinHash  # type: ignore[import-untyped]

    from rashomon.article import Article

_WORD = re.compile(r"\w+")
#: MinHash permutations: Jaccard estimates within about ±0.09 (1/sqrt(128)) at 95%.
NUM_PERM = 128


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that are copies of one text (indices into the input sequence).

    ``similarity`` is the lowest estimated Jaccard similarity of shingles between a member and
    the group's first member (``members[0]``, the earliest in input order).
    """

    members: tuple[int, ...]
    similarity: float


def normalised_words(text: str) -> list[str]:
    """Lower-cased words without accents or punctuation: what survives a republication."""
    folded = text.casefold()
    if not folded.isascii():  # ASCII has no accents to strip
        decomposed = unicodedata.normalize("NFKD", folded)
        # curly quotes and dashes make most news text non-ASCII but have nothing to strip;
        # text already decomposed (NFD) is unchanged by NFKD and still has its marks
        if decomposed != folded or any(unicodedata.combining(c) for c in folded):
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(folded)


def shingles(text: str, size: int) -> set[str]:
    """The set of ``size``-word shingles of ``text``'s normalised words (one for short texts)."""
    return _shingles(normalised_words(text), size)


def _shingles(words: list[str], size: int) -> set[str]:
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, *, shingle_size: int) -> MinHash:
    """The MinHash signature of ``text``'s shingles."""
    return minhash_of_words(normalised_words(text), shingle_size=shingle_size)


def minhash_of_words(words: list[str], *, shingle_size: int) -> MinHash:
    """The MinHash signature of the shingles of words already normalised."""
    signature = _empty_signature().copy()
    signature.update_batch([s.encode("utf-8") for s in _shingles(words, shingle_size)])
    return signature


def candidate_index(threshold: float) -> Any:
    """An empty MinHash LSH index whose candidates include nearly every pair at ``threshold``.

    Banded at the threshold itself (14 bands of 9 rows for 0.7) LSH would offer only 44% of
    the pairs right at it and 62% at 0.74; banded 0.2 lower (25 bands of 5 rows) it offers
    99% at 0.7. Callers keep a candidate only if its estimated similarity clears the threshold.
    """
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)


@functools.cache
def _empty_signature() -> MinHash:
    # Copied for each text: drawing the permutations costs more than hashing a short article.
    # CRC-32 (in C) as the hash: datasketch mixes every hash value before permuting it, so
    # it serves as well as its default SHA-1 and costs a fraction.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def find_duplicates(
    articles: Sequence[Article], *, settings: Settings | None = None
) -> list[DuplicateGroup]:
    """Groups of near-identical articles (same wire story republished), largest first.

    Two articles are near-identical when the estimated Jaccard similarity of their word
    shingles reaches ``settings.duplicate_threshold``; groups are the connected pairs.
    """
    settings = settings or get_settings()
    return find_duplicate_texts(
        [_body(a) for a in articles],
        threshold=settings.duplicate_threshold,
        shingle_size=settings.duplicate_shingle_size,
    )


def find_duplicate_texts(
    texts: Sequence[str], *, threshold: float, shingle_size: int
) -> list[DuplicateGroup]:
    """:func:`find_duplicates` over plain texts."""
    lsh = candidate_index(threshold)
    signatures: list[MinHash | None] = []
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, text in enumerate(texts):
        words = normalised_words(text)
        if not words:
            signatures.append(None)
            continue
        signature = minhash_of_words(words, shingle_size=shingle_size)
        signatures.append(signature)
        for j in lsh.query(signature):
            other = signatures[int(j)]
            # LSH gives candidates; keep only those whose estimate clears the threshold
            if other is not None and signature.jaccard(other) >= threshold:
                parent[root(i)] = root(int(j))
        lsh.insert(str(i), signature)

    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        first = signatures[members[0]]
        assert first is not None
        lowest = min(first.jaccard(s) for s in _present(signatures[m] for m in members[1:]))
        result.append(DuplicateGroup(members=tuple(members), similarity=round(lowest, 3)))
    result.sort(key=lambda g: (-len(g.members), g.members[0]))
    return result


def _present(signatures: Iterable[MinHash | None]) -> Iterable[MinHash]:
    return (s for s in signatures if s is not None)


def _body(article: Article) -> str:
    return article.analysed_text()
