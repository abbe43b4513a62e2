"""The hall kiosk at /kiosk: three languages, popular topics, an on-screen keyboard, answers with a QR
code for the phone, a satisfaction prompt, and an idle reset that wipes the screen and the browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = {
    "vi": ("Trợ lý thủ tục hành chính", "Làm hộ chiếu cần giấy tờ gì?"),
    "en": ("Public services assistant", "What documents do I need for a passport?"),
    "th": ("ผู้ช่วยงานบริการภาครัฐ", "ทำหนังสือเดินทางต้องใช้เอกสารอะไรบ้าง"),
}


def open_kiosk(open_page, query: str = ""):
    page = open_page(f"/kiosk{query}", "kiosk")
    page.wait_for_selector("body[data-ready]")
    return page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_changes_every_label_topic_and_keyboard(open_page, lang):
    page = open_kiosk(open_page)
    page.click(f".langs button[data-lang={lang}]")
    title, first_topic = LANGUAGES[lang]
    assert page.locator("h1").inner_text() == title
    assert page.locator(".topic").first.inner_text() == first_topic
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute(f".langs button[data-lang={lang}]", "aria-pressed") == "true"
    page.click("#kbd-toggle")
    keys = page.locator("#keyboard .key").all_inner_texts()
    assert ("ก" in keys) == (lang == "th") and ("q" in keys) == (lang != "th")
    # Touch targets: topic buttons and keys are at least 64 px high at 1080p.
    assert page.locator(".topic").first.bounding_box()["height"] >= 64
    assert page.locator("#keyboard .key").first.bounding_box()["height"] >= 64


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_topic_gets_an_answer_with_a_qr_code_and_a_satisfaction_prompt(open_page, service, shot, lang):
    service.helpdesk_ready()
    page = open_kiosk(open_page)
    page.click(f".langs button[data-lang={lang}]")
    page.locator(".topic").first.click()
    answer = page.wait_for_selector(".msg.bot .answer", timeout=60_000)
    if answer.get_attribute("data-status") == "clarify":  # which passport procedure: touch the first
        page.locator(".answer .option").first.click()
        answer = page.wait_for_selector(".msg.bot >> nth=2 >> .answer", timeout=60_000)
    assert answer.get_attribute("data-status") == "answer"
    assert (
        page.locator(".answer .sources a").first.get_attribute("href").startswith("https://dichvucong.gov.vn")
    )
    qr = page.wait_for_selector(".qr img")
    page.wait_for_load_state("networkidle")
    assert qr.evaluate("img => img.naturalWidth") > 100  # the SVG was served and drawn
    assert (
        page.locator(".rating-label").inner_text()
        == {
            "vi": "Bạn có hài lòng với câu trả lời?",
            "en": "Are you satisfied with the answer?",
            "th": "คุณพอใจกับคำตอบหรือไม่",
        }[lang]
    )
    shot(page, f"kiosk-{lang}")
    page.click(".star[data-rating='5']")
    page.wait_for_selector(".rating .thanks")


def test_a_handoff_sends_the_citizen_to_the_reception_desk(open_page, service):
    service.helpdesk_ready()
    page = open_kiosk(open_page)
    page.click(".langs button[data-lang=en]")
    page.fill("#question", "What is the capital of France?")
    page.press("#question", "Enter")
    answer = page.wait_for_selector(".msg.bot .answer", timeout=60_000)
    assert answer.get_attribute("data-status") == "handoff"
    assert page.locator(".answer .qr").count() == 0  # nothing to open on a phone
    page.click(".handoff .staff-button")
    assert (
        page.wait_for_selector("#notice:not([hidden])")
        .inner_text()
        .startswith("Please go to the reception desk")
    )


def test_idle_reset_wipes_the_conversation_from_screen_and_storage(open_page):
    page = open_kiosk(open_page, "?idle=3")
    page.click(".langs button[data-lang=en]")
    page.click("#kbd-toggle")
    for key in "passport":
        page.click(f"#keyboard .key[aria-label='{key}']")
    assert page.input_value("#question") == "passport"
    page.click(".ask .send")
    page.wait_for_selector(".msg.user:has-text('passport')")
    assert "passport" in page.evaluate("sessionStorage.getItem('motcua:kiosk') || ''")

    page.wait_for_selector("body[data-resets='1']", timeout=15_000)
    assert page.locator("#log .msg").count() == 1  # only the greeting
    assert page.locator("#log .msg.user").count() == 0
    assert page.evaluate("sessionStorage.getItem('motcua:kiosk')") is None
    assert page.input_value("#question") == ""
    assert page.get_attribute(".langs button[data-lang=vi]", "aria-pressed") == "true"
    assert page.is_hidden("#keyboard")


def test_qr_codes_only_encode_pages_of_the_national_portal(open_page):
    page = open_kiosk(open_page)
    good = page.request.get(
        "/kiosk/qr", params={"url": "https://dichvucong.gov.vn/p/home/x.html?ma=1.001456"}
    )
    assert good.ok and good.headers["content-type"] == "image/svg+xml"
    assert good.text().startswith("<svg")
    for bad in (
        "https://evil.example/dichvucong.gov.vn",
        "http://dichvucong.gov.vn/x",
        "javascript:alert(1)",
    ):
        assert page.request.get("/kiosk/qr", params={"url": bad}).status == 400
