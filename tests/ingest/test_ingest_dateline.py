"""Datelines: place as written, agency tag as outlet, date with or without a year."""

from __future__ import annotations

import pytest

from rashomon.ingest.dateline import normalise_date, parse_dateline


@pytest.mark.parametrize(
    ("line", "place", "outlet", "published"),
    [
        ("PARIS, March 3 (CPA) - The minister said", "PARIS", "CPA", "--03-03"),
        ("PARIS, March 3 /ORIENT NEWS/ -- An agreement", "PARIS", "Orient News", "--03-03"),
        ("GENEVA, March 3. Delegates met", "GENEVA", None, "--03-03"),
        ("WASHINGTON (AP) — The senator said", "WASHINGTON", "AP", None),
        ("LONDON, 3 March 2025 (Reuters) - Prices rose", "LONDON", "Reuters", "2025-03-03"),
        ("BEIJING, Jan. 5 (Xinhua) -- Officials said", "BEIJING", "Xinhua", "--01-05"),
        ("BEIJING, Jan. 5 (XINHUA) -- Officials said", "BEIJING", "Xinhua", "--01-05"),
        ("PARIS, March 3 - France's minister said", "PARIS", None, "--03-03"),
        ("NEW YORK, Sept. 12, 2024 (AFP) - Stocks fell", "NEW YORK", "AFP", "2024-09-12"),
        ("KYIV, Ukraine (AP) — Sirens sounded", "KYIV", "AP", None),
        ("LONDON, 3 March 2025 (Reuters) -", "LONDON", "Reuters", "2025-03-03"),
    ],
)
def test_dateline_forms(line: str, place: str, outlet: str | None, published: str | None) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None
    assert (dateline.place, dateline.outlet, dateline.published) == (place, outlet, published)


@pytest.mark.parametrize(
    "line",
    [
        "NATO said on Monday it would meet.",
        "GENEVA. The talks resumed.",
        "PARIS-based insurers reported losses.",
        "French minister sees rail deal likely",
        "PARIS, Feb. 30 - impossible date",
        "A - single letter",
        "EXCLUSIVE – Minister: the talks will go on",
    ],
)
def test_ordinary_lines_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03T18:20:00+01:00", "2025-03-03"),
        ("March 3, 2025", "2025-03-03"),
        ("3 March 2025", "2025-03-03"),
        ("Mon, 03 Mar 2025 18:20:00 +0100", "2025-03-03"),
        ("--03-03", "--03-03"),
        ("last Tuesday", None),
    ],
)
def test_metadata_dates_become_iso(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected
