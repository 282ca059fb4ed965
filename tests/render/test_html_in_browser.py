"""The HTML report in a real browser (Debian's Chromium through Playwright): selecting,
keyboard, sorting, escaping, no network, phone width and print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rashomon.render import render_report
from rashomon.render.view import build_view
from rashomon.story.model import StoryReport

pytestmark = pytest.mark.slow

OpenedPage = Any  # conftest.OpenedPage: the page, and the requests, dialogs, errors it caused
Opener = Callable[..., OpenedPage]
PHONE_WIDTH = 375  # conftest.PHONE

SHOWN_ROWS = "#matrix tbody:not([hidden]) tr.unit-row"
# True when the element is inside the visible part of its column's scroll box.
IN_COLUMN_VIEW = """m => {
  const box = m.closest('.doc-text').getBoundingClientRect();
  const r = m.getBoundingClientRect();
  return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
}"""


def shown_rows(opened: OpenedPage) -> list[str]:
    ids: list[str] = opened.page.eval_on_selector_all(
        SHOWN_ROWS, "rows => rows.map(r => r.dataset.unit)"
    )
    return ids


def selected_marks(opened: OpenedPage) -> dict[str, list[str]]:
    """doc id -> units whose mark is highlighted in that document's column."""
    marks: list[list[str]] = opened.page.eval_on_selector_all(
        ".doc-text mark.unit.is-selected",
        "ms => ms.map(m => [m.closest('.doc').dataset.doc, m.dataset.unit])",
    )
    out: dict[str, list[str]] = {}
    for doc, unit in marks:
        out.setdefault(doc, []).append(unit)
    return out


def selected_units(opened: OpenedPage) -> set[str]:
    return {unit for units in selected_marks(opened).values() for unit in units}


def lacking_docs(opened: OpenedPage) -> set[str]:
    docs: list[str] = opened.page.eval_on_selector_all(
        ".doc.lacks", "ds => ds.map(d => d.dataset.doc)"
    )
    return set(docs)


def active_unit(opened: OpenedPage) -> str | None:
    unit: str | None = opened.page.evaluate("document.activeElement.dataset.unit || null")
    return unit


def test_selecting_a_row_highlights_the_statement_in_every_column(
    long_report: StoryReport, open_html: Opener
) -> None:
    opened = open_html(render_report(long_report, "html"))
    page = opened.page
    far = page.locator('.doc[data-doc="d3"] .doc-text mark[data-unit="u2"]')
    assert not far.evaluate(IN_COLUMN_VIEW), "the third text starts far above the statement"

    page.click('tr.unit-row[data-unit="u2"]')

    assert selected_marks(opened) == {"d1": ["u2"], "d2": ["u2"], "d3": ["u2"]}
    for doc in ("d1", "d2", "d3"):
        mark = page.locator(f'.doc[data-doc="{doc}"] .doc-text mark[data-unit="u2"]')
        assert mark.evaluate(IN_COLUMN_VIEW), f"{doc}: its column scrolled to the statement"
        assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.get_attribute('tr[data-unit="u2"]', "aria-current") == "true"
    assert lacking_docs(opened) == set()
    assert "The city will certainly pay the dockers in full" in page.inner_text("#selection-text")

    # A statement the second report does not carry: its column says so, the others show it.
    page.click('tr.unit-row[data-unit="u4"]')
    assert selected_marks(opened) == {"d1": ["u4"], "d3": ["u4"]}
    assert lacking_docs(opened) == {"d2"}
    assert page.is_visible('.doc[data-doc="d2"] .lacks-note')
    assert not page.is_visible('.doc[data-doc="d1"] .lacks-note')
    assert page.get_attribute('tr[data-unit="u2"]', "aria-current") == "false"

    # Clicking a statement inside a text selects it everywhere too; Escape clears.
    page.click('.doc[data-doc="d1"] mark[data-unit="u1"]')
    assert selected_marks(opened) == {"d1": ["u1"], "d2": ["u1"], "d3": ["u1"]}
    page.keyboard.press("Escape")
    assert selected_marks(opened) == {}
    assert opened.errors == []


