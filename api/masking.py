"""Masking of personal data in free text (chat questions, comments, log lines) before it is stored or
logged: e-mail addresses, Vietnamese phone numbers, 12-digit and 9-digit ID numbers."""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 12-digit personal ID (CCCD / định danh), possibly grouped "001 090 123 456"
ID12 = re.compile(r"(?<!\d)\d{3}[ .-]?\d{3}[ .-]?\d{3}[ .-]?\d{3}(?!\d)")
# mobile / landline: 0xxxxxxxxx (10-11 digits) or +84 / 84 followed by 9-10 digits, with optional
# separators. The first digit after the prefix is never 0, and a number glued to a dot is part of
# something else: procedure codes ("1.001456") and log lines ("/api/procedures/1.001456 200 9 ms")
# are left alone.
PHONE = re.compile(r"(?<![\d+.])(?:\+?84|0)(?=[ .-]?[1-9])(?:[ .-]?\d){8,10}(?!\d)")
# 9-digit old ID (CMND)
ID9 = re.compile(r"(?<!\d)\d{9}(?!\d)")

_RULES = ((EMAIL, "[email]"), (ID12, "[id]"), (PHONE, "[phone]"), (ID9, "[id]"))


def mask_pii(text: str) -> str:
    """``text`` with personal data replaced by placeholders and NUL characters (which PostgreSQL text
    cannot hold) dropped: what free text may be stored or logged as."""
    text = text.replace("\x00", "")
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class MaskingFilter(logging.Filter):
    """Masks personal data in every record that passes through a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_pii(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
