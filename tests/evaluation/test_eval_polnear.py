"""evaluate_polnear on the first PolNeAR dev articles (real data, real models)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# the checkout's ../shared/data, or RASHOMON_DATA_DIR as `rashomon eval` reads it
_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
POLNEAR = Path(os.environ.get("RASHOMON_DATA_DIR") or _DATA) / "polnear"


def _analysis_available() -> bool:
    import rashomon.analysis

    return hasattr(rashomon.analysis, "analyze_articles")


@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR / "data" / "dev").is_dir(), reason=f"PolNeAR not at {POLNEAR}")
def test_evaluate_polnear_on_ten_dev_articles() -> None:
    if not _analysis_available():
        pytest.skip("rashomon.analysis.analyze_articles is not implemented yet")
    from rashomon.evaluation import evaluate_polnear, format_polnear, sample_errors

    ev = evaluate_polnear(POLNEAR, split="dev", limit=10)
    assert ev.articles == 10
    assert ev.words > 0
    assert ev.gold_direct <= ev.gold_attributions
    assert ev.gold_speech <= ev.gold_attributions
    assert ev.textacy is not None
    assert 0 <= ev.textacy.failures <= ev.articles
    for system in (ev.rashomon, ev.textacy):
        for prf in system.direct:
            assert prf.gold == ev.gold_direct
            assert 0 <= prf.matched <= min(prf.predicted, prf.gold)
            assert all(0.0 <= v <= 1.0 for v in (prf.precision, prf.recall, prf.f1))
        # a stricter threshold can only lose matches
        assert system.direct_at(0.8).matched <= system.direct_at(0.3).matched
        assert system.speaker.total <= system.direct_at(0.3).matched
        assert 0.0 <= system.speaker.value <= 1.0
    ours = ev.rashomon
    assert ours.direct_partial is not None
    assert ours.direct_partial[0].predicted >= ours.direct[0].predicted
    assert ours.speech_recall is not None and ours.speech_recall.total == ev.gold_speech
    assert ours.all_precision is not None
    assert ours.all_precision.hits <= ours.all_precision.total
    assert 0.0 <= ours.all_precision.value <= 1.0
    assert ours.seconds > 0
    missed = sum(e.kind == "missed" for e in ev.errors)
    assert missed == ev.gold_direct - ours.direct_at(0.3).matched

    table = format_polnear(ev)
    assert "direct F1 @0.3" in table and "textacy" in table
    assert sample_errors(ev, 2).startswith("error categories:")


def test_missing_split_is_reported(tmp_path: Path) -> None:
    from rashomon.evaluation.polnear import load_split

    with pytest.raises(FileNotFoundError, match="no PolNeAR split"):
        load_split(tmp_path, "dev")


def test_evaluate_polnear_with_a_stub_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole run on a hand-written split, analysis stubbed: no models needed."""
    import rashomon.analysis
    from rashomon.analysis.model import ArticleAnalysis, LocalActor, Mention, Quote
    from rashomon.article import Article
    from rashomon.evaluation import evaluate_polnear, format_polnear, sample_errors

    text = "“We will build it,” the mayor said.\nCritics said “it is a folly.”\n"
    ann = (
        "T1\tContent 1 17\tWe will build it\nT2\tSource 20 29\tthe mayor\n"
        "T3\tCue 30 34\tsaid\nT4\tAttribution 30 34\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
        "T5\tContent 50 64\tit is a folly.\nT6\tCue 44 48\tsaid\nT7\tAttribution 44 48\tsaid\n"
        "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    )
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "usa-today_2016-10-01_x.txt").write_text(text)
    (split / "attributions" / "usa-today_2016-10-01_x_4e07.ann").write_text(ann)

    def analyze(articles: list[Article], *, settings: object = None) -> list[ArticleAnalysis]:
        mayor = LocalActor("p1", "the mayor", "person", mentions=[Mention(20, 29, "the mayor")])
        quotes = (
            Quote("direct", 1, 17, "We will build it", "p1", Mention(20, 29, "the mayor")),
            Quote("partial", 50, 63, "it is a folly"),
            Quote("direct", 36, 43, "Critics"),  # a false positive
        )
        return [ArticleAnalysis(a, (), (), (), quotes, (mayor,)) for a in articles]

    monkeypatch.setattr(rashomon.analysis, "analyze_articles", analyze, raising=False)
    ev = evaluate_polnear(tmp_path, split="dev", baseline=False)
    assert (ev.articles, ev.gold_attributions, ev.gold_direct, ev.gold_speech) == (1, 2, 2, 2)
    lenient = ev.rashomon.direct_at(0.3)
    assert (lenient.matched, lenient.predicted, lenient.gold) == (1, 2, 2)
    assert ev.rashomon.direct_partial is not None
    assert ev.rashomon.direct_partial[0].matched == 2
    assert (ev.rashomon.speaker.hits, ev.rashomon.speaker.total) == (1, 1)
    assert ev.rashomon.speech_recall is not None and ev.rashomon.speech_recall.value == 1.0
    assert ev.rashomon.all_precision is not None and ev.rashomon.all_precision.hits == 2
    assert ev.textacy is None
    assert sorted(e.kind for e in ev.errors) == ["false_positive", "missed"]
    assert "found with another kind" in sample_errors(ev)
    assert "—" in format_polnear(ev)  # no textacy column values