def test_keyboard_reaches_the_rows_moves_and_selects(
    report: StoryReport, open_html: Opener
) -> None:
    opened = open_html(render_report(report, "html"))
    page = opened.page
    order = shown_rows(opened)
    for _ in range(40):  # Tab from the top of the page until a statement row has the focus
        page.keyboard.press("Tab")
        if active_unit(opened):
            break
    assert active_unit(opened) == order[0]
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, "the focused row shows a visible outline"

    page.keyboard.press("ArrowDown")
    assert active_unit(opened) == order[1]
    page.keyboard.press("End")
    assert active_unit(opened) == order[-1]
    page.keyboard.press("Home")
    assert active_unit(opened) == order[0]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    unit = order[1]
    carried = {m.doc for u in report.units if u.id == unit for m in u.members}
    assert selected_marks(opened) == {doc: [unit] for doc in carried}
    # The step buttons walk the table in its order.
    page.click("#next")
    assert selected_units(opened) == {order[2]}
    page.click("#prev")
    page.click("#prev")
    assert selected_units(opened) == {order[0]}
    assert page.is_disabled("#prev")
    assert opened.errors == []


def test_article_markup_renders_as_text_and_never_runs(
    report: StoryReport, open_html: Opener
) -> None:
    report.document("d3").title = '<img src=x onerror="window.__pwned = 1">'
    actor = report.actor("a2")
    assert actor is not None
    actor.name = "<script>window.__pwned = 2</script>Tom Reyes"
    opened = open_html(render_report(report, "html"))
    page = opened.page

    text = page.inner_text('.doc[data-doc="d3"] .doc-text')
    assert text.startswith("<script>alert(1)</script> Strike over at the port")
    assert page.get_by_text('<img src=x onerror="window.__pwned = 1">').count() >= 1
    assert page.get_by_text("<script>window.__pwned = 2</script>Tom Reyes").count() >= 1
    page.click('tr.unit-row[data-unit="u3"]')  # Tom Reyes's statement, shown in the bar
    assert "<script>window.__pwned = 2</script>Tom Reyes" in page.inner_text("#selection-text")

    assert page.evaluate("window.__pwned === undefined")
    assert opened.dialogs == []
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1, "only the report's own script"
    assert opened.errors == [] and opened.requests == []


def test_sorting_and_grouping_the_matrix(report: StoryReport, open_html: Opener) -> None:
    opened = open_html(render_report(report, "html"))
    page = opened.page
    view = build_view(report)
    count = {r.unit_id: r.count for r in view.rows}
    speaker = {r.unit_id: r.speaker for r in view.rows}
    assert shown_rows(opened) == [r.unit_id for r in view.rows]
    assert page.get_attribute("th.count-h", "aria-sort") == "descending"

    # Ungrouped and by coverage, fewest reports first: the single-source statement leads.
    page.uncheck("#group-toggle")
    page.click('button.sort[data-sort="count"]')
    flat = shown_rows(opened)
    assert sorted(flat) == sorted(count)
    assert [count[u] for u in flat] == sorted(count.values())
    assert flat[0] == "u3"
    assert page.get_attribute("th.count-h", "aria-sort") == "ascending"
    assert page.is_visible('tr[data-unit="u3"] .row-speaker')

    # By one report: what it carries, in its own order, then what it lacks (and reversed).
    d2_order = sorted((m.start, u.id) for u in report.units for m in u.members if m.doc == "d2")
    carried_by_d2 = [unit for _, unit in d2_order]
    page.click('button.sort[data-sort="doc"][data-doc="d2"]')
    by_d2 = shown_rows(opened)
    assert by_d2[: len(carried_by_d2)] == carried_by_d2
    assert set(by_d2[len(carried_by_d2) :]) == set(count) - set(carried_by_d2)
    assert page.get_attribute('th:has(button[data-doc="d2"])', "aria-sort") == "ascending"
    assert page.get_attribute("th.count-h", "aria-sort") == "none"
    page.click('button.sort[data-sort="doc"][data-doc="d2"]')
    assert set(shown_rows(opened)[: len(count) - len(carried_by_d2)]) == set(count) - set(
        carried_by_d2
    )

    # Reading order, regrouped by speaker: every row sits under its own speaker's heading.
    page.click('button.sort[data-sort="order"]')
    page.check("#group-toggle")
    groups = page.eval_on_selector_all(
        "#matrix tbody.group-body",
        "bs => bs.map(b => [b.querySelector('tr.group th').firstChild.textContent.trim(),"
        " Array.from(b.querySelectorAll('tr.unit-row')).map(r => r.dataset.unit)])",
    )
    for heading, units in groups:
        assert all(speaker[u] == heading for u in units), heading
    by_order = {r.unit_id: r.order for r in view.rows}
    for _, units in groups:
        assert [by_order[u] for u in units] == sorted(by_order[u] for u in units)
    assert not page.is_visible('tr[data-unit="u3"] .row-speaker')

    # The keyboard follows the order the table shows.
    shown = shown_rows(opened)
    page.focus(f'tr[data-unit="{shown[0]}"]')
    page.keyboard.press("ArrowDown")
    assert active_unit(opened) == shown[1]
    assert opened.errors == []


