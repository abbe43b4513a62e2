"""Work off the request path. ``JobQueue`` is the small interface the routes use; the embedded
default runs handlers on a thread pool, their CPU-heavy steps on a process pool, and keeps every job
as a row in the ``jobs`` table so that a restart resumes queued jobs and marks interrupted ones failed.

A province-wide deployment can implement ``JobQueue`` over an existing task queue whose workers run
the same handlers on other machines; the rows stay the source of truth for status and progress.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from api.store.db import as_utc
from api.store.models import Job, utcnow

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]
INTERRUPTED = "interrupted by a restart of the service; submit the scans again"


class JobInfo(BaseModel):
    id: str
    kind: str
    status: JobStatus
    progress: float  # 0..1
    error: str = ""
    result: dict[str, Any] = {}
    created_at: datetime
    updated_at: datetime


class JobFailed(Exception):
    """Raised by a handler to fail its job with a message for staff (no personal data in it)."""


class UnknownJob(LookupError):
    pass


class JobContext(Protocol):
    job_id: str

    def progress(self, fraction: float) -> None: ...

    def compute(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a CPU-heavy, picklable top-level function in the worker pool and return its result."""
        ...


# payload (ids only, JSON) + context -> result (JSON)
Handler = Callable[[dict[str, Any], JobContext], dict[str, Any]]


class JobQueue(Protocol):
    def submit(self, kind: str, payload: dict[str, Any], created_by: int | None = None) -> str: ...

    def status(self, job_id: str) -> JobInfo: ...

    def start(self) -> None:
        """Begin work: resume queued jobs, fail the ones a restart interrupted."""
        ...

    def close(self) -> None: ...


def job_info(db: Session, job_id: str) -> JobInfo:
    job = db.get(Job, job_id)
    if job is None:
        raise UnknownJob(f"no job {job_id}")
    return JobInfo(
        id=job.id,
        kind=job.kind,
        status=job.status,
        progress=job.progress,
        error=job.error,
        result=job.result or {},
        created_at=as_utc(job.created_at),
        updated_at=as_utc(job.updated_at),
    )


class _Context:
    def __init__(self, queue: EmbeddedJobQueue, job_id: str) -> None:
        self.job_id = job_id
        self._queue = queue

    def progress(self, fraction: float) -> None:
        self._queue._set(self.job_id, progress=max(0.0, min(1.0, fraction)))

    def compute(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._queue._compute_pool().submit(fn, *args).result()


class EmbeddedJobQueue:
    """The no-broker default: threads orchestrate, ``workers`` spawned processes compute."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        handlers: dict[str, Handler],
        workers: int = 1,
        compute_pool: Callable[[], Executor] | None = None,
    ) -> None:
        self._sessions = sessions
        self._handlers = handlers
        self._threads = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="motcua-job")
        self._make_pool = compute_pool or (
            lambda: ProcessPoolExecutor(
                max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn")
            )
        )
        self._pool: Executor | None = None
        self._pool_lock = threading.Lock()

    def submit(self, kind: str, payload: dict[str, Any], created_by: int | None = None) -> str:
        if kind not in self._handlers:
            raise ValueError(f"no handler for job kind {kind!r}")
        job_id = str(uuid.uuid4())
        with self._sessions() as db:
            db.add(Job(id=job_id, kind=kind, status="queued", payload=payload, created_by=created_by))
            db.commit()
        self._threads.submit(self._run, job_id)
        return job_id

    def status(self, job_id: str) -> JobInfo:
        with self._sessions() as db:
            return job_info(db, job_id)

    def start(self) -> None:
        with self._sessions() as db:
            failed = db.execute(
                update(Job)
                .where(Job.status == "running")
                .values(status="failed", error=INTERRUPTED, updated_at=utcnow())
            ).rowcount
            queued = list(db.scalars(select(Job.id).where(Job.status == "queued").order_by(Job.created_at)))
            db.commit()
        if failed or queued:
            log.info(
                "jobs after restart: %d interrupted marked failed, %d queued resumed", failed, len(queued)
            )
        for job_id in queued:
            self._threads.submit(self._run, job_id)

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _compute_pool(self) -> Executor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = self._make_pool()
            return self._pool

    def _set(self, job_id: str, **values: Any) -> None:
        with self._sessions() as db:
            db.execute(update(Job).where(Job.id == job_id).values(updated_at=utcnow(), **values))
            db.commit()

    def _run(self, job_id: str) -> None:
        with self._sessions() as db:
            job = db.get(Job, job_id)
            if job is None or job.status != "queued":
                return
            kind, payload = job.kind, dict(job.payload or {})
        self._set(job_id, status="running")
        try:
            result = self._handlers[kind](payload, _Context(self, job_id))
        except JobFailed as exc:
            self._set(job_id, status="failed", error=str(exc))
        except Exception as exc:  # a bug or a broken worker: fail the job, keep the service up
            log.exception("job %s (%s) crashed", job_id, kind)
            self._set(job_id, status="failed", error=f"internal error ({type(exc).__name__})")
        else:
            self._set(job_id, status="done", progress=1.0, result=result)
