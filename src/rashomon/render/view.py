"""A plain view-model of a :class:`StoryReport`, shared by the text, Markdown and HTML renderers.

Every decision about *what* a reader sees (outlet labels, the order of statements, coverage
rows, which wording variants change meaning, what each outlet left out) is made here once, so
the formats only decide *how* it looks. Nothing here escapes text: each format does its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from rashomon.story.model import MEANING_SHIFTS, Document, StoryReport, Unit, Variant

NO_SPEAKER = "Reporting (no speaker)"
UNKNOWN_SPEAKER = "Unknown speaker"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(slots=True)
class OutletView:
    """One document, under the outlet name a reader knows it by."""

    id: str
    label: str  # "The Lyon Courier"
    short: str  # "Lyon Courier" / "LC": fits a table column
    title: str
    date: str  # "3 Mar 2025", "" when unknown
    source: str
    language: str
    carried: int = 0  # how many statements of the story this report carries


@dataclass(slots=True)
class CoverageRow:
    unit_id: str
    speaker: str
    text: str  # the reference rendering of the statement
    carried: list[bool]  # one per outlet, in outlet order
    count: int
    single_source: bool
    members: dict[str, str]  # doc id -> that outlet's wording
    #: doc id -> where that outlet's wording starts: sorts the matrix in one outlet's order
    starts: dict[str, int] = field(default_factory=dict)
    #: rank of the statement in reading order (first report first, then by offset)
    order: int = 0


@dataclass(slots=True)
class SpeakerGroup:
    speaker: str
    rows: list[CoverageRow]


@dataclass(slots=True)
class Missing:
    """Statements most other outlets carried and this one did not."""

    outlet: OutletView
    rows: list[CoverageRow]


@dataclass(slots=True)
class VariantView:
    unit_id: str
    speaker: str
    statement: str
    shift: str
    meaning_changing: bool
    doc: str
    outlet: str
    words: str  # "" when the outlet left the reference words out
    against_doc: str | None
    against_outlet: str
    against: str  # "" when the outlet added words the reference lacks


@dataclass(slots=True)
class QuoteView:
    id: str
    kind: str
    outlet: str
    doc: str
    text: str
    cue: str
    mention: str
    unit_id: str | None = None  # the aligned statement this quote is (part of)


@dataclass(slots=True)
class QuoteGroup:
    speaker: str
    kind: str
    quotes: list[QuoteView]


@dataclass(slots=True)
class DisputeSideView:
    actor: str
    text: str
    outlet: str
    unit_id: str


@dataclass(slots=True)
class DisputeView:
    id: str
    a: DisputeSideView
    b: DisputeSideView
    reason: str


@dataclass(slots=True)
class OmissionView:
    actor: str
    notes: list[tuple[str, str]]  # (outlet, what it said was left out)


@dataclass(slots=True)
class LabelRow:
    actor: str
    labels: list[str]  # one cell per outlet, "" when the outlet used no label


@dataclass(slots=True)
class FramingView:
    headlines: list[tuple[str, str]]  # (outlet, headline)
    ledes: list[tuple[str, str]]
    labels: list[LabelRow]

    @property
    def empty(self) -> bool:
        return not (self.headlines or self.ledes or self.labels)


@dataclass(slots=True)
class StoryView:
    title: str
    place: str  # the dateline place most reports give, "" when none does
    dates: str  # "2 May 2025", "2–4 May 2025", "" when no report is dated
    outlets: list[OutletView]
    n_documents: int
    n_actors: int
    n_quotes: int
    n_statements: int
    n_shared: int  # statements every outlet carried
    n_single: int  # statements only one outlet carried
    groups: list[SpeakerGroup]
    missing: list[Missing]
    variants: list[VariantView]  # meaning-changing first
    quotes: list[QuoteGroup]
    disputes: list[DisputeView]
    omissions: list[OmissionView]
    framing: FramingView
    problems: list[str]
    outlet_by_doc: dict[str, OutletView] = field(default_factory=dict)

    @property
    def rows(self) -> list[CoverageRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def single_source(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.single_source]

    @property
    def meaning_variants(self) -> list[VariantView]:
        return [v for v in self.variants if v.meaning_changing]

    @property
    def other_variants(self) -> list[VariantView]:
        return [v for v in self.variants if not v.meaning_changing]


# -- small helpers shared by the formats --------------------------------------------------------


def truncate(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def is_meaning_changing(variant: Variant) -> bool:
    """True for the shifts that change what was said (the flag or a meaning-changing shift)."""
    return variant.meaning_changing or variant.shift in MEANING_SHIFTS


def format_date(value: str | None) -> str:
    """``2025-03-03`` -> ``3 Mar 2025``; ``--03-03`` (dateline without year) -> ``3 Mar``."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})(?:[T ].*)?", value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return value
    year = "" if m.group(1) == "-" else f" {m.group(1)}"
    return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]}{year}"


