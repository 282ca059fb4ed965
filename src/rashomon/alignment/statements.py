"""Statements: the unit of comparison across reports (about one sentence or clause)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rashomon.analysis.cues import HONORIFICS, ROLE_NOUNS
from rashomon.analysis.model import ArticleAnalysis, Quote
from rashomon.analysis.names import RANKS

StatementKind = Literal["quote", "narrative"]

#: A dateline opening a story: "PARIS, March 3 (CPA) - ", "PARIS, March 3 /ORIENT NEWS/ -- ".
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{0,30})?,?\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*[-–—]{1,2}\s+"
)
_BYLINE_RE = re.compile(r"^By\s+[A-Z]")
# Where a quote's content is split into sentences when the analysis gave one span for several.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z0-9])")
# Clause boundaries a long sentence may be split at (each side must stay a long clause).
_CLAUSE_SPLIT_RE = re.compile(
    r";\s+|,\s+(?=(?:but|while|whereas|because)\s)|,\s+and\s+(?=(?:the|a|an|it|they|he|she|we|i|"
    r"this|that|its|their|his|her)\s)"
    # "... apologized to the council after a recording emerged of him ...": a time clause
    # with its own verb is a second statement (the recording), with or without a comma.
    r"|,?\s+(?=(?:after|before)\s)"
    # "and I'll ...", "and we will ...": a pronoun subject with its verb opens a clause even
    # without a comma.
    r"|\s+and\s+(?=(?:i|we|you|he|she|they)(?:['’](?:ll|d|m|ve|re)\b|\s+(?:will|would|"
    r"am|are|is|was|were|have|had|can|could|must|should)\s))"
    # "... said the offer was a mistake and that he would not sign": a second "that" clause
    # after a reporting verb is a second reported claim (see :data:`_THAT_RE`).
    r"|,?\s+and\s+(?=that\s)",
    re.IGNORECASE,
)
#: "that" opening the right side of an "and that" split (see :data:`_CLAUSE_SPLIT_RE`): a
#: second complement only when the left side already holds a "that" clause and the right side
#: has its own verb; otherwise "that" is a determiner ("the prices and that sort of thing").
_THAT_RE = re.compile(r"\bthat\s", re.IGNORECASE)
#: "after"/"before" opening a clause split (see :data:`_CLAUSE_SPLIT_RE`).
_TIME_CLAUSE_RE = re.compile(r"(?:after|before)\s", re.IGNORECASE)
#: ", and the/his ..." opens a second clause only when a verb follows; without one it is the
#: last item of a noun-phrase list (", and his campaign manager, Paul Durand") and the
#: sentence stays whole. A pronoun subject ("and they") always opens a clause.
_DETERMINER_AND_RE = re.compile(
    r",\s+and\s+(?:the|a|an|this|that|its|their|his|her)\s", re.IGNORECASE
)
#: Words that show a finite verb without a tagger: auxiliaries, modals, copulas, reporting
#: verbs; a lowercase word ending in "-ed" counts too (past tense, or a participle after one).
_FINITE_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "says",
        "said",
        "tells",
        "told",
        "adds",
        "added",
        "wants",
        "want",
        "needs",
        "need",
        "calls",
        "called",
        "gives",
        "give",
        "makes",
        "make",
        "takes",
        "take",
        "goes",
        "go",
        "gets",
        "get",
        "knows",
        "know",
        "thinks",
        "think",
    ]
)
_PAST_RE = re.compile(r"^[a-z][a-z’'-]{2,}ed$")
_TRIM = " \t\r\n\"“”‘’'«»,;:–—-"
_MIN_WORDS = 3
_MIN_CLAUSE_WORDS = 6
#: A sentence that holds a direct quote keeps its text outside the quote as a statement only
#: when that text is longer than an attribution ("Marchand told reporters outside the ministry").
_MIN_RESIDUAL_WORDS = 10
#: Reporting verbs of an attribution ("Marchand said", "wrote Durand in a blog post",
#: "according to the ministry").
_REPORTING_VERBS = frozenset(
    [
        "according",
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "noted",
        "notes",
        "explained",
        "explains",
        "continued",
        "asked",
        "stated",
        "states",
        "declared",
        "insisted",
        "argued",
        "replied",
        "responded",
        "recalled",
        "confirmed",
        "confirms",
        "announced",
        "announces",
        "reported",
        "reports",
        "posted",
    ]
)
#: A relative clause ("Durand, whose union represents 40,000 workers") carries a fact.
_RELATIVE = frozenset(["who", "whose", "whom", "which", "where", "that"])


def _is_attribution(text: str) -> bool:
    """Whether the text outside a sentence's quotes only says who said them, where and to
    whom ("said Durand to a local radio station", "Durand said to the radio and the union
    confirmed on Tuesday"): a reporting verb, no other finite verb and no relative clause."""
    ws = [w.strip(_TRIM + ".!?").casefold() for w in text.split()]
    if not any(w in _REPORTING_VERBS for w in ws) or any(w in _RELATIVE for w in ws):
        return False
    return not any(
        w not in _REPORTING_VERBS and (w in _FINITE_VERBS or _PAST_RE.match(w)) for w in ws
    )


#: Below this share of quoted words a sentence is the writer's, with a quote embedded in it.
_EMBEDDED_SHARE = 0.5

#: Words that may stand before the actor a statement opens with: a title ("Former President",
#: "Mr.", "the senator"), not a clause ("Even before Trump landed, ...") or a time ("On
#: Friday, ...").
_TITLE_WORDS = (
    frozenset(HONORIFICS)
    | ROLE_NOUNS
    | RANKS
    | frozenset(["the", "former", "current", "sen.", "rep.", "gov.", "gen."])
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[-1:].isalpha()


def lead_actor(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int, str]]
) -> str | None:
    """The actor ``text[start:end]`` opens with: that of the first actor mention in it
    (``mentions``: ``(start, end, actor)``, sorted by start) when only a title stands before
    the mention and it is no possessive ("Braley's remarks were released by ...")."""
    first = bisect.bisect_left(mentions, (start,))
    if first == len(mentions) or mentions[first][0] >= end:
        return None
    m_start, m_end, actor = mentions[first]
    before = text[start:m_start].split()
    # A title may name a country or a body before its title word ("Former Mexican President
    # Vicente Fox"); a capitalised word with a comma after it is a time or a place ("Earlier
    # Friday, Liz Cheney ...").
    if before and not (
        before[-1].casefold() in _TITLE_WORDS
        and all(w.casefold() in _TITLE_WORDS or _capitalised(w) for w in before)
    ):
        return None
    if text[m_end : m_end + 2] in ("'s", "’s"):
        return None
    return actor


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of one document; offsets are into that article's ``text``."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None = None  # global actor id
    quote: str | None = None  # quote id
    kind: StatementKind = "narrative"
    #: The person or organisation the statement opens with, a title at most before it
    #: ("Former President Vicente Fox said ...", "Mr. Steele is expected ..."): whom it is
    #: about, usually its subject (see :func:`lead_actor`).
    lead_actor: str | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _n_words(text: str) -> int:
    return len(text.split())


