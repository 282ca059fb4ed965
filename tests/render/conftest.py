"""A small, realistic StoryReport built by hand: three reports of a fictional port strike.

Offsets are computed with ``str.find`` so every member, quote and mention points at its text.
One document carries hostile markup (``<script>``), ``&`` and quotes, to test escaping.
"""

from __future__ import annotations

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
