"""The manager dashboard at /admin: analytics drawn as inline SVG charts, admins only."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.browser


def test_staff_without_the_admin_role_see_no_figures(open_page, sign_in):
    page = open_page("/admin", "desktop")
    sign_in(page, "staff")
    page.wait_for_selector("#load-error:not([hidden])")
    assert page.locator(".kpi").count() == 0


def test_the_dashboard_shows_a_new_question(open_page, service, sign_in, shot):
    service.helpdesk_ready()
    page = open_page("/admin", "desktop")
    question = f"What is the capital of France? {uuid.uuid4().hex[:6]}"  # out of scope: handed off
    reply = page.request.post("/api/chat", data={"message": question})
    assert reply.ok and reply.json()["status"] == "handoff"
    asked = page.request.post("/api/chat", data={"message": "Làm hộ chiếu cần giấy tờ gì?"}).json()
    rated = page.request.post("/api/feedback", data={"answer_id": asked["answer_id"], "rating": 5})
    assert rated.status == 201

    sign_in(page, "admin")
    page.wait_for_selector(".kpi")
    kpis = dict(
        zip(
            page.locator(".kpi-label").all_inner_texts(),
            page.locator(".kpi-value").all_inner_texts(),
            strict=True,
        )
    )
    assert int(kpis["Tổng số câu hỏi"]) >= 2
    assert int(kpis["Lượt đánh giá"]) >= 1 and kpis["Tỷ lệ hài lòng"].endswith("%")
    assert page.locator("#per-day svg rect.bar").count() >= 1
    assert page.locator("#languages svg text").filter(has_text="Tiếng Việt").count() == 1
    assert page.locator("#top svg rect").count() >= 1
    assert page.locator("#unanswered li").filter(has_text=question.lower()).count() == 1
    shot(page, "admin")
    assert page.errors == []
