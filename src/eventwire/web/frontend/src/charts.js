// The charts, drawn with d3 into SVG: a volume chart, the relation index
// with its band, counts by type, a timeline of meetings.

import * as d3 from "d3";
import { fmtIndex, fmtNum } from "./ui.js";

const parseDay = d3.utcParse("%Y-%m-%d");
export const indexColor = d3.scaleDiverging([-1, 0, 1], d3.interpolateRdBu);

function svg(node, width, height) {
  const s = d3.select(node).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%")
    .attr("class", "chart").attr("role", "img");
  return s;
}

function widthOf(node, fallback = 900) {
  return Math.max(320, Math.round(node.getBoundingClientRect().width) || fallback);
}

// Articles and events per period, two lines on one time axis.
export function volumeChart(node, points, { height = 220 } = {}) {
  const width = widthOf(node);
  const m = { top: 12, right: 16, bottom: 28, left: 52 };
  const s = svg(node, width, height).attr("aria-label", "Articles and events per period");
  const data = points.map((p) => ({ ...p, t: parseDay(p.period) }));
  const x = d3.scaleUtc(d3.extent(data, (d) => d.t), [m.left, width - m.right]);
  const y = d3.scaleLinear([0, d3.max(data, (d) => Math.max(d.articles, d.events)) || 1], [height - m.bottom, m.top]).nice();
  s.append("g").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(width / 90));
  s.append("g").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5));
  for (const [key, cls] of [["events", "line-events"], ["articles", "line-articles"]]) {
    s.append("path").datum(data).attr("class", `series ${cls}`).attr("fill", "none")
      .attr("d", d3.line().x((d) => x(d.t)).y((d) => y(d[key])));
  }
  const legend = s.append("g").attr("transform", `translate(${m.left + 8},${m.top + 4})`);
  [["events", "line-events"], ["articles", "line-articles"]].forEach(([label, cls], i) => {
    legend.append("line").attr("class", `series ${cls}`).attr("x1", 0).attr("x2", 18).attr("y1", i * 16).attr("y2", i * 16);
    legend.append("text").attr("x", 24).attr("y", i * 16 + 4).text(label);
  });
  return s.node();
}

// The relation index with its 95 % band, and cooperation/conflict counts
// below. `onpoint(period)` is called when a period's dot is clicked.
export function indexChart(node, periods, { onpoint, height = 360 } = {}) {
  const width = widthOf(node);
  const m = { top: 14, right: 16, bottom: 26, left: 58 };
  const split = Math.round((height - m.top - m.bottom) * 0.62) + m.top;
  const s = svg(node, width, height).attr("aria-label", "Relation index over time");
  const data = periods.map((p) => ({ ...p, t: parseDay(p.period) }));
  if (!data.length) return s.node();
  const x = d3.scaleUtc(d3.extent(data, (d) => d.t), [m.left, width - m.right]);
  const y = d3.scaleLinear([-1, 1], [split - 8, m.top]);
  const yc = d3.scaleLinear([0, d3.max(data, (d) => Math.max(d.coop, d.conflict)) || 1], [0, (height - m.bottom - split) / 2 - 2]);
  const mid = split + (height - m.bottom - split) / 2;
  s.append("g").attr("class", "grid").attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSize(-(width - m.left - m.right)).tickFormat(d3.format("+.1f")));
  s.append("line").attr("class", "zero").attr("x1", m.left).attr("x2", width - m.right).attr("y1", y(0)).attr("y2", y(0));
  const defined = (d) => d.index !== null && d.index_low !== null && d.index_high !== null;
  s.append("path").datum(data).attr("class", "band")
    .attr("d", d3.area().defined(defined).x((d) => x(d.t)).y0((d) => y(d.index_low)).y1((d) => y(d.index_high)));
  s.append("path").datum(data).attr("class", "index-line").attr("fill", "none")
    .attr("d", d3.line().defined((d) => d.index !== null).x((d) => x(d.t)).y((d) => y(d.index)));
  const bw = Math.max(1, Math.min(14, (width - m.left - m.right) / data.length - 1));
  s.append("g").selectAll("rect").data(data).join("rect").attr("class", "bar-coop")
    .attr("x", (d) => x(d.t) - bw / 2).attr("width", bw).attr("y", (d) => mid - yc(d.coop)).attr("height", (d) => yc(d.coop));
  s.append("g").selectAll("rect").data(data).join("rect").attr("class", "bar-conf")
    .attr("x", (d) => x(d.t) - bw / 2).attr("width", bw).attr("y", mid).attr("height", (d) => yc(d.conflict));
  s.append("text").attr("class", "axis-note").attr("x", m.left - 6).attr("y", mid - 4).attr("text-anchor", "end").text("coop");
  s.append("text").attr("class", "axis-note").attr("x", m.left - 6).attr("y", mid + 12).attr("text-anchor", "end").text("conflict");
  s.append("g").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(width / 90));
  const dots = s.append("g").attr("class", "points").selectAll("circle").data(data.filter((d) => d.events > 0 && d.index !== null))
    .join("circle").attr("class", "point").attr("cx", (d) => x(d.t)).attr("cy", (d) => y(d.index))
    .attr("r", (d) => Math.min(7, 2.5 + Math.sqrt(d.events) / 2)).attr("fill", (d) => indexColor(d.index_raw ?? d.index))
    .attr("tabindex", 0).attr("data-period", (d) => d.period);
  dots.append("title").text((d) => `${d.period}: index ${fmtIndex(d.index)} (band ${fmtIndex(d.index_low)}..${fmtIndex(d.index_high)}), ${d.events} events: ${d.coop} coop, ${d.conflict} conflict`);
  if (onpoint) {
    dots.on("click", (_e, d) => onpoint(d)).on("keydown", (e, d) => { if (e.key === "Enter") onpoint(d); });
  }
  return s.node();
}

