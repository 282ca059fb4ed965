"""The README stays true to the code: commands, settings and set-up lines."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import typer.main

from rashomon.cli import app
from rashomon.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"rashomon {name}" in README, f"README does not document `rashomon {name}`"


def test_every_setting_is_documented() -> None:
    for f in fields(Settings):
        assert f"RASHOMON_{f.name.upper()}" in README, f"README does not document {f.name}"


def test_first_screen_gives_the_two_setup_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen
