"""Overlap, matching, P/R/F1 and the gold direct-quote definition, on hand-made spans."""

from __future__ import annotations

import pytest

from rashomon.article import Span
from rashomon.evaluation.brat import BratAttribution
from rashomon.evaluation.evaluate import (
    Prediction,
    merge_fragments,
    score_article,
    speaker_correct,
)
from rashomon.evaluation.quote_scores import (
    PRF,
    fragment_groups,
    greedy_match,
    is_direct,
    is_speech_cue,
    matched_any,
    overlap,
    quoted_fraction,
    quoted_regions,
    score,
    shares_name_word,
)


def item(*ranges: tuple[int, int]) -> tuple[Span, ...]:
    return tuple(Span(a, b) for a, b in ranges)


def test_overlap_divides_by_the_longer_span() -> None:
    assert overlap(item((0, 10)), item((0, 10))) == 1.0
    assert overlap(item((0, 10)), item((5, 15))) == 0.5
    assert overlap(item((0, 10)), item((0, 40))) == 0.25  # inside, but much shorter
    assert overlap(item((0, 10)), item((10, 20))) == 0.0
    # discontinuous: 10 + 10 chars, the prediction covers both pieces and the 5-char gap
    assert overlap(item((0, 10), (15, 25)), item((0, 25))) == pytest.approx(20 / 25)
    assert overlap((), ()) == 0.0


def test_greedy_matching_is_one_to_one_and_best_first() -> None:
    gold = [item((0, 10)), item((20, 30))]
    predicted = [item((0, 9)), item((0, 10)), item((22, 30)), item((50, 60))]
    matches = greedy_match(predicted, gold, 0.3)
    # prediction 1 is the exact match of gold 0; prediction 0 is left over
    assert [(i, j) for i, j, _ in matches] == [(1, 0), (2, 1)]
    prf, _ = score(predicted, gold, 0.3)
    assert (prf.matched, prf.predicted, prf.gold) == (2, 4, 2)
    assert prf.precision == 0.5
    assert prf.recall == 1.0
    assert prf.f1 == pytest.approx(2 / 3)
    strict, _ = score(predicted, gold, 0.9)  # 8/10 for gold 1 fails at 0.9
    assert (strict.matched, strict.recall) == (1, 0.5)


