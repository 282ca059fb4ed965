"""The batch client hands memory it frees back to the system (glibc's malloc, in a fresh
process each time: the thresholds are process-wide)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# A client-like pattern: large buffers (a batch's results off the wire), every other one
# freed while the rest stay, after one large buffer was freed early on.
_PROGRAM = """
import sys
from rashomon.scale.cluster import return_freed_memory

def rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024

changed = return_freed_memory() if sys.argv[1] == "return" else False
early = bytes(1_000_000)
del early
buffers = [b"x" * 300_000 for _ in range(200)]
before = rss_mib()
del buffers[::2]
print(changed, before - rss_mib())
"""


def freed_mib(mode: str) -> tuple[bool, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, mode], capture_output=True, text=True, check=True
    )
    changed, freed = done.stdout.split()
    return changed == "True", float(freed)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_buffers_the_client_frees_go_back_to_the_system() -> None:
    changed, returned = freed_mib("return")
    assert changed
    assert returned > 25, "the 29 MiB of buffers freed are handed back"
    _, kept = freed_mib("default")
    assert kept < 5, "glibc's default keeps them: what the setting is for"
