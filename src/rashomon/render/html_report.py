"""The report as one self-contained HTML file (inline CSS and JS, no external resource).

Documents are shown side by side with every aligned statement wrapped in
``<mark data-unit="u3">``; the segments are cut here, in Python, from the character offsets of
the unit members, and the template escapes every piece (Jinja2 autoescape): everything that
comes from an article is untrusted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from rashomon.render.view import OutletView, build_view, is_meaning_changing, outlet_label
from rashomon.story.model import MEANING_SHIFTS

if TYPE_CHECKING:
    from jinja2 import Environment

    from rashomon.story.model import Document, StoryReport

#: Variants longer than this are whole-clause rewrites: marking them inline would paint the
#: entire sentence, so they are only listed in the variants section.
MAX_INLINE_WORDS = 6
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|n['’]t|\d[\d.,]*")


@dataclass(slots=True)
class Piece:
    """A run of text inside a segment; ``shift`` is set on meaning-changing words."""

    text: str
    shift: str | None = None
    note: str = ""


@dataclass(slots=True)
class Segment:
    """A run of a document's text: plain, or one unit member (``unit`` set)."""

    pieces: list[Piece]
    unit: str | None = None
    single: bool = False


@dataclass(slots=True)
class Column:
    outlet: OutletView
    #: Shown as text, not linked: the page references nothing outside itself.
    url: str | None
    segments: list[Segment] = field(default_factory=list)

    @property
    def source(self) -> str:
        """The source as a reader knows it: a URL whole, a local path by its file name."""
        source = self.outlet.source
        return source if "://" in source else PurePath(source).name or source


def render_html(report: StoryReport) -> str:
    """The report as a single HTML page that works offline."""
    view = build_view(report)
    columns = [
        Column(view.outlet_by_doc[d.id], d.url, document_segments(report, d))
        for d in report.documents
    ]
    template = _environment().get_template("report.html.j2")
    return template.render(view=view, columns=columns, meaning_shifts=MEANING_SHIFTS)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("rashomon.render", "templates"),
        autoescape=True,  # article text is untrusted: escape everything not marked safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# -- cutting a document into segments -----------------------------------------------------------


def document_segments(report: StoryReport, doc: Document) -> list[Segment]:
    """``doc.text`` cut into plain runs and unit members, in order and without overlap.

    Members come from character offsets. When two members overlap (rare), the later one is
    clipped to start where the earlier ends, so the markup stays well nested; a member left
    empty by clipping is dropped.
    """
    text = doc.text
    n = len(text)
    spans: list[tuple[int, int, str, bool]] = []
    for unit in report.units:
        single = unit.single_source
        for m in unit.members:
            if m.doc == doc.id:
                start, end = max(0, min(m.start, n)), max(0, min(m.end, n))
                if start < end:
                    spans.append((start, end, unit.id, single))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))

    accepted: list[tuple[int, int, str, bool]] = []
    cursor = 0
    for start, end, unit_id, single in spans:
        start = max(start, cursor)
        if start >= end:
            continue
        accepted.append((start, end, unit_id, single))
        cursor = end

    words = _variant_words(report, doc, {u: (s, e) for s, e, u, _ in accepted})
    segments: list[Segment] = []
    cursor = 0
    for start, end, unit_id, single in accepted:
        if cursor < start:
            segments.append(Segment([Piece(text[cursor:start])]))
        inner = [w for w in words if start <= w[0] and w[1] <= end]
        segments.append(Segment(_pieces(text, start, end, inner), unit_id, single))
        cursor = end
    if cursor < n:
        segments.append(Segment([Piece(text[cursor:])]))
    return segments


def _pieces(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = start
    for m_start, m_end, shift, note in sorted(marks):
        if m_start < cursor:  # overlapping word marks: keep the first
            continue
        if cursor < m_start:
            pieces.append(Piece(text[cursor:m_start]))
        pieces.append(Piece(text[m_start:m_end], shift, note))
        cursor = m_end
    if cursor < end:
        pieces.append(Piece(text[cursor:end]))
    return pieces


def _variant_words(
    report: StoryReport, doc: Document, spans: dict[str, tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """Where the meaning-changing words of each variant sit in this document's members.

    Both sides are marked: the member's words in its document and the reference words in the
    reference document, each with a note naming the other side.
    """
    names = {d.id: outlet_label(d) for d in report.documents}
    found: list[tuple[int, int, str, str]] = []
    for unit in report.units:
        span = spans.get(unit.id)  # the (possibly clipped) span this unit's member was given
        if span is None:
            continue
        for v in unit.variants:
            if not is_meaning_changing(v):
                continue
            words, against = " ".join(v.words), v.against
            other = names.get(v.against_doc or "", "the reference report")
            if v.doc == doc.id:
                where = _locate(doc.text, words, *span)
                note = f"{v.shift}: “{words}” here; {other} has “{against or '—'}”"
            elif v.against_doc == doc.id:
                where = _locate(doc.text, against, *span)
                note = (
                    f"{v.shift}: “{against}” here; {names.get(v.doc, v.doc)} has “{words or '—'}”"
                )
            else:
                continue
            if where:
                found.append((*where, v.shift, note))
    return found


def _locate(text: str, words: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Offsets of ``words`` (as a token sequence, any spacing/punctuation between) in
    ``text[lo:hi]``; None when absent, empty or too long to be worth marking."""
    tokens = _TOKEN.findall(words)
    if not tokens or len(tokens) > MAX_INLINE_WORDS:
        return None
    body = r"[\W_]+".join(re.escape(t) for t in tokens)
    for pattern in (rf"(?<!\w){body}(?!\w)", body):
        m = re.compile(pattern, re.IGNORECASE).search(text, lo, hi)
        if m:
            return m.start(), m.end()
    return None
