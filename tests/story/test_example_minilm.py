"""The story step with the real MiniLM model on the example story analysed by hand (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import example_analyses
from rashomon.alignment import MiniLMEmbedder
from rashomon.settings import Settings
from rashomon.story.build import build_report
from rashomon.story.model import StoryReport, Unit

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(example_dir: Path) -> StoryReport:
    settings = Settings()
    return build_report(
        example_analyses(example_dir), settings=settings, embedder=MiniLMEmbedder(settings)
    )


def unit_with(report: StoryReport, doc: str, words: str) -> Unit:
    return next(u for u in report.units for m in u.members if m.doc == doc and words in m.text)


def test_the_four_renderings_of_likely_form_one_unit_with_a_modality_variant(
    report: StoryReport,
) -> None:
    u = unit_with(report, "d1", "An agreement is likely before the end of the month")
    assert u.docs == ["d1", "d2", "d3", "d4"]
    assert any("possible" in m.text for m in u.members if m.doc == "d2")
    modality = [v for v in u.variants if v.shift == "modality"]
    assert [(v.doc, v.words, v.against) for v in modality] == [("d2", ["possible"], "likely")]
    assert not any(v.doc == "d3" and v.meaning_changing for v in u.variants)


def test_moved_closer_on_wages_aligns_across_outlets(report: StoryReport) -> None:
    u = unit_with(report, "d1", "We have moved closer on wages")
    assert {"d1", "d3", "d4"} <= set(u.docs)


def test_ministry_translations_form_one_unit(report: StoryReport) -> None:
    u = unit_with(report, "d1", "The ministry has no part in this")
    texts = {m.doc: m.text for m in u.members}
    assert texts["d2"].startswith("This matter does not concern the ministry")
    assert "not a matter for the ministry" in texts["d4"]


def test_settle_it_between_themselves_is_single_source(report: StoryReport) -> None:
    u = unit_with(report, "d2", "must settle it between themselves")
    assert u.single_source


def test_omission_and_dispute_are_found(report: StoryReport) -> None:
    assert len(report.omissions) == 1
    assert len(report.omissions[0].members) == 2
    names = {a.id: a.name for a in report.actors}
    assert any(
        names.get(x.a.actor or "") == "Hélène Marchand"
        and names.get(x.b.actor or "") == "Paul Girard"
        and "likely" in x.a.text
        for x in report.disputes
    )
