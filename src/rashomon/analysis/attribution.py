"""Attributing quotes: cues, speaker phrases and reported content, from spaCy's parse.

Direct and partial quotes come from quotation marks (:mod:`quote_marks`); their cue is the
reporting verb the quote's root hangs from, or the one right after or before the quote.
Indirect quotes are the clausal complements (``ccomp``) of reporting verbs outside any quote,
and the clauses that carry an "according to X". The speaker phrase is the subject of the cue.
Quotes without a cue of their own inherit the speaker of their neighbour (see
:func:`attribute`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rashomon.analysis.cues import (
    CUE_FORM_LEMMAS,
    CUE_LEMMAS,
    HEADLINE_CUE_LEMMAS,
    ROLE_NOUNS,
    STANCE_NOUNS,
    WEAK_CUE_LEMMAS,
)
from rashomon.analysis.model import QuoteKind
from rashomon.analysis.quote_marks import QuotedSpan
from rashomon.article import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpanT

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Parts of speech a speaker's head can have (a conjunction or a dash the parser makes a
#: subject cannot speak).
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON", "NUM", "X"})
#: Entity types of "said Monday", "said Thursday morning": when, not who.
_WHEN_ENTS = frozenset({"DATE", "TIME"})
_RELATIVE = frozenset({"who", "that", "which"})
_NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet"}
)
_NP_RIGHT_DEPS = frozenset({"compound", "flat", "case"})
_SENT_END = frozenset(".!?")
_DOUBLE_MARKS = frozenset('"“”«»„')
#: "— Commissioner X", "― Esther Tapia" (em dash, horizontal bar, en dash, hyphens)
_DASH_SPEAKER = re.compile(r"\s*[—―–-]{1,2}\s*(?=\S)")
#: Title abbreviations and initials whose full stop ends no sentence ("Mr. Obama said,").
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|St|Jr|Sr|[A-Z])\."
)
_HEADLINE_SPEAKER = re.compile(r"^\s*([^:\"“”«»\n]{2,60}?)\s*:\s*$")


@dataclass
class Attribution:
    """A quote before speakers are resolved: content, cue and speaker phrase as offsets."""

    kind: QuoteKind
    start: int
    end: int
    cue: Span | None = None
    #: The speaker phrase; ``speaker_head`` is its head token (-1 when found by pattern).
    speaker: Span | None = None
    speaker_head: int = -1
    #: Index into the attribution list whose speaker this one takes (continuation quotes).
    inherit_from: int | None = None


def cue_lemma(tok: Token) -> str:
    """The token's lemma, lower-cased; a capitalised cue form the lemmatizer left as it is
    ("Said Ellis: ...", sentence-initial) maps to its cue lemma."""
    lemma = tok.lemma_.lower()
    if lemma not in CUE_LEMMAS and tok.text[:1].isupper():
        return CUE_FORM_LEMMAS.get(tok.lower_, lemma)
    return lemma


def is_cue(tok: Token) -> bool:
    """A reporting verb (by lemma), not an auxiliary or a noun of the same form. A
    sentence-initial "Said" that the tagger made the first word of the name after it
    (`Said Lindqvist: "..."`) is one too, and so is "put" in `as X put it`."""
    if tok.pos_ in ("VERB", "AUX"):
        return cue_lemma(tok) in CUE_LEMMAS or _as_x_put_it(tok)
    return (
        tok.pos_ == "PROPN"
        and tok.is_sent_start is True
        and tok.dep_ == "compound"
        and tok.head.i == tok.i + 1
        and cue_lemma(tok) in CUE_LEMMAS
    )


def _as_x_put_it(tok: Token) -> bool:
    """`As Rosenthal put it, "..."`: "put" with the object "it" in an "as" clause."""
    if tok.lower_ not in ("put", "puts"):
        return False
    kids = list(tok.children)
    return any(c.lower_ == "it" and c.dep_ == "dobj" for c in kids) and any(
        c.lower_ == "as" and c.dep_ in ("mark", "advmod", "prep") for c in kids
    )


#: Quantifiers that make an adjective stand for people ("some close to the mayor").
_QUANTIFIERS = frozenset({"some", "many", "those", "several", "few", "most", "others"})


def nominal_adjective(tok: Token) -> bool:
    """An adjective standing for people: a quantifier ("many familiar with the talks") or
    one with a quantifier or a complement of its own ("some close to the mayor"). "The
    former" and "the latter" point back to someone named before: no group."""
    if tok.pos_ != "ADJ" or tok.lower_ in ("former", "latter"):
        return False
    return (
        tok.lower_ in _QUANTIFIERS
        or any(c.dep_ == "prep" for c in tok.children)
        or any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in tok.children)
    )


