"""Fixtures for the service tests: the real catalogue, helpdesk and OCR pipeline (loaded once), a
database URL parametrized over SQLite and a throwaway PostgreSQL cluster, and signed-in clients."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from postgres import Cluster, binaries  # noqa: E402
from service_support import make_settings, sign_in  # noqa: E402

from api.app import create_app  # noqa: E402
from api.scan_jobs import ScanPipeline, default_pipeline  # noqa: E402
from api.store.db import make_engine, migrate, session_factory  # noqa: E402
from knowledge.catalogue import default_catalogue  # noqa: E402


@pytest.fixture(scope="session")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="session")
def helpdesk(catalogue):
    from assistant.helpdesk import Helpdesk

    return Helpdesk.load(catalogue=catalogue)


@pytest.fixture(scope="session")
def pipeline() -> ScanPipeline:
    """The real OCR pipeline, remembering what it read from the same bytes (tests upload one card many
    times; each reading costs seconds of Tesseract)."""
    real = default_pipeline()
    read: dict[str, list] = {}

    def extract(name: str, data: bytes) -> list:
        key = hashlib.sha256(data).hexdigest()
        if key not in read:
            read[key] = real.extract("scan", data)
        return [document.model_copy(update={"file": name}) for document in read[key]]

    return dataclasses.replace(real, extract=extract)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | None]:
    bin_dir = binaries()
    if bin_dir is None:
        yield None
        return
    cluster = Cluster(bin_dir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'motcua.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL is not installed (the test command installs it)")
    return cluster.new_database()


@pytest.fixture
def sessions(db_url):
    engine = make_engine(db_url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def make_client(tmp_path, catalogue, helpdesk, pipeline) -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)`` -> a started TestClient over the real catalogue, helpdesk, pipeline;
    OCR runs on a thread pool here (the process pool is exercised in test_jobs.py)."""
    with contextlib.ExitStack() as stack:

        def make(inject: dict | None = None, **overrides) -> TestClient:
            parts = dict(
                catalogue=catalogue, helpdesk=helpdesk, pipeline=pipeline, compute_pool=ThreadPoolExecutor
            )
            app = create_app(make_settings(tmp_path, **overrides), **{**parts, **(inject or {})})
            return stack.enter_context(TestClient(app, base_url="http://127.0.0.1"))

        yield make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.fixture
def staff(client) -> dict[str, str]:
    return sign_in(client, "lan", "staff")


@pytest.fixture
def admin(client) -> dict[str, str]:
    return sign_in(client, "minh", "admin")


@pytest.fixture(scope="session")
def id_card(tmp_path_factory) -> tuple[bytes, dict]:
    """A clean synthetic 2021 CCCD front (JPEG bytes) and its ground truth, made by eval.docgen."""
    from eval.docgen.generate import generate

    out = tmp_path_factory.mktemp("card")
    (record,) = generate(out, 1, 7, ["clean"], ["cccd_2021_front"])
    return (out / record["file"]).read_bytes(), record
