"""``rashomon eval polnear``: score quote extraction on a PolNeAR split, textacy beside it.

Figures (micro-averaged over the split; see :mod:`rashomon.evaluation.quote_scores` for the
overlap and matching definitions):

1. direct-quote P/R/F1 at overlap 0.3 and 0.8: predicted quotes of kind ``direct`` (and,
   separately, ``direct`` + ``partial``) against gold direct quotes
   (:func:`~rashomon.evaluation.quote_scores.is_direct`);
2. speaker accuracy on the direct matches at 0.3 whose gold has a source;
3. speech-attribution recall: gold attributions with a speech-verb cue overlapped at 0.3
   by any predicted quote of any kind;
4. precision of all predicted quotes against any gold attribution content at 0.3
   (in 1, 3 and 4, predicted fragments of one gold content are merged first, see
   :mod:`~rashomon.evaluation.quote_scores`);
5. the same direct-quote and speaker figures for textacy, with its failure count;
6. articles, words and seconds of rashomon's analysis.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rashomon.article import Span
from rashomon.evaluation.brat import BratAttribution, spans_text
from rashomon.evaluation.polnear import GoldArticle, load_split
from rashomon.evaluation.quote_scores import (
    PRF,
    Ratio,
    fragment_groups,
    intersection,
    is_direct,
    is_speech_cue,
    matched_any,
    overlap,
    quoted_regions,
    score,
    shares_name_word,
)
from rashomon.settings import Settings

#: Overlap thresholds of the direct-quote figures (lenient, strict).
THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
#: Threshold of the speaker, speech-recall and all-quote precision figures.
LENIENT = 0.3

TARGETS = {"direct_f1": 0.90, "speaker": 0.92, "speech_recall": 0.75, "all_precision": 0.90}

#: Predicted kinds scored as direct quotes. A mixed quote is a reported clause mostly in
#: quotation marks, which is what the gold definition of direct (:func:`is_direct`) means.
DIRECT_KINDS = ("direct", "mixed")

ErrorKind = Literal["missed", "false_positive", "wrong_speaker"]


@dataclass(frozen=True, slots=True)
class Prediction:
    """A predicted quote reduced to what scoring needs (rashomon's or textacy's)."""

    start: int
    end: int
    kind: str
    #: Text ranges naming the speaker (the speaker mention, the actor's other mentions).
    speaker_spans: tuple[Span, ...] = ()
    #: Names of the resolved speaker actor.
    speaker_names: tuple[str, ...] = ()
    #: The content ranges when there are several (merged fragments); else ``start``-``end``.
    pieces: tuple[Span, ...] = ()

    @property
    def item(self) -> tuple[Span, ...]:
        return self.pieces or (Span(self.start, self.end),)


def merge_fragments(
    predicted: Sequence[Prediction], gold_items: Sequence[Sequence[Span]]
) -> list[Prediction]:
    """Predictions with fragments of one gold item merged (see ``fragment_groups``).

    A merged prediction takes its speaker from its first fragment, the one a cue such as
    ``“A,” he said. “B.”`` attaches the speaker to.
    """
    out = []
    for group in fragment_groups([p.item for p in predicted], gold_items):
        first = predicted[group[0]]
        if len(group) == 1:
            out.append(first)
            continue
        pieces = tuple(s for i in group for s in predicted[i].item)
        out.append(
            Prediction(
                min(s.start for s in pieces),
                max(s.end for s in pieces),
                first.kind,
                first.speaker_spans,
                first.speaker_names,
                pieces,
            )
        )
    return out


@dataclass(frozen=True)
class SystemScores:
    """One system's figures on the split."""

    name: str
    #: Quotes of kind ``direct`` vs gold direct quotes, one entry per threshold.
    direct: tuple[PRF, ...]
    #: Quotes of kind ``direct`` or ``partial`` vs gold direct quotes (None: not applicable).
    direct_partial: tuple[PRF, ...] | None
    #: Correct speakers among direct matches at 0.3 whose gold has a source.
    speaker: Ratio
    #: Speech-cue gold attributions overlapped by any predicted quote (None: not applicable).
    speech_recall: Ratio | None
    #: Predicted quotes (any kind) overlapping any gold attribution content.
    all_precision: Ratio | None
    #: Predicted direct quotes merged into another as fragments of one gold quote.
    merged_fragments: int = 0
    #: Articles the system could not process (textacy: unbalanced quotation marks).
    failures: int = 0
    seconds: float = 0.0

    def direct_at(self, threshold: float) -> PRF:
        """The direct-quote counts at ``threshold``."""
        return next(p for p in self.direct if p.threshold == threshold)