def noun_phrase(doc: Doc, head: Token) -> Span:
    """Character span of the noun phrase headed by ``head``, without relative clauses,
    appositives or trailing modifiers ("Transport Minister Hélène Marchand", "the minister")."""
    left, right = head.i, head.i
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i < tok.i and child.dep_ in _NP_LEFT_DEPS and child.i >= left - 6:
                left = min(left, child.left_edge.i)
                stack.append(child)
            elif child.i > tok.i and child.dep_ in _NP_RIGHT_DEPS and child.i == right + 1:
                right = child.i
            elif (
                child.dep_ == "appos"
                and child.left_edge.i == right + 1
                and child.pos_ == "PROPN"
                and tok.pos_ == "PROPN"
            ):
                # "Transport Minister Hélène Marchand": a name right after a title, no comma
                right = child.i
    if nominal_adjective(head):
        # "some close to the mayor": the adjective's complement is part of who they are
        for child in head.rights:
            if child.dep_ == "prep" and child.i == right + 1:
                right = child.right_edge.i
    if head.ent_iob_ in ("B", "I"):
        lo, hi = head.i, head.i
        while lo > 0 and doc[lo].ent_iob_ == "I":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
        left, right = min(left, lo), max(right, hi)
    # NER and the parser may run a name into the verb before it ("Said Brandt")
    while left < head.i and is_cue(doc[left]):
        left += 1
    # Never start on punctuation (a dateline dash) or end on it.
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return Span(doc[left].idx, doc[right].idx + len(doc[right]))


def _titled_person(head: Token) -> Token | None:
    """The person an organisation's name introduces as its officer, when the parser made the
    organisation the subject: "the Union of Rail Workers President Paul Durand said" -> Durand
    (a person's name right after a role noun, hanging from the organisation's name as the
    object of its preposition or as an appositive). Only a proper name introduces an officer
    so: in "Friends of President Durand said" the friends speak."""
    if head.pos_ != "PROPN" or head.ent_type_ == "PERSON":
        return None
    found = [c for c in head.rights if c.dep_ == "appos"]
    found += [o for p in head.rights if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for obj in found:
        if obj.ent_type_ != "PERSON" or obj.pos_ != "PROPN":
            continue
        if any(c.dep_ == "compound" and c.lower_ in ROLE_NOUNS for c in obj.lefts):
            return obj
    return None


def cue_subject(tok: Token, outside: Callable[[Token], bool] = lambda t: True) -> Token | None:
    """The speaker token of a cue: its subject, an inverted subject (`said Marchand`, `Said
    Ellis:`), the subject of the verb it is joined to (`..., adding that`, `After saying
    ..., she`), or the person a participle follows (`footage of Dana Whitfield asking,
    "..."`). Only tokens for which ``outside`` holds count (the parser may hang a word of
    the quote on the cue as its subject); punctuation and dates never speak."""

    def speaks(c: Token) -> bool:
        nominal = (
            c.pos_ in _NOMINAL
            or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or nominal_adjective(c)
        )
        return outside(c) and nominal and not c.is_punct and any(ch.isalnum() for ch in c.text)

    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "xcomp") and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.pos_ == "PROPN" and prev.dep_ in ("pobj", "dobj") and outside(prev):
            return prev
    cur: Token | None = tok
    for _ in range(5):
        if cur is None:
            return None
        subj = [c for c in cur.children if c.dep_ in _SUBJECT_DEPS and speaks(c)]
        if subj:
            if subj[0].lower_ in _RELATIVE and cur.dep_ == "relcl":
                return cur.head  # "Trump, who stiffed him, saying ..." -> Trump
            return _titled_person(subj[0]) or subj[0]
        if cue_lemma(cur) == "say":
            inverted = [
                c
                for c in cur.rights
                if c.dep_ in ("dobj", "attr", "npadvmod", "appos")
                and c.pos_ in ("PROPN", "NOUN")
                and c.ent_type_ not in _WHEN_ENTS
                and speaks(c)
            ]
            if inverted:
                return inverted[0]
        if cur is tok and cur.dep_ == "compound" and cur.head.pos_ == "PROPN":
            # "Said Ellis: ..." parsed as one name whose first word is the verb
            return cur.head if speaks(cur.head) else None
        if any(
            c.dep_ in _SUBJECT_DEPS and outside(c) and any(ch.isalnum() for ch in c.text)
            for c in cur.children
        ):
            # "X has been silent, and some close to X say ...": a verb with a subject of its
            # own (one that cannot be a speaker's head) does not borrow the first verb's
            return None
        if cur.dep_ in ("conj", "advcl", "xcomp", "pcomp", "relcl") and cur.head.i != cur.i:
            if cur.dep_ == "relcl":
                return cur.head
            cur = cur.head
        elif cur.dep_ == "prep" and cur.pos_ in ("ADP", "SCONJ") and cur.head.i != cur.i:
            cur = cur.head  # "After saying ..., she was ...": up from the preposition
        else:
            return None
    return None


class _Context:
    """Per-document lookups shared by the attribution steps."""

    def __init__(
        self, doc: Doc, quoted: list[QuotedSpan], paragraphs: list[Span], text: str | None
    ) -> None:
        self.doc = doc
        # Doc.text joins every token's text anew on each access
        self.text = doc.text if text is None else text
        self.quoted = quoted
        self.paragraphs = paragraphs
        # char offset -> index of the quote whose marks or content cover it
        self.inside = [-1] * (len(self.text) + 1)
        for qi, q in enumerate(quoted):
            hi = min(q.close_mark + 1 if q.close_mark is not None else q.end, len(self.text))
            if hi > q.open_mark:
                self.inside[q.open_mark : hi] = [qi] * (hi - q.open_mark)
        #: the tokens, made once (iterating a Doc builds new Token objects every time)
        self.tokens = list(doc)
        # token -> (start, end) of its sentence: Token.sent walks doc.sents on every call
        self._sent_bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            self._sent_bounds[sent.start : sent.end] = [(sent.start, sent.end)] * len(sent)

    def in_quote(self, tok: Token) -> int:
        return self.inside[tok.idx]

    def sent(self, tok: Token) -> SpanT:
        """The sentence of ``tok``."""
        start, end = self._sent_bounds[tok.i]
        return self.doc[start:end]

    def sentence_of(self, pos: int) -> int:
        """Index of the token's sentence start at ``pos`` (a sentence id)."""
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return self._sent_bounds[span[0].i][0] if span is not None and len(span) else -1

    def paragraph_of(self, pos: int) -> int:
        for i, p in enumerate(self.paragraphs):
            if p.start <= pos < p.end:
                return i
        return -1

    def tokens_between(self, start: int, end: int) -> list[Token]:
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return [t for t in span if start <= t.idx < end] if span is not None else []


