"""all-MiniLM-L6-v2 on ONNX Runtime with int8 weights: MiniLMEmbedder's vectors, faster.

The ONNX file is made here from the installed weights, never downloaded: the transformer is
exported with torch.onnx, then its weights are quantised to int8 (dynamic, per channel). That
runs once; the result is cached under ``Settings.cache_dir``, named by the hash of the weights
and the export recipe, and written atomically so concurrent first runs never read half a file.
At run time only onnxruntime and tokenizers are imported, not torch.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rashomon.alignment.embedder import CachingEmbedder, _model_path
from rashomon.errors import ModelError
from rashomon.settings import Settings

if TYPE_CHECKING:
    import numpy

#: Changes whenever the export or quantisation below changes, so old cache files go unused.
EXPORT_RECIPE = "torchscript-opset17.int8-per-channel.v1"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")

#: ONNX exports done by this process (each first use of a new cache file counts one).
exports_done = 0


@dataclass(frozen=True)
class OnnxModel:
    """A loaded ONNX Runtime session with the tokenizer and pooling settings of its model."""

    session: Any
    tokenizer: Any
    max_seq_length: int
    path: Path


def cache_root(settings: Settings) -> Path:
    """The folder holding rashomon's built files (``cache_dir``, ``~`` expanded)."""
    return Path(settings.cache_dir).expanduser()


def _threads(settings: Settings) -> int:
    if settings.embedding_threads > 0:
        return settings.embedding_threads
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def model_key(model_dir: Path) -> str:
    """Hash of ``model_dir``'s weights and config, the export recipe and the tools' versions."""
    digest = hashlib.sha256(EXPORT_RECIPE.encode())
    for tool in ("torch", "onnxruntime"):
        digest.update(f"{tool}={_version(tool)}".encode())
    weights = next((model_dir / n for n in _WEIGHT_FILES if (model_dir / n).is_file()), None)
    if weights is None:
        wanted = " or ".join(_WEIGHT_FILES)
        raise ModelError(f"embedding model {model_dir} has no weights ({wanted})")
    for file in (model_dir / "config.json", weights):
        with file.open("rb") as fh:
            digest.update(hashlib.file_digest(fh, "sha256").digest())
    return digest.hexdigest()[:20]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def onnx_model_file(settings: Settings) -> Path:
    """Where the int8 ONNX file of ``settings.embedding_model`` is cached (it may not exist yet)."""
    model_dir = _model_path(settings.embedding_model)
    return cache_root(settings) / "onnx" / f"minilm-{model_key(model_dir)}.int8.onnx"


def _max_seq_length(model_dir: Path) -> int:
    # sentence-transformers truncates at this length, not at the tokenizer's own (128 here).
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text()).get("max_seq_length")
        if isinstance(value, int) and value > 0:
            return value
    return 512


def _check_pooling(model_dir: Path) -> None:
    # Only mean pooling then normalisation is reproduced here; say so for any other model.
    modules_file = model_dir / "modules.json"
    if not modules_file.is_file():
        return
    for module in json.loads(modules_file.read_text()):
        if module.get("type", "").endswith("Pooling"):
            pooling = json.loads((model_dir / module["path"] / "config.json").read_text())
            modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
            if modes != ["pooling_mode_mean_tokens"]:
                raise ModelError(
                    f"embedding model {model_dir} pools with {modes}; "
                    "the onnx-int8 backend supports mean pooling only (use embedding_backend=torch)"
                )


