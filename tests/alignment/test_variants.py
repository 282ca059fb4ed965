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
    [
        ("64", "62"),
        ("three weeks", "two weeks"),
        ("in March", "in April"),
        ("on Monday", "on Tuesday"),
        ("62", ""),
        ("by 40,000 workers", ""),
    ],
)
def test_numbers_and_dates_are_number(a: str, b: str) -> None:
    assert shift(a, b) == "number"


@pytest.mark.parametrize(
    ("a", "b"),
    [("on Monday", ""), ("", "Tuesday evening"), ("2029 election", "Green"), ("", "in 2031")],
)
def test_a_day_or_year_named_on_one_side_only_is_detail_not_a_changed_date(a: str, b: str) -> None:
    # "The union met the minister on Monday" / "The union met the minister": the other
    # report does not say another day; a figure dropped ("62") would change the claim.
    assert shift(a, b) == "paraphrase"


def test_a_short_phrase_with_a_figure_added_is_a_number_variant() -> None:
    members = [
        M("d1", "We do not want this reform."),
        M("d2", "By 40,000 signatures, we do not want this reform."),
    ]
    variants = find_variants(members)
    assert [v.shift for v in variants if v.meaning_changing] == ["number"]


def test_a_clause_with_a_figure_added_is_added_content() -> None:
    members = [
        M("d1", "The union will keep talking to the ministry."),
        M(
            "d2",
            "The union, which has fought the reform for thirty years in every town, will keep "
            "talking to the ministry.",
        ),
    ]
    assert not [v for v in find_variants(members) if v.meaning_changing]


def test_a_figure_dropped_from_a_rewritten_statement_is_a_number_variant() -> None:
    members = [
        M("d1", "Rail unions give a deal a 1 in 3 chance before Friday's vote."),
        M("d2", "Strikers' leaders see some chance that talks end well, radio reported."),
    ]
    shifts = [v.shift for v in find_variants(members) if v.meaning_changing]
    assert shifts == ["number"]
    # The same figure spelled out is no variant.
    members[1] = M("d2", "Strikers' leaders see a one-in-three chance of talks ending well.")
    assert not [v for v in find_variants(members) if v.meaning_changing]


def test_a_title_and_its_abbreviation_are_not_an_actor_shift() -> None:
    members = [M("d1", "I feel sorry for General Okafor"), M("d2", "I feel sorry for Gen. Okafor")]
    names = {"General Okafor": "a2", "Okafor": "a2", "General": "a2"}
    assert not [v for v in find_variants(members, names=names) if v.meaning_changing]


def test_a_name_spelled_out_further_is_not_an_actor_shift() -> None:
    names = {"Amaka N. Okafor": "a2", "Bello": "a3"}
    members = [
        M("d1", "I apologise to Sen. Okafor and anyone I offended", "a1"),
        M("d2", "He apologised to Senator Amaka N. Okafor and anyone he offended", "a1"),
    ]
    assert not [v for v in find_variants(members, names=names) if v.meaning_changing]
    # another senator is another actor
    members[1] = M("d2", "He apologised to Senator Bello and anyone he offended", "a1")
    shifts = [v.shift for v in find_variants(members, names=names) if v.meaning_changing]
    assert shifts == ["actor"]


def test_a_rewrite_keeps_its_modality_when_the_other_side_has_the_same_grade_too() -> None:
    # "may" belongs to another clause of the first wording; both say the payment will not come
    members = [
        M("d1", "Our country will not fund the barrier, whatever the governor may say."),
        M("d2", "The former leader won't be chipping in for any of the barrier's cost."),
    ]
    assert not [v for v in find_variants(members) if v.meaning_changing]
    # without the other clause's "may", "will not" against "might not" is a modality shift
    members[0] = M("d1", "Our country will not fund the barrier, the governor insisted.")
    members[1] = M(
        "d2", "The former leader might not be chipping in for any of the barrier's cost."
    )
    assert [v.shift for v in find_variants(members) if v.meaning_changing] == ["modality"]


