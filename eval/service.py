"""A throwaway ``motcua serve`` on a free loopback port, for the evaluations that drive the service
over HTTP (load, API checks): its own data folder and database, the public rate limit off (every
simulated client shares one address), stopped and erased on exit."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

MOTCUA = str(Path(sys.executable).parent / "motcua")


class LocalService:
    def __init__(self, env: dict[str, str] | None = None, ready_timeout: float = 300.0) -> None:
        self._extra_env = env or {}
        self._timeout = ready_timeout

    def __enter__(self) -> LocalService:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = Path(tempfile.mkdtemp(prefix="motcua-eval-"))
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "MOTCUA_DATA_DIR": str(self.data_dir),
            "MOTCUA_DEVELOPMENT": "1",
            "MOTCUA_RATE_PER_MINUTE": "0",
            **self._extra_env,
        }
        command = [MOTCUA, "serve", "--port", str(self.port), "--log-level", "warning"]
        self.process = subprocess.Popen(command, env=self.env)
        self.helpdesk = self._wait_ready()
        return self

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _wait_ready(self) -> str:
        """The helpdesk's state once it has stopped loading (ready | unavailable)."""
        deadline = time.monotonic() + self._timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"motcua serve exited with status {self.process.returncode}")
            try:
                state = httpx.get(f"{self.url}/healthz", timeout=5).json()["helpdesk"]
                if state != "loading":
                    return state
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"motcua serve was not ready after {self._timeout:.0f} s")

    def add_user(self, username: str, password: str, role: str) -> None:
        subprocess.run(
            [MOTCUA, "users", "add", username, "--role", role, "--password-stdin"],
            env=self.env,
            input=password + "\n",
            text=True,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def token(self, username: str, password: str) -> str:
        response = httpx.post(f"{self.url}/api/auth/login", json={"username": username, "password": password})
        response.raise_for_status()
        return response.json()["token"]
