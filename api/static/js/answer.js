// One answer object (contracts.md) shown to a citizen: the reply, clarification options, the cited
// procedure's facts in sections (straight from the catalogue record, never from free text), the
// source, a "talk to staff" path on handoff, and a 1–5 rating. Shared by the widget and the kiosk.

import { h } from "./dom.js";
import { locale, t } from "./i18n.js";

const SECTION_ORDER = ["documents", "fee", "time", "where", "online"];

/**
 * @param {object} answer   the answer object
 * @param {object|null} procedure  the first citation's catalogue record, when the answer cites one
 * @param {object} ui  {lang, onOption(citation, index), onRate(n) -> Promise, rated, rateKey, onStaff(), extra(answer)}
 */
export function renderAnswer(answer, procedure, ui) {
  const { lang } = ui;
  const article = h(
    "article",
    { class: "answer", dataset: { status: answer.status, intent: answer.intent } },
    h("p", { class: "answer-text" }, answer.text),
  );
  if (ui.extra) {
    const more = ui.extra(answer);
    if (more) article.append(more);
  }
  if (answer.status === "clarify") article.append(options(answer.citations || [], ui));
  if (answer.status === "answer" && procedure) article.append(sections(procedure, answer.intent, lang));
  if (answer.status === "handoff") article.append(handoff(ui));
  if (answer.status !== "clarify" && answer.citations && answer.citations.length) {
    article.append(sources(answer.citations, lang));
  }
  if (answer.status !== "clarify" && ui.onRate) article.append(rating(ui));
  return article;
}

function options(citations, ui) {
  return h(
    "div",
    { class: "options", role: "group", "aria-label": t(ui.lang, "clarify") },
    h("p", { class: "options-title" }, t(ui.lang, "clarify")),
    citations.map((c, i) =>
      h(
        "button",
        { type: "button", class: "option", dataset: { code: c.code }, onclick: () => ui.onOption(c, i) },
        h("span", { class: "option-name" }, c.name),
        h("span", { class: "code" }, c.code),
      ),
    ),
  );
}

function handoff(ui) {
  return h(
    "div",
    { class: "handoff", role: "note" },
    h("p", {}, t(ui.lang, "handoff")),
    h("button", { type: "button", class: "staff-button", onclick: () => ui.onStaff && ui.onStaff() }, t(ui.lang, "staff")),
  );
}

function sources(citations, lang) {
  return h(
    "p",
    { class: "sources" },
    t(lang, "source") + ": ",
    citations.map((c, i) => [
      i ? "; " : "",
      h("a", { href: safeUrl(c.url), target: "_blank", rel: "noopener noreferrer" }, `${c.code} — ${c.name}`),
    ]),
  );
}

/** Only http(s) links are followed; anything else becomes an inert "#". */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "#";
  } catch {
    return "#";
  }
}

function sections(procedure, intent, lang) {
  const builders = { documents, fee, time, where, online };
  const wrapper = h("div", { class: "sections" });
  for (const name of SECTION_ORDER) {
    const body = builders[name](procedure, lang);
    const details = h(
      "details",
      { class: `section section-${name}`, open: name === intent || (intent === "general" && name === "documents") },
      h("summary", {}, t(lang, name)),
      body,
    );
    wrapper.append(details);
  }
  return wrapper;
}

function documents(p, lang) {
  if (!p.documents || !p.documents.length) return h("p", { class: "muted" }, t(lang, "notStated"));
  let currentCase = null;
  const items = [];
  p.documents.forEach((d, i) => {
    if (d.case && d.case !== currentCase) {
      currentCase = d.case;
      items.push(h("li", { class: "case" }, d.case));
    }
    const id = `doc-${p.code}-${i}-${Math.random().toString(36).slice(2, 7)}`;
    const counts = [
      d.originals ? `${d.originals} ${t(lang, "originals")}` : "",
      d.copies ? `${d.copies} ${t(lang, "copies")}` : "",
    ].filter(Boolean);
    items.push(
      h(
        "li",
        { class: "check" },
        h("input", { type: "checkbox", id }),
        h("label", { for: id }, d.name, counts.length ? h("span", { class: "muted" }, ` (${counts.join(", ")})`) : null),
      ),
    );
  });
  return h("ul", { class: "checklist" }, items);
}

function money(amount, lang) {
  return new Intl.NumberFormat(locale(lang), { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(
    amount,
  );
}

function feeText(f, lang) {
  if (f.kind === "free") return t(lang, "free");
  const parts = [f.amount_vnd !== null && f.amount_vnd !== undefined ? money(f.amount_vnd, lang) : "", f.description];
  return parts.filter(Boolean).join(" — ") || t(lang, "notStated");
}

function timeText(time, lang) {
  if (time && time.value !== null && time.value !== undefined && time.unit) {
    const value = new Intl.NumberFormat(locale(lang)).format(time.value);
    return `${value} ${t(lang, `unit_${time.unit}`)}${time.text ? ` (${time.text})` : ""}`;
  }
  return (time && time.text) || t(lang, "notStated");
}

function perChannel(p, lang, describe) {
  if (!p.channels || !p.channels.length) return h("p", { class: "muted" }, t(lang, "notStated"));
  return h(
    "dl",
    { class: "facts" },
    p.channels.map((c) => [h("dt", {}, t(lang, `channel_${c.channel}`)), h("dd", {}, describe(c))]),
  );
}

function fee(p, lang) {
  return perChannel(p, lang, (c) =>
    c.fees && c.fees.length ? c.fees.map((f) => feeText(f, lang)).join("; ") : t(lang, "notStated"),
  );
}

function time(p, lang) {
  return perChannel(p, lang, (c) => timeText(c.time, lang));
}

function where(p, lang) {
  const agencies = p.agencies || {};
  const lines = [agencies.receiving_address, ...(agencies.executing || [])].filter(Boolean);
  if (!lines.length) return h("p", { class: "muted" }, t(lang, "notStated"));
  return h("ul", { class: "plain" }, lines.map((line) => h("li", {}, line)));
}

function online(p, lang) {
  const hasOnline = (p.channels || []).some((c) => c.channel === "online");
  const statement = p.fully_online === true || hasOnline ? "onlineYes" : "onlineNo";
  return h(
    "div",
    {},
    h("p", {}, t(lang, statement)),
    p.url
      ? h("a", { class: "portal-link", href: safeUrl(p.url), target: "_blank", rel: "noopener noreferrer" }, t(lang, "openPortal"))
      : null,
  );
}

function rating(ui) {
  const { lang } = ui;
  const label = t(lang, ui.rateKey || "rate");
  const box = h("div", { class: "rating", role: "group", "aria-label": label });
  if (ui.rated) {
    box.append(h("p", { class: "thanks" }, t(lang, "thanks")));
    return box;
  }
  const stars = [1, 2, 3, 4, 5].map((n) =>
    h(
      "button",
      {
        type: "button",
        class: "star",
        "aria-label": t(lang, "star", { n }),
        dataset: { rating: n },
        onclick: async () => {
          stars.forEach((s) => (s.disabled = true));
          try {
            await ui.onRate(n);
            box.replaceChildren(h("p", { class: "thanks", role: "status" }, t(lang, "thanks")));
          } catch {
            stars.forEach((s) => (s.disabled = false));
          }
        },
      },
      "★",
    ),
  );
  box.append(h("span", { class: "rating-label" }, label), h("span", { class: "stars" }, stars));
  return box;
}
