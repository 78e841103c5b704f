// Overview: volume over time, the strongest cooperative and conflictual
// dyads of the window, and the latest alerts.

import { get } from "../api.js";
import { volumeChart } from "../charts.js";
import { addDays, clear, controls, el, emptyNote, fmtIndex, fmtNum, loading, params, section, setParams, showError, table } from "../ui.js";

const WINDOWS = [["30", "last 30 days"], ["90", "last 90 days"], ["365", "last year"], ["all", "all time"]];

export async function render(main, status) {
  const p = params();
  const state = { window: p.window || "90", by: p.by || "week" };
  const form = controls([
    { name: "window", label: "Window", type: "select", options: WINDOWS, value: state.window },
    { name: "by", label: "Volume by", type: "select", options: [["day", "day"], ["week", "week"], ["month", "month"]], value: state.by },
  ], (v) => { Object.assign(state, v); setParams(state); draw(); });
  const cards = el("div", { class: "cards" },
    stat("Articles", fmtNum(status.articles)), stat("Events", fmtNum(status.events)),
    stat("Events from", status.first_event || "–"), stat("to", status.last_event || "–"));
  const volume = el("div", { class: "chart-box", id: "volume-chart" });
  const coop = el("div", { id: "top-coop" });
  const conf = el("div", { id: "top-conf" });
  const alerts = el("div", { id: "alerts" });
  main.append(
    el("h1", {}, "Overview"), form, cards,
    section("Articles and events over time", volume),
    el("div", { class: "two" }, section("Most cooperative dyads", coop), section("Most conflictual dyads", conf)),
    section("Latest alerts", alerts),
  );

  async function draw() {
    const until = status.last_event;
    const since = state.window === "all" || !until ? undefined : addDays(until, -Number(state.window) + 1);
    for (const n of [volume, coop, conf, alerts]) loading(n);
    get("overview/volume", { by: state.by }).then((v) => {
      clear(volume);
      if (!v.points.length) volume.append(emptyNote("Nothing stored yet: ingest some news."));
      else volumeChart(volume, v.points);
    }).catch((e) => showError(volume, e));
    get("overview/dyads", { since, until, limit: 8 }).then((d) => {
      dyadTable(coop, d.cooperative, "coop", since, until);
      dyadTable(conf, d.conflictual, "conflict", since, until);
    }).catch((e) => { showError(coop, e); showError(conf, e); });
    get("alerts", { since, until, limit: 8 }).then((a) => alertList(alerts, a.items)).catch((e) => showError(alerts, e));
  }
  draw();
}

function stat(label, value) {
  return el("div", { class: "stat" }, el("div", { class: "stat-value" }, value), el("div", { class: "stat-label" }, label));
}

function dyadLink(a, b, since, until) {
  const q = new URLSearchParams({ a, b, ...(since ? { since } : {}), ...(until ? { until } : {}) });
  return `/dyad?${q}`;
}

function dyadTable(node, rows, key, since, until) {
  clear(node);
  if (!rows.length) { node.append(emptyNote("No pair has enough events in this window.")); return; }
  node.append(table([
    { label: "Dyad", render: (r) => el("a", { href: dyadLink(r.a, r.b, since, until), class: "dyad-link" }, `${r.a_name} – ${r.b_name}`) },
    { label: key === "coop" ? "Cooperative" : "Conflictual", num: true, render: (r) => fmtNum(r[key]) },
    { label: "Events", num: true, render: (r) => fmtNum(r.events) },
    { label: "Index", num: true, render: (r) => el("span", { class: r.index >= 0 ? "pos" : "neg" }, fmtIndex(r.index)) },
  ], rows, { onclick: (r) => { location.href = dyadLink(r.a, r.b, since, until); } }));
}

function alertList(node, items) {
  clear(node);
  if (!items.length) { node.append(emptyNote("No relation turned sharply in this window.")); return; }
  node.append(table([
    { label: "Dyad", render: (r) => el("a", { href: dyadLink(r.a, r.b) }, r.dyad) },
    { label: "Since", key: "period" },
    { label: "Turn", render: (r) => el("span", { class: r.direction === "improving" ? "pos" : "neg" }, r.direction) },
    { label: "Index", num: true, render: (r) => `${fmtIndex(r.baseline_index)} → ${fmtIndex(r.index)}` },
    { label: "z", num: true, render: (r) => fmtNum(r.z, 1) },
    { label: "Driving event", cls: "sentence-cell", render: (r) => (r.drivers[0] ? `${r.drivers[0].date}: ${r.drivers[0].sentence}` : "") },
  ], items, { onclick: (r) => { location.href = dyadLink(r.a, r.b); } }));
}