def attribute(
    doc: Doc, quoted: list[QuotedSpan], paragraphs: list[Span], *, text: str | None = None
) -> list[Attribution]:
    """Every quote of the document with its cue and speaker phrase, in text order.

    ``text`` is ``doc.text`` when the caller has it already (building it costs a pass over
    the tokens)."""
    ctx = _Context(doc, quoted, paragraphs, text)
    found: list[Attribution] = []
    used_cues: set[int] = set()
    prev: tuple[QuotedSpan, Attribution] | None = None
    for qi, q in enumerate(quoted):
        turns = _transcript_turns(ctx, q)
        if turns:
            for label, start, end in turns:
                turn = Attribution("direct", start, end)
                _set_pattern_speaker(ctx, turn, label.start, label.end)
                found.append(turn)
            prev = None
            continue
        att = _direct(ctx, qi, q)
        if att is not None:
            if prev is not None and att.kind == "partial" and _resumes(ctx, prev, q):
                att.kind = "direct"
            found.append(att)
            prev = (q, att)
            if att.cue is not None:
                used_cues.add(att.cue.start)
    found.extend(_indirect(ctx, found))
    found.extend(_according_to(ctx, found))
    found.extend(_parenthetical(ctx, found))
    # a partial quote inside a mixed quote is part of it, not a quote of its own
    mixed = [(a.start, a.end) for a in found if a.kind == "mixed"]
    found = [
        a
        for a in found
        if a.kind != "partial" or not any(s <= a.start and a.end <= e for s, e in mixed)
    ]
    found.sort(key=lambda a: a.start)
    _link_continuations(ctx, found)
    return found


#: "WALLACE: " opening a paragraph of a quoted transcript.
_TURN_LABEL = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}):[ \t]+(?=\S)")


def _transcript_turns(ctx: _Context, q: QuotedSpan) -> list[tuple[Span, int, int]]:
    """The speaker turns of a quoted transcript (`"WALLACE: ... "PENCE: ...`), each as
    (speaker label, content start, content end); empty unless the quote runs over several
    paragraphs that open with a capitalised label."""
    paras = [p for p in ctx.paragraphs if p.end > q.start and p.start < q.end]
    labels: list[tuple[Span, int]] = []
    for p in paras:
        start = max(p.start, q.start)
        if ctx.text[start] in '"“«':  # each paragraph of a long quote reopens it
            start += 1
        m = _TURN_LABEL.match(ctx.text, start)
        if m is not None:
            labels.append((Span(m.start(1), m.end(1)), m.end()))
    if len(paras) < 2 or len(labels) < 2:
        return []
    turns = []
    for k, (label, start) in enumerate(labels):
        end = labels[k + 1][0].start if k + 1 < len(labels) else q.end
        while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in '"“”'):
            end -= 1
        turns.append((label, start, end))
    return turns


def _resumes(ctx: _Context, prev: tuple[QuotedSpan, Attribution], q: QuotedSpan) -> bool:
    """Whether ``q`` resumes the direct quote ``prev`` after an attribution that interrupts
    it: `“By locking in China,” Obama said, “it now allowed me ...”`."""
    pq, patt = prev
    if patt.kind != "direct" or pq.close_mark is None:
        return False
    # "Mr. Obama said," ends no sentence: drop the full stops of abbreviations first
    between = _ABBREVIATION.sub("", ctx.text[pq.close_mark + 1 : q.open_mark])
    tail = between.rstrip()
    if "\n" in between or any(c in between for c in ".!?;"):
        return False
    if not (tail.endswith(",") or tail.endswith((" but", " and"))):
        return False
    toks = [t for t in ctx.tokens_between(pq.close_mark + 1, q.open_mark) if not t.is_punct]
    return 0 < len(toks) <= 15 and any(is_cue(t) for t in toks)


def _quote_kind(text: str, q: QuotedSpan, para_start: int) -> QuoteKind:
    content = text[q.start : q.end]
    before = text[para_start : q.open_mark].rstrip()
    starts_upper = content[:1].isupper() or content[:1].isdigit() or content[:1] in "…."
    if not q.closed:
        return "direct" if starts_upper else "partial"
    at_clause_start = not before or before[-1] in '.!?:;—–-,"“”»«'
    ends_punct = content[-1:] in ".,!?…;:—"
    if starts_upper and (at_clause_start or (ends_punct and len(content.split()) > 2)):
        return "direct"
    return "partial"


