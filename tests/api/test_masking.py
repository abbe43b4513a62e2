"""What is masked before chat text is stored or logged, and what is left alone (fees, dates, codes)."""

from __future__ import annotations

import logging

import pytest

from api.masking import MaskingFilter, mask_pii


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("CCCD của tôi là 001090123456", "CCCD của tôi là [id]"),
        ("số 001 090 123 456", "số [id]"),
        ("CMND cũ 123456789", "CMND cũ [id]"),
        ("gọi 0912345678 hoặc 0912.345.678", "gọi [phone] hoặc [phone]"),
        ("call +84 912 345 678", "call [phone]"),
        ("mail nguyen.an+tk@gmail.com nhé", "mail [email] nhé"),
        ("nul\x00byte", "nulbyte"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask_pii(text) == masked


@pytest.mark.parametrize(
    "text",
    ["lệ phí 200000 đồng", "160.000 VND", "thủ tục 1.001456", "ngày 12/05/2024", "mẫu TK01", "năm 2026"],
)
def test_fees_dates_and_codes_are_kept(text):
    assert mask_pii(text) == text


def test_the_log_filter_masks_messages_and_arguments(caplog):
    logger = logging.getLogger("test.masking")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="test.masking"):
        logger.info("question: %s", "sđt 0987654321")
    assert caplog.records[0].getMessage() == "question: sđt [phone]"


def test_procedure_codes_and_log_numbers_are_not_phone_numbers():
    line = "GET /api/procedures/1.001456 200 9 ms"
    assert mask_pii(line) == line
    assert mask_pii("gọi 0912 345 678 nhé") == "gọi [phone] nhé"
