"""What the routes need, built once per process: database, cipher, catalogue, helpdesk, job queue,
rate limiters. Anything may be injected (tests, other deployments); the rest is built from settings."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.crypto import Cipher
from api.jobs import EmbeddedJobQueue, JobQueue
from api.procedure_search import LexicalIndex
from api.ratelimit import RateLimiter, TokenBucket
from api.scan_jobs import EXTRACT, ScanPipeline, default_pipeline, extract_handler
from api.settings import Settings
from api.store.db import make_engine, migrate, session_factory

log = logging.getLogger(__name__)


@dataclass
class HelpdeskSlot:
    """The helpdesk loads in the background; until then chat answers 503 and /healthz says so.

    ``turns`` admits as many questions at once as there are cores: answering is CPU-bound (the query
    embedding), and forty request threads contending for two cores answer everyone more slowly.
    """

    helpdesk: Any = None
    state: str = "loading"  # loading | ready | unavailable
    error: str = ""
    turns: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
    )

    def set(self, helpdesk: Any) -> None:
        self.helpdesk, self.state = helpdesk, "ready"

    def fail(self, error: str) -> None:
        self.state, self.error = "unavailable", error


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    cipher: Cipher
    catalogue: Any  # knowledge.catalogue.Catalogue
    procedure_index: LexicalIndex
    helpdesk: HelpdeskSlot
    jobs: JobQueue
    pipeline: ScanPipeline | None
    public_limiter: RateLimiter
    login_limiter: RateLimiter


def build(
    settings: Settings,
    *,
    catalogue: Any = None,
    helpdesk: Any = None,
    pipeline: ScanPipeline | None = None,
    jobs: JobQueue | None = None,
    compute_pool: Callable[[], Executor] | None = None,
) -> Services:
    """Everything but the helpdesk, which ``load_helpdesk`` fills in (slow: models and index)."""
    engine = make_engine(settings.resolved_database_url())
    migrate(engine)
    sessions = session_factory(engine)
    cipher = Cipher(settings.encryption_key())
    if catalogue is None:
        from knowledge.catalogue import default_catalogue

        catalogue = default_catalogue()
    if pipeline is None:
        pipeline = _optional_pipeline()
    slot = HelpdeskSlot()
    if helpdesk is not None:
        slot.set(helpdesk)
    elif not settings.load_helpdesk:
        slot.fail("the helpdesk is switched off (MOTCUA_LOAD_HELPDESK=0)")
    if jobs is None:
        handlers = {EXTRACT: extract_handler(sessions, cipher, pipeline)} if pipeline else {}
        jobs = EmbeddedJobQueue(sessions, handlers, workers=settings.workers, compute_pool=compute_pool)
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        cipher=cipher,
        catalogue=catalogue,
        procedure_index=LexicalIndex(catalogue.procedures),
        helpdesk=slot,
        jobs=jobs,
        pipeline=pipeline,
        public_limiter=TokenBucket(settings.rate_per_minute, settings.rate_burst),
        login_limiter=TokenBucket(settings.login_rate_per_minute, 5),
    )


def _optional_pipeline() -> ScanPipeline | None:
    try:
        return default_pipeline()
    except ImportError as exc:  # scans are switched off, the rest of the service runs
        log.warning("scan pipeline unavailable: %s", exc)
        return None


def load_helpdesk(slot: HelpdeskSlot, catalogue: Any) -> None:
    """Load models and index once (seconds) over the service's catalogue; on a background thread."""
    if slot.state != "loading":
        return
    try:
        from assistant.helpdesk import Helpdesk

        slot.set(Helpdesk.load(catalogue=catalogue))
    except Exception as exc:  # the service stays up for the catalogue, scans and staff
        log.exception("the helpdesk could not load")
        slot.fail(f"{type(exc).__name__}: {exc}")
