"""``rashomon batch``: ingest, analysis, story grouping and per-story comparison on Dask.

One writer: the workers compute (analyses, clustering features, story reports) and return
them; this process, the client, stores everything. The run has three phases:

1. Stream: sources are read one article at a time, stored ``dask_batch_size`` at a time
   (deduplicated by content hash) and sent to the workers, at most three batches per worker
   thread in flight. Results are taken back in stream order, so stories group the same way
   on every run: their analyses are stored, and the articles are fed to a
   :class:`~rashomon.clustering.StoryClusterer` (wire copies join their original's story).
2. Stories: each story is stored as soon as it closes (its dates fall out of the clustering
   window of the newest article, so no later article can join it), the ones still open
   when the stream ends after it; only open stories are held whole in memory. A story
   stored by an earlier run with the same members is left as it is, one that gained members
   is updated.
3. Reports: every story of two or more articles without an up-to-date report is compared on
   the workers from its stored analyses (no article is parsed twice) and the report saved.

Re-running stores nothing twice: stored articles, analyses, clustering features (embedding
and entities, stored with what computed them), unchanged stories and their reports are
recognised and skipped; an article with all of them stored is not sent to a worker at all,
and the grouping is rebuilt in memory from the stored features.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rashomon.article import Article
from rashomon.errors import InputError, RashomonError
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from distributed import Client, Future

    from rashomon.clustering import ArticleFeatures
    from rashomon.scale.tasks import PreparedBatch
    from rashomon.store import Store, StoredStory

#: Batches in flight per worker thread: enough that no worker waits while results are
#: taken back in stream order, few enough that memory stays flat.
_IN_FLIGHT_PER_THREAD = 3


@dataclass
class BatchSummary:
    """Counts of one batch run, updated as it goes."""

    #: Articles read from the sources.
    read: int = 0
    #: Articles this run stored.
    added: int = 0
    #: Articles stored already (same content hash), or read twice in this run.
    already_stored: int = 0
    #: Articles analysed (quotes and speakers) and stored by this run.
    analysed: int = 0
    #: Articles that joined a story as the wire copy of another article.
    copies: int = 0
    #: Stories the articles of this run form (single articles included).
    stories: int = 0
    #: Stories this run stored or changed.
    stories_saved: int = 0
    #: Story reports this run stored.
    reports: int = 0
    #: Items that failed (each reported on its own).
    errors: int = 0

    def line(self) -> str:
        """The one-line summary printed at the end of ``rashomon batch``."""
        return (
            f"{_count(self.read, 'article')} read: {self.added} added, {self.already_stored} "
            f"already stored, {self.analysed} analysed, {_count(self.copies, 'wire copy')}; "
            f"{_count(self.stories, 'story')} ({self.stories_saved} saved), "
            f"{_count(self.reports, 'report')}; {_count(self.errors, 'error')}"
        )


def _count(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


@dataclass
class _Story:
    """A story of this run as the client tracks it: member ids, dates, title."""

    members: list[int] = field(default_factory=list)
    title: str | None = None
    first: str | None = None
    last: str | None = None

    def add(self, article_id: int, article: Article) -> None:
        self.members.append(article_id)
        if self.title is None:
            self.title = article.title
        if article.published:
            self.first = min(self.first or article.published, article.published)
            self.last = max(self.last or article.published, article.published)


@dataclass
class _Pending:
    """One batch of the stream: what is stored already and what the workers compute."""

    articles: list[Article]
    ids: list[int]
    #: Stored features of the articles (``None``: computed on the workers, with ``todo``).
    known: list[ArticleFeatures | None]
    #: Indices of the articles sent to the workers, and whether each is to be analysed.
    todo: list[int]
    analyse: list[bool]
    future: Future | None


def run_batch(
    store: Store,
    sources: Iterable[str],
    client: Client,
    *,
    settings: Settings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Ingest ``sources`` into ``store``, analyse the articles, group them into stories and
    compare every story of two or more articles, on the cluster behind ``client``.

    ``on_error`` gets each item that failed (a bad record, an article whose analysis failed,
    a story whose comparison failed) and the run goes on; ``on_progress`` the counts (one
    object, updated in place) after each batch stored, each batch analysed, each report.
    ``StoreError`` and ``ModelError`` stop the run, everything committed before kept.
    Returns the counts.
    """
    settings = settings or get_settings()
    summary = BatchSummary()

    def fail(error: InputError) -> None:
        summary.errors += 1
        if on_error is not None:
            on_error(error)

    def progress() -> None:
        if on_progress is not None:
            on_progress(summary)

    stories = _Stories(store, summary, settings)
    _stream(store, sources, client, stories, summary, settings, fail, progress)
    saved = stories.finish()
    progress()
    _report(store, client, saved, summary, settings, fail, progress)
    return summary


