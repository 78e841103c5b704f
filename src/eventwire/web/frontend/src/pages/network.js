// Network view: countries as nodes (size: events), edges coloured by the
// pair's index and as wide as its events; laid out by a force simulation
// run to rest before drawing, so the same data gives the same picture.

import * as d3 from "d3";
import { get } from "../api.js";
import { indexColor } from "../charts.js";
import { clear, controls, el, emptyNote, fmtIndex, fmtNum, loading, params, section, setParams, showError, table } from "../ui.js";

export async function render(main) {
  const p = params();
  const state = { since: p.since || "", until: p.until || "", min_events: p.min_events || "3", max_edges: p.max_edges || "150" };
  const form = controls([
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
    { name: "min_events", label: "Min events per edge", type: "number", min: 1, value: state.min_events },
    { name: "max_edges", label: "Strongest edges", type: "number", min: 1, max: 5000, value: state.max_edges },
  ], (v) => { Object.assign(state, v); setParams(state); draw(); });
  const box = el("div", { class: "chart-box", id: "network-chart" });
  const info = el("p", { class: "muted", id: "network-info" });
  const central = el("div", { id: "central" });
  main.append(el("h1", {}, "Network"), form, section("Who deals with whom", box, info), section("Most central", central));

  async function draw() {
    loading(box); clear(central);
    try {
      const net = await get("network", state);
      clear(box);
      info.textContent = `${net.nodes.length} actors, ${net.edges.length} of ${net.edges_total} edges (the strongest). Edge colour: index; width: events.`;
      if (!net.edges.length) { box.append(emptyNote("No edges in this window.")); return; }
      graph(box, net);
      central.append(table([
        { label: "Actor", render: (r) => el("a", { href: `/map?country=${r.node}` }, `${r.label || r.node}`) },
        { label: "Events", num: true, render: (r) => fmtNum((r.events_in || 0) + (r.events_out || 0)) },
        { label: "PageRank", num: true, render: (r) => fmtNum(r.pagerank, 3) },
        { label: "Betweenness", num: true, render: (r) => fmtNum(r.betweenness, 3) },
      ], [...net.nodes].sort((a, b) => b.pagerank - a.pagerank).slice(0, 15)));
    } catch (err) {
      showError(box, err);
    }
  }
  draw();
}

function graph(box, net) {
  const width = 960;
  const height = 600;
  const nodes = net.nodes.map((n) => ({ ...n, size: (n.events_in || 0) + (n.events_out || 0) }));
  // forceLink writes each link's position into `index`: the relation index travels as `rel`.
  const links = net.edges.map((e) => ({ ...e, rel: e.index }));
  const r = d3.scaleSqrt([0, d3.max(nodes, (n) => n.size) || 1], [4, 26]);
  const w = d3.scaleSqrt([0, d3.max(links, (l) => l.events) || 1], [0.6, 7]);
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.node).distance(90).strength(0.25))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide((d) => r(d.size) + 3))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  // Frame the layout's extent (with room for labels), whatever size it settled at.
  const [x0, x1] = d3.extent(nodes, (n) => n.x);
  const [y0, y1] = d3.extent(nodes, (n) => n.y);
  const pad = 40;
  const view = [x0 - pad, y0 - pad, Math.max(x1 - x0 + 2 * pad, 200), Math.max(y1 - y0 + 2 * pad, 150)];
  const svg = d3.select(box).append("svg").attr("viewBox", view.join(" ")).attr("width", "100%")
    .style("max-height", "640px")
    .attr("class", "chart network").attr("role", "img").attr("aria-label", "Network of actors");
  svg.append("g").selectAll("line").data(links).join("line").attr("class", "edge")
    .attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y).attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y)
    .attr("stroke", (d) => indexColor(d.rel)).attr("stroke-width", (d) => w(d.events))
    .append("title").text((d) => `${d.source.node} → ${d.target.node}: ${d.events} events, index ${fmtIndex(d.rel)}`);
  const g = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node")
    .attr("transform", (d) => `translate(${d.x},${d.y})`).attr("tabindex", 0)
    .on("click", (_e, d) => { location.href = `/map?country=${d.node}`; });
  g.append("circle").attr("r", (d) => r(d.size));
  g.append("text").attr("dy", (d) => -r(d.size) - 3).attr("text-anchor", "middle").text((d) => d.node);
  g.append("title").text((d) => `${d.label}: ${d.size} events; PageRank ${fmtNum(d.pagerank, 3)}`);
}
