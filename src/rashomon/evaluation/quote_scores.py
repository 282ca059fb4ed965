"""Pure scoring of quote spans: overlap, one-to-one matching, P/R/F1, gold definitions.

Spans are tuples of :class:`~rashomon.article.Span` so that discontinuous gold content
(``“A,” he said. “B.”`` annotated as two ranges) is one item.

**Overlap** (the SFU Gender Gap Tracker convention): for items ``a`` and ``b``,
``overlap(a, b) = |chars(a) ∩ chars(b)| / max(|chars(a)|, |chars(b)|)``, where ``chars`` is
the set of character offsets covered by the item's ranges. Dividing by the *longer* item
means a short prediction inside a long gold quote (or the reverse) does not count as a match.
Two items match at threshold ``t`` when ``overlap >= t`` (``t`` = 0.3 lenient, 0.8 strict).

**Fragments**: PolNeAR annotates ``“A,” he said. “B.”`` as ONE attribution whose content
has two ranges, while an extractor naturally reports two quotes. Before matching, predicted
items lying mostly (>= 80% of their characters) inside the same gold item are merged into
one predicted item (:func:`fragment_groups`), so such a quote counts once, not as one match
plus one false positive. The number of merged fragments is reported.

**Matching** is one-to-one and greedy: all (predicted, gold) pairs at or above the
threshold are taken in decreasing overlap (ties by position), each item used at most once.
``precision = matched / predicted``, ``recall = matched / gold``, F1 their harmonic mean
(each 0.0 when its denominator is 0).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.analysis.quote_marks import normalise_marks
from rashomon.article import Span

Item = Sequence[Span]

#: Double quotation marks that open, close, or (straight) do either.
OPENING_MARKS = frozenset("“„«")
CLOSING_MARKS = frozenset("”»")
STRAIGHT_MARKS = frozenset('"')
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS | STRAIGHT_MARKS

#: A quote in single marks in a headline: opened at the start or after a space, colon or
#: dash; closed before anything but a letter (so "Trump’s" closes nothing).
_HEADLINE_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[‘'](\S(?:[^‘’'\n]*\S)?)[’'](?![A-Za-z])")

#: Share of a gold content's characters that must lie inside quotation marks for it to
#: count as a direct quote (see :func:`is_direct`).
DIRECT_MIN_FRACTION = 0.5


# --- overlap and matching ------------------------------------------------------------------


def merged(item: Item) -> list[tuple[int, int]]:
    """The item's ranges sorted and merged, empty ranges dropped."""
    out: list[tuple[int, int]] = []
    for s in sorted(item, key=lambda s: (s.start, s.end)):
        if s.end <= s.start:
            continue
        if out and s.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], s.end))
        else:
            out.append((s.start, s.end))
    return out


def length(item: Item) -> int:
    """Number of characters the item covers."""
    return sum(end - start for start, end in merged(item))


def intersection(a: Item, b: Item) -> int:
    """Number of characters covered by both items."""
    ra, rb = merged(a), merged(b)
    i = j = total = 0
    while i < len(ra) and j < len(rb):
        lo, hi = max(ra[i][0], rb[j][0]), min(ra[i][1], rb[j][1])
        total += max(0, hi - lo)
        if ra[i][1] < rb[j][1]:
            i += 1
        else:
            j += 1
    return total


def overlap(a: Item, b: Item) -> float:
    """Shared characters divided by the length of the longer item (0.0 if both are empty)."""
    longer = max(length(a), length(b))
    return intersection(a, b) / longer if longer else 0.0


