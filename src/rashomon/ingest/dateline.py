"""Datelines (``PARIS, March 3 (CPA) -``) and the dates found in metadata fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Wire abbreviations: "Jan.", "Sept.", "Aug" (AP style drops the period on some of them).
_MONTHS.update({"sept": 9, **{name[:3]: number for name, number in _MONTHS.items()}})
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

# The city is written in capitals (``PARIS``, ``NEW YORK``, ``ST. LOUIS``, ``RIO DE JANEIRO``);
# an AP-style region may follow (``KYIV, Ukraine``, ``AUSTIN, Texas``); then an optional date,
# an optional agency tag in brackets or slashes, and a dash, or a period when a date is given.
_DATELINE = re.compile(
    rf"""
    (?P<place>[A-Z][A-Z'’.\-]*(?:\ [A-Z][A-Z'’.\-]*){{0,3}})
    (?:,\ (?!{_MONTH}\ )(?P<region>[A-Z][a-z]+\.?(?:\ [A-Z][a-z]+\.?){{0,2}}))?
    (?:,?\ (?:
        (?P<month_a>{_MONTH})\ (?P<day_a>\d{{1,2}})(?:,\ (?P<year_a>\d{{4}}))?
      | (?P<day_b>\d{{1,2}})\ (?P<month_b>{_MONTH})(?:\ (?P<year_b>\d{{4}}))?
    ))?
    (?:\s*(?:\((?P<tag_paren>[^()\n]{{1,40}})\)|/(?P<tag_slash>[^/\n]{{1,40}})/))?
    (?P<sep>\s*(?:--|—|–|-|:)|\.)(?=\s|$)
    """,
    re.VERBOSE,
)


# Kickers that open a headline or lede in capitals like a place does ("EXCLUSIVE – ...").
_KICKERS = {
    "ANALYSIS",
    "BREAKING",
    "COMMENTARY",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "FACT CHECK",
    "INTERVIEW",
    "LIVE",
    "OPINION",
    "PHOTOS",
    "REVIEW",
    "UPDATE",
    "UPDATED",
    "VIDEO",
    "WATCH",
}


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says; ``end`` is the offset just past it within the parsed line."""

    place: str
    outlet: str | None
    published: str | None
    end: int


def parse_dateline(line: str) -> Dateline | None:
    """Parse a dateline at the start of ``line``, or return None when it does not start one."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    place = match["place"].rstrip(".")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or place in _KICKERS:
        return None
    tag = match["tag_paren"] or match["tag_slash"]
    month_name = match["month_a"] or match["month_b"]
    published = None
    if month_name:
        day = int(match["day_a"] or match["day_b"])
        year_text = match["year_a"] or match["year_b"]
        published = _iso_date(_month_number(month_name), day, int(year_text) if year_text else None)
        if published is None:
            return None
    separator = match["sep"].strip()
    # "GENEVA. The talks..." is an ordinary sentence; a bare place needs a dash or a tag to count.
    if not month_name and not tag and separator in {".", ":"}:
        return None
    return Dateline(place=place, outlet=_outlet_from_tag(tag), published=published, end=match.end())


def normalise_date(value: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` for a date as found in metadata, or None when not understood."""
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        return _iso_date(int(iso[2]), int(iso[3]), int(iso[1]))
    if re.fullmatch(r"--\d{2}-\d{2}", value):
        return value
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    from email.utils import parsedate_to_datetime  # RFC 2822, as in RSS feeds

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _iso_date(month: int, day: int, year: int | None) -> str | None:
    try:
        # A leap year stands in when the year is unknown, so "Feb. 29" is accepted.
        date(year or 2024, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _outlet_from_tag(tag: str | None) -> str | None:
    if tag is None:
        return None
    tag = " ".join(tag.split())
    letters = [c for c in tag if c.isalpha()]
    # "ORIENT NEWS" reads as a shouted name, "AFP" as an acronym: only the first is recased.
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        return tag.title()
    return tag or None
