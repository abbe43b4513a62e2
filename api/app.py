"""The FastAPI application: ``create_app(settings)`` wires services, routes, and middleware
(security headers, CORS allow-list, upload size cap); the lifespan runs migrations, starts the job
queue, loads the helpdesk in the background and runs the retention purge periodically."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError

from api import services as services_module
from api.routes import admin, auth, public, staff
from api.settings import Settings
from api.store import scans

log = logging.getLogger(__name__)
access_log = logging.getLogger("api.access")


def _security_headers(settings: Settings) -> dict[str, str]:
    ancestors = " ".join(["'self'", *settings.cors_origins])
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            f"form-action 'self'; frame-ancestors {ancestors}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(), microphone=(), camera=(self)",
    }


async def _purge_periodically(svc: services_module.Services) -> None:
    """The retention purge at start, then every ``purge_interval_s``."""
    while True:
        try:
            report = await asyncio.to_thread(_purge, svc)
            if report.scans or report.drafts:
                log.info("retention purge: %d scans, %d drafts", report.scans, report.drafts)
        except Exception:
            log.exception("retention purge failed; will retry")
        await asyncio.sleep(svc.settings.purge_interval_s)


def _purge(svc: services_module.Services) -> scans.PurgeReport:
    with svc.sessions() as db:
        return scans.purge(db, svc.settings.retention_days)


def create_app(settings: Settings | None = None, **inject: Any) -> FastAPI:
    """The service. ``inject`` passes prebuilt parts to ``api.services.build`` (catalogue, helpdesk,
    pipeline, jobs); the rest comes from ``settings`` (default: the environment)."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc = await asyncio.to_thread(services_module.build, settings, **inject)
        app.state.services = svc
        svc.jobs.start()
        loop = asyncio.get_running_loop()
        loop.run_in_executor(None, services_module.load_helpdesk, svc.helpdesk, svc.catalogue)
        purger = asyncio.create_task(_purge_periodically(svc))
        try:
            yield
        finally:
            purger.cancel()
            svc.jobs.close()
            svc.engine.dispose()

    app = FastAPI(
        title="Motcua",
        version="0.1.0",
        description="Helpdesk and ID-scan form pre-fill for public administration service centers.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    for module in (public, auth, staff, admin):
        app.include_router(module.router)
    with contextlib.suppress(ModuleNotFoundError):
        app.include_router(importlib.import_module("api.pages").router)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            allow_credentials=False,
            max_age=600,
        )

    headers = _security_headers(settings)
    max_body = settings.max_files * settings.max_upload_bytes + 1024 * 1024

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if "\x00" in request.url.path or b"%00" in request.scope.get("query_string", b""):
            return JSONResponse({"detail": "NUL characters are not allowed in a URL"}, status_code=400)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            return JSONResponse({"detail": f"request body above {max_body // 2**20} MB"}, status_code=413)
        began = time.perf_counter()
        response = await call_next(request)
        response.headers.update(headers)
        # the path only: query strings may carry a citizen's words
        access_log.info(
            "%s %s %d %.0f ms",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - began) * 1000,
        )
        if request.url.path.startswith("/api/") and "cache-control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(DataError)
    async def bad_value(request: Request, exc: DataError) -> JSONResponse:
        log.warning(
            "database refused a value on %s %s: %s", request.method, request.url.path, type(exc.orig).__name__
        )
        return JSONResponse({"detail": "a value is out of range or not storable"}, status_code=422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error; the incident is logged"}, status_code=500)

    return app
