"""The alignment evaluation's table: halves and totals from per-event counts (no models)."""

from __future__ import annotations

from rashomon.evaluation.alignment_eval import AlignmentEvaluation, format_alignment, halves
from rashomon.evaluation.alignment_gold import GoldEvent, GoldMember, GoldUnit
from rashomon.evaluation.alignment_scores import Counts, gold_unit_of


def _counts(true_pairs: int, sys_pairs: int) -> Counts:
    return Counts(sys_pairs=sys_pairs, true_pairs=true_pairs, gold_pairs=10, found_gold_pairs=5)


def test_tuned_and_held_out_halves_alternate_events_and_add_up() -> None:
    per_event = {"e1": _counts(4, 4), "e2": _counts(1, 4), "e3": _counts(2, 4), "e4": _counts(3, 4)}
    total = Counts()
    for c in per_event.values():
        total.add(c)
    ev = AlignmentEvaluation(4, total, per_event)
    tuned, held_out = halves(ev)
    assert (tuned.true_pairs, held_out.true_pairs) == (6, 4)  # e1+e3, e2+e4
    assert tuned.sys_pairs + held_out.sys_pairs == total.sys_pairs
    table = format_alignment(ev)
    precision = next(line for line in table.splitlines() if line.startswith("pair precision"))
    assert precision.split()[2:] == ["0.750", "6/8", "0.500", "4/8", "0.625", "10/16"]


def test_a_statement_stands_for_the_gold_unit_it_overlaps_most_if_half_of_a_span() -> None:
    u1 = GoldUnit("u1", (GoldMember("fox", 0, 100), GoldMember("nyt", 0, 40)))
    u2 = GoldUnit("u2", (GoldMember("fox", 100, 140),))
    event = GoldEvent("e1", ("fox", "nyt"), (u1, u2))
    assert gold_unit_of(event, "fox", 10, 90) is u1  # inside a longer gold member
    assert gold_unit_of(event, "fox", 90, 150) is u2  # 40 chars of u2 against 10 of u1
    assert gold_unit_of(event, "nyt", 30, 100) is None  # 10 of 70 chars, 10 of 40
    assert gold_unit_of(event, "nyt", 20, 100) is u1  # half of the gold member
    assert gold_unit_of(event, "hp", 0, 100) is None  # no gold member in that article
