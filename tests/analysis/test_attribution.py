"""Quotes and speakers on small hand-written fixtures."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.analysis.model import ArticleAnalysis

from ._helpers import quote, speaker_name

pytestmark = pytest.mark.slow

Analyse = Callable[[str], ArticleAnalysis]


def test_multi_paragraph_quote_is_one_quote_with_the_final_cue(analyse: Analyse) -> None:
    a = analyse(
        "Union leader Anna Berg spoke at length.\n\n"
        '"We have waited for years. Nobody listened to us.\n\n'
        '"Now the government must act," Berg said.\n\nThe talks resume on Friday.'
    )
    (q,) = a.quotes
    assert q.text.startswith("We have waited") and q.text.endswith("must act,")
    assert q.kind == "direct" and q.cue == "said"
    assert speaker_name(a, q) == "Anna Berg"


def test_unbalanced_marks_stay_inside_their_paragraph(analyse: Analyse) -> None:
    text = (
        'Officials said the vote was "unlikely.\n\n'
        'The mayor, Tom Price, said the plan was "a disaster.\n\n'
        'He added: "We will fight it.'
    )
    a = analyse(text)
    for q in a.quotes:
        assert "\n" not in q.text
    q = quote(a, "We will fight it.")
    assert q.kind == "direct" and speaker_name(a, q) == "Tom Price"


def test_trailing_dash_attribution(analyse: Analyse) -> None:
    a = analyse(
        'The strike will go on.\n\n"The rules apply to everyone" — Commissioner Ilse Vogt\n\n'
        "Others disagreed."
    )
    q = quote(a, "The rules apply to everyone")
    assert speaker_name(a, q) == "Ilse Vogt"


def test_headline_quote_with_colon(analyse: Analyse) -> None:
    a = analyse('Moreau: "We are out"\n\nJean Moreau quit the coalition on Tuesday.')
    q = quote(a, "We are out")
    assert q.kind == "direct"
    assert speaker_name(a, q) == "Jean Moreau"


def test_group_speakers(analyse: Analyse) -> None:
    a = analyse(
        '"The bridge is unsafe," officials said on Tuesday. Analysts said the repairs would '
        'take years. "Nobody warned us," residents told reporters.'
    )
    for text, name in [
        ("The bridge is unsafe,", "officials"),
        ("the repairs would take years", "Analysts"),
        ("Nobody warned us,", "residents"),
    ]:
        q = quote(a, text)
        actor = a.actor(q.speaker)
        assert actor is not None and actor.kind == "group" and actor.name == name


def test_organisation_speaker_and_that_clause_on_a_noun(analyse: Analyse) -> None:
    a = analyse("The ministry said in a statement that the figures were wrong.")
    q = quote(a, "the figures were wrong")
    actor = a.actor(q.speaker)
    assert q.kind == "indirect" and actor is not None and actor.kind == "organization"


def test_appositive_relative_clause_does_not_steal_the_speaker(analyse: Analyse) -> None:
    a = analyse('"We will not reopen it," said Karl Weber, who replaced Tom Price in May.')
    q = quote(a, "We will not reopen it,")
    assert speaker_name(a, q) == "Karl Weber"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Karl Weber"


def test_pronouns_across_paragraph_breaks_follow_the_subject_and_gender(
    analyse: Analyse,
) -> None:
    a = analyse(
        "Prime Minister Sofia Lind met the strikers on Monday.\n\n"
        'She said the talks had been useful. "We are close," she told reporters.\n\n'
        'Her rival, John Dale, was not convinced. "This is theatre," he said.'
    )
    assert speaker_name(a, quote(a, "the talks had been useful")) == "Sofia Lind"
    assert speaker_name(a, quote(a, "We are close,")) == "Sofia Lind"
    assert speaker_name(a, quote(a, "This is theatre,")) == "John Dale"


def test_role_noun_without_a_known_person_becomes_its_own_actor(analyse: Analyse) -> None:
    a = analyse('"We expect a ruling soon," a court spokeswoman said.')
    q = quote(a, "We expect a ruling soon,")
    actor = a.actor(q.speaker)
    assert actor is not None and actor.kind == "person" and "spokeswoman" in actor.name


def test_partial_quote_inside_reported_speech(analyse: Analyse) -> None:
    a = analyse(
        "Paul Girard rejected the offer. He answered that "
        '"there is no way back" while the age stays at 64.'
    )
    q = quote(a, "there is no way back")
    assert q.kind == "partial"
    assert speaker_name(a, q) == "Paul Girard"


def test_nested_attribution_gives_the_inner_quote_to_the_inner_speaker(
    analyse: Analyse,
) -> None:
    a = analyse('Dale said Lind had told him that the deal was "dead".')
    assert speaker_name(a, quote(a, "dead")) == "Lind"
    outer = [q for q in a.quotes if q.kind == "indirect"]
    assert outer and speaker_name(a, outer[0]) == "Dale"


def test_blank_and_empty_articles_give_empty_analyses(analyse: Analyse) -> None:
    for text in ("", "   \n\n   ", '"'):
        a = analyse(text)
        assert a.quotes == () or all(q.text for q in a.quotes)
        assert all(a.article.text[s.start : s.end].strip() for s in a.sentences)


def test_according_to_x_the_ministry_replied_gives_the_quote_to_the_ministry(
    analyse: Analyse,
) -> None:
    a = analyse('According to Nils Berg, the ministry replied, "The contract was never signed."')
    q = quote(a, "The contract was never signed.")
    actor = a.actor(q.speaker)
    assert q.kind == "direct" and q.cue == "replied"
    assert actor is not None and actor.kind == "organization" and actor.name == "ministry"


def test_quote_resumed_after_an_interrupting_cue_is_direct(analyse: Analyse) -> None:
    a = analyse(
        'Mayor Lena Ortiz spoke first. "By moving first," Ortiz said, "we left the others '
        'no choice."'
    )
    first, second = quote(a, "By moving first,"), quote(a, "we left the others no choice.")
    assert first.kind == second.kind == "direct"
    assert speaker_name(a, first) == speaker_name(a, second) == "Lena Ortiz"


def test_reported_clause_mostly_in_quotation_marks_is_one_mixed_quote(analyse: Analyse) -> None:
    a = analyse(
        "Governor Rita Okafor defended the budget. She said it had become "
        '"a gift to the families who need it most."'
    )
    (q,) = a.quotes
    assert q.kind == "mixed"
    assert q.text.startswith("it had become") and "families who need it most" in q.text
    assert speaker_name(a, q) == "Rita Okafor"


def test_quoted_transcript_is_split_into_speaker_turns(analyse: Analyse) -> None:
    a = analyse(
        'Transcript as follows:\n\n"HOST: Will you run again?\n\n'
        '"ORTIZ: I have not decided. Ask me in May."'
    )
    host, ortiz = quote(a, "Will you run again?"), quote(a, "I have not decided. Ask me in May.")
    assert host.kind == ortiz.kind == "direct"
    assert speaker_name(a, host) == "HOST" and speaker_name(a, ortiz) == "ORTIZ"


def test_horizontal_bar_attributions_in_a_run_of_reader_quotes(analyse: Analyse) -> None:
    a = analyse(
        "Readers wrote in.\n\n"
        "“The bus never comes on time.” ― Ana Ruiz “I walk to work now.” ― Tom Field"
    )
    assert speaker_name(a, quote(a, "The bus never comes on time.")) == "Ana Ruiz"
    assert speaker_name(a, quote(a, "I walk to work now.")) == "Tom Field"


def test_colon_introduced_quote_without_a_reporting_verb(analyse: Analyse) -> None:
    a = analyse(
        "Unemployment rose again.\n\n"
        'Senator Ines Costa made the following remark: "Young people face the worst job '
        'market in decades."'
    )
    q = quote(a, "Young people face the worst job market in decades.")
    assert speaker_name(a, q) == "Ines Costa"


def test_inverted_cue_speaker_after_a_quote_the_parser_hangs_on_the_cue(
    analyse: Analyse,
) -> None:
    a = analyse(
        "The union is worried.\n\n"
        '"We are in crisis mode. Full crisis mode," said Mara Quill, a regional head of the '
        'Dockworkers Alliance.\n\nOthers disagree. Said Brandt: "I see no crisis."'
    )
    assert speaker_name(a, quote(a, "We are in crisis mode. Full crisis mode,")) == "Mara Quill"
    assert speaker_name(a, quote(a, "I see no crisis.")) == "Brandt"


def test_participle_cue_speaks_for_the_person_it_follows(analyse: Analyse) -> None:
    a = analyse('The ad shows footage of Dana Whitfield asking, "Why are we not ahead?"')
    assert speaker_name(a, quote(a, "Why are we not ahead?")) == "Dana Whitfield"


def test_titles_nicknames_and_scare_quotes_are_not_quotes(analyse: Analyse) -> None:
    a = analyse(
        "Budget day.\n\n"
        'In an interview on "Morning Desk Live," Ortiz said the budget was balanced. '
        'The so-called "reform" passed anyway. Rep. Robert C. "Bobby" Hale voted no.'
    )
    texts = {q.text for q in a.quotes}
    assert "the budget was balanced" in texts
    assert not texts & {"Morning Desk Live,", "reform", "Bobby"}


def test_people_close_to_someone_speak_for_themselves_not_for_him(analyse: Analyse) -> None:
    a = analyse(
        "Mayor Anna Berg has said little for weeks. She has been unpredictable, and some close "
        "to the mayor say she wants to run again."
    )
    q = quote(a, "she wants to run again")
    actor = a.actor(q.speaker)
    assert q.speaker_mention is not None and q.speaker_mention.text == "some close to the mayor"
    assert actor is not None and actor.kind == "group" and actor.name != "Anna Berg"


def test_a_speech_act_still_to_come_reports_no_statement(analyse: Analyse) -> None:
    a = analyse(
        "Anna Berg is expected to announce that she will leave the council. Her deputy will "
        "tell members that the budget is safe. Berg announced that the vote was postponed."
    )
    assert [q.text for q in a.quotes] == ["the vote was postponed"]


def test_going_to_say_is_still_to_come_but_went_on_to_say_is_said(analyse: Analyse) -> None:
    a = analyse("Tom Hale is going to announce that the mill will close.")
    assert not a.quotes
    a = analyse("Tom Hale spoke first. He went on to say that the plan had failed.")
    q = quote(a, "the plan had failed")
    assert q.kind == "indirect" and speaker_name(a, q) == "Tom Hale"


def test_the_former_is_no_group_but_many_familiar_with_it_are(analyse: Analyse) -> None:
    a = analyse(
        "Anna Berg met Tom Hale on Monday. The former told reporters that the deal was dead."
    )
    assert all(x.kind != "group" for x in a.actors)
    a = analyse("Many familiar with the talks said the deal was near.")
    actor = a.actor(quote(a, "the deal was near").speaker)
    assert actor is not None and actor.kind == "group"


def test_a_stance_expressed_or_voiced_reports_its_that_clause(analyse: Analyse) -> None:
    a = analyse(
        "Anna Berg met the dockers on Monday. She expressed disbelief that the port had "
        "closed the gates. Tom Hale voiced concern that the strike would spread. "
        "Hale's voice was calm. The express ferry left on time."
    )
    q = quote(a, "the port had closed the gates")
    assert q.kind == "indirect" and speaker_name(a, q) == "Anna Berg"
    q = quote(a, "the strike would spread")
    assert q.kind == "indirect" and speaker_name(a, q) == "Tom Hale"
    # a stance without a that-clause reports nothing
    a = analyse("Tom Hale expressed support for the dockers on Monday.")
    assert not a.quotes
