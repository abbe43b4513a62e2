// Staff review: sign in, drop scans, follow the extraction job, review the pre-filled form next to
// the document images (a box around every field read, coloured by confidence), edit, choose the
// form, approve, then print or download. Everything works from the keyboard:
// Tab/Shift+Tab between items, Enter saves, Ctrl+Enter approves, focus on an item lights up its box.

import { ApiError, staffApi as api } from "./api.js";
import { h, replace } from "./dom.js";
import { bindLanguageSelect, t } from "./i18n.js";
import { startSession } from "./session.js";

const POLL_MS = 400;
const DEFAULT_FORM = "TK01"; // the passport form: the most common pre-fill at a one-stop desk
const SVG_NS = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);
const state = { lang: "vi", draft: null, definition: null, forms: [], saved: {} };

function level(confidence) {
  if (confidence >= 0.9) return "high";
  if (confidence >= 0.6) return "medium";
  return "low";
}

function message(text, bad = false) {
  const el = $("draft-message");
  el.textContent = text;
  el.classList.toggle("bad", bad);
}

function errorText(err) {
  return err instanceof ApiError && err.message ? err.message : t(state.lang, "networkError");
}

// ---- signed in ------------------------------------------------------------------------------

async function showWorkspace() {
  $("workspace").hidden = false;
  state.forms = (await api.forms()).forms;
  for (const select of [$("upload-form"), $("draft-form")]) {
    replace(select, state.forms.map((f) => h("option", { value: f, selected: f === DEFAULT_FORM }, f)));
  }
  $("drop").focus();
}

function hideWorkspace() {
  state.draft = null;
  $("review").hidden = true;
  $("workspace").hidden = true;
}

// ---- upload and job --------------------------------------------------------------------------

const drop = $("drop");
const fileInput = $("files");
drop.addEventListener("click", () => fileInput.click());
drop.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    fileInput.click();
  }
});
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  upload([...event.dataTransfer.files]);
});
fileInput.addEventListener("change", () => {
  upload([...fileInput.files]);
  fileInput.value = "";
});

async function upload(files) {
  if (!files.length) return;
  const progress = $("progress");
  const status = $("job-status");
  $("job").hidden = false;
  status.classList.remove("failed");
  progress.value = 0;
  status.textContent = t(state.lang, "uploading");
  try {
    const accepted = await api.upload(files, $("upload-form").value);
    let job = accepted.job;
    status.textContent = t(state.lang, "reading");
    while (job.status === "queued" || job.status === "running") {
      progress.value = job.progress;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api.job(job.id);
    }
    if (job.status === "failed") throw new ApiError(422, `${t(state.lang, "jobFailed")}: ${job.error}`);
    $("job").hidden = true;
    await openDraft(job.result.draft, accepted.scans);
  } catch (err) {
    status.textContent = errorText(err);
    status.classList.add("failed");
  }
}

// ---- review ----------------------------------------------------------------------------------

async function openDraft(id, scanIds) {
  const draft = await api.draft(id);
  state.scans = scanIds || state.scans || [];
  await showDraft(draft);
  $("review").hidden = false;
  const first = document.querySelector("#items input");
  if (first) first.focus();
}

async function showDraft(draft) {
  state.draft = draft;
  if (draft.form && (!state.definition || state.definition.form !== draft.form)) {
    state.definition = await api.formDefinition(draft.form);
  }
  $("draft-form").value = draft.form || "";
  $("form-title").textContent = state.definition ? state.definition.title : "";
  renderDocuments(draft.documents);
  renderItems(draft);
  renderWarnings(draft.warnings);
  renderStatus(draft);
}

function scanUrl(doc, index) {
  // The service names each extracted page after its upload: "scan-<id>".
  const match = /^scan-(\d+)$/.exec(doc.file || "");
  const id = match ? match[1] : state.scans[index];
  return id ? `/api/scans/${id}` : null;
}

function renderDocuments(documents) {
  replace(
    $("docs"),
    documents.map((doc, index) => {
      const url = scanUrl(doc, index);
      const svg = document.createElementNS(SVG_NS, "svg");
      svg.setAttribute("aria-hidden", "true");
      const frame = h("div", { class: "doc-frame" });
      if (url) {
        const img = h("img", { src: url, alt: doc.document_type });
        img.addEventListener("load", () => drawBoxes(svg, doc, img));
        img.addEventListener("error", () => frame.remove()); // e.g. a PDF upload: no image to show
        frame.append(img, svg);
      }
      return h(
        "figure",
        { class: "doc", dataset: { type: doc.document_type } },
        h("figcaption", {}, `${doc.document_type} — ${Object.keys(doc.fields).length} ${t(state.lang, "field").toLowerCase()}`),
        frame,
        doc.warnings.map((w) => h("p", { class: "doc-warn" }, w)),
      );
    }),
  );
}