def _direct(ctx: _Context, qi: int, q: QuotedSpan) -> Attribution | None:
    pi = ctx.paragraph_of(q.start)
    para = ctx.paragraphs[pi] if pi >= 0 else Span(0, len(ctx.text))
    kind = _quote_kind(ctx.text, q, para.start)
    att = Attribution(kind, q.start, q.end)
    content = ctx.tokens_between(q.start, q.end)
    if pi > 0 and _after_preposition(ctx, q) and _is_title(ctx, q, content):
        return None  # `in an interview on “Morning Desk,” Ortiz said`: a show, not a quote
    cue = _nearest(q, _cue_by_parse(ctx, content), _cue_after(ctx, q, para))
    cue = _nearest(q, cue, _cue_before(ctx, q, para))
    if cue is None and kind == "partial":
        cue = _headline_cue(ctx, content)
    if cue is not None:
        _set_cue(ctx, att, cue)
        if att.speaker is None and q.close_mark is not None and cue.idx > q.close_mark:
            _set_phrase_before_cue(ctx, att, q.close_mark + 1, cue)
        return att
    # No reporting verb: a dash or a headline colon may still name the speaker.
    if q.close_mark is not None:
        after = ctx.text[q.close_mark + 1 : para.end]
        m = _DASH_SPEAKER.match(after)
        # "— Commissioner Vogt" names someone; "-- and, when asked, ..." goes on the sentence
        if m and "\n" not in after[: m.end()] and after[m.end() : m.end() + 1].isupper():
            # the name ends at a comma, a full stop or where the next quote opens
            stop = re.search(r"[\n,.;\"“”«»]|$", after[m.end() :])
            end = q.close_mark + 1 + m.end() + (stop.start() if stop else 0)
            _set_pattern_speaker(ctx, att, q.close_mark + 1 + m.end(), end)
            return att
    colon_subject = _colon_subject(ctx, q, para)
    if colon_subject is not None:
        att.speaker = noun_phrase(ctx.doc, colon_subject)
        att.speaker_head = colon_subject.i
        return att
    line_start = ctx.text.rfind("\n", para.start, q.open_mark) + 1
    line_start = max(line_start, para.start)
    m = _HEADLINE_SPEAKER.match(ctx.text[line_start : q.open_mark])
    if m:
        _set_pattern_speaker(ctx, att, line_start + m.start(1), line_start + m.end(1))
    elif pi > 0 and _is_title(ctx, q, content):
        return None
    return att


def _nearest(q: QuotedSpan, first: Token | None, second: Token | None) -> Token | None:
    """Of two cue candidates, the one closer to the quote's marks (``first`` on a tie).

    The parser may hang a quote on a distant verb (`The spot concludes with footage of
    Trump saying, "..."`) while a reporting verb stands right beside it."""
    if first is None or second is None:
        return first or second

    def distance(tok: Token) -> int:
        close = q.close_mark if q.close_mark is not None else q.end
        return min(abs(tok.idx - q.open_mark), abs(tok.idx - close))

    return second if distance(second) < distance(first) else first