def test_the_report_makes_no_network_request(report: StoryReport, open_html: Opener) -> None:
    opened = open_html(render_report(report, "html"))
    page = opened.page
    for unit in shown_rows(opened):
        page.click(f'tr.unit-row[data-unit="{unit}"]')
    page.click('button.sort[data-sort="order"]')
    page.click('a.goto[data-goto="u3"] >> nth=0')
    page.emulate_media(media="print")
    page.wait_for_load_state("networkidle")
    assert opened.requests == []
    assert opened.errors == []


@pytest.mark.parametrize("policy", ["kept", "removed"])
def test_the_network_guard_catches_a_stray_request(
    report: StoryReport, open_html: Opener, policy: str
) -> None:
    """The check above can fail: a page that reaches out is caught, by the report's content
    security policy (kept) or by the request guard (policy removed)."""
    html = render_report(report, "html")
    if policy == "removed":
        html = html.replace('http-equiv="Content-Security-Policy"', 'name="no-policy"')
    html = html.replace("<body>", '<body><img src="http://192.0.2.1/pixel.png" alt="">', 1)
    opened = open_html(html)
    opened.page.wait_for_load_state("networkidle")
    assert any("192.0.2.1" in url for url in opened.requests)
    if policy == "kept":
        assert any("CSP violation" in e and "192.0.2.1" in e for e in opened.errors)


def test_phone_width_has_no_sideways_scrolling(long_report: StoryReport, open_html: Opener) -> None:
    opened = open_html(render_report(long_report, "html"), phone=True)
    page = opened.page
    overflow = "[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
    html_w, body_w, width = page.evaluate(overflow)
    assert width == PHONE_WIDTH
    assert html_w <= width and body_w <= width
    # The matrix fits the phone: no need to scroll it sideways to see every report.
    table_w, box_w = page.evaluate(
        "[document.getElementById('matrix').scrollWidth,"
        " document.querySelector('.matrix-scroll').clientWidth]"
    )
    assert table_w <= box_w
    page.click('tr.unit-row[data-unit="u2"]')
    html_w, body_w, _ = page.evaluate(overflow)
    assert html_w <= width and body_w <= width
    assert selected_marks(opened) == {"d1": ["u2"], "d2": ["u2"], "d3": ["u2"]}


def test_print_shows_whole_texts_without_the_controls(
    long_report: StoryReport, open_html: Opener
) -> None:
    opened = open_html(render_report(long_report, "html"))
    page = opened.page
    page.emulate_media(media="print")
    for control in ("#selection-bar", ".matrix-tools", "nav.toc"):
        assert not page.is_visible(control), control
    clipped = page.eval_on_selector_all(
        ".doc-text, .matrix-scroll",
        "els => els.filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.className)",
    )
    assert clipped == [], "nothing is cut off by a scroll box on paper"


@pytest.fixture(scope="module")
def example_html(example_files: list[Path]) -> str:
    """The bundled example story, compared with the real models."""
    import rashomon

    articles, problems = rashomon.load_sources([str(p) for p in example_files])
    assert not problems
    return render_report(rashomon.compare(articles), "html")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_example_story_every_row_shows_in_exactly_the_reports_that_carry_it(
    example_html: str, open_html: Opener, viewport: str
) -> None:
    opened = open_html(example_html, phone=viewport == "phone")
    page = opened.page
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cells = page.eval_on_selector_all(
        "tr.unit-row",
        "rows => rows.map(r => [r.dataset.unit, Array.from(r.querySelectorAll('td.cell'))"
        ".map(c => [c.dataset.doc, c.classList.contains('carried')])])",
    )
    assert cells, "the example story has aligned statements"
    for unit, row in cells:
        page.click(f'tr.unit-row[data-unit="{unit}"]')
        carried = {doc for doc, on in row if on}
        assert set(selected_marks(opened)) == carried, unit
        assert lacking_docs(opened) == {doc for doc, on in row if not on}, unit
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert opened.requests == [] and opened.errors == []