# -- phase 1: stream ----------------------------------------------------------------------------


def _stream(
    store: Store,
    sources: Iterable[str],
    client: Client,
    stories: _Stories,
    summary: BatchSummary,
    settings: Settings,
    fail: Callable[[InputError], None],
    progress: Callable[[], None],
) -> None:
    from distributed import wait

    from rashomon.clustering.features import features_producer
    from rashomon.scale.tasks import prepare_batch

    producer = features_producer(settings)
    max_in_flight = _IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    batches = _batches(_read(sources, settings, summary, fail), settings.dask_batch_size)
    seen = _IdSet()  # article ids of this run: an article read twice is grouped once
    pending: deque[_Pending] = deque()
    exhausted = False
    while True:
        while not exhausted and len(pending) < max_in_flight:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            articles, ids = [], []
            for article, result in zip(batch, store.add_articles(batch), strict=True):
                if result.added:
                    summary.added += 1
                else:
                    summary.already_stored += 1
                if seen.add(result.id):
                    articles.append(article)
                    ids.append(result.id)
            if not articles:
                continue
            done = store.analysed_ids(ids)
            stored = store.load_features(ids, producer=producer)
            known = [stored.get(i) if i in done else None for i in ids]
            todo = [k for k, features in enumerate(known) if features is None]
            analyse = [ids[k] not in done for k in todo]
            future = None
            if todo:
                # pure=False: the same batch read twice is still work to report
                future = client.submit(
                    prepare_batch, [articles[k] for k in todo], analyse, settings, pure=False
                )
            pending.append(_Pending(articles, ids, known, todo, analyse, future))
            progress()  # the counts so far, even if the run stops before a result is back
        if not pending:
            return
        # taken back in stream order, so the grouping does not depend on worker timing; the
        # batches behind the first keep their workers busy meanwhile
        first = pending[0].future
        if first is not None:
            wait([first])
        while pending and (pending[0].future is None or pending[0].future.status != "pending"):
            _take(pending.popleft(), store, stories, summary, fail, producer)
            progress()


def _take(
    item: _Pending,
    store: Store,
    stories: _Stories,
    summary: BatchSummary,
    fail: Callable[[InputError], None],
    producer: str,
) -> None:
    """Store one batch's analyses and features and group its articles into stories."""
    features: list[ArticleFeatures | None] = list(item.known)
    result = _result(item, fail)
    if result is not None:
        analyses, computed = [], []
        for k, wanted, prepared in zip(item.todo, item.analyse, result.articles, strict=True):
            if prepared.error is not None or prepared.features is None:
                fail(InputError(item.articles[k].source, prepared.error or "no features"))
                continue
            if wanted and prepared.analysis is not None:
                analyses.append((item.ids[k], prepared.analysis))
            computed.append((item.ids[k], prepared.features))
            features[k] = prepared.features
        store.save_analyses(analyses, producer=result.producer)
        store.save_features(computed, producer=producer)
        summary.analysed += len(analyses)
    ready = [k for k, f in enumerate(features) if f is not None]
    stories.add(
        [item.ids[k] for k in ready],
        [item.articles[k] for k in ready],
        [f for f in features if f is not None],
    )


