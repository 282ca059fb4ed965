"""Scoring story clustering on ECB+: topics and sub-topics are the gold story clusters.

ECB+ (Cybulska & Vossen 2014) has 43 topics (33 in the shared copy) of web news, each with
two sub-topics: the original ECB documents about one event (``N_Kecb.xml``) and the ECB+
documents about a similar but different event (``N_Kecbplus.xml``), e.g. two celebrities
checking into rehab. Topics score the topic level, sub-topics the story level.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.article import Article, Span
from rashomon.clustering.scores import ClusterScores, score_clusters
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from rashomon.alignment import Embedder
    from rashomon.clustering.features import ArticleFeatures

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'’]|n't|'s|'re|'ll|'ve|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
# The words of a date or time line ("Updated Saturday, December 05, 2009 8: 28 PM",
# "22 July 2013 Last updated at 17: 50 GMT"): a page's date stamp, not its headline.
_DATE_WORD = re.compile(
    r"""
    jan(uary)? | feb(ruary)? | mar(ch)? | apr(il)? | may | june? | july? | aug(ust)?
    | sep(t(ember)?)? | oct(ober)? | nov(ember)? | dec(ember)?
    | (mon | tues? | wed(nes)? | thu(rs?)? | fri | sat(ur)? | sun)(day)?
    | st | nd | rd | th | [ap]m? | m                     # 5th, 8 PM, 8 p. m.
    | gmt | utc | bst | ist | cest? | [ecmp][sd]?t | ak[sd]t  # time zones
    | updated | last | posted | published | created | story | article | date | on | at
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class GoldDocument:
    """One ECB+ document as an article, with its gold topic and sub-topic."""

    article: Article
    topic: str
    subtopic: str


@dataclass(frozen=True)
class SplitScores:
    """Scores of one run on a set of topics, at topic and sub-topic (story) level."""

    name: str
    topics: tuple[str, ...]
    topic: ClusterScores
    subtopic: ClusterScores
    #: Seed of the order the run's documents were streamed in.
    seed: int = 0


def read_ecbplus(folder: Path) -> list[GoldDocument]:
    """The documents of an ECB+ folder (``ecbplus/`` or its ``ECB+/`` subfolder), by file name.

    Tokens are joined back into text; a leading URL line becomes ``Article.url`` and, in the
    ECB+ documents, the headline that follows it becomes the title, marked in the text by
    ``title_span`` (so it is embedded once). A date stamp line ("June 06, 2013") before the
    headline is passed over: it was taken for the headline of 51 of the 381 ECB+ documents.
    """
    root = folder / "ECB+" if (folder / "ECB+").is_dir() else folder
    files = sorted(root.glob("*/*.xml"), key=lambda p: _sort_key(p.name))
    if not files:
        raise FileNotFoundError(f"no ECB+ XML files under {root}")
    documents = []
    for path in files:
        match = _FILE.match(path.name)
        if match is None:
            continue
        topic, _, kind = match.groups()
        documents.append(
            GoldDocument(
                article=_article(path),
                topic=topic,
                subtopic=f"{topic}{'+' if kind == 'ecbplus' else ''}",
            )
        )
    return documents


def split_topics(documents: Sequence[GoldDocument]) -> tuple[list[str], list[str]]:
    """Tuning topics (odd numbers) and held-out topics (even numbers)."""
    topics = sorted({d.topic for d in documents}, key=int)
    return [t for t in topics if int(t) % 2], [t for t in topics if not int(t) % 2]


#: Stream orders each run is scored in by default: the order alone moves topic F1 by several
#: points, so one order says little.
STREAM_ORDERS = 10


def evaluate_clustering(
    documents: Sequence[GoldDocument],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    seed: int = 0,
    orders: int = STREAM_ORDERS,
    batch_size: int = 50,
) -> list[SplitScores]:
    """Cluster the tuning topics, the held-out topics and all topics; score each run.

    Each run is a fresh :class:`StoryClusterer` fed the run's documents in a shuffled order,
    ``batch_size`` at a time, so no run sees another's documents. With ``orders`` above one
    every run is repeated in that many orders (seeds ``seed``, ``seed + 1``, ...): a stream's
    order moves the topic F1 by several points, so one order alone says little.
    """
    from rashomon.clustering.features import article_features

    settings = settings or get_settings()
    features = article_features(
        [d.article for d in documents], settings=settings, embedder=embedder
    )
    tuning, held_out = split_topics(documents)
    every = tuning + held_out
    return [
        score_run(
            name, topics, documents, features, settings=settings, seed=order, batch_size=batch_size
        )
        for order in range(seed, seed + max(1, orders))
        for name, topics in (("tuning", tuning), ("held-out", held_out), ("all", every))
    ]


