"""Per-article analysis: Article -> ArticleAnalysis (sentences, entities, quotes, speakers).

spaCy is imported only when a pipeline is loaded, so importing this package stays cheap.
"""

from __future__ import annotations

from rashomon.analysis.analyze import analyze_article, analyze_articles
from rashomon.analysis.pipeline import load_pipeline

__all__ = ["analyze_article", "analyze_articles", "load_pipeline"]
