"""Where artefacts are cached, and how concurrent builders take turns."""

from __future__ import annotations

import threading
import time

from knowledge.paths import build_dir, build_lock


def test_build_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MOTCUA_BUILD_DIR", str(tmp_path / "cache"))
    assert build_dir() == tmp_path / "cache"
    assert build_dir().is_dir()


def test_a_second_builder_waits_for_the_first(tmp_path):
    artefact = tmp_path / "index.faiss"
    events: list[str] = []
    first_holds = threading.Event()

    def first() -> None:
        with build_lock(artefact):
            first_holds.set()
            time.sleep(0.3)
            events.append("first done")

    def second() -> None:
        first_holds.wait()
        with build_lock(artefact):
            events.append("second starts")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert events == ["first done", "second starts"]