// ExtractedField.bbox is in the straightened page; the service serves the uploaded file, so the boxes
// line up for flat scans (a scanner's output) and are approximate for photos that needed straightening.
function drawBoxes(svg, doc, img) {
  svg.setAttribute("viewBox", `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
  svg.replaceChildren();
  for (const [name, field] of Object.entries(doc.fields)) {
    if (!field.bbox) continue;
    const [x, y, w, hgt] = field.bbox;
    const rect = document.createElementNS(SVG_NS, "rect");
    Object.entries({ x, y, width: w, height: hgt, rx: 6 }).forEach(([k, v]) => rect.setAttribute(k, v));
    rect.setAttribute("class", `box ${level(field.confidence)}`);
    rect.dataset.key = `${doc.document_type}.${name}`;
    rect.dataset.field = name;
    svg.append(rect);
  }
}

/** "cccd_2021_front.full_name/qr" -> the boxes of that field (any document of that type). */
function highlight(source) {
  document.querySelectorAll(".box.focus").forEach((b) => b.classList.remove("focus"));
  const key = (source || "").split("/")[0];
  if (!key) return;
  document.querySelectorAll(`.box[data-key="${CSS.escape(key)}"]`).forEach((b) => {
    b.classList.add("focus");
    b.parentNode.append(b); // on top of boxes that share its place (QR fields share the QR's box)
  });
}

function renderItems(draft) {
  const definition = state.definition;
  const order = definition ? definition.items : Object.keys(draft.fields).map((item) => ({ item, label: item }));
  const editable = draft.status === "review";
  state.saved = {};
  const rows = order.map(({ item, label }) => {
    const field = draft.fields[item];
    const value = field && field.value !== null && field.value !== undefined ? String(field.value) : "";
    state.saved[item] = value;
    const id = `item-${item}`;
    const cls = field ? level(field.confidence) : "missing";
    const input = h("input", { id, name: item, value, disabled: !editable, autocomplete: "off", dataset: { item } });
    const row = h(
      "tr",
      { class: cls, dataset: { item } },
      h("th", { scope: "row" }, item),
      h("td", {}, h("label", { for: id }, label)),
      h("td", {}, input),
      h("td", {}, confidenceCell(field)),
      h("td", { class: "source" }, field ? sourceText(field) : t(state.lang, "missing")),
    );
    input.addEventListener("focus", () => {
      document.querySelectorAll("#items tr.active").forEach((r) => r.classList.remove("active"));
      row.classList.add("active");
      highlight(field && field.source);
    });
    return row;
  });
  replace($("items"), rows);
}

function confidenceCell(field) {
  if (!field) return h("span", { class: "conf missing" }, "—");
  const lvl = level(field.confidence);
  const agreed = field.agreed;
  return [
    h("span", { class: `conf ${lvl}`, title: t(state.lang, lvl) }, `${Math.round(field.confidence * 100)}%`),
    h(
      "span",
      {
        class: `mark ${agreed ? "agreed" : "disagreed"}`,
        title: t(state.lang, agreed ? "agreed" : "disagreed"),
        "aria-label": t(state.lang, agreed ? "agreed" : "disagreed"),
        role: "img",
      },
      agreed ? "✓" : "⚠",
    ),
  ];
}

function sourceText(field) {
  return field.source === "staff" && field.edited_by ? `${field.source} (${field.edited_by})` : field.source;
}

function renderWarnings(warnings) {
  const box = $("warnings");
  box.hidden = !warnings.length;
  replace(box, h("strong", {}, t(state.lang, "warnings")), h("ul", {}, warnings.map((w) => h("li", {}, w))));
}

function renderStatus(draft) {
  const status = $("draft-status");
  const key = { review: "inReview", approved: "approved", rejected: "rejected" }[draft.status] || "inReview";
  status.textContent = t(state.lang, key);
  status.className = `status ${draft.status}`;
  const approved = draft.status === "approved";
  const open = draft.status === "review";
  for (const id of ["save", "approve", "reject"]) $(id).hidden = !open;
  $("draft-form").disabled = !open;
  for (const id of ["pdf", "json", "print"]) $(id).hidden = !approved;
  if (approved) {
    $("pdf").href = `/api/drafts/${draft.id}/export.pdf`;
    $("json").href = `/api/drafts/${draft.id}/export.json`;
    $("json").setAttribute("download", `draft-${draft.id}-${draft.form}.json`);
  }
}

function changedValues() {
  const changes = {};
  document.querySelectorAll("#items input").forEach((input) => {
    if (input.value !== state.saved[input.dataset.item]) changes[input.dataset.item] = input.value;
  });
  return changes;
}

async function save() {
  const fields = changedValues();
  if (!Object.keys(fields).length) return true;
  const focused = document.activeElement && document.activeElement.dataset.item;
  try {
    await showDraft(await api.patchDraft(state.draft.id, { fields }));
    message(t(state.lang, "saved"));
    if (focused) $(`item-${focused}`)?.focus();
    return true;
  } catch (err) {
    message(errorText(err), true);
    return false;
  }
}

async function approve() {
  if (!(await save())) return;
  try {
    await showDraft(await api.approve(state.draft.id));
    message(t(state.lang, "approved"));
    $("pdf").focus();
  } catch (err) {
    message(errorText(err), true);
  }
}

$("draft").addEventListener("submit", (event) => {
  event.preventDefault();
  save();
});
$("approve").addEventListener("click", approve);
$("reject").addEventListener("click", async () => {
  try {
    await showDraft(await api.reject(state.draft.id, ""));
    message(t(state.lang, "reject"));
  } catch (err) {
    message(errorText(err), true);
  }
});
$("print").addEventListener("click", () => window.print());
$("draft-form").addEventListener("change", async (event) => {
  try {
    await showDraft(await api.patchDraft(state.draft.id, { form: event.target.value, fields: changedValues() }));
  } catch (err) {
    message(errorText(err), true);
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && state.draft && state.draft.status === "review") {
    event.preventDefault();
    approve();
  }
});

// ---- start -----------------------------------------------------------------------------------

const session = startSession({ lang: () => state.lang, onSignedIn: showWorkspace, onSignedOut: hideWorkspace });
bindLanguageSelect($("lang"), (lang) => {
  state.lang = lang;
  if (state.draft) showDraft(state.draft);
  session.relabel();
});
