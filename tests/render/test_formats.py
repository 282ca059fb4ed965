"""render(): dispatch, JSON round trip, Markdown and the terminal text."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from rashomon.errors import ConfigError
from rashomon.render import FORMATS, print_summary, render_quotes, render_report
from rashomon.render.view import build_view, format_date, outlet_label, truncate
from rashomon.story.model import Document, StoryReport

# Wordings used below, as in conftest.py (not imported: several test folders have one).
U3_TEXT = "The city has never paid us on time"
U2_WIRE = "The city may pay the dockers in full"


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("text", "json", "md", "html")


def test_top_level_render_report_is_the_render_stage(report: StoryReport) -> None:
    import rashomon.render  # importing the subpackage must not shadow the public function

    assert rashomon.render_report(report, "json") == render_report(report, "json")


def test_unknown_format_names_the_valid_ones(report: StoryReport) -> None:
    with pytest.raises(ConfigError) as info:
        render_report(report, "pdf")
    assert "pdf" in str(info.value)
    assert all(fmt in str(info.value) for fmt in FORMATS)


def test_json_round_trips(report: StoryReport) -> None:
    out = render_report(report, "json")
    data = json.loads(out)
    assert data["schema"] == "rashomon.report/1"
    assert next(iter(data)) == "schema"
    assert StoryReport.from_dict(data) == report
    assert "Dockers & city" in out, "non-ASCII and & stay readable"


def test_markdown_has_a_coverage_row_per_unit(report: StoryReport) -> None:
    out = render_report(report, "md")
    assert out.startswith("# Port strike to end")
    assert "## Coverage" in out
    header = next(line for line in out.splitlines() if line.startswith("| Speaker"))
    assert header.count("|") == 2 + 3 + 2  # speaker, statement, 3 outlets, count
    rows = [line for line in out.splitlines() if line.startswith("| ") and "●" in line]
    assert len(rows) == len(report.units)
    single = next(r for r in rows if U3_TEXT in r)
    assert "**single**" in single and single.count("●") == 1
    assert "## Disputes" in out and "## Omissions noted by outlets" in out
    assert "**modality**" in out
    assert "photo.jpg" in out


def test_markdown_escapes_article_markup(report: StoryReport) -> None:
    out = render_report(report, "md")
    assert "<script>" not in out
    assert r"\<script\>alert(1)\</script\>" in out


def test_text_is_a_plain_summary(report: StoryReport) -> None:
    out = render_report(report, "text")
    assert "\x1b[" not in out, "no colour codes"
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.startswith('Port strike to end as mayor promises "fair" pay')
    assert "4 statements" in out and "2 carried by every outlet" in out
    assert "1 single-source" in out
    # The single-source statement, the meaning change and both sides of the dispute.
    assert "Carried by one outlet only" in out and U3_TEXT in out
    assert "modality" in out and '"may"' in out and '"will certainly"' in out
    assert "Disputes" in out and "Ana Silva" in out and "Tom Reyes" in out
    assert "Silva did not mention the unpaid overtime" in out
    assert "photo.jpg: no article text found [/bold]" in out, "Rich markup is not interpreted"


def test_print_summary_colours_the_same_content(report: StoryReport) -> None:
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    print_summary(report, console)
    # export_text clears the record: take the coloured copy first.
    coloured = console.export_text(styles=True, clear=False)
    plain = [line.rstrip() for line in console.export_text(styles=False).strip().splitlines()]
    assert plain == render_report(report, "text").strip().splitlines()
    assert "\x1b[" in coloured


def test_render_quotes_lists_speakers_per_document(report: StoryReport) -> None:
    out = render_quotes(report)
    assert "Harbour Post" in out and "Tom Reyes" in out
    assert U2_WIRE in out
    assert "photo.jpg" in out


def test_view_orders_speakers_and_statements(report: StoryReport) -> None:
    view = build_view(report)
    assert [g.speaker for g in view.groups] == ["Ana Silva", "Tom Reyes", "Reporting (no speaker)"]
    assert [r.unit_id for r in view.groups[0].rows] == ["u1", "u2"]
    assert [o.label for o in view.outlets] == ["Harbour Post", "Coast Wire", "bay-daily.example"]
    assert (view.n_shared, view.n_single) == (2, 1)
    # Coast Wire left out u4, which the two other outlets carried.
    assert [(m.outlet.label, [r.unit_id for r in m.rows]) for m in view.missing] == [
        ("Coast Wire", ["u4"])
    ]
    assert view.variants[0].shift == "modality" and view.variants[0].meaning_changing
    assert not view.variants[-1].meaning_changing


def test_view_helpers() -> None:
    assert outlet_label(Document("d1", "/x/cpa.txt", "")) == "CPA"
    assert outlet_label(Document("d1", "orient-news.txt", "")) == "Orient News"
    assert outlet_label(Document("d1", "https://www.example.org/a", "")) == "example.org"
    assert format_date("2025-03-03") == "3 Mar 2025"
    assert format_date("--03-03") == "3 Mar"
    assert format_date("yesterday") == "yesterday"
    assert truncate("a " * 50, 20).endswith("…") and len(truncate("a " * 50, 20)) <= 20


def test_same_outlet_twice_is_told_apart(report: StoryReport) -> None:
    report.documents[1].outlet = "Harbour Post"
    labels = [o.label for o in build_view(report).outlets]
    assert labels[:2] == ["Harbour Post (1)", "Harbour Post (2)"]


def test_importing_render_loads_neither_rich_nor_jinja() -> None:
    import subprocess
    import sys

    code = "import sys, rashomon.render\nprint([m for m in ('rich', 'jinja2') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
