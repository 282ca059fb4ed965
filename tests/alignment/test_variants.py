"""Variant classification: which wording differences change meaning (pure, fast)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rashomon.alignment import classify, find_variants, reference_index
from rashomon.alignment.lexicon import tokens


@dataclass
class M:
    doc: str
    text: str
    speaker: str | None = None


def shift(a: str, b: str, **kw: object) -> str:
    wa, wb = [t for t, _, _ in tokens(a)], [t for t, _, _ in tokens(b)]
    return classify(wa, wb, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [("possible", "likely"), ("may", "will"), ("likely", "certain"), ("could", "sure")],
)
def test_modality_grade_change_is_modality(a: str, b: str) -> None:
    assert shift(a, b) == "modality"


def test_same_modality_grade_is_paraphrase() -> None:
    assert shift("is likely", "will probably be reached") == "paraphrase"
    assert shift("may", "might") == "paraphrase"


def test_reported_would_equals_will() -> None:
    assert shift("would not reopen", "will not reopen") == "paraphrase"


def test_month_may_is_a_date_not_a_modal() -> None:
    assert shift("in May", "in June") == "number"


@pytest.mark.parametrize(
    ("a", "b"),
    [("will", "will not"), ("is", "isn't"), ("agreed", "never agreed"), ("with", "without")],
)
def test_negation_added_is_negation(a: str, b: str) -> None:
    assert shift(a, b) == "negation"


def test_two_negations_in_other_words_are_not_a_negation_shift() -> None:
    a = "The ministry has no part in this"
    b = "This matter does not concern the ministry"
    wa, wb = [t for t, _, _ in tokens(a)], [t for t, _, _ in tokens(b)]
    # Only the piece holding "not": the whole statements are both negative.
    assert classify(["does", "not", "concern"], [], whole_a=wb, whole_b=wa) != "negation"


@pytest.mark.parametrize(
    ("a", "b"),
    [("64", "62"), ("three weeks", "two weeks"), ("in March", "in April"), ("on Monday", "")],
)
def test_numbers_and_dates_are_number(a: str, b: str) -> None:
    assert shift(a, b) == "number"


def test_small_number_word_on_one_side_is_wording() -> None:
    assert shift("We have", "She said the two sides had") == "paraphrase"


@pytest.mark.parametrize(("a", "b"), [("", "I think"), ("", "reportedly"), ("", "a little")])
def test_hedges_are_hedge(a: str, b: str) -> None:
    assert shift(a, b) == "hedge"


def test_intensity_words_are_intensity() -> None:
    assert shift("regrettable", "unacceptable") == "intensity"
    assert shift("a serious", "an outrageous") == "intensity"


def test_labels_and_other_actors_are_actor() -> None:
    assert shift("the government", "the regime") == "actor"
    assert shift("media", "state-backed media") == "actor"
    assert shift("Moreau", "Girard", names={"Moreau": "a1", "Girard": "a2"}) == "actor"


def test_two_names_of_one_actor_are_paraphrase() -> None:
    names = {"Marchand": "a1", "the minister": "a1"}
    assert shift("According to Marchand", "The minister added that", names=names) == "paraphrase"


def test_synonyms_are_paraphrase() -> None:
    assert shift("wages", "salaries") == "paraphrase"


def test_reference_is_the_wording_most_members_share() -> None:
    texts = [
        "An agreement is possible before the end of the month",
        "An agreement is likely before the end of the month",
        "I think an agreement is likely before the end of the month",
    ]
    assert reference_index(texts) == 1


def test_find_variants_flags_the_modality_shift_against_the_majority() -> None:
    members = [
        M("d1", "An agreement is likely before the end of the month"),
        M("d2", "An agreement is possible before the end of the month"),
        M("d3", "An agreement will probably be reached before the end of the month"),
        M("d4", "I think an agreement is likely before the end of the month"),
    ]
    variants = find_variants(members)
    by_doc = {v.doc: v for v in variants if v.meaning_changing}
    assert by_doc["d2"].shift == "modality"
    assert by_doc["d2"].words == ["possible"]
    assert by_doc["d2"].against == "likely"
    assert by_doc["d2"].against_doc == "d1"
    assert by_doc["d4"].shift == "hedge"
    assert "d3" not in by_doc  # "will probably" reads as "likely"


def test_meaning_changing_variants_come_first() -> None:
    members = [
        M("d1", "The strike was regrettable and lasted three weeks"),
        M("d2", "The walkout was unacceptable and lasted two weeks"),
    ]
    variants = find_variants(members)
    shifts = [v.shift for v in variants]
    assert shifts == ["number", "intensity", "paraphrase"]
    assert [v.meaning_changing for v in variants] == [True, True, False]


def test_identical_members_have_no_variants() -> None:
    assert find_variants([M("d1", "There is no way back."), M("d2", "There is no way back")]) == []


def test_single_member_has_no_variants() -> None:
    assert find_variants([M("d1", "Alone.")]) == []


def test_rewritten_member_gives_one_whole_statement_variant() -> None:
    members = [
        M("d1", "This matter does not concern the ministry.", "a1"),
        M("d2", "The ministry has no part in this", "a1"),
    ]
    variants = find_variants(members)
    assert len(variants) == 1
    assert variants[0].shift == "paraphrase"


def test_rewritten_member_with_another_modality_shows_only_the_modal_words() -> None:
    members = [
        M("d1", "The minister said a deal with the unions was likely before the end of May"),
        M("d2", "An agreement between the government and the unions is possible this month"),
    ]
    (variant,) = find_variants(members)
    assert variant.shift == "modality"
    assert (variant.words, variant.against) == (["possible"], "likely")
