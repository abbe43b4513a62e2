"""The pages against the real service: ``motcua serve`` in a subprocess on a free loopback port with a
throwaway database, driven by Debian's Chromium through Playwright. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
MOTCUA = Path(sys.executable).with_name("motcua")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"kiosk": (1920, 1080), "phone": (390, 844), "desktop": (1366, 900)}
START_TIMEOUT_S = 60
# The helpdesk loads in the background; the first run on a machine builds its index (minutes on 2
# cores, then cached in the build folder). Only the tests that chat wait for it.
HELPDESK_TIMEOUT_S = 1200


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: str


STAFF = Account("reception", "reception-password-1", "staff")
ADMIN = Account("manager", "manager-password-1", "admin")


@dataclass(frozen=True)
class Service:
    url: str
    log: Path | None  # the service's output (None for an external service)
    portal_origin: str  # another origin the service admits for the widget (CORS allow-list)

    def helpdesk_ready(self) -> None:
        """Wait for the helpdesk; fail (not skip) a chat test when it does not load: the pages need it."""
        deadline = time.monotonic() + HELPDESK_TIMEOUT_S
        state = "unreachable"
        while time.monotonic() < deadline:
            state = (_health(self.url) or {}).get("helpdesk", "unreachable")
            if state != "loading":
                break
            time.sleep(1)
        if state != "ready":
            output = self.log.read_text(errors="replace")[-1500:] if self.log else ""
            pytest.fail(f"the helpdesk is {state}:\n{output}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        return json.load(exc)
    except OSError:
        return None


@pytest.fixture(scope="session")
def service() -> Iterator[Service]:
    """A fresh ``motcua serve``; or, with MOTCUA_PAGES_URL set, a service already running there (which
    must hold the STAFF and ADMIN accounts)."""
    running = os.environ.get("MOTCUA_PAGES_URL")
    if running:
        yield Service(running.rstrip("/"), None, os.environ.get("MOTCUA_PAGES_PORTAL", ""))
        return
    # Our own temporary folder: pytest's numbered ones may be pruned by a concurrent pytest run.
    data = Path(tempfile.mkdtemp(prefix="motcua-pages-"))
    portal_origin = f"http://127.0.0.1:{_free_port()}"
    env = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'motcua.db'}",
        "MOTCUA_RATE_PER_MINUTE": "600",
        "MOTCUA_RATE_BURST": "200",
        "MOTCUA_CORS_ORIGINS": json.dumps([portal_origin]),
    }
    for account in (STAFF, ADMIN):
        subprocess.run(
            [MOTCUA, "users", "add", account.username, "--role", account.role, "--password-stdin"],
            input=account.password,
            text=True,
            env=env,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = data / "service.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [MOTCUA, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None and _health(url) is None:
            time.sleep(0.3)
        if _health(url) is None:
            pytest.fail(f"motcua serve did not start:\n{log.read_text(errors='replace')[-2000:]}")
        yield Service(url, log, portal_origin)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, service):
    """open_page(path, device="kiosk"|"phone"|"desktop", locale="vi-VN") -> a fresh page (own cookies
    and storage); ``page.errors`` collects uncaught script errors."""
    contexts = []

    def open_(path: str, device: str = "kiosk", locale: str = "vi-VN"):
        width, height = VIEWPORTS[device]
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            base_url=service.url,
            accept_downloads=True,
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.errors = errors
        page.goto(path)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def portal(service) -> Iterator[str]:
    """A stand-in provincial portal on another loopback origin (service.portal_origin), whose page
    embeds the widget with the one-line script tag pointing at the service."""
    page = (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Portal</title></head>"
        f"<body><h1>Cổng Dịch vụ công</h1><script src='{service.url}/widget.js' data-lang='auto'></script>"
        "</body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    if not service.portal_origin:
        pytest.skip("no portal origin for an external service (set MOTCUA_PAGES_PORTAL)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", urlsplit(service.portal_origin).port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield service.portal_origin
    server.shutdown()


@pytest.fixture
def shot():
    """shot(page, name): save a screenshot as tests/artifacts/<name>.png."""

    def shot_(page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return shot_


@pytest.fixture
def sign_in():
    """sign_in(page, "staff" | "admin"): fill the page's sign-in form with that test account."""

    def sign_in_(page, role: str) -> Account:
        account = ADMIN if role == "admin" else STAFF
        page.wait_for_selector("#username")
        page.fill("#username", account.username)
        page.fill("#password", account.password)
        page.press("#password", "Enter")
        page.wait_for_selector(f"#who:has-text('{account.username}')")
        return account

    return sign_in_
