// The manager dashboard: GET /api/analytics drawn as inline SVG charts. Handoff and satisfaction
// trends compare the last 7, 30 and 90 days (the analytics route reports totals per period).

import { ApiError, publicApi, staffApi as api } from "./api.js";
import { bars, columns } from "./charts.js";
import { h, replace } from "./dom.js";
import { LANGUAGES, bindLanguageSelect, locale, t } from "./i18n.js";
import { startSession } from "./session.js";

const PERIODS = [7, 30, 90];
const $ = (id) => document.getElementById(id);
const state = { lang: "vi", signedIn: false, names: new Map() };

function percent(value) {
  return value === null || value === undefined
    ? "—"
    : new Intl.NumberFormat(locale(state.lang), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

function empty() {
  return h("p", { class: "empty" }, t(state.lang, "noData"));
}

async function procedureName(code) {
  if (!state.names.has(code)) {
    state.names.set(code, publicApi("").procedure(code).then((p) => p.name, () => ""));
  }
  return state.names.get(code);
}

async function load() {
  if (!state.signedIn) return;
  const days = Number($("days").value);
  $("load-error").hidden = true;
  try {
    const periods = await Promise.all(PERIODS.map((d) => api.analytics(d)));
    const current = periods[PERIODS.indexOf(days)] || (await api.analytics(days));
    $("dashboard").hidden = false; // laid out first: the charts take their containers' widths
    await render(current, periods);
  } catch (err) {
    $("load-error").textContent = err instanceof ApiError && err.message ? err.message : t(state.lang, "loadFailed");
    $("load-error").hidden = false;
    $("dashboard").hidden = false;
  }
}

/** Draw at the container's own width so that labels stay readable on a phone. */
function widthOf(id) {
  return Math.max(300, Math.min(760, $(id).clientWidth || 560));
}

async function render(a, periods) {
  const lang = state.lang;
  // Names first, so that the dashboard is drawn in one go and never shows half its charts.
  const top = await Promise.all(
    a.top_procedures.map(async ([code, value]) => {
      const name = await procedureName(code);
      return { label: name ? `${code} ${name}` : code, value };
    }),
  );
  const rated = Object.values(a.ratings).reduce((s, n) => s + n, 0);
  replace(
    $("kpis"),
    [
      [t(lang, "totalQuestions"), String(a.questions)],
      [t(lang, "handoffRate"), percent(a.handoff_rate)],
      [t(lang, "satisfactionShare"), percent(a.satisfaction)],
      [t(lang, "ratings"), String(rated)],
    ].map(([label, value]) => h("div", { class: "kpi" }, h("p", { class: "kpi-value" }, value), h("p", { class: "kpi-label" }, label))),
  );

  const perDay = Object.entries(a.questions_per_day).map(([label, value]) => ({ label, value }));
  replace($("per-day"), perDay.length ? columns(perDay, { label: t(lang, "questionsPerDay"), width: widthOf("per-day") }) : empty());

  const languageName = (code) => (LANGUAGES.find((l) => l.code === code) || { label: code }).label;
  const langs = Object.entries(a.languages).map(([code, value]) => ({ label: languageName(code), value }));
  replace($("languages"), langs.length ? bars(langs, { label: t(lang, "languagesMix"), width: widthOf("languages") }) : empty());

  replace($("top"), top.length ? bars(top, { label: t(lang, "topProcedures"), width: widthOf("top") }) : empty());

  const trend = (key, className) =>
    PERIODS.map((d, i) => ({ label: `${d} d`, value: periods[i][key] ?? 0, className }));
  replace($("handoff"), bars(trend("handoff_rate", "bar warn"), {
      label: t(lang, "handoffTrend"),
      format: percent,
      max: 1,
      width: widthOf("handoff"),
    }));
  const ratingBars = [5, 4, 3, 2, 1].map((r) => ({ label: "★".repeat(r), value: a.ratings[r] || 0, className: "bar ok" }));
  replace(
    $("satisfaction"),
    bars(trend("satisfaction", "bar ok"), {
      label: t(lang, "satisfactionTrend"),
      format: percent,
      max: 1,
      width: widthOf("satisfaction"),
    }),
    rated ? bars(ratingBars, { label: t(lang, "ratings"), width: widthOf("satisfaction") }) : null,
  );

  replace(
    $("unanswered"),
    a.unanswered.length
      ? a.unanswered.map((u) => h("li", {}, u.text, h("span", { class: "count" }, `× ${u.count}`)))
      : h("li", { class: "empty" }, t(lang, "noData")),
  );
}

$("days").addEventListener("change", load);
const session = startSession({
  lang: () => state.lang,
  onSignedIn: () => {
    state.signedIn = true;
    load();
  },
  onSignedOut: () => {
    state.signedIn = false;
    $("dashboard").hidden = true;
  },
});
bindLanguageSelect($("lang"), (lang) => {
  state.lang = lang;
  $("days").setAttribute("aria-label", t(lang, "period"));
  session.relabel();
  load();
});