@dataclass(frozen=True, slots=True)
class QuoteError:
    """One error of rashomon, for error analysis."""

    kind: ErrorKind
    category: str
    source: str
    start: int
    end: int
    text: str
    context: str
    detail: str = ""


@dataclass(frozen=True)
class PolnearEvaluation:
    """Everything :func:`evaluate_polnear` measured."""

    split: str
    articles: int
    words: int
    gold_attributions: int
    gold_direct: int
    gold_speech: int
    #: Articles with several annotators' files (the first sorted one was used).
    multi_annotator_articles: int
    rashomon: SystemScores
    textacy: SystemScores | None
    errors: tuple[QuoteError, ...] = field(default=(), repr=False)
    #: Gold relations whose swapped source and cue were swapped back before scoring.
    swapped_roles: int = 0

    @property
    def seconds(self) -> float:
        """Wall-clock seconds of rashomon's analysis of the split."""
        return self.rashomon.seconds


# --- per-article scoring (pure) ------------------------------------------------------------


@dataclass
class _Tally:
    direct: list[PRF]
    direct_partial: list[PRF]
    speaker: Ratio
    speech_recall: Ratio
    all_precision: Ratio
    merged_fragments: int = 0

    @classmethod
    def empty(cls) -> _Tally:
        zero = Ratio(0, 0)
        return cls(
            [PRF(t, 0, 0, 0) for t in THRESHOLDS],
            [PRF(t, 0, 0, 0) for t in THRESHOLDS],
            zero,
            zero,
            zero,
        )


def speaker_correct(prediction: Prediction, gold: BratAttribution, text: str) -> bool:
    """Whether the predicted speaker is the gold source.

    Correct when a predicted speaker range (the quote's speaker mention or another mention
    of the resolved actor) shares a character with the gold source span, or the resolved
    actor's name shares a non-stopword word with the gold source text.
    """
    if intersection(prediction.speaker_spans, gold.source):
        return True
    source_text = spans_text(text, gold.source)
    return any(shares_name_word(name, source_text) for name in prediction.speaker_names)


def score_article(
    text: str,
    gold: Sequence[BratAttribution],
    predicted: Sequence[Prediction],
    *,
    source: str = "",
    errors: list[QuoteError] | None = None,
) -> _Tally:
    """Counts of one article; appends the errors found to ``errors`` when given."""
    regions = quoted_regions(text)
    gold_direct = [g for g in gold if is_direct(text, g.content, regions)]
    gold_items = [g.content for g in gold_direct]
    direct_raw = [p for p in predicted if p.kind in DIRECT_KINDS]
    direct = merge_fragments(direct_raw, gold_items)
    direct_partial = merge_fragments(
        [p for p in predicted if p.kind in (*DIRECT_KINDS, "partial")], gold_items
    )
    tally = _Tally.empty()
    tally.merged_fragments = len(direct_raw) - len(direct)
    lenient_matches: list[tuple[int, int, float]] = []
    for k, t in enumerate(THRESHOLDS):
        prf, matches = score([p.item for p in direct], gold_items, t)
        tally.direct[k] = prf
        if t == LENIENT:
            lenient_matches = matches
        tally.direct_partial[k] = score([p.item for p in direct_partial], gold_items, t)[0]

    hits = total = 0
    for i, j, _ in lenient_matches:
        g = gold_direct[j]
        if not g.source:
            continue  # no gold source to judge against
        total += 1
        if speaker_correct(direct[i], g, text):
            hits += 1
        elif errors is not None:
            p = direct[i]
            category = "no speaker" if not (p.speaker_spans or p.speaker_names) else "other speaker"
            detail = f"gold source {spans_text(text, g.source)!r}; predicted " + (
                ", ".join(repr(n) for n in p.speaker_names)
                or ", ".join(repr(text[s.start : s.end]) for s in p.speaker_spans[:1])
                or "none"
            )
            errors.append(_error("wrong_speaker", category, source, text, p.item, detail))
    tally.speaker = Ratio(hits, total)

    speech = [g for g in gold if is_speech_cue(spans_text(text, g.cue))]
    contents = [g.content for g in gold]
    items = [p.item for p in merge_fragments(predicted, contents)]
    tally.speech_recall = Ratio(
        sum(matched_any([g.content for g in speech], items, LENIENT)), len(speech)
    )
    tally.all_precision = Ratio(sum(matched_any(items, contents, LENIENT)), len(items))

    if errors is not None:
        matched_gold = {j for _, j, _ in lenient_matches}
        matched_pred = {i for i, _, _ in lenient_matches}
        for j, g in enumerate(gold_direct):
            if j not in matched_gold:
                cat = _missed_category(g, predicted, text)
                errors.append(_error("missed", cat, source, text, g.content))
        for i, p in enumerate(direct):
            if i not in matched_pred:
                cat = _false_positive_category(p, gold, gold_direct, text)
                errors.append(_error("false_positive", cat, source, text, p.item))
    return tally


