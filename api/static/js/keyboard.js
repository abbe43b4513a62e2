// An on-screen keyboard for touch kiosks without a physical one: QWERTY for Vietnamese (the helpdesk
// understands questions typed without diacritics) and English, Kedmanee for Thai with a shift layer.

import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

const LATIN = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm?"];
const THAI = {
  plain: ["ๅ/-ภถุึคตจขช", "ๆไำพะัีรนยบลฃ", "ฟหกดเ้่าสวง", "ผปแอิืทมใฝ"],
  shift: ["+๑๒๓๔ู฿๕๖๗๘๙", "๐\"ฎฑธํ๊ณฯญฐ,ฅ", "ฤฆฏโฌ็๋ษศซ.", "()ฉฮฺ์?ฒฬฦ"],
};

export class Keyboard {
  /** @param {HTMLElement} el  @param {HTMLInputElement} input  @param {() => void} onEnter */
  constructor(el, input, onEnter) {
    this.el = el;
    this.input = input;
    this.onEnter = onEnter;
    this.shift = false;
    this.lang = "vi";
    // Keep the caret in the input while keys are pressed.
    el.addEventListener("mousedown", (event) => event.preventDefault());
  }

  setLanguage(lang) {
    this.lang = lang;
    this.shift = false;
    this.render();
  }

  rows() {
    if (this.lang === "th") return this.shift ? THAI.shift : THAI.plain;
    return LATIN;
  }

  render() {
    const rows = this.rows().map((row) =>
      h("div", { class: "kbd-row" }, [...row].map((ch) => this.key(ch, ch, () => this.type(ch)))),
    );
    const controls = h(
      "div",
      { class: "kbd-row" },
      this.lang === "th"
        ? this.key("⇧", "Shift", () => this.toggleShift(), "wide", { "aria-pressed": String(this.shift) })
        : null,
      this.key(t(this.lang, "space"), t(this.lang, "space"), () => this.type(" "), "wide space"),
      this.key(`⌫ ${t(this.lang, "backspace")}`, t(this.lang, "backspace"), () => this.backspace(), "wide"),
      this.key(`↵ ${t(this.lang, "send")}`, t(this.lang, "send"), () => this.onEnter(), "wide"),
    );
    replace(this.el, rows, controls);
  }

  key(label, name, action, extraClass = "", attrs = {}) {
    return h("button", { type: "button", class: `key ${extraClass}`.trim(), "aria-label": name, onclick: action, ...attrs }, label);
  }

  type(text) {
    const { input } = this;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    input.setRangeText(text, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  backspace() {
    const { input } = this;
    const end = input.selectionEnd ?? input.value.length;
    const start = input.selectionStart === end ? Math.max(0, end - 1) : input.selectionStart;
    input.setRangeText("", start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  toggleShift() {
    this.shift = !this.shift;
    this.render();
  }
}
