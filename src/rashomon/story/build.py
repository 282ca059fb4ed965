"""Build the story report from analysed articles (pure) and the entry points around it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rashomon.alignment import (
    Embedder,
    Statement,
    align_statements,
    find_variants,
    split_statements,
)
from rashomon.alignment.embedder import make_embedder
from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article
from rashomon.settings import Settings, get_settings
from rashomon.story.actors import ActorMap, merge_actors, to_actor
from rashomon.story.disputes import find_disputes
from rashomon.story.framing import build_framing
from rashomon.story.model import (
    Actor,
    Document,
    Member,
    QuoteRecord,
    SpeakerMention,
    StoryReport,
    Unit,
)
from rashomon.story.omissions import find_omissions

_FULL_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


def build_documents(articles: Sequence[Article]) -> list[Document]:
    """Documents ``d1``... in input order.

    A ``--MM-DD`` date (a dateline without year) takes the year of the other documents'
    full dates when they all agree on one.
    """
    years = {m.group(1) for a in articles if a.published and (m := _FULL_DATE.match(a.published))}
    docs: list[Document] = []
    for n, a in enumerate(articles, start=1):
        published = a.published
        m = _NO_YEAR.match(published or "")
        if m and len(years) == 1:
            published = f"{next(iter(years))}-{m.group(1)}-{m.group(2)}"
        docs.append(
            Document(
                id=f"d{n}",
                source=a.source,
                text=a.text,
                title=a.title,
                outlet=a.outlet,
                published=published,
                place=a.place,
                language=a.language,
                url=a.url,
            )
        )
    return docs


def _quotes(
    analyses: Sequence[ArticleAnalysis], documents: Sequence[Document], actor_map: ActorMap
) -> tuple[list[QuoteRecord], list[list[str]]]:
    """Quote records ``q1``... in document order, and the ids per document."""
    records: list[QuoteRecord] = []
    ids: list[list[str]] = []
    for doc, analysis in zip(documents, analyses, strict=True):
        doc_ids: list[str] = []
        for q in analysis.quotes:
            qid = f"q{len(records) + 1}"
            doc_ids.append(qid)
            sm = q.speaker_mention
            records.append(
                QuoteRecord(
                    id=qid,
                    doc=doc.id,
                    kind=q.kind,
                    text=q.text,
                    start=q.start,
                    end=q.end,
                    speaker=actor_map.get((doc.id, q.speaker)) if q.speaker else None,
                    speaker_mention=SpeakerMention(sm.start, sm.end, sm.text) if sm else None,
                    cue=q.cue,
                )
            )
        ids.append(doc_ids)
    return records, ids


def _local_actors(
    analyses: Sequence[ArticleAnalysis], documents: Sequence[Document]
) -> tuple[list[Actor], ActorMap]:
    """One report actor per local actor: the per-article view, no merging across articles."""
    actors: list[Actor] = []
    mapping: ActorMap = {}
    for doc, analysis in zip(documents, analyses, strict=True):
        for la in analysis.actors:
            actor = to_actor(f"a{len(actors) + 1}", [(doc.id, la)])
            actors.append(actor)
            mapping[(doc.id, la.id)] = actor.id
    return actors, mapping


def build_quotes_report(analyses: Sequence[ArticleAnalysis]) -> StoryReport:
    """Documents, actors and quotes only; actors stay per article (no cross-article step)."""
    documents = build_documents([a.article for a in analyses])
    actors, actor_map = _local_actors(analyses, documents)
    quotes, _ = _quotes(analyses, documents, actor_map)
    return StoryReport(documents=documents, actors=actors, quotes=quotes)


def _unit(unit_id: str, group: Sequence[Statement], names: Mapping[str, str]) -> Unit:
    members = [
        Member(doc=s.doc, text=s.text, start=s.start, end=s.end, quote=s.quote, speaker=s.speaker)
        for s in group
    ]
    speakers = Counter(s.speaker for s in group if s.speaker is not None)
    # Majority speaker; ties go to the speaker of the earliest member.
    speaker = None
    if speakers:
        top = max(speakers.values())
        speaker = next(s.speaker for s in group if s.speaker and speakers[s.speaker] == top)
    return Unit(
        id=unit_id, speaker=speaker, members=members, variants=find_variants(members, names=names)
    )


def _statements(
    analyses: Sequence[ArticleAnalysis],
    doc_ids: Sequence[str],
    actor_map: ActorMap,
    quote_ids: Sequence[Sequence[str]],
) -> list[Statement]:
    statements: list[Statement] = []
    for doc, analysis, qids in zip(doc_ids, analyses, quote_ids, strict=True):
        speakers = {la.id: actor_map[(doc, la.id)] for la in analysis.actors}
        statements.extend(split_statements(analysis, doc, quote_ids=qids, speakers=speakers))
    return statements


def story_statements(analyses: Sequence[ArticleAnalysis]) -> list[Statement]:
    """The statements :func:`build_report` aligns, in document order: documents ``d1``...,
    speakers the actors merged across documents, quote ids those of the report's quotes."""
    documents = build_documents([a.article for a in analyses])
    doc_ids = [d.id for d in documents]
    _, actor_map = merge_actors(analyses, doc_ids)
    _, quote_ids = _quotes(analyses, documents, actor_map)
    return _statements(analyses, doc_ids, actor_map, quote_ids)