def export_onnx(model_dir: Path, target: Path) -> None:
    """Export the transformer of ``model_dir`` to ONNX, quantise it to int8, write ``target``.

    Written to a temporary file beside ``target`` then renamed, so a reader sees either no
    file or a whole one.
    """
    global exports_done
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    except OSError as exc:
        raise ModelError(f"cannot write the ONNX cache folder {target.parent}: {exc}") from exc
    try:
        _export(model_dir, workdir / "model.onnx", workdir / "model.int8.onnx")
        os.replace(workdir / "model.int8.onnx", target)
    except Exception as exc:  # torch, onnx and onnxruntime raise many kinds
        raise ModelError(
            f"cannot export embedding model {model_dir} to ONNX int8: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    exports_done += 1


def _export(model_dir: Path, fp32_file: Path, int8_file: Path) -> None:
    import logging

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    # eager attention traces to plain MatMul/Softmax, which the int8 quantiser handles.
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    # A padded sample (two lengths), so no "mask is all ones" shortcut is traced.
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0)
    encoded = tokenizer.encode_batch(["A short one.", "A somewhat longer sample sentence here."])
    sample = tuple(
        torch.tensor([getattr(e, attr) for e in encoded], dtype=torch.long)
        for attr in ("ids", "attention_mask", "type_ids")
    )
    axes = {name: {0: "batch", 1: "sequence"} for name in (*_INPUTS, "last_hidden_state")}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer and deprecation notes, not user problems
        # The TorchScript exporter: on this model it is 4x quicker to export than dynamo and
        # its graph runs ~25% faster after quantisation (bench/embedder.py).
        torch.onnx.export(
            LastHiddenState(model),
            sample,
            str(fp32_file),
            dynamo=False,
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
        )
    quant_logger = logging.getLogger()
    level = quant_logger.level
    quant_logger.setLevel(logging.ERROR)  # "consider pre-processing" advice on every export
    try:
        # Per-channel weights: per-tensor int8 agrees only ~0.96 with the float model.
        quantize_dynamic(fp32_file, int8_file, weight_type=QuantType.QInt8, per_channel=True)
    finally:
        quant_logger.setLevel(level)


def _session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    # One thread per run: texts run in parallel instead (_encode), which scales better on
    # inputs this small than splitting one run's matrix products.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


@functools.lru_cache(maxsize=4)
def load_onnx_model(model: str, cache_dir: str) -> OnnxModel:
    """The int8 ONNX session of ``model``, exported on first use, loaded once per process.

    A cache file that cannot be loaded (truncated, corrupt) is rebuilt.
    """
    settings = Settings(embedding_model=model, cache_dir=cache_dir)
    model_dir = _model_path(model)
    _check_pooling(model_dir)
    path = onnx_model_file(settings)
    if not path.is_file():
        export_onnx(model_dir, path)
    try:
        session = _session(path)
    except Exception:  # a damaged cache file: build it again rather than fail
        path.unlink(missing_ok=True)
        export_onnx(model_dir, path)
        try:
            session = _session(path)
        except Exception as exc:
            raise ModelError(f"cannot load the ONNX embedding model {path}: {exc}") from exc
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    except Exception as exc:
        raise ModelError(f"cannot load the tokenizer of embedding model {model_dir}: {exc}") from (
            exc
        )
    max_len = _max_seq_length(model_dir)
    # tokenizer.json pads every text to 128 and cuts there; texts run alone, unpadded.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_len)
    return OnnxModel(session, tokenizer, max_len, path)


class OnnxMiniLMEmbedder(CachingEmbedder):
    """all-MiniLM-L6-v2 through ONNX Runtime, int8; loads lazily, caches vectors by text."""

    name = "rashomon.embedder.minilm-onnx-int8.v1"

    def _vectors(self, texts: list[str]) -> numpy.ndarray:
        model = load_onnx_model(self.settings.embedding_model, self.settings.cache_dir)
        return _encode(model, texts, _threads(self.settings))


def _encode(model: OnnxModel, texts: list[str], threads: int) -> numpy.ndarray:
    """One session run per text, ``threads`` runs at once, in the order of ``texts``.

    Never batched: int8 activations are quantised with one range per run, so a batch (and
    its padding) would make a text's vector depend on its neighbours. Alone, short texts run
    as fast as in padded batches and article leads faster (bench/embedder.py).
    """
    import numpy as np

    def one(encoding: Any) -> numpy.ndarray:
        feed = {
            name: np.asarray([getattr(encoding, attr)], dtype=np.int64)
            for name, attr in zip(_INPUTS, ("ids", "attention_mask", "type_ids"), strict=True)
        }
        hidden = model.session.run(None, feed)[0]
        return _mean_pool(hidden, feed["attention_mask"])[0]

    encodings = model.tokenizer.encode_batch(texts)
    if threads == 1 or len(encodings) == 1:
        return np.stack([one(e) for e in encodings])
    with ThreadPoolExecutor(max_workers=threads) as pool:  # runs release the GIL
        return np.stack(list(pool.map(one, encodings)))


def _mean_pool(hidden: numpy.ndarray, mask: numpy.ndarray) -> numpy.ndarray:
    """Mean of token vectors over the attention mask, L2-normalised (as sentence-transformers)."""
    import numpy as np

    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    mean = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(mean, axis=1, keepdims=True)
    return (mean / np.clip(norms, 1e-12, None)).astype(np.float32)