def score_run(
    name: str,
    topics: Sequence[str],
    documents: Sequence[GoldDocument],
    features: Sequence[ArticleFeatures],
    *,
    settings: Settings,
    seed: int = 0,
    batch_size: int = 50,
) -> SplitScores:
    """Cluster the documents of ``topics`` (features already computed) and score the result."""
    from rashomon.clustering.stories import StoryClusterer

    wanted = set(topics)
    chosen = [i for i, d in enumerate(documents) if d.topic in wanted]
    random.Random(seed).shuffle(chosen)
    clusterer = StoryClusterer(settings=settings)
    assignments = []
    for start in range(0, len(chosen), batch_size):
        batch = chosen[start : start + batch_size]
        assignments.extend(clusterer.add_features([features[i] for i in batch]))
    topic_of = {s.id: s.topic for s in clusterer.stories()}
    gold = [documents[i] for i in chosen]
    return SplitScores(
        name=name,
        topics=tuple(topics),
        topic=score_clusters([topic_of[a.story] for a in assignments], [d.topic for d in gold]),
        subtopic=score_clusters([a.story for a in assignments], [d.subtopic for d in gold]),
        seed=seed,
    )


def format_scores(results: Sequence[SplitScores]) -> str:
    """A plain-text table: one row per run and level in the first order; with several
    orders, then the mean, lowest and highest F1 and ARI of each over all of them."""
    first = results[0].seed if results else 0
    lines = [
        "ECB+ story clustering (B-cubed and adjusted Rand index; gold: topics, sub-topics)",
        f"stream order {first}:",
        f"{'run':<10}{'level':<11}{'docs':>6}{'P':>7}{'R':>7}{'F1':>7}{'ARI':>7}"
        f"{'found':>7}{'gold':>6}",
    ]
    for r in results:
        if r.seed != first:
            continue
        for level, s in (("topic", r.topic), ("sub-topic", r.subtopic)):
            lines.append(
                f"{r.name:<10}{level:<11}{s.items:>6}{s.precision:>7.3f}{s.recall:>7.3f}"
                f"{s.f1:>7.3f}{s.ari:>7.3f}{s.predicted_clusters:>7}{s.gold_clusters:>6}"
            )
    seeds = sorted({r.seed for r in results})
    if len(seeds) > 1:
        lines.append(f"over {len(seeds)} stream orders (seeds {seeds[0]}-{seeds[-1]}):")
        lines.append(f"{'run':<10}{'level':<11}{'F1 mean':>8}{'min':>7}{'max':>7}{'ARI mean':>9}")
        for name in dict.fromkeys(r.name for r in results):
            runs = [r for r in results if r.name == name]
            for level, scores in (
                ("topic", [r.topic for r in runs]),
                ("sub-topic", [r.subtopic for r in runs]),
            ):
                f1 = [s.f1 for s in scores]
                ari = sum(s.ari for s in scores) / len(scores)
                lines.append(
                    f"{name:<10}{level:<11}{sum(f1) / len(f1):>8.3f}{min(f1):>7.3f}"
                    f"{max(f1):>7.3f}{ari:>9.3f}"
                )
    tuning = next((r for r in results if r.name == "tuning"), None)
    if tuning is not None:
        lines.append(f"tuning topics: {' '.join(tuning.topics)} (thresholds chosen on these)")
    return "\n".join(lines)


def _article(path: Path) -> Article:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [_detokenize(" ".join(sentences[k])) for k in sorted(sentences)]
    url = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
    title, title_span = None, None
    if url is not None:
        start = 0
        for line in lines:
            if not is_date_line(line):
                title, title_span = line, Span(start, start + len(line))
                break
            start += len(line) + 1
    return Article(
        source=str(path), text="\n".join(lines), title=title, title_span=title_span, url=url
    )


def is_date_line(line: str) -> bool:
    """Whether ``line`` holds nothing but a date or a time (with words like "Updated")."""
    tokens = _WORD_OR_NUMBER.findall(line)
    return any(t.isdigit() for t in tokens) and all(
        t.isdigit() or _DATE_WORD.fullmatch(t) for t in tokens
    )


def _detokenize(text: str) -> str:
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text).replace("`` ", '"').replace(" ''", '"')


def _sort_key(name: str) -> tuple[int, int, str]:
    match = _FILE.match(name)
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else (0, 0, name)
