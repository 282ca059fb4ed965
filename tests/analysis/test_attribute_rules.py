"""The attribute ruler on arrays gives what spaCy's ruler gives, on text made for its rules."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from rashomon.analysis.attribute_rules import apply_rules, compile_rules

pytestmark = pytest.mark.slow

# Each line exercises ruler patterns: "there is/was" (two-token rule, index 1), "but" as an
# adverb, auxiliaries and "do/have" as main verbs, "that/which" as pronouns, subordinators,
# regex rules ("ain't", "nothin'", "y'all"), runs of spaces and a newline.
TEXTS = [
    "There is no plan, and there were never any talks, said the mayor of Velmar.",
    "It was but a rumour. She did it anyway, and they had a long night.",
    "Y'all ain't seen nothin' yet,   the union leader told    reporters.\n\nWhich is true?",
    "Because the ferry had been cancelled, that was all we could do before the vote.",
    "I gave it to you; you gave it to me. We will see whether it works.",
]


def _parsed(nlp: Any, text: str) -> Any:
    keep = {"tok2vec", "tagger", "parser"}
    return nlp(text, disable=[p for p in nlp.pipe_names if p not in keep])


def test_the_compiled_rules_set_what_the_ruler_sets(nlp: Any) -> None:
    from spacy.attrs import DEP, POS, TAG

    rules = compile_rules(nlp.get_pipe("attribute_ruler"), nlp.vocab)
    assert rules, "the pipeline's ruler compiles"
    ruler = nlp.get_pipe("attribute_ruler")
    for text in TEXTS:
        doc = _parsed(nlp, text)
        expected, got = ruler(doc.copy()), apply_rules(rules, doc.copy())
        assert [t.pos_ for t in got] == [t.pos_ for t in expected], text
        assert (got.to_array([TAG, POS, DEP]) == expected.to_array([TAG, POS, DEP])).all()
        assert any(t.pos_ for t in got) and not any(t.pos_ for t in doc), "it did set them"


def test_a_pattern_it_cannot_read_keeps_the_real_ruler(nlp: Any) -> None:
    unknown = SimpleNamespace(
        patterns=[{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "NOUN"}}]
    )
    assert compile_rules(unknown, nlp.vocab) is None
    lemma_only = SimpleNamespace(
        patterns=[{"patterns": [[{"LOWER": "ok"}]], "attrs": {"LEMMA": "okay"}}]
    )
    assert compile_rules(lemma_only, nlp.vocab) == [], "lemma-only rules are left out"
