"""Refit the alignment pair weights on the BASIL alignment gold; compare them with the shipped.

    .venv/bin/python bench/fit_alignment.py [--data DIR] [--c 0.3] [--folds]

The procedure the docstring of ``rashomon.alignment.features`` describes, on today's
statements. Each gold event's three articles (read from ``RASHOMON_DATA_DIR/basil`` at run
time, never stored) are analysed once; their statements are those ``build_report`` aligns
(``story_statements``), their candidate pairs and feature vectors those alignment scores
(``candidate_pairs``), and a pair is true when both sides stand for one gold unit (the
evaluation's ``gold_unit_of``). On the candidate pairs of events 1, 3, 5, ... (tuned) the
weights are fitted by L2-regularised logistic regression (``--c``, intercept not penalised),
the weight of two different known speakers is set by hand to -1.5, and the intercept is then
shifted (steps of 0.05 up to ±1.5) to where the whole alignment at ``align_threshold`` has its
best pair F1 on the tuned events. Events 2, 4, 6, ... are held out: the refit never sees them.

Prints the shipped and refitted weights, and for both the pair P/R/F1 of the alignment (as
``rashomon eval alignment`` counts them) and the average precision of the candidate pairs'
scores, on each half. With ``--folds``, also what the features reach at best: two-fold
cross-validation (each half scored by weights refitted on the other half) and weights refitted
on all events, scored on those same events. Writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from rashomon.alignment import (  # noqa: E402
    CandidatePair,
    Embedder,
    PairModel,
    Statement,
    align_statements,
    candidate_pairs,
    make_embedder,
)
from rashomon.alignment.features import FEATURES, PAIR_MODEL  # noqa: E402
from rashomon.analysis import analyze_articles  # noqa: E402
from rashomon.evaluation.alignment_gold import GoldEvent, load_gold  # noqa: E402
from rashomon.evaluation.alignment_scores import (  # noqa: E402
    Counts,
    f1,
    gold_unit_of,
    ratio,
    score_event,
)
from rashomon.evaluation.basil import load_articles  # noqa: E402
from rashomon.settings import Settings, get_settings  # noqa: E402
from rashomon.story import story_statements  # noqa: E402
from rashomon.story.build import build_documents  # noqa: E402
from rashomon.story.model import Document, Member, StoryReport, Unit  # noqa: E402

#: The weight set by hand, not fitted (see ``rashomon.alignment.features``).
OTHER_SPEAKER_WEIGHT = -1.5
#: Intercept shifts tried around the fitted intercept.
SHIFTS = np.round(np.arange(-1.5, 1.5001, 0.05), 2)


@dataclass
class Event:
    """One gold event as alignment sees it: its documents and statements."""

    gold: GoldEvent
    documents: list[Document]
    statements: list[Statement]

    @property
    def articles(self) -> dict[str, str]:
        """Document id -> gold article id."""
        return {d.id: a for d, a in zip(self.documents, self.gold.articles, strict=True)}


def load_events(data: Path, settings: Settings) -> list[Event]:
    golds = load_gold()
    basil = load_articles(data, [a for e in golds for a in e.articles])
    events = []
    for gold in golds:
        articles = [basil[a].article for a in gold.articles]
        analyses = analyze_articles(articles, settings=settings)
        events.append(Event(gold, build_documents(articles), story_statements(analyses)))
    return events


def labelled_pairs(
    event: Event, *, embedder: Embedder, settings: Settings, model: PairModel
) -> tuple[list[CandidatePair], list[int]]:
    """The event's candidate pairs and whether each is one gold unit (1) or not (0)."""
    pairs = candidate_pairs(event.statements, embedder=embedder, settings=settings, model=model)
    articles = event.articles

    def gold(s: Statement) -> object:
        return gold_unit_of(event.gold, articles[s.doc], s.start, s.end)

    labels = [int((g := gold(p.a)) is not None and g is gold(p.b)) for p in pairs]
    return pairs, labels


