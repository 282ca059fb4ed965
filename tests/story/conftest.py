"""Builders for hand-made ArticleAnalysis objects, and the example story analysed by hand.

The hand analyses stand in for the analysis stage so the story logic is tested on its own:
sentences come from a simple splitter, quotes and actors are located by their text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pytest

from rashomon.analysis.model import ArticleAnalysis, LocalActor, Mention, Quote, QuoteKind
from rashomon.article import Article, Span

_SENT_END = re.compile(r"(?<=[.!?:])[\"”]?(?=\s+[\"“A-Z])|\n")


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans: split after . ! ? : (and a closing quote) before a capital, and at
    line breaks; blank pieces dropped, whitespace trimmed."""
    spans, pos = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        piece = text[start:end]
        if not piece.strip():
            continue
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        out.append(Span(start, end))
    return tuple(out)


def find(text: str, needle: str, nth: int = 0) -> int:
    """Offset of the ``nth`` occurrence of ``needle`` in ``text`` (fails loudly)."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos


@dataclass
class Q:
    """A quote to place: ``content`` located in the text, spoken by local actor ``speaker``."""

    kind: QuoteKind
    content: str
    speaker: str | None
    cue: str | None = "said"
    mention: str | None = None  # text of the speaker mention, located after the content
    nth: int = 0


@dataclass
class A:
    """A local actor to place: its mentions are located by text (every occurrence)."""

    id: str
    name: str
    kind: str = "person"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)


def make_analysis(
    text: str,
    *,
    title: str | None = None,
    quotes: Sequence[Q] = (),
    actors: Sequence[A] = (),
    source: str = "test.txt",
    outlet: str | None = None,
    published: str | None = None,
    excluded: Sequence[tuple[int, int]] = (),
) -> ArticleAnalysis:
    """An ArticleAnalysis of ``text`` built by hand (title, when given, is the first line)."""
    from rashomon.article import Excluded

    title_span = None
    if title is not None and text.startswith(title):
        title_span = Span(0, len(title))
    article = Article(
        source=source,
        text=text,
        title=title,
        title_span=title_span,
        outlet=outlet,
        published=published,
        excluded=tuple(Excluded(s, e, "navigation") for s, e in excluded),
    )
    built_quotes = []
    for q in quotes:
        start = find(text, q.content, q.nth)
        mention = None
        if q.mention is not None:
            m_start = text.find(q.mention, start + len(q.content))
            if m_start < 0:
                m_start = text.rfind(q.mention, 0, start)
            mention = Mention(m_start, m_start + len(q.mention), q.mention)
        built_quotes.append(
            Quote(
                kind=q.kind,
                start=start,
                end=start + len(q.content),
                text=q.content,
                speaker=q.speaker,
                speaker_mention=mention,
                cue=q.cue,
            )
        )
    built_actors = []
    for a in actors:
        mentions = [
            Mention(m.start(), m.end(), m.group(0))
            for needle in a.mentions
            for m in re.finditer(re.escape(needle), text)
        ]
        built_actors.append(
            LocalActor(
                id=a.id,
                name=a.name,
                kind=a.kind,  # type: ignore[arg-type]
                aliases=list(a.aliases),
                mentions=sorted(mentions, key=lambda m: m.start),
                roles=list(a.roles),
            )
        )
    return ArticleAnalysis(
        article=article,
        sentences=sentences(text),
        paragraphs=(),
        entities=(),
        quotes=tuple(built_quotes),
        actors=tuple(built_actors),
    )


class HashEmbedder:
    """Deterministic bag-of-words embedder: each content word hashes to one dimension.

    Texts sharing words are similar; no model involved, so grouping logic is tested fast.
    """

    name = "test.hash.v1"

    def __init__(self, dims: int = 512) -> None:
        self.dims = dims

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from rashomon.alignment.lexicon import STOPWORDS, words

        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in words(t):
                if w not in STOPWORDS:
                    out[i, zlib.crc32(w.encode()) % self.dims] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


# -- the example story, analysed by hand -------------------------------------------------------

LYON_TEXT = (
    'Rail talks: minister expects agreement, union says "no way back"\n'
    "By Camille Roux, transport correspondent\n"
    "Transport Minister Hélène Marchand said on Monday that a deal with the rail unions was "
    "likely before the end of the month, as negotiators met in Paris for a third time.\n"
    '"An agreement will probably be reached before the end of the month," the minister said '
    'at a news conference. "We have come closer on pay and on hours."\n'
    "She made no mention of the strikes that paralysed the network last spring, when the "
    "Lyon–Marseille line was shut for three weeks.\n"
    "Paul Girard, head of the Federation of Rail Workers, rejected the minister's account. "
    '"There will be no agreement while the retirement age stays at 64," he said. '
    '"There is no way back."\n'
    "The federation represents about 40,000 railway employees, a third of them in the Rhône "
    "valley."
)

MERIDIAN_TEXT = (
    "PARIS, March 3 - France's transport minister said on Monday she expected a deal with the "
    "rail unions before the end of the month.\n\n"
    '"I think an agreement is likely before the end of the month," Hélène Marchand said after '
    'meeting union leaders. "We have come closer on salaries and working time."\n\n'
    "According to Marchand, the government will not reopen the retirement age.\n\n"
    "The minister said the pension dispute at the state railway company was not a matter for "
    "the ministry."
)


def _marchand(*mentions: str, roles: Sequence[str] = (), aliases: Sequence[str] = ()) -> A:
    return A(
        "p1",
        "Hélène Marchand",
        roles=list(roles),
        aliases=list(aliases),
        mentions=list(mentions),
    )


def example_analyses(example_dir: object) -> list[ArticleAnalysis]:
    """The four example reports analysed by hand (what the analysis stage should find)."""
    from pathlib import Path

    folder = Path(str(example_dir))
    cpa = (folder / "cpa.txt").read_text(encoding="utf-8")
    orient = (folder / "orient-news.txt").read_text(encoding="utf-8")
    cpa_title = cpa.splitlines()[0]
    orient_title = "French transport minister says deal with rail unions possible"
    o_title = find(orient, orient_title)
    nav_end = o_title
    related = find(orient, "Related:")
    return [
        make_analysis(
            cpa,
            title=cpa_title,
            source="cpa.txt",
            published="--03-03",
            quotes=[
                Q(
                    "indirect",
                    "an agreement with the rail unions was likely before the end of the month",
                    "p1",
                    mention="French Transport Minister Hélène Marchand",
                ),
                Q("direct", "An agreement is likely before the end of the month,", "p1", "told"),
                Q("direct", "We have moved closer on wages and on working hours.", "p1", "told"),
                Q(
                    "indirect",
                    "the government would not reopen the question of the retirement age",
                    "p1",
                    "added",
                ),
                Q("direct", "The ministry has no part in this,", "p1", mention="she"),
            ],
            actors=[
                _marchand(
                    "Hélène Marchand",
                    "Marchand",
                    "The minister",
                    roles=["French Transport Minister"],
                    aliases=["Marchand", "The minister"],
                )
            ],
        ),
        make_analysis(
            orient,
            title=orient_title,
            source="orient-news.txt",
            published="--03-03",
            excluded=[(0, nav_end), (related, len(orient))],
            quotes=[
                Q(
                    "indirect",
                    "An agreement between the French government and the rail unions is possible "
                    "before the end of March",
                    "p1",
                ),
                Q("direct", "An agreement is possible before the end of the month,", "p1", "told"),
                Q(
                    "indirect",
                    "the two sides had moved closer on wages and working hours",
                    "p1",
                ),
                Q(
                    "direct",
                    "This matter does not concern the ministry. The company and its employees "
                    "must settle it between themselves.",
                    "p1",
                ),
            ],
            actors=[
                _marchand(
                    "Hélène Marchand",
                    "Marchand",
                    "the French minister",
                    roles=["Transport Minister"],
                    aliases=["Marchand", "the French minister"],
                )
            ],
        ),
        make_analysis(
            LYON_TEXT,
            title=LYON_TEXT.splitlines()[0],
            source="lyon-courier.html",
            outlet="The Lyon Courier",
            published="2025-03-03",
            quotes=[
                Q(
                    "indirect",
                    "a deal with the rail unions was likely before the end of the month",
                    "p1",
                ),
                Q(
                    "direct",
                    "An agreement will probably be reached before the end of the month,",
                    "p1",
                ),
                Q("direct", "We have come closer on pay and on hours.", "p1"),
                Q(
                    "direct",
                    "There will be no agreement while the retirement age stays at 64,",
                    "p2",
                    mention="he",
                ),
                Q("direct", "There is no way back.", "p2"),
            ],
            actors=[
                _marchand(
                    "Hélène Marchand",
                    "the minister",
                    "She",
                    roles=["Transport Minister"],
                    aliases=["the minister"],
                ),
                A(
                    "p2",
                    "Paul Girard",
                    roles=["head of the Federation of Rail Workers"],
                    mentions=["Paul Girard"],
                ),
                A(
                    "o1",
                    "Federation of Rail Workers",
                    kind="organization",
                    aliases=["The federation"],
                    mentions=["Federation of Rail Workers", "The federation"],
                ),
            ],
        ),
        make_analysis(
            MERIDIAN_TEXT,
            title="France expects rail deal within weeks, minister says",
            source="meridian-wire.json",
            outlet="Meridian Wire",
            published="2025-03-03",
            quotes=[
                Q(
                    "indirect",
                    "she expected a deal with the rail unions before the end of the month",
                    "p1",
                ),
                Q(
                    "direct",
                    "I think an agreement is likely before the end of the month,",
                    "p1",
                ),
                Q("direct", "We have come closer on salaries and working time.", "p1"),
                Q("indirect", "the government will not reopen the retirement age", "p1"),
                Q(
                    "indirect",
                    "the pension dispute at the state railway company was not a matter for the "
                    "ministry",
                    "p1",
                ),
            ],
            actors=[
                A(
                    "p1",
                    "Hélène Marchand",
                    roles=["transport minister"],
                    aliases=["Marchand", "The minister"],
                    mentions=["Hélène Marchand", "Marchand", "The minister"],
                )
            ],
        ),
    ]
