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
#: A statement that answers someone else's claim: it denies, disputes or fires back at it
#: ("emphatically denied the allegations", "fired back", a quote opening "There is no bus").
#: Narrower than :data:`~rashomon.alignment.lexicon.DENIAL`: "refused to comment" and "could
#: neither confirm nor deny" answer no claim.
_ANSWER_RE = re.compile(
    r"(?<!nor )\b(?:den(?:y|ies|ied|ying|ial)|disputed|disputing|rebut(?:s|ted)?|"
    r"rebuff(?:s|ed)?|(?:fired|fires|hit|hits|pushed|pushes) back|(?:is|was) (?:not true|false|"
    r"untrue))\b|(?:^|[“\"])there (?:is|was) no\b",
    re.IGNORECASE,
)
#: A statement that claims nothing ("could neither confirm nor deny", "declined to comment").
_NO_COMMENT_RE = re.compile(
    r"\bneither confirm nor deny\b|\b(?:declined|refused|decline|declines|refuses) to comment\b|"
    r"\bno comment\b|\b(?:did|would) not (?:comment|respond)\b",
    re.IGNORECASE,
)
#: An answer is set against the claim most similar to it (embedding cosine, plus a little per
#: shared content word), when that similarity reaches this: an answer repeats the claim's
#: subject ("the allegations" after "said the lieutenant governor had threatened").
ANSWER_SIMILARITY = 0.4


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


def _answer_marker(text: str) -> str | None:
    """The phrase that makes ``text`` an answer to a claim ("denied"), if any."""
    m = _ANSWER_RE.search(text)
    return m.group(0) if m else None


def find_disputes(
    units: Sequence[Unit], *, embedder: Embedder | None = None, min_similarity: float | None = None
) -> list[Dispute]:
    """Pairs of units by different actors, on one topic, with opposite stances.

    Two kinds. An opposite stance: two known actors on one topic (shared content words or
    embedding similarity of at least ``min_similarity``, default :data:`TOPIC_SIMILARITY`,
    when an embedder is given), one side negates, denies or rejects ("no", "never",
    "rejected", "no way back", "with all due respect ... but") and the other affirms, with a
    modality of "likely" or stronger; each unit takes part in at most one such dispute per
    pair of actors, best-matching first. An answer: a unit that denies, disputes or fires back
    ("emphatically denied the allegations", "There is no bus"), by anyone but the claimant,
    set against the most similar claim of a known actor (:data:`ANSWER_SIMILARITY`, needs an
    embedder or a shared content word).
    """
    threshold = TOPIC_SIMILARITY if min_similarity is None else min_similarity
    texts = [_reference(u) for u in units]
    answer = [_answer_marker(t) for t in texts]
    spoken = [i for i, u in enumerate(units) if u.speaker is not None]
    answering = [j for j, a in enumerate(answer) if a is not None]
    if not spoken or len(spoken) + len(answering) < 2:
        return []
    # Only units with a speaker or an answer take part: embed those, not the whole story.
    involved = sorted(set(spoken) | set(answering))
    row = {u: n for n, u in enumerate(involved)}
    sims = None
    if embedder is not None:
        vectors = embedder.embed([texts[i] for i in involved])
        sims = vectors @ vectors.T
    negative = [_negative_marker(t) for t in texts]
    positive = [_positive_marker(t) if negative[i] is None else None for i, t in enumerate(texts)]
    words = [content_words(t) for t in texts]

    def similarity(i: int, j: int) -> float:
        return float(sims[row[i], row[j]]) if sims is not None else 0.0

    found: list[tuple[float, int, int, str]] = []
    for i in spoken:
        if positive[i] is None:
            continue
        for j in spoken:
            if units[i].speaker == units[j].speaker or negative[j] is None:
                continue
            shared = words[i] & words[j]
            sim = similarity(i, j)
            if not shared and sim < threshold:
                continue
            topic = f' on "{sorted(shared)[0]}"' if shared else ""
            reason = f'opposite stance{topic}: "{positive[i]}" vs "{negative[j]}"'
            found.append((sim + 0.1 * len(shared), i, j, reason))

    found.sort(key=lambda f: -f[0])
    used: set[tuple[str | None, str | None, int]] = set()
    chosen: list[tuple[int, int, str]] = []
    for _, i, j, reason in found:
        pair = (units[i].speaker, units[j].speaker)
        if (*pair, i) in used or (*pair, j) in used:
            continue
        used.update({(*pair, i), (*pair, j)})
        chosen.append((i, j, reason))

    taken = {frozenset((i, j)) for i, j, _ in chosen}
    for j in answering:
        claims = [
            (similarity(i, j) + 0.1 * len(words[i] & words[j]), i)
            for i in spoken
            if i != j
            and answer[i] is None
            and units[i].speaker != units[j].speaker
            and not _NO_COMMENT_RE.search(texts[i])
        ]
        if not claims:
            continue
        score, i = max(claims)
        if score < ANSWER_SIMILARITY or frozenset((i, j)) in taken:
            continue
        taken.add(frozenset((i, j)))
        chosen.append((i, j, f'answered: "{answer[j]}"'))

    disputes: list[Dispute] = []
    for i, j, reason in chosen:
        a, b = units[i], units[j]
        disputes.append(
            Dispute(
                id=f"x{len(disputes) + 1}",
                a=DisputeSide(actor=a.speaker, unit=a.id, text=texts[i], doc=a.members[0].doc),
                b=DisputeSide(actor=b.speaker, unit=b.id, text=texts[j], doc=b.members[0].doc),
                reason=reason,
            )
        )
    return disputes
