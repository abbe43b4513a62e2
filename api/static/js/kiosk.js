// The hall kiosk: language switch, popular topics, on-screen keyboard, answers with a QR code to
// continue on a phone, a satisfaction prompt, and an idle reset that wipes screen and storage.
// `?idle=SECONDS` shortens the idle timeout (tests, demos); the default is 60 s.

import { ChatView } from "./chat-view.js";
import { Conversation } from "./conversation.js";
import { h, replace } from "./dom.js";
import { Keyboard } from "./keyboard.js";
import { LANGUAGES, TOPICS, t, translate } from "./i18n.js";

const STORAGE_KEY = "motcua:kiosk";
const DEFAULT_IDLE_SECONDS = 60;

function idleSeconds() {
  const value = Number(new URLSearchParams(location.search).get("idle"));
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_SECONDS;
}

function qrFigure(answer, lang) {
  const citation = (answer.citations || [])[0];
  if (answer.status !== "answer" || !citation || !citation.url) return null;
  const img = h("img", { src: `/kiosk/qr?url=${encodeURIComponent(citation.url)}`, alt: t(lang, "scanQr"), width: 180, height: 180 });
  const figure = h("figure", { class: "qr" }, img, h("figcaption", {}, t(lang, "scanQr")));
  img.addEventListener("error", () => figure.remove());
  return figure;
}

function start() {
  let lang = "vi";
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const langs = document.getElementById("langs");
  const topics = document.getElementById("topics");
  const keyboardEl = document.getElementById("keyboard");
  const keyboardToggle = document.getElementById("kbd-toggle");
  const toast = document.getElementById("idle-toast");
  const notice = document.getElementById("notice");
  let noticeTimer = 0;
  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.hidden = true), 8000);
  }

  const conversation = new Conversation(window.sessionStorage, STORAGE_KEY, "");
  const view = new ChatView({
    log,
    form,
    input,
    conversation,
    lang,
    rateKey: "satisfaction",
    extra: (answer) => qrFigure(answer, lang),
    onStaff: () => showNotice(t(lang, "kioskStaff")),
    // On a narrow screen the conversation sits below the topics: bring the answer into view.
    onAnswer: () => {
      if (window.matchMedia("(max-width: 900px)").matches) log.scrollIntoView({ block: "start" });
    },
  });
  const keyboard = new Keyboard(keyboardEl, input, () => view.send(input.value));

  const langButtons = LANGUAGES.map((l) =>
    h("button", { type: "button", lang: l.code, dataset: { lang: l.code }, onclick: () => setLanguage(l.code) }, l.label),
  );
  langs.append(...langButtons);

  function setLanguage(code) {
    lang = code;
    translate(document, lang);
    langButtons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === lang)));
    replace(
      topics,
      TOPICS[lang].map((q) => h("button", { type: "button", class: "topic", onclick: () => view.send(q) }, q)),
    );
    keyboard.setLanguage(lang);
    view.setLanguage(lang);
  }

  function toggleKeyboard(show = keyboardEl.hidden) {
    keyboardEl.hidden = !show;
    keyboardToggle.setAttribute("aria-expanded", String(show));
    if (show) input.focus();
  }
  keyboardToggle.addEventListener("click", () => toggleKeyboard());

  function reset() {
    conversation.clear();
    notice.hidden = true;
    window.sessionStorage.removeItem(STORAGE_KEY);
    input.value = "";
    toggleKeyboard(false);
    setLanguage("vi");
    window.scrollTo(0, 0);
  }
  document.getElementById("reset").addEventListener("click", reset);

  // Idle reset: any touch, key or typing restarts the countdown; a notice shows shortly before.
  const idleMs = idleSeconds() * 1000;
  const warnMs = Math.max(idleMs - 10000, idleMs / 2);
  let idleTimer = 0;
  let warnTimer = 0;
  function armIdle() {
    clearTimeout(idleTimer);
    clearTimeout(warnTimer);
    toast.hidden = true;
    warnTimer = setTimeout(() => (toast.hidden = false), warnMs);
    idleTimer = setTimeout(() => {
      toast.hidden = true;
      reset();
      document.body.dataset.resets = String(Number(document.body.dataset.resets || 0) + 1);
    }, idleMs);
  }
  for (const type of ["pointerdown", "keydown", "input", "wheel"]) {
    document.addEventListener(type, armIdle, { passive: true, capture: true });
  }

  setLanguage(lang);
  armIdle();
  document.body.dataset.ready = "true";
}

start();
