"""Disputes and omission notes on small hand-made inputs."""

from __future__ import annotations

import pytest

from conftest import A, make_analysis
from rashomon.alignment import MiniLMEmbedder
from rashomon.settings import Settings
from rashomon.story.disputes import find_disputes
from rashomon.story.model import Member, Unit
from rashomon.story.omissions import find_omissions


def unit(uid: str, speaker: str | None, text: str, doc: str = "d1") -> Unit:
    return Unit(
        id=uid, speaker=speaker, members=[Member(doc=doc, text=text, start=0, end=len(text))]
    )


def test_negated_claim_against_likely_claim_of_another_actor_is_a_dispute() -> None:
    units = [
        unit("u1", "a1", "An agreement is likely before the end of the month"),
        unit("u2", "a2", "There will be no agreement while the retirement age stays at 64"),
    ]
    (dispute,) = find_disputes(units)
    assert (dispute.a.unit, dispute.b.unit) == ("u1", "u2")
    assert "agreement" in dispute.reason


def test_same_speaker_or_unknown_speaker_is_no_dispute() -> None:
    units = [
        unit("u1", "a1", "An agreement is likely before the end of the month"),
        unit("u2", "a1", "There will be no agreement while the retirement age stays at 64"),
        unit("u3", None, "There will never be an agreement"),
    ]
    assert find_disputes(units) == []


def test_both_sides_negative_or_different_topics_is_no_dispute() -> None:
    units = [
        unit("u1", "a1", "The government will not reopen the retirement age"),
        unit("u2", "a2", "There will be no agreement while the retirement age stays at 64"),
        unit("u3", "a1", "The weather will likely be sunny"),
        unit("u4", "a2", "There is no way back"),
    ]
    assert find_disputes(units) == []


def test_rejection_phrases_mark_a_rebuttal() -> None:
    units = [
        unit("u1", "a1", "The reform will certainly pass this spring"),
        unit("u2", "a2", "With all due respect to the minister, but the reform is dead"),
    ]
    assert len(find_disputes(units)) == 1


def test_a_negated_echo_of_another_actors_claim_is_a_dispute() -> None:
    units = [
        unit("u1", "a1", "Weber says the council will sell the harbour to a private buyer"),
        unit("u2", "a2", "We are not going to sell the harbour to anyone", "d2"),
    ]
    (dispute,) = find_disputes(units)
    assert (dispute.a.unit, dispute.b.unit) == ("u1", "u2")
    assert 'on "sell"' in dispute.reason and "not going to sell" in dispute.reason


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        # A negation in a scene-setting clause is background, not the speaker's claim.
        (
            "The mayor said three members would attend the hearing",
            "The clerk said the hearing was postponed after most members opted not to attend",
        ),
        # Put as a question ("whether"), the claim is not asserted.
        (
            "Durand will announce on Monday whether he plans to seek a second term",
            "Roux said Durand will not seek a second term",
        ),
        # In the reach of its own negation ("does not expect ... to sell") it is not either.
        (
            "Weber does not expect the council to sell the harbour",
            "The council will not sell the harbour this year",
        ),
        # A question claims nothing.
        ("Who is going to pay for the new bridge?", "We are not going to pay for the bridge"),
        # The word after the negation is a name, not what is negated.
        ("Weber met the union on Monday", "The union is not meeting anyone, said Weber"),
    ],
    ids=["after-clause", "whether", "reach", "question", "name"],
)
def test_a_negated_word_the_other_side_does_not_assert_is_no_dispute(
    claim: str, other: str
) -> None:
    units = [unit("u1", "a1", claim), unit("u2", "a2", other, "d2")]
    assert find_disputes(units) == []