def _missed_category(g: BratAttribution, predicted: Sequence[Prediction], text: str) -> str:
    others = [p for p in predicted if p.kind not in DIRECT_KINDS]
    if any(overlap(p.item, g.content) >= LENIENT for p in others):
        return "found with another kind (partial/indirect)"
    if any(intersection(p.item, g.content) for p in predicted):
        return "overlapping prediction below 0.3 (split/merged/boundary)"
    if g.content[0].start < text.find("\n") or "\n" not in text:
        return "in the headline"
    return "not found"


def _false_positive_category(
    p: Prediction,
    gold: Sequence[BratAttribution],
    gold_direct: Sequence[BratAttribution],
    text: str,
) -> str:
    if any(intersection(p.item, g.content) for g in gold_direct):
        return "overlaps a gold direct quote below 0.3 (split/merged/boundary)"
    if any(overlap(p.item, g.content) >= LENIENT for g in gold):
        return "matches a gold non-direct attribution"
    if len(text[p.start : p.end].split()) <= 4:
        return "short quoted phrase, no gold (scare quote/title?)"
    return "no gold attribution"


def _error(
    kind: ErrorKind, category: str, source: str, text: str, item: Sequence[Span], detail: str = ""
) -> QuoteError:
    start, end = min(s.start for s in item), max(s.end for s in item)
    quote = " ".join(text[start:end].split())
    left = " ".join(text[max(0, start - 80) : start].split())
    right = " ".join(text[end : end + 80].split())
    short = quote if len(quote) <= 160 else quote[:78] + " … " + quote[-78:]
    return QuoteError(
        kind, category, source, start, end, quote, f"…{left} [[{short}]] {right}…", detail
    )


# --- the run -------------------------------------------------------------------------------


def _sum(tallies: Sequence[_Tally]) -> _Tally:
    total = _Tally.empty()
    for t in tallies:
        total.direct = [a + b for a, b in zip(total.direct, t.direct, strict=True)]
        total.direct_partial = [
            a + b for a, b in zip(total.direct_partial, t.direct_partial, strict=True)
        ]
        total.speaker += t.speaker
        total.speech_recall += t.speech_recall
        total.all_precision += t.all_precision
        total.merged_fragments += t.merged_fragments
    return total


