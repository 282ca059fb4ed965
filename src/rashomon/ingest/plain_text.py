"""Text to ``Article``: boilerplate, headline, dateline, language; shared by every format."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from rashomon.article import Article, Excluded, Span
from rashomon.errors import ExtractionError, InputError
from rashomon.ingest.boilerplate import find_boilerplate, is_headline_like
from rashomon.ingest.dateline import Dateline, normalise_date, parse_dateline
from rashomon.ingest.language import detect_language, language_warning
from rashomon.ingest.lines import Line, split_lines

_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_BULLET = re.compile(r"(?:[-*•]|\d{1,2}[.)])\s")
_BYLINE = re.compile(r"(?:By|BY|From)\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the container of a text says about it, before the text itself is read.

    ``outlet``, ``published`` and ``place`` are explicit (a record field, a page's date) and
    beat the dateline; ``site_name`` is a page's site name, which an agency tag in the
    dateline beats (a wire story on a portal is the agency's).
    """

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    place: str | None = None
    url: str | None = None
    site_name: str | None = None


def article_from_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    place: str | None = None,
    url: str | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """An article from plain text held in memory.

    ``text`` is kept verbatim (only ``\\r\\n`` becomes ``\\n``). Given metadata wins over what
    the dateline says. A given ``title`` that the text does not start with is put in front
    of it, followed by a blank line, so that headlines are analysed in every format.
    Raises ``InputError`` when there is no text.
    """
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError(source, "no text")
    notes = list(warnings)
    date = None
    if published:
        date = normalise_date(published)
        if date is None:
            notes.append(f"published date {published.strip()[:40]!r} not understood; ignored")
    title = " ".join(title.split()) if title else None
    if title:
        first = _first_content_line(split_lines(text), find_boilerplate(text))
        if first is None or first.text.strip() != title:
            text = f"{title}\n\n{text}"
    metadata = Metadata(title=title, outlet=outlet, published=date, place=place, url=url)
    return build_article(text, source=source, metadata=metadata, warnings=notes)


def build_article(
    text: str, *, source: str, metadata: Metadata, warnings: Sequence[str] = ()
) -> Article:
    """Assemble the ``Article`` for ``text`` (already decoded and normalised).

    Raises ``ExtractionError`` when nothing but boilerplate is left.
    """
    lines = split_lines(text)
    excluded = find_boilerplate(text)
    title_line = _first_content_line(lines, excluded)
    title, title_span = _title(title_line, lines, metadata.title)
    if title_span is not None:
        # The headline is the story's own, whatever a rule thought of it.
        excluded = tuple(ex for ex in excluded if not Span(ex.start, ex.end).overlaps(title_span))
    body = _blank(text, excluded, title_span)
    if not body.strip():
        raise ExtractionError(source, "no article text found (only navigation or boilerplate)")
    dateline = _dateline(lines, excluded, after=title_span.end if title_span else 0)
    tag, dated, place = (
        (dateline.outlet, dateline.published, dateline.place) if dateline else (None, None, None)
    )
    language = detect_language(body)
    notes = list(warnings)
    language_note = language_warning(language)
    if language_note:
        notes.append(language_note)
    return Article(
        source=source,
        text=text,
        title=title,
        title_span=title_span,
        outlet=_first(metadata.outlet, tag, metadata.site_name, _domain(metadata.url)),
        published=_first(metadata.published, dated),
        place=_first(metadata.place, place),
        url=metadata.url,
        language=language,
        excluded=excluded,
        warnings=tuple(notes),
    )


def _title(
    line: Line | None, lines: list[Line], known: str | None
) -> tuple[str | None, Span | None]:
    """The headline and its span: the known title where the text starts with it, else the
    first line when it reads as a headline (short, no final period, standing apart)."""
    if line is None:
        return known, None
    start, end = line.stripped_span
    candidate = line.text.strip()
    heading = _MARKDOWN_HEADING.match(candidate)
    if heading:
        start += heading.end()
        candidate = candidate[heading.end() :]
    if known is not None:
        return known, Span(start, end) if candidate == known else None
    index = lines.index(line)
    following = lines[index + 1].text.strip() if index + 1 < len(lines) else None
    # A headline stands apart: a blank line follows it, or the dateline that opens the body.
    stands_apart = following is not None and (
        not following or parse_dateline(following) is not None
    )
    if (
        stands_apart
        and is_headline_like(candidate)
        and not _BULLET.match(candidate)
        and parse_dateline(candidate) is None
    ):
        return candidate, Span(start, end)
    return None, None


def _dateline(lines: list[Line], excluded: Sequence[Excluded], *, after: int) -> Dateline | None:
    """The dateline opening the body: its first line, or the second after a byline."""
    for line in lines:
        if line.start < after or line.blank or _inside(line, excluded):
            continue
        stripped = line.text.strip()
        dateline = parse_dateline(stripped)
        if dateline is not None:
            return dateline
        if not (_BYLINE.match(stripped) and len(stripped.split()) <= 10):
            return None
    return None


def _first_content_line(lines: list[Line], excluded: Sequence[Excluded]) -> Line | None:
    for line in lines:
        if not line.blank and not _inside(line, excluded):
            return line
    return None


def _inside(line: Line, excluded: Sequence[Excluded]) -> bool:
    start, end = line.stripped_span
    return any(ex.start <= start and end <= ex.end for ex in excluded)


def _blank(text: str, excluded: Sequence[Excluded], title: Span | None) -> str:
    """``text`` without the excluded ranges and the title (for language and emptiness)."""
    ranges = [(ex.start, ex.end) for ex in excluded]
    if title is not None:
        ranges.append((title.start, title.end))
    chars = list(text)
    for start, end in ranges:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None
