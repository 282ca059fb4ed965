"""Encodings: UTF-8 with or without BOM silently, legacy encodings with a warning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest import read_source
from rashomon.ingest.decode import decode_bytes

TEXT = (
    "Rhône dockers end strike\n\n"
    "GENÈVE, May 12 (NPA) - Dockers on the Rhône voted to return to work after Hélène "
    "Faure’s offer, the union said. “It is over,” said its leader.\n"
)


def _read(path: Path) -> Article:
    [article] = read_source(str(path))
    assert isinstance(article, Article), article
    return article


def test_utf8_bom_is_dropped_without_warning(write: Callable[..., Path]) -> None:
    article = _read(write("bom.txt", b"\xef\xbb\xbf" + TEXT.encode()))
    assert article.text == TEXT
    assert article.warnings == ()
    assert article.title == "Rhône dockers end strike"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_file_decodes_with_a_warning(
    write: Callable[..., Path], encoding: str
) -> None:
    text = TEXT.replace("’", "'").replace("“", '"').replace("”", '"')  # latin-1 has no curly quotes
    article = _read(write("legacy.txt", text.encode(encoding)))
    assert article.text == text
    assert article.warnings == ("not UTF-8; decoded as cp1252",)


def test_curly_quotes_of_windows_1252_survive(write: Callable[..., Path]) -> None:
    article = _read(write("quotes.txt", TEXT.encode("cp1252")))
    assert "“It is over,”" in article.text


def test_utf16_with_bom_decodes(write: Callable[..., Path]) -> None:
    article = _read(write("utf16.txt", TEXT.encode("utf-16")))
    assert article.text == TEXT
    assert article.warnings == ("not UTF-8; decoded as utf-16",)


def test_cyrillic_legacy_text_is_not_forced_into_cp1252() -> None:
    text = "Докеры порта проголосовали за прекращение забастовки во вторник, сообщил профсоюз."
    decoded, warnings = decode_bytes(text.encode("cp1251"), "ru.txt")
    assert decoded == text
    assert warnings == ["not UTF-8; decoded as cp1251"]


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"PK\x03\x04\x00\x00archive", "notes.txt")
    assert caught.value.reason == "binary file, not text"


def test_bytes_no_encoding_reads_name_the_failure() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(bytes(range(0x80, 0x100)) * 4, "noise.txt")
    assert caught.value.reason.startswith("cannot be decoded as text: not UTF-8, and ")
    assert "\n" not in caught.value.reason
