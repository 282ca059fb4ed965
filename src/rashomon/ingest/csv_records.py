"""CSV files to ``Article``: a header row, then one article a row, read as a stream.

Columns are matched like JSON record fields (``text``, ``title``, ``outlet``, ``published``,
``url`` and their usual synonyms, case-insensitive); other columns are ignored. A bad row is
reported as ``source:LINE`` and the rows after it are still read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest.messages import format_size
from rashomon.ingest.records import TEXT_FIELDS, article_from_record

_TEXT_COLUMNS = (*TEXT_FIELDS, "html")


def articles_from_csv(
    stream: BinaryIO, source: str, *, max_bytes: int
) -> Iterator[Article | InputError]:
    """The articles in a CSV file (UTF-8, comma-separated, quoted as Excel and pandas write).

    Rows are named ``source:LINE`` by the line they start on; a field over ``max_bytes`` is
    an error for its row only.
    """
    # The csv module refuses fields over 128 kB by default; articles can be longer. This is
    # process-wide state, only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    header: list[str] | None = None
    line = 0  # the last line the reader consumed
    rows = 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError:
            yield InputError(
                f"{source}:{start}", "not valid UTF-8; save the CSV as UTF-8 to read the rest"
            )
            return
        except csv.Error as exc:
            line = reader.line_num
            reason = f"not valid CSV: {exc}"
            if "field larger than field limit" in str(exc):
                limit = format_size(max_bytes)
                reason = f"row is over the {limit} limit (RASHOMON_MAX_BYTES)"
            yield InputError(f"{source}:{start}", reason)
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if not any(name in _TEXT_COLUMNS for name in header):
                columns = ", ".join(c for c in header if c) or "none"
                yield InputError(
                    source,
                    "CSV has no text column (expected text, content, body, article or html; "
                    f"found {columns})",
                )
                return
            continue
        rows += 1
        name = f"{source}:{start}"
        size = sum(len(cell) for cell in row)
        if size > max_bytes:
            limit = format_size(max_bytes)
            yield InputError(name, f"row is over the {limit} limit (RASHOMON_MAX_BYTES)")
            continue
        if len(row) > len(header):
            yield InputError(name, f"row has {len(row)} fields, the header {len(header)}")
            continue
        record = {key: value for key, value in zip(header, row, strict=False) if key}
        try:
            yield article_from_record(record, source=name)
        except InputError as error:
            yield error
    if header is None:
        yield InputError(source, "empty file")
    elif rows == 0:
        yield InputError(source, "CSV has a header but no rows")