#: Words whose period does not end a sentence ("Sen. Grassley", "U.S. attorney").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "adm",
        "rev",
        "ft",
        "mt",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "d.c",
    ]
)
_LAST_WORD_RE = re.compile(r"([\w.]+)\.[\"”’]?$")


def _ends_sentence(text: str, pos: int, period_end: int) -> bool:
    """Whether the punctuation just before ``period_end`` ends a sentence."""
    m = _LAST_WORD_RE.search(text, pos, period_end)
    if m is None:
        return True
    word = m.group(1).casefold()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at sentence ends, each piece trimmed."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        if not _ends_sentence(text, pos, m.start()):
            continue
        out.append(_trim(text, pos, m.start()))
        pos = m.end()
    out.append(_trim(text, pos, end))
    return [(s, e) for s, e in out if e > s]


def _has_verb(text: str) -> bool:
    """Whether ``text`` holds a word that shows a finite verb."""
    ws = [w.strip(_TRIM + ".!?") for w in text.split()]
    return any(w.casefold() in _FINITE_VERBS or _PAST_RE.match(w) for w in ws)


#: A sentence opening with a concessive clause ("While Durand said the talks would go on,
#: he warned that ..."): two claims, the subordinate one and the main one.
_LEADING_CONCESSIVE_RE = re.compile(r"(?:while|although|though|whereas)\s", re.IGNORECASE)
#: Where the main clause after a leading concessive clause starts: a comma, then a subject
#: pronoun. Only a pronoun: after a name or a noun the comma as often closes an apposition
#: inside the concessive clause ("While Durand, the union's leader, said ...").
_MAIN_CLAUSE_RE = re.compile(r",\s+(?=(?:he|she|it|they|we|i|you|there)\s)", re.IGNORECASE)


