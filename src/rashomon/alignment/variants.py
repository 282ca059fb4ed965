"""Wording differences inside an aligned unit, classified by how they shift meaning."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from rashomon.alignment.lexicon import (
    INTENSITY,
    LABELS,
    NEGATION,
    NUMBER_WORDS,
    PRONOUNS,
    STOPWORDS,
    TITLES,
    expand,
    fold,
    hedges,
    modality_grade,
    modality_grades,
    negation_count,
    norm,
    numbers_and_dates,
    tokens,
)
from rashomon.story.model import MEANING_SHIFTS, Variant

#: A differing stretch longer than this many words is added or rewritten content.
MAX_MARKER_SPAN = 3
#: A stretch of up to this many words with a figure, added or dropped, qualifies the claim
#: ("by 130 million people, we don't want him"); a longer one is a clause of its own.
ADDED_FIGURE_SPAN = 5
#: Actors two wordings must name in common to be one list of people, so that a name only one
#: of them has is an actor dropped from or added to the list.
LIST_ACTORS = 3
#: Below this SequenceMatcher ratio a member is a rewrite: one variant for the whole
#: statement says more than a dozen scattered word diffs.
REWRITE_RATIO = 0.4


class HasDocText(Protocol):
    """Anything with a document id and a text: a Statement or a report Member."""

    @property
    def doc(self) -> str: ...

    @property
    def text(self) -> str: ...


def _norm_words(surfaces: Sequence[str]) -> list[str]:
    return [w for s in surfaces for w in expand(s)]


def reference_index(texts: Sequence[str]) -> int:
    """Index of the wording most members share: highest summed word-level similarity.

    Ties go to the earliest member (the first document's), so a two-member unit is read
    against its first document.
    """
    if len(texts) <= 2:
        return 0
    seqs = [[w.casefold() for w, _, _ in tokens(t)] for t in texts]
    best, best_total = 0, -1.0
    for i, a in enumerate(seqs):
        total = sum(
            difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
            for j, b in enumerate(seqs)
            if j != i
        )
        if total > best_total + 1e-9:
            best, best_total = i, total
    return best


def classify(
    words_a: Sequence[str],
    words_b: Sequence[str],
    *,
    whole_a: Sequence[str] | None = None,
    whole_b: Sequence[str] | None = None,
    names: Collection[str] | Mapping[str, str] = (),
    speakers: Collection[str] = (),
) -> str:
    """The shift between two wordings (surface tokens) of one statement.

    ``whole_a``/``whole_b`` are the complete statements the two pieces come from: negation
    and modality change meaning only when the whole statements differ in polarity or grade
    ("has no part" vs "does not concern" is not a negation shift even if a diff splits them).
    ``names`` are known actor names and aliases, or a mapping of them to actor ids so that
    two names of one actor ("Marchand", "the minister") are not an actor shift; references to
    ``speakers`` (the statements' own speakers: attribution, not content) are ignored.
    Returns one of ``negation, modality, number, hedge, intensity, actor, paraphrase``.
    """
    wa, wb = _norm_words(words_a), _norm_words(words_b)
    full_a = _norm_words(whole_a) if whole_a is not None else wa
    full_b = _norm_words(whole_b) if whole_b is not None else wb
    if negation_count(full_a) % 2 != negation_count(full_b) % 2 and (
        any(w in NEGATION for w in wa + wb)
    ):
        return "negation"
    grade_a = modality_grade(whole_a if whole_a is not None else words_a)
    grade_b = modality_grade(whole_b if whole_b is not None else words_b)
    if grade_a != grade_b and (
        modality_grade(words_a) is not None or modality_grade(words_b) is not None
    ):
        return "modality"
    if _number_shift(words_a, words_b):
        return "number"
    if sorted(hedges(wa)) != sorted(hedges(wb)):
        return "hedge"
    if {w for w in wa if w in INTENSITY} != {w for w in wb if w in INTENSITY}:
        return "intensity"
    name_map = (
        {fold(k): v for k, v in names.items()}
        if isinstance(names, Mapping)
        else {fold(n): fold(n) for n in names}
    )
    ignore = set(speakers)
    actors_a = _actors(words_a, name_map) - ignore
    actors_b = _actors(words_b, name_map) - ignore
    if actors_a == actors_b:
        return "paraphrase"
    if actors_a & LABELS == actors_b & LABELS and whole_a is not None and whole_b is not None:
        # One side spells out more of a name the other statement gives too ("Sen. Grassley"
        # / "Senator Charles E. Grassley"): the same person, not another actor.
        if not actors_a - LABELS and actors_b - LABELS <= _actors(whole_a, name_map):
            return "paraphrase"
        if not actors_b - LABELS and actors_a - LABELS <= _actors(whole_b, name_map):
            return "paraphrase"
    return "actor"


_SMALL_NUMBER_WORDS = frozenset(
    (
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "half",
        "once",
        "twice",
    )
)


def _number_shift(words_a: Sequence[str], words_b: Sequence[str], *, both: bool = False) -> bool:
    """Numbers or dates differ: changed on both sides, or a figure on one side only (unless
    ``both``: then only figures written in digits and changed on both sides count).

    A small number word on one side only ("the two sides", "a third time") is wording.
    """
    if both:  # a clause against a clause: number words are its wording, figures count
        da, db = _digit_figures(words_a), _digit_figures(words_b)
        return bool(da and db and sorted(da) != sorted(db))
    na, nb = _figures(words_a), _figures(words_b)
    if sorted(na) == sorted(nb):
        return False
    if na and nb:
        return True
    if both:
        return False
    side = words_a if na else words_b
    # A day, month or year named on one side only is detail the other lacks, not a changed
    # date ("his 2016 election opponent" / "his Democratic opponent").
    return any(
        (any(c.isdigit() for c in w) and not _is_year(w))
        or (norm(w) in NUMBER_WORDS and w.casefold() not in _SMALL_NUMBER_WORDS)
        for w in side
    )


def _is_year(surface: str) -> bool:
    """A year written in digits ("2016"; "1990s" is a decade and counts as a figure)."""
    return len(surface) == 4 and surface.isdigit() and 1000 <= int(surface) <= 2999


def _figures(surfaces: Sequence[str]) -> list[str]:
    """Numbers and dates, with "one-in-three" and "1 in 3" read alike."""
    out: list[str] = []
    for s in surfaces:
        parts = [p for p in s.split("-") if p] if "-" in s else [s]
        out.extend(numbers_and_dates(parts))
    return out


def classify_rewrite(words_a: Sequence[str], words_b: Sequence[str]) -> str:
    """The shift between two wordings too different for a word diff.

    Only markers found on both sides are compared (figures on both sides that differ, two
    modalities of different grade; day and month names are content, and number words count
    only against figures: "two officials" / "one of them" is wording); a marker on one side
    only belongs to content the other wording lacks (a paraphrase), unless it is a figure that
    qualifies a word both sides use and the other side does not spell it out ("a 1 in 3
    chance" against "a chance": the figure was dropped; "a one-in-three chance" is the same).
    Two modalities differ only when the sides share no grade: "will not pay, whatever he may
    claim" against "won't pay" keeps its "will"; the "may" is another clause's.
    """
    fig_a, fig_b = set(_digit_figures(words_a)), set(_digit_figures(words_b))
    if fig_a and fig_b and fig_a != fig_b:
        return "number"
    if bool(fig_a) != bool(fig_b) and _figure_dropped(words_a, words_b):
        return "number"
    grades_a, grades_b = modality_grades(words_a), modality_grades(words_b)
    if grades_a and grades_b and not grades_a & grades_b:
        return "modality"
    return "paraphrase"


def _digit_figures(surfaces: Sequence[str]) -> list[str]:
    """Figures written with digits ("1 in 3", "$500,000", "2012")."""
    return _figures([s for s in surfaces if any(c.isdigit() for c in s)])


def _figure_dropped(words_a: Sequence[str], words_b: Sequence[str]) -> bool:
    """Whether the side with figures has one, not spelled out on the other side, right before
    a content word the other side has ("1 in 3 chance" / "a chance"; a year is detail: "the
    2016 election" / "the election")."""
    side, other = (words_a, words_b) if _digit_figures(words_a) else (words_b, words_a)
    if not set(_digit_figures(side)) - set(_figures(other)):
        return False  # "1 in 3" / "one-in-three"
    others = {norm(w) for w in other if norm(w) not in STOPWORDS}
    return any(
        any(c.isdigit() for c in w) and not _is_year(w) and norm(side[n + 1]) in others
        for n, w in enumerate(side[:-1])
    )


def _actors(surfaces: Sequence[str], names: Mapping[str, str]) -> set[str]:
    """Actors and labels the tokens refer to: known names/aliases mapped to their actor id,
    label words ("regime", "state-backed") as themselves."""
    folded = [fold(s) for s in surfaces]
    found = {w for w in folded if w in LABELS}
    present = set(folded)
    for alias, actor in names.items():
        parts = alias.split()
        if not parts or parts[0] not in present:  # most of a story's names are not here
            continue
        n = len(parts)
        if any(folded[i : i + n] == parts for i in range(len(folded) - n + 1)):
            found.add(actor)
    return found


def _actor_shift(
    words_a: Sequence[str],
    words_b: Sequence[str],
    whole_a: Sequence[str],
    whole_b: Sequence[str],
    names: Mapping[str, str],
    speakers: Collection[str],
) -> tuple[list[str], list[str]] | None:
    """The names in ``words_a``/``words_b`` of actors the other whole statement does not
    name, when both statements name the same list of people (:data:`LIST_ACTORS` or more in
    common) and one drops, adds or swaps a name ("Weber, Durand and Roux" / "Weber, Durand,
    Roux and Petit"); else ``None``.

    With fewer actors in common, a name on one side only is detail that side adds ("Durand,
    who succeeded Weber, said ..."), not a changed list.
    """
    if not names:
        return None
    ignore = set(speakers)
    all_a = _actors(whole_a, names) - ignore - LABELS
    all_b = _actors(whole_b, names) - ignore - LABELS
    if len(all_a & all_b) < LIST_ACTORS:
        return None
    only_a = (_actors(words_a, names) - ignore) - all_b
    only_b = (_actors(words_b, names) - ignore) - all_a
    only_a, only_b = only_a - LABELS, only_b - LABELS
    if not only_a and not only_b:
        return None
    return _name_words(words_a, names, only_a), _name_words(words_b, names, only_b)


def _name_words(surfaces: Sequence[str], names: Mapping[str, str], actors: set[str]) -> list[str]:
    """The tokens of ``surfaces`` that name one of ``actors``, in text order."""
    folded = [fold(s) for s in surfaces]
    keep: set[int] = set()
    for alias, actor in names.items():
        if actor not in actors:
            continue
        parts = alias.split()
        n = len(parts)
        for i in range(len(folded) - n + 1):
            if folded[i : i + n] == parts:
                keep.update(range(i, i + n))
    return [surfaces[i] for i in sorted(keep)]


def _name_map(names: Collection[str] | Mapping[str, str]) -> dict[str, str]:
    """Folded alias -> actor key, surnames of multiword names too.

    Only the story's actors and their aliases count: a place or an organisation named on one
    side only ("as negotiators met in Paris") is wording, not an actor shift.
    """
    pairs = names.items() if isinstance(names, Mapping) else ((n, n) for n in names)
    out: dict[str, str] = {}
    for alias, actor in pairs:
        key = fold(alias).strip()
        if not key or key in PRONOUNS or key.rstrip(".") in TITLES:
            continue
        out.setdefault(key, actor)
        parts = alias.split()
        if parts[-1][:1].isupper():  # a proper name: each of its words names the actor
            for part in parts:
                key = fold(part).rstrip(".")
                # An initial ("B." of "Susan B. Anthony") names no one: "F.B.I." has it too.
                if (
                    part[:1].isupper()
                    and len(key) > 1
                    and key not in STOPWORDS
                    and key not in TITLES
                ):
                    out.setdefault(key, actor)
    return out


def _markers(surfaces: Sequence[str], shift: str) -> list[str]:
    """The tokens of a wording that carry a rewrite's ``number`` or ``modality`` shift."""
    if shift == "number":
        return [s for s in surfaces if any(c.isdigit() for c in s) and _figures([s])]
    return [s for s in surfaces if modality_grade([s]) is not None]


def find_variants(
    unit_members: Sequence[HasDocText], *, names: Collection[str] | Mapping[str, str] = ()
) -> list[Variant]:
    """Word-level differences of each member against the unit's reference member.

    The reference is the wording most members share (else the first document's). Each
    difference found by ``difflib`` over word tokens becomes a :class:`Variant` classified by
    :func:`classify`; a member rewritten beyond recognition gives one whole-statement variant.
    Meaning-changing variants come first (negation, modality, number, intensity, hedge,
    actor), then paraphrases, each in member order.
    """
    if len(unit_members) < 2:
        return []
    texts = [m.text for m in unit_members]
    ref_i = reference_index(texts)
    ref = unit_members[ref_i]
    ref_words = [w for w, _, _ in tokens(ref.text)]
    ref_keys = [norm(w) for w in ref_words]
    known = _name_map(names)
    out: list[Variant] = []
    for i, member in enumerate(unit_members):
        if i == ref_i:
            continue
        mem_words = [w for w, _, _ in tokens(member.text)]
        mem_keys = [norm(w) for w in mem_words]
        matcher = difflib.SequenceMatcher(None, ref_keys, mem_keys, autojunk=False)
        if matcher.ratio() < REWRITE_RATIO:
            pieces = [(ref_words, mem_words)]
        else:
            pieces = [
                (ref_words[i1:i2], mem_words[j1:j2])
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                if tag != "equal"
            ]
        rewrite = len(pieces) == 1 and pieces[0] == (ref_words, mem_words)
        # Naming the statement's own speaker is attribution, not content.
        speakers = {
            sp for sp in (getattr(ref, "speaker", None), getattr(member, "speaker", None)) if sp
        }
        for against, changed in pieces:
            # Punctuation-only or case-only differences are not variants.
            if [norm(w) for w in against] == [norm(w) for w in changed]:
                continue
            if rewrite or max(len(against), len(changed)) > MAX_MARKER_SPAN:
                if rewrite:
                    shift = classify_rewrite(against, changed)
                else:
                    # A clause added, dropped or rewritten: a marker inside it is the clause's
                    # own, not a shift of the shared statement; only figures are compared.
                    phrase = min(len(against), len(changed)) == 0 and (
                        max(len(against), len(changed)) <= ADDED_FIGURE_SPAN
                    )
                    number = _number_shift(against, changed, both=not phrase)
                    shift = "number" if number else "paraphrase"
                if shift != "paraphrase":
                    if rewrite:
                        # Show the markers that differ ("possible" vs "likely"), not two
                        # sentences.
                        against, changed = _markers(against, shift), _markers(changed, shift)
                else:
                    # Still one statement about the same people when an actor of a list is
                    # dropped or swapped: show the names, not the rewritten stretch.
                    named = _actor_shift(against, changed, ref_words, mem_words, known, speakers)
                    if named is not None:
                        shift = "actor"
                        against, changed = named
            else:
                shift = classify(
                    against,
                    changed,
                    whole_a=ref_words,
                    whole_b=mem_words,
                    names=known,
                    speakers=speakers,
                )
            out.append(
                Variant(
                    doc=member.doc,
                    words=list(changed),
                    against=" ".join(against),
                    shift=shift,
                    against_doc=ref.doc,
                    meaning_changing=shift != "paraphrase",
                )
            )
    rank = {shift: n for n, shift in enumerate(MEANING_SHIFTS)}
    order = {m.doc: n for n, m in enumerate(unit_members)}
    out.sort(key=lambda v: (rank.get(v.shift, len(rank)), order.get(v.doc, 0)))
    return out