def _result(item: _Pending, fail: Callable[[InputError], None]) -> PreparedBatch | None:
    """The workers' result for a batch; ``None`` (each article reported) if the task failed."""
    if item.future is None:
        return None
    try:
        result: PreparedBatch = item.future.result()
    except RashomonError:
        raise
    except Exception as exc:  # the worker died or the task broke: the batch failed, not the run
        for k in item.todo:
            fail(InputError(item.articles[k].source, f"failed on the cluster ({_one_line(exc)})"))
        return None
    finally:
        item.future.release()
    return result


def _read(
    sources: Iterable[str],
    settings: Settings,
    summary: BatchSummary,
    fail: Callable[[InputError], None],
) -> Iterator[Article]:
    """The articles of every source, one at a time; bad items are reported and skipped."""
    from rashomon.ingest import read_source
    from rashomon.store.ingest import unstorable

    for source in sources:
        for item in read_source(source, settings=settings):
            if isinstance(item, Article):
                problem = unstorable(item)
                if problem is not None:
                    item = InputError(item.source, problem)
            if isinstance(item, InputError):
                fail(item)
                continue
            summary.read += 1
            yield item


class _IdSet:
    """A set of the store's article ids (small non-negative integers), a bit each.

    A Python set of ints holds about 74 bytes an id: 7 MiB over a stream of 100k articles,
    growing with the stream; the bits of the same ids take 12.5 KB.
    """

    def __init__(self) -> None:
        self._bits = bytearray()

    def add(self, article_id: int) -> bool:
        """Add ``article_id``; whether it was new."""
        byte, bit = divmod(article_id, 8)
        if byte >= len(self._bits):
            self._bits.extend(bytes(max(byte + 1 - len(self._bits), len(self._bits))))
        if self._bits[byte] >> bit & 1:
            return False
        self._bits[byte] |= 1 << bit
        return True


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


# -- phase 2: stories ---------------------------------------------------------------------------


