"""Lines of a text with their character offsets, the unit of boilerplate and title detection."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text: ``text`` is ``source[start:end]`` without the line break."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped_span(self) -> tuple[int, int]:
        """Offsets of the line without leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return self.start + lead, self.end - trail


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (split on ``\\n`` only, so offsets stay exact)."""
    lines = []
    start = 0
    for part in text.split("\n"):
        lines.append(Line(start, start + len(part), part))
        start += len(part) + 1
    return lines
