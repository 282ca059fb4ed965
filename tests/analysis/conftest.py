"""Fixtures for the analysis tests: the example story built into Articles by hand."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article, Excluded
from rashomon.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> object:
    """The spaCy pipeline, loaded once per session (load_pipeline caches it per process)."""
    from rashomon.analysis import load_pipeline

    return load_pipeline(settings)


def _orient(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    headline = text.index("French transport minister")
    related = text.index("Related:")
    share = text.index("Share this article")
    return Article(
        source=path.name,
        text=text,
        excluded=(
            Excluded(0, headline, "navigation"),
            Excluded(related, share, "related-links"),
            Excluded(share, share + len("Share this article"), "share-prompt"),
        ),
    )


def _lyon(path: Path) -> Article:
    html = path.read_text(encoding="utf-8")
    body = html[html.index("<article>") : html.index("</article>")]
    m = re.search(r"<h1>(.*?)</h1>", body)
    assert m is not None
    title = m.group(1)
    paras = [p for cls, p in re.findall(r'<p( class="byline")?>(.*?)</p>', body) if not cls]
    text = "\n\n".join([title, *paras])
    return Article(source=path.name, text=text, title=title)


@pytest.fixture(scope="session")
def examples(example_dir: Path) -> dict[str, Article]:
    """The four example reports as Articles, keyed by a short name."""
    record = json.loads((example_dir / "meridian-wire.json").read_text(encoding="utf-8"))
    return {
        "cpa": Article(source="cpa.txt", text=(example_dir / "cpa.txt").read_text("utf-8")),
        "orient": _orient(example_dir / "orient-news.txt"),
        "lyon": _lyon(example_dir / "lyon-courier.html"),
        "meridian": Article(source="meridian-wire.json", text=record["text"]),
    }


@pytest.fixture(scope="session")
def analysed(examples: dict[str, Article], nlp: object) -> dict[str, ArticleAnalysis]:
    from rashomon.analysis import analyze_articles

    names = list(examples)
    results = analyze_articles([examples[n] for n in names])
    return dict(zip(names, results, strict=True))


@pytest.fixture(scope="session")
def analyse(nlp: object) -> Callable[[str], ArticleAnalysis]:
    """Analyse a hand-written text."""
    from rashomon.analysis import analyze_article

    def run(text: str) -> ArticleAnalysis:
        return analyze_article(Article(source="test.txt", text=text))

    return run
