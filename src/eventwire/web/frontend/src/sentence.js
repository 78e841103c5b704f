// The sentence behind a point: the event's sentence with its source, target
// and trigger spans marked, what was coded, and a link to the article.

import { get } from "./api.js";
import { actorsLabel, clear, el, fmtNum, quadClass, quadLabel, showError } from "./ui.js";

// Text split at every span boundary; each piece carries the classes (and
// event ids) of the spans covering it, so overlapping spans stay readable.
export function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  const good = spans.filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end
    && s.start >= 0 && s.end <= text.length);
  for (const s of good) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const cover = good.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { out.push(document.createTextNode(piece)); continue; }
    const classes = [...new Set(cover.map((s) => s.cls))].join(" ");
    const span = el("span", { class: classes, title: cover.map((s) => s.title).filter(Boolean).join("; ") || null }, piece);
    const ev = cover.find((s) => s.event_id);
    if (ev) span.dataset.event = ev.event_id;
    out.push(span);
  }
  return out;
}

// The spans of one event, shifted by `offset` (its sentence's place in the article).
export function eventSpans(ev, offset = 0) {
  const spans = [];
  for (const a of ev.sources || []) spans.push({ start: a.start + offset, end: a.end + offset, cls: "span-source", title: `source: ${a.code}`, event_id: ev.event_id });
  for (const a of ev.targets || []) spans.push({ start: a.start + offset, end: a.end + offset, cls: "span-target", title: `target: ${a.code}`, event_id: ev.event_id });
  if (ev.trigger && ev.trigger.end > ev.trigger.start) {
    spans.push({ start: ev.trigger.start + offset, end: ev.trigger.end + offset, cls: "span-trigger", title: `${ev.type} (trigger)`, event_id: ev.event_id });
  }
  return spans;
}

function panel() {
  return document.getElementById("sentence");
}

export function closeSentence() {
  const p = panel();
  p.classList.add("hidden");
  clear(p);
}

// Open the panel for an event (an id, or an event already loaded).
export async function openSentence(eventOrId) {
  const p = panel();
  p.classList.remove("hidden");
  clear(p).append(el("p", { class: "muted" }, "Loading the sentence…"));
  try {
    const ev = typeof eventOrId === "string" ? await get(`events/${encodeURIComponent(eventOrId)}`) : eventOrId;
    renderSentence(p, ev);
  } catch (err) {
    showError(p, err);
    p.prepend(closeButton());
  }
}

function closeButton() {
  return el("button", { class: "close", type: "button", "aria-label": "Close", onclick: closeSentence }, "×");
}

function renderSentence(p, ev) {
  clear(p);
  const text = ev.sentence || "";
  const quote = el("blockquote", { class: "sentence-text", id: "sentence-text" }, highlight(text, eventSpans(ev)));
  const rows = [
    ["Date", ev.date || "unknown"],
    ["Event", `${ev.type || "?"}${ev.mode ? ` (${ev.mode})` : ""}${ev.cameo ? ` · CAMEO ${ev.cameo}` : ""}`],
    ["Class", `${quadLabel(ev.quad_class)} · intensity ${fmtNum(ev.intensity, 1)}`],
    ["Source", actorsLabel(ev.sources) || "–"],
    ["Target", actorsLabel(ev.targets) || "–"],
    ["Modality", `${ev.modality || "asserted"}${ev.negated ? " · negated" : ""}`],
    ["Confidence", fmtNum(ev.confidence, 2)],
  ];
  if (ev.evidence && (ev.evidence.pattern_id || ev.evidence.model_type)) {
    rows.push(["Evidence", [ev.evidence.pattern_id, ev.evidence.model_type && `model ${ev.evidence.model_type} ${fmtNum(ev.evidence.model_score, 2)}`].filter(Boolean).join(" · ")]);
  }
  const meta = el("dl", { class: "meta" }, rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const links = el("p", { class: "links" },
    ev.article_id ? el("a", { href: `/article/${encodeURIComponent(ev.article_id)}#e-${ev.event_id}`, id: "sentence-article-link" }, `Read the article${ev.title ? `: ${ev.title}` : ""}`) : null,
    ev.url ? el("a", { href: ev.url, rel: "noreferrer noopener", target: "_blank", class: "external" }, ev.site || "original") : null);
  p.append(
    closeButton(),
    el("h2", { class: quadClass(ev.quad_class) }, `${ev.type || "Event"}: ${actorsLabel(ev.sources)} → ${actorsLabel(ev.targets) || "–"}`),
    quote,
    el("p", { class: "legend" }, el("span", { class: "span-source" }, "source"), " ", el("span", { class: "span-target" }, "target"), " ", el("span", { class: "span-trigger" }, "trigger")),
    meta,
    links,
  );
}

document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeSentence(); });
