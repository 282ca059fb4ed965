"""Where the batch client's memory grows as the stream goes: tracemalloc over ``run_batch``.

    .venv/bin/python bench/client_memory.py [--start 2000] [--marks 4000,8000,12000]
        [--workers 2] [--frames 25] [--top 15] [--data DIR]

The synthetic stream of bench/batch.py (generated at run time, deleted afterwards) runs through
``run_batch`` on a LocalCluster, after a warm-up run. Once ``--start`` articles have been read
(models loaded, caches and the clustering window filled) tracemalloc starts with ``--frames``
frames; at each of ``--marks`` it takes a snapshot (after a garbage collection), and the run
stops after the last one: the report phase is not measured here (bench/batch.py measures it).

Prints the client's RSS and traced memory at each mark, then the growth between the first and
the last mark in bytes per article read and per second, by who allocated it (the innermost
frame that is not the standard library: rashomon, Dask, SQLAlchemy, ...); then the same for
the tracebacks that grew in every interval between marks (the rest is work in flight at a
snapshot), and the largest of those.
tracemalloc makes the client about three times slower, so what grows with time (not with
articles) shows up more per article than in an untraced run, and the RSS includes
tracemalloc's own memory (printed apart); figures are indicative and the machine may be
shared. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import sys
import sysconfig
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from batch import quiet_stderr, write_stream  # noqa: E402
from clustering import seed_documents  # noqa: E402
from rashomon.scale import BatchSummary, dask_client, run_batch  # noqa: E402
from rashomon.settings import get_settings  # noqa: E402
from rashomon.store import open_store  # noqa: E402

KIB = 1024
MIB = 2**20
_STDLIB = sysconfig.get_paths()["stdlib"]


class _Done(Exception):
    """Raised from the progress callback after the last snapshot: the run has been measured."""


@dataclass
class Mark:
    read: int
    rss: int
    traced: int
    #: tracemalloc's own memory (its traces and tracebacks), part of the RSS
    own: int
    seconds: float
    snapshot: tracemalloc.Snapshot


@dataclass
class Tracer:
    """The progress callback: starts tracemalloc, then snapshots at each mark."""

    start: int
    marks: list[int]
    frames: int
    taken: list[Mark] = field(default_factory=list)
    began: float = 0.0

    def __call__(self, summary: BatchSummary) -> None:
        if not tracemalloc.is_tracing():
            if summary.read >= self.start and not self.taken:
                gc.collect()
                tracemalloc.start(self.frames)
                self.began = time.perf_counter()
            return
        if summary.read < self.marks[len(self.taken)]:
            return
        import psutil  # type: ignore[import-untyped]

        gc.collect()
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        traced = tracemalloc.get_traced_memory()[0]
        rss = psutil.Process().memory_info().rss
        own = tracemalloc.get_tracemalloc_memory()
        self.taken.append(
            Mark(summary.read, rss, traced, own, time.perf_counter() - self.began, snapshot)
        )
        print(
            f"  {summary.read} read: RSS {rss / MIB:.1f} MiB, traced {traced / MIB:.1f} MiB, "
            f"tracemalloc's own {own / MIB:.1f} MiB",
            flush=True,
        )
        if len(self.taken) == len(self.marks):
            tracemalloc.stop()
            raise _Done


def owner(frame: tracemalloc.Frame) -> str | None:
    """The package a frame's file belongs to; ``None`` for the standard library."""
    path = frame.filename
    if "site-packages" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/rashomon/" in path:
        return "rashomon"
    if path.startswith(_STDLIB) or path.startswith("<"):
        return None
    return Path(path).name


def who(traceback: tracemalloc.Traceback) -> str:
    """The innermost frame outside the standard library (``stdlib`` if there is none)."""
    for frame in reversed(traceback):  # most recent call last
        name = owner(frame)
        if name is not None:
            return name
    return "stdlib"


