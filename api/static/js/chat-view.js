// The conversation on screen: a message log, an input form, a pending indicator and error line.
// Used by the portal widget and the kiosk, which differ only in their frame and extras.

import { renderAnswer } from "./answer.js";
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

export class ChatView {
  /**
   * @param {object} parts  {log, form, input, conversation, lang, rateKey, extra(answer), onStaff(), onAnswer(message)}
   */
  constructor(parts) {
    Object.assign(this, parts);
    this.pending = false;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(this.input.value);
    });
  }

  setLanguage(lang) {
    this.lang = lang;
    this.render();
  }

  /** Redraw every message (after a page load, a language switch or a reset). */
  render() {
    replace(this.log, h("div", { class: "msg bot greeting" }, h("p", {}, t(this.lang, "greeting"))));
    for (const message of this.conversation.messages) this.log.append(this.bubble(message));
    this.scroll();
  }

  bubble(message) {
    if (message.role === "user") {
      return h("div", { class: "msg user" }, h("span", { class: "visually-hidden" }, `${t(this.lang, "you")}: `), message.text);
    }
    return h(
      "div",
      { class: "msg bot" },
      renderAnswer(message.answer, message.procedure, {
        lang: this.lang,
        rated: message.rated,
        rateKey: this.rateKey,
        // The helpdesk takes "option N" in the question's language as a pick; the screen shows the name.
        onOption: (citation, index) =>
          this.send(t(message.answer.language, "pickOption", { n: index + 1 }), citation.name),
        onRate: (n) => this.conversation.rate(message, n),
        onStaff: this.onStaff,
        extra: this.extra,
      }),
    );
  }

  /** Ask `text`; `shown` is what the log shows for it (default: the text itself). */
  async send(text, shown = text) {
    const question = text.trim();
    if (!question || this.pending) return;
    this.pending = true;
    this.input.value = "";
    this.log.append(this.bubble({ role: "user", text: shown }));
    const waiting = h("div", { class: "msg bot pending", role: "status" }, t(this.lang, "thinking"));
    this.log.append(waiting);
    this.scroll();
    try {
      const message = await this.conversation.ask(question, shown);
      const bubble = this.bubble(message);
      waiting.replaceWith(bubble);
      this.log.scrollTop = bubble.offsetTop - 12; // the start of the answer, not the end of the log
      if (this.onAnswer) this.onAnswer(message);
    } catch (err) {
      const reason = err && err.status === 422 && err.message ? err.message : t(this.lang, "networkError");
      waiting.replaceWith(h("div", { class: "msg bot error", role: "alert" }, reason));
      this.scroll();
    } finally {
      this.pending = false;
    }
  }

  scroll() {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
