"""The story report: the result of comparing several articles, schema ``rashomon.report/1``.

These dataclasses mirror the report JSON documented in DESIGN.md; :meth:`StoryReport.to_dict`
produces it and :meth:`StoryReport.from_dict` reads it back. Fields beyond the documented ones
are additions (allowed by the schema), never renamings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "rashomon.report/1"

Shift = Literal["modality", "negation", "number", "hedge", "intensity", "actor", "paraphrase"]
#: Shifts that change what a statement means, listed first in reports.
MEANING_SHIFTS: tuple[str, ...] = ("negation", "modality", "number", "intensity", "hedge", "actor")


@dataclass
class Document:
    id: str  # "d1"...
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    place: str | None = None
    language: str = "en"
    url: str | None = None


@dataclass
class Actor:
    id: str  # "a1"...
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "unknown"  # person | organization | group | unknown
    roles: list[str] = field(default_factory=list)


@dataclass
class SpeakerMention:
    start: int
    end: int
    text: str


@dataclass
class QuoteRecord:
    id: str  # "q1"...
    doc: str
    kind: str  # direct | partial | mixed | indirect
    text: str
    start: int
    end: int
    speaker: str | None = None  # Actor.id
    speaker_mention: SpeakerMention | None = None
    cue: str | None = None


@dataclass
class Member:
    """One document's rendering of a statement."""

    doc: str
    text: str
    start: int
    end: int
    quote: str | None = None  # QuoteRecord.id when the statement is (part of) a quote
    speaker: str | None = None


@dataclass
class Variant:
    """A wording difference of one member against the unit's reference member."""

    doc: str
    words: list[str]
    against: str
    shift: str  # one of Shift
    against_doc: str | None = None
    meaning_changing: bool = False


@dataclass
class Unit:
    """One statement aligned across documents: at most one member per document."""

    id: str  # "u1"...
    speaker: str | None
    members: list[Member]
    variants: list[Variant] = field(default_factory=list)

    @property
    def docs(self) -> list[str]:
        return [m.doc for m in self.members]

    @property
    def single_source(self) -> bool:
        return len({m.doc for m in self.members}) == 1


@dataclass
class DisputeSide:
    actor: str | None
    unit: str
    text: str
    doc: str | None = None


@dataclass
class Dispute:
    id: str  # "x1"...
    a: DisputeSide
    b: DisputeSide
    reason: str = ""


@dataclass
class OmissionNote:
    """Outlets noting that a speaker left something out ("did not mention last year's strikes")."""

    id: str  # "o1"...
    actor: str | None
    members: list[Member]


@dataclass
class ActorLabel:
    doc: str
    actor: str
    label: str


@dataclass
class Framing:
    headlines: dict[str, str] = field(default_factory=dict)  # doc id -> headline
    ledes: dict[str, str] = field(default_factory=dict)  # doc id -> first sentence of the body
    labels: list[ActorLabel] = field(default_factory=list)


@dataclass
class StoryReport:
    documents: list[Document]
    actors: list[Actor] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    omissions: list[OmissionNote] = field(default_factory=list)
    framing: Framing = field(default_factory=Framing)
    #: One-line messages about inputs that could not be used (they are not in ``documents``).
    problems: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    # -- lookups ---------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def single_source_units(self) -> list[Unit]:
        return [u for u in self.units if u.single_source]

    def coverage(self) -> dict[str, set[str]]:
        """Unit id -> ids of the documents that carry it."""
        return {u.id: set(u.docs) for u in self.units}

    # -- JSON ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        out: dict[str, Any] = {"schema": data.pop("schema")}
        out.update(data)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryReport:
        def quote(q: dict[str, Any]) -> QuoteRecord:
            sm = q.get("speaker_mention")
            return QuoteRecord(**{**q, "speaker_mention": SpeakerMention(**sm) if sm else None})

        def unit(u: dict[str, Any]) -> Unit:
            return Unit(
                id=u["id"],
                speaker=u.get("speaker"),
                members=[Member(**m) for m in u["members"]],
                variants=[Variant(**v) for v in u.get("variants", [])],
            )

        framing = data.get("framing") or {}
        return cls(
            schema=data.get("schema", SCHEMA),
            documents=[Document(**d) for d in data["documents"]],
            actors=[Actor(**a) for a in data.get("actors", [])],
            quotes=[quote(q) for q in data.get("quotes", [])],
            units=[unit(u) for u in data.get("units", [])],
            disputes=[
                Dispute(
                    id=x["id"],
                    a=DisputeSide(**x["a"]),
                    b=DisputeSide(**x["b"]),
                    reason=x.get("reason", ""),
                )
                for x in data.get("disputes", [])
            ],
            omissions=[
                OmissionNote(
                    id=o["id"], actor=o.get("actor"), members=[Member(**m) for m in o["members"]]
                )
                for o in data.get("omissions", [])
            ],
            framing=Framing(
                headlines=framing.get("headlines", {}),
                ledes=framing.get("ledes", {}),
                labels=[ActorLabel(**lb) for lb in framing.get("labels", [])],
            ),
            problems=list(data.get("problems", [])),
        )
