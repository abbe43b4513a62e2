"""The service's settings, in one place, read from the environment: each field ``x`` from
``MOTCUA_X`` (``MOTCUA_RETENTION_DAYS=30``, ``MOTCUA_CORS_ORIGINS='["https://portal.example"]'`` as
JSON), and the database from ``DATABASE_URL`` (e.g. ``postgresql://user@host/motcua``).

Development mode (the default for ``motcua serve`` on a loopback address) may generate a local scan
encryption key; outside it the service refuses to start without ``MOTCUA_SECRET_KEY``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.paths import build_dir

log = logging.getLogger(__name__)

KEY_FILE_NAME = "secret.key"


class ConfigError(Exception):
    """The configuration cannot run the service (e.g. no encryption key in production)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", extra="ignore")

    development: bool = False
    data_dir: Path | None = None  # default: <build dir>/service
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MOTCUA_DATABASE_URL")
    )
    secret_key: str | None = None  # Fernet key (urlsafe base64, 32 bytes) for scans and drafts at rest
    retention_days: int = 30
    purge_interval_s: float = 3600.0
    cors_origins: list[str] = []  # the widget's host pages, e.g. ["https://dichvucong.example.gov.vn"]
    rate_per_minute: float = 60.0  # public routes, per client address; 0 disables
    rate_burst: int = 20
    login_rate_per_minute: float = 10.0
    session_hours: float = 12.0
    max_upload_bytes: int = 15 * 1024 * 1024
    max_files: int = 10  # pages, pixels and question length are capped by ocr.load and the helpdesk
    workers: int = 1  # OCR worker processes
    load_helpdesk: bool = True

    def resolved_data_dir(self) -> Path:
        path = self.data_dir or build_dir() / "service"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.resolved_data_dir() / 'motcua.db'}"

    def encryption_key(self) -> bytes:
        """The scan encryption key: configured, or (development only) a local key file made on first use."""
        if self.secret_key:
            key = self.secret_key.encode()
            try:
                Fernet(key)
            except ValueError as exc:
                raise ConfigError(
                    "MOTCUA_SECRET_KEY must be a Fernet key (32 url-safe base64-encoded bytes)"
                ) from exc
            return key
        if not self.development:
            raise ConfigError(
                "MOTCUA_SECRET_KEY is required outside development mode "
                "(generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')"
            )
        return _local_key(self.resolved_data_dir() / KEY_FILE_NAME)


def _local_key(path: Path) -> bytes:
    if path.is_file():
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    log.warning("development mode: generated a local scan encryption key at %s (mode 0600)", path)
    return key
