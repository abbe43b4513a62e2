// The portal widget: a chat bubble and panel inside a shadow root, so the host page's styles and ours
// never touch. Loaded by /widget.js with the service's base address.

import { safeUrl } from "./answer.js";
import { ChatView } from "./chat-view.js";
import { Conversation } from "./conversation.js";
import { h } from "./dom.js";
import { LANGUAGES, pickLanguage, t } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function chatIcon() {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z");
  svg.append(path);
  return svg;
}

/** Mount the widget on the current page. `options`: {base, lang, staffPhone, staffUrl}. */
export function mount(options) {
  const key = `motcua:widget:${options.base}`;
  const prefs = readPrefs(key);
  let lang = pickLanguage(prefs.lang || options.lang);

  const host = h("div", { id: "motcua-widget" });
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const frame = h("div", { class: "frame", hidden: true });
  let loaded = 0;
  for (const sheet of ["answer.css", "widget.css"]) {
    root.append(
      h("link", {
        rel: "stylesheet",
        href: `${options.base}/static/css/${sheet}`,
        onload: () => {
          if (++loaded === 2) frame.hidden = false; // no flash of unstyled widget
        },
      }),
    );
  }

  const title = h("h2", { class: "title", id: "motcua-title" });
  const langSelect = h(
    "select",
    { class: "lang", "aria-label": "Language / Ngôn ngữ / ภาษา" },
    LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === lang }, l.label)),
  );
  const staffButton = h("button", { type: "button", class: "staff-button header-button" });
  const newButton = h("button", { type: "button", class: "header-button" });
  const closeButton = h("button", { type: "button", class: "close" }, "×");
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", tabindex: "0" });
  const staffInfo = h("div", { class: "staff-info", role: "note", hidden: true });
  const input = h("input", { type: "text", class: "input", id: "motcua-q", autocomplete: "off", maxlength: "2000" });
  const inputLabel = h("label", { for: "motcua-q", class: "visually-hidden" });
  const sendButton = h("button", { type: "submit", class: "send" });
  const form = h("form", { class: "ask" }, inputLabel, input, sendButton);
  const panel = h(
    "section",
    { class: "panel", id: "motcua-panel", role: "dialog", "aria-labelledby": "motcua-title", hidden: true },
    h("header", {}, title, closeButton, h("div", { class: "tools" }, langSelect, staffButton, newButton)),
    log,
    staffInfo,
    form,
  );
  const bubble = h("button", { type: "button", class: "bubble", "aria-controls": "motcua-panel" }, chatIcon());
  frame.append(panel, bubble);
  root.append(frame);

  const conversation = new Conversation(window.sessionStorage, key, options.base);
  const view = new ChatView({ log, form, input, conversation, lang, onStaff: () => showStaff(true) });

  function showStaff(visible) {
    staffInfo.replaceChildren(
      h("p", {}, t(lang, "staffContact")),
      options.staffPhone ? h("a", { href: `tel:${options.staffPhone.replace(/[^\d+]/g, "")}` }, options.staffPhone) : null,
      options.staffUrl ? h("a", { href: safeUrl(options.staffUrl), target: "_blank", rel: "noopener noreferrer" }, t(lang, "staff")) : null,
    );
    staffInfo.hidden = !visible;
    if (visible) staffInfo.scrollIntoView({ block: "nearest" });
  }

  function labels() {
    title.textContent = t(lang, "assistant");
    staffButton.textContent = t(lang, "staff");
    newButton.textContent = t(lang, "newChat");
    closeButton.setAttribute("aria-label", t(lang, "close"));
    input.placeholder = t(lang, "placeholder");
    inputLabel.textContent = t(lang, "placeholder");
    sendButton.textContent = t(lang, "send");
    bubble.setAttribute("aria-label", t(lang, "openChat"));
    panel.setAttribute("lang", lang);
  }

  function setOpen(open, focus = true) {
    panel.hidden = !open;
    bubble.setAttribute("aria-expanded", String(open));
    writePrefs(key, { ...readPrefs(key), open, lang });
    if (open && focus) input.focus();
    if (!open && focus) bubble.focus();
  }

  bubble.addEventListener("click", () => setOpen(panel.hidden));
  closeButton.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });
  staffButton.addEventListener("click", () => showStaff(staffInfo.hidden));
  newButton.addEventListener("click", () => {
    conversation.clear();
    showStaff(false);
    view.render();
    input.focus();
  });
  langSelect.addEventListener("change", () => {
    lang = langSelect.value;
    writePrefs(key, { ...readPrefs(key), lang });
    labels();
    view.setLanguage(lang);
    if (!staffInfo.hidden) showStaff(true);
  });

  labels();
  view.render();
  setOpen(Boolean(prefs.open), false);
}

function readPrefs(key) {
  try {
    return JSON.parse(window.sessionStorage.getItem(`${key}:prefs`) || "{}");
  } catch {
    return {};
  }
}

function writePrefs(key, prefs) {
  try {
    window.sessionStorage.setItem(`${key}:prefs`, JSON.stringify(prefs));
  } catch {
    // storage disabled: preferences last for this page view only
  }
}