def test_a_claim_takes_part_in_one_opposite_dispute_and_the_negating_member_is_shown() -> None:
    claim = Unit(
        id="u1",
        speaker="a1",
        members=[
            Member(doc="d1", text="The mayor says the ferry will run all winter", start=0, end=44),
            Member(doc="d2", text="Ferries will run in winter, the mayor said", start=0, end=42),
        ],
    )
    denial = Unit(
        id="u2",
        speaker="a2",
        members=[
            Member(
                doc="d1", text="The captains said on Monday that they stopped work", start=0, end=51
            ),
            Member(doc="d3", text="The ferry will not run this winter", start=0, end=34),
        ],
    )
    again = unit("u3", "a3", "The ferry will never run in winter again", "d2")
    disputes = find_disputes([claim, denial, again])
    assert len(disputes) == 1
    (dispute,) = disputes
    assert dispute.b.unit == "u2"
    assert (dispute.b.doc, dispute.b.text) == ("d3", "The ferry will not run this winter")


def test_omissions_group_by_actor_and_topic_across_outlets() -> None:
    one = make_analysis(
        "Marchand spoke. Marchand did not mention last year's strikes.",
        actors=[A("p1", "Hélène Marchand", mentions=["Marchand"])],
    )
    two = make_analysis(
        "The minister spoke. She made no mention of the strikes of last spring. "
        "Girard declined to comment on the budget.",
        actors=[
            A("p1", "Hélène Marchand", mentions=["The minister", "She"]),
            A("p2", "Paul Girard", mentions=["Girard"]),
        ],
    )
    actor_map = {("d1", "p1"): "a1", ("d2", "p1"): "a1", ("d2", "p2"): "a2"}
    notes = find_omissions([one, two], ["d1", "d2"], actor_map)
    assert [(n.id, n.actor, [m.doc for m in n.members]) for n in notes] == [
        ("o1", "a1", ["d1", "d2"]),
        ("o2", "a2", ["d2"]),
    ]
    assert notes[1].members[0].text == "Girard declined to comment on the budget."


def test_sentences_without_an_omission_cue_give_no_note() -> None:
    analysis = make_analysis(
        "Marchand mentioned the strikes.", actors=[A("p1", "M", mentions=["Marchand"])]
    )
    assert find_omissions([analysis], ["d1"], {("d1", "p1"): "a1"}) == []


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder(Settings())


@pytest.mark.slow
def test_a_denial_answers_the_most_similar_claim_of_another_actor(minilm: MiniLMEmbedder) -> None:
    units = [
        unit("u1", "a1", "The ferry timetable changes on Monday for the winter season"),
        unit("u2", "a2", "The harbour master said dock workers had blocked the eastern gate"),
        unit("u3", None, "The union emphatically denied that its members blocked the gate", "d2"),
    ]
    (dispute,) = find_disputes(units, embedder=minilm)
    assert (dispute.a.unit, dispute.b.unit) == ("u2", "u3")
    assert (dispute.a.actor, dispute.b.actor) == ("a2", None)
    assert "denied" in dispute.reason


@pytest.mark.slow
def test_a_quote_opening_there_is_no_answers_a_claim(minilm: MiniLMEmbedder) -> None:
    units = [
        unit("u1", "a1", "The mayor claims the council has a secret plan to sell the harbour"),
        unit("u2", "a2", "Asked about a plan to sell the harbour, she said: “There is no plan.”"),
    ]
    (dispute,) = find_disputes(units, embedder=minilm)
    assert (dispute.a.unit, dispute.b.unit) == ("u1", "u2")


@pytest.mark.slow
@pytest.mark.parametrize(
    "answer",
    [
        unit("u2", "a2", "The police could neither confirm nor deny that workers blocked the gate"),
        unit("u2", "a2", "The union refused to comment on reports that workers blocked the gate"),
        unit("u2", "a2", "So that there is no doubt, the workers will stand at the eastern gate"),
        unit("u2", "a1", "The harbour master later denied that dock workers blocked the gate"),
    ],
    ids=["neither-confirm-nor-deny", "refused-to-comment", "passing-there-is-no", "own-claim"],
)
def test_no_comment_a_passing_there_is_no_and_an_own_claim_are_no_answer(
    minilm: MiniLMEmbedder, answer: Unit
) -> None:
    claim = unit("u1", "a1", "The harbour master said dock workers had blocked the eastern gate")
    assert find_disputes([claim, answer], embedder=minilm) == []