def greedy_match(
    predicted: Sequence[Item], gold: Sequence[Item], threshold: float
) -> list[tuple[int, int, float]]:
    """One-to-one matches ``(predicted index, gold index, overlap)`` at ``threshold``."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            ov = overlap(p, g)
            if ov > 0.0 and ov >= threshold:  # never match disjoint items, even at 0
                pairs.append((-ov, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg_ov, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, -neg_ov))
    return sorted(out)


#: Share of a predicted item's characters inside one gold item for it to be a fragment of it.
FRAGMENT_MIN_INSIDE = 0.8


def fragment_groups(
    predicted: Sequence[Item], gold: Sequence[Item], min_inside: float = FRAGMENT_MIN_INSIDE
) -> list[list[int]]:
    """Indices of ``predicted`` grouped by the gold item they are fragments of.

    An item is a fragment of the gold item holding the most of its characters, when that
    is at least ``min_inside`` of them; other items form groups of one. Groups are ordered
    by their first index, indices inside a group ascending.
    """
    groups: dict[int, list[int]] = {}
    singles: list[list[int]] = []
    for i, p in enumerate(predicted):
        size = length(p)
        best, best_inside = -1, 0
        for j, g in enumerate(gold):
            inside = intersection(p, g)
            if inside > best_inside:
                best, best_inside = j, inside
        if size and best >= 0 and best_inside >= min_inside * size:
            groups.setdefault(best, []).append(i)
        else:
            singles.append([i])
    return sorted([*groups.values(), *singles])


def matched_any(items: Sequence[Item], others: Sequence[Item], threshold: float) -> list[bool]:
    """For each item, whether ANY of ``others`` overlaps it at ``threshold`` (not one-to-one)."""
    return [any(_matches(it, o, threshold) for o in others) for it in items]


def _matches(a: Item, b: Item, threshold: float) -> bool:
    ov = overlap(a, b)
    return ov > 0.0 and ov >= threshold


# --- counts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    """Micro-averaged precision/recall/F1 with the counts behind them."""

    threshold: float
    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        if other.threshold != self.threshold:
            raise ValueError("cannot add PRF at different thresholds")
        return PRF(
            self.threshold,
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits / total`` with both counts (value 0.0 when ``total`` is 0)."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


def score(
    predicted: Sequence[Item], gold: Sequence[Item], threshold: float
) -> tuple[PRF, list[tuple[int, int, float]]]:
    """P/R/F1 counts of one document plus the matches they come from."""
    matches = greedy_match(predicted, gold, threshold)
    return PRF(threshold, len(matches), len(predicted), len(gold)), matches


# --- gold direct quotes --------------------------------------------------------------------


def quoted_regions(text: str) -> tuple[Span, ...]:
    """Ranges of ``text`` between paired double quotation marks, marks excluded.

    Curly marks pair by direction (“ opens, ” closes); a straight ``"`` opens when no quote
    is open and closes otherwise; curly marks inside a straight-quoted stretch nest in it.
    Pairing restarts at every line break: news style repeats the opening mark on each
    paragraph of a multi-paragraph quote without closing the previous one, so a quote still
    open at a line break runs to the end of that line.
    Single quotes are ignored because ``’`` is also the apostrophe, except in a headline
    (a first line of at most 200 characters not ending in a full stop, with more text
    after it), which quotes with single marks (``Warren to CEO: ‘You Should Be
    Investigated’``): opened after a space or a colon, closed before anything but a letter.
    Two apostrophes used as a double mark (``''It is,'' she said``, newspaper-archive
    typesetting) count as one (:func:`~rashomon.analysis.quote_marks.normalise_marks`).
    """
    text = normalise_marks(text)
    regions: list[Span] = []
    headline = text.split("\n", 1)[0]
    if "\n" in text and len(headline) <= 200 and not headline.rstrip().endswith("."):
        for m in _HEADLINE_SINGLE.finditer(headline):
            regions.append(Span(m.start(1), m.end(1)))
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        nested = 0  # curly quotes opened inside a straight one
        for k, ch in enumerate(line):
            if ch not in QUOTE_MARKS:
                continue
            if opened is None:
                if ch not in CLOSING_MARKS:  # a stray closing mark opens nothing
                    opened = k
                nested = 0
            elif line[opened] in STRAIGHT_MARKS and ch in OPENING_MARKS:
                nested += 1  # `"... an episode of “Shark Tank.” ...`: a quote inside
            elif nested and ch in CLOSING_MARKS:
                nested -= 1
            elif ch in CLOSING_MARKS or ch in STRAIGHT_MARKS:
                regions.append(Span(pos + opened + 1, pos + k))
                opened = None
            else:  # a second opening mark: the first quote was left unclosed
                regions.append(Span(pos + opened + 1, pos + k))
                opened = k
        if opened is not None:
            regions.append(Span(pos + opened + 1, pos + len(line)))
        pos += len(line) + 1
    return tuple(sorted((r for r in regions if r.end > r.start), key=lambda r: r.start))


def quoted_fraction(text: str, item: Item, regions: Sequence[Span] | None = None) -> float:
    """Share of the item's characters lying inside quotation marks.

    Whitespace and the double quotation marks themselves are not counted (the annotated
    content may or may not include the marks).
    """
    text = normalise_marks(text)
    if regions is None:
        regions = quoted_regions(text)
    inside = total = 0
    region_ranges = merged(regions)
    r = 0
    for start, end in merged(item):
        for i in range(start, min(end, len(text))):
            ch = text[i]
            if ch.isspace() or ch in QUOTE_MARKS:
                continue
            total += 1
            while r < len(region_ranges) and region_ranges[r][1] <= i:
                r += 1
            if r < len(region_ranges) and region_ranges[r][0] <= i:
                inside += 1
        # regions are scanned monotonically; items are sorted, so no reset is needed
    return inside / total if total else 0.0


def is_direct(
    text: str,
    item: Item,
    regions: Sequence[Span] | None = None,
    min_fraction: float = DIRECT_MIN_FRACTION,
) -> bool:
    """Whether a gold content span is a direct quote.

    Definition: at least ``min_fraction`` (default 50%) of the content's characters, not
    counting whitespace and double quotation marks, lie inside a pair of double quotation
    marks (straight or curly) as found by :func:`quoted_regions`. A paraphrase with a quoted
    phrase (``the deal was “a disaster” for workers``) is mostly outside and is not direct.
    """
    return quoted_fraction(text, item, regions) >= min_fraction


# --- speech cues and speaker names ---------------------------------------------------------

_REGULAR_SPEECH_LEMMAS = [
    "state",
    "add",
    "ask",
    "explain",
    "claim",
    "argue",
    "note",
    "insist",
    "declare",
    "announce",
    "reply",
    "respond",
    "tweet",
    "warn",
    "admit",
    "acknowledge",
    "deny",
    "confirm",
    "concede",
    "contend",
    "assert",
    "allege",
    "testify",
    "recall",
    "remark",
    "comment",
    "continue",
    "joke",
    "quip",
    "vow",
    "promise",
    "pledge",
    "complain",
    "boast",
    "urge",
    "predict",
    "suggest",
    "repeat",
    "reiterate",
    "shout",
    "yell",
    "exclaim",
    "answer",
    "retort",
    "counter",
    "stress",
    "emphasize",
    "emphasise",
    "observe",
    "mention",
]
_IRREGULAR_SPEECH_FORMS = [
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "write",
    "writes",
    "wrote",
    "written",
    "writing",
    "speak",
    "speaks",
    "spoke",
    "spoken",
    "speaking",
]
_DOUBLE_FINAL = {"admit", "quip", "regret"}


def _inflect(lemma: str) -> set[str]:
    if lemma in _DOUBLE_FINAL:
        stem = lemma + lemma[-1]
        return {lemma, lemma + "s", stem + "ed", stem + "ing"}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


#: Inflected forms of verbs of saying; a cue containing one of them is a speech cue.
SPEECH_FORMS: frozenset[str] = frozenset(
    {form for lemma in _REGULAR_SPEECH_LEMMAS for form in _inflect(lemma)}
    | set(_IRREGULAR_SPEECH_FORMS)
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return [w.lower() for w in _WORD.findall(text)]


def is_speech_cue(cue_text: str) -> bool:
    """Whether any word of the cue, lower-cased, is an inflected verb of saying."""
    return any(w in SPEECH_FORMS for w in words(cue_text))


#: Words that say nothing about who a speaker is: function words and honorifics.
NAME_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "to",
        "by",
        "from",
        "with",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "them",
        "us",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "st",
        "s",
        "’s",
        "'s",
    ]
)


def shares_name_word(a: str, b: str) -> bool:
    """Whether two names share a word, case-insensitively, ignoring :data:`NAME_STOPWORDS`."""
    wa = {w for w in words(a) if w not in NAME_STOPWORDS}
    return any(w in wa for w in words(b) if w not in NAME_STOPWORDS)
