"""JSON and JSONL records to ``Article``: one object, a list of objects, one object a line."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest.dateline import normalise_date
from rashomon.ingest.html_page import article_from_html
from rashomon.ingest.messages import format_size
from rashomon.ingest.plain_text import article_from_text

TEXT_FIELDS = (
    "text",
    "content",
    "body",
    "article",
    "paragraphs",
    "body_paragraphs",
    "body-paragraphs",
)
TITLE_FIELDS = ("title", "headline")
OUTLET_FIELDS = ("outlet", "source", "site", "publisher", "site_name")
DATE_FIELDS = ("published", "date", "published_at", "datePublished")
URL_FIELDS = ("url", "link")
PLACE_FIELDS = ("place",)
#: Keys under which a JSON object may hold its list of records (API dumps, exports).
LIST_FIELDS = ("articles", "items", "records", "documents", "data")

_NO_TEXT = "record has no text (expected a field text, content, body, article or html)"


def articles_from_json(text: str, source: str) -> Iterator[Article | InputError]:
    """Articles in a JSON document: an object, a list of objects, or ``{"articles": [...]}``.

    A file named ``.json`` that holds one object a line is read as JSONL.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            yield from articles_from_jsonl(text.splitlines(), source)
            return
        yield InputError(
            source, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        )
        return
    if isinstance(data, dict) and not _has_text(data):
        nested = next((data[k] for k in LIST_FIELDS if isinstance(data.get(k), list)), None)
        if nested is not None:
            data = nested
    if isinstance(data, list):
        if not data:
            yield InputError(source, "no records in the file")
        for index, item in enumerate(data, start=1):
            name = f"{source}#{index}" if len(data) > 1 else source
            yield _safely(item, name)
    else:
        yield _safely(data, source)


def articles_from_jsonl(
    lines: Iterable[str | bytes], source: str, *, max_bytes: int | None = None
) -> Iterator[Article | InputError]:
    """Articles in JSONL, one object a line; a bad line is reported as ``source:LINE``.

    ``max_bytes`` limits each line (a JSONL dump may hold thousands of articles).
    """
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    # Lines are read as they come (a dump may not fit in memory); one line of look-ahead
    # tells a one-record file, named after the file alone, from a dump.
    first = next(numbered, None)
    if first is None:
        yield InputError(source, "empty file")
        return
    second = next(numbered, None)
    several = second is not None
    ahead = [first, second] if second is not None else [first]
    for lineno, raw in itertools.chain(ahead, numbered):
        name = f"{source}:{lineno}" if several else source
        if max_bytes is not None and len(raw) > max_bytes:
            yield InputError(
                f"{source}:{lineno}",
                f"line is {format_size(len(raw))}, over the {format_size(max_bytes)} limit"
                " (RASHOMON_MAX_BYTES)",
            )
            continue
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError(f"{source}:{lineno}", "line is not valid UTF-8")
                continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            reason = f"line is not valid JSON: {exc.msg} (column {exc.colno})"
            yield InputError(f"{source}:{lineno}", reason)
            continue
        yield _safely(record, name)


def article_from_record(record: Mapping[str, Any], *, source: str) -> Article:
    """The article a record describes; its fields win over what the text's dateline says.

    Raises ``InputError`` when the record has no usable text.
    """
    title = _field(record, TITLE_FIELDS, source)
    outlet = _field(record, OUTLET_FIELDS, source)
    published = _field(record, DATE_FIELDS, source)
    url = _field(record, URL_FIELDS, source)
    place = _field(record, PLACE_FIELDS, source)
    text = _field(record, TEXT_FIELDS, source)
    if text:
        return article_from_text(
            text,
            source=source,
            title=title,
            outlet=outlet,
            published=published,
            place=place,
            url=url,
        )
    html = _field(record, ("html",), source)
    if not html:
        raise InputError(source, _NO_TEXT)
    article = article_from_html(html, source=source, url=url)
    warnings = list(article.warnings)
    date = normalise_date(published) if published else None
    if published and date is None:
        warnings.append(f"published date {published.strip()[:40]!r} not understood; ignored")
    return dataclasses.replace(
        article,
        title=article.title or title,
        outlet=outlet or article.outlet,
        published=date or article.published,
        place=place or article.place,
        url=url or article.url,
        warnings=tuple(warnings),
    )


def _safely(record: object, source: str) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(source, "record is not a JSON object")
    try:
        return article_from_record(record, source=source)
    except InputError as error:
        return error


def _is_paragraph(value: object) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(sentence, str) for sentence in value)
    )


def _has_text(record: Mapping[str, Any]) -> bool:
    return any(record.get(key) for key in (*TEXT_FIELDS, "html"))


def _field(record: Mapping[str, Any], names: tuple[str, ...], source: str) -> str | None:
    """The first non-empty field of ``names`` as a string.

    Lists of paragraphs (strings, or lists of sentences as in BASIL) are joined by blank
    lines, and objects give their ``name``
    (``"publisher": {"name": "AFP"}`` in schema.org and news APIs).
    """
    for name in names:
        value = record.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(_is_paragraph(part) for part in value):
            return "\n\n".join(p if isinstance(p, str) else " ".join(p) for p in value)
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return str(value["name"])
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise InputError(source, f"field {name!r} is a {type(value).__name__}, not text")
    return None
