"""Reader for brat standoff attribution annotations (PolNeAR, PARC-style); pure, no I/O.

A ``.ann`` file holds text-bound annotations and events::

    T1<TAB>Source 89 106<TAB>The New York Post
    T3<TAB>Content 115 200;210 290<TAB>...          (discontinuous: ``;``-separated ranges)
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

Each event is one attribution: its ``Source``, ``Cue`` and ``Content`` roles point at
text-bound annotations (``Content2`` etc. are extra pieces of the same role). Lines of other
kinds (attributes, notes, relations, stray text) are ignored, since PolNeAR carries a few
malformed ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.article import Span

_ROLE_SUFFIX = re.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class TextBound:
    """A ``T`` line: a label over one or more character ranges."""

    id: str
    label: str
    spans: tuple[Span, ...]
    text: str


@dataclass(frozen=True, slots=True)
class BratAttribution:
    """One attribution relation; each role is a tuple of (possibly discontinuous) spans."""

    id: str
    #: The event type: "Attribution" or "Attribution-no-source" in PolNeAR.
    kind: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


def parse_spans(raw: str) -> tuple[Span, ...]:
    """``"10 20;25 40"`` -> ``(Span(10, 20), Span(25, 40))``."""
    spans = []
    for part in raw.split(";"):
        start, end = part.split()
        spans.append(Span(int(start), int(end)))
    return tuple(spans)


def parse_textbounds(ann: str) -> dict[str, TextBound]:
    """All well-formed ``T`` lines of an ``.ann`` file, by id."""
    out: dict[str, TextBound] = {}
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, raw_spans = parts[1].partition(" ")
        try:
            spans = parse_spans(raw_spans)
        except ValueError:
            continue
        out[parts[0]] = TextBound(parts[0], label, spans, parts[2] if len(parts) > 2 else "")
    return out


def read_attributions(ann: str) -> list[BratAttribution]:
    """The attribution events of an ``.ann`` file's content, in file order.

    Events without a content span are dropped (there is nothing to match a quote against);
    a missing source gives an empty ``source``. Roles pointing at unknown ids are ignored.
    """
    textbounds = parse_textbounds(ann)
    out: list[BratAttribution] = []
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind = ""
        roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for i, arg in enumerate(parts[1].split()):
            role, _, ref = arg.partition(":")
            if i == 0:
                kind = role  # the trigger: "Attribution:T4"
                continue
            bound = textbounds.get(ref)
            # "Content2" continues "Content" (PolNeAR's second content piece).
            role = _ROLE_SUFFIX.sub("", role)
            if bound is not None and role in roles:
                roles[role].extend(bound.spans)
        if not roles["Content"]:
            continue
        out.append(
            BratAttribution(
                id=parts[0],
                kind=kind,
                source=_sorted(roles["Source"]),
                cue=_sorted(roles["Cue"]),
                content=_sorted(roles["Content"]),
            )
        )
    return out


def spans_text(text: str, spans: tuple[Span, ...]) -> str:
    """The text of ``spans`` joined by a space (brat's own convention for discontinuous spans)."""
    return " ".join(text[s.start : s.end] for s in spans)


def _sorted(spans: list[Span]) -> tuple[Span, ...]:
    return tuple(sorted(set(spans), key=lambda s: (s.start, s.end)))
