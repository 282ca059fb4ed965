"""Connecting to Dask: a LocalCluster on this machine by default, a real cluster by address."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rashomon.errors import ConfigError
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from distributed import Client


#: Dask keeps the last ``low-level-log-length`` (1,000) messages of every comm stream for
#: debugging, payloads included: each batch of articles sent, twice in a local run (client
#: to scheduler, scheduler to worker). Over a stream that held about 7 KB an article in the
#: client until a thousand batches per worker had gone by (bench/batch.py); a short log
#: keeps the client's memory flat. The same setting caps the local scheduler's transition
#: log, so ``client.story(key)`` remembers only the last 20 transitions.
_SHORT_LOGS = {"distributed.admin.low-level-log-length": 20}

#: Every Dask server (the local scheduler and the workers' nannies run in this process)
#: samples its CPU, memory, I/O and GIL contention twice a second into a history of 7,200
#: samples, an hour, for the dashboard: about 1.4 KB a second in this process, most of what
#: the client grew during a long batch until the hour was full (bench/client_memory.py). A
#: minute of it is kept.
_SHORT_MONITOR = {"distributed.admin.system-monitor.log-length": 120}

#: Dask starts workers with ``MALLOC_TRIM_THRESHOLD_`` set, to hand freed memory back to the
#: system. Setting it also stops glibc from raising its mmap threshold, so every array of
#: 128 KiB or more (spaCy's layers make many of a few MiB per batch) is mapped, faulted in
#: page by page and unmapped again: a worker spent about 20% more CPU per article analysed
#: (bench/analysis_cpu.py). Arrays up to 32 MiB come from the heap instead; trimming stays on.
_MMAP_THRESHOLD = {"MALLOC_MMAP_THRESHOLD_": 32 * 2**20}


#: glibc's ``mallopt`` parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def return_freed_memory() -> bool:
    """Make glibc hand memory this process frees back to the system at once, as Dask's
    ``MALLOC_TRIM_THRESHOLD_`` does in its workers: blocks of 128 KiB or more are mapped
    apart and unmapped when freed, and free memory over 64 KiB at the top of a heap is
    trimmed. False (nothing changed) where malloc is not glibc's.

    The client process holds the local scheduler and reads every batch's results off the
    wire, in buffers of a few KiB to a few MiB. After the first large buffer is freed glibc
    raises its mmap threshold and serves the later ones from the heap of the thread that
    asks, which keeps their pages when they are freed. Over a 100k stream (bench/batch.py)
    the client's RSS rose 4.7 MiB from 20,000 to 40,000 articles, most of it in one thread's
    heap (its smaps); ``malloc_trim`` then gave 5.6 MiB back, regained within 6,000 articles.
    With these thresholds set in the running client (gdb) at 46,000 articles it rose 1.5 MiB
    from 60,000 to 100,000 (0.04 KiB an article), none of it in the heaps.
    """
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False  # not glibc (musl, macOS)
    if not hasattr(libc, "gnu_get_libc_version"):
        return False
    trim = libc.mallopt(_M_TRIM_THRESHOLD, 64 * 2**10)
    mmap = libc.mallopt(_M_MMAP_THRESHOLD, 128 * 2**10)
    return bool(trim and mmap)


def _worker_environment() -> dict[str, object]:
    import dask
    import distributed  # noqa: F401  # its defaults join Dask's configuration on import

    # the whole mapping: setting one key of it by a dotted name would drop Dask's others
    # (OPENBLAS_NUM_THREADS=1 among them)
    return {**dask.config.get("distributed.nanny.pre-spawn-environ", {}), **_MMAP_THRESHOLD}


@contextmanager
def dask_client(
    scheduler: str | None = None, *, settings: Settings | None = None
) -> Iterator[Client]:
    """A Dask client for the duration of the ``with`` block.

    ``scheduler`` is an address such as ``tcp://10.0.0.5:8786``; without one a LocalCluster of
    ``settings.dask_workers`` single-threaded worker processes is started on loopback and shut
    down afterwards. Raises :class:`ConfigError` when the scheduler cannot be reached.
    """
    settings = settings or get_settings()
    import dask
    from distributed import Client, LocalCluster

    if settings.dask_client_return_memory:
        return_freed_memory()

    if scheduler is None:
        with (
            # Dask's statistical profiler samples every worker thread 100 times a second, for
            # a dashboard a local run does not show: about 5% of a worker's CPU (bench/batch.py).
            dask.config.set(
                {
                    "distributed.worker.profile.enabled": False,
                    **_SHORT_LOGS,
                    **_SHORT_MONITOR,
                    "distributed.nanny.pre-spawn-environ": _worker_environment(),
                }
            ),
            LocalCluster(
                n_workers=settings.dask_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # never a fixed, public port
                # Dask's own log stays quiet: a worker slow to stop at shutdown, or Ctrl-C
                # cancelling its calls, is not the user's problem; task errors still reach
                # the caller through their futures.
                silence_logs=logging.CRITICAL,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    with dask.config.set(_SHORT_LOGS):  # a reconnection's comm too
        try:
            client = Client(scheduler, timeout=settings.dask_connect_timeout)
        except OSError as exc:
            raise ConfigError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from exc
        with client:
            yield client