def evaluate_polnear(
    data_dir: Path,
    *,
    split: str = "dev",
    settings: Settings | None = None,
    limit: int | None = None,
    baseline: bool = True,
) -> PolnearEvaluation:
    """Score rashomon (and textacy when ``baseline``) on a PolNeAR split.

    ``data_dir`` is the PolNeAR root (holding ``data/<split>``) or its ``data`` folder;
    ``limit`` keeps the first articles in file-name order. Raises ``FileNotFoundError`` when
    the split is missing.
    """
    from rashomon.analysis import analyze_articles

    gold_articles = load_split(Path(data_dir), split, limit=limit)
    articles = [g.article for g in gold_articles]

    started = time.perf_counter()
    analyses = analyze_articles(articles, settings=settings)
    seconds = time.perf_counter() - started

    errors: list[QuoteError] = []
    tallies = []
    for g, analysis in zip(gold_articles, analyses, strict=True):
        predicted = [_from_rashomon(q, analysis) for q in analysis.quotes]
        tallies.append(
            score_article(
                g.article.text, g.attributions, predicted, source=g.article.source, errors=errors
            )
        )
    ours = _sum(tallies)
    rashomon_scores = SystemScores(
        name="rashomon",
        direct=tuple(ours.direct),
        direct_partial=tuple(ours.direct_partial),
        speaker=ours.speaker,
        speech_recall=ours.speech_recall,
        all_precision=ours.all_precision,
        merged_fragments=ours.merged_fragments,
        seconds=seconds,
    )
    textacy_scores = _textacy_scores(gold_articles, settings) if baseline else None

    gold_direct = gold_speech = 0
    for g in gold_articles:
        regions = quoted_regions(g.article.text)
        gold_direct += sum(is_direct(g.article.text, a.content, regions) for a in g.attributions)
        gold_speech += sum(is_speech_cue(spans_text(g.article.text, a.cue)) for a in g.attributions)
    return PolnearEvaluation(
        split=split,
        articles=len(articles),
        words=sum(len(a.text.split()) for a in articles),
        gold_attributions=sum(len(g.attributions) for g in gold_articles),
        gold_direct=gold_direct,
        gold_speech=gold_speech,
        multi_annotator_articles=sum(g.annotator_files > 1 for g in gold_articles),
        rashomon=rashomon_scores,
        textacy=textacy_scores,
        errors=tuple(errors),
        swapped_roles=sum(g.swapped_roles for g in gold_articles),
    )


def _from_rashomon(quote: object, analysis: object) -> Prediction:
    from rashomon.analysis.model import ArticleAnalysis, Quote

    assert isinstance(quote, Quote) and isinstance(analysis, ArticleAnalysis)
    spans: list[Span] = []
    if quote.speaker_mention is not None:
        spans.append(Span(quote.speaker_mention.start, quote.speaker_mention.end))
    actor = analysis.actor(quote.speaker)
    names: tuple[str, ...] = ()
    if actor is not None:
        spans.extend(Span(m.start, m.end) for m in actor.mentions)
        names = (actor.name,)
    return Prediction(quote.start, quote.end, quote.kind, tuple(spans), names)


def _textacy_scores(
    gold_articles: Sequence[GoldArticle], settings: Settings | None
) -> SystemScores:
    from rashomon.evaluation.textacy_baseline import run_textacy

    result = run_textacy([g.article for g in gold_articles], settings=settings)
    tallies = []
    for g, quotes in zip(gold_articles, result.quotes, strict=True):
        predicted = [Prediction(q.start, q.end, "direct", q.speaker) for q in quotes]
        tallies.append(score_article(g.article.text, g.attributions, predicted))
    total = _sum(tallies)
    return SystemScores(
        name="textacy",
        direct=tuple(total.direct),
        direct_partial=None,
        speaker=total.speaker,
        speech_recall=None,  # textacy finds direct quotes only
        all_precision=total.all_precision,
        merged_fragments=total.merged_fragments,
        failures=len(result.failures),
        seconds=result.seconds,
    )


# --- output --------------------------------------------------------------------------------

Cell = Callable[[SystemScores], str | None]


def _ratio(value: float, hits: int, total: int) -> str:
    return f"{value:.3f} ({hits}/{total})"


def _prf_cell(attr: str, threshold: float, figure: str) -> Cell:
    def cell(s: SystemScores) -> str | None:
        prfs: tuple[PRF, ...] | None = getattr(s, attr)
        if prfs is None:
            return None
        p = next(p for p in prfs if p.threshold == threshold)
        if figure == "P":
            return _ratio(p.precision, p.matched, p.predicted)
        if figure == "R":
            return _ratio(p.recall, p.matched, p.gold)
        return f"{p.f1:.3f}"

    return cell