def test_prf_edge_cases_and_sum() -> None:
    empty = PRF(0.3, 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    total = PRF(0.3, 1, 2, 4) + PRF(0.3, 3, 2, 4)
    assert (total.precision, total.recall) == (1.0, 0.5)
    with pytest.raises(ValueError):
        _ = PRF(0.3, 0, 0, 0) + PRF(0.8, 0, 0, 0)


def test_fragments_of_one_gold_quote_are_merged() -> None:
    # gold: “A,” he said. “B.” as one discontinuous item; predicted: the two quotes apart
    gold = [item((1, 10), (25, 40)), item((60, 70))]
    predicted = [item((1, 10)), item((25, 40)), item((55, 75)), item((80, 90))]
    assert fragment_groups(predicted, gold) == [[0, 1], [2], [3]]
    merged = merge_fragments([Prediction(s[0].start, s[0].end, "direct") for s in predicted], gold)
    assert len(merged) == 3
    assert merged[0].item == (Span(1, 10), Span(25, 40))
    assert overlap(merged[0].item, gold[0]) == 1.0


def test_matched_any_is_not_one_to_one() -> None:
    assert matched_any([item((0, 10)), item((40, 50))], [item((0, 20))], 0.3) == [True, False]


def test_quoted_regions_pair_curly_and_straight_marks() -> None:
    text = 'He said "yes" and “no.”\n“Part one\n“Part two.”'
    regions = [text[r.start : r.end] for r in quoted_regions(text)]
    # an unclosed quote runs to the end of its paragraph (multi-paragraph quote style)
    assert regions == ["yes", "no.", "Part one", "Part two."]
    assert quoted_regions("It’s ‘scare’ quoting with single marks.") == ()


def test_curly_quote_inside_a_straight_quote_nests() -> None:
    text = '"Well, she thinks this is “Shark Tank.” It is not," he said. “One” and “two.”'
    regions = [text[r.start : r.end] for r in quoted_regions(text)]
    assert regions == ["Well, she thinks this is “Shark Tank.” It is not,", "One", "two."]


def test_single_marks_quote_only_in_the_headline() -> None:
    text = "Mayor to Board: ‘You Should Resign.’\nShe called it ‘odd’ and Trump’s ‘plan’ too."
    regions = [text[r.start : r.end] for r in quoted_regions(text)]
    assert regions == ["You Should Resign."]
    assert is_direct(text, item((16, 36)))


def test_two_apostrophes_typeset_as_a_double_mark_make_a_direct_quote() -> None:
    text = "''It isn't reform,'' said Dorn. It's the players' turn."
    regions = [text[r.start : r.end] for r in quoted_regions(text)]
    assert regions == ["It isn't reform,"]
    assert is_direct(text, item((0, 20)))  # the marks in the annotation count for nothing
    assert not is_direct(text, item((32, 55)))


def test_direct_quote_definition() -> None:
    text = "“We will build it,” the mayor said. He called the plan “a disaster” for workers."
    direct = item((0, 19))  # marks included in the annotation: still fully quoted
    mixed = item((55, 80))  # “a disaster” for workers: 9 of 20 counted chars inside
    assert quoted_fraction(text, direct) == 1.0
    assert is_direct(text, direct)
    assert quoted_fraction(text, mixed) == pytest.approx(9 / 20)
    assert not is_direct(text, mixed)
    assert is_direct(text, mixed, min_fraction=0.4)
    assert not is_direct(text, item((20, 34)))  # "the mayor said"


def test_speech_cues_and_names() -> None:
    assert is_speech_cue("said")
    assert is_speech_cue("Told")
    assert is_speech_cue("has repeatedly argued")
    assert is_speech_cue("tweeted")
    assert not is_speech_cue("according to")
    assert not is_speech_cue("believes")
    assert shares_name_word("Donald Trump", "Mr. Trump")
    assert not shares_name_word("Mr. Jones", "Mr. Smith")  # honorifics do not count


TEXT = "“We will build it,” the mayor, Ana Ruiz, said. Critics call it “a folly” for the town."


def at(phrase: str) -> tuple[Span, ...]:
    start = TEXT.index(phrase)
    return item((start, start + len(phrase)))


MAYOR = at("the mayor")


def _range(phrase: str) -> tuple[int, int]:
    span = at(phrase)[0]
    return span.start, span.end


def _gold() -> list[BratAttribution]:
    return [
        BratAttribution("E1", "Attribution", MAYOR, at("said"), at("We will build it")),
        BratAttribution(
            "E2", "Attribution", at("Critics"), at("call"), at("it “a folly” for the town.")
        ),
    ]


def test_speaker_correct_by_mention_or_name() -> None:
    gold = _gold()[0]
    assert speaker_correct(Prediction(1, 17, "direct", at("mayor")), gold, TEXT)
    assert speaker_correct(Prediction(1, 17, "direct", (), ("Mayor Ana Ruiz",)), gold, TEXT)
    assert not speaker_correct(
        Prediction(1, 17, "direct", at("Ana Ruiz"), ("Ana Ruiz",)), gold, TEXT
    )
    assert not speaker_correct(Prediction(1, 17, "direct"), gold, TEXT)


def test_score_article_counts_every_figure() -> None:
    predicted = [
        Prediction(1, 17, "direct", at("Ana Ruiz"), ("Ana Ruiz",)),  # wrong: gold says "the mayor"
        Prediction(*_range("it “a folly” for the town"), "partial"),  # the mixed quote
        Prediction(*_range("Critics"), "direct"),  # a false positive
    ]
    errors: list = []
    tally = score_article(TEXT, _gold(), predicted, source="x.txt", errors=errors)
    # one gold direct quote (E1); E2 is mostly outside quotation marks
    lenient = tally.direct[0]
    assert (lenient.matched, lenient.predicted, lenient.gold) == (1, 2, 1)
    assert (tally.direct_partial[0].predicted, tally.direct_partial[0].matched) == (3, 1)
    assert (tally.speaker.hits, tally.speaker.total) == (0, 1)
    # E1 ("said") is a speech cue, E2 ("call") is not
    assert (tally.speech_recall.hits, tally.speech_recall.total) == (1, 1)
    # the partial matches E2's content; "Critics" hits no content
    assert (tally.all_precision.hits, tally.all_precision.total) == (2, 3)
    kinds = sorted(e.kind for e in errors)
    assert kinds == ["false_positive", "wrong_speaker"]
    assert all("[[" in e.context for e in errors)
