"""The brat standoff reader, on hand-written annotations."""

from __future__ import annotations

from pathlib import Path

from rashomon.article import Span
from rashomon.evaluation.brat import parse_spans, parse_textbounds, read_attributions, spans_text
from rashomon.evaluation.polnear import load_split

TEXT = "“We will build it,” the mayor said. “Soon.” Critics, however, doubt the plan.\n"
ANN = (
    "T1\tContent 1 17;37 41\tWe will build it Soon\n"
    "T2\tSource 20 29\tthe mayor\n"
    "T3\tCue 30 34\tsaid\n"
    "T4\tAttribution 30 34\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tCue 62 67\tdoubt\n"
    "T6\tContent 68 77\tthe plan.\n"
    "T7\tAttribution 62 67\tdoubt\n"
    "T8\tContent 0 2\textra\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6 Content2:T8\n"
    "E3\tAttribution-no-source:T7 \n"  # no content: dropped
    "#1\tAnnotatorNotes T1\tstray note\n"
    "garbage line\n"
    "T9\tDiscuss 1 2\tW\n"
)


def test_discontinuous_spans_are_parsed() -> None:
    assert parse_spans("10 20;25 40") == (Span(10, 20), Span(25, 40))
    bounds = parse_textbounds(ANN)
    assert bounds["T1"].spans == (Span(1, 17), Span(37, 41))
    assert bounds["T9"].label == "Discuss"


def test_events_tie_roles_together() -> None:
    attributions = read_attributions(ANN)
    assert [a.id for a in attributions] == ["E1", "E2"]
    first, second = attributions
    assert first.kind == "Attribution"
    assert spans_text(TEXT, first.content) == "We will build it Soon"
    assert spans_text(TEXT, first.source) == "the mayor"
    assert spans_text(TEXT, first.cue) == "said"
    assert second.kind == "Attribution-no-source"
    assert second.source == ()
    # Content2 is merged into the content, sorted by position.
    assert second.content == (Span(0, 2), Span(68, 77))


def test_load_split_reads_one_annotator_per_article(tmp_path: Path) -> None:
    split = tmp_path / "data" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "nyt_2016-01-02_story.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    (split / "text" / "nyt_2016-01-03_unannotated.txt").write_text("No gold here.")
    (split / "attributions" / "nyt_2016-01-02_story_ef2d.ann").write_text("")
    (split / "attributions" / "nyt_2016-01-02_story_4b22.ann").write_text(ANN)
    [gold] = load_split(tmp_path, "dev")
    assert gold.annotator == "4b22"  # first in sorted order
    assert gold.annotator_files == 2
    assert gold.article.text.endswith("\r\n")  # verbatim, no newline translation
    assert gold.article.source.endswith("nyt_2016-01-02_story.txt")
    assert gold.article.outlet == "nyt"
    assert gold.article.published == "2016-01-02"
    assert len(gold.attributions) == 2
    assert load_split(tmp_path / "data", "dev", limit=0) == []


def test_importing_evaluation_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, rashomon.evaluation\n"
        "heavy = ('spacy', 'textacy', 'torch', 'numpy')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_swapped_source_and_cue_are_swapped_back() -> None:
    from rashomon.evaluation.brat import BratAttribution
    from rashomon.evaluation.polnear import repair_swapped_roles

    text = "“We will build it,” said Hester. The State calls it a plan."
    swapped = BratAttribution("E1", "Attribution", (Span(20, 24),), (Span(25, 31),), (Span(1, 18),))
    fixed = repair_swapped_roles(text, swapped)
    assert spans_text(text, fixed.source) == "Hester"
    assert spans_text(text, fixed.cue) == "said"
    assert fixed.content == swapped.content
    # a verb-like source whose cue is a lower-case verb is an odd relation, not a swap
    odd = BratAttribution("E2", "Attribution", (Span(37, 42),), (Span(43, 48),), (Span(49, 59),))
    assert spans_text(text, odd.source) == "State" and spans_text(text, odd.cue) == "calls"
    assert repair_swapped_roles(text, odd) is odd
    fine = BratAttribution("E3", "Attribution", (Span(25, 31),), (Span(20, 24),), (Span(1, 18),))
    assert repair_swapped_roles(text, fine) is fine
