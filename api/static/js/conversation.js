// A conversation kept in the browser (session id + messages), so it survives page loads on one site.
// The widget keeps it in sessionStorage (gone when the tab closes: shared computers); the kiosk wipes
// it on idle.

import { publicApi } from "./api.js";

export class Conversation {
  /** @param {Storage} storage  @param {string} key  @param {string} base the service's origin */
  constructor(storage, key, base) {
    this.storage = storage;
    this.key = key;
    this.api = publicApi(base);
    this.procedures = new Map();
    const saved = this.load();
    this.session = saved.session || null;
    this.messages = saved.messages || [];
  }

  load() {
    try {
      return JSON.parse(this.storage.getItem(this.key) || "{}");
    } catch {
      return {};
    }
  }

  save() {
    try {
      this.storage.setItem(this.key, JSON.stringify({ session: this.session, messages: this.messages }));
    } catch {
      // storage full or disabled: the conversation still works for this page view
    }
  }

  clear() {
    this.session = null;
    this.messages = [];
    this.storage.removeItem(this.key);
  }

  /** Ask; returns the bot message {role, answer, procedure}. Throws ApiError on failure. */
  async ask(text, shown = text) {
    this.messages.push({ role: "user", text: shown });
    this.save();
    const answer = await this.api.chat(text, this.session);
    this.session = answer.session || this.session;
    const procedure = answer.status === "answer" ? await this.procedureFor(answer) : null;
    const message = { role: "bot", answer, procedure, rated: false };
    this.messages.push(message);
    this.save();
    return message;
  }

  async procedureFor(answer) {
    const first = (answer.citations || [])[0];
    if (!first) return null;
    if (!this.procedures.has(first.code)) {
      this.procedures.set(
        first.code,
        this.api.procedure(first.code).catch(() => null), // sections are a bonus: the text stands alone
      );
    }
    return this.procedures.get(first.code);
  }

  async rate(message, rating) {
    await this.api.feedback(message.answer, rating);
    message.rated = true;
    this.save();
  }
}
