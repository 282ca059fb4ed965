"""Bytes to text: UTF-8 first, a declared charset next, detection last."""

from __future__ import annotations

import codecs
import re

from rashomon.errors import InputError

# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we: pages that say
# "iso-8859-1" routinely use curly quotes from the 0x80-0x9F range.
_WINDOWS_1252_ALIASES = {"latin_1", "iso8859_1", "ascii"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13} | {127}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` and return the text and warnings; ``\\r\\n`` becomes ``\\n``.

    ``declared`` is a charset the container names (an HTTP header, a ``<meta charset>``).
    Raises ``InputError`` for binary data or bytes no encoding fits.
    """
    text, warnings = _decode(data, source, declared)
    return text.replace("\r\n", "\n"), warnings


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def _decode(data: bytes, source: str, declared: str | None) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), []
        except UnicodeDecodeError:
            pass  # a BOM before broken UTF-8: let detection have a go
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), [f"not UTF-8; decoded as {encoding}"]
            except UnicodeDecodeError:
                break
    if _looks_binary(data):
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    codec = _codec_name(declared)
    if codec is not None:
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            pass  # the declaration is wrong; guess instead
    return _detect(data, source)


def _detect(data: bytes, source: str) -> tuple[str, list[str]]:
    # charset_normalizer alone mistakes short Western text for cp1250 or even big5 (a few
    # accented letters carry little evidence), so windows-1252, by far the commonest legacy
    # encoding of English and Western European news, is tried first and kept when it reads
    # as Latin text.
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_latin(western):
        return western, ["not UTF-8; decoded as cp1252"]
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), [f"not UTF-8; decoded as {best.encoding}"]
    # Nothing reads as text. Ask again with no chaos threshold, only to name the best guess.
    loose = from_bytes(data, threshold=1.0).best()
    guess = loose.encoding if loose is not None else "cp1252" if western is not None else None
    reason = "cannot be decoded as text: not UTF-8"
    if guess:
        raise InputError(source, f"{reason}, and the best guess ({guess}) gives garbled text")
    raise InputError(source, f"{reason}, and no encoding fits")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > max(2, len(sample) // 50)


def _reads_as_latin(text: str) -> bool:
    """Mostly ASCII letters with a sprinkle of accented ones, as in Western languages.

    Cyrillic or Greek bytes read as cp1252 give runs of accented capitals instead.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for c in letters if not c.isascii())
    symbols = sum(1 for c in text if not c.isascii() and not c.isalpha())
    return foreign <= 0.2 * len(letters) and symbols <= 0.05 * len(text)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name.replace("-", "_") in _WINDOWS_1252_ALIASES else name
