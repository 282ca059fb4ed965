"""Navigation, related-links lists and share prompts stay in the text but are not analysed."""

from __future__ import annotations

import pytest

from rashomon.ingest import article_from_text
from rashomon.ingest.boilerplate import classify_line, find_boilerplate

BODY = (
    "OSLO, May 12 (NPA) - Dock workers voted on Tuesday to end their strike.\n"
    "\n"
    '"This is a fair result," union leader Ingrid Dahl said.\n'
)


def _excluded_texts(text: str) -> list[tuple[str, str]]:
    return [(text[ex.start : ex.end], ex.reason) for ex in find_boilerplate(text)]


def test_navigation_lines_before_the_headline_are_skipped_for_the_title() -> None:
    nav = "Home\nLocal | Business | Sport | Weather\nMost read\n\n"
    text = nav + "Strike ends in Bergvik\n\n" + BODY
    article = article_from_text(text, source="page.txt")
    assert article.title == "Strike ends in Bergvik"
    assert [reason for _, reason in _excluded_texts(text)] == ["navigation"] * 3
    assert "Weather" not in article.analysed_text()


def test_related_list_with_a_quoted_headline_is_not_analysed() -> None:
    text = (
        "Strike ends in Bergvik\n\n" + BODY + "\nRelated articles\n"
        '- "We will hold the line," ferry crews say as talks stall\n'
        "- New fish market opens on the east quay\n"
    )
    article = article_from_text(text, source="page.txt")
    assert [reason for ex in article.excluded for reason in [ex.reason]] == ["related-links"]
    assert "We will hold the line" not in article.analysed_text()
    assert "a fair result" in article.analysed_text()


def test_related_list_of_unbulleted_headlines_runs_to_the_end() -> None:
    links = "Read more:\nFerry crews warn of new stoppage\n\nFish market opens on east quay\n"
    text = BODY + "\n" + links
    [(excluded, reason)] = _excluded_texts(text)
    assert reason == "related-links"
    assert excluded.endswith("Fish market opens on east quay")


def test_related_list_stops_at_prose_after_a_blank_line() -> None:
    text = (
        "See also\n- Ferry crews warn of new stoppage\n\n"
        "The port authority said traffic would return to normal by the weekend.\n"
    )
    article = article_from_text(text, source="page.txt")
    assert "traffic would return to normal" in article.analysed_text()
    assert "Ferry crews" not in article.analysed_text()


def test_a_subhead_followed_by_prose_is_not_eaten_by_the_related_list() -> None:
    text = (
        "More on this story:\n- Ferry crews warn of new stoppage\n\n"
        "Union responds\n\n"
        "The union said it would study the offer.\n"
    )
    analysed = article_from_text(text, source="page.txt").analysed_text()
    assert "Union responds" in analysed
    assert "study the offer" in analysed


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Top stories", "navigation"),
        ("Most read", "navigation"),
        ("Home", "navigation"),
        ("World | Business | Sports", "navigation"),
        ("Home > Europe > Norway", "navigation"),
        ("Share this article", "share-prompt"),
        ("Share on Facebook", "share-prompt"),
        ("Click here to subscribe", "share-prompt"),
        ("Sign up for our newsletter", "share-prompt"),
        ("Follow us on Twitter and Instagram", "share-prompt"),
        ("Read more: Ferry crews warn of new stoppage", "related-links"),
        ("© 2024 The Bergvik Herald", "boilerplate"),
        ("Advertisement", "boilerplate"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The union said it would share the details of the offer with members on Friday.",
        "Home owners near the port complained about the noise.",
        "Follow-up talks are planned for June.",
        '"Read more carefully," the judge told the lawyers.',
        "Copyright disputes were not on the agenda, the minister said.",
        "Dahl | the union leader | said the vote was clear and the strike was over now.",
    ],
)
def test_prose_sentences_are_never_excluded(line: str) -> None:
    assert classify_line(line) is None
    assert find_boilerplate(BODY + "\n" + line + "\n") == ()


def test_analysed_text_keeps_length_and_newlines() -> None:
    text = "Top stories\n\nStrike ends\n\n" + BODY + "Share this article\n"
    article = article_from_text(text, source="page.txt")
    analysed = article.analysed_text()
    assert len(analysed) == len(text)
    assert [i for i, c in enumerate(analysed) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