def show(traceback: tracemalloc.Traceback, depth: int) -> list[str]:
    """The innermost ``depth`` frames, then the innermost rashomon frame if it is deeper."""
    frames = list(reversed(traceback))
    lines = [f"      {f.filename.split('site-packages/')[-1]}:{f.lineno}" for f in frames[:depth]]
    ours = next((f for f in frames[depth:] if owner(f) == "rashomon"), None)
    if ours is not None:
        lines.append(f"      ... {ours.filename.split('/src/')[-1]}:{ours.lineno}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=2000)
    parser.add_argument("--marks", default="4000,8000,12000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-event", type=int, default=5)
    parser.add_argument("--frames", type=int, default=25)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--depth", type=int, default=4, help="frames shown per traceback")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    marks = sorted(int(m) for m in args.marks.split(",") if m.strip())

    settings = get_settings().replace(dask_workers=args.workers)
    seeds = seed_documents(args.data)
    print(f"load average before: {os.getloadavg()} on {os.cpu_count()} cores (machine shared)")
    tracer = Tracer(args.start, marks, args.frames)
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        folder = Path(tmp)
        stream = folder / "stream.jsonl"
        # a batch or two past the last mark: the run stops there
        write_stream(stream, seeds, marks[-1] + 1000, args.seed, args.per_event)
        warm = folder / "warm.jsonl"
        write_stream(warm, seeds, 4 * args.workers, args.seed + 1, 2)
        with quiet_stderr(), dask_client(None, settings=settings) as client:
            with open_store(folder / "warm.db") as store:
                run_batch(store, [str(warm)], client, settings=settings)
            with open_store(folder / "news.db") as store, contextlib.suppress(_Done):
                run_batch(store, [str(stream)], client, settings=settings, on_progress=tracer)

    first, last = tracer.taken[0], tracer.taken[-1]
    articles = last.read - first.read
    print()
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print(f"{'read':>7}{'RSS MiB':>9}{'traced MiB':>12}{'tracemalloc MiB':>17}{'s':>7}")
    for mark in tracer.taken:
        print(
            f"{mark.read:>7}{mark.rss / MIB:>9.1f}{mark.traced / MIB:>12.1f}"
            f"{mark.own / MIB:>17.1f}{mark.seconds:>7.0f}"
        )
    for a, b in itertools.pairwise(tracer.taken):
        n = b.read - a.read
        print(
            f"  {a.read}-{b.read}: RSS {(b.rss - a.rss) / n:+.0f} B/article "
            f"(tracemalloc's own {(b.own - a.own) / n:+.0f}), "
            f"traced {(b.traced - a.traced) / n:+.0f} B/article"
        )

    diffs = last.snapshot.compare_to(first.snapshot, "traceback")
    print()
    print(f"Traced growth {first.read}-{last.read} ({articles} articles), by allocator:")
    table(diffs, articles, last.seconds - first.seconds)
    # a traceback that grew in every interval grows with the run; one that grew in one
    # and shrank in another is work in flight at a snapshot (batches, results, buffers)
    steady = steady_growth(tracer.taken)
    print()
    print("Of it, what grew in every interval (the lowest rate of the intervals):")
    table(steady, articles, last.seconds - first.seconds)
    print()
    print(f"Largest steady growths by traceback (innermost {args.depth} frames first):")
    for diff in sorted(steady, key=lambda d: -d.size_diff)[: args.top]:
        print(
            f"  {diff.size_diff / KIB:+.1f} KiB ({diff.size_diff / articles:+.1f} B/article), "
            f"{diff.count_diff:+d} blocks [{who(diff.traceback)}]"
        )
        print("\n".join(show(diff.traceback, args.depth)))


def table(diffs: list[tracemalloc.StatisticDiff], articles: int, seconds: float) -> None:
    """Growth per allocator: KiB, bytes per article read and per second of the run."""
    by_owner: Counter[str] = Counter()
    blocks: Counter[str] = Counter()
    for diff in diffs:
        by_owner[who(diff.traceback)] += diff.size_diff
        blocks[who(diff.traceback)] += diff.count_diff
    print(f"{'who':>16}{'KiB':>10}{'B/article':>11}{'B/s':>8}{'blocks':>9}")
    for name, size in by_owner.most_common():
        if abs(size) >= 1024:
            print(
                f"{name:>16}{size / KIB:>10.1f}{size / articles:>11.1f}"
                f"{size / seconds:>8.0f}{blocks[name]:>9}"
            )
    print(f"{'total':>16}{sum(by_owner.values()) / KIB:>10.1f}")


def steady_growth(marks: list[Mark]) -> list[tracemalloc.StatisticDiff]:
    """Tracebacks that grew between every two marks, each at its lowest rate per article
    of the intervals, scaled to the whole span."""
    total = marks[-1].read - marks[0].read
    rates: dict[tracemalloc.Traceback, list[tuple[float, float]]] = {}
    for a, b in itertools.pairwise(marks):
        n = b.read - a.read
        for diff in b.snapshot.compare_to(a.snapshot, "traceback"):
            rates.setdefault(diff.traceback, []).append((diff.size_diff / n, diff.count_diff / n))
    steady = []
    for traceback, found in rates.items():
        if len(found) == len(marks) - 1 and all(size > 0 for size, _ in found):
            size = min(s for s, _ in found) * total
            count = min(c for _, c in found) * total
            steady.append(tracemalloc.StatisticDiff(traceback, 0, round(size), 0, round(count)))
    return steady


if __name__ == "__main__":
    main()
