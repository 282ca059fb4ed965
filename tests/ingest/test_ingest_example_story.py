"""The bundled example story loads with the metadata each report carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.article import Article, Span
from rashomon.ingest import load_sources, read_source


def _load(path: Path) -> Article:
    items = list(read_source(str(path)))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    return article


def test_cpa_plain_text_gives_headline_agency_place_and_dateless_year(example_dir: Path) -> None:
    article = _load(example_dir / "cpa.txt")
    assert article.title == 'French minister sees rail deal "likely" by end of month'
    assert article.outlet == "CPA"
    assert article.place == "PARIS"
    assert article.published == "--03-03"
    assert article.language == "en"
    assert article.warnings == ()
    assert article.text == (example_dir / "cpa.txt").read_text(encoding="utf-8")


def test_orient_news_excludes_navigation_related_list_and_share_prompt(example_dir: Path) -> None:
    article = _load(example_dir / "orient-news.txt")
    assert article.outlet == "Orient News"
    assert article.place == "PARIS"
    assert article.published == "--03-03"
    assert article.title == "French transport minister says deal with rail unions possible"
    first_lines = [article.text[ex.start : ex.end].splitlines()[0] for ex in article.excluded]
    reasons = dict(zip(first_lines, [ex.reason for ex in article.excluded], strict=True))
    assert reasons == {
        "Top stories": "navigation",
        "World | Business | Sports": "navigation",
        "Related:": "related-links",
        "Share this article": "share-prompt",
    }
    analysed = article.analysed_text()
    for gone in ("Top stories", "World | Business", "Related:", "We will not give in",
                 "Paris metro ridership", "Share this article"):  # fmt: skip
        assert gone in article.text
        assert gone not in analysed
    assert "This matter does not concern the ministry." in analysed


def test_lyon_courier_page_gives_site_name_date_and_clean_body(example_dir: Path) -> None:
    article = _load(example_dir / "lyon-courier.html")
    assert article.outlet == "The Lyon Courier"
    assert article.published == "2025-03-03"
    assert (
        article.url
        == "https://lyon-courier.example/2025/03/03/rail-talks-minister-expects-agreement"
    )
    assert article.title is not None
    assert article.text.startswith(article.title + "\n\n")
    analysed = article.analysed_text()
    for word in ("Home", "Politics", "Weather", "We will not give in", "Lyon metro", "©"):
        assert word not in analysed
    assert "There is no way back." in analysed
    assert "The federation represents about 40,000 railway employees" in analysed


def test_meridian_record_takes_fields_from_the_record_and_place_from_dateline(
    example_dir: Path,
) -> None:
    article = _load(example_dir / "meridian-wire.json")
    assert article.title == "France expects rail deal within weeks, minister says"
    assert article.outlet == "Meridian Wire"
    assert article.published == "2025-03-03"
    assert article.url == "https://meridian-wire.example/world/france-rail-deal"
    assert article.place == "PARIS"
    assert article.source == str(example_dir / "meridian-wire.json")


def test_whole_example_folder_loads_four_reports_and_skips_readme(example_dir: Path) -> None:
    articles, errors = load_sources([str(example_dir)])
    assert errors == []
    assert [Path(a.source).name for a in articles] == [
        "cpa.txt",
        "lyon-courier.html",
        "meridian-wire.json",
        "orient-news.txt",
    ]


@pytest.mark.parametrize(
    "name", ["cpa.txt", "orient-news.txt", "lyon-courier.html", "meridian-wire.json"]
)
def test_offsets_of_every_example_mean_what_they_say(example_dir: Path, name: str) -> None:
    article = _load(example_dir / name)
    assert article.title_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == article.title
    assert len(article.analysed_text()) == len(article.text)
    for ex in article.excluded:
        assert 0 <= ex.start < ex.end <= len(article.text)
        assert not Span(ex.start, ex.end).overlaps(article.title_span)