def _set_phrase_before_cue(ctx: _Context, att: Attribution, start: int, cue: Token) -> None:
    """The speaker of `"...," Flynn, a top surrogate, said` when the parser found no
    subject: the noun phrase that opens the words between the closing mark and the cue."""
    toks = [t for t in ctx.tokens_between(start, cue.idx) if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    run: list[Token] = []
    for t in toks:
        # the small tagger calls a capitalised place word a verb ("Tulsa police Chief ...")
        word = t.pos_ in ("DET", "ADJ", "PROPN", "NOUN", "PRON", "NUM") or t.text[:1].isupper()
        if not word or t.is_punct or ctx.in_quote(t) >= 0:
            break
        run.append(t)
    heads = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON") or t.ent_type_ == "PERSON"]
    if not heads:
        return
    person = [t for t in run if t.ent_type_ == "PERSON"]
    head = person[0] if person else heads[-1]
    if person:  # the last word of the first name in the run
        while head.i + 1 < len(ctx.doc) and ctx.doc[head.i + 1].ent_iob_ == "I":
            head = ctx.doc[head.i + 1]
    att.speaker = noun_phrase(ctx.doc, head)
    att.speaker_head = head.i


def _after_preposition(ctx: _Context, q: QuotedSpan) -> bool:
    """Whether the word before the opening mark is a preposition or a possessive
    (`on “Morning Desk”`, `CBS's “Face the Nation”`)."""
    before = ctx.tokens_between(max(0, q.open_mark - 12), q.open_mark)
    return bool(before) and (before[-1].pos_ == "ADP" or before[-1].tag_ == "POS")


def _colon_subject(ctx: _Context, q: QuotedSpan, para: Span) -> Token | None:
    """The subject of a clause that introduces the quote with a colon and no reporting
    verb: `Costa made the following remark: "..."`."""
    before = ctx.text[para.start : q.open_mark].rstrip()
    if not before.endswith(":"):
        return None
    toks = ctx.tokens_between(para.start, para.start + len(before))
    if len(toks) < 3:
        return None
    root = ctx.sent(toks[-1]).root
    if root.pos_ not in ("VERB", "AUX") or ctx.in_quote(root) >= 0:
        return None
    subj = [c for c in root.children if c.dep_ in _SUBJECT_DEPS and ctx.in_quote(c) < 0]
    if not subj or subj[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return subj[0]


_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


def _is_title(ctx: _Context, q: QuotedSpan, content: list[Token]) -> bool:
    """A show, book or law title or a nickname in quotation marks (`on CBS's “Face the
    Nation”`, `Rep. Robert C. "Bobby" Scott`), not something anyone said."""
    words = [t for t in content if not t.is_punct and not t.is_space]
    if not words or len(words) > 6:
        return False
    if not all(
        t.text[:1].isupper() or t.text[:1].isdigit() or t.lower_ in _TITLE_SMALL_WORDS
        for t in words
    ):
        return False
    if len(words) > 1:
        return True
    doc = ctx.doc
    before = doc[words[0].i - 2] if words[0].i >= 2 else None
    after = doc[words[-1].i + 2] if words[-1].i + 2 < len(doc) else None
    return (
        before is not None
        and after is not None
        and before.pos_ == "PROPN"
        and after.pos_ == "PROPN"
    )


def _set_cue(ctx: _Context, att: Attribution, cue: Token) -> None:
    att.cue = Span(cue.idx, cue.idx + len(cue))
    subj = cue_subject(cue, lambda t: ctx.in_quote(t) < 0)
    # `Trump was defensive about an architect who said he was stiffed, saying, "..."`: a
    # participle without a subject of its own speaks for the subject of its sentence (the
    # root's, else the first one), wherever the parser hung it (not `footage of Trump saying`)
    own = any(c.dep_ in _SUBJECT_DEPS for c in cue.children)
    if cue.tag_ == "VBG" and not own and (subj is None or subj.i != cue.i - 1):
        sent = ctx.sent(cue)
        subjects = [
            t
            for t in sent
            if t.i < cue.i
            and t.dep_ == "nsubj"
            and t.pos_ in ("PROPN", "NOUN", "PRON")
            and ctx.in_quote(t) < 0
        ]
        main = [t for t in subjects if t.head.i == sent.root.i]
        if main or subjects:
            subj = (main or subjects)[0]
    if subj is not None:
        att.speaker = noun_phrase(ctx.doc, subj)
        att.speaker_head = subj.i


def _set_pattern_speaker(ctx: _Context, att: Attribution, start: int, end: int) -> None:
    toks = [t for t in ctx.tokens_between(start, end) if not t.is_punct and not t.is_space]
    if not toks:
        return
    # The head is the token of the phrase whose head lies outside it (the phrase's root).
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    head = next((t for t in heads if t.pos_ in ("PROPN", "NOUN", "PRON")), heads[0])
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if head.ent_type_ == "PERSON":
        # "Commissioner Anna Berg, EU" -> just the name phrase
        span = noun_phrase(ctx.doc, head)
        start, end = max(start, span.start), min(end, span.end)
    att.speaker = Span(start, end)
    att.speaker_head = head.i


def _cue_by_parse(ctx: _Context, content: list[Token]) -> Token | None:
    """The reporting verb the quote's root hangs from (at most two steps up)."""
    ids = {t.i for t in content}
    for tok in content:
        if tok.head.i in ids:
            continue
        cur = tok.head
        for _ in range(2):
            if is_cue(cur) and ctx.in_quote(cur) < 0:
                return cur
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return None


def _cue_after(ctx: _Context, q: QuotedSpan, para: Span) -> Token | None:
    """`"Q," Marchand told ...`, `"Q," said Marchand`, `"Q," the French minister told`."""
    if q.close_mark is None:
        return None
    after = ctx.tokens_between(q.close_mark + 1, para.end)
    for n, tok in enumerate(after):
        if n > 8 or tok.text in _SENT_END or ctx.in_quote(tok) >= 0 or tok.text in ";":
            break
        if is_cue(tok):
            return tok
    return None


def _cue_before(ctx: _Context, q: QuotedSpan, para: Span) -> Token | None:
    """`Marchand said: "Q"`, `said Marchand, "Q"`, `she added, "Q"`."""
    before = ctx.text[para.start : q.open_mark].rstrip()
    if not before or before[-1] not in ":,":
        return None
    toks = ctx.tokens_between(para.start, len(before) + para.start)
    for n, tok in enumerate(reversed(toks)):
        if n > 12 or ctx.in_quote(tok) >= 0 or (tok.text in _SENT_END and n > 0):
            break
        if is_cue(tok):
            return tok
    return None


def _headline_cue(ctx: _Context, content: list[Token]) -> Token | None:
    """A partial quote in a headline-like clause: `minister sees deal "likely"`."""
    if not content:
        return None
    root = ctx.sent(content[0]).root
    if (
        root.lemma_.lower() in HEADLINE_CUE_LEMMAS
        and ctx.in_quote(root) < 0
        and any(c.dep_ in _SUBJECT_DEPS for c in root.children)
    ):
        return root
    return None


def _indirect(ctx: _Context, found: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    taken = [(a.start, a.end, a.kind) for a in found]
    for tok in ctx.tokens:
        if not is_cue(tok) or ctx.in_quote(tok) >= 0 or _anticipated(tok):
            continue
        clauses = _reported_clauses(tok)
        for comp in clauses:
            lemma = tok.lemma_.lower()
            # "asked whether the deals required ...": a reported question
            marks = ("that", "whether", "if") if lemma == "ask" else ("that",)
            marked = any(c.dep_ == "mark" and c.lower_ in marks for c in comp.children)
            span = _clause_span(ctx, comp)
            if span is None:
                continue
            start, end = span
            mixed = _mixed_span(ctx, start, end, taken)
            if mixed is not None:
                kind: QuoteKind = "mixed"
                start, end = mixed
            elif (lemma in WEAK_CUE_LEMMAS and not marked) or _covered(start, end, taken):
                continue
            else:
                kind = "indirect"
            att = Attribution(kind, start, end)
            _set_cue(ctx, att, tok)
            out.append(att)
            taken.append((start, end, kind))
        if not clauses:
            # "called Trump a “pathological liar”", "vowed to punish “those who ...”"
            span = _argument_span(ctx, tok)
            mixed = _mixed_span(ctx, *span, taken) if span is not None else None
            if mixed is not None:
                att = Attribution("mixed", *mixed)
                _set_cue(ctx, att, tok)
                out.append(att)
                taken.append((*mixed, "mixed"))
            elif cue_lemma(tok) in _INFINITIVE_CUE_LEMMAS:
                pledged = _infinitive_span(ctx, tok)
                if pledged is not None and not _covered(*pledged, taken):
                    att = Attribution("indirect", *pledged)
                    _set_cue(ctx, att, tok)
                    out.append(att)
                    taken.append((*pledged, "indirect"))
    return out


#: Verbs whose to-infinitive is an act still to come ("is expected to announce that ...",
#: "plans to say"): what that act will say is nobody's statement yet.
_ANTICIPATING_LEMMAS = frozenset(
    {"expect", "plan", "intend", "hope", "set", "schedule", "due", "likely", "prepare"}
)


#: Forms of "be" before "going to" (the tagger's lemma of "is" is not always "be").
_BE_FORMS = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"})


def _anticipated(cue: Token) -> bool:
    """Whether a reporting verb names a speech act still to come: "will announce that",
    "is expected to announce that", "is going to tell" (but "went on to say" is said)."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "’ll") for c in cue.children):
        return True
    if cue.dep_ != "xcomp":
        return False
    head = cue.head
    if head.lemma_.lower() in ("go", "going") or head.lower_ == "going":
        return (
            head.tag_ == "VBG"
            and any(c.dep_ == "aux" and c.lower_ in _BE_FORMS for c in head.children)
            and not any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children)
        )
    return head.lemma_.lower() in _ANTICIPATING_LEMMAS


#: Verbs that report a promise, threat or appeal by a to-infinitive ("vowed to stay",
#: "urged Congress to act").
_INFINITIVE_CUE_LEMMAS = frozenset({"vow", "pledge", "promise", "threaten", "urge", "warn"})


def _infinitive_span(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """`pledged to remain civil`, `urged Congress to leave the program intact`: the
    addressee (if any) and the to-infinitive, as one span; None for a passive cue ("was
    urged to ...") or no infinitive."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return None
    inf = next(
        (
            c
            for c in cue.rights
            if c.dep_ == "xcomp"
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if inf is None:
        return None
    obj = next((c for c in cue.rights if c.dep_ == "dobj" and c.i < inf.i), None)
    toks = sorted({t.i for t in inf.subtree} | ({t.i for t in obj.subtree} if obj else set()))
    first, last = ctx.doc[toks[0]], ctx.doc[toks[-1]]
    while last.i > first.i and (last.is_punct or last.is_space):
        last = ctx.doc[last.i - 1]
    if len([t for t in ctx.doc[first.i : last.i + 1] if not t.is_punct]) < 3:
        return None
    return first.idx, last.idx + len(last)


_ARGUMENT_DEPS = frozenset({"dobj", "oprd", "xcomp", "attr", "acomp", "prep", "advcl"})


def _argument_span(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """The words a cue without a reported clause takes to its right (object, predicate,
    "as ..." phrase), as one span; None when it takes none."""
    args = [c for c in cue.rights if c.dep_ in _ARGUMENT_DEPS]
    if not args:
        return None
    toks = sorted({t.i for a in args for t in a.subtree})
    first, last = ctx.doc[toks[0]], ctx.doc[toks[-1]]
    while last.i > first.i and (last.is_punct or last.is_space):
        last = ctx.doc[last.i - 1]
    return first.idx, last.idx + len(last)


#: Share of a reported clause's characters inside quotation marks that makes it mixed.
MIXED_MIN_QUOTED = 0.5


def _mixed_span(
    ctx: _Context, start: int, end: int, taken: list[tuple[int, int, QuoteKind]]
) -> tuple[int, int] | None:
    """The span of a mixed quote when the reported clause ``start``-``end`` is mostly the
    speaker's own words in quotation marks (`He said the nation has become “more interested
    in protecting the criminals”`); None otherwise. The span reaches the end of a partial
    quote that runs past the clause."""
    partials = [(s, e) for s, e, k in taken if k == "partial" and s < end and e > start]
    if not partials or any(
        k in ("direct", "mixed", "indirect") and s < end and e > start for s, e, k in taken
    ):
        return None
    end = max(end, *(e for _, e in partials))
    # counted as a gold direct quote is: whitespace and the marks themselves do not count
    chars = [i for i in range(start, end) if not ctx.text[i].isspace()]
    chars = [i for i in chars if ctx.text[i] not in _DOUBLE_MARKS]
    quoted = sum(1 for i in chars if ctx.inside[i] >= 0)
    if not chars or quoted < MIXED_MIN_QUOTED * len(chars):
        return None
    # the clause's own first and last marks belong to it
    if start > 0 and ctx.text[start - 1] in _DOUBLE_MARKS:
        start -= 1
    if end < len(ctx.text) and ctx.text[end] in _DOUBLE_MARKS:
        end += 1
    return start, end


def _reported_clauses(cue: Token) -> list[Token]:
    """Clausal complements of a cue, and the that-clause the parser hung on a noun of it
    ("said in a statement that ...", "expressed disbelief that ...")."""
    out = [c for c in cue.children if c.dep_ == "ccomp"]
    for obj in cue.children:
        if obj.dep_ == "dobj" and obj.lower_ in STANCE_NOUNS:
            out += _that_clauses(obj, ("acl", "ccomp", "relcl"))
    for prep in cue.children:
        if prep.dep_ == "prep":
            for pobj in prep.children:
                out += _that_clauses(pobj, ("acl", "relcl"))
    return out


def _that_clauses(noun: Token, deps: tuple[str, ...]) -> list[Token]:
    """The clauses hung on ``noun`` by one of ``deps`` that open with "that"."""
    return [
        cl
        for cl in noun.children
        if cl.dep_ in deps and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children)
    ]


def _clause_span(ctx: _Context, comp: Token) -> tuple[int, int] | None:
    # "said it was opposed and warned the North ...": a reporting verb the parser joined to
    # the reported clause is the speaker's next act, not part of what was said
    cut = {
        t.i
        for c in comp.children
        if c.dep_ == "conj" and is_cue(c) and ctx.in_quote(c) < 0
        for t in c.subtree
    }
    cut |= {c.i for c in comp.children if c.dep_ == "cc" and c.i + 1 in cut}
    toks = [t for t in comp.subtree if t.i not in cut]
    # the complementiser is not part of what was said
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if")):
        toks = toks[1:]
    # "said on Monday she expected": the date belongs to the saying, not to what was said
    while toks and toks[0].pos_ == "ADP" and toks[0].head.i == comp.i:
        pp = list(toks[0].subtree)
        if not all(t.ent_type_ in ("DATE", "TIME") for t in pp[1:]) or len(pp) < 2:
            break
        toks = toks[len(pp) :]
    # a headline "Topic: clause, X says" reports only the clause after the colon
    colons = [n for n, t in enumerate(toks) if t.text == ":" and t.i < comp.head.i]
    if colons:
        toks = toks[colons[-1] + 1 :]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _covered(start: int, end: int, taken: list[tuple[int, int, QuoteKind]]) -> bool:
    """True when a clause is already a quote: it overlaps a direct quote, or quoted partial
    content makes up most of it, or it repeats an indirect one."""
    quoted = 0
    for s, e, kind in taken:
        overlap = min(end, e) - max(start, s)
        if overlap <= 0:
            continue
        if kind == "direct" or kind == "indirect":
            return True
        quoted += overlap
    return quoted > 0.6 * (end - start)


def _according_to(ctx: _Context, found: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    taken = [(a.start, a.end, a.kind) for a in found]
    for tok in ctx.tokens:
        if tok.lower_ != "according" or ctx.in_quote(tok) >= 0:
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            to = ctx.doc[tok.i + 1]
        if to is None:
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        head = tok.head if tok.head.i != tok.i else None
        if head is None or head.i == to.i:
            continue
        # the clause is the head's sentence minus the "according to X" phrase
        drop = {t.i for t in tok.subtree}
        sent = ctx.sent(head)
        toks = [t for t in sent if t.i not in drop and not t.is_space]
        while toks and toks[0].is_punct:
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if len([t for t in toks if not t.is_punct]) < 3:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if _covered(start, end, taken):
            continue
        att = Attribution("indirect", start, end, cue=Span(tok.idx, to.idx + len(to)))
        if source is not None:
            att.speaker = noun_phrase(ctx.doc, source)
            att.speaker_head = source.i
        out.append(att)
    return out


#: Words a parenthetical reporting clause may hold after its verb ("he said on Monday",
#: "Stumpf explained earlier in the hearing").
_ASIDE_POS = frozenset({"ADV", "ADP", "DET", "NOUN", "PROPN", "NUM", "ADJ", "PART", "PRON"})


def _parenthetical(ctx: _Context, found: list[Attribution]) -> list[Attribution]:
    """Reported speech around a reporting clause set off by commas, the clause taking no
    complement of its own: `Though the transition was smooth, he said, replacing her would
    be bitter.`, `That is why, he argued, the party must prepare.` The quote is the
    sentence without the aside."""
    out: list[Attribution] = []
    taken = [(a.start, a.end, a.kind) for a in found]
    doc = ctx.doc
    for tok in ctx.tokens:
        if not is_cue(tok) or ctx.in_quote(tok) >= 0 or cue_lemma(tok) in WEAK_CUE_LEMMAS:
            continue
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
            continue
        subj = cue_subject(tok, lambda t: ctx.in_quote(t) < 0)
        if subj is None or not (tok.i - 4 <= subj.i < tok.i):
            continue
        first = doc[noun_phrase(doc, subj).start : noun_phrase(doc, subj).end]
        lo = first.start if len(first) else subj.i
        if lo == 0 or doc[lo - 1].text != ",":
            continue
        sent = ctx.sent(tok)
        hi = tok.i + 1
        while hi < sent.end and doc[hi].pos_ in _ASIDE_POS and doc[hi].text != ",":
            hi += 1
        if hi >= sent.end or doc[hi].text not in (",", ".", "!", "?"):
            continue
        aside = set(range(lo - 1, hi + 1 if doc[hi].text == "," else hi))
        toks = [t for t in sent if t.i not in aside and not t.is_space]
        while toks and toks[0].is_punct:
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        words = [t for t in toks if not t.is_punct]
        if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if _covered(start, end, taken):
            continue
        att = Attribution("indirect", start, end)
        _set_cue(ctx, att, tok)
        out.append(att)
        taken.append((start, end, "indirect"))
    return out


def _link_continuations(ctx: _Context, atts: list[Attribution]) -> None:
    """Give quotes with no speaker of their own the speaker of their neighbour.

    In order: a quote paragraph after a paragraph ending in a colon takes that paragraph's
    cue; a quote takes the previous attribution in its paragraph, else the next one in it,
    else the last one of the previous paragraph when the quote opens its paragraph.
    """
    for i, att in enumerate(atts):
        if att.speaker is not None or att.kind in ("indirect", "mixed"):
            continue
        pi = ctx.paragraph_of(att.start)
        if pi < 0:
            continue
        para = ctx.paragraphs[pi]
        opens_para = att.start - 1 <= para.start
        if opens_para and pi > 0:
            prev = ctx.paragraphs[pi - 1]
            if ctx.text[prev.start : prev.end].rstrip().endswith(":"):
                cue = _last_cue(ctx, prev)
                if cue is not None:
                    _set_cue(ctx, att, cue)
                    if att.speaker is not None:
                        continue
                elif att.kind == "direct" and _set_intro_subject(ctx, att, prev.end):
                    continue  # `Sanders made the following comment:` + quote paragraph
        same = [
            j
            for j, a in enumerate(atts)
            if j != i and a.speaker is not None and ctx.paragraph_of(a.start) == pi
        ]
        if att.kind == "partial":
            # a fragment in a sentence with no cue of its own is a label or scare quote
            # ("the so-called “reform”"); it takes a speaker only from its own sentence
            sent = ctx.sentence_of(att.start)
            same = [j for j in same if ctx.sentence_of(atts[j].start) == sent]
        before = [j for j in same if j < i]
        after = [j for j in same if j > i]
        if before:
            att.inherit_from = before[-1]
        elif after and att.kind == "direct":
            att.inherit_from = after[0]
        elif (
            att.kind == "direct"
            and not opens_para
            and _set_intro_subject(ctx, att, _open_mark_before(ctx, att.start))
        ):
            continue  # `Cummings called him a master of deals. "He showed ..."`
        elif opens_para and att.kind == "direct" and pi > 0:
            prev_atts = [
                j
                for j, a in enumerate(atts)
                if a.speaker is not None and ctx.paragraph_of(a.start) == pi - 1
            ]
            if prev_atts:
                att.inherit_from = prev_atts[-1]
        if att.inherit_from is not None:
            src = atts[att.inherit_from]
            while src.inherit_from is not None:
                src = atts[src.inherit_from]
            att.cue = src.cue


def _open_mark_before(ctx: _Context, start: int) -> int:
    """Offset of the quotation mark that opens the content starting at ``start``."""
    pos = start - 1
    while pos > 0 and ctx.text[pos].isspace():
        pos -= 1
    return pos


#: Who can introduce a quote without a reporting verb: persons, not things or places.
_INTRO_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def _set_intro_subject(ctx: _Context, att: Attribution, end: int) -> bool:
    """Give ``att`` the subject of the sentence that ends right before ``end`` (the quote's
    opening mark, or the end of the paragraph before the quote) when that sentence ends
    with a full stop or a colon and its subject is a person (`Sanders made the following
    comment:`, `His partner, Lawrence Cummings, called him a master. "He showed ..."`).
    News style has the person a sentence is about speak the cue-less quote after it."""
    toks = ctx.tokens_between(max(0, end - 200), end)
    toks = [t for t in toks if not t.is_space]
    if not toks or toks[-1].text not in (".", ":") or ctx.in_quote(toks[-1]) >= 0:
        return False
    root = ctx.sent(toks[-1]).root
    if root.pos_ not in ("VERB", "AUX") or ctx.in_quote(root) >= 0:
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj" and ctx.in_quote(c) < 0), None)
    if subj is None:
        return False
    person = subj.ent_type_ == "PERSON" or subj.lower_ in _INTRO_PRONOUNS
    if not person and subj.pos_ == "NOUN":
        # "His former business partner at Lenox, Lawrence B. Cummings, called ..."
        names = [t for t in subj.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
        if names:
            subj, person = names[0], True
    if not person:
        return False
    att.speaker = noun_phrase(ctx.doc, subj)
    att.speaker_head = subj.i
    return True


def _last_cue(ctx: _Context, para: Span) -> Token | None:
    cues = [t for t in ctx.tokens_between(para.start, para.end) if is_cue(t)]
    cues = [t for t in cues if ctx.in_quote(t) < 0]
    return cues[-1] if cues else None
