"""Resolving mentions to the actors of one article, by rules (no neural coreference).

Mentions are read in text order: person names (grouped by surname), role nouns ("the
minister"), pronouns, group and organisation phrases. Pronouns go to the most salient
compatible person: the subject of the most recent sentence that mentions one, else the most
recent one; genders learned from pronouns, honorifics and gendered role nouns keep "he" off an
actor already called "she". A role noun goes to the actor whose roles share its head noun.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rashomon.analysis.attribution import Attribution, is_cue, nominal_adjective, noun_phrase
from rashomon.analysis.cues import (
    GENDERED_ROLES,
    GROUP_NOUNS,
    HONORIFICS,
    MESSAGE_NOUNS,
    ORG_NOUNS,
    PLATFORM_NAMES,
    PRONOUN_GENDER,
    ROLE_NOUNS,
)
from rashomon.analysis.model import ActorKind, LocalActor, Mention
from rashomon.analysis.names import RANKS, fold, given, role_head, split_suffix, title
from rashomon.article import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CandKind = Literal["name", "pronoun", "it", "role", "group", "org", "other"]

_TITLES = frozenset(("sen", "rep", "gov", "gen", "lt", "col", "pres", "sgt", "cmdr", "adm", "st"))
_ROLE_WORDS = ROLE_NOUNS | _TITLES
_TITLE_OR_ROLE = _ROLE_WORDS | {_h.rstrip(".") for _h in HONORIFICS}
#: Role heads that name the same kind of position.
_SYNONYMS = (
    frozenset({"leader", "head", "chief", "chairman", "chairwoman", "chair", "boss", "president"}),
    frozenset({"spokeswoman", "spokesman", "spokesperson"}),
)
_INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
_PRONOUN_WINDOW = 6  # sentences a pronoun looks back
_GROUP_WINDOW = 3


@dataclass
class _Cand:
    start: int
    end: int
    head: int
    kind: CandKind
    sent: int
    subject: bool
    in_quote: bool
    atts: list[int] = field(default_factory=list)
    definite: bool = True
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    name_tokens: tuple[str, ...] = ()


@dataclass
class _Actor:
    id: str
    name: str
    kind: ActorKind
    first: int
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    role_only: bool = False
    #: end of a role-only actor's whole phrase: "for Berg" in "a spokesman for Berg" is in it
    phrase_end: int = -1
    first_para: int = 0
    first_names: set[str] = field(default_factory=set)
    family: str | None = None  # "jr" or "sr": Donald Trump Jr. is not Donald Trump
    merged_into: str | None = None


@dataclass
class _Seen:
    start: int
    actor: _Actor
    sent: int
    subject: bool
    in_quote: bool
    verb: int = -1  # the verb a subject mention is the subject of


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").strip(".")


def _role_head(phrase: str) -> str | None:
    return role_head([_norm(w) for w in phrase.split()])


def _same_role(a: str, b: str) -> bool:
    a, b = title(a), title(b)
    return a == b or any(a in s and b in s for s in _SYNONYMS)


class _Resolver:
    def __init__(
        self,
        doc: Doc,
        quote_spans: list[Span],
        paragraphs: list[Span],
        text: str,
        *,
        outlet: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = text
        self.quote_spans = quote_spans
        self.paragraphs = paragraphs
        self.actors: list[_Actor] = []
        self.by_key: dict[str, list[_Actor]] = {}
        self.seen: list[_Seen] = []
        #: merged actor (by id()) -> the actor it was merged into
        self.alias: dict[int, _Actor] = {}
        #: the tokens, made once (iterating a Doc builds new Token objects every time)
        self.tokens = list(doc)
        self.sent_index = [0] * len(doc)
        si = -1
        for tok in self.tokens:
            if tok.is_sent_start or si < 0:
                si += 1
            self.sent_index[tok.i] = si
        outlet_key = _norm(outlet) if outlet else None
        #: PERSON entities, less any that is the article's own outlet or a social platform
        self.persons = [
            e
            for e in doc.ents
            if e.label_ == "PERSON"
            and _norm(e.text) != outlet_key
            and " ".join(e.text.casefold().split()) not in PLATFORM_NAMES
        ]
        self.person_ent: dict[int, tuple[int, int]] = {}
        for ent in self.persons:
            for i in range(ent.start, ent.end):
                self.person_ent[i] = (ent.start, ent.end)

    # -- helpers ---------------------------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        return any(q.start <= pos < q.end for q in self.quote_spans)

    def para_of(self, pos: int) -> int:
        return next((i for i, p in enumerate(self.paragraphs) if p.start <= pos < p.end), 0)

    def new_actor(self, name: str, kind: ActorKind, pos: int) -> _Actor:
        actor = _Actor(id="", name=name, kind=kind, first=pos, first_para=self.para_of(pos))
        self.actors.append(actor)
        return actor

    def is_subject(self, tok: Token) -> bool:
        cur = tok
        # a name inside "Transport Minister Hélène Marchand" hangs from the phrase's head
        for _ in range(3):
            if cur.dep_ in ("nsubj", "nsubjpass"):
                return True
            if cur.dep_ not in ("compound", "flat", "appos") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def cand(self, span: Span, head: Token, kind: CandKind) -> _Cand:
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        return _Cand(
            start=span.start,
            end=span.end,
            head=head.i,
            kind=kind,
            sent=self.sent_index[head.i],
            subject=self.is_subject(head),
            in_quote=self.in_quote(span.start),
            definite=det not in _INDEFINITE,
        )

    # -- collecting ------------------------------------------------------------------------
    def collect(self, atts: list[Attribution]) -> list[_Cand]:
        doc = self.doc
        cands: list[_Cand] = []
        surnames: set[str] = set()
        for ent in self.persons:
            toks = list(ent)
            while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s")):
                toks = toks[:-1]
            cut = max(
                (
                    i + 1
                    for i, t in enumerate(toks)
                    if _norm(t.text) in _ROLE_WORDS | set(HONORIFICS)
                ),
                default=0,
            )
            name = [t for t in toks[cut:] if not t.is_punct]
            # NER may run a name into the verb before it ("Said Brandt")
            while len(name) > 1 and (name[0].pos_ == "VERB" or is_cue(name[0])):
                name = name[1:]
            if not name or not name[-1].text[:1].isupper():
                continue
            c = self.cand(Span(name[0].idx, name[-1].idx + len(name[-1])), name[-1], "name")
            c.subject = self.is_subject(ent.root)
            c.name_tokens = tuple(t.text for t in name)
            c.gender = self._honorific_gender(doc, name[0].i, toks[:cut])
            c.roles = self._roles_of(doc, name, toks[:cut])
            surnames.add(fold(split_suffix([t.text for t in name])[0][-1]))
            cands.append(c)
        for tok in self.tokens:
            low = tok.lower_
            if tok.i in self.person_ent:
                continue
            if low in PRONOUN_GENDER and tok.pos_ == "PRON" and low not in ("they", "them"):
                if not self.in_quote(tok.idx):
                    cands.append(self.cand(Span(tok.idx, tok.idx + len(tok)), tok, "pronoun"))
            elif (
                tok.pos_ in ("NOUN", "PROPN")
                and _norm(tok.lemma_) in ROLE_NOUNS
                and tok.tag_ not in ("NNS", "NNPS")
                and not (tok.dep_ in ("compound", "amod") and tok.head.i in self.person_ent)
                and any(c.dep_ in ("det", "poss") for c in tok.children)
            ):
                span = noun_phrase(doc, tok)
                cands.append(self.cand(span, tok, "role"))
        # a two- or three-word proper name as a subject is a person the NER missed
        taken = {c.head for c in cands}
        for tok in self.tokens:
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.pos_ == "PROPN"
                and tok.i not in self.person_ent
                and (
                    tok.ent_type_ in ("", "WORK_OF_ART")
                    # the small NER often calls a speaking person an ORG
                    or (tok.ent_type_ == "ORG" and is_cue(tok.head))
                )
                and tok.i not in taken
            ):
                parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
                words = [*parts, tok]
                if 2 <= len(words) <= 3 and words[-1].i - words[0].i == len(words) - 1:
                    if not all(w.text[:1].isupper() and w.text[1:].islower() for w in words):
                        continue
                    if any(_norm(w.text) in ORG_NOUNS for w in words):
                        continue
                    span = Span(words[0].idx, tok.idx + len(tok))
                    c = self.cand(span, tok, "name")
                    c.name_tokens = tuple(w.text for w in words)
                    surnames.add(fold(tok.text))
                    cands.append(c)
        # speaker phrases: names the NER missed ("Hélène Marchand" tagged WORK_OF_ART) teach
        # surnames first, so that a later bare "Marchand" is known as a person
        for att in atts:
            if att.speaker is not None and att.speaker_head >= 0:
                head = doc[att.speaker_head]
                if head.pos_ == "PROPN" and self._speaker_kind(head, surnames) == "name":
                    surnames.add(fold(head.text))
        heads = {c.head for c in cands}
        for tok in self.tokens:
            if tok.i in self.person_ent or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if fold(tok.text) in surnames and tok.i not in heads:
                c = self.cand(Span(tok.idx, tok.idx + len(tok)), tok, "name")
                c.name_tokens = _name_part(
                    [
                        t
                        for t in tok.doc[max(0, tok.i - 3) : tok.i + 1]
                        if t.pos_ == "PROPN" and (t.i == tok.i or t.head.i == tok.i)
                    ]
                )
                c.start = tok.idx - sum(len(t) + 1 for t in c.name_tokens[:-1])
                if self.text[c.start : c.end].split() != list(c.name_tokens):
                    c.start, c.name_tokens = tok.idx, (tok.text,)
                c.gender = self._honorific_gender(doc, tok.i - len(c.name_tokens) + 1, [])
                # the NER cut a name short ("Enrique Peña" of "Enrique Peña Nieto"): the
                # longer name replaces the name candidate it contains
                inner = _inner_name(cands, c)
                if inner is not None:
                    inner.start, inner.end, inner.head = c.start, c.end, c.head
                    inner.name_tokens = c.name_tokens
                    continue
                cands.append(c)
        for ai, att in enumerate(atts):
            if att.speaker is None or att.speaker_head < 0:
                continue
            head = doc[att.speaker_head]
            sp = att.speaker
            match = next((c for c in cands if c.head == head.i), None) or next(
                (
                    c
                    for c in cands
                    if sp.start <= c.start
                    and c.end <= sp.end
                    and not _in_complement(doc[c.head], head)
                ),
                None,
            )
            named = next(
                (
                    c
                    for c in cands
                    if c.kind == "name"
                    and doc[c.head].dep_ == "appos"
                    and doc[c.head].head.i == head.i
                ),
                None,
            )
            # a singular noun for a person ("director", "successor"), not "the company"
            is_role = (
                head.pos_ == "NOUN"
                and head.tag_ == "NN"
                and _norm(head.lemma_) not in ORG_NOUNS | GROUP_NOUNS | MESSAGE_NOUNS
            )
            if named is not None and is_role and (match is None or match.kind == "role"):
                # "the group's executive director, Mark Olsen, said": Olsen speaks, and the
                # role is his
                role = noun_phrase(doc, head)
                named.roles.append(_strip_det(self.text[role.start : role.end]))
                if match is not None:
                    cands.remove(match)
                    named.atts.extend(match.atts)
                match = named
            if match is None:
                kind = self._speaker_kind(head, surnames)
                if kind is None:
                    continue
                match = self.cand(sp, head, kind)
                if kind == "name":
                    phrase = doc.char_span(sp.start, sp.end, alignment_mode="expand")
                    propn = [t for t in phrase or () if t.pos_ == "PROPN"]
                    match.name_tokens = _name_part(propn) or (head.text,)
                cands.append(match)
            match.atts.append(ai)
        cands = _without_inner_names(cands)
        cands.sort(key=lambda c: c.start)
        return cands

    def _honorific_gender(self, doc: Doc, first: int, inside: list[Token]) -> str | None:
        words = [_norm(t.text) + "." for t in inside]
        if first > 0:
            words.append(_norm(doc[first - 1].text) + ".")
        for w in words:
            g = HONORIFICS.get(w) or HONORIFICS.get(w.rstrip("."))
            if g:
                return g
        return None

    def _roles_of(self, doc: Doc, name: list[Token], titles: list[Token]) -> list[str]:
        roles: list[str] = []
        # titles before the name: "French Transport Minister Hélène Marchand"
        first = titles[0].i if titles else name[0].i
        left = first
        ids = {t.i for t in name} | {t.i for t in titles}
        while left - 1 >= 0:
            tok = doc[left - 1]
            if tok.is_punct or tok.is_space or tok.dep_ in ("det", "punct"):
                break
            if not tok.pos_:
                # a sentence the selective parse left untagged: only title words count
                # ("President Tom Hale arrived later.")
                if not tok.text[:1].isupper() or _norm(tok.text) not in _TITLE_OR_ROLE:
                    break
                left -= 1
                continue
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "PART"):
                break
            # part of the same phrase: hangs from it, or the name hangs from it (appos)
            if tok.head.i not in ids and not any(doc[i].head.i == tok.i for i in ids):
                break
            ids.add(tok.i)
            left -= 1
        pre = doc[left : name[0].i]
        words = [_norm(t.text) for t in pre if not t.is_punct]
        if (
            words
            and any(w in _ROLE_WORDS for w in words)
            and not all(w in HONORIFICS for w in words)
        ):
            roles.append(pre.text.strip())
        # appositive: "Paul Girard, head of the Federation of Rail Workers, said"
        root = name[-1]
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i not in self.person_ent:
                toks = [t for t in child.subtree if not t.is_space]
                while toks and toks[-1].is_punct:
                    toks = toks[:-1]
                if toks and len(toks) <= 12:
                    roles.append(doc[toks[0].i : toks[-1].i + 1].text)
        return roles

    def _speaker_kind(self, head: Token, surnames: set[str]) -> CandKind | None:
        low = head.lower_
        lemma = _norm(head.lemma_)
        if low in PRONOUN_GENDER:
            return "pronoun" if low not in ("they", "them") else "group"
        if low == "it":
            return "it"
        if head.pos_ == "PRON":
            return None  # I, we, you, who: no actor to name here
        if head.pos_ == "ADJ":
            # "some close to the mayor"; "the former" is someone named before
            return "group" if nominal_adjective(head) else None
        if head.i in self.person_ent or fold(head.text) in surnames:
            return "name"
        if lemma in GROUP_NOUNS or _norm(head.text) in GROUP_NOUNS:
            return "group"
        if head.ent_type_ in ("ORG", "GPE", "NORP") and (
            head.ent_type_ != "ORG"
            or lemma in ORG_NOUNS
            or head.ent_iob_ == "I"
            or any(t.ent_iob_ == "I" for t in head.rights if t.i == head.i + 1)
        ):
            return "org"
        if lemma in ORG_NOUNS:
            return "org"
        if lemma in ROLE_NOUNS or lemma in GENDERED_ROLES:
            return "role"
        if head.tag_ in ("NNS", "NNPS"):
            return "group"
        if head.pos_ == "PROPN":
            return "name"
        return "other"

    # -- resolving -------------------------------------------------------------------------
    def resolve(self, cands: list[_Cand]) -> dict[int, _Actor]:
        """Actor of each candidate that refers to one, keyed by candidate index."""
        out: dict[int, _Actor] = {}
        for ci, c in enumerate(cands):
            actor = self._resolve_one(c)
            if actor is None:
                continue
            out[ci] = actor
            text = self.text[c.start : c.end]
            actor.mentions.append(Mention(c.start, c.end, text))
            verb = self.doc[c.head].head.i if c.subject else -1
            self.seen.append(_Seen(c.start, actor, c.sent, c.subject, c.in_quote, verb))
        self._merge_role_only()
        return out

    def _resolve_one(self, c: _Cand) -> _Actor | None:
        text = self.text[c.start : c.end]
        speaker = bool(c.atts)
        if c.kind == "name":
            return self._name(c)
        if c.kind == "pronoun":
            return self._pronoun(c, text.lower())
        if c.kind == "it":
            return self._recent(c, ("organization",)) if speaker else None
        if c.kind == "group" and text.lower() in ("they", "them"):
            return self._recent(c, ("group", "organization")) if speaker else None
        if c.kind == "role":
            return self._role(c, text, speaker)
        if not speaker:
            return None
        kind: ActorKind = {"group": "group", "org": "organization"}.get(c.kind, "unknown")  # type: ignore[assignment]
        key = f"{kind}:{_strip_det(text).lower()}"
        found = self.by_key.get(key)
        if found:
            return found[-1]
        actor = self.new_actor(_strip_det(text), kind, c.start)
        self.by_key[key] = [actor]
        return actor

    def _name(self, c: _Cand) -> _Actor:
        tokens = c.name_tokens or (self.text[c.start : c.end],)
        words, family = split_suffix(list(tokens))
        surname = fold(words[-1])
        firsts = {given(t) for t in words[:-1]}
        actor: _Actor | None = None
        for a in reversed(self.by_key.get(f"person:{surname}", [])):
            if firsts and a.first_names and a.family != family:
                continue
            if not firsts or not a.first_names or firsts & a.first_names:
                actor = a
                break
        if actor is None and len(words) >= 3:
            # "Enrique Peña Nieto" after "Enrique Peña": a double surname, same given name
            actor = next(
                (
                    a
                    for a in reversed(self.by_key.get(f"person:{fold(words[-2])}", []))
                    if given(words[0]) in a.first_names
                ),
                None,
            )
        if actor is None:
            actor = self.new_actor(" ".join(tokens), "person", c.start)
            actor.family = family
        keys = self.by_key.setdefault(f"person:{surname}", [])
        if actor not in keys:
            keys.append(actor)
        if len(words) == 2 and len(actor.name.split()) >= 3:
            # "Peña Nieto" alone: the article uses the double surname without a given name,
            # so its first part alone ("Peña") names the person too
            parts, _ = split_suffix(actor.name.split())
            if len(parts) >= 3 and fold(parts[-2]) == fold(words[0]):
                first = self.by_key.setdefault(f"person:{fold(words[0])}", [])
                if actor not in first:
                    first.append(actor)
        full = " ".join(tokens)
        if len(full) > len(actor.name):
            actor.name = full
        actor.first_names |= firsts
        if c.gender and actor.gender is None:
            actor.gender = c.gender
        for role in c.roles:
            if role not in actor.roles:
                actor.roles.append(role)
        return actor

    def _pronoun(self, c: _Cand, word: str) -> _Actor | None:
        gender = PRONOUN_GENDER.get(word)
        tok = self.doc[c.head]
        # "Lind had told him": an object pronoun is not its own clause's subject
        own_verb = tok.head.i if tok.dep_ in ("dobj", "dative", "iobj") else -2
        if tok.dep_ == "pobj":
            own_verb = tok.head.head.i
        by_sent: dict[int, list[_Seen]] = {}
        for s in self.seen:
            if s.start >= c.start or s.in_quote or s.actor.kind != "person":
                continue
            if s.verb == own_verb:
                continue
            if c.sent - s.sent > _PRONOUN_WINDOW:
                continue
            if gender and s.actor.gender and s.actor.gender != gender:
                continue
            by_sent.setdefault(s.sent, []).append(s)
        if not by_sent:
            return None
        latest = by_sent[max(by_sent)]
        subjects = [s for s in latest if s.subject]
        chosen = (subjects or latest)[-1].actor
        if gender and chosen.gender is None:
            chosen.gender = gender
        return chosen

    def _recent(self, c: _Cand, kinds: tuple[str, ...]) -> _Actor | None:
        for s in reversed(self.seen):
            if s.start < c.start and s.actor.kind in kinds and c.sent - s.sent <= _GROUP_WINDOW:
                return s.actor
        return None

    def _role(self, c: _Cand, text: str, speaker: bool) -> _Actor | None:
        head = _norm(self.doc[c.head].lemma_)
        before = self.doc[c.head - 1] if c.head > 0 else None
        if before is not None and before.idx >= c.start and _norm(before.text) in RANKS:
            head = f"{_norm(before.text)} {head}"  # "the vice president" is not the president
        words = {_norm(w) for w in _strip_det(text).split()}
        gender = GENDERED_ROLES.get(_norm(self.doc[c.head].text))
        best: tuple[int, int, _Actor] | None = None
        if c.definite:
            last_seen = {id(s.actor): s.start for s in self.seen}
            for a in self.actors:
                if (
                    a.kind != "person"
                    or a.merged_into
                    or (gender and a.gender not in (None, gender))
                ):
                    continue
                shared = [{_norm(w) for w in r.split()} for r in a.roles if _role_shares(r, head)]
                if not shared:
                    continue
                score = max(len(words & s) for s in shared)
                recency = last_seen.get(id(a), a.first)
                if best is None or (score, recency) > best[:2]:
                    best = (score, recency, a)
        actor: _Actor | None = None
        if best is not None:
            actor = best[2]
        elif not speaker:
            return None
        elif c.definite:
            actor = self._role_fallback(c, head)
        if actor is None:
            actor = self.new_actor(_strip_det(text), "person", c.start)
            actor.role_only = True
            actor.roles.append(_strip_det(text))
            edge = self.doc[c.head].right_edge
            actor.phrase_end = edge.idx + len(edge)
        if gender and actor.gender is None:
            actor.gender = gender
        return actor

    def _role_fallback(self, c: _Cand, head: str) -> _Actor | None:
        """The most recent person with a role that is not plainly another position."""
        for s in reversed(self.seen):
            a = s.actor
            if s.start >= c.start or a.kind != "person" or not a.roles:
                continue
            heads = {_role_head(r) for r in a.roles}
            if any(h.split()[-1] in ROLE_NOUNS and not _same_role(h, head) for h in heads if h):
                continue
            return a
        return None

    def _merge_role_only(self) -> None:
        """A description in the headline or lede ("France's transport minister") names the
        person introduced next with a matching role (or no role at all)."""
        named = [a for a in self.actors if a.kind == "person" and not a.role_only]
        for r in self.actors:
            if not r.role_only or r.merged_into is not None:
                continue
            head = _role_head(r.name)
            # a person named inside the role's own phrase ("a spokesman for Berg") is not it
            later = sorted(
                (a for a in named if a.first > max(r.first, r.phrase_end)), key=lambda a: a.first
            )
            target = next(
                (a for a in later if any(_role_shares(role, head or "") for role in a.roles)),
                None,
            )
            if target is None and r.first_para <= 1 and later and not later[0].roles:
                target = later[0]
            if target is None:
                continue
            r.merged_into = target.name
            target.mentions.extend(r.mentions)
            target.mentions.sort(key=lambda m: m.start)
            for role in r.roles:
                if role not in target.roles:
                    target.roles.append(role)
            if target.gender is None:
                target.gender = r.gender
            r.mentions = []
            r.name = target.name
            self.alias[id(r)] = target

    def final(self, actor: _Actor) -> _Actor:
        while id(actor) in self.alias:
            actor = self.alias[id(actor)]
        return actor


def _inner_name(cands: list[_Cand], c: _Cand) -> _Cand | None:
    """The first name candidate lying wholly inside ``c`` (one that only starts inside it
    runs on past it: another name)."""
    return next(
        (x for x in cands if x.kind == "name" and c.start <= x.start < c.end and x.end <= c.end),
        None,
    )


def _without_inner_names(cands: list[_Cand]) -> list[_Cand]:
    """The candidates less each name inside a longer name: the NER and the speaker phrase
    may both find one person ("Nora" and "General Nora Quist"); the longer one takes the
    shorter one's attributions. A name inside several goes to the longest, the one kept."""
    names = [c for c in cands if c.kind == "name"]
    outer_of: dict[int, _Cand] = {}
    for x in names:
        outers = [
            outer
            for outer in names
            if outer is not x
            and outer.start <= x.start
            and x.end <= outer.end
            and outer.end - outer.start > x.end - x.start
        ]
        if outers:
            outer_of[id(x)] = max(outers, key=lambda o: o.end - o.start)
    for c in cands:
        if id(c) in outer_of:
            outer_of[id(c)].atts.extend(c.atts)
    return [c for c in cands if id(c) not in outer_of]


