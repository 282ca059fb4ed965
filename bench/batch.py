"""`rashomon batch` end to end on a local Dask cluster: articles/s and peak memory by stream size.

    .venv/bin/python bench/batch.py [--sizes 1000,10000,100000] [--workers 2] [--data DIR]

For each size a synthetic stream is generated at run time from the shared corpora (BASIL and
ECB+ sentences recombined, as in bench/clustering.py: ``--per-event`` reports per event, one
in ten a wire copy) and written to a JSONL file in a temporary folder, deleted afterwards;
no text is kept. The whole pipeline (read, store in a fresh SQLite file, analyse and compute
clustering features on the workers, group into stories, compare every story of 2+ articles
and store the reports) runs through ``run_batch`` on a LocalCluster of ``--workers``
single-threaded worker processes, after a warm-up run that loads the models on every worker.

Memory: the RSS of the client process and of each worker process, sampled every half second
(psutil over this process and its children), reported as peaks, at each fifth of the stream
and after every 1,000 reports, so a growing stream shows whether memory stays flat. CPU: the
user and system time of the client process (the local scheduler runs in it) and of the
workers over the measured run, in milliseconds per article; steadier than articles/s when the
machine is shared.
Beside it, plain spaCy parses the same texts with its full pipeline in ``--workers``
processes (``nlp.pipe``), in the same run; the ratio is pipeline articles/s over spaCy
articles/s. Prints a table with the load average; the machine may be shared, so figures are
indicative. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clustering import iter_synthetic_stream, seed_documents  # noqa: E402
from rashomon.scale import BatchSummary, dask_client, run_batch  # noqa: E402
from rashomon.settings import Settings, get_settings  # noqa: E402
from rashomon.store import open_store  # noqa: E402

MIB = 2**20


class MemorySampler:
    """Peak RSS of this process and of its child processes (the Dask workers), sampled."""

    def __init__(self, interval: float = 0.5) -> None:
        import psutil  # type: ignore[import-untyped]

        self._me = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.client_peak = 0
        self.worker_peak = 0  # the largest worker
        self.workers_peak = 0  # all workers together

    def sample(self) -> tuple[int, int]:
        """(client RSS, largest worker RSS) now, and the peaks updated."""
        import psutil

        client = self._me.memory_info().rss
        workers = []
        for child in self._me.children(recursive=True):
            try:
                workers.append(child.memory_info().rss)
            except psutil.Error:
                continue
        self.client_peak = max(self.client_peak, client)
        self.worker_peak = max([self.worker_peak, *workers])
        self.workers_peak = max(self.workers_peak, sum(workers))
        return client, max(workers, default=0)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def write_stream(
    path: Path, seeds: list[tuple[str, list[str]]], count: int, seed: int, per_event: int
) -> int:
    """The synthetic stream as JSONL, one article at a time; returns its words."""
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for article, _ in iter_synthetic_stream(
            seeds, count, random.Random(seed), per_event=per_event
        ):
            words += len(article.text.split())
            record = {
                "text": article.text,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def spacy_rate(path: Path, limit: int, n_process: int, settings: Settings) -> tuple[int, float]:
    """(articles, seconds) of plain full-pipeline spaCy over the first ``limit`` texts."""
    from rashomon.analysis import load_pipeline

    nlp = load_pipeline(settings)
    texts = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return len(texts), time.perf_counter() - start


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Dask's shutdown chatter stays out of the table."""
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class Checkpoints:
    """Memory at each fifth of the stream and every ``report_step`` reports after it, taken
    from the run's progress callback and printed as taken (a 100k run takes hours)."""

    def __init__(self, size: int, memory: MemorySampler, report_step: int = 1000) -> None:
        self.step = max(1, size // 5)
        self.next = self.step
        self.report_step = report_step
        self.next_report = report_step
        self.memory = memory
        self.marks: list[tuple[int, int, int]] = []
        self.report_marks: list[tuple[int, int, int]] = []

    def __call__(self, summary: BatchSummary) -> None:
        if summary.read >= self.next:
            self.marks.append((summary.read, *self.memory.sample()))
            self._show("articles read", self.marks[-1])
            self.next += self.step
        if summary.reports >= self.next_report:
            self.report_marks.append((summary.reports, *self.memory.sample()))
            self._show("reports stored", self.report_marks[-1])
            self.next_report += self.report_step

    @staticmethod
    def _show(what: str, mark: tuple[int, int, int]) -> None:
        count, client, worker = mark
        print(
            f"    {count} {what}: client {client / MIB:.0f} MiB, largest worker {worker / MIB:.0f}",
            flush=True,
        )


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its children alive."""
    import psutil

    me = psutil.Process()
    workers = 0.0
    for child in me.children(recursive=True):
        try:
            workers += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return sum(me.cpu_times()[:2]), workers


@dataclass
class SizeRun:
    """One stream size's figures."""

    size: int
    words: int
    summary: BatchSummary
    seconds: float
    spacy_articles: int
    spacy_seconds: float
    memory: MemorySampler
    checkpoints: list[tuple[int, int, int]]
    #: The same after every 1,000 reports.
    report_checkpoints: list[tuple[int, int, int]]
    #: CPU seconds of the measured run: client process (scheduler included), workers.
    cpu: tuple[float, float]


def run_size(
    size: int, seeds: list[tuple[str, list[str]]], args: argparse.Namespace, settings: Settings
) -> SizeRun:
    """One stream of ``size`` articles through the batch pipeline, then through plain spaCy."""
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        folder = Path(tmp)
        stream = folder / "stream.jsonl"
        words = write_stream(stream, seeds, size, args.seed, args.per_event)
        warm = folder / "warm.jsonl"
        write_stream(warm, seeds, 4 * args.workers, args.seed + 1, 2)
        with (
            quiet_stderr(),
            MemorySampler() as memory,
            dask_client(None, settings=settings) as client,
        ):
            with open_store(folder / "warm.db") as store:
                run_batch(store, [str(warm)], client, settings=settings)
            checkpoints = Checkpoints(size, memory)
            start, cpu_start = time.perf_counter(), cpu_seconds()
            with open_store(folder / "news.db") as store:
                summary = run_batch(
                    store, [str(stream)], client, settings=settings, on_progress=checkpoints
                )
            seconds, cpu_end = time.perf_counter() - start, cpu_seconds()
        n, spacy_seconds = spacy_rate(stream, args.spacy_articles, args.workers, settings)
    cpu = (cpu_end[0] - cpu_start[0], cpu_end[1] - cpu_start[1])
    return SizeRun(
        size,
        words,
        summary,
        seconds,
        n,
        spacy_seconds,
        memory,
        checkpoints.marks,
        checkpoints.report_marks,
        cpu,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-event", type=int, default=5)
    parser.add_argument("--spacy-articles", type=int, default=500, help="texts spaCy parses")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    settings = get_settings().replace(dask_workers=args.workers)
    seeds = seed_documents(args.data)
    print(f"load average before: {os.getloadavg()} on {os.cpu_count()} cores (machine shared)")
    rows = []
    for size in sizes:
        rows.append(run_size(size, seeds, args, settings))
        print(f"  {size} articles done in {rows[-1].seconds:.0f} s: {rows[-1].summary.line()}")

    print()
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print(
        f"{'articles':>9}{'words':>10}{'stories':>9}{'reports':>9}{'seconds':>9}"
        f"{'art/s':>8}{'spaCy art/s':>13}{'ratio':>7}{'client MiB':>12}{'worker MiB':>12}"
        f"{'workers MiB':>13}{'CPU ms/art':>12}{'client':>8}{'workers':>9}"
    )
    for row in rows:
        rate = row.size / row.seconds
        spacy = row.spacy_articles / row.spacy_seconds
        memory, summary = row.memory, row.summary
        client_ms, workers_ms = (1000 * c / row.size for c in row.cpu)
        print(
            f"{row.size:>9}{row.words:>10}{summary.stories:>9}{summary.reports:>9}"
            f"{row.seconds:>9.0f}{rate:>8.1f}{spacy:>13.1f}{rate / spacy:>7.2f}"
            f"{memory.client_peak / MIB:>12.0f}{memory.worker_peak / MIB:>12.0f}"
            f"{memory.workers_peak / MIB:>13.0f}{client_ms + workers_ms:>12.0f}"
            f"{client_ms:>8.0f}{workers_ms:>9.0f}"
        )
    print()
    print("RSS while the stream goes (MiB): articles read, client, largest worker")
    for row in rows:
        marks = ", ".join(f"{r}: {c / MIB:.0f}/{w / MIB:.0f}" for r, c, w in row.checkpoints)
        print(f"  {row.size}: {marks}")
    print("RSS while the reports are made (MiB): reports stored, client, largest worker")
    for row in rows:
        marks = ", ".join(f"{r}: {c / MIB:.0f}/{w / MIB:.0f}" for r, c, w in row.report_checkpoints)
        print(f"  {row.size}: {marks or '-'}")


if __name__ == "__main__":
    main()
