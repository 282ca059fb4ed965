"""Running the pipeline over articles and assembling ArticleAnalysis objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rashomon.analysis.attribution import attribute
from rashomon.analysis.model import ArticleAnalysis, Entity, Mention, Quote
from rashomon.analysis.pipeline import DATELINE, load_pipeline
from rashomon.analysis.quote_marks import find_quoted_spans, normalise_marks, paragraph_spans
from rashomon.analysis.selective import can_parse_selectively, parse_selectively
from rashomon.analysis.speakers import resolve_speakers
from rashomon.article import Article, Span
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

_BATCH_SIZE = 32


def analyze_articles(
    articles: Sequence[Article], *, settings: Settings | None = None
) -> list[ArticleAnalysis]:
    """Analyse each article (batched); results in input order.

    With ``settings.selective_parse`` (and one process) the parser runs only on sentences
    that can hold a quote (:mod:`rashomon.analysis.selective`); otherwise the full pipeline
    runs over everything, in ``settings.n_process`` processes.
    """
    settings = settings or get_settings()
    if not articles:
        return []
    nlp = load_pipeline(settings)
    # same-length text: two apostrophes used as a quotation mark read as one
    texts = [normalise_marks(a.analysed_text()) for a in articles]
    n_process = max(1, settings.n_process) if len(articles) > 1 else 1
    docs: Iterable[Doc]
    if settings.selective_parse and n_process == 1 and can_parse_selectively(nlp):
        docs = parse_selectively(nlp, texts, batch_size=_BATCH_SIZE)
    else:
        docs = nlp.pipe(texts, batch_size=_BATCH_SIZE, n_process=n_process)
    return [analyze_doc(article, doc) for article, doc in zip(articles, docs, strict=True)]


def analyze_article(article: Article, *, settings: Settings | None = None) -> ArticleAnalysis:
    """Analyse one article."""
    return analyze_articles([article], settings=settings)[0]


def analyze_doc(article: Article, doc: Doc) -> ArticleAnalysis:
    """Build the analysis of ``article`` from its parsed ``analysed_text()`` (after
    :func:`~rashomon.analysis.quote_marks.normalise_marks`)."""
    # the text the doc was made from, without Doc.text's pass over every token
    text = normalise_marks(article.analysed_text())
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end != len(text):  # a doc of some other text: read the text from the doc
        text = doc.text
    paragraphs = paragraph_spans(text)
    headline_paras = 1 if paragraphs and _looks_like_headline(text, paragraphs[0]) else 0
    quoted = find_quoted_spans(text, headline_lines=headline_paras)
    atts = attribute(doc, quoted, paragraphs, text=text)
    direct_spans = [Span(a.start, a.end) for a in atts if a.kind == "direct"]
    actors, speaker_of = resolve_speakers(
        doc, atts, direct_spans, paragraphs, text, outlet=article.outlet
    )
    quotes: list[Quote] = []
    for i, att in enumerate(atts):
        src = i
        while atts[src].inherit_from is not None:
            nxt = atts[src].inherit_from
            assert nxt is not None
            src = nxt
        speaker_att = atts[src]
        mention = (
            Mention(
                speaker_att.speaker.start,
                speaker_att.speaker.end,
                article.text[speaker_att.speaker.start : speaker_att.speaker.end],
            )
            if speaker_att.speaker is not None
            else None
        )
        if att.kind == "partial" and mention is None:
            # a quoted fragment nobody is said to have said is a scare quote, a nickname
            # or a title ("what he called a “rant”" keeps its speaker and stays)
            continue
        cue = speaker_att.cue if att.cue is None else att.cue
        quotes.append(
            Quote(
                kind=att.kind,
                start=att.start,
                end=att.end,
                text=article.text[att.start : att.end],
                speaker=speaker_of.get(src),
                speaker_mention=mention,
                cue=article.text[cue.start : cue.end] if cue is not None else None,
                cue_span=cue,
            )
        )
    return ArticleAnalysis(
        article=article,
        sentences=_sentences(doc, text),
        paragraphs=tuple(paragraphs),
        entities=tuple(
            Entity(e.start_char, e.end_char, article.text[e.start_char : e.end_char], e.label_)
            for e in doc.ents
            if e.text.strip()
        ),
        quotes=tuple(quotes),
        actors=tuple(actors),
    )


def _looks_like_headline(text: str, para: Span) -> bool:
    """A short first paragraph without a final full stop reads as a headline."""
    piece = text[para.start : para.end]
    return "\n" not in piece and len(piece) <= 200 and not piece.rstrip().endswith(".")


def _sentences(doc: Doc, text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # a sentence never runs over a line break (the boundary component sets starts after
        # one, but whitespace tokens can still carry the break)
        pos = start
        for piece in text[start:end].split("\n"):
            s, e = pos, pos + len(piece)
            pos = e + 1
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Span(s, e))
    # the parser saw the dateline apart; the sentence still starts with it
    merged: list[Span] = []
    for span in out:
        prev = merged[-1] if merged else None
        m = DATELINE.match(text, prev.start) if prev is not None else None
        if prev is not None and m is not None and m.end() == span.start:
            merged[-1] = Span(prev.start, span.end)
        else:
            merged.append(span)
    return tuple(merged)
