// Meetings view: a leader's (or a country's) meetings on a timeline, one
// lane per partner; clicking a meeting opens its sentence.

import { get } from "../api.js";
import { meetingTimeline } from "../charts.js";
import { openSentence } from "../sentence.js";
import { actorList, actorsDirectory, clear, controls, el, emptyNote, fmtNum, loading, params, section, setParams, showError, table } from "../ui.js";

export async function render(main) {
  const p = params();
  const state = { actor: p.actor || "", partner: p.partner || "", since: p.since || "", until: p.until || "" };
  if (!state.actor) {
    const dir = await actorsDirectory().catch(() => null);
    if (dir && dir.people.length) state.actor = dir.people[0].name;
  }
  const form = controls([
    { name: "actor", label: "Leader or actor", value: state.actor, list: "meeting-actors", size: 20 },
    { name: "partner", label: "With", value: state.partner, list: "meeting-actors", size: 14, placeholder: "anyone" },
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
  ], (v) => { Object.assign(state, v); setParams(state); draw(); });
  const box = el("div", { class: "chart-box", id: "meetings-chart" });
  const info = el("p", { class: "muted", id: "meetings-info" });
  const list = el("div", { id: "meetings-list" });
  main.append(el("h1", {}, "Meetings"), form, actorList("meeting-actors"), section("Meetings over time", info, box), section("All meetings", list));

  async function draw() {
    if (!state.actor) { clear(box).append(emptyNote("Choose a leader.")); return; }
    loading(box); loading(list);
    try {
      const res = await get("meetings", state);
      clear(box); clear(list);
      info.textContent = `${res.items.length} meetings of ${res.actor}. Dot size: number of sources. Click a meeting for its sentence.`;
      if (!res.items.length) { box.append(emptyNote("No meetings in this window.")); return; }
      meetingTimeline(box, res.items, { onclick: (d) => openSentence(d.event_id) });
      list.append(table([
        { label: "Date", key: "date" },
        { label: "Partner", render: (r) => `${r.partner}${r.partner_country && r.partner_country !== r.partner ? ` (${r.partner_country})` : ""}` },
        { label: "Sources", num: true, render: (r) => fmtNum(r.num_sources) },
        { label: "Sentence", cls: "sentence-cell", key: "sentence" },
      ], [...res.items].reverse().slice(0, 200), { onclick: (r) => openSentence(r.event_id) }));
    } catch (err) {
      showError(box, err); clear(list);
    }
  }
  draw();
}
