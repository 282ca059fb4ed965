"""Running statement alignment on the BASIL gold and on MEANTIME translations, and the tables.

``evaluate_alignment()`` compares each gold event's three BASIL articles with rashomon (the
whole pipeline: analysis, statements, alignment, variants, disputes) and scores the report;
``evaluate_meantime()`` aligns each English MEANTIME article with its human translation
sentence by sentence (no spaCy: the sentences are the statements).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.alignment import Embedder, Statement, align_statements
from rashomon.alignment.embedder import make_embedder
from rashomon.evaluation.alignment_gold import load_gold
from rashomon.evaluation.alignment_scores import Counts, f1, ratio, score_event
from rashomon.evaluation.basil import load_articles
from rashomon.evaluation.meantime import LANGUAGES, aligned_pairs
from rashomon.settings import Settings, get_settings


@dataclass
class AlignmentEvaluation:
    """Scores of rashomon's alignment on the gold events (counts summed over events)."""

    events: int
    counts: Counts
    per_event: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def pair_precision(self) -> float:
        return ratio(self.counts.true_pairs, self.counts.sys_pairs)

    @property
    def pair_recall(self) -> float:
        return ratio(self.counts.found_gold_pairs, self.counts.gold_pairs)

    @property
    def pair_f1(self) -> float:
        return f1(self.pair_precision, self.pair_recall)


def evaluate_alignment(
    data_dir: Path,
    gold_path: Path | None = None,
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    limit: int | None = None,
) -> AlignmentEvaluation:
    """Compare each gold event's articles (BASIL under ``data_dir``) and score the reports."""
    from rashomon.story import compare

    settings = settings or get_settings()
    embedder = embedder or make_embedder(settings)
    events = load_gold(gold_path)[:limit]
    articles = load_articles(data_dir, [a for e in events for a in e.articles])
    total = Counts()
    per_event: dict[str, Counts] = {}
    start = time.perf_counter()
    for event in events:
        chosen = [articles[a] for a in event.articles]
        report = compare([b.article for b in chosen], settings=settings, embedder=embedder)
        doc_ids = {d.id: b.id for d, b in zip(report.documents, chosen, strict=True)}
        counts = score_event(event, report, doc_ids)
        per_event[event.id] = counts
        total.add(counts)
    return AlignmentEvaluation(len(events), total, per_event, time.perf_counter() - start)


def _row(name: str, value: str, detail: str = "") -> str:
    return f"{name:<34} {value:>8}   {detail}"


def halves(ev: AlignmentEvaluation) -> tuple[Counts, Counts]:
    """Counts of the gold's events 1, 3, 5, ... (the pair weights and the threshold were
    tuned on them) and of events 2, 4, 6, ... (held out)."""
    tuned, held_out = Counts(), Counts()
    for n, counts in enumerate(ev.per_event.values()):
        (tuned if n % 2 == 0 else held_out).add(counts)
    return tuned, held_out


def _scores(c: Counts) -> list[tuple[str, float, str]]:
    def share(name: str, hits: int, total: int) -> tuple[str, float, str]:
        return (name, ratio(hits, total), f"{hits}/{total}")

    precision = share("pair precision", c.true_pairs, c.sys_pairs)
    recall = share("pair recall", c.found_gold_pairs, c.gold_pairs)
    return [
        precision,
        recall,
        ("pair F1", f1(precision[1], recall[1]), ""),
        share("unit exact match", c.exact_units, c.gold_units),
        share("single-source precision", c.true_single, c.pred_single),
        share("single-source recall", c.true_single, c.gold_single),
        share("variant recall", c.found_variants, c.gold_variants),
        share("dispute recall", c.found_disputes, c.gold_disputes),
        share("dispute precision", c.true_disputes, c.sys_disputes),
    ]


def format_alignment(ev: AlignmentEvaluation, *, errors: int = 0) -> str:
    """The scores as a plain-text table (tuning half, held-out half, all events), and the
    first ``errors`` errors by kind."""
    c = ev.counts
    tuned, held_out = halves(ev)
    columns = [_scores(tuned), _scores(held_out), _scores(c)]
    lines = [
        f"Statement alignment on {ev.events} BASIL events ({ev.seconds:.1f} s); "
        "tuned on events 1, 3, 5, ..., events 2, 4, 6, ... held out",
        f"{'':<26} {'tuned':>16} {'held out':>16} {'all':>16}",
    ]
    for row in zip(*columns, strict=True):
        cells = [f"{value:.3f} {detail:>10}" for _, value, detail in row]
        lines.append(f"{row[0][0]:<26} " + " ".join(f"{cell:>16}" for cell in cells))
    lines.append(
        f"{'variants of aligned pairs':<26} {c.found_variants}/{c.aligned_variants} surfaced; "
        f"{c.extra_meaning_variants} meaning-changing variants not in the gold"
    )
    if errors:
        kinds: dict[str, list[str]] = {}
        for e in c.errors:
            kind = e.split(" ", 1)[1].split(" ")[0]
            kinds.setdefault(kind, []).append(e)
        lines.append("")
        lines.append("errors by kind: " + ", ".join(f"{k} {len(v)}" for k, v in kinds.items()))
        for items in kinds.values():
            lines.extend(f"  {e}" for e in items[:errors])
    return "\n".join(lines)


@dataclass
class LanguageScores:
    """Cross-language alignment of English sentences with their translations."""

    lang: str
    articles: int
    skipped: int
    sentences: int
    sys_pairs: int = 0
    true_pairs: int = 0
    top1: int = 0  # translation is the English sentence's nearest neighbour

    @property
    def precision(self) -> float:
        return ratio(self.true_pairs, self.sys_pairs)

    @property
    def recall(self) -> float:
        return ratio(self.true_pairs, self.sentences)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def evaluate_meantime(
    data_dir: Path,
    languages: tuple[str, ...] = LANGUAGES,
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> list[LanguageScores]:
    """Align each English MEANTIME article with each translation, sentence against sentence."""
    import numpy as np

    settings = settings or get_settings()
    embedder = embedder or make_embedder(settings)
    out: list[LanguageScores] = []
    for lang in languages:
        docs, skipped = aligned_pairs(data_dir, lang)
        scores = LanguageScores(lang, len(docs), len(skipped), 0)
        for english, other in docs.values():
            statements = [
                Statement(id=f"{d}.s{i}", doc=d, start=i, end=i + 1, text=t)
                for d, sentences in (("d1", english), ("d2", other))
                for i, t in enumerate(sentences)
            ]
            scores.sentences += len(english)
            for group in align_statements(statements, embedder=embedder, settings=settings):
                if len(group) == 2:
                    scores.sys_pairs += 1
                    scores.true_pairs += group[0].start == group[1].start
            cos = embedder.embed(english) @ embedder.embed(other).T
            scores.top1 += int((np.argmax(cos, axis=1) == np.arange(len(english))).sum())
        out.append(scores)
    return out


def format_meantime(scores: list[LanguageScores]) -> str:
    """Cross-language scores as a plain-text table."""
    lines = [
        "MEANTIME: English article vs its human translation, sentence pairs",
        f"{'lang':<5} {'articles':>8} {'skipped':>8} {'sentences':>9} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'top-1':>6}",
    ]
    for s in scores:
        lines.append(
            f"{s.lang:<5} {s.articles:>8} {s.skipped:>8} {s.sentences:>9} {s.precision:>6.3f} "
            f"{s.recall:>6.3f} {s.f1:>6.3f} {ratio(s.top1, s.sentences):>6.3f}"
        )
    return "\n".join(lines)