def date_span(values: list[str | None]) -> str:
    """The dates of several reports as one span: ``2–4 May 2025``, ``30 Apr – 2 May 2025``."""
    dated = sorted({v[:10] for v in values if v and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v[:10])})
    if not dated:
        # Only datelines without a year ("--05-02"), or dates in a form we do not read.
        shown = sorted({format_date(v) for v in values if v})
        return shown[0] if len(shown) == 1 else ""
    first, last = dated[0], dated[-1]
    if first == last:
        return format_date(first)
    a, b = format_date(first).split(" "), format_date(last).split(" ")
    if a[1:] == b[1:]:  # same month and year
        return f"{a[0]}–{format_date(last)}"
    if a[2] == b[2]:  # same year
        return f"{a[0]} {a[1]} – {format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


def outlet_label(doc: Document) -> str:
    """The outlet's name, else a name made from the source: ``cpa.txt`` -> ``CPA``."""
    if doc.outlet and doc.outlet.strip():
        name = doc.outlet.strip()
        # Lower-case tags ("fox", "nyt") are abbreviations: show them as such.
        return name.upper() if len(name) <= 4 and name.islower() else name
    source = doc.url or doc.source
    if "://" in source:
        host = urlsplit(source).hostname or source
        return host.removeprefix("www.")
    stem = PurePath(source).stem or source or doc.id
    name = re.sub(r"[-_.]+", " ", stem).strip() or doc.id
    # Short stems are agency tags ("cpa", "afp"); longer ones read as names.
    return name.upper() if len(name) <= 4 else name.title()


def _short(label: str) -> str:
    if len(label) <= 14:
        return label
    words = [w for w in re.split(r"\s+", label) if w and w.lower() != "the"]
    if len(" ".join(words)) <= 14:
        return " ".join(words)
    return "".join(w[0].upper() for w in words if w[0].isalnum()) or label[:14]


# -- building the view --------------------------------------------------------------------------


def build_view(report: StoryReport) -> StoryView:
    """Turn ``report`` into the view-model every human format renders."""
    outlets = _outlets(report.documents)
    look = _Lookup(report, outlets)
    actor_name, outlet = look.actor, look.outlet

    groups = _coverage(report, outlets, look)
    rows = [row for g in groups for row in g.rows]
    statements = {row.unit_id: row for row in rows}
    n_docs = len(outlets)
    for i, o in enumerate(outlets):
        o.carried = sum(1 for r in rows if r.carried[i])

    return StoryView(
        title=_title(report),
        place=_place(report.documents),
        dates=date_span([d.published for d in report.documents]),
        outlets=outlets,
        n_documents=n_docs,
        n_actors=len(report.actors),
        n_quotes=len(report.quotes),
        n_statements=len(report.units),
        n_shared=sum(1 for r in rows if n_docs > 1 and r.count == n_docs),
        n_single=sum(1 for r in rows if r.single_source),
        groups=groups,
        missing=_missing(outlets, rows),
        variants=_variants(report, statements, look),
        quotes=_quotes(report, look),
        disputes=[
            DisputeView(
                id=x.id,
                a=DisputeSideView(actor_name(x.a.actor), x.a.text, outlet(x.a.doc), x.a.unit),
                b=DisputeSideView(actor_name(x.b.actor), x.b.text, outlet(x.b.doc), x.b.unit),
                reason=x.reason,
            )
            for x in report.disputes
        ],
        omissions=[
            OmissionView(
                actor=actor_name(o.actor),
                notes=[
                    (outlet(m.doc), m.text)
                    for m in sorted(o.members, key=lambda m: look.position(m.doc))
                ],
            )
            for o in report.omissions
        ],
        framing=_framing(report, outlets, look),
        problems=list(report.problems),
        outlet_by_doc=look.by_doc,
    )


