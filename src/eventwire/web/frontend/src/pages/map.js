// World map: every country coloured by its relation with a chosen country
// (the relation index over the window), with the partners' table below.

import * as d3 from "d3";
import * as topojson from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { get } from "../api.js";
import { indexColor } from "../charts.js";
import { actorList, clear, controls, el, emptyNote, fmtIndex, fmtNum, loading, params, section, setParams, showError, table } from "../ui.js";

export async function render(main) {
  const p = params();
  const state = { country: p.country || "USA", since: p.since || "", until: p.until || "" };
  const form = controls([
    { name: "country", label: "Country", value: state.country, list: "map-countries", size: 8 },
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
  ], (v) => { Object.assign(state, v); state.country = state.country.toUpperCase(); setParams(state); draw(); });
  const mapBox = el("div", { class: "chart-box map-box", id: "world-map" });
  const info = el("p", { class: "muted", id: "map-info" }, "Click a country to see its relations.");
  const partners = el("div", { id: "partners" });
  main.append(el("h1", {}, "World map"), form, actorList("map-countries", "countries"),
    section("Relations with the chosen country", mapBox, legend(), info), section("Partners", partners));

  const codes = await get("countries");
  const byNumeric = new Map(codes.map((c) => [c.numeric, c]));
  const features = topojson.feature(world, world.objects.countries).features
    .filter((f) => f.id !== "010") // Antarctica: no relations, much ink
    .map((f) => ({ ...f, code: byNumeric.get(f.id)?.code, name: byNumeric.get(f.id)?.name || f.properties.name }));
  const width = 960;
  const height = 470;
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "FeatureCollection", features });
  const path = d3.geoPath(projection);
  const svg = d3.select(mapBox).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%")
    .attr("class", "chart map").attr("role", "img").attr("aria-label", "World map of relations");
  const shapes = svg.append("g").selectAll("path").data(features).join("path").attr("d", path)
    .attr("class", "country").attr("data-code", (d) => d.code || "").attr("tabindex", 0)
    .on("click", (_e, d) => pick(d)).on("keydown", (e, d) => { if (e.key === "Enter") pick(d); });
  shapes.append("title");

  function pick(d) {
    if (!d.code) return;
    form.inputs.country.value = d.code;
    state.country = d.code;
    setParams(state);
    draw();
  }

  async function draw() {
    loading(partners);
    try {
      const rel = await get("relations", { actor: state.country, since: state.since, until: state.until });
      const byCode = new Map(rel.partners.map((r) => [r.partner, r]));
      shapes.attr("fill", (d) => (d.code === state.country ? "var(--focus)" : byCode.has(d.code) ? indexColor(byCode.get(d.code).index) : "var(--no-data)"))
        .classed("focus", (d) => d.code === state.country);
      shapes.select("title").text((d) => {
        const r = byCode.get(d.code);
        return d.code === state.country ? `${d.name} (chosen)` : r ? `${d.name}: index ${fmtIndex(r.index)}, ${r.events} events (${r.coop} coop, ${r.conflict} conflict)` : `${d.name}: no events`;
      });
      info.textContent = `${rel.partners.length} partner countries of ${state.country}. Click a country to choose it.`;
      clear(partners);
      if (!rel.partners.length) { partners.append(emptyNote(`No events between ${state.country} and other countries in this window.`)); return; }
      partners.append(table([
        { label: "Partner", render: (r) => `${r.name} (${r.partner})` },
        { label: "Events", num: true, render: (r) => fmtNum(r.events) },
        { label: "Coop", num: true, key: "coop" },
        { label: "Conflict", num: true, key: "conflict" },
        { label: "Index", num: true, render: (r) => el("span", { class: r.index >= 0 ? "pos" : "neg" }, fmtIndex(r.index)) },
      ], rel.partners.slice(0, 40), { onclick: (r) => { location.href = `/dyad?a=${state.country}&b=${r.partner}`; } }));
    } catch (err) {
      showError(partners, err);
      shapes.attr("fill", "var(--no-data)");
    }
  }
  draw();
}

function legend() {
  const w = 260;
  const s = d3.create("svg").attr("viewBox", `0 0 ${w} 34`).attr("width", w).attr("class", "legend-scale");
  const grad = s.append("defs").append("linearGradient").attr("id", "idx-grad");
  for (let i = 0; i <= 10; i++) grad.append("stop").attr("offset", `${i * 10}%`).attr("stop-color", indexColor(-1 + i / 5));
  s.append("rect").attr("x", 10).attr("y", 4).attr("width", w - 20).attr("height", 10).attr("fill", "url(#idx-grad)");
  [["conflict −1", 10, "start"], ["0", w / 2, "middle"], ["+1 cooperation", w - 10, "end"]].forEach(([t, x, a]) =>
    s.append("text").attr("x", x).attr("y", 28).attr("text-anchor", a).text(t));
  return s.node();
}
