"""Time `rashomon compare` on the bundled example story and report peak memory.

    .venv/bin/python bench/compare_example.py [--repeat 5]

Cold: a fresh `rashomon compare` process each run (imports, model loading, analysis).
Warm: `rashomon.compare()` called again in one process once models are loaded.
Prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.cli import EXAMPLE_FILES, EXAMPLE_STORY  # noqa: E402

EXAMPLE = [str(ROOT / "src" / "rashomon" / "examples" / EXAMPLE_STORY / f) for f in EXAMPLE_FILES]


def cold_runs(repeat: int) -> tuple[list[float], float]:
    """Wall times of fresh processes, and the largest peak RSS (MiB) among them."""
    times = []
    cmd = [sys.executable, "-m", "rashomon", "compare", *EXAMPLE, "--format", "json"]
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak_kib / 1024


def warm_runs(repeat: int) -> tuple[list[float], float, int, int]:
    """Wall times of in-process compare() after a first call; peak RSS (MiB); sizes."""
    import rashomon

    articles, errors = rashomon.load_sources(EXAMPLE)
    assert not errors, errors
    report = rashomon.compare(articles)  # loads the models
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = rashomon.compare(articles)
        times.append(time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    statements = sum(len(u.members) for u in report.units)
    words = sum(len(a.text.split()) for a in articles)
    return times, peak_kib / 1024, statements, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    cold, cold_peak = cold_runs(max(1, args.repeat // 2))
    warm, warm_peak, statements, words = warm_runs(args.repeat)

    print(f"example story: {len(EXAMPLE)} documents, {words} words, {statements} statements")
    print(f"{'run':<28}{'median s':>10}{'min s':>10}{'peak RSS MiB':>15}")
    print(
        f"{'cold (new process)':<28}{statistics.median(cold):>10.2f}{min(cold):>10.2f}"
        f"{cold_peak:>15.0f}"
    )
    print(
        f"{'warm (in-process compare)':<28}{statistics.median(warm):>10.3f}{min(warm):>10.3f}"
        f"{warm_peak:>15.0f}"
    )


if __name__ == "__main__":
    main()