def _ratio_cell(attr: str) -> Cell:
    def cell(s: SystemScores) -> str | None:
        r: Ratio | None = getattr(s, attr)
        return None if r is None else _ratio(r.value, r.hits, r.total)

    return cell


def format_polnear(evaluation: PolnearEvaluation) -> str:
    """A plain-text table: one row per metric, columns rashomon, textacy, target."""
    ev = evaluation
    spec: list[tuple[str, Cell, str]] = []
    for label, attr in (("direct", "direct"), ("direct+partial", "direct_partial")):
        for t in THRESHOLDS:
            target = f">= {TARGETS['direct_f1']:.2f}" if attr == "direct" and t == LENIENT else ""
            spec.append((f"{label} P @{t}", _prf_cell(attr, t, "P"), ""))
            spec.append((f"{label} R @{t}", _prf_cell(attr, t, "R"), ""))
            spec.append((f"{label} F1 @{t}", _prf_cell(attr, t, "F1"), target))
    spec += [
        ("speaker accuracy (direct @0.3)", _ratio_cell("speaker"), f">= {TARGETS['speaker']}"),
        (
            "speech-attribution recall @0.3",
            _ratio_cell("speech_recall"),
            f">= {TARGETS['speech_recall']}",
        ),
        (
            "all-quote precision @0.3",
            _ratio_cell("all_precision"),
            f">= {TARGETS['all_precision']}",
        ),
        ("direct fragments merged", lambda s: str(s.merged_fragments), ""),
        ("articles failed", lambda s: str(s.failures), ""),
        ("seconds", lambda s: f"{s.seconds:.1f}", ""),
        ("words per second", lambda s: f"{ev.words / s.seconds:.0f}" if s.seconds else None, ""),
    ]
    systems = [ev.rashomon, ev.textacy]
    rows = [["metric", "rashomon", "textacy", "target"]]
    for label, cell, target in spec:
        values = [(cell(s) if s is not None else None) or "—" for s in systems]
        rows.append([label, *values, target])
    widths = [max(len(r[k]) for r in rows) for k in range(4)]

    def line(r: list[str]) -> str:
        return "  ".join(
            [r[0].ljust(widths[0]), r[1].rjust(widths[1]), r[2].rjust(widths[2]), r[3]]
        ).rstrip()

    title = (
        f"PolNeAR {ev.split}: {ev.articles} articles, {ev.words} words, "
        f"{ev.gold_attributions} gold attributions ({ev.gold_direct} direct, "
        f"{ev.gold_speech} with a speech cue); first sorted annotator file used for "
        f"{ev.multi_annotator_articles} multi-annotator articles; "
        f"{ev.swapped_roles} gold relations with source and cue swapped back"
    )
    header = line(rows[0])
    return "\n".join([title, header, "-" * len(header), *(line(r) for r in rows[1:])]) + "\n"


def error_categories(evaluation: PolnearEvaluation) -> list[tuple[ErrorKind, str, int]]:
    """``(kind, category, count)`` of rashomon's errors, most frequent first."""
    counts = Counter((e.kind, e.category) for e in evaluation.errors)
    return [(k, c, n) for (k, c), n in counts.most_common()]


def sample_errors(evaluation: PolnearEvaluation, n: int = 10, *, seed: int = 0) -> str:
    """Error counts by category, then up to ``n`` random examples of each error kind.

    Kinds: missed gold direct quotes, false-positive direct quotes, wrong speakers on
    matched direct quotes. Each example shows its category and ~80 characters of context
    either side, the quote in ``[[...]]``. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)
    lines = ["error categories:"]
    for kind, category, count in error_categories(evaluation):
        lines.append(f"  {count:5d}  {kind:15s} {category}")
    for kind in ("missed", "false_positive", "wrong_speaker"):
        errs = [e for e in evaluation.errors if e.kind == kind]
        if not errs:
            continue
        lines.append(f"\n{kind} ({len(errs)}; {min(n, len(errs))} shown):")
        for e in rng.sample(errs, min(n, len(errs))):
            name = Path(e.source).name
            lines.append(f"- {name} {e.start}-{e.end} [{e.category}]")
            if e.detail:
                lines.append(f"    {e.detail}")
            lines.append(f"    {e.context}")
    return "\n".join(lines) + "\n"