class _Lookup:
    """Names for ids: actors by name, documents by outlet label, documents by position."""

    def __init__(self, report: StoryReport, outlets: list[OutletView]) -> None:
        self.names = {a.id: a.name for a in report.actors}
        self.kinds = {a.id: a.kind for a in report.actors}
        self.by_doc = {o.id: o for o in outlets}
        self.doc_index = {o.id: i for i, o in enumerate(outlets)}

    def actor(self, actor_id: str | None, none: str = UNKNOWN_SPEAKER) -> str:
        if actor_id is None:
            return none
        return self.names.get(actor_id, actor_id)

    def outlet(self, doc_id: str | None) -> str:
        if doc_id is None:
            return ""
        return self.by_doc[doc_id].label if doc_id in self.by_doc else doc_id

    def position(self, doc_id: str) -> int:
        """Where a document sits in the report (unknown ids last)."""
        return self.doc_index.get(doc_id, len(self.doc_index))


def _title(report: StoryReport) -> str:
    if report.documents:
        first = report.documents[0]
        title = first.title or report.framing.headlines.get(first.id)
        if title and title.strip():
            return " ".join(title.split())
    return "Story"


def _place(documents: list[Document]) -> str:
    places = Counter(" ".join(d.place.split()) for d in documents if d.place and d.place.strip())
    if not places:
        return ""
    place = places.most_common(1)[0][0]
    # Datelines shout ("HARBOURTON"); a header reads better in title case.
    return place.title() if place.isupper() else place


def _outlets(documents: list[Document]) -> list[OutletView]:
    labels = [outlet_label(d) for d in documents]
    totals = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for doc, label in zip(documents, labels, strict=True):
        # Two reports from one outlet need telling apart in column headers.
        if totals[label] > 1:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        out.append(
            OutletView(
                id=doc.id,
                label=label,
                short=_short(label),
                title=" ".join((doc.title or "").split()),
                date=format_date(doc.published),
                source=doc.source,
                language=doc.language,
            )
        )
    return out


def _reference_doc(unit: Unit) -> str | None:
    """The member variants are measured against (the most cited ``against_doc``)."""
    docs = Counter(v.against_doc for v in unit.variants if v.against_doc)
    return docs.most_common(1)[0][0] if docs else None


def _coverage(report: StoryReport, outlets: list[OutletView], look: _Lookup) -> list[SpeakerGroup]:
    rows_by_speaker: dict[str | None, list[tuple[tuple[int, int], CoverageRow]]] = defaultdict(list)
    for unit in report.units:
        members = sorted(unit.members, key=lambda m: (look.position(m.doc), m.start))
        if not members:
            continue
        docs = {m.doc for m in members}
        ref_doc = _reference_doc(unit)
        ref = next((m for m in members if m.doc == ref_doc), members[0])
        speaker_id = unit.speaker or next((m.speaker for m in members if m.speaker), None)
        row = CoverageRow(
            unit_id=unit.id,
            speaker=look.actor(speaker_id, NO_SPEAKER),
            text=" ".join(ref.text.split()),
            carried=[o.id in docs for o in outlets],
            count=len(docs),
            single_source=len(docs) == 1,
            members={m.doc: " ".join(m.text.split()) for m in members},
            starts={m.doc: m.start for m in reversed(members)},  # a doc's first member wins
        )
        first_seen = (look.position(members[0].doc), members[0].start)
        rows_by_speaker[speaker_id].append((first_seen, row))

    in_reading_order = sorted(
        (entry for entries in rows_by_speaker.values() for entry in entries), key=lambda e: e[0]
    )
    for rank, (_, row) in enumerate(in_reading_order):
        row.order = rank

    groups = []
    for speaker_id, entries in rows_by_speaker.items():
        # Most widely carried first; equal coverage keeps the order of the reports.
        entries.sort(key=lambda e: (-e[1].count, e[0]))
        rows = [row for _, row in entries]
        key = (
            speaker_id is None,  # narration after named speakers
            -max(r.count for r in rows),
            -len(rows),
            min(e[0] for e in entries),
        )
        groups.append((key, SpeakerGroup(rows[0].speaker, rows)))
    groups.sort(key=lambda g: g[0])
    return [g for _, g in groups]