class _ToReport:
    """The stored stories of two or more articles of this run: 12 bytes each (id and size),
    their members, title and date read back from the store when their report is made."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.sizes = array("l")

    def add(self, story_id: int, size: int) -> None:
        self.ids.append(story_id)
        self.sizes.append(size)

    def largest_first(self) -> Iterator[int]:
        """The story ids, largest story first (in the order stored among equals)."""
        # reverse=True keeps equals in order; the list is made once, after the stream
        order = sorted(range(len(self.ids)), key=self.sizes.__getitem__, reverse=True)
        return (self.ids[k] for k in order)

    def __len__(self) -> int:
        return len(self.ids)


class _Stories:
    """The stories of the run: grouped as the articles come back, each stored once it closes
    (no later article can join it), the ones still open at the end of the stream.

    What is held is the open stories (the clusterer forgets closed ones too) and, for each
    stored story of two or more articles, its id and size: nothing per article, 12 bytes per
    story to report. A story of undated articles closes ``cluster_window_articles`` articles
    after its last one.
    """

    def __init__(self, store: Store, summary: BatchSummary, settings: Settings) -> None:
        from rashomon.clustering import StoryClusterer

        self.store = store
        self.summary = summary
        self.clusterer = StoryClusterer(settings=settings, forget_closed=True)
        self.open: dict[str, _Story] = {}
        self.to_report = _ToReport()

    def add(self, ids: list[int], articles: list[Article], features: list[ArticleFeatures]) -> None:
        """Group a batch of stored articles (in stream order) and store the stories it closed."""
        for article_id, article, assignment in zip(
            ids, articles, self.clusterer.add(articles, features=features), strict=True
        ):
            story = self.open.get(assignment.story)
            if story is None:
                story = self.open[assignment.story] = _Story()
                self.summary.stories += 1
            story.add(article_id, article)
            self.summary.copies += assignment.duplicate_of is not None
        self._save([self.open.pop(key) for key in self.clusterer.take_closed()])

    def finish(self) -> _ToReport:
        """Store the stories still open; returns every stored story of 2+ articles."""
        self._save(list(self.open.values()))
        self.open.clear()
        return self.to_report

    def _save(self, stories: list[_Story]) -> None:
        """Store each story: left as it is when stored already, updated when it grew."""
        store = self.store
        for start in range(0, len(stories), 500):
            chunk = stories[start : start + 500]
            stored_of = store.stories_of_articles(a for s in chunk for a in s.members)
            for story in chunk:
                members = tuple(sorted(set(story.members)))
                known = {sid for a in members for sid in stored_of.get(a, [])}
                same, grown = None, None
                for candidate in (store.get_story(sid) for sid in sorted(known)):
                    if candidate is None:
                        continue
                    if candidate.article_ids == members:
                        same = candidate
                        break
                    if grown is None and set(candidate.article_ids) < set(members):
                        grown = candidate
                if same is None:
                    story_id = store.save_story(
                        members,
                        title=story.title,
                        window=(story.first, story.last),
                        story_id=grown.id if grown is not None else None,
                    )
                    self.summary.stories_saved += 1
                else:
                    story_id = same.id
                if len(members) >= 2:
                    self.to_report.add(story_id, len(members))


# -- phase 3: reports ---------------------------------------------------------------------------


def _report(
    store: Store,
    client: Client,
    saved: _ToReport,
    summary: BatchSummary,
    settings: Settings,
    fail: Callable[[InputError], None],
    progress: Callable[[], None],
) -> None:
    """Compare, on the workers, every story of 2+ articles whose report is missing or older
    than its members; store each report as it comes back."""
    from distributed import wait

    from rashomon.scale.tasks import report_story

    def todo() -> Iterator[StoredStory]:
        # largest first, so the run does not end on one big story while other workers idle
        for story_id in saved.largest_first():
            story = store.get_story(story_id)
            if story is None:  # deleted meanwhile: nothing to report
                continue
            reported = store.latest_report_at(story.id)
            if reported is None or reported < story.updated_at:
                yield story

    # The client holds (and sends) the analyses of the stories in flight: bound them by
    # articles as well as by stories, so that four of the largest are not out at once (7 MiB
    # of a 358 MiB peak with four stories of 150: the README); a story larger than the budget
    # still goes, alone.
    max_in_flight = 2 * max(1, sum(client.nthreads().values()))
    budget = settings.dask_report_articles
    stories = todo()
    waiting: StoredStory | None = None
    in_flight: dict[Future, tuple[StoredStory, int]] = {}
    held = 0  # articles whose analyses are in flight
    while True:
        while len(in_flight) < max_in_flight:
            story = waiting or next(stories, None)
            waiting = None
            if story is None:
                break
            if in_flight and held + len(story.article_ids) > budget:
                waiting = story
                break
            analyses = store.load_analyses(story.article_ids)
            if len(analyses) < 2:
                continue
            future = client.submit(report_story, analyses, settings, pure=False)
            in_flight[future] = (story, len(analyses))
            held += len(analyses)
        if not in_flight:
            return
        done, _ = wait(list(in_flight), return_when="FIRST_COMPLETED")
        for future in done:
            story, size = in_flight.pop(future)
            held -= size
            try:
                report = future.result()
            except RashomonError:
                raise
            except Exception as exc:  # one story's comparison failing must not stop the others
                fail(InputError(_story_name(story), f"comparison failed ({_one_line(exc)})"))
                continue
            finally:
                future.release()
            store.save_report(report, story_id=story.id)
            summary.reports += 1
            progress()


def _story_name(story: StoredStory) -> str:
    return f"story {story.id}" + (f" ({story.title})" if story.title else "")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
