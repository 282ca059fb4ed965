"""Splitting an analysed article into statements."""

from __future__ import annotations

from dataclasses import replace

from conftest import A, Q, make_analysis
from rashomon.alignment import split_statements
from rashomon.article import Span


def test_direct_quote_is_split_by_sentence_and_attribution_dropped() -> None:
    text = (
        'Strike looms\n"This matter does not concern the ministry. The company must settle it," '
        "Marchand said."
    )
    content = "This matter does not concern the ministry. The company must settle it,"
    analysis = make_analysis(
        text,
        title="Strike looms",
        quotes=[Q("direct", content, "p1")],
        actors=[A("p1", "Hélène Marchand", mentions=["Marchand"])],
    )
    out = split_statements(analysis, "d1", speakers={"p1": "a1"})
    assert [s.text for s in out] == [
        "This matter does not concern the ministry.",
        "The company must settle it",
    ]
    assert all(s.kind == "quote" and s.speaker == "a1" and s.quote == "d1.q1" for s in out)
    for s in out:
        assert text[s.start : s.end] == s.text


def test_indirect_quote_sentence_is_one_statement_with_its_speaker() -> None:
    text = "Marchand said on Monday that an agreement was likely before the end of the month."
    analysis = make_analysis(
        text,
        quotes=[Q("indirect", "an agreement was likely before the end of the month", "p1")],
        actors=[A("p1", "Hélène Marchand", mentions=["Marchand"])],
    )
    (statement,) = split_statements(analysis, "d2", quote_ids=["q7"], speakers={"p1": "a1"})
    assert statement.text == text
    assert statement.kind == "narrative"
    assert (statement.speaker, statement.quote) == ("a1", "q7")


def test_headline_dateline_byline_and_excluded_text_are_not_statements() -> None:
    text = (
        "Rail talks resume in Paris\nBy Camille Roux, transport correspondent\n"
        "PARIS, March 3 (CPA) - Negotiators met for a third time on Monday.\n"
        "Share this article on social media now"
    )
    nav = text.index("Share")
    analysis = make_analysis(text, title="Rail talks resume in Paris", excluded=[(nav, len(text))])
    out = split_statements(analysis, "d1")
    assert [s.text for s in out] == ["Negotiators met for a third time on Monday."]


def test_colon_introduction_and_tiny_fragments_are_skipped() -> None:
    text = 'Speaking about pensions, Marchand said:\n"No."\nIt rained. Talks went on all day.'
    analysis = make_analysis(text, quotes=[Q("direct", "No.", "p1")])
    out = split_statements(analysis, "d1")
    assert [s.text for s in out] == ["No.", "Talks went on all day."]


def test_semicolon_splits_two_long_clauses() -> None:
    text = (
        "The unions want a pay rise this spring for all railway staff; the government "
        "insists that the retirement age will not change."
    )
    out = split_statements(make_analysis(text), "d1")
    assert len(out) == 2
    assert out[0].text.endswith("railway staff")
    assert out[1].text.startswith("the government insists")


def test_long_text_outside_a_quote_is_kept_as_narrative() -> None:
    text = (
        '"We will strike," said Girard, whose federation represents about 40,000 railway '
        "employees across the Rhône valley."
    )
    analysis = make_analysis(text, quotes=[Q("direct", "We will strike,", "p2")])
    out = split_statements(analysis, "d1", speakers={"p2": "a2"})
    assert [s.kind for s in out] == ["quote", "narrative"]
    assert out[1].text.startswith("said Girard, whose federation")


def test_a_noun_phrase_list_after_comma_and_stays_in_its_sentence() -> None:
    text = (
        "The closures were planned by an ally at the rail agency, Paul Durand, along with "
        "a deputy chief of staff, Anna Weber, and his former campaign manager and adviser, "
        "Marc Petit."
    )
    (statement,) = split_statements(make_analysis(text), "d1")
    assert statement.text == text


