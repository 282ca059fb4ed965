"""Typed results of analysing one article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rashomon.article import Article, Span

QuoteKind = Literal["direct", "partial", "mixed", "indirect"]
ActorKind = Literal["person", "organization", "group", "unknown"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity found by spaCy's NER."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an actor ("Marchand", "the minister", "she")."""

    start: int
    end: int
    text: str


@dataclass
class LocalActor:
    """An actor as resolved inside one article (before merging across articles)."""

    id: str  # unique inside the article, e.g. "p1"
    name: str  # the fullest name seen ("Hélène Marchand")
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)  # other surface forms, role nouns included
    mentions: list[Mention] = field(default_factory=list)
    #: Role descriptions attached to the actor ("French Transport Minister", "union leader").
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Quote:
    """A quote found in one article; ``start``/``end`` delimit the content, marks excluded."""

    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: str | None = None  # LocalActor.id
    speaker_mention: Mention | None = None
    cue: str | None = None  # the reporting word(s) as written: "said", "according to"
    cue_span: Span | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the per-article stage learned about one article."""

    article: Article
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    actors: tuple[LocalActor, ...]

    def actor(self, actor_id: str | None) -> LocalActor | None:
        """The local actor with this id, if any."""
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)
