"""The HTML report: self-contained, escaped, well-formed, and faithful to the offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from rashomon.render import render_report
from rashomon.render.html_report import document_segments
from rashomon.story.model import Member, StoryReport, Unit

VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base"}


@dataclass
class Page(HTMLParser):
    """Collects what the tests look at: tag balance, unit marks per document, matrix rows."""

    errors: list[str] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    #: (doc id, unit id) -> text inside the unit's mark, inner marks included
    marks: dict[tuple[str, str], str] = field(default_factory=dict)
    nested_units: int = 0
    #: unit id -> [(doc id, "carried" | "absent")]
    rows: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    doc: str | None = None
    open_marks: list[str | None] = field(default_factory=list)  # unit id or None (inner mark)
    row: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "article" and a.get("data-doc"):
            self.doc = a["data-doc"]
        if tag == "tr" and "unit-row" in (a.get("class") or ""):
            self.row = a["data-unit"]
            self.rows[self.row or ""] = []
        if tag == "td" and self.row and "cell" in (a.get("class") or "").split():
            classes = (a.get("class") or "").split()
            self.rows[self.row].append(
                (a.get("data-doc") or "", "carried" if "carried" in classes else "absent")
            )
        if tag == "mark":
            unit = a.get("data-unit")
            if unit and any(self.open_marks):
                self.nested_units += 1
            self.open_marks.append(unit)
            if unit and self.doc:
                self.marks[(self.doc, unit)] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()
        if tag == "tr":
            self.row = None
        if tag == "article":
            self.doc = None

    def handle_data(self, data: str) -> None:
        unit = next((u for u in reversed(self.open_marks) if u), None)
        if unit and self.doc:
            self.marks[(self.doc, unit)] += data


@pytest.fixture
def html(report: StoryReport) -> str:
    return render_report(report, "html")


@pytest.fixture
def page(html: str) -> Page:
    parsed = Page()
    parsed.feed(html)
    parsed.close()
    return parsed


def test_html_is_one_well_formed_page(html: str, page: Page) -> None:
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert page.errors == []
    assert page.stack == [], "every opened tag is closed"


def test_html_references_nothing_outside_itself(html: str) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<link" not in html.lower()
    assert not re.search(r"<script[^>]*\bsrc", html, re.I)
    assert "@import" not in html and "url(" not in html
    # The document URL is still shown, as text.
    assert "https://bay-daily.example/port" in html


def test_article_text_is_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "Dockers &amp; city reach deal" in html
    # Exactly one real script element: ours.
    assert len(re.findall(r"<script\b", html)) == 1


def test_matrix_has_a_row_per_unit_with_one_cell_per_document(
    report: StoryReport, page: Page
) -> None:
    doc_ids = [d.id for d in report.documents]
    assert set(page.rows) == {u.id for u in report.units}
    for unit in report.units:
        cells = page.rows[unit.id]
        assert [doc for doc, _ in cells] == doc_ids
        expected = ["carried" if d in unit.docs else "absent" for d in doc_ids]
        assert [mark for _, mark in cells] == expected, unit.id


def test_single_source_rows_are_marked(html: str) -> None:
    rows = re.findall(r'<tr class="unit-row([^"]*)"[^>]* data-unit="(u\d+)"', html)
    single = {unit for classes, unit in rows if "single" in classes}
    assert single == {"u3"}


def test_every_member_is_marked_with_its_exact_text(report: StoryReport, page: Page) -> None:
    for unit in report.units:
        for m in unit.members:
            assert page.marks.get((m.doc, unit.id)) == m.text, (unit.id, m.doc)
    assert page.nested_units == 0


def test_meaning_changing_variant_is_shown_and_marked_inline(html: str) -> None:
    assert 'class="tag tag-shift tag-modality"' in html
    # Inline in the texts: the member's word in its document, the reference words in theirs.
    assert re.search(r'<mark class="shift shift-modality"[^>]*>may</mark>', html)
    assert re.search(r'<mark class="shift shift-modality"[^>]*>will certainly</mark>', html)
    # A paraphrase is not a meaning change: listed apart, never marked inline.
    assert "shift-paraphrase" not in html
    assert "other wording difference" in html


def test_sections_carry_quotes_disputes_omissions_framing_problems(html: str) -> None:
    for needle in (
        "Quotes by speaker",
        "Tom Reyes",
        "The city has never paid us on time",
        'class="dispute card"',
        "opposite stance on &#34;pay&#34;",
        "Silva did not mention the unpaid overtime from last year.",
        "Union leader",
        "photo.jpg: no article text found",
    ):
        assert needle in html, needle


def test_page_is_keyboard_navigable_and_printable(html: str) -> None:
    assert re.search(r'<tr class="unit-row[^"]*"[^>]* data-unit="u1"[^>]* tabindex="0"', html)
    assert '"Enter"' in html
    assert "@media print" in html and "@media (max-width" in html


def test_overlapping_members_do_not_break_the_markup(report: StoryReport) -> None:
    doc = report.document("d1")
    # A second statement overlapping u2's member ("pay the dockers in full," Silva said).
    text = 'pay the dockers in full," Silva said'
    start = doc.text.find(text)
    report.units.append(Unit("u9", "a1", [Member("d1", text, start, start + len(text))]))
    segments = document_segments(report, doc)
    assert "".join(p.text for s in segments for p in s.pieces) == doc.text
    page = Page()
    page.feed(render_report(report, "html"))
    assert page.errors == [] and page.nested_units == 0
    assert page.marks[("d1", "u2")] == "The city will certainly pay the dockers in full"
    assert page.marks[("d1", "u9")] == '," Silva said'  # clipped where u2 ends


def test_offsets_outside_the_text_are_clipped(report: StoryReport) -> None:
    doc = report.document("d2")
    report.units.append(Unit("u9", None, [Member("d2", "x", len(doc.text) - 3, 10_000)]))
    segments = document_segments(report, doc)
    assert "".join(p.text for s in segments for p in s.pieces) == doc.text


def test_report_without_units_still_renders(report: StoryReport) -> None:
    report.units, report.disputes, report.omissions = [], [], []
    page = Page()
    page.feed(render_report(report, "html"))
    assert page.errors == [] and page.rows == {}
