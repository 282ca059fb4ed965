"""`rashomon batch` end to end on real Dask processes, a real SQLite file and the real models.

The stream (tests/scale/fixtures/stream.jsonl, fictional) holds two events reported by
three outlets each, one wire copy of a dam story and one broken record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.errors import InputError
from rashomon.scale import BatchSummary, dask_client, run_batch
from rashomon.scale.tasks import worker_state
from rashomon.settings import Settings
from rashomon.store import Store, open_store

pytestmark = pytest.mark.slow

STREAM = Path(__file__).parent / "fixtures" / "stream.jsonl"
DAM = {"Velsk Herald", "Northern Wire", "Harbour Times", "Coast Daily"}
STRIKE = {"Amaril Gazette", "Valley Post", "City Ledger"}
runner = CliRunner()


def _stories_by_outlets(store: Store) -> dict[frozenset[str], tuple[int, tuple[int, ...]]]:
    """Each stored story as the outlets of its articles -> (story id, member ids)."""
    result = {}
    for story in store.list_stories(limit=1000):
        outlets = frozenset(a.article.outlet or "" for a in store.get_articles(story.article_ids))
        result[outlets] = (story.id, story.article_ids)
    return result


def _assert_reports(
    store: Store, stories: dict[frozenset[str], tuple[int, tuple[int, ...]]]
) -> None:
    for outlets in (frozenset(DAM), frozenset(STRIKE)):
        story_id, _ = stories[outlets]
        report = store.latest_report(story_id)
        assert report is not None, f"no report for the story of {sorted(outlets)}"
        assert {d.outlet for d in report.documents} == outlets
        assert report.quotes, "the report carries the articles' quotes"
        shared = [u for u in report.units if len({m.doc for m in u.members}) >= 2]
        assert shared, "statements are aligned across outlets"
    assert store.count_reports() == 2, "single-article stories get no report"


def test_batch_on_two_workers_stores_stories_and_reports_once(
    scheduler_address: str, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    args = ["batch", str(STREAM), "--scheduler", scheduler_address, "--db", str(db)]
    env = {"RASHOMON_DASK_BATCH_SIZE": "2"}  # four tasks: work for both workers

    first = runner.invoke(app, args, env=env)

    errors = [line for line in first.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {STREAM}:4: line is not valid JSON")
    assert first.stderr.splitlines() == errors, "nothing but the error on stderr"
    assert first.exit_code == 1, "a bad record makes the exit code 1"
    assert "7 articles read: 7 added, 0 already stored, 7 analysed, 1 wire copy" in first.stdout
    assert "1 error" in first.stdout
    with open_store(db) as store:
        assert store.count_articles() == 7
        ids = [a.id for a in store.list_articles(limit=100)]
        assert store.analysed_ids(ids) == set(ids), "every article's analysis is stored"
        stories = _stories_by_outlets(store)
        assert set(stories) == {frozenset(DAM), frozenset(STRIKE)}, "two events, copy included"
        _assert_reports(store, stories)

    with dask_client(scheduler_address) as client:
        states = list(client.run(worker_state).values())
    assert len(states) == 2
    assert all(s.batches > 0 for s in states), "both workers took work"
    assert all(s.pipelines_loaded == 1 for s in states), "spaCy loads once per worker"
    assert all(s.sentence_models_loaded == 1 for s in states), "MiniLM loads once per worker"
    assert sum(s.reports for s in states) == 2

    second = runner.invoke(app, args, env=env)

    assert second.exit_code == 1
    assert "7 already stored, 0 analysed" in second.stdout
    assert "(0 saved), 0 reports" in second.stdout
    with open_store(db) as store:
        assert store.count_articles() == 7
        assert _stories_by_outlets(store) == stories, "the same stories, nothing added"
        assert store.count_reports() == 2
    with dask_client(scheduler_address) as client:
        again = list(client.run(worker_state).values())
    assert sum(s.batches for s in again) == sum(s.batches for s in states), (
        "articles with their analyses and features stored are not sent to the workers again"
    )


def test_a_local_cluster_resumes_a_grown_stream_keeping_story_ids(tmp_path: Path, db: str) -> None:
    lines = STREAM.read_text(encoding="utf-8").splitlines(keepends=True)
    early = tmp_path / "early.jsonl"
    early.write_text("".join(lines[:3]), encoding="utf-8")  # Velsk Herald, Amaril, Northern
    settings = Settings(dask_workers=1, dask_batch_size=4)
    failures: list[str] = []

    def record(error: InputError) -> None:
        failures.append(str(error))

    with open_store(db) as store, dask_client(None, settings=settings) as client:
        assert len(client.nthreads()) == 1
        before = run_batch(store, [str(early)], client, settings=settings)
        stories_before = _stories_by_outlets(store)
        after = run_batch(
            store,
            [str(STREAM)],
            client,
            settings=settings,
            on_error=lambda e: failures.append(str(e)),
        )
        stories_after = _stories_by_outlets(store)

        assert (before.added, before.errors, before.reports) == (3, 0, 1)
        dam_id, _ = stories_before[frozenset({"Velsk Herald", "Northern Wire"})]
        assert stories_after[frozenset(DAM)][0] == dam_id, "a story that grew keeps its id"
        assert set(stories_after) == {frozenset(DAM), frozenset(STRIKE)}
        assert (after.added, after.already_stored, after.analysed) == (4, 3, 4)
        assert after.reports == 2, "the grown story is compared again, the new one once"
        assert len(failures) == 1 and failures[0].startswith(f"{STREAM}:4: ")
        report = store.latest_report(dam_id)
        assert report is not None and {d.outlet for d in report.documents} == DAM


def test_a_story_is_stored_once_the_stream_leaves_its_window(
    scheduler_address: str, tmp_path: Path
) -> None:
    # the strike is reported a month after the dam: the dam story closes when it starts
    records = [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines()[:3]]
    records += [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines()[4:]]
    for record in records:
        if record["outlet"] in STRIKE:
            record["published"] = "2031-06-05"
    records.sort(key=lambda r: (r["outlet"] in STRIKE, r["published"]))
    stream = tmp_path / "month.jsonl"
    stream.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    settings = Settings(dask_batch_size=2)

    def stop_at_first_story(summary: BatchSummary) -> None:
        if summary.stories_saved:
            raise KeyboardInterrupt

    with open_store(tmp_path / "news.db") as store, dask_client(scheduler_address) as client:
        with pytest.raises(KeyboardInterrupt):
            run_batch(
                store, [str(stream)], client, settings=settings, on_progress=stop_at_first_story
            )
        stored = _stories_by_outlets(store)
        assert set(stored) == {frozenset(DAM)}, "the closed story is stored, whole, mid-stream"
        assert store.count_reports() == 0

        done = run_batch(store, [str(stream)], client, settings=settings)

        assert set(_stories_by_outlets(store)) == {frozenset(DAM), frozenset(STRIKE)}
        assert _stories_by_outlets(store)[frozenset(DAM)] == stored[frozenset(DAM)]
        assert (done.stories_saved, done.reports) == (1, 2)


def test_a_source_given_twice_in_one_run_groups_each_article_once(
    scheduler_address: str, tmp_path: Path
) -> None:
    with open_store(tmp_path / "news.db") as store, dask_client(scheduler_address) as client:
        summary = run_batch(store, [str(STREAM), str(STREAM)], client, on_error=lambda e: None)
        stories = _stories_by_outlets(store)
        members = [m for story in store.list_stories(limit=1000) for m in story.article_ids]
    assert (summary.added, summary.already_stored, summary.analysed) == (7, 7, 7)
    assert set(stories) == {frozenset(DAM), frozenset(STRIKE)}
    assert sorted(members) == sorted(set(members)), "no article is in a story twice"
    assert len(members) == 7 and summary.reports == 2


def test_reports_sent_a_story_at_a_time_under_a_small_article_budget_are_all_made(
    scheduler_address: str, tmp_path: Path
) -> None:
    # a budget below every story's size: each story goes alone, none is skipped
    settings = Settings(dask_batch_size=2, dask_report_articles=1)
    with open_store(tmp_path / "news.db") as store, dask_client(scheduler_address) as client:
        summary = run_batch(store, [str(STREAM)], client, settings=settings)
        assert summary.reports == 2
        _assert_reports(store, _stories_by_outlets(store))
