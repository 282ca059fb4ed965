"""Time story clustering per 10k articles and its peak memory, on a synthetic stream.

    .venv/bin/python bench/clustering.py [--articles 10000] [--data ../shared/data]

The stream is generated at run time from the shared corpora (BASIL and ECB+ articles under
``--data``) and never stored: each source article seeds one synthetic event with a date; its
reports keep the seed's lede, then recombine a random part of its other sentences in a new
order with a sentence from another article, under a shortened headline; one report in ten is
a wire copy of an earlier one with another headline and a trailer. Three events start a day.

Stages are timed separately: near-duplicate detection (MinHash LSH), features (MiniLM
embedding, spaCy NER and the lede's tagging: the models), clustering proper
(``StoryClusterer.add_features``, batches of 500) and topics (``stories()``). Memory: peak
traced allocations of the clustering stage, and the process's peak RSS (models included). The
synthetic events are the gold, so the table also shows B-cubed F1 of the stories. Prints a
table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.article import Article  # noqa: E402
from rashomon.clustering import (  # noqa: E402
    ArticleFeatures,
    Assignment,
    StoryClusterer,
    article_features,
    bcubed,
    find_duplicates,
)
from rashomon.clustering.ecbplus import read_ecbplus  # noqa: E402
from rashomon.settings import Settings, get_settings  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
OUTLETS = ("Northern Wire", "Coast Daily", "Harbour Times", "Valley Post", "City Ledger")


def seed_documents(data: Path) -> list[tuple[str, list[str]]]:
    """(title, sentences) of every BASIL and ECB+ article found under ``data``."""
    seeds = []
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        body = " ".join(" ".join(p) for p in record.get("body-paragraphs", []))
        seeds.append((record.get("title") or "", _SENTENCE_END.split(body)))
    if (data / "ecbplus").is_dir():
        for doc in read_ecbplus(data / "ecbplus"):
            lines = doc.article.text.split("\n")
            seeds.append((doc.article.title or lines[0], lines[1:] if doc.article.title else lines))
    return [(t, [s for s in ss if len(s.split()) >= 4]) for t, ss in seeds if len(ss) >= 4]


def iter_synthetic_stream(
    seeds: list[tuple[str, list[str]]],
    count: int,
    rng: random.Random,
    *,
    per_event: int | None = None,
) -> Iterator[tuple[Article, int]]:
    """``count`` articles (oldest first), each with its synthetic event, one at a time.

    Without ``per_event`` the seeds are spread over the stream (``count // len(seeds)``
    reports per event, the last seed taking the rest); with it, every event has that many
    reports and the seeds are used again in turn, later, as new events.
    """
    cycle = per_event is not None
    per_event = per_event or max(2, count // len(seeds))
    start = dt.date(2031, 1, 1).toordinal()
    previous: tuple[Article, int] | None = None
    for n in range(count):
        event = n // per_event if cycle else min(n // per_event, len(seeds) - 1)
        title, sentences = seeds[event % len(seeds)]
        day = start + event // 3 + rng.randint(0, 2)
        if previous is not None and previous[1] == event and rng.random() < 0.1:  # wire copy
            text = f"{rng.choice(OUTLETS)}: {title}\n" + previous[0].text.split("\n", 1)[1]
            text += "\nShare this story."
        else:
            # reports of one event share its lede, then pick and order the rest differently
            rest = sentences[1:]
            kept = rng.sample(rest, max(2, int(len(rest) * rng.uniform(0.4, 0.9))))
            other = seeds[rng.randrange(len(seeds))][1]
            kept.insert(rng.randrange(len(kept) + 1), rng.choice(other))
            kept.insert(0, sentences[0])
            words = title.split()
            headline = " ".join(words[: max(3, len(words) - rng.randint(0, 3))])
            text = headline + "\n" + " ".join(kept)
        article = Article(
            source=f"synthetic/{n}",
            text=text,
            title=text.split("\n", 1)[0],
            outlet=rng.choice(OUTLETS),
            published=dt.date.fromordinal(day).isoformat(),
        )
        previous = (article, event)
        yield previous


def synthetic_stream(
    seeds: list[tuple[str, list[str]]], count: int, rng: random.Random
) -> tuple[list[Article], list[int]]:
    """``count`` articles (oldest first) and the synthetic event of each."""
    pairs = list(iter_synthetic_stream(seeds, count, rng))
    return [a for a, _ in pairs], [e for _, e in pairs]


def cluster(
    features: list[ArticleFeatures], settings: Settings
) -> tuple[StoryClusterer, list[Assignment]]:
    """The stream fed to a fresh clusterer 500 articles at a time."""
    clusterer = StoryClusterer(settings=settings)
    assignments = []
    for i in range(0, len(features), 500):
        assignments.extend(clusterer.add_features(features[i : i + 500]))
    return clusterer, assignments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    settings = get_settings()
    seeds = seed_documents(args.data)
    articles, events = synthetic_stream(seeds, args.articles, random.Random(args.seed))
    words = sum(len(a.text.split()) for a in articles)
    per_10k = 10_000 / len(articles)

    t = time.perf_counter()
    copies = find_duplicates(articles, settings=settings)
    t_copies = time.perf_counter() - t

    t = time.perf_counter()
    features = article_features(articles, settings=settings)
    t_features = time.perf_counter() - t

    t = time.perf_counter()
    clusterer, assignments = cluster(features, settings)
    t_assign = time.perf_counter() - t
    t = time.perf_counter()
    stories = clusterer.stories()
    t_topics = time.perf_counter() - t
    # memory in a second run: tracing slows Python down, so it stays out of the timings
    tracemalloc.start()
    cluster(features, settings)[0].stories()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    _, _, f1 = bcubed([a.story for a in assignments], events)
    rows = [
        ("near-duplicates (MinHash LSH)", t_copies),
        ("features (MiniLM + spaCy)", t_features),
        ("clustering (add_features)", t_assign),
        ("topics (stories())", t_topics),
    ]
    print(
        f"synthetic stream: {len(articles)} articles, {words} words, {len(set(events))} events, "
        f"from {len(seeds)} seed articles; {len(copies)} copy groups found"
    )
    print(f"{'stage':<32}{'seconds':>10}{'s per 10k':>12}{'articles/s':>12}")
    for name, seconds in rows:
        rate = len(articles) / seconds if seconds else float("inf")
        print(f"{name:<32}{seconds:>10.1f}{seconds * per_10k:>12.1f}{rate:>12.0f}")
    total = sum(s for _, s in rows)
    print(f"{'total':<32}{total:>10.1f}{total * per_10k:>12.1f}{len(articles) / total:>12.0f}")
    print(
        f"stories {len(stories)}, topics {len({s.topic for s in stories})}, "
        f"story B-cubed F1 against the synthetic events {f1:.3f}"
    )
    print(
        f"peak traced memory of clustering + topics: {traced_peak / 2**20:.1f} MiB; "
        f"peak RSS of the process (models included): {rss_peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