@pytest.mark.slow
def test_the_writers_outrageous_is_no_answer(minilm: MiniLMEmbedder) -> None:
    units = [
        unit("u1", "a1", "The harbour master said dock workers had blocked the eastern gate"),
        unit("u2", None, "The harbour master has made many outrageous claims about the workers"),
    ]
    assert find_disputes(units, embedder=minilm) == []


@pytest.mark.slow
def test_an_answer_goes_to_the_actor_it_names_after_answering(minilm: MiniLMEmbedder) -> None:
    names = {"Paul Durand": "a1", "Anna Weber": "a2", "Claire Roux": "a3"}
    units = [
        unit("u1", "a1", "Durand said the port would close its eastern gate to all lorries"),
        unit("u2", "a2", "Weber said the eastern gate of the port was closed to lorries last year"),
        unit(
            "u3",
            "a3",
            "A spokesman for Roux fired back, saying that by Weber's logic the port never had a "
            "gate at all",
            "d2",
        ),
    ]
    (dispute,) = find_disputes(units, embedder=minilm, names=names)
    assert (dispute.a.unit, dispute.b.unit) == ("u2", "u3")


@pytest.mark.slow
def test_the_answers_own_frame_is_not_the_claim_it_answers(minilm: MiniLMEmbedder) -> None:
    names = {"Paul Durand": "a1", "Claire Roux": "a3"}
    units = [
        unit("u1", "a1", "Durand said the union had blocked the eastern gate of the port", "d1"),
        Unit(
            id="u2",
            speaker="a4",
            members=[
                Member(
                    doc="d2",
                    text="Posting on Monday, Claire Roux of the union wrote",
                    start=0,
                    end=49,
                )
            ],
        ),
        Unit(
            id="u3",
            speaker="a3",
            members=[Member(doc="d2", text="he is dead wrong about the gate", start=52, end=83)],
        ),
    ]
    (dispute,) = find_disputes(units, embedder=minilm, names=names)
    assert (dispute.a.unit, dispute.b.unit) == ("u1", "u3")


def said_unit(
    uid: str, speaker: str, text: str, quoted: str, doc: str
) -> tuple[Unit, tuple[int, int]]:
    """A unit of one member whose quote ``q<uid>`` is ``quoted`` (a part of ``text``)."""
    member = Member(doc=doc, text=text, start=0, end=len(text), quote=f"q{uid}", speaker=speaker)
    start = text.index(quoted)
    return Unit(id=uid, speaker=speaker, members=[member]), (start, start + len(quoted))


def test_an_opposite_claim_is_read_in_the_speakers_own_words_not_the_writers() -> None:
    # The writer's "running shorts" around a one-word quote is no claim of Lind's about running.
    photo = (
        "In 2009 editors chose a photo of Rosa Lind in running shorts, which she called “unfair”"
    )
    claim, claim_span = said_unit("u1", "a1", photo, "unfair", "d1")
    refusal = "Good women will not run for office if a magazine can do this"
    answer, answer_span = said_unit("u2", "a2", refusal, refusal, "d2")
    quotes = {"qu1": claim_span, "qu2": answer_span}
    assert find_disputes([claim, answer], quotes=quotes) == []
    assert len(find_disputes([claim, answer])) == 1  # without the quotes' spans: whole texts
    # Her own words asserting it are a claim the other side negates.
    plan = "Lind said she will run for office again next year"
    own, own_span = said_unit("u3", "a1", plan, "she will run for office again next year", "d3")
    quotes["qu3"] = own_span
    (dispute,) = find_disputes([own, answer], quotes=quotes)
    assert {dispute.a.unit, dispute.b.unit} == {"u2", "u3"}
