"""Loading BASIL events (one event, three outlets) as :class:`~rashomon.article.Article`\\ s.

Layout (github.com/launchnlp/BASIL)::

    basil/articles/<year>/<triplet-uuid>_<n>.json     n = 1, 2, 3 (one per outlet)

Each article JSON holds ``title``, ``source`` (fox, nyt, hpo), ``date`` and
``body-paragraphs``: a list of paragraphs, each a list of sentences (sometimes the list is
itself JSON-encoded in a string). The analysed text is built from it, and gold offsets refer
to that text: sentences of a paragraph joined by one space, paragraphs by a blank line. The
article id is the file name without ``.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rashomon.article import Article

#: Outlet names for BASIL's ``source`` codes.
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article: its id, the text built from its paragraphs and its sentence spans."""

    id: str
    article: Article
    #: ``(paragraph, sentence, start, end)`` of each non-empty sentence, in text order.
    sentences: tuple[tuple[int, int, int, int], ...]


def paragraphs_of(record: dict[str, object]) -> list[list[str]]:
    """The article's paragraphs as lists of sentences (decoding the string form)."""
    raw = record.get("body-paragraphs", [])
    if isinstance(raw, str):
        raw = json.loads(raw)
    if not isinstance(raw, list):
        raise ValueError("body-paragraphs is neither a list nor a JSON list")
    return [[str(s) for s in p] for p in raw]


def build_text(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The text of ``paragraphs`` and the span of each non-empty sentence in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    pos = 0
    for pi, para in enumerate(paragraphs):
        if parts:
            parts.append("\n\n")
            pos += 2
        for si, sentence in enumerate(para):
            if si:
                parts.append(" ")
                pos += 1
            parts.append(sentence)
            stripped = sentence.strip()
            if stripped:
                lead = len(sentence) - len(sentence.lstrip())
                spans.append((pi, si, pos + lead, pos + lead + len(stripped)))
            pos += len(sentence)
    return "".join(parts), spans


def articles_dir(data_dir: Path) -> Path:
    """The ``articles`` folder, given the BASIL root or the folder itself."""
    for candidate in (data_dir / "articles", data_dir):
        if candidate.is_dir() and any(candidate.glob("*/*.json")):
            return candidate
    raise FileNotFoundError(f"no BASIL articles under {data_dir}")


def read_article(path: Path) -> BasilArticle:
    """One BASIL article file as an :class:`Article` (outlet, date and title from its record)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    text, spans = build_text(paragraphs_of(record))
    source = str(record.get("source", "")).lower()
    article = Article(
        source=str(path),
        text=text,
        title=str(record["title"]) if record.get("title") else None,
        outlet=OUTLETS.get(source, source or None),
        published=str(record["date"]) if record.get("date") else None,
        url=str(record["url"]) if record.get("url") else None,
    )
    return BasilArticle(id=path.stem, article=article, sentences=tuple(spans))


def load_articles(data_dir: Path, ids: list[str]) -> dict[str, BasilArticle]:
    """The BASIL articles with the given ids (file names without ``.json``)."""
    folder = articles_dir(data_dir)
    wanted = set(ids)
    found: dict[str, BasilArticle] = {}
    for path in folder.glob("*/*.json"):
        if path.stem in wanted:
            found[path.stem] = read_article(path)
    missing = sorted(wanted - set(found))
    if missing:
        raise FileNotFoundError(f"BASIL articles not found under {folder}: {', '.join(missing)}")
    return found
