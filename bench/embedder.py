"""Compare the embedding backends: agreement of their vectors, speed on 1 and 2 threads.

    .venv/bin/python bench/embedder.py [--sentences 800] [--leads 200] [--threads 1,2] [--data DIR]

Texts are BASIL's (read from ``RASHOMON_DATA_DIR/basil`` at run time, never stored): short
statements are its sentences (shuffled with a fixed seed), article leads the first
``cluster_text_chars`` (400) characters that story clustering embeds. "agreement" is the
cosine of the two backends' vectors of each text. Speed is texts per second with a warm model
and an empty vector cache; "cold" is a fresh process's time to its first vector (imports, model
load, and for onnx-int8 the cached export). The machine may be shared: ``uptime`` is printed
beside the figures. Prints tables; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from rashomon.alignment.embedder import EMBEDDING_BACKENDS, make_embedder  # noqa: E402
from rashomon.clustering.features import embedding_text  # noqa: E402
from rashomon.evaluation.basil import articles_dir, read_article  # noqa: E402
from rashomon.settings import Settings, get_settings  # noqa: E402

COLD = (
    "import time; t = time.perf_counter(); "
    "from rashomon.alignment.embedder import make_embedder; from rashomon.settings import "
    "get_settings; make_embedder(get_settings().replace(embedding_backend={backend!r}))"
    ".embed(['warm']); print(time.perf_counter() - t)"
)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def load_texts(data: Path, sentences: int, leads: int, chars: int) -> tuple[list[str], list[str]]:
    paths = sorted(articles_dir(data).rglob("*.json"))
    short: list[str] = []
    lead: list[str] = []
    for path in paths:
        basil = read_article(path)
        text = basil.article.text
        short.extend(text[s:e] for _, _, s, e in basil.sentences)
        lead.append(embedding_text(basil.article, chars=chars))
    rng = random.Random(13)
    rng.shuffle(short)
    rng.shuffle(lead)
    return list(dict.fromkeys(short))[:sentences], list(dict.fromkeys(lead))[:leads]


def rate(settings: Settings, texts: list[str], threads: int) -> float:
    if settings.embedding_backend == "torch":
        import torch

        torch.set_num_threads(threads)
    settings = settings.replace(embedding_threads=threads)
    make_embedder(settings).embed(["warm up the model on this thread count"])
    embedder = make_embedder(settings)  # the model stays loaded; no cached vectors
    start = time.perf_counter()
    embedder.embed(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=800)
    parser.add_argument("--leads", type=int, default=200)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-process timing")
    args = parser.parse_args()
    settings = get_settings()
    data = args.data or Path(settings.data_dir) / "basil"
    short, leads = load_texts(data, args.sentences, args.leads, settings.cluster_text_chars)
    print(f"{len(short)} statements, {len(leads)} article leads from {data}")
    print(f"uptime: {uptime()}")

    print(f"\n{'texts':<11} {'n':>5} {'mean cos':>9} {'min cos':>8} {'p1 cos':>7}")
    vectors = {
        b: [make_embedder(settings.replace(embedding_backend=b)).embed(t) for t in (short, leads)]
        for b in EMBEDDING_BACKENDS
    }
    for i, label in enumerate(("statements", "leads")):
        cos = (vectors["torch"][i] * vectors["onnx-int8"][i]).sum(axis=1)
        print(
            f"{label:<11} {len(cos):>5} {cos.mean():>9.4f} {cos.min():>8.4f} "
            f"{np.percentile(cos, 1):>7.4f}"
        )

    threads = [int(t) for t in args.threads.split(",")]
    print(f"\n{'backend':<10} {'threads':>7} {'statements/s':>12} {'leads/s':>8}  uptime")
    for backend in EMBEDDING_BACKENDS:
        for n in threads:
            b_settings = settings.replace(embedding_backend=backend)
            s_rate = rate(b_settings, short, n)
            l_rate = rate(b_settings, leads, n)
            print(f"{backend:<10} {n:>7} {s_rate:>12.0f} {l_rate:>8.1f}  {uptime()}")

    if not args.no_cold:
        print(f"\n{'backend':<10} {'cold s':>7}  uptime")
        for backend in EMBEDDING_BACKENDS:
            code = COLD.format(backend=backend)
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            print(f"{backend:<10} {float(out.stdout.split()[-1]):>7.2f}  {uptime()}")


if __name__ == "__main__":
    main()
