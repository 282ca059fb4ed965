"""What the CPU of analysing an article depends on: matrix products and malloc settings.

    .venv/bin/python bench/analysis_cpu.py [--articles 150] [--rounds 2] [--data DIR]

Texts are BASIL articles (read from ``RASHOMON_DATA_DIR/basil`` at run time, never stored),
analysed by ``analyze_articles`` on one thread, as on a Dask worker. Three tables:

1. matrix products: the time of one product of the shapes spaCy's layers multiply, with
   BLIS (thinc's default) and with numpy's BLAS (what ``rashomon.analysis`` loads);
2. analysis: CPU per article with the same pipeline switched to each library in turn,
   ``--rounds`` times (best round shown), and how many articles' annotations differ;
3. malloc: CPU per article in a fresh process with the environment a Dask worker gets
   (``MALLOC_TRIM_THRESHOLD_=65536``), with the mmap threshold the local cluster adds, and
   with neither (glibc's defaults). The difference shows from the second batch of 32 on (the
   first one faults its pages in whatever the setting), so give it 100 articles or more.

The machine may be shared: ``uptime`` is printed beside the figures. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread per worker process
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from rashomon.analysis import analyze_articles, load_pipeline  # noqa: E402
from rashomon.analysis.model import ArticleAnalysis  # noqa: E402
from rashomon.analysis.pipeline import set_matrix_products  # noqa: E402
from rashomon.article import Article  # noqa: E402
from rashomon.evaluation.basil import articles_dir, read_article  # noqa: E402
from rashomon.settings import Settings, get_settings  # noqa: E402

#: (rows, inner, columns) of products the pipeline makes: tokens x width x (width * pieces).
SHAPES = [(2000, 96, 288), (2000, 288, 96), (2000, 96, 384), (500, 480, 96)]
#: The environments of table 3; each runs in a process of its own (glibc reads them at start).
MALLOC = {
    "Dask's worker default": {"MALLOC_TRIM_THRESHOLD_": "65536"},
    "local cluster (+ mmap 32 MiB)": {
        "MALLOC_TRIM_THRESHOLD_": "65536",
        "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
    },
    "glibc defaults": {},
}


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def product_ms(blis: bool, shape: tuple[int, int, int], repeat: int = 100) -> float:
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=blis)
    rows, inner, cols = shape
    rng = np.random.default_rng(0)
    x = rng.random((rows, inner), dtype="float32")
    y = rng.random((inner, cols), dtype="float32")
    ops.gemm(x, y)
    start = time.process_time()
    for _ in range(repeat):
        ops.gemm(x, y)
    return 1000 * (time.process_time() - start) / repeat


def load_articles(data: Path, count: int) -> list[Article]:
    paths = sorted(articles_dir(data).rglob("*.json"))[:count]
    return [read_article(p).article for p in paths]


def timed_analysis(
    articles: list[Article], settings: Settings
) -> tuple[float, list[ArticleAnalysis]]:
    """CPU ms per article of analysing ``articles``, and the analyses."""
    start = time.process_time()
    analyses = analyze_articles(articles, settings=settings)
    return 1000 * (time.process_time() - start) / len(articles), analyses


def child(data: Path, count: int, rounds: int) -> None:
    """Table 3's measurement, in this (fresh) process: best CPU ms per article."""
    settings = get_settings().replace(n_process=1)
    articles = load_articles(data, count)
    analyze_articles(articles[:4], settings=settings)  # warm up
    print(min(timed_analysis(articles, settings)[0] for _ in range(rounds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings = get_settings().replace(n_process=1)
    data = args.data or Path(settings.data_dir) / "basil"
    if args.child:
        child(data, args.articles, args.rounds)
        return
    articles = load_articles(data, args.articles)
    print(f"{len(articles)} BASIL articles from {data}; uptime: {uptime()}")

    print(f"\n{'product':<16} {'BLIS ms':>8} {'numpy ms':>9} {'speed-up':>9}")
    for shape in SHAPES:
        b, n = product_ms(True, shape), product_ms(False, shape)
        print(f"{'x'.join(map(str, shape)):<16} {b:>8.2f} {n:>9.2f} {b / n:>8.1f}x")

    nlp = load_pipeline(settings)
    analyze_articles(articles[:4], settings=settings)  # warm up
    best: dict[str, float] = {}
    results: dict[str, list[object]] = {}
    for _ in range(args.rounds):
        for label, blis in (("BLIS", True), ("numpy", False)):
            set_matrix_products(nlp, blis=blis)
            ms, analyses = timed_analysis(articles, settings)
            best[label] = min(best.get(label, ms), ms)
            results[label] = [(a.entities, a.quotes, a.actors, a.sentences) for a in analyses]
    set_matrix_products(nlp, blis=False)
    differ = sum(a != b for a, b in zip(results["BLIS"], results["numpy"], strict=True))
    print(f"\n{'analysis':<30} {'CPU ms/article':>15}")
    for label, ms in best.items():
        print(f"{label:<30} {ms:>15.1f}")
    print(f"saved {1 - best['numpy'] / best['BLIS']:.0%}; analyses that differ: {differ}")

    print(f"\n{'malloc environment':<30} {'CPU ms/article':>15}")
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    for label, extra in MALLOC.items():
        command = [sys.executable, __file__, "--child", "--data", str(data)]
        command += ["--articles", str(args.articles), "--rounds", str(args.rounds)]
        out = subprocess.run(
            command, env={**base, **extra}, capture_output=True, text=True, check=True
        )
        print(f"{label:<30} {float(out.stdout.split()[-1]):>15.1f}")
    print(f"uptime: {uptime()}")


if __name__ == "__main__":
    main()