def pair_counts(
    events: Sequence[Event], *, embedder: Embedder, settings: Settings, model: PairModel
) -> Counts:
    """Pair counts of the alignment under ``model``, as ``rashomon eval alignment`` has them."""
    total = Counts()
    for event in events:
        groups = align_statements(
            event.statements, embedder=embedder, settings=settings, model=model
        )
        units = [
            Unit(f"u{n}", None, [Member(s.doc, s.text, s.start, s.end) for s in g])
            for n, g in enumerate(groups, start=1)
        ]
        report = StoryReport(documents=event.documents, units=units)
        total.add(score_event(event.gold, report, event.articles))
    return total


def pair_f1(c: Counts) -> float:
    return f1(ratio(c.true_pairs, c.sys_pairs), ratio(c.found_gold_pairs, c.gold_pairs))


def share(hits: int, total: int) -> str:
    return f"{ratio(hits, total):.3f} {hits:>4}/{total:<4}"


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising ½‖w‖² + c·Σ log-loss (the intercept not penalised,
    as scikit-learn's ``LogisticRegression(C=c)``), by Newton steps."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    penalty = np.r_[np.ones(d), 0.0]
    theta = np.zeros(d + 1)
    for _ in range(100):
        p = 0.5 * (1.0 + np.tanh(0.5 * (a @ theta)))  # the logistic function, without overflow
        grad = penalty * theta + c * (a.T @ (p - y))
        hessian = np.diag(penalty) + c * (a.T * (p * (1.0 - p))) @ a
        step = np.linalg.solve(hessian, grad)
        theta -= step
        if np.abs(step).max() < 1e-10:
            break
    return theta[:d], float(theta[d])


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Average precision of the pairs ranked by score (ties in input order)."""
    y = np.asarray(labels, dtype=float)[np.argsort(-np.asarray(scores), kind="stable")]
    precision = np.cumsum(y) / np.arange(1, len(y) + 1)
    return float((precision * y).sum() / max(y.sum(), 1.0))


@dataclass
class Refit:
    """Weights fitted on some events, and how the fit went."""

    model: PairModel
    fitted_other: float  # the fitted weight of other_speaker, before it is set by hand
    intercept: float  # the fitted intercept, before the shift
    shift: float


def labelled_events(
    events: Sequence[Event], *, embedder: Embedder, settings: Settings, model: PairModel
) -> tuple[list[CandidatePair], list[int]]:
    """:func:`labelled_pairs` of all ``events``, one list after another."""
    pairs: list[CandidatePair] = []
    labels: list[int] = []
    for event in events:
        p, y = labelled_pairs(event, embedder=embedder, settings=settings, model=model)
        pairs += p
        labels += y
    return pairs, labels


def refit_on(
    events: Sequence[Event],
    labelled: tuple[list[CandidatePair], list[int]],
    *,
    embedder: Embedder,
    settings: Settings,
    c: float,
) -> Refit:
    """The procedure of this script's docstring on ``events``: logistic weights on their
    candidate pairs (``labelled``, from :func:`labelled_events` under the shipped model),
    other_speaker set by hand, the intercept shifted to their best pair F1."""
    pairs, labels = labelled
    x = np.asarray([p.vector for p in pairs], dtype=float)
    weights, intercept = fit_logistic(x, np.asarray(labels, dtype=float), c)
    fitted_other = float(weights[FEATURES.index("other_speaker")])
    weights[FEATURES.index("other_speaker")] = OTHER_SPEAKER_WEIGHT
    rounded = tuple(round(float(w), 2) for w in weights)

    def f1_at(shift: float) -> float:
        model = PairModel(rounded, round(intercept + shift, 2))
        return pair_f1(pair_counts(events, embedder=embedder, settings=settings, model=model))

    # Best F1; among equals the shift nearest the fitted intercept.
    best = float(max(SHIFTS, key=lambda s: (round(f1_at(float(s)), 6), -abs(s))))
    return Refit(PairModel(rounded, round(intercept + best, 2)), fitted_other, intercept, best)


def print_folds(
    halves: dict[str, list[Event]], *, embedder: Embedder, settings: Settings, c: float
) -> None:
    """What the features can reach out of sample and in sample (``--folds``): two-fold
    cross-validation (each half scored by weights refitted on the other) and weights refitted
    on all events, scored on the same events (an upper bound of this feature set)."""
    tuned, held = halves["tuned"], halves["held out"]
    rows: list[tuple[str, Counts]] = []
    out_of_sample = Counts()

    def refit(events: list[Event]) -> PairModel:
        labelled = labelled_events(events, embedder=embedder, settings=settings, model=PAIR_MODEL)
        return refit_on(events, labelled, embedder=embedder, settings=settings, c=c).model

    for name, train, test in (("tuned", held, tuned), ("held out", tuned, held)):
        model = refit(train)
        counts = pair_counts(test, embedder=embedder, settings=settings, model=model)
        rows.append((f"{name}, refit on the other half", counts))
        out_of_sample.add(counts)
    rows.append(("all, two-fold out of sample", out_of_sample))
    every = tuned + held
    model = refit(every)
    rows.append(
        (
            "all, refit on all (in sample)",
            pair_counts(every, embedder=embedder, settings=settings, model=model),
        )
    )
    print(f"\n{'folds':<34} {'P':>15} {'R':>15} {'F1':>6}")
    for name, counts in rows:
        prec = share(counts.true_pairs, counts.sys_pairs)
        rec = share(counts.found_gold_pairs, counts.gold_pairs)
        print(f"{name:<34} {prec:>15} {rec:>15} {pair_f1(counts):>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="BASIL folder")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength (0.3)")
    parser.add_argument(
        "--folds", action="store_true", help="also two-fold cross-validation and a fit on all"
    )
    args = parser.parse_args()
    settings = get_settings()
    data = args.data or Path(settings.data_dir) / "basil"
    embedder = make_embedder(settings)
    start = time.perf_counter()
    events = load_events(data, settings)
    # The gold's events 1, 3, 5, ... tune; 2, 4, 6, ... are held out (as in `eval alignment`).
    halves = {"tuned": events[0::2], "held out": events[1::2]}

    def labelled(half: str, model: PairModel) -> tuple[list[CandidatePair], list[int]]:
        return labelled_events(halves[half], embedder=embedder, settings=settings, model=model)

    tuned_pairs, tuned_labels = labelled("tuned", PAIR_MODEL)
    fit = refit_on(
        halves["tuned"],
        (tuned_pairs, tuned_labels),
        embedder=embedder,
        settings=settings,
        c=args.c,
    )
    refit = fit.model

    models = {"shipped": PAIR_MODEL, "refit": refit}
    print(f"{'feature':<26} {'shipped':>8} {'refit':>8}")
    for n, name in enumerate(FEATURES):
        note = f"   set by hand (fit {fit.fitted_other:.2f})" if name == "other_speaker" else ""
        print(f"{name:<26} {PAIR_MODEL.weights[n]:>8.2f} {refit.weights[n]:>8.2f}{note}")
    print(
        f"{'intercept':<26} {PAIR_MODEL.intercept:>8.2f} {refit.intercept:>8.2f}   "
        f"(fit {fit.intercept:.2f}, shifted {fit.shift:+.2f} for the best tuned F1)"
    )
    print()
    held_pairs, held_labels = labelled("held out", PAIR_MODEL)
    print(
        f"alignment pairs at align_threshold {settings.align_threshold}; candidate pairs "
        f"(true): {len(tuned_pairs)} ({sum(tuned_labels)}) tuned, "
        f"{len(held_pairs)} ({sum(held_labels)}) held out"
    )
    print(f"{'':<9} {'half':<9} {'P':>15} {'R':>15} {'F1':>6} {'cand. AP':>9}")
    for name, model in models.items():
        for half, evs in halves.items():
            c = pair_counts(evs, embedder=embedder, settings=settings, model=model)
            pairs, labels = labelled(half, model)
            ap = average_precision([p.score for p in pairs], labels)
            prec, rec = share(c.true_pairs, c.sys_pairs), share(c.found_gold_pairs, c.gold_pairs)
            print(f"{name:<9} {half:<9} {prec:>15} {rec:>15} {pair_f1(c):>6.3f} {ap:>9.3f}")
    if args.folds:
        print_folds(halves, embedder=embedder, settings=settings, c=args.c)
    print(f"\n{len(events)} events, {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
