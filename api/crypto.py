"""Encryption at rest for personal data (scan bytes, extracted and edited field values): Fernet
(AES-128-CBC + HMAC-SHA256) under the configured key."""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class DecryptionError(Exception):
    """Stored data does not open with this key (wrong key or tampered bytes)."""


class Cipher:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise DecryptionError("stored data cannot be decrypted with the configured key") from exc

    def encrypt_json(self, value: Any) -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode())

    def decrypt_json(self, token: bytes) -> Any:
        return json.loads(self.decrypt(token))
