"""The article: what ingest produces and every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ExcludedReason = Literal["navigation", "related-links", "share-prompt", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's ``text``."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Excluded:
    """A range of ``Article.text`` kept out of the analysis (navigation, related links...)."""

    start: int
    end: int
    reason: ExcludedReason


@dataclass(frozen=True)
class Article:
    """One report of an event, as ingested.

    ``text`` is the exact text analysed: for a plain-text file the file's content verbatim,
    for HTML the article text extracted from the page. All offsets in later stages are
    character offsets into it. Ranges in ``excluded`` are kept out of the analysis but stay
    in ``text`` so offsets keep their meaning.
    """

    source: str
    text: str
    title: str | None = None
    #: Where the title sits inside ``text`` (a headline first line), if it does.
    title_span: Span | None = None
    outlet: str | None = None
    #: ISO 8601 date ``YYYY-MM-DD``; ``--MM-DD`` when only a dateline without year gave it.
    published: str | None = None
    place: str | None = None
    url: str | None = None
    #: ISO 639-1 code of the detected language.
    language: str = "en"
    excluded: tuple[Excluded, ...] = ()
    #: Notes for the user about this input that are not errors (e.g. "language is fr").
    warnings: tuple[str, ...] = field(default=())

    def analysed_text(self) -> str:
        """``text`` with excluded ranges blanked out; same length, so offsets are unchanged."""
        if not self.excluded:
            return self.text
        chars = list(self.text)
        for ex in self.excluded:
            for i in range(ex.start, min(ex.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)