def build_report(
    analyses: Sequence[ArticleAnalysis],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> StoryReport:
    """The story report of analysed articles: actors merged across documents, quotes,
    statements aligned into units with their variants, disputes, omissions and framing.

    Units with most documents come first, then by first appearance.
    """
    settings = settings or get_settings()
    embedder = embedder or make_embedder(settings)
    documents = build_documents([a.article for a in analyses])
    doc_ids = [d.id for d in documents]
    actors, actor_map = merge_actors(analyses, doc_ids)
    quotes, quote_ids = _quotes(analyses, documents, actor_map)

    statements = _statements(analyses, doc_ids, actor_map, quote_ids)
    groups = align_statements(statements, embedder=embedder, settings=settings)

    rank = {d: i for i, d in enumerate(doc_ids)}
    groups.sort(key=lambda g: (-len({s.doc for s in g}), min((rank[s.doc], s.start) for s in g)))
    names = {form: a.id for a in actors for form in [a.name, *a.aliases, *a.roles]}
    units = [_unit(f"u{n}", g, names) for n, g in enumerate(groups, start=1)]

    return StoryReport(
        documents=documents,
        actors=actors,
        quotes=quotes,
        units=units,
        disputes=find_disputes(
            units,
            embedder=embedder,
            names=names,
            quotes={q.id: (q.start, q.end) for q in quotes},
        ),
        omissions=find_omissions(analyses, doc_ids, actor_map, embedder=embedder),
        framing=build_framing(analyses, documents, actor_map),
    )


def _analyze(articles: Sequence[Article], settings: Settings | None) -> list[ArticleAnalysis]:
    # Imported here: the analysis stage loads spaCy, and importing rashomon.story stays cheap.
    # (Looked up by name so this module type-checks while the analysis stage is being written.)
    import importlib

    analysis = importlib.import_module("rashomon.analysis")
    return list(analysis.analyze_articles(articles, settings=settings))


def compare(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> StoryReport:
    """Analyse the articles as reports of one story and compare them (see :func:`build_report`)."""
    settings = settings or get_settings()
    return build_report(_analyze(articles, settings), settings=settings, embedder=embedder)


def quotes_report(articles: Sequence[Article], *, settings: Settings | None = None) -> StoryReport:
    """Quotes and speakers per article, without the cross-article step."""
    return build_quotes_report(_analyze(articles, settings))


__all__ = [
    "build_documents",
    "build_quotes_report",
    "build_report",
    "compare",
    "quotes_report",
]