def _concessive_split(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a leading concessive clause ends and the main clause begins, if both have a verb
    and are long clauses."""
    if not _LEADING_CONCESSIVE_RE.match(text, start):
        return None
    for m in _MAIN_CLAUSE_RE.finditer(text, start, end):
        left, right = text[start : m.start()], text[m.end() : end]
        if not _has_verb(left):
            continue
        if _n_words(left) >= _MIN_CLAUSE_WORDS and _n_words(right) >= _MIN_CLAUSE_WORDS:
            return (m.start(), m.end()) if _has_verb(right) else None
    return None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence in two at a semicolon or between two long clauses (a leading
    concessive clause and the main one, two "that" clauses of one reporting verb, ...); else
    keep it."""
    best: tuple[int, int] | None = _concessive_split(text, start, end)
    if best is not None:
        first = _trim(text, start, best[0])
        return [first, *_clauses(text, *_trim(text, best[1], end))]
    for m in _CLAUSE_SPLIT_RE.finditer(text, start, end):
        left, right = text[start : m.start()], text[m.end() : end]
        if _DETERMINER_AND_RE.match(text, m.start()) and not _has_verb(right):
            continue
        if _TIME_CLAUSE_RE.match(right) and not _has_verb(right.split(",")[0]):
            continue  # "after the summer holidays": a time phrase, no clause
        if (
            m.group().strip(", ").casefold() == "and"
            and _THAT_RE.match(right)
            and not (_THAT_RE.search(left) and _has_verb(right))
        ):
            continue  # "and that" with no "that" clause before it: no second complement
        if m.group().startswith(";") and ":" in left:
            continue  # "The candidates are: A, a former minister; B, ...": list items
        if _n_words(left) >= _MIN_CLAUSE_WORDS and _n_words(right) >= _MIN_CLAUSE_WORDS:
            best = (m.start(), m.end())
            break
    if best is None:
        return [(start, end)]
    first = _trim(text, start, best[0])
    return [first, *_clauses(text, *_trim(text, best[1], end))]


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each dateline opening a line of ``text`` ("PARIS, March 3 (AFP) -")."""
    from rashomon.ingest.dateline import parse_dateline

    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lead = len(line) - len(line.lstrip())
        dateline = parse_dateline(line[lead:])
        if dateline is not None:
            out.append((pos + lead, pos + lead + dateline.end))
        pos += len(line)
    return out


def strip_dateline(text: str, start: int, end: int) -> int:
    """New start after a dateline ("PARIS, March 3 (CPA) - ") at ``text[start:end]``."""
    m = DATELINE_RE.match(text[start:end])
    return start + m.end() if m else start


def split_statements(
    analysis: ArticleAnalysis,
    doc: str,
    *,
    quote_ids: Sequence[str] | None = None,
    speakers: Mapping[str, str] | None = None,
) -> list[Statement]:
    """Split one analysed article into statements, in text order.

    Each direct quote's content gives one statement per sentence (``kind="quote"``). Every
    other sentence (not the headline, not blank or excluded, not a byline, not a colon that
    only introduces a quote) is a narrative statement, split at a semicolon (not between the
    items of a list after a colon) or between two long clauses; it carries the speaker and
    quote id of an indirect or partial quote it holds. Text outside a quote that only
    attributes it ("said Durand to the radio") is no statement. Fragments under three words
    are dropped unless quoted. Each statement carries the person or organisation it opens
    with, if any (:func:`lead_actor`, over the analysis' actor mentions).

    ``quote_ids`` gives the id of each of ``analysis.quotes`` (default ``"<doc>.q<n>"``);
    ``speakers`` maps local actor ids to global ones (default: local ids kept).
    """
    article = analysis.article
    text = article.analysed_text()
    qids = (
        list(quote_ids)
        if quote_ids is not None
        else [f"{doc}.q{i + 1}" for i in range(len(analysis.quotes))]
    )

    def speaker_of(q: Quote) -> str | None:
        if q.speaker is None:
            return None
        return speakers.get(q.speaker) if speakers is not None else q.speaker

    direct = [(i, q) for i, q in enumerate(analysis.quotes) if q.kind == "direct"]
    spans: list[tuple[int, int, str | None, str | None, StatementKind]] = []

    # A sentence whose quoted words are fewer than its own ("vowed to end what he calls
    # "Obama's war on religion"") is the writer's sentence: one narrative statement that
    # holds the quote, not a quote fragment plus a leftover.
    # A quote that opens the sentence or follows a colon stands on its own.
    embedded: list[tuple[int, int]] = []
    for sent in analysis.sentences:
        held = [q for _, q in direct if q.start < sent.end and sent.start < q.end]
        quoted = sum(_n_words(text[max(sent.start, q.start) : min(sent.end, q.end)]) for q in held)
        standalone = any(
            not text[sent.start : q.start].strip(_TRIM)
            or text[sent.start : q.start].rstrip(" \"“‘'").endswith(":")
            for q in held
        )
        if not standalone and 0 < quoted < _EMBEDDED_SHARE * _n_words(text[sent.start : sent.end]):
            embedded.append((sent.start, sent.end))

    def is_embedded(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in embedded)

    for i, q in direct:
        bounds = [
            (max(s.start, q.start), min(s.end, q.end))
            for s in analysis.sentences
            if s.start < q.end and q.start < s.end
        ] or [(q.start, q.end)]
        for s_start, s_end in bounds:
            if is_embedded(s_start, s_end):
                continue
            for piece in _pieces(text, s_start, s_end):
                for p_start, p_end in _clauses(text, *piece):
                    spans.append((p_start, p_end, speaker_of(q), qids[i], "quote"))

    datelines = dateline_spans(text)
    title = article.title_span
    title_text = (article.title or "").strip()
    for sent in analysis.sentences:
        if title is not None and sent.start < title.end and title.start < sent.end:
            continue
        raw = text[sent.start : sent.end].strip()
        if not raw or raw == title_text or (_BYLINE_RE.match(raw) and _n_words(raw) <= 8):
            continue
        if raw.endswith(":"):  # "Speaking about X, Marchand said:" only introduces a quote
            continue
        inside = [(q.start, q.end) for _, q in direct if q.start < sent.end and sent.start < q.end]
        if inside and not is_embedded(sent.start, sent.end):
            # Keep the longest stretch outside the quotes when it is more than an attribution.
            cuts = sorted(inside)
            segments, pos = [], sent.start
            for q_start, q_end in cuts:
                segments.append((pos, max(pos, q_start)))
                pos = max(pos, q_end)
            segments.append((pos, sent.end))
            seg = max(segments, key=lambda se: se[1] - se[0])
            seg = _trim(text, *seg)
            if _n_words(text[seg[0] : seg[1]]) < _MIN_RESIDUAL_WORDS:
                continue
            if _is_attribution(text[seg[0] : seg[1]]):
                continue  # no claim of its own, only who said the quote where
            candidates = [seg]
        else:
            s_start = strip_dateline(text, sent.start, sent.end)
            # The dateline ingest read place, date and outlet from is not a statement, even
            # when the sentence splitter cut it off the lede ("March 3 /ORIENT NEWS/").
            for d_start, d_end in datelines:
                if d_start <= s_start < d_end:
                    s_start = d_end
            if s_start >= sent.end:
                continue
            candidates = _clauses(text, *_trim(text, s_start, sent.end))
        for c_start, c_end in candidates:
            if c_end <= c_start or _n_words(text[c_start:c_end]) < _MIN_WORDS:
                continue
            holder = max(
                (
                    (min(c_end, q.end) - max(c_start, q.start), i, q)
                    for i, q in enumerate(analysis.quotes)
                    if q.start < c_end
                    and c_start < q.end
                    and (q.kind != "direct" or is_embedded(c_start, c_end))
                ),
                default=None,
                key=lambda t: t[0],
            )
            if holder is None:
                spans.append((c_start, c_end, None, None, "narrative"))
            else:
                spans.append((c_start, c_end, speaker_of(holder[2]), qids[holder[1]], "narrative"))

    # Groups ("officials", "sources") and unnamed roles are left out: two reports' "sources"
    # may be the same people, and a role the actor merge missed would split one person in two.
    mentions = sorted(
        (m.start, m.end, speakers.get(a.id, a.id) if speakers is not None else a.id)
        for a in analysis.actors
        if a.kind in ("person", "organization")
        for m in a.mentions
    )
    out: list[Statement] = []
    for start, end, speaker, quote, kind in sorted(spans, key=lambda t: (t[0], t[1])):
        body = article.text[start:end]
        if kind == "narrative" and _n_words(body) < _MIN_WORDS:
            continue
        if kind == "quote" and not any(c.isalnum() for c in body):
            continue
        out.append(
            Statement(
                id=f"{doc}.s{len(out) + 1}",
                doc=doc,
                start=start,
                end=end,
                text=body,
                speaker=speaker,
                quote=quote,
                kind=kind,
                lead_actor=lead_actor(article.text, start, end, mentions),
            )
        )
    return out
