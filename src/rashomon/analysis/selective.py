"""Selective parsing: the dependency parse only where a quote can be.

Named entities are needed everywhere (speakers are names), but part-of-speech tags, lemmas
and the dependency parse only in sentences that can hold a quote or its attribution. So a
document is processed in two passes:

1. tokenizer, sentence recogniser (``senter``), paragraph and quote boundaries, and NER over
   the whole text;
2. tok2vec, tagger, parser and attribute ruler (its patterns applied to whole arrays,
   :mod:`~rashomon.analysis.attribute_rules`) over the runs of *selected* sentences
   only: those with a quotation mark, a reporting-verb form ("said", "tells", "according")
   or a headline, and the sentence before a quote without a reporting verb.

Lemmas come from the lexicon the rules look words up in (:data:`~rashomon.analysis.cues.
LEXICON_LEMMAS`; any other word's lemma is its lower-cased form), not from spaCy's rule
lemmatizer, which costs about as much as the parser here.

The second pass runs on copies of the selected runs (``Span.as_doc``); their annotations are
written back into the full document. Sentences left out get a flat tree (every token hangs
from the sentence's first token, dependency label ``dep``) and no tags or lemmas, so
``doc.sents`` still yields the sentence recogniser's sentences and no rule mistakes them for
a parse.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rashomon.analysis.attribute_rules import AttributeRule, apply_rules, compile_rules
from rashomon.analysis.cues import CUE_FORMS, LEXICON_LEMMAS

if TYPE_CHECKING:
    import numpy
    from spacy.language import Language
    from spacy.tokens import Doc

#: Components of the first pass (over everything) and of the second (selected runs only).
LIGHT_PIPES = ("senter", "rashomon_boundaries", "ner")
PARSE_PIPES = (
    "tok2vec",
    "tagger",
    "rashomon_boundaries",
    "parser",
    "attribute_ruler",
)

_MARKS = re.compile('["“”«»„]')
_FLAT_DEP = "dep"


def can_parse_selectively(nlp: Language) -> bool:
    """Whether ``nlp`` has every component the two passes need."""
    names = set(nlp.component_names)
    return all(n in names for n in LIGHT_PIPES + PARSE_PIPES)


def selected_sentences(doc: Doc) -> list[bool]:
    """For each sentence of ``doc`` (after the first pass), whether it is parsed: it holds a
    quotation mark or a reporting-verb form, is the first sentence (headline), or comes
    right before a quote that has no reporting verb of its own (where its speaker is
    introduced: `Costa made the following remark: "..."`)."""
    import numpy
    from spacy.attrs import LOWER

    sents = list(doc.sents)
    marks = [_MARKS.search(s.text) is not None for s in sents]
    is_cue = numpy.isin(doc.to_array([LOWER]).reshape(-1), _cue_hashes())
    cues = [bool(is_cue[s.start : s.end].any()) for s in sents]
    return [
        k == 0 or marks[k] or cues[k] or (k + 1 < len(sents) and marks[k + 1] and not cues[k + 1])
        for k in range(len(sents))
    ]


def parse_selectively(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 32
) -> Iterator[Doc]:
    """Docs of ``texts`` with entities everywhere and a parse in the selected sentences."""
    from itertools import islice

    it = iter(texts)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        yield from _parse_batch(nlp, chunk, batch_size)


def _parse_batch(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    docs = [nlp.make_doc(t) for t in texts]
    for name in LIGHT_PIPES:
        docs = _run(nlp, name, docs, batch_size)
    runs: list[tuple[int, int]] = []  # (doc index, start token) of each sub-document
    subdocs: list[Doc] = []
    for di, doc in enumerate(docs):
        sents = list(doc.sents)
        chosen = selected_sentences(doc)
        k = 0
        while k < len(sents):
            if not chosen[k]:
                k += 1
                continue
            j = k
            while j + 1 < len(sents) and chosen[j + 1]:
                j += 1
            span = doc[sents[k].start : sents[j].end]
            runs.append((di, span.start))
            subdocs.append(span.as_doc())
            k = j + 1
    for name in PARSE_PIPES:
        subdocs = _run(nlp, name, subdocs, batch_size)
    by_doc: dict[int, list[tuple[int, Doc]]] = {}
    for (di, start), sub in zip(runs, subdocs, strict=True):
        by_doc.setdefault(di, []).append((start, sub))
    for di, doc in enumerate(docs):
        _write_back(doc, by_doc.get(di, []))
    return docs


def _run(nlp: Language, name: str, docs: list[Doc], batch_size: int) -> list[Doc]:
    if name == "attribute_ruler" and (rules := _attribute_rules(nlp)) is not None:
        return [apply_rules(rules, doc) for doc in docs]
    proc = nlp.get_pipe(name)
    if hasattr(proc, "pipe"):
        return list(proc.pipe(docs, batch_size=batch_size))
    return [proc(doc) for doc in docs]


def _write_back(doc: Doc, parsed: list[tuple[int, Doc]]) -> None:
    import numpy
    from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG

    attrs = [TAG, POS, LEMMA, HEAD, DEP]
    first = _sentence_starts(doc)
    positions = numpy.arange(len(doc), dtype="int64")
    # each token's sentence start: the last start at or before it
    heads = numpy.maximum.accumulate(numpy.where(first, positions, 0)) - positions
    deps = numpy.full(len(doc), doc.vocab.strings.add(_FLAT_DEP), dtype="uint64")
    deps[first] = doc.vocab.strings.add("ROOT")
    arr = numpy.zeros((len(doc), len(attrs)), dtype="uint64")
    arr[:, 3] = heads.astype("uint64")
    arr[:, 4] = deps
    for start, sub in parsed:
        arr[start : start + len(sub)] = sub.to_array(attrs)
    arr[:, 2] = _lexicon_lemmas(doc)
    doc.from_array(attrs, arr)  # type: ignore[arg-type]  # numpy array, typed as Ints2d


def _sentence_starts(doc: Doc) -> numpy.ndarray:
    """A boolean array: whether each token starts a sentence (the first one always)."""
    from spacy.attrs import SENT_START

    starts = doc.to_array([SENT_START]).reshape(-1) == 1
    if len(starts):
        starts[0] = True
    return starts


def _lexicon_lemmas(doc: Doc) -> list[int]:
    """The LEMMA column of ``doc``: the lexicon's lemma of each lower-cased word, else the
    word's lower-cased form (as string-store hashes)."""
    from spacy.attrs import LOWER

    table = _lemma_table()
    for lemma in _LEMMA_STRINGS:  # a few hundred: cheap, and the store may be new
        doc.vocab.strings.add(lemma)
    return [table.get(h, h) for h in doc.to_array([LOWER]).tolist()]


_LEMMA_STRINGS = sorted(set(LEXICON_LEMMAS.values()))


@functools.cache
def _attribute_rules(nlp: Language) -> list[AttributeRule] | None:
    """The pipeline's attribute ruler compiled to array operations (attribute_rules.py)."""
    return compile_rules(nlp.get_pipe("attribute_ruler"), nlp.vocab)


@functools.cache
def _cue_hashes() -> numpy.ndarray:
    """The string hashes of CUE_FORMS, as an array for ``numpy.isin``."""
    import numpy
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    return numpy.array(sorted(hash_string(f) for f in CUE_FORMS), dtype="uint64")


@functools.cache
def _lemma_table() -> dict[int, int]:
    """LEXICON_LEMMAS as string hashes (the same in every string store)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    return {hash_string(f): hash_string(lemma) for f, lemma in LEXICON_LEMMAS.items()}
