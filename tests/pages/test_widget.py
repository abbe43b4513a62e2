"""The portal widget: one script tag on a host page (/demo/portal.html) adds a chat bubble whose
answers come in sections with their source, with clarification options, ratings, a path to staff,
and a conversation that survives page loads."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CODE = re.compile(r"^\d+\.\d{6} — ")


def open_widget(open_page, device: str = "phone"):
    page = open_page("/demo/portal.html", device)
    page.click("#motcua-widget .bubble")
    page.wait_for_selector("#motcua-widget .panel:not([hidden])")
    return page


def ask(page, question: str):
    before = page.locator(".msg.bot .answer").count()
    page.fill("#motcua-widget .input", question)
    page.press("#motcua-widget .input", "Enter")
    page.wait_for_selector(f".msg.bot >> nth={before + 1} >> .answer", timeout=60_000)
    return page.locator(".msg.bot .answer").nth(before)


def ask_until_answer(page, question: str):
    """Ask; while the helpdesk asks which procedure is meant, pick the first option (as a citizen would)."""
    answer = ask(page, question)
    for _ in range(2):
        if answer.get_attribute("data-status") != "clarify":
            break
        count = page.locator(".msg.bot .answer").count()
        answer.locator(".option").first.click()
        page.wait_for_selector(f".msg.bot >> nth={count + 1} >> .answer", timeout=60_000)
        answer = page.locator(".msg.bot .answer").nth(count)
    return answer


def test_the_widget_keeps_to_its_shadow_root(open_page):
    page = open_page("/demo/portal.html", "desktop")
    bubble = page.wait_for_selector("#motcua-widget .bubble")
    # The host page styles every button hot pink with a dashed border; the widget's stays ours.
    assert bubble.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(11, 92, 173)"
    assert page.evaluate("document.querySelectorAll('.bubble').length") == 0  # not in the host's DOM
    assert (
        page.evaluate("getComputedStyle(document.querySelector('button') || document.body).fontFamily") != ""
    )
    bubble.click()
    assert page.locator("#motcua-widget .input").evaluate("el => el.getRootNode() instanceof ShadowRoot")
    assert page.locator("#motcua-widget h2").inner_text() == "Trợ lý thủ tục hành chính"  # vi-VN browser

    # Whatever is typed (or comes back from the service) is shown as text, never parsed as markup.
    typed = "<img src=x onerror=alert(1)> hộ chiếu"
    page.fill("#motcua-widget .input", typed)
    page.press("#motcua-widget .input", "Enter")
    assert page.locator("#motcua-widget .msg.user").last.inner_text().endswith(typed)
    assert page.locator("#motcua-widget .log img").count() == 0


def test_ask_get_a_cited_answer_in_sections_rate_it_and_keep_it_across_pages(open_page, service, shot):
    service.helpdesk_ready()
    page = open_widget(open_page)
    answer = ask_until_answer(page, "Làm hộ chiếu cần giấy tờ gì?")
    assert answer.get_attribute("data-status") == "answer"
    source = answer.locator(".sources a").first
    assert CODE.match(source.inner_text())
    assert source.get_attribute("href").startswith("https://dichvucong.gov.vn")
    page.wait_for_selector(".answer .section-documents[open] .checklist input[type=checkbox]")
    for section in ("documents", "fee", "time", "where", "online"):
        assert answer.locator(f".section-{section} summary").count() == 1
    shot(page, "widget-phone")

    answer.locator(".star[data-rating='4']").click()
    page.wait_for_selector(".rating .thanks")

    page.goto("/demo/portal.html?page=thu-tuc")  # another page of the same site
    page.wait_for_selector("#motcua-widget .panel:not([hidden])")
    assert page.locator(".msg.user").first.inner_text().endswith("Làm hộ chiếu cần giấy tờ gì?")
    assert page.locator(".msg.bot .answer .sources a").last.inner_text() == source.inner_text()
    assert page.locator(".rating .thanks").count() == 1  # the rating is remembered too
    assert page.errors == []


def test_a_clarification_offers_buttons_and_a_pick_asks_again(open_page, service, shot):
    service.helpdesk_ready()
    page = open_widget(open_page, "desktop")
    answer = ask(page, "làm giấy phép lái xe")  # several licence procedures fit: the helpdesk asks
    assert answer.get_attribute("data-status") == "clarify"
    options = answer.locator(".option")
    assert options.count() >= 2
    picked = options.first.locator(".option-name").inner_text()
    shot(page, "widget-clarify")
    options.first.click()
    page.wait_for_selector(".msg.bot >> nth=2 >> .answer", timeout=60_000)
    assert page.locator(".msg.user").last.inner_text().endswith(picked)
    assert page.locator(".msg.bot .answer").last.get_attribute("data-status") in {"answer", "clarify"}


def test_a_handoff_shows_the_way_to_staff(open_page, service):
    service.helpdesk_ready()
    page = open_widget(open_page)
    answer = ask(page, "What is the capital of France?")
    assert answer.get_attribute("data-status") == "handoff"
    answer.locator(".handoff .staff-button").click()
    info = page.wait_for_selector("#motcua-widget .staff-info:not([hidden])")
    assert "1900 0000" in info.inner_text()  # the host page's data-staff-phone


def test_one_script_tag_embeds_the_widget_on_another_site(open_page, portal, service):
    page = open_page(f"{portal}/thu-tuc.html", "desktop")
    page.click("#motcua-widget .bubble")  # module and stylesheet came from the service's origin
    assert page.locator("#motcua-widget .bubble").evaluate("b => getComputedStyle(b).position") == "fixed"
    service.helpdesk_ready()
    answer = ask(page, "Làm hộ chiếu cần giấy tờ gì?")  # a cross-origin call the CORS allow-list admits
    assert answer.get_attribute("data-status") in {"answer", "clarify"}
    assert answer.locator(".sources a, .option").count() >= 1
