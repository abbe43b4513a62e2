// Small inline-SVG charts (no library): horizontal bars and daily columns. Labels are set as text
// nodes, never markup. Each chart carries role="img" and a label; values are also printed as text.

const NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width, height, label) {
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart" });
  svg.append(svgEl("title", {}, label));
  return svg;
}

/** Horizontal bars: items [{label, value}], value text from format(value). */
export function bars(items, { label, format = String, width = 560, max } = {}) {
  const row = 34;
  const labelWidth = Math.min(210, Math.round(width * 0.42));
  const valueWidth = 56;
  const height = Math.max(row, items.length * row) + 8;
  const top = max ?? Math.max(1, ...items.map((i) => i.value));
  const span = width - labelWidth - valueWidth;
  const svg = frame(width, height, label);
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const w = Math.max(2, (item.value / top) * span);
    const room = Math.floor(labelWidth / 7.5);
    const name = item.label.length > room ? `${item.label.slice(0, room - 1)}…` : item.label;
    const text = svgEl("text", { x: labelWidth - 8, y: y + row / 2, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-label" }, name);
    text.append(svgEl("title", {}, item.label));
    svg.append(
      text,
      svgEl("rect", { x: labelWidth, y: y + 5, width: w, height: row - 10, rx: 4, class: item.className || "bar" }),
      svgEl("text", { x: labelWidth + w + 6, y: y + row / 2, "dominant-baseline": "middle", class: "chart-value" }, format(item.value)),
    );
  });
  return svg;
}

/** Columns per day: items [{label: "2026-11-26", value}] oldest first. */
export function columns(items, { label, width = 760, height = 240 } = {}) {
  const left = 40;
  const bottom = 36;
  const top = Math.max(1, ...items.map((i) => i.value));
  const plotH = height - bottom - 16;
  const step = (width - left - 8) / Math.max(1, items.length);
  const svg = frame(width, height, label);
  for (const tick of [0, 0.5, 1]) {
    const y = 16 + plotH * (1 - tick);
    svg.append(
      svgEl("line", { x1: left, x2: width - 4, y1: y, y2: y, class: "grid" }),
      svgEl("text", { x: left - 6, y, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-value" }, String(Math.round(top * tick))),
    );
  }
  const every = Math.ceil(items.length / 10);
  items.forEach((item, i) => {
    const h = (item.value / top) * plotH;
    const barWidth = Math.min(step * 0.7, 48);
    const x = left + i * step + (step - barWidth) / 2;
    const rect = svgEl("rect", { x, y: 16 + plotH - h, width: barWidth, height: Math.max(h, 1), rx: 3, class: "bar" });
    rect.append(svgEl("title", {}, `${item.label}: ${item.value}`));
    svg.append(rect);
    if (i % every === 0) {
      svg.append(svgEl("text", { x: x + barWidth / 2, y: height - 14, "text-anchor": "middle", class: "chart-label" }, item.label.slice(5)));
    }
  });
  return svg;
}
