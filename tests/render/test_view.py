"""What the HTML header and matrix read from the view: event place and dates, per-outlet
coverage, reading order, and the statement each quote belongs to."""

from __future__ import annotations

from rashomon.render.view import build_view, date_span, outlet_label
from rashomon.story.model import Document, StoryReport


def test_date_span_reads_as_one_range() -> None:
    assert date_span(["2025-05-02", "2025-05-02T10:00:00", None]) == "2 May 2025"
    assert date_span(["2025-05-04", "2025-05-02"]) == "2–4 May 2025"
    assert date_span(["2025-05-02", "2025-04-30"]) == "30 Apr – 2 May 2025"
    assert date_span(["2024-12-31", "2025-01-01"]) == "31 Dec 2024 – 1 Jan 2025"
    assert date_span(["--05-02", "--05-02"]) == "2 May"  # datelines without a year
    assert date_span([None, ""]) == ""


def test_header_has_place_dates_and_what_each_outlet_carries(report: StoryReport) -> None:
    view = build_view(report)
    assert view.place == "Harbourton"  # the dateline, no longer shouting
    assert view.dates == "2 May 2025"
    # u1, u2 everywhere; u3 only in the Post; u4 in the Post and the Daily.
    assert [o.carried for o in view.outlets] == [4, 2, 3]


def test_rows_know_their_reading_order_and_where_each_outlet_has_them(
    report: StoryReport,
) -> None:
    rows = {r.unit_id: r for r in build_view(report).rows}
    # Reading order: the first report's statements by offset (Reyes rejects the offer
    # before he is quoted), then statements only later reports have.
    assert sorted(rows, key=lambda u: rows[u].order) == ["u1", "u2", "u4", "u3"]
    for unit in report.units:
        for m in unit.members:
            assert rows[unit.id].starts[m.doc] == m.start


def test_quotes_link_to_their_statement(report: StoryReport) -> None:
    quotes = {q.id: q for g in build_view(report).quotes for q in g.quotes}
    assert quotes["q2"].unit_id == "u2" and quotes["q3"].unit_id == "u3"
    assert quotes["q1"].unit_id is None  # u1's members carry no quote id


def test_lower_case_outlet_tags_read_as_abbreviations() -> None:
    assert outlet_label(Document("d1", "a.json", "", outlet="nyt")) == "NYT"
    assert outlet_label(Document("d1", "a.json", "", outlet="Reuters")) == "Reuters"
    assert outlet_label(Document("d1", "a.json", "", outlet="the guardian")) == "the guardian"


def test_actors_labelled_by_more_outlets_come_first(report: StoryReport) -> None:
    rows = build_view(report).framing.labels
    # Tom Reyes is labelled by two outlets ("Union chief", "Union leader"), Ana Silva by one.
    assert [(r.actor, r.labels) for r in rows] == [
        ("Tom Reyes", ["Union chief", "", "Union leader"]),
        ("Ana Silva", ["Mayor", "", ""]),
    ]
