"""Errors raised by rashomon.

::

    RashomonError
    ├── ConfigError          a setting or option has an invalid value
    ├── ModelError           a spaCy or embedding model is missing or fails to load
    ├── StoreError           the article store cannot be opened, migrated or written
    └── InputError           one input cannot be used (carries .source and .reason)
        ├── FetchError       a URL failed, timed out or returned an error status
        └── ExtractionError  a page or file holds no article text

Foreign exceptions (OSError from spaCy, httpx and SQLAlchemy errors, decoding errors) are
translated at the boundary where they happen, with ``raise ... from exc``.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class ConfigError(RashomonError):
    """A setting or option has an invalid value."""


class ModelError(RashomonError):
    """A model is not installed or cannot be loaded."""


class StoreError(RashomonError):
    """The store (SQLite file or database server) cannot be opened, migrated or written."""


class InputError(RashomonError):
    """One input cannot be analysed; the others still are.

    ``str(error)`` is the one-line message shown to users: ``"<source>: <reason>"``.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class FetchError(InputError):
    """A URL could not be fetched."""


class ExtractionError(InputError):
    """An input holds no article text."""
