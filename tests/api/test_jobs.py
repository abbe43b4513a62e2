"""The embedded job queue: rows in the jobs table are the truth, a restart fails interrupted jobs with
a reason and resumes queued ones, and the real OCR runs in a spawned worker process."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from service_support import KEY

from api.crypto import Cipher
from api.jobs import INTERRUPTED, EmbeddedJobQueue, JobFailed
from api.scan_jobs import EXTRACT, default_pipeline, extract_handler
from api.store import scans
from api.store.models import Job


def wait(queue, job_id, timeout=120.0):
    import time

    deadline = time.monotonic() + timeout
    while (info := queue.status(job_id)).status in ("queued", "running"):
        assert time.monotonic() < deadline, info
        time.sleep(0.05)
    return info


def worker_pid() -> int:
    return os.getpid()


def test_progress_result_and_failure_are_recorded(sessions):
    def count(payload, ctx):
        for i in range(payload["n"]):
            ctx.progress((i + 1) / payload["n"])
        if payload["n"] == 0:
            raise JobFailed("nothing to count")
        return {"counted": payload["n"]}

    queue = EmbeddedJobQueue(sessions, {"count": count}, compute_pool=ThreadPoolExecutor)
    try:
        done = wait(queue, queue.submit("count", {"n": 3}))
        assert (done.status, done.progress, done.result) == ("done", 1.0, {"counted": 3})
        failed = wait(queue, queue.submit("count", {"n": 0}))
        assert (failed.status, failed.error) == ("failed", "nothing to count")
        with pytest.raises(ValueError, match="no handler"):
            queue.submit("unknown", {})
    finally:
        queue.close()


def test_a_crashing_handler_fails_its_job_without_leaking_the_message(sessions):
    def crash(payload, ctx):
        raise RuntimeError("NGUYỄN VĂN AN 001090123456")

    queue = EmbeddedJobQueue(sessions, {"crash": crash}, compute_pool=ThreadPoolExecutor)
    try:
        info = wait(queue, queue.submit("crash", {}))
    finally:
        queue.close()
    assert info.status == "failed" and info.error == "internal error (RuntimeError)"


def test_a_restart_fails_interrupted_jobs_and_resumes_queued_ones(sessions):
    with sessions() as db:
        db.add_all(
            [
                Job(id="was-running", kind="echo", status="running", payload={}),
                Job(id="was-queued", kind="echo", status="queued", payload={"x": 1}),
            ]
        )
        db.commit()
    ran = threading.Event()

    def echo(payload, ctx):
        ran.set()
        return payload

    queue = EmbeddedJobQueue(sessions, {"echo": echo}, compute_pool=ThreadPoolExecutor)
    try:
        queue.start()
        resumed = wait(queue, "was-queued")
        interrupted = queue.status("was-running")
    finally:
        queue.close()
    assert ran.is_set() and (resumed.status, resumed.result) == ("done", {"x": 1})
    assert (interrupted.status, interrupted.error) == ("failed", INTERRUPTED)


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the store is covered on both elsewhere
def test_ocr_runs_in_a_spawned_worker_process(sessions, id_card):
    cipher = Cipher(KEY.encode())
    with sessions() as db:
        scan_ids = scans.save(db, cipher, [scans.Upload("image/jpeg", id_card[0])], None)
        db.commit()
    queue = EmbeddedJobQueue(sessions, {EXTRACT: extract_handler(sessions, cipher, default_pipeline())})
    try:
        assert queue._compute_pool().submit(worker_pid).result() != os.getpid()
        info = wait(queue, queue.submit(EXTRACT, {"scans": scan_ids, "form": "TK01"}), timeout=300)
    finally:
        queue.close()
    assert info.status == "done", info.error
    with sessions() as db:
        from api.store import drafts

        draft = drafts.read(db, cipher, info.result["draft"], user_id=None)
    truth = id_card[1]["fields"]
    assert draft.form == "TK01" and draft.fields["4"].value == truth["id_number"]