def test_comma_and_with_a_second_clause_is_split() -> None:
    text = (
        "The strike entered its third day on Monday across the whole network, and the union "
        "leaders rejected the latest offer from the ministry."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [
        "The strike entered its third day on Monday across the whole network",
        "the union leaders rejected the latest offer from the ministry.",
    ]


def test_a_reason_clause_and_a_pronoun_clause_without_comma_are_split() -> None:
    text = (
        "As mayor, I'll close the old harbour to lorries and I'll fight any plan to sell it. "
        "We would like to know who those buyers really are, because they have never shown "
        "their faces in this town."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [
        "As mayor, I'll close the old harbour to lorries",
        "I'll fight any plan to sell it.",
        "We would like to know who those buyers really are",
        "because they have never shown their faces in this town.",
    ]


def test_and_between_two_objects_is_no_clause_split() -> None:
    text = "The council will close the old harbour and the fish market to all lorries next year."
    (statement,) = split_statements(make_analysis(text), "d1")
    assert statement.text == text


def test_a_place_abbreviation_does_not_end_a_quoted_sentence() -> None:
    text = '"The ad runs in Lyon and Ft. Collins from Monday. It costs a lot," Roux said.'
    content = "The ad runs in Lyon and Ft. Collins from Monday. It costs a lot,"
    # One sentence span for the whole line, as a tagger may give: the quote's own split
    # into sentences must not stop at "Ft."
    analysis = replace(
        make_analysis(text, quotes=[Q("direct", content, "p1")]), sentences=(Span(0, len(text)),)
    )
    out = split_statements(analysis, "d1")
    assert [s.text for s in out] == [
        "The ad runs in Lyon and Ft. Collins from Monday.",
        "It costs a lot",
    ]


def test_an_attribution_left_outside_a_quote_is_no_statement() -> None:
    text = (
        '"The depot will close in June," Girard said to the regional paper and the union '
        "confirmed on Friday.\n\n"
        '"Nobody was consulted," wrote Paul Durand on the federation\'s blog, under the heading.'
        '\n\n"Talks resume on Monday," according to a short statement from the regional '
        "transport office."
    )
    analysis = make_analysis(
        text,
        quotes=[
            Q("direct", "The depot will close in June,", "p2"),
            Q("direct", "Nobody was consulted,", "p3"),
            Q("direct", "Talks resume on Monday,", "p4"),
        ],
    )
    out = split_statements(analysis, "d1", speakers={"p2": "a2", "p3": "a3", "p4": "a4"})
    assert [s.text for s in out] == [
        "The depot will close in June",
        "Nobody was consulted",
        "Talks resume on Monday",
    ]
    assert [s.kind for s in out] == ["quote", "quote", "quote"]


def test_a_claim_beside_the_attribution_keeps_the_text_outside_the_quote() -> None:
    text = (
        '"The depot will close in June," Girard said to the regional paper, which first '
        "reported the closure plan last week."
    )
    analysis = make_analysis(text, quotes=[Q("direct", "The depot will close in June,", "p2")])
    out = split_statements(analysis, "d1", speakers={"p2": "a2"})
    assert [s.kind for s in out] == ["quote", "narrative"]
    assert out[1].text.startswith("Girard said to the regional paper, which first reported")


def test_semicolons_of_a_list_after_a_colon_keep_the_sentence_whole() -> None:
    text = (
        "Three names are on the shortlist: the mayor of a mid-sized town, Anne Roux; "
        "the union leader Paul Durand, who has the backing of the left; and the former "
        "head of the regional council, Léa Morel."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [text]


def test_a_time_clause_with_its_own_verb_is_a_second_statement() -> None:
    text = (
        "The mayor apologized to the council and to the harbour residents after a recording "
        "emerged of him mocking the fishermen at a private dinner."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [
        "The mayor apologized to the council and to the harbour residents",
        "after a recording emerged of him mocking the fishermen at a private dinner.",
    ]


def test_a_time_phrase_without_a_verb_stays_in_its_sentence() -> None:
    text = (
        "The minister will present the new rail timetable to the regional council after "
        "the long summer holidays in September."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [text]


def test_a_second_that_clause_after_a_reporting_verb_is_a_second_claim() -> None:
    text = (
        "The mayor said on Friday that the harbour sale was a serious mistake and that the "
        "buyers should never be trusted with the old docks."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [
        "The mayor said on Friday that the harbour sale was a serious mistake",
        "that the buyers should never be trusted with the old docks.",
    ]


def test_and_that_without_a_that_clause_before_it_is_no_split() -> None:
    text = (
        "The council spent the whole evening on the harbour prices and that sort of "
        "question for the fishermen of the town."
    )
    (statement,) = split_statements(make_analysis(text), "d1")
    assert statement.text == text


def test_a_leading_concessive_clause_and_the_main_clause_are_two_statements() -> None:
    text = (
        "While the mayor, a former fisherman, said the harbour would stay open, he warned that "
        "the old docks could be sold to a private buyer next year."
    )
    out = split_statements(make_analysis(text), "d1")
    assert [s.text for s in out] == [
        "While the mayor, a former fisherman, said the harbour would stay open",
        "he warned that the old docks could be sold to a private buyer next year.",
    ]


def test_a_short_leading_concessive_clause_stays_in_its_sentence() -> None:
    text = "While the talks went on, the fishermen of the old harbour met in the town hall."
    (statement,) = split_statements(make_analysis(text), "d1")
    assert statement.text == text


def test_each_statement_carries_the_actor_it_opens_with() -> None:
    text = (
        "Former Portuguese Prime Minister Ana Duarte criticised the ferry contract on Monday. "
        "Minister Lindqvist is expected to answer her at a press conference on Tuesday. "
        "Earlier on Monday, Lindqvist had defended the contract in parliament. "
        "Duarte's letter was published by the opposition newspaper on Sunday. "
        "The harbour board said that Lindqvist had not consulted it."
    )
    analysis = make_analysis(
        text,
        actors=[
            A("p1", "Ana Duarte", mentions=["Ana Duarte", "Duarte"]),
            A("p2", "Erik Lindqvist", mentions=["Lindqvist"]),
            A("o1", "harbour board", kind="organization", mentions=["harbour board"]),
        ],
    )
    out = split_statements(analysis, "d1", speakers={"p1": "a1", "p2": "a2", "o1": "a3"})
    leads = {s.text.split()[0]: s.lead_actor for s in out}
    # a title, even with a country in it, may stand before the actor
    assert leads["Former"] == "a1"
    assert leads["Minister"] == "a2"
    # a time before the name, or a possessive, is not an actor opening the statement
    assert leads["Earlier"] is None
    assert leads["Duarte's"] is None
    assert leads["The"] == "a3"


def test_a_group_or_an_unnamed_role_opening_a_statement_is_no_lead_actor() -> None:
    # two reports' "officials" may be the same people; a role the actor merge missed would
    # split one person in two
    text = (
        "Harbour officials said the ferry would run again in May. "
        "The front-runner insisted that the contract was sound."
    )
    analysis = make_analysis(
        text,
        actors=[
            A("g1", "Harbour officials", kind="group", mentions=["Harbour officials"]),
            A("u1", "front-runner", kind="unknown", mentions=["The front-runner"]),
        ],
    )
    out = split_statements(analysis, "d1", speakers={"g1": "a1", "u1": "a2"})
    assert len(out) == 2
    assert [s.lead_actor for s in out] == [None, None]
