"""``motcua serve`` as a center runs it, in a subprocess: a saved staff edit survives ``kill -9``;
``motcua users`` and ``motcua purge`` work on the same database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from service_support import KEY, PASSWORD

from api.crypto import Cipher
from api.store import drafts
from api.store.db import make_engine, migrate, session_factory
from ocr.schema import Document, FilledItem, PrefilledForm

MOTCUA = [str(Path(sys.executable).parent / "motcua")]  # the installed console command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "MOTCUA_DATA_DIR": str(tmp_path),
        "MOTCUA_SECRET_KEY": KEY,
        "MOTCUA_LOAD_HELPDESK": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'motcua.db'}",
    }


def motcua(env, *args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([*MOTCUA, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def serve(env, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [*MOTCUA, "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
    process.kill()
    raise AssertionError("motcua serve did not come up")


def a_draft(database_url: str) -> int:
    engine = make_engine(database_url)
    migrate(engine)
    item = FilledItem(
        value="NGUYỄN VĂN AN", confidence=0.9, source="cccd_2021_front.full_name/ocr", agreed=True
    )
    with session_factory(engine)() as db:
        draft = drafts.create(
            db,
            Cipher(KEY.encode()),
            [Document(file="scan-1", document_type="cccd_2021_front")],
            PrefilledForm(form="TK01", fields={"1": item}),
            job_id=None,
        )
        db.commit()
        draft_id = draft.id
    engine.dispose()
    return draft_id


@pytest.mark.slow
def test_a_saved_edit_survives_kill_9(env):
    added = motcua(
        env, "users", "add", "lan", "--role", "staff", "--password-stdin", "--json", stdin=PASSWORD + "\n"
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"username": "lan", "role": "staff"}
    draft_id = a_draft(env["DATABASE_URL"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(env, port)
    try:
        token = httpx.post(f"{base}/api/auth/login", json={"username": "lan", "password": PASSWORD}).json()[
            "token"
        ]
        headers = {"Authorization": f"Bearer {token}"}
        for value in ("NGUYỄN VĂN ÂN", "NGUYỄN VĂN ẤN"):
            saved = httpx.patch(
                f"{base}/api/drafts/{draft_id}", headers=headers, json={"fields": {"1": value}}
            )
            assert saved.status_code == 200
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
        server = serve(env, port)
        after = httpx.get(f"{base}/api/drafts/{draft_id}", headers=headers).json()
        history = httpx.get(f"{base}/api/drafts/{draft_id}/history", headers=headers).json()
    finally:
        server.kill()
        server.wait(timeout=30)
    assert after["fields"]["1"]["value"] == "NGUYỄN VĂN ẤN"
    assert [h["new"] for h in history] == ["NGUYỄN VĂN ÂN", "NGUYỄN VĂN ẤN"]


def test_cli_users_and_purge(env):
    assert (
        motcua(
            env, "users", "add", "minh", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
        ).returncode
        == 0
    )
    again = motcua(env, "users", "add", "minh", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 2 and "already exists" in again.stderr
    short = motcua(env, "users", "passwd", "minh", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least" in short.stderr
    listed = json.loads(motcua(env, "users", "list", "--json").stdout)
    assert listed == {"users": [{"username": "minh", "role": "admin", "active": True}]}
    purged = motcua(env, "purge", "--json")
    assert json.loads(purged.stdout) == {"retention_days": 30, "scans": 0, "drafts": 0}


def test_serve_refuses_to_start_off_loopback_without_a_key(env, tmp_path: Path):
    env = {k: v for k, v in env.items() if k != "MOTCUA_SECRET_KEY"}
    refused = motcua(env, "serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert refused.returncode == 2 and "MOTCUA_SECRET_KEY is required" in refused.stderr
    assert not (tmp_path / "secret.key").exists()
