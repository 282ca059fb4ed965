"""Quote-mark scanning on raw text (no spaCy)."""

from __future__ import annotations

import random

from rashomon.analysis.quote_marks import find_quoted_spans, paragraph_spans


def contents(text: str, **kw: int) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted_spans(text, **kw)]


def test_straight_curly_and_guillemet_quotes_are_found_without_marks() -> None:
    text = 'He said "one," then “two” and «three».'
    assert contents(text) == ["one,", "two", "three"]


def test_content_offsets_index_the_text() -> None:
    text = 'A "quote here." B'
    (q,) = find_quoted_spans(text)
    assert text[q.open_mark] == '"' and q.close_mark is not None and text[q.close_mark] == '"'
    assert text[q.start : q.end] == "quote here."


def test_quote_spanning_sentences_is_one_quote() -> None:
    text = '"We moved closer. We are not there yet," she said.'
    assert contents(text) == ["We moved closer. We are not there yet,"]


def test_multi_paragraph_quote_runs_to_the_closing_mark() -> None:
    text = 'He said:\n\n"First paragraph.\n\n"Second paragraph.\n\n"Third one."\n\nAfter.'
    (q,) = find_quoted_spans(text)
    assert text[q.start : q.end].startswith("First paragraph.")
    assert text[q.start : q.end].endswith("Third one.")
    assert q.closed


def test_unclosed_quote_ends_at_its_paragraph_end() -> None:
    text = '"This never closes.\n\nA plain paragraph with "a real quote" in it.'
    quotes = contents(text)
    assert quotes == ["This never closes.", "a real quote"]


def test_reopened_curly_quote_does_not_swallow_the_next_one() -> None:
    text = "“one and “two” end"
    assert contents(text) == ["one and", "two"]


def test_inch_marks_and_stray_closers_open_nothing() -> None:
    assert contents('a 5\'11" man said "yes" today') == ["yes"]


def test_single_marks_are_quotes_only_in_the_headline() -> None:
    text = "Moreau: ‘We are out’\n\nThe workers’ union said it ‘might’ go."
    assert contents(text, headline_lines=1) == ["We are out"]
    assert contents(text, headline_lines=0) == []


def test_straight_single_marks_in_headline_but_not_apostrophes() -> None:
    text = "Minister's deal 'likely' by May\n\nBody."
    assert contents(text) == ["likely"]


def test_list_lines_are_scanned_apart() -> None:
    text = 'Related:\n- "We will not give in, farmers say\n- Metro "opens" today'
    assert contents(text) == ["We will not give in, farmers say", "opens"]


def test_paragraphs_skip_blank_and_whitespace_only_regions() -> None:
    text = "Title\n\n      \n   \n\nBody one.\n\nBody two."
    spans = paragraph_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Title", "Body one.", "Body two."]


def test_text_without_blank_lines_splits_paragraphs_at_line_breaks() -> None:
    text = "One.\nTwo.\n"
    assert [text[s.start : s.end] for s in paragraph_spans(text)] == ["One.", "Two."]


def test_arbitrary_text_never_raises_and_spans_stay_inside_their_paragraph() -> None:
    rng = random.Random(1234)
    alphabet = "ab \n\"“”«»‘’'.,:-—"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for q in find_quoted_spans(text):
            assert 0 <= q.start < q.end <= len(text)
            inner = text[q.start : q.end]
            # a quote crosses a paragraph break only into a paragraph that opens with a mark
            for piece in inner.split("\n\n")[1:]:
                assert piece.lstrip()[:1] in '"“«„'


def test_mixed_straight_and_curly_marks_still_pair() -> None:
    text = 'He said “no evidence" yet. "It was planned,” she said.'
    assert contents(text) == ["no evidence", "It was planned,"]


def test_curly_quote_nested_in_a_straight_quoted_paragraph_does_not_close_it() -> None:
    text = '"HOST: You watch “Night Desk.” Why?\n\n"GUEST: Because I like it."'
    (q,) = find_quoted_spans(text, headline_lines=0)
    assert text[q.start : q.end].startswith("HOST:")
    assert text[q.start : q.end].endswith("Because I like it.")


def test_curly_quote_nested_in_the_same_curly_style_stays_inside() -> None:
    text = "“I would rather live in what he calls “chaos” than in his order.” ― Ana Ruiz"
    assert contents(text) == ["I would rather live in what he calls “chaos” than in his order."]
    text = "“We want “fair” pay and “real” talks,” she said. “Now.”"
    assert contents(text) == ["We want “fair” pay and “real” talks,", "Now."]
    # the same mark with no second closing mark after it still reopens the quote
    assert contents("“One. “Two. “Three.”") == ["One.", "Two.", "Three."]


def test_two_apostrophes_used_as_a_double_mark_read_as_one() -> None:
    from rashomon.analysis.quote_marks import normalise_marks

    text = "It's late. ''This isn't reform,'' said Mr. Dorn. The ''Dorn rule'' stays. Rock'n'roll."
    normal = normalise_marks(text)
    assert len(normal) == len(text)
    assert contents(normal) == ["This isn't reform,", "Dorn rule"]
    # a lone apostrophe and a run of three are left alone
    assert normalise_marks("It's the players''' turn") == "It's the players''' turn"
