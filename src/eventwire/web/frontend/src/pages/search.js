// Sentence search: every word or "quoted phrase" must appear; matches are
// marked, and a click opens the sentence with its coded spans.

import { get } from "../api.js";
import { highlight, openSentence } from "../sentence.js";
import { actorsLabel, clear, controls, el, emptyNote, loading, params, quadClass, section, setParams, showError, table } from "../ui.js";

const TYPES = ["", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
  "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

export async function render(main) {
  const p = params();
  const state = { q: p.q || "", type: p.type || "", since: p.since || "", until: p.until || "" };
  const form = controls([
    { name: "q", label: "Words", value: state.q, placeholder: 'sanctions "South Korea"', size: 28 },
    { name: "type", label: "Type", type: "select", options: TYPES.map((t) => [t, t || "any"]), value: state.type },
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
  ], (v) => { Object.assign(state, v); setParams(state); load(0, true); });
  const results = el("div", { id: "search-results" });
  const more = el("div", { class: "more" });
  main.append(el("h1", {}, "Search sentences"), form, section("Matching sentences, newest first", results, more));

  async function load(offset, replace) {
    clear(more);
    if (!state.q) { clear(results).append(emptyNote("Type some words to search the coded sentences.")); return; }
    if (replace) loading(results);
    try {
      const res = await get("search", { ...state, limit: 50, offset });
      if (replace) clear(results);
      if (!res.items.length && replace) { results.append(emptyNote("No sentence holds all these words.")); return; }
      const t = table([
        { label: "Date", key: "date" },
        { label: "Type", render: (r) => el("span", { class: `type ${quadClass(r.quad_class)}` }, r.type) },
        { label: "Actors", render: (r) => `${actorsLabel(r.sources)} → ${actorsLabel(r.targets) || "–"}` },
        { label: "Sentence", cls: "sentence-cell", render: (r) => el("span", {}, highlight(r.sentence || "", r.matches.map(([s, e]) => ({ start: s, end: e, cls: "match" })))) },
      ], res.items, { onclick: (r) => openSentence(r), rowClass: () => "hit" });
      const body = results.querySelector("tbody");
      if (body && !replace) body.append(...t.querySelectorAll("tbody tr")); else results.append(t);
      if (res.next_offset !== null) more.append(el("button", { type: "button", onclick: () => load(res.next_offset, false) }, "More"));
    } catch (err) {
      showError(results, err);
    }
  }
  load(0, true);
}
