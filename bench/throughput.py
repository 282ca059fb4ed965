"""Throughput of rashomon's quote extraction against plain spaCy parsing, on PolNeAR texts.

    .venv/bin/python bench/throughput.py [--data DIR] [--split dev] [--limit N] [--repeat 1]

Three runs over the same article texts, in one process, after the models are loaded:

- ``spacy full pipeline``: ``nlp.pipe`` over the texts with every component enabled (what a
  quote extractor that parses everything pays before any rule runs);
- ``rashomon analyze``: ``analyze_articles`` with selective parsing (the parser only where a
  quote can be) plus quote attribution and speaker resolution;
- ``rashomon quotes``: ``quotes_report``, what the ``rashomon quotes`` command computes
  (analysis plus the per-article report), without printing.

Prints wall and CPU seconds, articles/s, words/s and the ratio of each rashomon run to the
spaCy run (above 1.0: rashomon is faster). Rates and ratios come from this process's CPU time,
which other work on a shared machine disturbs far less than wall-clock time. Nothing is
asserted. The texts are read from the data folder, never
copied.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.article import Article  # noqa: E402
from rashomon.settings import Settings  # noqa: E402


def load_texts(data: Path, split: str, limit: int | None) -> list[Article]:
    from rashomon.evaluation.polnear import load_split

    return [g.article for g in load_split(data, split, limit=limit)]


def timed(runs: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run, the fastest of ``repeat`` rounds. Rounds go through
    the runs in turn, so that a change in machine load hits every run alike."""
    best = [(float("inf"), float("inf"))] * len(runs)
    for _ in range(repeat):
        for k, run in enumerate(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[k] = (min(best[k][0], wall), min(best[k][1], cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from rashomon.analysis import analyze_articles, load_pipeline
    from rashomon.story import quotes_report

    settings = Settings()
    articles = load_texts(args.data, args.split, args.limit)
    texts = [a.analysed_text() for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline(settings)
    # warm up every component once so that no run pays for lazy initialisation
    list(nlp.pipe(texts[:2]))
    analyze_articles(articles[:2], settings=settings)

    full = settings.replace(selective_parse=False)
    runs: list[tuple[str, Callable[[], object]]] = [
        ("spacy full pipeline", lambda: list(nlp.pipe(texts, batch_size=32))),
        (
            "rashomon analyze (selective parse)",
            lambda: analyze_articles(articles, settings=settings),
        ),
        ("rashomon analyze (full parse)", lambda: analyze_articles(articles, settings=full)),
        ("rashomon quotes", lambda: quotes_report(articles, settings=settings)),
    ]
    results = timed([run for _, run in runs], args.repeat)
    base_cpu = results[0][1]
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {words} words, "
        f"pipeline {nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}, "
        f"best of {args.repeat}; rates and ratio from CPU seconds of this process"
    )
    header = (
        f"{'run':36s} {'wall s':>7s} {'CPU s':>7s} {'articles/s':>11s} {'words/s':>8s} "
        f"{'vs spaCy':>9s}"
    )
    print(header)
    print("-" * len(header))
    for (name, _), (wall, cpu) in zip(runs, results, strict=True):
        print(
            f"{name:36s} {wall:7.1f} {cpu:7.1f} {len(articles) / cpu:11.2f} "
            f"{words / cpu:8.0f} {base_cpu / cpu:9.2f}"
        )


if __name__ == "__main__":
    main()
