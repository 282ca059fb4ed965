"""The onnx-int8 embedding backend against the torch one (slow: real MiniLM, real export)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rashomon.alignment import onnx_embedder
from rashomon.alignment.embedder import MiniLMEmbedder, make_embedder
from rashomon.alignment.onnx_embedder import OnnxMiniLMEmbedder, load_onnx_model, onnx_model_file
from rashomon.errors import ConfigError, ModelError
from rashomon.settings import Settings

#: (statement, a near-duplicate of it, an unrelated statement)
TRIPLES = [
    (
        "The harbour authority closed the northern pier after the storm damaged it.",
        "After storm damage, the port authority shut the north pier.",
        "Wheat prices rose for a third week on fears of a poor harvest.",
    ),
    (
        "The mayor said the new tram line would open in the spring.",
        "According to the mayor, the tram line opens this spring.",
        "Two climbers were rescued from the glacier on Sunday night.",
    ),
    (
        "Negotiators agreed to extend the ceasefire by another ten days.",
        "The ceasefire was extended by ten more days, negotiators agreed.",
        "The museum will display the recovered paintings from next month.",
    ),
    (
        "Union leaders rejected the offer of a four per cent pay rise.",
        "A 4% wage increase was turned down by the union's leadership.",
        "Heavy snow delayed trains across the eastern region.",
    ),
]
SENTENCES = [s for triple in TRIPLES for s in triple] + [
    "The committee, which met behind closed doors for most of the afternoon, did not publish "
    "its findings, and a spokesman declined to say when, or whether, they would be made public "
    "before the vote scheduled for the end of the month. " * 4,
]
#: Texts of one or two tokens, where int8 rounding weighs most.
TINY = ["Yes.", "", "No comment."]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


@pytest.fixture(scope="module")
def onnx_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(embedding_backend="onnx-int8", cache_dir=str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return MiniLMEmbedder(Settings()).embed(SENTENCES)


def test_unknown_backend_is_a_config_error_naming_the_setting() -> None:
    settings = Settings.from_env({"RASHOMON_EMBEDDING_BACKEND": "tensorflow"})
    with pytest.raises(ConfigError, match=r"'tensorflow'.*RASHOMON_EMBEDDING_BACKEND"):
        make_embedder(settings)


def test_each_backend_has_its_own_versioned_name() -> None:
    torch_name = make_embedder(Settings(embedding_backend="torch")).name
    onnx_name = make_embedder(Settings(embedding_backend="onnx-int8")).name
    assert torch_name == "rashomon.embedder.minilm.v1"
    assert onnx_name == "rashomon.embedder.minilm-onnx-int8.v1"


@pytest.mark.slow
def test_backends_agree(onnx_settings: Settings, torch_vectors: np.ndarray) -> None:
    vectors = OnnxMiniLMEmbedder(onnx_settings).embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    agreement = cosines(vectors, torch_vectors)
    assert agreement.min() >= 0.98, dict(zip(SENTENCES, agreement.round(4), strict=True))
    tiny = cosines(OnnxMiniLMEmbedder(onnx_settings).embed(TINY), MiniLMEmbedder().embed(TINY))
    assert tiny.min() >= 0.95, dict(zip(TINY, tiny.round(4), strict=True))


@pytest.mark.slow
def test_near_duplicates_stay_nearer_than_unrelated(
    onnx_settings: Settings, torch_vectors: np.ndarray
) -> None:
    vectors = OnnxMiniLMEmbedder(onnx_settings).embed(SENTENCES)
    for k, (text, _, _) in enumerate(TRIPLES):
        i = 3 * k
        for v in (vectors, torch_vectors):
            assert v[i] @ v[i + 1] > v[i] @ v[i + 2] + 0.2, text
    # Every pair of pairs is ordered the same way by both backends when torch sees a clear gap.
    pairs = list(itertools.combinations(range(3 * len(TRIPLES)), 2))
    for (a, b), (c, d) in itertools.combinations(pairs, 2):
        gap = torch_vectors[a] @ torch_vectors[b] - torch_vectors[c] @ torch_vectors[d]
        if abs(gap) > 0.05:
            onnx_gap = vectors[a] @ vectors[b] - vectors[c] @ vectors[d]
            assert np.sign(onnx_gap) == np.sign(gap), (SENTENCES[a], SENTENCES[c])


@pytest.mark.slow
def test_a_texts_vector_does_not_depend_on_the_others(onnx_settings: Settings) -> None:
    # Embedded with others on two threads or alone: the same vector, in the input's order.
    texts = [*TINY, *SENTENCES, SENTENCES[0]]
    together = OnnxMiniLMEmbedder(onnx_settings.replace(embedding_threads=2)).embed(texts)
    alone = np.stack([OnnxMiniLMEmbedder(onnx_settings).embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-6)
    assert np.array_equal(together[len(TINY)], together[-1])


@pytest.mark.slow
def test_second_load_reuses_the_cached_model(onnx_settings: Settings) -> None:
    OnnxMiniLMEmbedder(onnx_settings).embed(["warm"])
    path = onnx_model_file(onnx_settings)
    mtime, exports = path.stat().st_mtime_ns, onnx_embedder.exports_done
    load_onnx_model.cache_clear()  # as a new process would
    vectors = OnnxMiniLMEmbedder(onnx_settings).embed(["Another statement entirely."])
    assert vectors.shape == (1, 384)
    assert onnx_embedder.exports_done == exports
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.slow
def test_corrupt_cached_model_is_rebuilt(tmp_path: Path, torch_vectors: np.ndarray) -> None:
    settings = Settings(embedding_backend="onnx-int8", cache_dir=str(tmp_path))
    path = onnx_model_file(settings)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"half an ONNX file")  # what a killed copy by hand could leave
    exports = onnx_embedder.exports_done
    vectors = OnnxMiniLMEmbedder(settings).embed(SENTENCES)
    assert onnx_embedder.exports_done == exports + 1
    assert cosines(vectors, torch_vectors).min() >= 0.98
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary files left"


@pytest.mark.slow
def test_failed_export_names_the_model_and_leaves_no_file(tmp_path: Path) -> None:
    model = tmp_path / "broken-model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "bert"}')
    (model / "model.safetensors").write_bytes(b"not weights")
    settings = Settings(embedding_model=str(model), cache_dir=str(tmp_path / "cache"))
    with pytest.raises(ModelError, match="broken-model"):
        OnnxMiniLMEmbedder(settings).embed(["anything"])
    assert not list((tmp_path / "cache").rglob("*.onnx"))
    assert list((tmp_path / "cache").rglob("*")) == [tmp_path / "cache" / "onnx"]


@pytest.mark.slow
def test_two_processes_exporting_at_once_both_get_a_whole_model(tmp_path: Path) -> None:
    code = (
        "import sys; from rashomon.alignment.onnx_embedder import OnnxMiniLMEmbedder; "
        "from rashomon.settings import Settings; "
        "v = OnnxMiniLMEmbedder(Settings(cache_dir=sys.argv[1])).embed(['A test.']); "
        "print(v.shape)"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs == [b"(1, 384)\n", b"(1, 384)\n"]
    assert [p.suffix for p in (tmp_path / "onnx").iterdir()] == [".onnx"]
