"""The terminal summary (Rich): header, coverage table, meaning-changing wording, single-source
statements, disputes and omissions. ``render_report(report, "text")`` records the same output
as plain text.

Article text is untrusted: it is always wrapped in :class:`rich.text.Text`, never passed as a
string, because Rich would read ``[bold]`` in a string as markup (and fail on ``[/x]``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rashomon.render.view import StoryView, build_view, truncate

if TYPE_CHECKING:
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from rashomon.story.model import StoryReport

TEXT_WIDTH = 100
STATEMENT_CHARS = 70
CARRIED, ABSENT = "●", "○"


def print_summary(report: StoryReport, console: Console) -> None:
    """Print a concise, coloured summary of ``report`` to ``console``."""
    view = build_view(report)
    _header(view, console)
    if view.rows:
        console.print()
        console.print(_heading("Coverage", f"{CARRIED} carried  {ABSENT} absent"))
        console.print(_coverage_table(view, console.width))
    _variants(view, console)
    _single_source(view, console)
    _missing(view, console)
    _disputes(view, console)
    _omissions(view, console)
    _problems(view, console)


def render_text(report: StoryReport) -> str:
    """The :func:`print_summary` output as plain text (no colour codes), ~100 columns wide."""
    console = _recording_console()
    print_summary(report, console)
    return _exported(console)


def render_quotes(report: StoryReport) -> str:
    """Quotes and their speakers, document by document, as plain text (``rashomon quotes``)."""
    from rich.text import Text

    view = build_view(report)
    console = _recording_console()
    by_doc = {o.id: o for o in view.outlets}
    per_doc: dict[str, list[tuple[str, str, str, str]]] = {o.id: [] for o in view.outlets}
    for group in view.quotes:
        for q in group.quotes:
            per_doc.setdefault(q.doc, []).append((q.kind, group.speaker, q.cue, q.text))
    for doc_id, quotes in per_doc.items():
        outlet = by_doc.get(doc_id)
        title = Text(outlet.label if outlet else doc_id, style="bold")
        if outlet and outlet.title:
            title.append(f" — {outlet.title}", style="bold")
        if outlet and outlet.date:
            title.append(f" ({outlet.date})", style="dim")
        console.print(title)
        if not quotes:
            console.print(Text("  no quotes found", style="dim"))
        for kind, speaker, cue, text in quotes:
            line = Text("  ")
            line.append(f"[{kind}] ", style="dim")
            line.append(speaker, style="bold cyan")
            if cue:
                line.append(f" ({cue})", style="dim")
            line.append(f': "{text}"')
            console.print(line)
        console.print()
    _problems(view, console)
    return _exported(console)


# -- sections ----------------------------------------------------------------------------------


def _header(view: StoryView, console: Console) -> None:
    from rich.text import Text

    console.print(Text(view.title, style="bold"))
    outlets = Text(f"{view.n_documents} report{'s' if view.n_documents != 1 else ''}: ")
    for i, o in enumerate(view.outlets):
        if i:
            outlets.append(" · ", style="dim")
        outlets.append(o.label, style="cyan")
        if o.date:
            outlets.append(f" ({o.date})", style="dim")
    console.print(outlets)
    console.print(
        Text(
            f"{view.n_statements} statements by {view.n_actors} actors in {view.n_quotes} quotes"
            f" · {view.n_shared} carried by every outlet · {view.n_single} single-source",
            style="dim",
        )
    )


def _coverage_table(view: StoryView, width: int) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    n = view.n_documents
    # Outlet names as column headers when they fit beside a readable statement column, else
    # numbers with a legend above the table: a table that wraps is unreadable.
    names_width = sum(len(o.short) + 2 for o in view.outlets)
    statement_width = min(STATEMENT_CHARS, width - names_width - 10)
    use_names = statement_width >= 50
    if not use_names:
        statement_width = min(STATEMENT_CHARS, width - 4 * n - 10)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Statement", no_wrap=True, overflow="ellipsis", max_width=statement_width)
    for i, o in enumerate(view.outlets, 1):
        table.add_column(o.short if use_names else str(i), justify="center", no_wrap=True)
    table.add_column("", no_wrap=True)
    for group in view.groups:
        table.add_row(Text(group.speaker, style="bold magenta"))
        for row in group.rows:
            style = "yellow" if row.single_source else ""
            marks = [
                Text(CARRIED, style="green") if c else Text(ABSENT, style="dim")
                for c in row.carried
            ]
            count = Text("only 1" if row.single_source else f"{row.count}/{n}", style=style)
            table.add_row(
                Text("  " + truncate(row.text, statement_width - 2), style=style), *marks, count
            )
    if not use_names:
        table.title = "  ".join(f"{i} {o.label}" for i, o in enumerate(view.outlets, 1))
        table.title_justify = "left"
        table.title_style = "dim"
    return table


def _variants(view: StoryView, console: Console) -> None:
    from rich.text import Text

    variants = view.meaning_variants
    if not variants:
        return
    console.print()
    console.print(_heading("Wording that changes meaning", f"{len(variants)}"))
    grid = _grid()
    for v in variants:
        what = Text()
        what.append(f"{v.speaker}: ", style="magenta")
        what.append(f'"{truncate(v.statement, 70)}"', style="dim")
        what.append("\n")
        what.append(f"{v.outlet} ", style="cyan")
        what.append(_quoted(v.words, "(left out)"), style="bold")
        what.append("  vs  ", style="dim")
        what.append(f"{v.against_outlet} ", style="cyan")
        what.append(_quoted(v.against, "(nothing)"), style="bold")
        grid.add_row(Text(v.shift, style="bold red"), what)
    console.print(_indented(grid))


def _single_source(view: StoryView, console: Console) -> None:
    from rich.text import Text

    rows = view.single_source
    if not rows or view.n_documents < 2:
        return
    console.print()
    console.print(_heading("Carried by one outlet only", f"{len(rows)}"))
    grid = _grid()
    for i, outlet in enumerate(view.outlets):
        for row in (r for r in rows if r.carried[i]):
            what = Text()
            what.append(f"{row.speaker}: ", style="magenta")
            what.append(f'"{truncate(row.text, 140)}"')
            grid.add_row(Text(outlet.label, style="cyan"), what)
    console.print(_indented(grid))


def _missing(view: StoryView, console: Console) -> None:
    from rich.text import Text

    if not view.missing:
        return
    console.print()
    console.print(_heading("Left out", "statements most other outlets carried"))
    grid = _grid()
    for m in view.missing:
        what = Text("; ".join(f'"{truncate(r.text, 60)}"' for r in m.rows[:3]))
        if len(m.rows) > 3:
            what.append(f" and {len(m.rows) - 3} more", style="dim")
        grid.add_row(Text(m.outlet.label, style="cyan"), what)
    console.print(_indented(grid))


def _disputes(view: StoryView, console: Console) -> None:
    from rich.text import Text

    if not view.disputes:
        return
    console.print()
    console.print(_heading("Disputes", f"{len(view.disputes)}"))
    grid = _grid()
    for x in view.disputes:
        for label, side in (("", x.a), ("vs", x.b)):
            what = Text()
            what.append(side.actor, style="bold magenta")
            if side.outlet:
                what.append(f" ({side.outlet})", style="cyan")
            what.append(f': "{truncate(side.text, 140)}"')
            grid.add_row(Text(label, style="dim"), what)
        if x.reason:
            grid.add_row(Text(""), Text(x.reason, style="dim"))
    console.print(_indented(grid))


def _omissions(view: StoryView, console: Console) -> None:
    from rich.text import Text

    if not view.omissions:
        return
    console.print()
    console.print(_heading("Omissions noted by outlets", f"{len(view.omissions)}"))
    grid = _grid()
    for o in view.omissions:
        for i, (outlet, text) in enumerate(o.notes):
            who = Text(o.actor if i == 0 else "", style="bold magenta")
            what = Text()
            what.append(f"{outlet}: ", style="cyan")
            what.append(f'"{truncate(text, 140)}"')
            grid.add_row(who, what)
    console.print(_indented(grid))


def _problems(view: StoryView, console: Console) -> None:
    from rich.text import Text

    if not view.problems:
        return
    console.print()
    console.print(_heading("Inputs that could not be used", f"{len(view.problems)}"))
    for problem in view.problems:
        console.print(Text(f"  {problem}", style="red"))


# -- helpers -----------------------------------------------------------------------------------


def _heading(title: str, note: str = "") -> Text:
    from rich.text import Text

    text = Text(title, style="bold underline")
    if note:
        text.append(f"  {note}", style="dim")
    return text


def _grid() -> Table:
    """Two columns, the second wrapping under itself (a hanging indent for long quotes)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _indented(renderable: Table) -> Padding:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2))


def _quoted(words: str, empty: str) -> str:
    return f'"{truncate(words, 50)}"' if words else empty


def _recording_console() -> Console:
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        record=True,
        width=TEXT_WIDTH,
        color_system=None,
        force_terminal=False,
        force_interactive=False,
        highlight=False,
        emoji=False,
    )


def _exported(console: Console) -> str:
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"
