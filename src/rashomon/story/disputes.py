"""Disputes: one actor's claim set against another actor's claim that contradicts or rebuts it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rashomon.alignment.embedder import Embedder
from rashomon.alignment.lexicon import (
    DENIAL,
    STOPWORDS,
    content_words,
    expand,
    fold,
    norm,
    stem,
    tokens,
)
from rashomon.story.model import Dispute, DisputeSide, Member, Unit

#: Cosine similarity of two units' texts from which they are on the same topic. Low on
#: purpose: an opposite claim already repeats the word it negates, and a claim and its
#: rebuttal share a subject but rarely their wording ("no agreement while the retirement age
#: stays at 64" vs "an agreement is likely": 0.36 with MiniLM); it only rules out one word
#: shared by two unrelated statements. (0.2 and 0.3 give the same disputes on the BASIL gold.)
TOPIC_SIMILARITY = 0.2
#: Words a negation reaches past to the word it negates ("not going to pay", "never be
#: trusted"), at most :data:`NEGATION_REACH` of them.
NEGATION_REACH = 3
_PASS_OVER = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "going",
        "gonna",
        "to",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "get",
        "got",
        "a",
        "an",
        "the",
        "any",
        "ever",
        "even",
        "yet",
        "really",
        "always",
        "at",
        "all",
        "something",
        "anything",
        "one",
        "matter",
        "thing",
        "things",
        "issue",
        "question",
        "way",
        "kind",
        "sort",
        "part",
        "lot",
    ]
)
_CLAUSE_MARKS = ",;:.!?—–()"
#: Words that doubt a claim rather than affirm it ("a run looked increasingly doubtful").
_DOUBT = frozenset({"unlikely", "doubtful", "impossible", "doubt", "doubts"})
#: Words that open a clause whose content the sentence does not assert ("if", "whether") or
#: that only sets the scene ("after", "where").
_SUBORDINATE = frozenset(["if", "unless", "whether", "after", "before", "where", "since", "until"])
_NEGATORS = frozenset({"not", "no", "never", "cannot"})
#: Phrases that reject a claim outright besides negating its words.
_REBUTTAL_RE = re.compile(
    r"\bno way back\b|\bwith (?:all )?due respect\b.*\bbut\b|\bout of the question\b",
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
#: What an actor says of someone else's claim when rebutting it ("she is dead wrong", "that is
#: just outrageous talk", "Stop lying!"). Only an actor's own words count: the writer's
#: "outrageous comments" is a description, not an answer.
_VERDICT_RE = re.compile(
    r"\bdead wrong\b|\b(?:just|simply|absolutely|totally) (?:outrageous|wrong|false|untrue)\b|"
    r"\boutrageous (?:talk|claims?|charges?|lies?|accusations?)\b|\bstop lying\b|"
    r"\b(?:is|are|was|were|been|keeps?) lying\b|\bliars?\b|\bnonsense\b|\bridiculous\b|"
    r"\babsurd\b|\bbaseless\b|\b(?:is|are|was|that'?s|that’s) (?:not true|untrue|false)\b",
    re.IGNORECASE,
)
#: A statement that claims nothing ("could neither confirm nor deny", "declined to comment").
_NO_COMMENT_RE = re.compile(
    r"\bneither confirm nor deny\b|\b(?:declined|refused|decline|declines|refuses) to comment\b|"
    r"\bno comment\b|\b(?:did|would|does|do) not (?:comment|respond|say|know|specify|cite)\b",
    re.IGNORECASE,
)
#: An answer is set against the claim that scores highest (embedding cosine, a little per
#: shared content word, more when the answer names the claim's speaker or the claim sits just
#: before the answer in one report) when the score reaches this.
ANSWER_SIMILARITY = 0.4
#: Score added to a claim whose speaker the answer names after its answering word ("fired
#: back ... by Durand's logic", "denied that he asked Weber").
ADDRESSEE_BONUS = 0.3
#: Score added to a claim whose statement ends at most this many characters before the
#: answer in the same report: reports put the rebuttal right after the claim.
ADJACENT_CHARS = 300
#: A statement naming the answerer that ends at most this many characters before the answer
#: is the answer's own attribution ("Roux, who ..., wrote: ...").
FRAME_CHARS = 60
ADJACENT_BONUS = 0.2
_QUOTE_MARKS = "“\"‘'"


def _reference(unit: Unit) -> str:
    return unit.members[0].text


def _negated_stems(text: str) -> tuple[dict[str, str], set[str]]:
    """What ``text`` negates: the stem of each negated word with its negating phrase, and the
    stems of every word in a negation's reach.

    The negated word is the first after "not", "no", "never" or "cannot" past auxiliaries,
    articles and light nouns ("not going to pay" negates "pay", "no agreement" "agreement",
    "not something to be decided" "decided"), when it is a lower-case content word of the same
    clause (a name is not a claim: "not endorsing Christie" negates "endorsing"). A negation
    inside a conditional, temporal or place clause ("after most guests opted not to attend",
    "where there is no race") is background, not the speaker's claim. The reach ("does not
    expect them to follow") is what the text does not assert either.
    """
    heads: dict[str, str] = {}
    reach: set[str] = set()
    toks = tokens(text)
    for n, (surface, tok_start, end) in enumerate(toks):
        if "not" not in expand(surface) and norm(surface) not in _NEGATORS:
            continue
        following = toks[n + 1 : n + 1 + NEGATION_REACH + 2]
        if following and norm(following[0][0]) in {"only", "just"}:
            continue  # "not only X but Y" affirms X
        pos = end
        for w, w_start, w_end in following:
            if any(c in text[pos:w_start] for c in _CLAUSE_MARKS):
                break
            pos = w_end
            reach.add(stem(norm(w)))
        clause = re.split(r"[,;:.!?—–()]", text[:tok_start])[-1]
        if _SUBORDINATE & {norm(w) for w, _, _ in tokens(clause)}:
            continue
        pos = end
        for head, w_start, head_end in following:
            if any(c in text[pos:w_start] for c in _CLAUSE_MARKS):
                break  # a clause boundary: the negation does not reach past it
            pos = head_end
            low = norm(head)
            if low in _PASS_OVER:
                continue
            if head[:1].islower() and low not in STOPWORDS and len(low) > 2:
                heads.setdefault(stem(low), text[tok_start:head_end])
            break
    return heads, reach


def _affirms(text: str) -> bool:
    """Whether ``text`` holds no denial, rejection or doubt (it may negate other words than
    the one disputed: "decided by the states, not by judges")."""
    if any(norm(surface) in DENIAL | _DOUBT for surface, _, _ in tokens(text)):
        return False
    return _REBUTTAL_RE.search(text) is None


def _conditional_stems(text: str) -> set[str]:
    """Stems of the words in an "if", "whether" or "unless" clause: put as a question or a
    condition, not asserted ("announces whether he will seek a second term")."""
    out: set[str] = set()
    for clause in re.split(r"[,;:.!?—–()]", text):
        ws = [norm(w) for w, _, _ in tokens(clause)]
        for n, w in enumerate(ws):
            if w in {"if", "whether", "unless"}:
                out.update(stem(x) for x in ws[n + 1 :])
                break
    return out


def _echo(stem_: str, stems: set[str]) -> bool:
    """Whether ``stems`` holds ``stem_`` or a form of it a suffix away ("obstruct" /
    "obstruction", "run" / "running")."""
    for other in stems:
        short, long_ = sorted((stem_, other), key=len)
        if long_.startswith(short) and len(short) >= 3 and len(long_) - len(short) <= 4:
            return True
    return False


def _answer_marker(text: str, spoken: bool) -> re.Match[str] | None:
    """Where ``text`` answers a claim ("denied", "dead wrong" in an actor's words), if it does."""
    m = _ANSWER_RE.search(text)
    if m is None and spoken:
        m = _VERDICT_RE.search(text) or _REBUTTAL_RE.search(text)
    return m


def _name_index(names: Mapping[str, str]) -> list[tuple[list[str], str]]:
    """Folded word sequences naming each actor: its proper names, and their last word (the
    surname); lower-case roles ("the minister") are too vague to tell who is answered."""
    out: list[tuple[list[str], str]] = []
    for alias, actor in names.items():
        parts = alias.split()
        if not parts or not parts[-1][:1].isupper():
            continue
        out.append(([fold(p) for p in parts], actor))
        last = fold(parts[-1]).rstrip(".")
        if len(parts) > 1 and len(last) > 2 and last not in STOPWORDS:
            out.append(([last], actor))
    return out


def _named(text: str, index: list[tuple[list[str], str]]) -> set[str]:
    """Actors ``text`` names."""
    folded = [fold(w).removesuffix("'s").removesuffix("’s") for w, _, _ in tokens(text)]
    found: set[str] = set()
    for parts, actor in index:
        n = len(parts)
        if any(folded[i : i + n] == parts for i in range(len(folded) - n + 1)):
            found.add(actor)
    return found


def find_disputes(
    units: Sequence[Unit],
    *,
    embedder: Embedder | None = None,
    min_similarity: float | None = None,
    names: Mapping[str, str] | None = None,
    quotes: Mapping[str, tuple[int, int]] | None = None,
) -> list[Dispute]:
    """Pairs of units by different actors where one contradicts or rebuts the other.

    Two kinds. Opposite claims: two known actors on one topic (embedding similarity of at
    least ``min_similarity``, default :data:`TOPIC_SIMILARITY`, when an embedder is given),
    one negating a word the other asserts outside any negation, condition or question ("an
    agreement is likely" / "there will be no agreement"; "he wants to run" / "he is not
    running"; see :func:`_negated_stems`), or rejecting it with "no way back", "with all due
    respect ... but"; each unit takes part in at most one such dispute, most similar first.
    An answer: a unit that denies, disputes or fires back ("emphatically denied the
    allegations", "There is no bus"), or an actor's verdict on a claim ("she is dead wrong",
    "Stop lying!"), set against the best-scoring claim of another known actor
    (:data:`ANSWER_SIMILARITY`): similar wording, a speaker the answer names after its
    answering word (``names`` maps actor names and aliases to actor ids), the claim just
    before the answer in one report. Whoever the answer names before its answering word is
    the answerer, never the answered.

    ``quotes`` maps quote ids to their ``(start, end)`` in their document: with it, an opposite
    claim is read only in the speakers' own words (the part of a member inside its quote, in
    members of the unit's speaker), not in the writer's sentence around them ("a photo of her
    in running shorts, which she called "sexist"" asserts no "running" of hers).
    """
    threshold = TOPIC_SIMILARITY if min_similarity is None else min_similarity
    texts = [_reference(u) for u in units]
    answer = [_answer_marker(t, u.speaker is not None) for t, u in zip(texts, units, strict=True)]
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
    # Every member's wording counts for the topic and the negated words ("he wants to run"
    # in one report, "he will seek another term" in another).
    words = [set().union(*(content_words(m.text) for m in u.members)) for u in units]
    # An opposite claim is read in the speaker's own words only (see ``quotes``).
    spoken_words = [
        set().union(*(content_words(t) for m in u.members if (t := _own_words(u, m, quotes))))
        for u in units
    ]
    # A question or a statement that declines to comment claims nothing.
    quiet = [
        _NO_COMMENT_RE.search(t) is not None or t.rstrip(_QUOTE_MARKS + "”’ ").endswith("?")
        for t in texts
    ]
    negated: list[dict[str, tuple[str, str]]] = []  # stem -> (phrase, member text)
    unasserted: list[set[str]] = []
    for u, q in zip(units, quiet, strict=True):
        neg: dict[str, tuple[str, str]] = {}
        scope: set[str] = set()
        for m in [] if q else u.members:
            heads, reach = _negated_stems(m.text)
            scope |= reach | set(heads) | _conditional_stems(m.text)
            own = _own_words(u, m, quotes)
            for k, v in heads.items():
                if own is not None and v in own:
                    neg.setdefault(k, (v, m.text))
        negated.append(neg)
        unasserted.append(scope)
    rejects = [_REBUTTAL_RE.search(t) for t in texts]
    affirms = [_affirms(t) and not quiet[i] for i, t in enumerate(texts)]

    def similarity(i: int, j: int) -> float:
        return float(sims[row[i], row[j]]) if sims is not None else 0.0

    found: list[tuple[float, int, int, str, str | None]] = []
    for i in spoken:
        if not affirms[i]:
            continue
        for j in spoken:
            if units[i].speaker == units[j].speaker:
                continue
            sim = similarity(i, j)
            if sims is not None and sim < threshold:
                continue
            echoed = sorted(
                s for s in negated[j] if _echo(s, spoken_words[i]) and not _echo(s, unasserted[i])
            )
            carrier = None
            if echoed:
                phrase, carrier = negated[j][echoed[0]]
                reason = f'opposite claims on "{echoed[0]}": "{phrase}"'
            elif (rejection := rejects[j]) is not None and words[i] & words[j]:
                said = rejection.group(0)
                phrase = said if len(said) <= 30 else said.split()[0]
                reason = f'rejected on "{sorted(words[i] & words[j])[0]}": "{phrase}"'
            else:
                continue
            found.append((sim, i, j, reason, carrier))

    # Each unit takes part in one such dispute, its best: a claim repeated in several
    # statements of a story would otherwise face every negation of its subject.
    found.sort(key=lambda f: -f[0])
    # The member that carries a side's negation is the one shown for it.
    shown: dict[int, str] = {}
    used: set[int] = set()
    chosen: list[tuple[int, int, str]] = []
    for _, i, j, reason, carrier in found:
        if i in used or j in used:
            continue
        used.update({i, j})
        chosen.append((i, j, reason))
        if carrier is not None:
            shown[j] = carrier

    index = _name_index(names or {})
    taken = {frozenset((i, j)) for i, j, _ in chosen}
    for j in answering:
        marker = answer[j]
        assert marker is not None
        before, after = texts[j][: marker.start()], texts[j][marker.end() :]
        answerers = _named(before, index) | {units[j].speaker} - {None}
        answered = _named(after, index) - answerers
        claims = []
        for i in spoken:
            if i == j or answer[i] is not None or quiet[i] or units[i].speaker in answerers:
                continue
            adjacent = _just_before(units[i], units[j])
            if _just_before(units[i], units[j], FRAME_CHARS) and answerers & _named(
                texts[i], index
            ):
                continue  # the answer's own frame ("Girard, who ..., wrote:"), no claim
            score = similarity(i, j) + 0.1 * len(words[i] & words[j])
            if units[i].speaker in answered:
                score += ADDRESSEE_BONUS
            if adjacent:
                score += ADJACENT_BONUS
            claims.append((score, i))
        if not claims:
            continue
        score, i = max(claims)
        if score < ANSWER_SIMILARITY or frozenset((i, j)) in taken:
            continue
        taken.add(frozenset((i, j)))
        chosen.append((i, j, f'answered: "{marker.group(0).lstrip(_QUOTE_MARKS)}"'))

    disputes: list[Dispute] = []

    def side(n: int) -> DisputeSide:
        unit = units[n]
        text = shown.get(n, texts[n])
        member = next((m for m in unit.members if m.text == text), unit.members[0])
        return DisputeSide(actor=unit.speaker, unit=unit.id, text=member.text, doc=member.doc)

    for i, j, reason in chosen:
        disputes.append(Dispute(id=f"x{len(disputes) + 1}", a=side(i), b=side(j), reason=reason))
    return disputes


def _own_words(unit: Unit, m: Member, quotes: Mapping[str, tuple[int, int]] | None) -> str | None:
    """The unit speaker's own words in member ``m``: all of it without ``quotes``; else, in a
    member of that speaker, the part inside its quote (a whole direct quote, the reported
    clause of a narrative sentence); None when the member holds none of them."""
    if quotes is None:
        return m.text
    if m.speaker is None or m.speaker != unit.speaker:
        return None
    span = quotes.get(m.quote or "")
    if span is None:
        return m.text
    start, end = max(m.start, span[0]), min(m.end, span[1])
    return m.text[start - m.start : end - m.start] if start < end else None


def _just_before(claim: Unit, answer: Unit, chars: int = ADJACENT_CHARS) -> bool:
    """Whether a member of ``claim`` ends shortly before a member of ``answer`` in one report."""
    return any(
        c.doc == a.doc and 0 <= a.start - c.end <= chars
        for c in claim.members
        for a in answer.members
    )
