"""The report as Markdown: one heading per section, a coverage table, lists.

Article text is untrusted and Markdown viewers render inline HTML, so every piece of it goes
through :func:`md` (which also keeps ``|`` from splitting table cells).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rashomon.render.view import StoryView, VariantView, build_view, truncate

if TYPE_CHECKING:
    from rashomon.story.model import StoryReport

CARRIED, ABSENT = "●", "○"
_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def md(text: str) -> str:
    """``text`` on one line with Markdown and HTML syntax escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(report: StoryReport) -> str:
    """The report as a Markdown document."""
    view = build_view(report)
    parts = [
        _header(view),
        _coverage(view),
        _variants(view),
        _quotes(view),
        _disputes(view),
        _omissions(view),
        _framing(view),
        _problems(view),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _header(view: StoryView) -> str:
    lines = [f"# {md(view.title)}", ""]
    for o in view.outlets:
        details = ", ".join(md(x) for x in (o.date, o.title) if x)
        lines.append(f"- **{md(o.label)}**" + (f": {details}" if details else ""))
    lines += [
        "",
        f"{view.n_documents} documents · {view.n_actors} actors · {view.n_quotes} quotes · "
        f"{view.n_statements} statements · {view.n_shared} carried by every outlet · "
        f"{view.n_single} single-source",
    ]
    return "\n".join(lines)


def _coverage(view: StoryView) -> str:
    if not view.rows:
        return ""
    head = ["Speaker", "Statement", *(md(o.short) for o in view.outlets), "Outlets"]
    lines = [
        "## Coverage",
        "",
        f"{CARRIED} carried, {ABSENT} absent; **single** marks a statement only one outlet "
        "carried.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * 2 + ":---:|" * len(view.outlets) + "---|",
    ]
    n = view.n_documents
    for group in view.groups:
        for row in group.rows:
            marks = [CARRIED if c else ABSENT for c in row.carried]
            count = "**single**" if row.single_source and n > 1 else f"{row.count}/{n}"
            cells = [md(group.speaker), md(truncate(row.text, 120)), *marks, count]
            lines.append("| " + " | ".join(cells) + " |")
    if view.missing:
        lines += ["", "### Left out", "", "Statements most other outlets carried:", ""]
        for m in view.missing:
            texts = "; ".join(f"“{md(truncate(r.text, 90))}”" for r in m.rows)
            lines.append(f"- **{md(m.outlet.label)}** did not carry {texts}")
    return "\n".join(lines)


def _variant_line(v: VariantView) -> str:
    words = f"“{md(v.words)}”" if v.words else "*(left out)*"
    against = f"“{md(v.against)}”" if v.against else "*(nothing)*"
    return (
        f"- **{md(v.shift)}** · {md(v.speaker)}, “{md(truncate(v.statement, 90))}”: "
        f"{md(v.outlet)} {words} vs {md(v.against_outlet)} {against}"
    )


def _variants(view: StoryView) -> str:
    if not view.variants:
        return ""
    lines = ["## Wording variants"]
    if view.meaning_variants:
        lines += ["", "### Changing the meaning", ""]
        lines += [_variant_line(v) for v in view.meaning_variants]
    if view.other_variants:
        lines += ["", "### Other wording differences", ""]
        lines += [_variant_line(v) for v in view.other_variants]
    return "\n".join(lines)


def _quotes(view: StoryView) -> str:
    if not view.quotes:
        return ""
    lines = ["## Quotes by speaker"]
    for group in view.quotes:
        kind = f" ({md(group.kind)})" if group.kind != "unknown" else ""
        lines += ["", f"### {md(group.speaker)}{kind}", ""]
        for q in group.quotes:
            cue = f", *{md(q.cue)}*" if q.cue else ""
            lines.append(f"- **{md(q.outlet)}** ({md(q.kind)}{cue}): “{md(q.text)}”")
    return "\n".join(lines)


def _disputes(view: StoryView) -> str:
    if not view.disputes:
        return ""
    lines = ["## Disputes"]
    for x in view.disputes:
        lines += [""]
        for side in (x.a, x.b):
            outlet = f" ({md(side.outlet)})" if side.outlet else ""
            lines.append(f"- **{md(side.actor)}**{outlet}: “{md(side.text)}”")
        if x.reason:
            lines.append(f"- *Why:* {md(x.reason)}")
    return "\n".join(lines)


def _omissions(view: StoryView) -> str:
    if not view.omissions:
        return ""
    lines = ["## Omissions noted by outlets", ""]
    for o in view.omissions:
        lines.append(f"- **{md(o.actor)}** left something out, according to:")
        lines += [f"  - **{md(outlet)}**: “{md(text)}”" for outlet, text in o.notes]
    return "\n".join(lines)


def _framing(view: StoryView) -> str:
    f = view.framing
    if f.empty:
        return ""
    lines = ["## Framing"]
    if f.headlines:
        lines += ["", "### Headlines", ""]
        lines += [f"- **{md(outlet)}**: {md(text)}" for outlet, text in f.headlines]
    if f.ledes:
        lines += ["", "### Ledes", ""]
        lines += [f"- **{md(outlet)}**: {md(text)}" for outlet, text in f.ledes]
    if f.labels:
        lines += ["", "### Labels for actors", ""]
        lines.append("| Actor | " + " | ".join(md(o.short) for o in view.outlets) + " |")
        lines.append("|---|" + "---|" * len(view.outlets))
        for row in f.labels:
            cells = [md(c) if c else "–" for c in row.labels]
            lines.append(f"| {md(row.actor)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _problems(view: StoryView) -> str:
    if not view.problems:
        return ""
    return "\n".join(
        ["## Inputs that could not be used", ""] + [f"- {md(p)}" for p in view.problems]
    )
