"""ECB+ as gold story clusters: reading it, and clustering two of its topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.clustering.ecbplus import read_ecbplus, score_run, split_topics
from rashomon.clustering.features import article_features
from rashomon.settings import Settings

ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus"
needs_data = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="ECB+ not in ../shared/data")


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