def test_number_words_against_other_number_words_in_a_rewrite_are_wording() -> None:
    members = [
        M("d1", "They were two senior aides of the mayor at the port authority, and a driver."),
        M("d2", "One of the mayor's aides at the port authority organised them, it emerged."),
    ]
    assert not [v for v in find_variants(members) if v.meaning_changing]


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


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "A ceasefire is possible before the harvest, the envoy said.",
            "A ceasefire is likely before the harvest, the envoy said.",
            "modality",
        ),
        ("The port may reopen next week.", "The port will reopen next week.", "modality"),
        (
            "The council approved the new bridge on Tuesday.",
            "The council has not approved the new bridge.",
            "negation",
        ),
        (
            "Flooding has forced 12,000 people from their homes.",
            "Flooding has forced 20,000 people from their homes.",
            "number",
        ),
        (
            "The vote will take place in June.",
            "The vote will take place in September.",
            "number",
        ),
        (
            "The reform will cut waiting times.",
            "The reform will reportedly cut waiting times.",
            "hedge",
        ),
        (
            "The ambassador called the arrests regrettable.",
            "The ambassador called the arrests unacceptable.",
            "intensity",
        ),
        (
            "The broadcaster aired the interview on Sunday.",
            "The state-backed broadcaster aired the interview on Sunday.",
            "actor",
        ),
    ],
)
def test_each_meaning_changing_class_is_surfaced_between_whole_statements(
    a: str, b: str, expected: str
) -> None:
    variants = find_variants([M("d1", a), M("d2", b)])
    assert [v.shift for v in variants if v.meaning_changing][:1] == [expected]


def test_rewording_without_a_meaning_shift_is_only_paraphrase() -> None:
    variants = find_variants(
        [
            M("d1", "The company will shut the plant and move production abroad."),
            M("d2", "The firm will close the factory and move manufacturing abroad."),
        ]
    )
    assert variants and all(v.shift == "paraphrase" for v in variants)


_CREW = {
    "Anna Weber": "a1",
    "Paul Durand": "a2",
    "Claire Roux": "a3",
    "Marc Petit": "a4",
    "Hélène Marchand": "a5",
}


def test_a_name_added_to_a_rewritten_list_of_people_is_an_actor_variant() -> None:
    members = [
        M("d1", "The closures were planned by Anna Weber, Paul Durand and Claire Roux, all aides."),
        M(
            "d2",
            "Behind the closures stood a close ally, Claire Roux, along with the deputy chief "
            "Anna Weber, the adviser Paul Durand, and his former campaign manager, Marc Petit.",
        ),
    ]
    variants = find_variants(members, names=_CREW)
    actor = [v for v in variants if v.shift == "actor"]
    assert len(actor) == 1 and actor[0].meaning_changing
    assert (actor[0].doc, actor[0].words, actor[0].against) == ("d2", ["Marc", "Petit"], "")


def test_a_name_dropped_from_a_list_in_a_long_rewritten_stretch_is_an_actor_variant() -> None:
    members = [
        M("d1", "Anna Weber, Paul Durand, Claire Roux and Marc Petit signed the letter on Monday."),
        M(
            "d2",
            "Anna Weber, Paul Durand and Claire Roux put their names to it at the start of "
            "the week.",
        ),
    ]
    variants = find_variants(members, names=_CREW)
    assert [v.against for v in variants if v.shift == "actor"] == ["Marc Petit"]


def test_a_name_one_wording_adds_as_detail_is_not_an_actor_variant() -> None:
    # Two people in common is no list: the successor named on one side is added detail.
    members = [
        M("d1", "Paul Durand criticised Anna Weber for inviting the delegation to the capital."),
        M(
            "d2",
            "Durand, who succeeded Hélène Marchand last year, said he disagreed with the "
            "decision of Anna Weber to invite the delegation.",
        ),
    ]
    variants = find_variants(members, names=_CREW)
    assert [v for v in variants if v.shift == "actor"] == []


def test_an_initial_is_not_an_actor_name() -> None:
    names = {"Susan B. Anthony": "a1"}
    assert shift("the F B I said", "the police said", names=names) == "paraphrase"


def test_a_contracted_modal_is_the_same_modality_as_spelled_out() -> None:
    assert shift("I’d like to know", "I would like to know") == "paraphrase"
    assert shift("we'll sell", "we will sell") == "paraphrase"
    assert shift("we'll sell", "we may sell") == "modality"
