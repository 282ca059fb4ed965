"""ECB+ as gold story clusters: reading it, and clustering two of its topics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rashomon.clustering.ecbplus import (
    SplitScores,
    format_scores,
    is_date_line,
    read_ecbplus,
    score_run,
    split_topics,
)
from rashomon.clustering.features import article_features, embedding_text
from rashomon.clustering.scores import ClusterScores
from rashomon.settings import Settings

# RASHOMON_DATA_DIR as for ``rashomon eval``; by default ../shared/data beside the checkout
DATA = os.environ.get("RASHOMON_DATA_DIR", Path(__file__).resolve().parents[3] / "shared" / "data")
ECBPLUS = Path(DATA) / "ecbplus"
needs_data = pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"ECB+ not in {ECBPLUS.parent}")


@needs_data
def test_reader_gives_two_subtopics_per_topic_and_detokenised_text() -> None:
    documents = read_ecbplus(ECBPLUS)
    assert len({d.topic for d in documents}) == 33
    assert {d.subtopic for d in documents} == {
        f"{t}{plus}" for t in {d.topic for d in documents} for plus in ("", "+")
    }
    plus = [d for d in documents if d.subtopic.endswith("+")]
    # ECB+ documents start with their URL, kept as metadata, then a headline
    assert sum(d.article.url is not None for d in plus) > len(plus) * 0.9
    assert all(not d.article.text.startswith("http") for d in documents)
    assert " ," not in documents[0].article.text


def _write_document(folder: Path, name: str, sentences: list[str]) -> None:
    """An ECB+ style file: one ``token`` element per word, numbered by sentence."""
    tokens = [
        f'<token t_id="{n}" sentence="{k}">{word}</token>'
        for k, sentence in enumerate(sentences)
        for n, word in enumerate(sentence.split(), start=1)
    ]
    topic = folder / name.split("_")[0]
    topic.mkdir(exist_ok=True)
    (topic / name).write_text(f"<Document>{''.join(tokens)}</Document>", encoding="utf-8")


def test_headline_after_a_date_stamp_is_the_title(tmp_path: Path) -> None:
    headline = "Ferry runs aground off Kessa island"
    _write_document(
        tmp_path,
        "7_2ecbplus.xml",
        [
            "http : / / news . example / ferry",
            "Updated Tuesday , March 04 , 2031 9 : 15 AM GMT",
            headline,
            "A ferry carrying 200 passengers ran aground on Tuesday .",
        ],
    )
    _write_document(
        tmp_path, "7_3ecbplus.xml", ["http : / / news . example / tug", "Tug frees ferry", "Body ."]
    )
    [dated, plain] = [d.article for d in read_ecbplus(tmp_path)]
    assert dated.url == "http://news.example/ferry"
    assert dated.title == headline
    assert dated.title_span is not None
    assert dated.text[dated.title_span.start : dated.title_span.end] == headline
    # the title is embedded once, and the date stamp before it not at all
    body = "A ferry carrying 200 passengers ran aground on Tuesday."
    assert embedding_text(dated, chars=100) == f"{headline}. {body}"
    assert (plain.title, plain.title_span and plain.title_span.start) == ("Tug frees ferry", 0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("June 06, 2031", True),
        ("Posted 11 / 27 / 2031 7: 21 AM", True),
        ("22 July 2031 Last updated at 17: 50 GMT", True),
        ("9: 53 AM, MON 22 JUL 2031", True),
        ("Monday", False),  # no digit: a word, not a date
        ("Ferry runs aground on March 4", False),
        ("Three dead in 2031 floods", False),
    ],
)
def test_date_stamps_are_told_from_headlines(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_folder_without_ecbplus_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no ECB\\+ XML files"):
        read_ecbplus(tmp_path)


@needs_data
@pytest.mark.slow
def test_two_topics_are_never_mixed_and_their_subtopics_are_found() -> None:
    documents = [d for d in read_ecbplus(ECBPLUS) if d.topic in {"1", "12"}]
    tuning, held_out = split_topics(documents)
    assert (tuning, held_out) == (["1"], ["12"])
    settings = Settings()
    features = article_features([d.article for d in documents], settings=settings)
    result = score_run("two", ["1", "12"], documents, features, settings=settings)
    # topic 1 (two celebrities in rehab) may split in two; no story may mix the two topics
    assert result.topic.precision == 1.0
    assert result.subtopic.f1 >= 0.8
    assert result.topic.items == len(documents)


def _scores(f1: float, ari: float) -> ClusterScores:
    return ClusterScores(f1, f1, f1, ari, items=10, predicted_clusters=2, gold_clusters=2)


def test_scores_over_several_stream_orders_show_their_mean_and_range() -> None:
    runs = [
        SplitScores("held-out", ("2",), _scores(f1, 0.5), _scores(0.9, 0.4), seed=seed)
        for seed, f1 in ((3, 0.92), (4, 0.98), (5, 0.95))
    ]

    table = format_scores(runs).splitlines()

    assert "stream order 3:" in table
    assert sum(line.startswith("held-out  topic") for line in table) == 2  # order 3, then means
    assert "over 3 stream orders (seeds 3-5):" in table
    mean = next(
        line
        for line in table[table.index("over 3 stream orders (seeds 3-5):") :]
        if line.startswith("held-out  topic")
    )
    assert mean.split()[2:] == ["0.950", "0.920", "0.980", "0.500"]
