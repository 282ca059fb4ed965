"""A small, realistic StoryReport built by hand: three reports of a fictional port strike,
and a real headless Chromium to open the HTML report in.

Offsets are computed with ``str.find`` so every member, quote and mention points at its text.
One document carries hostile markup (``<script>``), ``&`` and quotes, to test escaping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rashomon.story.model import (
    Actor,
    ActorLabel,
    Dispute,
    DisputeSide,
    Document,
    Framing,
    Member,
    OmissionNote,
    QuoteRecord,
    SpeakerMention,
    StoryReport,
    Unit,
    Variant,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize

POST = (
    'Port strike to end as mayor promises "fair" pay\n'
    "HARBOURTON, May 2 - Mayor Ana Silva said on Friday that the port strike would end on "
    'Monday. "The city will certainly pay the dockers in full," Silva said after the talks.\n'
    "Union chief Tom Reyes rejected the offer. "
    '"The city has never paid us on time," Reyes said.'
)
WIRE = (
    "Dockers & city reach deal\n"
    "HARBOURTON (Coast Wire) - The port strike will end on Monday, Mayor Ana Silva said. "
    '"The city may pay the dockers in full," she said.\n'
    "Silva did not mention the unpaid overtime from last year."
)
DAILY = (
    "<script>alert(1)</script> Strike over at the port\n"
    "Mayor Ana Silva said the port strike would end on Monday. "
    '"The city will certainly pay the dockers in full," she told reporters & union members.\n'
    "Union leader Tom Reyes rejected the offer."
)
TEXTS = {"d1": POST, "d2": WIRE, "d3": DAILY}

# The statements, as each document words them (None: the document does not carry it).
U1 = {
    "d1": "the port strike would end on Monday",
    "d2": "The port strike will end on Monday",
    "d3": "the port strike would end on Monday",
}
U2 = {
    "d1": "The city will certainly pay the dockers in full",
    "d2": "The city may pay the dockers in full",
    "d3": "The city will certainly pay the dockers in full",
}
U3 = {"d1": "The city has never paid us on time"}  # single-source
U4 = {
    "d1": "Union chief Tom Reyes rejected the offer.",
    "d3": "Union leader Tom Reyes rejected the offer.",
}
OMISSION = "Silva did not mention the unpaid overtime from last year."


def member(doc: str, text: str, quote: str | None = None, speaker: str | None = None) -> Member:
    start = TEXTS[doc].find(text)
    assert start >= 0, (doc, text)
    return Member(
        doc=doc, text=text, start=start, end=start + len(text), quote=quote, speaker=speaker
    )


def quote(
    qid: str, doc: str, kind: str, text: str, speaker: str, mention: str, cue: str
) -> QuoteRecord:
    body = TEXTS[doc]
    start = body.find(text)
    m_start = body.find(mention, start)  # "..., she said" or else "Mayor Ana Silva said ..."
    if m_start < 0:
        m_start = body.rfind(mention, 0, start)
    assert start >= 0 and m_start >= 0, (doc, text, mention)
    return QuoteRecord(
        id=qid,
        doc=doc,
        kind=kind,
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker,
        speaker_mention=SpeakerMention(m_start, m_start + len(mention), mention),
        cue=cue,
    )


def build_report() -> StoryReport:
    documents = [
        Document("d1", "harbour-post.txt", POST, title=POST.splitlines()[0], outlet="Harbour Post",
                 published="2025-05-02", place="HARBOURTON"),
        Document("d2", "coast-wire.json", WIRE, title="Dockers & city reach deal",
                 outlet="Coast Wire", published="2025-05-02"),
        Document("d3", "bay-daily.html", DAILY, title=DAILY.splitlines()[0], outlet=None,
                 published="--05-02", url="https://bay-daily.example/port"),
    ]  # fmt: skip
    actors = [
        Actor("a1", "Ana Silva", aliases=["Silva", "she"], kind="person", roles=["Mayor"]),
        Actor("a2", "Tom Reyes", aliases=["Reyes"], kind="person", roles=["Union chief"]),
    ]
    quotes = [
        quote("q1", "d1", "indirect", U1["d1"], "a1", "Mayor Ana Silva", "said"),
        quote("q2", "d1", "direct", U2["d1"], "a1", "Silva", "said"),
        quote("q3", "d1", "direct", U3["d1"], "a2", "Reyes", "said"),
        quote("q4", "d2", "direct", U2["d2"], "a1", "she", "said"),
        quote("q5", "d3", "direct", U2["d3"], "a1", "she", "told"),
    ]
    units = [
        Unit("u1", "a1", [member(d, t, speaker="a1") for d, t in U1.items()]),
        Unit(
            "u2",
            "a1",
            [
                member(d, t, q, "a1")
                for (d, t), q in zip(U2.items(), ("q2", "q4", "q5"), strict=True)
            ],
            variants=[
                Variant("d2", ["may"], "will certainly", "modality", "d1", meaning_changing=True),
            ],
        ),
        Unit("u3", "a2", [member("d1", U3["d1"], "q3", "a2")]),
        Unit(
            "u4",
            None,
            [member(d, t) for d, t in U4.items()],
            variants=[Variant("d3", ["leader"], "chief", "paraphrase", "d1")],
        ),
    ]
    disputes = [
        Dispute(
            "x1",
            DisputeSide("a1", "u2", U2["d1"], "d1"),
            DisputeSide("a2", "u3", U3["d1"], "d1"),
            reason='opposite stance on "pay": "will certainly pay" vs "never paid"',
        )
    ]
    omissions = [OmissionNote("o1", "a1", [member("d2", OMISSION, speaker="a1")])]
    framing = Framing(
        headlines={d.id: d.title or "" for d in documents},
        ledes={"d1": POST.splitlines()[1].split(". ")[0] + ".", "d2": WIRE.splitlines()[1]},
        labels=[
            ActorLabel("d1", "a1", "Mayor"),
            ActorLabel("d1", "a2", "Union chief"),
            ActorLabel("d3", "a2", "Union leader"),
        ],
    )
    return StoryReport(
        documents=documents,
        actors=actors,
        quotes=quotes,
        units=units,
        disputes=disputes,
        omissions=omissions,
        framing=framing,
        problems=["photo.jpg: no article text found [/bold]"],
    )


@pytest.fixture
def report() -> StoryReport:
    """Three reports of one fictional event, with every part of a StoryReport filled in."""
    return build_report()


@pytest.fixture
def long_report() -> StoryReport:
    """The same story with the third report's statements far down a long text, so a column
    has to scroll to show them."""
    report = build_report()
    filler = "".join(
        f"Paragraph {i} of background about the harbour, its cranes and its tides.\n"
        for i in range(60)
    )
    return shift_document(report, "d3", filler)


def shift_document(report: StoryReport, doc_id: str, prefix: str) -> StoryReport:
    """``report`` with ``prefix`` put before the text of ``doc_id``, every offset moved along."""
    n = len(prefix)
    doc = report.document(doc_id)
    doc.text = prefix + doc.text
    members = [m for u in report.units for m in u.members]
    members += [m for o in report.omissions for m in o.members]
    for m in members:
        if m.doc == doc_id:
            m.start, m.end = m.start + n, m.end + n
    for q in report.quotes:
        if q.doc == doc_id:
            q.start, q.end = q.start + n, q.end + n
            if q.speaker_mention:
                sm = q.speaker_mention
                q.speaker_mention = dataclasses.replace(sm, start=sm.start + n, end=sm.end + n)
    return report


# -- a real browser -----------------------------------------------------------------------------

LOCAL = ("file:", "data:")
DESKTOP: ViewportSize = {"width": 1366, "height": 860}
PHONE: ViewportSize = {"width": 375, "height": 740}
# Reports CSP violations (a blocked fetch never reaches the network, so routing cannot see it).
_WATCH_CSP = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass
class OpenedPage:
    """A report open in Chromium, with everything it tried that it should not have."""

    page: Page
    #: URLs the page requested that are neither file: nor data: (each was aborted)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: console errors, uncaught exceptions and CSP violations
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_html(browser: Browser, tmp_path: Path) -> Iterator[Callable[..., OpenedPage]]:
    """Open an HTML string as a file in a fresh browser context; every request that is not
    file: or data: is recorded and aborted."""
    contexts: list[BrowserContext] = []

    def open_(html: str, *, phone: bool = False) -> OpenedPage:
        path = tmp_path / f"report-{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            service_workers="block",
            reduced_motion="reduce",  # jumps land at once, not in a smooth scroll
        )
        contexts.append(context)
        page = context.new_page()
        opened = OpenedPage(page)

        def guard(route: Route) -> None:
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                route.abort()  # recorded by the "request" listener below

        context.route("**/*", guard)
        page.on(
            "request",
            lambda r: None if r.url.startswith(LOCAL) else opened.requests.append(r.url),
        )
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.on(
            "console",
            lambda m: opened.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        context.add_init_script(_WATCH_CSP)
        page.goto(path.as_uri())
        return opened

    yield open_
    for context in contexts:
        context.close()
