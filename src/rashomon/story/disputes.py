"""Disputes: one actor's claim set against another actor's contrary claim (a first pass)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.alignment.embedder import Embedder
from rashomon.alignment.lexicon import (
    DENIAL,
    MODALITY,
    NEGATION,
    content_words,
    expand,
    modality_grade,
    tokens,
)
from rashomon.story.model import Dispute, DisputeSide, Unit

#: Cosine similarity of two units' texts from which they are on the same topic. Modest on
#: purpose: a claim and its rebuttal share a subject but rarely their wording
#: ("no agreement while the retirement age stays at 64" vs "an agreement is likely": 0.36).
TOPIC_SIMILARITY = 0.3
#: Phrases that mark a rebuttal besides plain negation.
_REBUTTAL_RE = re.compile(
    r"\bno way back\b|\bwith (?:all )?due respect\b.*\bbut\b|\bunlikely\b|\bout of the question\b",
    re.IGNORECASE | re.DOTALL,
)


def _reference(unit: Unit) -> str:
    return unit.members[0].text


def _negative_marker(text: str) -> str | None:
    """The phrase that makes ``text`` a denial or rejection ("no agreement"), if any."""
    m = _REBUTTAL_RE.search(text)
    if m:
        return m.group(0) if len(m.group(0)) <= 30 else m.group(0).split()[0]
    toks = [t for t, _, _ in tokens(text)]
    for n, tok in enumerate(toks):
        low = tok.casefold()
        if low in NEGATION or low.endswith("n't") or low in DENIAL:
            return " ".join(toks[n : n + 2])
    return None


def _positive_marker(text: str) -> str | None:
    """An affirming modality ("likely", "will") in an un-negated statement."""
    toks = [t for t, _, _ in tokens(text)]
    grade = modality_grade(toks)
    if grade is None or grade < 2:
        return None
    return next(t for t in toks if any(MODALITY.get(w) == grade for w in expand(t)))


def find_disputes(
    units: Sequence[Unit], *, embedder: Embedder | None = None, min_similarity: float | None = None
) -> list[Dispute]:
    """Pairs of units by different known actors, on one topic, with opposite stances.

    Same topic: shared content words or embedding similarity of at least ``min_similarity``
    (default :data:`TOPIC_SIMILARITY`) when an embedder is given. Opposite stance: one side
    negates, denies or rejects ("no", "never", "rejected", "no way back", "with all due
    respect ... but") and the other affirms, with a modality of "likely" or stronger. Each
    unit takes part in at most one dispute per pair of actors, best-matching first.
    """
    threshold = TOPIC_SIMILARITY if min_similarity is None else min_similarity
    spoken = [u for u in units if u.speaker is not None]
    if len(spoken) < 2:
        return []
    texts = [_reference(u) for u in spoken]
    sims = None
    if embedder is not None:
        vectors = embedder.embed(texts)
        sims = vectors @ vectors.T
    negative = [_negative_marker(t) for t in texts]
    positive = [_positive_marker(t) if negative[i] is None else None for i, t in enumerate(texts)]
    words = [content_words(t) for t in texts]

    found: list[tuple[float, int, int, str]] = []
    for i in range(len(spoken)):
        for j in range(len(spoken)):
            if spoken[i].speaker == spoken[j].speaker or negative[j] is None:
                continue
            if positive[i] is None:
                continue
            shared = words[i] & words[j]
            sim = float(sims[i, j]) if sims is not None else 0.0
            if not shared and sim < threshold:
                continue
            topic = f' on "{sorted(shared)[0]}"' if shared else ""
            reason = f'opposite stance{topic}: "{positive[i]}" vs "{negative[j]}"'
            found.append((sim + 0.1 * len(shared), i, j, reason))

    found.sort(key=lambda f: -f[0])
    used: set[tuple[str | None, str | None, int]] = set()
    disputes: list[Dispute] = []
    for _, i, j, reason in found:
        a, b = spoken[i], spoken[j]
        pair = (a.speaker, b.speaker)
        if (*pair, i) in used or (*pair, j) in used:
            continue
        used.update({(*pair, i), (*pair, j)})
        disputes.append(
            Dispute(
                id=f"x{len(disputes) + 1}",
                a=DisputeSide(actor=a.speaker, unit=a.id, text=texts[i], doc=a.members[0].doc),
                b=DisputeSide(actor=b.speaker, unit=b.id, text=texts[j], doc=b.members[0].doc),
                reason=reason,
            )
        )
    return disputes
