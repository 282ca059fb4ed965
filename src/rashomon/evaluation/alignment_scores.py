"""Scoring a story report's units, variants and disputes against an alignment gold event.

Each system statement (a unit member) is mapped to the gold member it overlaps most, when the
overlap covers at least half of either span; it then stands for that member's gold unit.
Pairs are cross-document pairs of statements in one unit. A gold pair is a pair of
articles in one gold unit; it is found when some system pair links statements of those two
articles mapped to that unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

from rashomon.evaluation.alignment_gold import GoldEvent, GoldUnit
from rashomon.story.model import StoryReport

#: Share of a span the overlap must cover for a system statement to stand for a gold member.
MIN_OVERLAP = 0.5


@dataclass
class Counts:
    """Counts that add up over events; the scores are ratios of them."""

    sys_pairs: int = 0
    true_pairs: int = 0
    gold_pairs: int = 0
    found_gold_pairs: int = 0
    gold_units: int = 0  # gold units with two or more articles
    exact_units: int = 0
    pred_single: int = 0
    gold_single: int = 0
    true_single: int = 0
    gold_variants: int = 0
    aligned_variants: int = 0  # gold variants whose pair the system aligned
    found_variants: int = 0
    extra_meaning_variants: int = 0  # flagged in a correct pair, not in the gold
    gold_disputes: int = 0
    found_disputes: int = 0
    sys_disputes: int = 0
    true_disputes: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            if name == "errors":
                self.errors.extend(other.errors)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def gold_unit_of(event: GoldEvent, article: str, start: int, end: int) -> GoldUnit | None:
    """The gold unit a system statement (``start:end`` of gold ``article``) stands for: that of
    the gold member it overlaps most, when the overlap covers :data:`MIN_OVERLAP` of either
    span."""
    best: tuple[float, GoldUnit] | None = None
    for unit in event.units:
        for g in unit.members:
            if g.article != article:
                continue
            overlap = min(end, g.end) - max(start, g.start)
            if overlap <= 0:
                continue
            share = max(overlap / (end - start), overlap / (g.end - g.start))
            if share >= MIN_OVERLAP and (best is None or overlap > best[0]):
                best = (overlap, unit)
    return best[1] if best else None


def score_event(event: GoldEvent, report: StoryReport, articles: Mapping[str, str]) -> Counts:
    """Counts for one event; ``articles`` maps the report's document ids to gold article ids."""
    c = Counts()
    multi = [u for u in event.units if len(u.articles) > 1]
    c.gold_units = len(multi)
    c.gold_pairs = sum(len(u.articles) * (len(u.articles) - 1) // 2 for u in multi)

    gold_of: dict[tuple[str, int, int], GoldUnit | None] = {}
    unit_gold: dict[str, list[tuple[str, GoldUnit | None]]] = {}
    for unit in report.units:
        mapped = []
        for m in unit.members:
            g = gold_unit_of(event, articles[m.doc], m.start, m.end)
            gold_of[(m.doc, m.start, m.end)] = g
            mapped.append((articles[m.doc], g))
        unit_gold[unit.id] = mapped

    found: set[tuple[str, frozenset[str]]] = set()
    for unit in report.units:
        mapped = unit_gold[unit.id]
        single = len({a for a, _ in mapped}) == 1
        for (art, g), m in zip(mapped, unit.members, strict=True):
            gold_single = g is None or len(g.articles) == 1
            c.pred_single += single
            c.gold_single += gold_single
            c.true_single += single and gold_single
            if gold_single and not single:
                c.errors.append(f"{event.id[:8]} false alignment of {art} [{m.start}:{m.end}]")
        for (a1, g1), (a2, g2) in combinations(mapped, 2):
            if a1 == a2:
                continue
            c.sys_pairs += 1
            if g1 is not None and g1 is g2:
                c.true_pairs += 1
                found.add((g1.id, frozenset((a1, a2))))
    c.found_gold_pairs = len(found)

    for g in multi:
        c.exact_units += any(
            {a for a, x in mapped} == set(g.articles) and all(x is g for _, x in mapped)
            for mapped in unit_gold.values()
        )
        for a1, a2 in combinations(sorted(g.articles), 2):
            if (g.id, frozenset((a1, a2))) not in found:
                c.errors.append(f"{event.id[:8]} missed pair {g.id} {a1[-1]}-{a2[-1]}")

    _score_variants(event, report, articles, unit_gold, c)
    _score_disputes(event, report, unit_gold, c)
    return c


def _score_variants(
    event: GoldEvent,
    report: StoryReport,
    articles: Mapping[str, str],
    unit_gold: Mapping[str, list[tuple[str, GoldUnit | None]]],
    c: Counts,
) -> None:
    c.gold_variants = len(event.variants)
    gold_keys = {(v.unit, frozenset((v.a, v.b)), v.shift) for v in event.variants}
    for v in event.variants:
        holders = [
            u
            for u in report.units
            if {a for a, g in unit_gold[u.id] if g is not None and g.id == v.unit} >= {v.a, v.b}
        ]
        if not holders:
            c.errors.append(f"{event.id[:8]} variant {v.unit} {v.shift}: pair not aligned")
            continue
        c.aligned_variants += 1
        hit = any(
            x.shift == v.shift
            and {articles[x.doc], articles.get(x.against_doc or "", "")} & {v.a, v.b}
            for u in holders
            for x in u.variants
        )
        c.found_variants += hit
        if not hit:
            c.errors.append(f"{event.id[:8]} variant {v.unit} {v.shift}: not surfaced")
    for u in report.units:
        mapped = dict(zip([m.doc for m in u.members], unit_gold[u.id], strict=True))
        for x in u.variants:
            if not x.meaning_changing or x.against_doc is None:
                continue
            (_, g1), (_, g2) = mapped[x.doc], mapped[x.against_doc]
            if g1 is None or g1 is not g2:
                continue  # a wrongly aligned pair: counted as an alignment error already
            pair = frozenset((articles[x.doc], articles[x.against_doc]))
            if (g1.id, pair, x.shift) not in gold_keys:
                c.extra_meaning_variants += 1
                c.errors.append(
                    f"{event.id[:8]} extra {x.shift} variant {g1.id}: {x.against!r} -> "
                    f"{' '.join(x.words)!r}"
                )


def _score_disputes(
    event: GoldEvent,
    report: StoryReport,
    unit_gold: Mapping[str, list[tuple[str, GoldUnit | None]]],
    c: Counts,
) -> None:
    c.gold_disputes = len(event.disputes)
    c.sys_disputes = len(report.disputes)

    def golds(unit_id: str) -> set[str]:
        return {g.id for _, g in unit_gold.get(unit_id, []) if g is not None}

    sides = [(golds(x.a.unit), golds(x.b.unit)) for x in report.disputes]
    for d in event.disputes:
        hit = any((d.a in a and d.b in b) or (d.b in a and d.a in b) for a, b in sides)
        c.found_disputes += hit
        if not hit:
            c.errors.append(f"{event.id[:8]} missed dispute {d.a}/{d.b} ({d.kind})")
    for a, b in sides:
        c.true_disputes += any(
            (d.a in a and d.b in b) or (d.b in a and d.a in b) for d in event.disputes
        )
