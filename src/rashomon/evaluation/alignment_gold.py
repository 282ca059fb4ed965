"""The hand-made alignment gold: statements of one event aligned across its reports.

The format (``rashomon.gold.alignment/1``) is described in ``evaluation/gold/README.md``: it
refers to articles by id and character offsets only, never by their text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

GOLD_FORMAT = "rashomon.gold.alignment/1"


@dataclass(frozen=True)
class GoldMember:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldUnit:
    """One statement and its renderings; an article listed twice repeats the statement."""

    id: str
    members: tuple[GoldMember, ...]

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(m.article for m in self.members)


@dataclass(frozen=True)
class GoldVariant:
    """A meaning-changing wording difference between two articles' members of a unit."""

    unit: str
    a: str
    b: str
    shift: str


@dataclass(frozen=True)
class GoldDispute:
    a: str  # unit id
    b: str  # unit id
    kind: str  # denial | opposite | rebuttal


@dataclass(frozen=True)
class GoldEvent:
    id: str
    articles: tuple[str, ...]
    units: tuple[GoldUnit, ...]
    variants: tuple[GoldVariant, ...] = ()
    disputes: tuple[GoldDispute, ...] = ()

    def unit(self, unit_id: str) -> GoldUnit:
        return next(u for u in self.units if u.id == unit_id)


def default_gold_path() -> Path:
    """The BASIL alignment gold shipped with rashomon."""
    return Path(str(resources.files("rashomon.evaluation") / "gold" / "basil_alignment.json"))


def _event(raw: dict[str, object], where: str) -> GoldEvent:
    articles = tuple(str(a) for a in raw["articles"])  # type: ignore[attr-defined]
    units: list[GoldUnit] = []
    for u in raw["units"]:  # type: ignore[attr-defined]
        members = tuple(
            GoldMember(str(m["article"]), int(m["start"]), int(m["end"])) for m in u["members"]
        )
        for m in members:
            if m.article not in articles or not 0 <= m.start < m.end:
                raise ValueError(f"{where}: unit {u['id']} has a bad member {m}")
        units.append(GoldUnit(str(u["id"]), members))
    ids = {u.id for u in units}
    variants = tuple(GoldVariant(**v) for v in raw.get("variants", []))  # type: ignore[attr-defined]
    disputes = tuple(GoldDispute(**d) for d in raw.get("disputes", []))  # type: ignore[attr-defined]
    for ref in [v.unit for v in variants] + [x for d in disputes for x in (d.a, d.b)]:
        if ref not in ids:
            raise ValueError(f"{where}: reference to unknown unit {ref!r}")
    return GoldEvent(str(raw["id"]), articles, tuple(units), variants, disputes)


def load_gold(path: Path | None = None) -> list[GoldEvent]:
    """The events of an alignment gold file (default: :func:`default_gold_path`)."""
    path = path or default_gold_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != GOLD_FORMAT:
        raise ValueError(f"{path}: format is {data.get('format')!r}, expected {GOLD_FORMAT!r}")
    return [_event(e, f"{path} event {e.get('id')}") for e in data["events"]]
