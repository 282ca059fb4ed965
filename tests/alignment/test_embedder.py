"""How many torch threads embedding uses on an idle or a busy machine."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.alignment import MiniLMEmbedder
from rashomon.alignment.embedder import embedding_threads
from rashomon.settings import Settings


def test_an_idle_machine_gives_every_core() -> None:
    # The load average counts the embedding process itself.
    assert embedding_threads(2, 0.2) == 2
    assert embedding_threads(2, 1.0) == 2
    assert embedding_threads(8, 1.3) == 8


def test_cores_busy_with_other_work_are_left_to_it() -> None:
    assert embedding_threads(8, 4.0) == 5
    assert embedding_threads(2, 1.8) == 1
    assert embedding_threads(2, 6.5) == 1  # never fewer than one
    assert embedding_threads(1, 0.0) == 1


@pytest.mark.slow
def test_vectors_do_not_depend_on_the_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    texts = ["The ferry leaves at noon.", "Dock workers blocked the eastern gate for two days."]
    before = torch.get_num_threads()
    try:
        monkeypatch.setenv("OMP_NUM_THREADS", "1")  # an explicit setting is left alone
        torch.set_num_threads(1)
        one = MiniLMEmbedder(Settings()).embed(texts)
        assert torch.get_num_threads() == 1
        torch.set_num_threads(2)
        two = MiniLMEmbedder(Settings()).embed(texts)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
    assert np.allclose(one, two, atol=1e-5)
