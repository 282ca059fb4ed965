"""The example story (rail talks): quotes, kinds, cues and speakers per report."""

from __future__ import annotations

import pytest

from rashomon.analysis.model import ArticleAnalysis

from ._helpers import quote, speaker_name

pytestmark = pytest.mark.slow

Analysed = dict[str, ArticleAnalysis]


def test_cpa_direct_quote_with_surname_speaker_and_told_cue(analysed: Analysed) -> None:
    a = analysed["cpa"]
    q = quote(a, "An agreement is likely before the end of the month,")
    assert q.kind == "direct"
    assert speaker_name(a, q) == "Hélène Marchand"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Marchand"
    assert q.cue == "told"


def test_cpa_second_quote_continues_the_same_speaker(analysed: Analysed) -> None:
    a = analysed["cpa"]
    q = quote(a, "We have moved closer on wages and on working hours.")
    assert q.kind == "direct"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_cpa_role_noun_indirect_quote(analysed: Analysed) -> None:
    a = analysed["cpa"]
    q = quote(a, "the government would not reopen the question of the retirement age")
    assert q.kind == "indirect"
    assert q.cue == "added"
    assert q.speaker_mention is not None and q.speaker_mention.text == "The minister"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_cpa_pronoun_speaker(analysed: Analysed) -> None:
    a = analysed["cpa"]
    q = quote(a, "The ministry has no part in this,")
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"
    assert q.cue == "said"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_cpa_lede_indirect_quote_without_the_dateline(analysed: Analysed) -> None:
    a = analysed["cpa"]
    (q,) = [
        q
        for q in a.quotes
        if q.text.startswith("an agreement with the rail unions was likely before the end")
    ]
    assert q.kind == "indirect"
    assert speaker_name(a, q) == "Hélène Marchand"
    assert q.speaker_mention is not None and "PARIS" not in q.speaker_mention.text


def test_cpa_headline_partial_quote_goes_to_the_minister(analysed: Analysed) -> None:
    a = analysed["cpa"]
    q = quote(a, "likely")
    assert q.kind == "partial"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_cpa_actor_has_roles_aliases_and_mentions(analysed: Analysed) -> None:
    a = analysed["cpa"]
    (marchand,) = [x for x in a.actors if x.name == "Hélène Marchand"]
    assert marchand.kind == "person"
    assert "French Transport Minister" in marchand.roles
    assert "Marchand" in marchand.aliases and "The minister" in marchand.aliases
    assert "she" not in marchand.aliases
    for m in marchand.mentions:
        assert a.article.text[m.start : m.end] == m.text


def test_orient_role_noun_speaker(analysed: Analysed) -> None:
    a = analysed["orient"]
    q = quote(a, "An agreement is possible before the end of the month,")
    assert q.speaker_mention is not None and q.speaker_mention.text == "the French minister"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_orient_pronoun_indirect_quote(analysed: Analysed) -> None:
    a = analysed["orient"]
    q = quote(a, "the two sides had moved closer on wages and working hours")
    assert q.kind == "indirect"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_orient_colon_introduced_quote_paragraph(analysed: Analysed) -> None:
    a = analysed["orient"]
    q = quote(
        a,
        "This matter does not concern the ministry. "
        "The company and its employees must settle it between themselves.",
    )
    assert q.kind == "direct"
    assert q.cue == "said"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_orient_excluded_related_links_hold_no_quote(analysed: Analysed) -> None:
    a = analysed["orient"]
    assert not [q for q in a.quotes if "give in" in q.text]
    related = a.article.text.index("Related:")
    assert all(q.end <= related for q in a.quotes)
    assert all(s.end <= related for s in a.sentences)


def test_lyon_appositive_speaker_gets_he_not_the_minister(analysed: Analysed) -> None:
    a = analysed["lyon"]
    q = quote(a, "There will be no agreement while the retirement age stays at 64,")
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"
    assert speaker_name(a, q) == "Paul Girard"
    girard = a.actor(q.speaker)
    assert girard is not None and "head of the Federation of Rail Workers" in girard.roles


def test_lyon_following_quote_continues_the_speaker(analysed: Analysed) -> None:
    a = analysed["lyon"]
    assert speaker_name(a, quote(a, "There is no way back.")) == "Paul Girard"


def test_lyon_minister_role_noun(analysed: Analysed) -> None:
    a = analysed["lyon"]
    q = quote(a, "An agreement will probably be reached before the end of the month,")
    assert speaker_name(a, q) == "Hélène Marchand"


def test_lyon_headline_partial_quote(analysed: Analysed) -> None:
    assert quote(analysed["lyon"], "no way back").kind == "partial"


def test_meridian_according_to(analysed: Analysed) -> None:
    a = analysed["meridian"]
    q = quote(a, "the government will not reopen the retirement age")
    assert q.kind == "indirect"
    assert q.cue == "According to"
    assert q.cue_span is not None
    assert a.article.text[q.cue_span.start : q.cue_span.end] == "According to"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_meridian_the_minister_said_clause(analysed: Analysed) -> None:
    a = analysed["meridian"]
    q = quote(
        a, "the pension dispute at the state railway company was not a matter for the ministry"
    )
    assert q.kind == "indirect"
    assert speaker_name(a, q) == "Hélène Marchand"


def test_meridian_lede_description_joins_the_named_minister(analysed: Analysed) -> None:
    a = analysed["meridian"]
    persons = [x for x in a.actors if x.kind == "person"]
    assert [p.name for p in persons] == ["Hélène Marchand"]


def test_every_quote_text_matches_its_offsets(analysed: Analysed) -> None:
    for a in analysed.values():
        for q in a.quotes:
            assert a.article.text[q.start : q.end] == q.text
            assert q.text == q.text.strip() and q.text
            if q.speaker_mention is not None:
                m = q.speaker_mention
                assert a.article.text[m.start : m.end] == m.text


def test_sentences_and_paragraphs_are_trimmed_non_blank_spans(analysed: Analysed) -> None:
    for a in analysed.values():
        text = a.article.text
        assert a.sentences and a.paragraphs
        for s in (*a.sentences, *a.paragraphs):
            piece = text[s.start : s.end]
            assert piece.strip() == piece and piece
    cpa = analysed["cpa"]
    first_body = [cpa.article.text[s.start : s.end] for s in cpa.sentences][1]
    assert first_body.startswith("PARIS, March 3 (CPA) - French Transport Minister")


def test_entities_come_from_ner(analysed: Analysed) -> None:
    a = analysed["lyon"]
    assert any(e.label == "PERSON" and e.text == "Paul Girard" for e in a.entities)
