"""Clustering features read from an analysis agree with the separate NER pass they replace."""

from __future__ import annotations

import pytest

from rashomon.analysis import analyze_articles
from rashomon.article import Article
from rashomon.clustering.features import analysed_entities, embedding_text, extract_entities
from rashomon.settings import get_settings

pytestmark = pytest.mark.slow


def test_an_analysis_gives_the_entities_of_the_ner_pass(articles: dict[str, Article]) -> None:
    settings = get_settings()
    chosen = list(articles.values())
    chars = settings.cluster_entity_chars
    parsed = extract_entities([embedding_text(a, chars=chars) for a in chosen], settings=settings)
    analyses = analyze_articles(chosen, settings=settings)
    read = [analysed_entities(analysis, chars=chars) for analysis in analyses]
    for article, ner, mine in zip(chosen, parsed, read, strict=True):
        assert len(set(ner) & set(mine)) >= 0.8 * len(set(ner) | set(mine)), article.source
    assert {"ilse brandt", "brandt"} <= set(read[0])  # the harbour master, under her surname too


def test_entities_past_the_window_are_not_counted() -> None:
    filler = "The committee met again and talked at length about the budget. " * 8
    text = (
        "Budget talks drag on\nMayor Oskar Lindqvist of Tarnby opened the session in 2031. "
        + filler
        + "Late in the evening Councillor Petra Amsel of Velden walked out."
    )
    article = Article(source="budget.txt", title="Budget talks drag on", text=text)
    analysis = analyze_articles([article], settings=get_settings())[0]
    short = analysed_entities(analysis, chars=200)
    whole = analysed_entities(analysis, chars=5000)
    assert {"oskar lindqvist", "year:2031"} <= set(short)
    assert "velden" not in short and not any("amsel" in key for key in short)
    assert "velden" in whole
