"""The pure story step on hand-built analyses (fast: bag-of-words embedder)."""

from __future__ import annotations

from pathlib import Path

from conftest import A, HashEmbedder, Q, example_analyses, make_analysis
from rashomon.settings import Settings
from rashomon.story.build import (
    build_documents,
    build_quotes_report,
    build_report,
    story_statements,
)
from rashomon.story.model import StoryReport


def report(example_dir: Path) -> StoryReport:
    return build_report(example_analyses(example_dir), settings=Settings(), embedder=HashEmbedder())


def test_documents_get_ids_in_input_order_and_the_year_of_the_others(example_dir: Path) -> None:
    r = report(example_dir)
    assert [d.id for d in r.documents] == ["d1", "d2", "d3", "d4"]
    assert [d.published for d in r.documents] == ["2025-03-03"] * 4
    assert r.documents[2].outlet == "The Lyon Courier"


def test_year_is_not_guessed_when_other_dates_disagree() -> None:
    from rashomon.article import Article

    docs = build_documents(
        [
            Article("a", "x", published="--03-03"),
            Article("b", "x", published="2024-03-03"),
            Article("c", "x", published="2025-03-03"),
        ]
    )
    assert docs[0].published == "--03-03"


def test_every_statement_is_in_exactly_one_unit_with_one_member_per_document(
    example_dir: Path,
) -> None:
    r = report(example_dir)
    seen = set()
    for u in r.units:
        assert len(set(u.docs)) == len(u.docs)
        for m in u.members:
            key = (m.doc, m.start, m.end)
            assert key not in seen
            seen.add(key)
            assert r.document(m.doc).text[m.start : m.end] == m.text


def test_story_statements_are_the_statements_the_report_aligns(example_dir: Path) -> None:
    statements = story_statements(example_analyses(example_dir))
    r = report(example_dir)
    members = sorted(
        (m.doc, m.start, m.end, m.text, m.quote, m.speaker) for u in r.units for m in u.members
    )
    assert (
        sorted((s.doc, s.start, s.end, s.text, s.quote, s.speaker) for s in statements) == members
    )
    assert [s.doc for s in statements] == sorted(s.doc for s in statements)  # document order
    actors = {a.id for a in r.actors}
    assert {s.speaker for s in statements if s.speaker} <= actors
    assert any(s.speaker for s in statements)


def test_units_are_ordered_by_coverage_then_first_appearance(example_dir: Path) -> None:
    r = report(example_dir)
    sizes = [len(u.docs) for u in r.units]
    assert sizes == sorted(sizes, reverse=True)
    assert [u.id for u in r.units] == [f"u{n}" for n in range(1, len(r.units) + 1)]


def test_quotes_get_global_ids_and_speakers(example_dir: Path) -> None:
    r = report(example_dir)
    assert [q.id for q in r.quotes] == [f"q{n}" for n in range(1, len(r.quotes) + 1)]
    marchand = next(a for a in r.actors if a.name == "Hélène Marchand")
    girard = next(a for a in r.actors if a.name == "Paul Girard")
    assert {q.speaker for q in r.quotes} == {marchand.id, girard.id}
    assert len([a for a in r.actors if a.name == "Hélène Marchand"]) == 1


def test_unit_speaker_is_the_majority_speaker(example_dir: Path) -> None:
    r = report(example_dir)
    for u in r.units:
        speakers = [m.speaker for m in u.members if m.speaker]
        if speakers:
            assert u.speaker in speakers


def test_report_round_trips_through_json_dict(example_dir: Path) -> None:
    r = report(example_dir)
    assert StoryReport.from_dict(r.to_dict()) == r


def test_omission_note_joins_both_outlets_under_the_minister(example_dir: Path) -> None:
    r = report(example_dir)
    marchand = next(a for a in r.actors if a.name == "Hélène Marchand")
    (note,) = r.omissions
    assert note.actor == marchand.id
    assert [m.doc for m in note.members] == ["d1", "d3"]
    assert "did not mention" in note.members[0].text
    assert "made no mention" in note.members[1].text


def test_framing_has_headlines_ledes_and_labels(example_dir: Path) -> None:
    r = report(example_dir)
    assert r.framing.headlines["d1"].startswith("French minister sees rail deal")
    assert r.framing.ledes["d1"].startswith("French Transport Minister Hélène Marchand said")
    assert r.framing.ledes["d2"].startswith("An agreement between the French government")
    labels = {(lb.doc, lb.label) for lb in r.framing.labels}
    assert ("d1", "French Transport Minister") in labels
    assert ("d3", "head of the Federation of Rail Workers") in labels
    assert ("d2", "the French minister") in labels


def test_girard_disputes_marchand(example_dir: Path) -> None:
    r = report(example_dir)
    names = {a.id: a.name for a in r.actors}
    pairs = {(names[x.a.actor or ""], names[x.b.actor or ""]) for x in r.disputes}
    assert ("Hélène Marchand", "Paul Girard") in pairs
    dispute = next(x for x in r.disputes if names[x.b.actor or ""] == "Paul Girard")
    assert "no agreement" in dispute.b.text
    assert dispute.reason


def test_quotes_report_keeps_actors_per_article(example_dir: Path) -> None:
    r = build_quotes_report(example_analyses(example_dir))
    assert r.units == []
    assert len(r.quotes) == 19
    assert len([a for a in r.actors if a.name == "Hélène Marchand"]) == 4


def test_single_document_report_has_only_single_source_units() -> None:
    analysis = make_analysis(
        "Moreau said the talks would resume on Friday. Unions were not present.",
        quotes=[Q("indirect", "the talks would resume on Friday", "p1")],
        actors=[A("p1", "Jean Moreau", mentions=["Moreau"])],
    )
    r = build_report([analysis], settings=Settings(), embedder=HashEmbedder())
    assert len(r.units) == 2
    assert all(u.single_source for u in r.units)
    assert r.units[0].speaker == "a1"
