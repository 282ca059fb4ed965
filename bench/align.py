"""Time statement alignment on stories of 10 to a few hundred articles.

    .venv/bin/python bench/align.py [--sizes 10,50,100,200] [--repeat 3] [--data DIR]

A story of N articles is N BASIL articles (read from ``RASHOMON_DATA_DIR/basil`` at run time,
never stored), each sentence a narrative statement, so a 10-article story holds about 250
statements. "embed" is MiniLM over all statements (warm model, empty vector cache); "align" is
candidate search, pair scoring and grouping on those embeddings (``align_statements`` with
precomputed vectors),
the part whose cost must not grow quadratically; "total" is both. Prints a table; nothing is
asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from rashomon.alignment import Statement, align_statements, make_embedder  # noqa: E402
from rashomon.evaluation.basil import articles_dir, read_article  # noqa: E402
from rashomon.settings import get_settings  # noqa: E402


def story_statements(paths: Sequence[Path]) -> list[Statement]:
    """Every sentence of each article as one statement of that article's document."""
    out: list[Statement] = []
    for d, path in enumerate(paths, start=1):
        basil = read_article(path)
        text = basil.article.text
        for n, (_, _, start, end) in enumerate(basil.sentences):
            out.append(Statement(f"d{d}.s{n}", f"d{d}", start, end, text[start:end]))
    return out


class Precomputed:
    """An embedder that returns vectors computed beforehand (times alignment alone)."""

    name = "bench.precomputed"

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,100,200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    settings = get_settings()
    data = args.data or Path(settings.data_dir) / "basil"
    paths = sorted(articles_dir(data).rglob("*.json"))
    sizes = [int(s) for s in args.sizes.split(",")]
    if len(paths) < max(sizes):
        sys.exit(f"error: {data}: {len(paths)} BASIL articles, fewer than {max(sizes)}")

    embedder = make_embedder(settings)
    embedder.embed(["warm up the model"])
    print(
        f"{'articles':>8} {'statements':>10} {'embed s':>8} {'align s':>8} {'total s':>8} "
        f"{'align ms/stmt':>13} {'units':>6}"
    )
    for size in sizes:
        statements = story_statements(paths[:size])
        embed_times, align_times = [], []
        groups: list[list[Statement]] = []
        for _ in range(args.repeat):
            embedder = make_embedder(settings)  # the model stays loaded; no cached vectors
            start = time.perf_counter()
            vectors = embedder.embed([s.text for s in statements])
            embed_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            groups = align_statements(statements, embedder=Precomputed(vectors), settings=settings)
            align_times.append(time.perf_counter() - start)
        embed_s, align_s = statistics.median(embed_times), statistics.median(align_times)
        print(
            f"{size:>8} {len(statements):>10} {embed_s:>8.2f} {align_s:>8.2f} "
            f"{embed_s + align_s:>8.2f} {1000 * align_s / len(statements):>13.2f} "
            f"{len(groups):>6}"
        )


if __name__ == "__main__":
    main()