// Horizontal bars: events by type, coloured by quad class.
export function typeBars(node, counts, quadOf) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const width = widthOf(node, 400);
  const row = 20;
  const m = { left: 96, right: 40 };
  const height = Math.max(row, entries.length * row) + 4;
  const s = svg(node, width, height).attr("aria-label", "Events by type");
  const x = d3.scaleLinear([0, d3.max(entries, (e) => e[1]) || 1], [m.left, width - m.right]);
  const g = s.selectAll("g").data(entries).join("g").attr("transform", (_d, i) => `translate(0,${i * row + 2})`);
  g.append("text").attr("x", m.left - 6).attr("y", row / 2 + 4).attr("text-anchor", "end").text((d) => d[0]);
  g.append("rect").attr("x", m.left).attr("y", 2).attr("height", row - 5).attr("width", (d) => x(d[1]) - m.left)
    .attr("class", (d) => ([1, 2].includes(quadOf(d[0])) ? "bar-coop" : "bar-conf"));
  g.append("text").attr("x", (d) => x(d[1]) + 4).attr("y", row / 2 + 4).text((d) => fmtNum(d[1]));
  return s.node();
}

// Meetings on a timeline: one lane per partner, a dot per meeting.
export function meetingTimeline(node, meetings, { onclick, lanes = 24 } = {}) {
  const counts = d3.rollup(meetings, (v) => v.length, (d) => d.partner);
  const partners = [...counts.entries()].sort((a, b) => b[1] - a[1] || d3.ascending(a[0], b[0])).slice(0, lanes).map((e) => e[0]);
  const shown = meetings.filter((d) => partners.includes(d.partner) && d.date);
  const width = widthOf(node);
  const row = 22;
  const m = { top: 8, right: 16, bottom: 26, left: 170 };
  const height = m.top + m.bottom + Math.max(1, partners.length) * row;
  const s = svg(node, width, height).attr("aria-label", "Meetings over time");
  const data = shown.map((d) => ({ ...d, t: parseDay(d.date) }));
  const x = d3.scaleUtc(d3.extent(data, (d) => d.t).map((v, i) => v || new Date(i ? Date.now() : 0)), [m.left, width - m.right]).nice();
  const y = d3.scaleBand(partners, [m.top, height - m.bottom]).padding(0.2);
  s.append("g").attr("class", "grid").attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(width / 100).tickSize(-(height - m.top - m.bottom)));
  s.append("g").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).tickSize(0)).select(".domain").remove();
  const dots = s.append("g").selectAll("circle").data(data).join("circle").attr("class", "meeting")
    .attr("cx", (d) => x(d.t)).attr("cy", (d) => y(d.partner) + y.bandwidth() / 2)
    .attr("r", (d) => Math.min(9, 3 + Math.sqrt(d.num_sources))).attr("tabindex", 0).attr("data-event", (d) => d.event_id);
  dots.append("title").text((d) => `${d.date}: ${d.actor} met ${d.partner} (${d.num_mentions} reports, ${d.num_sources} sources)\n${d.sentence}`);
  if (onclick) dots.on("click", (_e, d) => onclick(d)).on("keydown", (e, d) => { if (e.key === "Enter") onclick(d); });
  return s.node();
}
