"""The names a user imports from ``rashomon`` stay exactly these, and importing is cheap."""

from __future__ import annotations

import subprocess
import sys

import rashomon

PUBLIC = {
    "Article",
    "ArticleAnalysis",
    "InputError",
    "RashomonError",
    "Settings",
    "StoryReport",
    "__version__",
    "analyze_articles",
    "compare",
    "get_settings",
    "load_sources",
    "quotes_report",
    "render_report",
}


def test_public_names_are_exactly_the_documented_ones() -> None:
    assert set(rashomon.__all__) == PUBLIC


def test_every_public_name_resolves() -> None:
    for name in rashomon.__all__:
        assert getattr(rashomon, name) is not None, name


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, rashomon\n"
        "rashomon.Settings; rashomon.StoryReport; rashomon.Article\n"
        "heavy = ('spacy', 'torch', 'numpy', 'trafilatura', 'httpx')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
