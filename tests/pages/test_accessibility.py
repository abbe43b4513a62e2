"""WCAG AA on every page: text contrast against its actual background, and a name for every control.

Measured in the browser on the rendered page (computed colours, walking up to the first opaque
background, shadow roots included)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Runs in the page: every visible text node's element -> contrast ratio; every control -> its name.
AUDIT = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const parentOf = (el) => el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const background = (el) => {
    for (let e = el; e; e = parentOf(e)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const roots = [document];
  document.querySelectorAll("*").forEach((e) => e.shadowRoot && roots.push(e.shadowRoot));
  const failures = [];
  const unnamed = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || el.closest("svg, option, .visually-hidden")) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility === "hidden" || el.closest("[hidden]")) continue;
      const fg = lum(parse(style.color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${node.textContent.trim().slice(0, 40)} (${ratio.toFixed(2)})`);
    }
    root.querySelectorAll("button, input:not([type=hidden]), select, textarea, a[href]").forEach((el) => {
      if (el.closest("[hidden]") || el.getAttribute("aria-hidden") === "true") return;
      const labelled = el.id && root.querySelector(`label[for="${el.id}"]`);
      const name = el.getAttribute("aria-label") || el.textContent.trim() || labelled || el.closest("label") || el.title;
      if (!name) unnamed.push(el.outerHTML.slice(0, 80));
    });
  }
  return { failures, unnamed };
}
"""


def audit(page) -> None:
    result = page.evaluate(AUDIT)
    assert result["failures"] == [], "text below AA contrast"
    assert result["unnamed"] == [], "controls without an accessible name"


@pytest.mark.parametrize("lang", ["vi", "en", "th"])
def test_kiosk(open_page, lang):
    page = open_page("/kiosk", "kiosk")
    page.wait_for_selector("body[data-ready]")
    page.click(f".langs button[data-lang={lang}]")
    page.click("#kbd-toggle")
    audit(page)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_widget_on_the_portal(open_page, device):
    page = open_page("/demo/portal.html", device)
    page.click("#motcua-widget .bubble")
    page.click("#motcua-widget .staff-button")
    page.wait_for_selector("#motcua-widget .staff-info:not([hidden])")
    # The host page's own (deliberately loud) styles are not ours to judge: audit the widget only.
    result = page.evaluate(AUDIT)
    ours = [
        f for f in result["failures"] if page.locator("#motcua-widget").get_by_text(f.split(" (")[0]).count()
    ]
    assert ours == []
    assert result["unnamed"] == []


@pytest.mark.parametrize("path", ["/staff", "/admin"])
def test_signed_in_pages(open_page, sign_in, path):
    page = open_page(path, "desktop")
    page.wait_for_selector("#username")
    audit(page)  # the sign-in form
    sign_in(page, "admin")
    page.wait_for_timeout(300)
    audit(page)
