"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds to ``Article``, one item at a time.

An item's article text is its full content (``content:encoded``, Atom ``content``) or, failing
that, its description or summary. The linked page is not fetched: a feed is read as it is, so
a run over saved feeds is repeatable and offline. The feed's title becomes the outlet unless
the text's dateline names an agency.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import BinaryIO

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest.dateline import normalise_date
from rashomon.ingest.messages import format_size, one_line
from rashomon.ingest.plain_text import Metadata, build_article

_ITEMS = {"item", "entry"}
_FEEDS = {"rss", "feed", "RDF", "channel"}
_CONTENT = ("encoded", "content")
_SUMMARY = ("description", "summary")
_DATES = ("pubDate", "published", "date", "issued", "updated", "modified")
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "tr",
    "figcaption",
}
_SKIPPED = {"script", "style", "noscript", "iframe", "object", "svg", "figure"}
_FEED_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:\w+:)?(?:rss|feed|RDF)\b", re.DOTALL
)


def looks_like_feed(head: str) -> bool:
    """Whether a document starting with ``head`` is an RSS or Atom feed."""
    return _FEED_START.match(head[:4096]) is not None


def articles_from_feed(
    stream: BinaryIO, source: str, *, max_bytes: int | None = None
) -> Iterator[Article | InputError]:
    """The articles of a feed's items, read as the XML streams in (constant memory).

    Items are named ``source#N``. A broken item is one ``InputError``; XML that stops
    parsing ends the feed with an error after the items before it.
    """
    channel_title: str | None = None
    stack: list[ElementTree.Element] = []
    count = 0
    root_checked = False
    try:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if not root_checked:
                    root_checked = True
                    if name not in _FEEDS:
                        yield InputError(
                            source, f"XML is not an RSS or Atom feed (root element <{name}>)"
                        )
                        return
                stack.append(element)
                continue
            stack.pop()
            parent = _local(stack[-1].tag) if stack else None
            if name == "title" and parent in {"channel", "feed"} and channel_title is None:
                channel_title = _clean(element.text)
            if name not in _ITEMS:
                continue
            count += 1
            yield _item_article(element, f"{source}#{count}", channel_title, max_bytes)
            # Forget the item: a feed of any length is read in constant memory.
            element.clear()
            if stack:
                stack[-1].remove(element)
    except ElementTree.ParseError as exc:
        where = f"{source}#{count + 1}" if count else source
        yield InputError(where, f"feed is not valid XML: {one_line(exc)}")
        return
    if count == 0:
        yield InputError(source, "feed has no items")


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment, one blank line between paragraphs."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    paragraphs = ("".join(part).split() for part in parser.paragraphs)
    return "\n\n".join(" ".join(words) for words in paragraphs if words)


def _item_article(
    item: ElementTree.Element, source: str, outlet: str | None, max_bytes: int | None
) -> Article | InputError:
    fields: dict[str, ElementTree.Element] = {}
    link: str | None = None
    for child in item:
        name = _local(child.tag)
        if name == "link":
            href = child.get("href")
            if href is None:
                link = link or _clean(child.text)
            elif child.get("rel", "alternate") == "alternate":
                link = link or href.strip()
        else:
            fields.setdefault(name, child)
    # Titles may carry markup (Atom type="html") or escaped entities.
    title = _clean(fragment_text(_markup(fields["title"]))) if "title" in fields else None
    body = None
    for name in (*_CONTENT, *_SUMMARY):
        if name in fields:
            body = _markup(fields[name])
            if body and body.strip():
                break
    if not body or not body.strip():
        return InputError(source, "feed item has no content or summary")
    if max_bytes is not None and len(body) > max_bytes:
        reason = f"item is {format_size(len(body))}, over the {format_size(max_bytes)} limit"
        return InputError(source, f"{reason} (RASHOMON_MAX_BYTES)")
    text = fragment_text(body)
    if not text:
        return InputError(source, "feed item has no text")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    warnings = []
    published = None
    raw_date = next((_clean(fields[n].text) for n in _DATES if n in fields), None)
    if raw_date:
        published = normalise_date(raw_date)
        if published is None:
            warnings.append(f"published date {raw_date[:40]!r} not understood; ignored")
    metadata = Metadata(title=title, published=published, url=link, site_name=outlet)
    try:
        return build_article(text, source=source, metadata=metadata, warnings=warnings)
    except InputError as error:
        return error


def _markup(element: ElementTree.Element) -> str:
    """An element's content as HTML: escaped HTML text, or inline XHTML children."""
    if len(element):
        inner = "".join(ElementTree.tostring(child, encoding="unicode") for child in element)
        return (element.text or "") + inner
    return element.text or ""


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _local(tag)
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        tag = _local(tag)
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.paragraphs[-1].append(data)
