"""Staff review at /staff: sign in, upload a real ID-card scan, review the pre-filled form next to the
image, edit, approve and download — the review itself done from the keyboard only."""

from __future__ import annotations

import base64
import json
import re

import pytest

pytestmark = pytest.mark.browser

CARD = "tests/data/docs/cccd_2021_front_clean_0000.jpg"


def test_staff_page_asks_for_sign_in_and_refuses_a_wrong_password(open_page):
    page = open_page("/staff", "desktop")
    page.wait_for_selector("#username")
    assert page.is_hidden("#workspace")
    page.fill("#username", "reception")
    page.fill("#password", "not-the-password")
    page.press("#password", "Enter")
    alert = page.wait_for_selector("#signin [role=alert]:not([hidden])")
    assert alert.inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert page.is_hidden("#workspace")
    page.select_option("#lang", "th")
    assert page.locator("label[for=username]").inner_text() == "ชื่อผู้ใช้"
    assert page.locator("h1").inner_text() == "รับเรื่อง — ตรวจแบบฟอร์มที่กรอกไว้"


@pytest.mark.slow
def test_drop_review_edit_approve_download_with_the_keyboard(open_page, sign_in, shot, repo):
    page = open_page("/staff", "desktop")
    sign_in(page, "staff")
    page.select_option("#upload-form", "TK01")

    # The scan is dropped on the drop zone (which is also a keyboard button opening the file chooser).
    assert page.get_attribute("#drop", "role") == "button" and page.get_attribute("#drop", "tabindex") == "0"
    dropped = page.evaluate_handle(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "cccd-front.jpg", { type: "image/jpeg" }));
            return transfer;
        }""",
        base64.b64encode((repo / CARD).read_bytes()).decode(),
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": dropped})
    page.wait_for_selector("#review:not([hidden]), #job-status.failed", timeout=180_000)
    assert page.is_visible("#review"), page.locator("#job-status").inner_text()

    # The scan is shown with a box around every field read, coloured by confidence.
    page.wait_for_selector(".doc svg rect.box")
    boxes = page.locator(".doc svg rect.box")
    assert boxes.count() >= 3
    assert all(
        re.search(r"\b(high|medium|low)\b", boxes.nth(i).get_attribute("class")) for i in range(boxes.count())
    )
    assert page.locator(".doc").first.get_attribute("data-type") == "cccd_2021_front"

    # Items of the TK01 form, in order, with value, confidence and an agreed/disagreed mark.
    name_row = page.locator("#items tr[data-item='1']")
    assert name_row.locator("input").input_value()  # the applicant's name was pre-filled
    assert re.fullmatch(r"\d+%", name_row.locator(".conf").inner_text())
    assert name_row.locator(".mark").inner_text() in {"✓", "⚠"}
    assert page.locator("#items tr.missing").count() >= 1  # e.g. the phone number: ask the citizen
    shot(page, "staff-review")

    # Keyboard only: the first item has focus; Tab to the phone number (item 7), type, Enter saves.
    assert page.evaluate("document.activeElement.id") == "item-1"
    page.locator("#item-1").press("Tab")  # focus moves on without the mouse
    assert page.evaluate("document.activeElement.id") == "item-2"
    page.focus("#item-7")
    page.keyboard.type("0912345678")
    page.keyboard.press("Enter")
    page.wait_for_selector("#draft-message:has-text('Đã lưu')")
    assert "staff (reception)" in page.locator("#items tr[data-item='7'] .source").inner_text()

    # Ctrl+Enter approves; then the PDF and JSON are offered.
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#draft-status.approved")
    assert page.is_visible("#pdf") and page.is_visible("#json")
    assert page.locator("#items input").first.is_disabled()
    shot(page, "staff-approved")

    with page.expect_download() as download:
        page.click("#json")
    exported = json.loads(download.value.path().read_text())
    assert exported["form"] == "TK01"
    assert "0912345678" in json.dumps(exported, ensure_ascii=False)

    pdf = page.request.get(page.locator("#pdf").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert page.errors == []


def test_form_labels_come_from_the_form_definitions(open_page):
    page = open_page("/staff", "desktop")
    tk01 = page.request.get("/staff/forms/TK01").json()
    assert tk01["title"] == "Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước"
    assert tk01["items"][0] == {"item": "1", "label": "Họ, chữ đệm và tên"}
    assert page.request.get("/staff/forms/NOPE").status == 404