def _in_complement(tok: Token, head: Token) -> bool:
    """Whether ``tok`` sits in a prepositional phrase or a possessive of the phrase headed by
    ``head``: "the mayor" in "some close to the mayor" and "Berg" in "Berg's spokesman" are
    not the one who speaks."""
    cur = tok
    for _ in range(8):
        if cur.i == head.i or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" or (cur.dep_ == "poss" and _norm(head.lemma_) not in MESSAGE_NOUNS):
            return True
        cur = cur.head
    return False


def _name_part(tokens: list[Token]) -> tuple[str, ...]:
    """The name in "Transport Minister Hélène Marchand": the words after the last title."""
    words = [t.text for t in tokens]
    cut = max(
        (i + 1 for i, w in enumerate(words) if _norm(w) in _ROLE_WORDS or _norm(w) in HONORIFICS),
        default=0,
    )
    return tuple(words[cut:])


def _role_shares(role: str, head: str) -> bool:
    own = _role_head(role)
    return own is not None and _same_role(own, head)


def _strip_det(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "some", "many"):
        words = words[1:]
    return " ".join(words)


_PREFIX: dict[str, str] = {"person": "p", "organization": "o", "group": "g", "unknown": "u"}


def resolve_speakers(
    doc: Doc,
    atts: list[Attribution],
    quote_spans: list[Span],
    paragraphs: list[Span],
    text: str,
    *,
    outlet: str | None = None,
) -> tuple[list[LocalActor], dict[int, str]]:
    """Actors of the article and the actor id of each attribution's speaker (by index).

    ``quote_spans`` (direct quote contents) keep names and pronouns inside quotes from
    serving as antecedents. ``outlet``, the article's own outlet, is never a person: the
    tagger often reads an agency tag in the dateline ("(Valley Herald)") as one.
    """
    res = _Resolver(doc, quote_spans, paragraphs, text, outlet=outlet)
    cands = res.collect(atts)
    resolved = res.resolve(cands)
    actors = [a for a in res.actors if id(a) not in res.alias and a.mentions]
    actors.sort(key=lambda a: a.mentions[0].start)
    counters: dict[str, int] = {}
    out: list[LocalActor] = []
    for a in actors:
        counters[a.kind] = counters.get(a.kind, 0) + 1
        a.id = f"{_PREFIX[a.kind]}{counters[a.kind]}"
        aliases: list[str] = []
        for m in a.mentions:
            t = m.text
            if t.lower() in PRONOUN_GENDER or t == a.name or t in aliases:
                continue
            aliases.append(t)
        out.append(
            LocalActor(
                id=a.id,
                name=a.name,
                kind=a.kind,
                aliases=aliases,
                mentions=sorted(a.mentions, key=lambda m: m.start),
                roles=list(a.roles),
            )
        )
    speakers: dict[int, str] = {}
    for ci, actor in resolved.items():
        final = res.final(actor)
        for ai in cands[ci].atts:
            speakers[ai] = final.id
    return out, speakers
