"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Models come from installed packages; a test must never reach a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "examples" / "rail-talks"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The bundled example story (fictional, written for rashomon)."""
    return EXAMPLE_DIR


@pytest.fixture(scope="session")
def example_files(example_dir: Path) -> list[Path]:
    from rashomon.cli import EXAMPLE_FILES

    return [example_dir / name for name in EXAMPLE_FILES]
