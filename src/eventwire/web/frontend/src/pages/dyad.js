// Dyad view: the relation index of A and B over time with its band, events
// by type, and the events list. Clicking a point lists that period's events
// and opens the first one's sentence; clicking an event opens its sentence.

import { exportUrl, get } from "../api.js";
import { indexChart, typeBars } from "../charts.js";
import { openSentence } from "../sentence.js";
import { actorList, actorsLabel, clear, controls, el, emptyNote, fmtIndex, fmtNum, loading, params, periodEnd, quadClass, section, setParams, showError, table } from "../ui.js";

const QUAD = { AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 2, COOPERATE: 2, AID: 2, RETREAT: 2, REQUEST: 3, ACCUSE: 3,
  REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4 };

export async function render(main, status) {
  const p = params();
  const state = { a: p.a || "", b: p.b || "", by: p.by || "week", since: p.since || "", until: p.until || "" };
  if (!state.a) {
    const top = await get("overview/dyads", { limit: 1 }).catch(() => null);
    const pair = top && (top.conflictual[0] || top.cooperative[0]);
    if (pair) Object.assign(state, { a: pair.a, b: pair.b });
  }
  const form = controls([
    { name: "a", label: "Actor A", value: state.a, list: "dyad-actors", size: 14 },
    { name: "b", label: "Actor B", value: state.b, list: "dyad-actors", size: 14, placeholder: "everyone" },
    { name: "by", label: "By", type: "select", options: [["day", "day"], ["week", "week"], ["month", "month"]], value: state.by },
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
  ], (v) => { Object.assign(state, v); setParams(state); draw(); });
  const title = el("h1", {}, "Dyad");
  const summary = el("p", { class: "muted", id: "dyad-summary" });
  const chart = el("div", { class: "chart-box", id: "index-chart" });
  const types = el("div", { class: "chart-box", id: "type-chart" });
  const listTitle = el("h2", {}, "Events");
  const list = el("div", { id: "dyad-events" });
  const more = el("div", { class: "more" });
  main.append(title, form, actorList("dyad-actors"), summary,
    section("Relation index (with its 95 % band) and events per period", chart),
    el("div", { class: "two narrow-left" }, section("Events by type", types),
      el("section", { class: "card" }, listTitle, list, more)));

  let window = {};
  async function draw() {
    if (!state.a) { clear(chart).append(emptyNote("Choose an actor.")); return; }
    title.textContent = `${state.a} – ${state.b || "everyone"}`;
    loading(chart); loading(types);
    window = { since: state.since, until: state.until };
    try {
      const ties = await get("ties", { a: state.a, b: state.b, by: state.by, since: state.since, until: state.until });
      clear(chart);
      const total = ties.periods.reduce((n, x) => n + x.events, 0);
      const coop = ties.periods.reduce((n, x) => n + x.coop, 0);
      const conf = ties.periods.reduce((n, x) => n + x.conflict, 0);
      const last = [...ties.periods].reverse().find((x) => x.index !== null);
      summary.textContent = `${ties.dyad} by ${ties.by}: ${fmtNum(total)} events (${fmtNum(coop)} cooperative, ${fmtNum(conf)} conflictual) in ${ties.periods.length} periods; latest index ${fmtIndex(last && last.index)}.`;
      if (!total) chart.append(emptyNote("No events between these actors in this window."));
      indexChart(chart, ties.periods, { onpoint: (d) => pickPeriod(d) });
      const byType = {};
      for (const x of ties.periods) for (const [t, n] of Object.entries(x.by_type)) byType[t] = (byType[t] || 0) + n;
      clear(types);
      if (Object.keys(byType).length) typeBars(types, byType, (t) => QUAD[t]); else types.append(emptyNote("No events."));
    } catch (err) {
      showError(chart, err); clear(types);
    }
    listTitle.textContent = "Events";
    loadEvents(0, true);
  }

  async function pickPeriod(d) {
    window = { since: d.period, until: periodEnd(d.period, state.by) };
    listTitle.textContent = `Events of ${state.by === "day" ? d.period : `the ${state.by} of ${d.period}`}`;
    const page = await loadEvents(0, true);
    if (page && page.items.length) openSentence(page.items[0]);
  }

  async function loadEvents(offset, replace) {
    if (replace) loading(list);
    clear(more);
    try {
      const page = await get("dyad/events", { a: state.a, b: state.b, since: window.since, until: window.until, limit: 50, offset });
      if (replace) clear(list);
      if (!page.items.length && replace) { list.append(emptyNote("No events.")); return page; }
      const existing = list.querySelector("tbody");
      const t = eventsTable(page.items);
      if (existing && !replace) existing.append(...t.querySelectorAll("tbody tr")); else list.append(t);
      if (page.next_offset !== null) more.append(el("button", { type: "button", onclick: () => loadEvents(page.next_offset, false) }, "More events"));
      more.append(" ", el("a", { href: exportUrl({ format: "csv", source: state.a.length <= 6 ? state.a : undefined, target: state.b && state.b.length <= 6 ? state.b : undefined, since: window.since, until: window.until }) }, "Download CSV (A → B)"));
      return page;
    } catch (err) {
      showError(list, err);
      return null;
    }
  }
  draw();
}

export function eventsTable(items) {
  return table([
    { label: "Date", key: "date", cls: "nowrap" },
    { label: "Type", render: (r) => el("span", { class: `type ${quadClass(r.quad_class)}` }, r.type) },
    { label: "Source → target", render: (r) => `${actorsLabel(r.sources)} → ${actorsLabel(r.targets) || "–"}` },
    { label: "Sentence", cls: "sentence-cell", render: (r) => `${r.sentence || ""}${r.negated ? " (negated)" : r.modality && r.modality !== "asserted" ? ` (${r.modality})` : ""}` },
  ], items, { onclick: (r) => openSentence(r), rowClass: () => "event-row" });
}
