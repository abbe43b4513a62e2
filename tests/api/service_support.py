"""Helpers the service tests import (conftest.py is not importable by name when several test folders
have one): the test key and password, settings over a temporary folder, signing in, waiting for a job."""

from __future__ import annotations

import time
from pathlib import Path

from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from api.settings import Settings
from api.store.users import add_user

KEY = Fernet.generate_key().decode()
PASSWORD = "correct horse battery"


def make_settings(tmp_path: Path, **overrides) -> Settings:
    values = dict(
        development=True,
        data_dir=tmp_path,
        secret_key=KEY,
        database_url=f"sqlite:///{tmp_path / 'motcua.db'}",
        rate_per_minute=0,
        load_helpdesk=False,
        purge_interval_s=3600,
    )
    return Settings(**{**values, **overrides})


def sign_in(client: TestClient, username: str, role: str) -> dict[str, str]:
    """Create the user and sign in; the bearer header for it."""
    with client.app.state.services.sessions() as db:
        add_user(db, username, PASSWORD, role)
    response = client.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.cookies.clear()  # tests choose cookie or bearer explicitly
    return {"Authorization": f"Bearer {response.json()['token']}"}


def wait_for_job(client: TestClient, headers: dict, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")
