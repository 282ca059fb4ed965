"""Wording of the one-line reasons shown to users."""

from __future__ import annotations

import re


def format_size(n_bytes: int) -> str:
    """``5.0 MB``, ``12.3 kB`` or ``120 bytes`` (decimal units, as ``RASHOMON_MAX_BYTES``)."""
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes} bytes"


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception's message on one line, short enough for a terminal."""
    text = " ".join(str(exc).split())
    # "[Errno 111] Connection refused" reads better without the errno.
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", text) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