def _missing(outlets: list[OutletView], rows: list[CoverageRow]) -> list[Missing]:
    out: list[Missing] = []
    others = len(outlets) - 1
    if others < 1:
        return out
    # "Most other outlets": more than half of them, and never fewer than two reports.
    threshold = max(2, math.floor(others / 2) + 1)
    for i, o in enumerate(outlets):
        left_out = [r for r in rows if not r.carried[i] and r.count >= min(threshold, others)]
        left_out.sort(key=lambda r: -r.count)
        if left_out:
            out.append(Missing(o, left_out))
    return out


def _variants(
    report: StoryReport, statements: dict[str, CoverageRow], look: _Lookup
) -> list[VariantView]:
    outlet = look.outlet
    out = []
    for unit in report.units:
        row = statements.get(unit.id)
        if row is None:
            continue
        for v in unit.variants:
            out.append(
                VariantView(
                    unit_id=unit.id,
                    speaker=row.speaker,
                    statement=row.text,
                    shift=v.shift,
                    meaning_changing=is_meaning_changing(v),
                    doc=v.doc,
                    outlet=outlet(v.doc),
                    words=" ".join(v.words),
                    against_doc=v.against_doc,
                    against_outlet=outlet(v.against_doc) or "the other reports",
                    against=v.against,
                )
            )
    order = {shift: i for i, shift in enumerate(MEANING_SHIFTS)}
    # Meaning-changing first, by how much the shift changes (negation before hedge); the sort
    # is stable, so statements keep their coverage order inside one shift.
    unit_order = {row_id: i for i, row_id in enumerate(statements)}
    out.sort(
        key=lambda v: (
            not v.meaning_changing,
            order.get(v.shift, len(order)),
            unit_order.get(v.unit_id, 0),
        )
    )
    return out


def _quotes(report: StoryReport, look: _Lookup) -> list[QuoteGroup]:
    by_speaker: dict[str | None, list[QuoteView]] = defaultdict(list)
    unit_of = {m.quote: u.id for u in report.units for m in u.members if m.quote}
    quotes = sorted(report.quotes, key=lambda q: (look.position(q.doc), q.start))
    for q in quotes:
        by_speaker[q.speaker].append(
            QuoteView(
                id=q.id,
                kind=q.kind,
                outlet=look.outlet(q.doc),
                doc=q.doc,
                text=" ".join(q.text.split()),
                cue=q.cue or "",
                mention=q.speaker_mention.text if q.speaker_mention else "",
                unit_id=unit_of.get(q.id),
            )
        )
    groups = [
        QuoteGroup(look.actor(sid), look.kinds.get(sid, "unknown") if sid else "unknown", qs)
        for sid, qs in by_speaker.items()
    ]
    # Most quoted first; quotes nobody could attribute go last.
    groups.sort(key=lambda g: (g.speaker == UNKNOWN_SPEAKER, -len(g.quotes)))
    return groups


def _framing(report: StoryReport, outlets: list[OutletView], look: _Lookup) -> FramingView:
    f = report.framing
    headlines = [(o.label, f.headlines[o.id]) for o in outlets if f.headlines.get(o.id)]
    ledes = [(o.label, f.ledes[o.id]) for o in outlets if f.ledes.get(o.id)]
    per_actor: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lb in f.labels:
        cell = per_actor[lb.actor][lb.doc]
        if lb.label not in cell:
            cell.append(lb.label)
    labels = [
        LabelRow(look.actor(actor), ["; ".join(cells.get(o.id, [])) for o in outlets])
        for actor, cells in per_actor.items()
    ]
    # Actors several outlets label come first: that is where labels can be compared.
    labels.sort(key=lambda row: -sum(1 for cell in row.labels if cell))
    return FramingView(headlines, ledes, labels)
