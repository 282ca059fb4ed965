"""Selective parsing: entities everywhere, a parse only where a quote can be."""

from __future__ import annotations

import pytest

from rashomon.analysis.cues import CUE_FORMS
from rashomon.article import Article
from rashomon.settings import Settings

TEXT = (
    "Harbour strike enters its second week\n\n"
    "The port of Velmar has been closed since Monday. Ships wait in the bay. "
    "Crane operators from Ostend joined the picket on Thursday. "
    "The weather stayed mild all week.\n\n"
    '"We will stay until the contract is signed," union leader Ada Varga told reporters. '
    "She added that talks with the port authority would resume on Friday."
)


def test_cue_forms_cover_inflections_but_not_noun_homographs() -> None:
    assert {"said", "says", "told", "tweeted", "according", "denies", "admitted"} <= CUE_FORMS
    assert "post" not in CUE_FORMS and "reports" not in CUE_FORMS
    assert "posted" in CUE_FORMS
    # headline verbs attribute only quoted words, and a sentence with marks is parsed anyway
    assert "expects" not in CUE_FORMS and "sees" not in CUE_FORMS


def test_lexicon_lemmas_cover_every_word_a_rule_looks_up() -> None:
    from rashomon.analysis.cues import (
        CUE_LEMMAS,
        HEADLINE_CUE_LEMMAS,
        LEXICON_LEMMAS,
        ORG_NOUNS,
        ROLE_NOUNS,
    )

    assert LEXICON_LEMMAS["told"] == "tell" and LEXICON_LEMMAS["says"] == "say"
    assert LEXICON_LEMMAS["ministries"] == "ministry" and LEXICON_LEMMAS["senators"] == "senator"
    assert LEXICON_LEMMAS["sees"] == "see"
    assert set(LEXICON_LEMMAS) >= CUE_LEMMAS | HEADLINE_CUE_LEMMAS | ROLE_NOUNS | ORG_NOUNS


@pytest.mark.slow
def test_only_sentences_that_can_hold_a_quote_are_parsed(nlp: object) -> None:
    from rashomon.analysis.selective import parse_selectively, selected_sentences

    (doc,) = parse_selectively(nlp, [TEXT])  # type: ignore[arg-type]
    sents = list(doc.sents)
    chosen = dict(zip((s.text.strip() for s in sents), selected_sentences(doc), strict=True))
    assert chosen["Harbour strike enters its second week"]  # the headline
    assert not chosen["Ships wait in the bay."]
    assert chosen["She added that talks with the port authority would resume on Friday."]
    weather = next(s for s in sents if s.text.startswith("The weather"))
    assert all(t.pos_ == "" for t in weather)  # left out: no tags, a flat tree
    assert {t.dep_ for t in weather} <= {"dep", "ROOT"}
    # entities are found everywhere, parsed or not
    assert {"Velmar", "Ostend", "Ada Varga"} <= {e.text for e in doc.ents}
    # lemmas come from the rules' lexicon, else the lower-cased word
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["told"] == "tell" and lemmas["added"] == "add"
    assert lemmas["Ships"] == "ships" and lemmas["The"] == "the"


@pytest.mark.slow
def test_selective_and_full_parsing_find_the_same_quotes() -> None:
    from rashomon.analysis import analyze_article

    article = Article(source="strike.txt", text=TEXT)
    selective = analyze_article(article, settings=Settings(selective_parse=True))
    full = analyze_article(article, settings=Settings(selective_parse=False))
    assert [(q.kind, q.text) for q in selective.quotes] == [(q.kind, q.text) for q in full.quotes]
    names = {selective.actor(q.speaker).name for q in selective.quotes}  # type: ignore[union-attr]
    assert names == {"Ada Varga"}
    assert len(selective.sentences) == len(full.sentences)


@pytest.mark.slow
@pytest.mark.parametrize("selective", [True, False])
def test_square_brackets_stay_inside_their_sentence_and_quote(selective: bool) -> None:
    # the sentence recogniser of the light pass starts a sentence after "["
    from rashomon.analysis import analyze_article

    text = (
        "Harbour strike enters its second week\n\n"
        '"The port should pay [for] it," Ada Varga said on Monday. '
        'Dockers want to end "[the mayor\'s] war on wages" before the vote, she added. '
        "Ships wait in the bay."
    )
    analysis = analyze_article(
        Article(source="strike.txt", text=text), settings=Settings(selective_parse=selective)
    )
    sentences = [text[s.start : s.end] for s in analysis.sentences]
    assert not [s for s in sentences if s.rstrip().endswith("[")]
    assert any(s.startswith('"The port should pay [for] it,"') for s in sentences)
    assert "The port should pay [for] it," in [q.text for q in analysis.quotes]
