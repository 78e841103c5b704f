// Small DOM helpers shared by the views: element building (text always
// through textContent, never HTML), forms bound to the URL, tables, status.

import { get } from "./api.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtIndex(x) {
  if (x === null || x === undefined) return "–";
  return (x > 0 ? "+" : "") + Number(x).toFixed(2);
}

export function quadLabel(q) {
  return { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" }[q] || "";
}

export function quadClass(q) {
  return q === 1 || q === 2 ? "coop" : q === 3 || q === 4 ? "conf" : "";
}

export function actorLabel(a) {
  if (!a) return "";
  // A code of dashes is an actor the coder could not place: its words say more.
  return a.name || (a.code && !a.code.startsWith("---") ? a.code : a.text) || a.code || "";
}

export function actorsLabel(list) {
  return (list || []).map(actorLabel).join(", ");
}

// The page's parameters live in the URL, so every view can be linked to.
export function params() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function setParams(values) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === "") q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  history.replaceState(null, "", location.pathname + (s ? `?${s}` : ""));
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function periodEnd(period, by) {
  if (by === "day") return period;
  if (by === "week") return addDays(period, 6);
  const d = new Date(`${period}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

// A form of labelled controls; `onchange` gets the values when any changes.
export function controls(fields, onchange) {
  const form = el("form", { class: "controls", onsubmit: (e) => { e.preventDefault(); onchange(values()); } });
  const inputs = {};
  for (const f of fields) {
    let input;
    if (f.type === "select") {
      input = el("select", { name: f.name, id: `f-${f.name}` },
        f.options.map(([value, label]) => el("option", { value, selected: String(f.value ?? "") === String(value) }, label)));
    } else {
      input = el("input", {
        name: f.name, id: `f-${f.name}`, type: f.type || "text", value: f.value ?? "", placeholder: f.placeholder,
        list: f.list, min: f.min, max: f.max, size: f.size, autocomplete: "off",
      });
    }
    input.addEventListener("change", () => onchange(values()));
    inputs[f.name] = input;
    form.append(el("label", { for: `f-${f.name}` }, f.label, input));
  }
  form.append(el("button", { type: "submit" }, "Show"));
  function values() {
    return Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()]));
  }
  form.values = values;
  form.inputs = inputs;
  return form;
}

// A <datalist> of the store's countries and named actors, for actor inputs.
let actorsPromise = null;
export function actorList(id = "actors-list", which = "all") {
  const list = el("datalist", { id: `${id}` });
  actorsPromise = actorsPromise || get("actors", { limit: 1000 });
  actorsPromise.then((a) => {
    if (which !== "people") for (const c of a.countries) list.append(el("option", { value: c.code }, `${c.name} (${c.events})`));
    if (which !== "countries") for (const p of a.people) list.append(el("option", { value: p.name }, `${p.code || ""} (${p.events})`));
  }).catch(() => {});
  return list;
}

export function actorsDirectory() {
  actorsPromise = actorsPromise || get("actors", { limit: 1000 });
  return actorsPromise;
}

export function table(columns, rows, { onclick, rowClass } = {}) {
  const head = el("tr", {}, columns.map((c) => el("th", { class: c.num ? "num" : "" }, c.label)));
  const body = rows.map((r) => {
    const tr = el("tr", { class: [onclick ? "clickable" : "", rowClass ? rowClass(r) : ""].join(" ").trim() || null },
      columns.map((c) => {
        const v = c.render ? c.render(r) : r[c.key];
        return el("td", { class: c.num ? "num" : c.cls || "" }, v instanceof Node ? v : v ?? "");
      }));
    if (onclick) {
      tr.tabIndex = 0;
      tr.addEventListener("click", () => onclick(r, tr));
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") onclick(r, tr); });
    }
    return tr;
  });
  return el("table", { class: "data" }, el("thead", {}, head), el("tbody", {}, body));
}

export function showError(node, err) {
  clear(node).append(el("p", { class: "error", role: "alert" }, err && err.message ? err.message : String(err)));
}

export function loading(node, text = "Loading…") {
  clear(node).append(el("p", { class: "muted loading" }, text));
}

export function section(title, ...children) {
  return el("section", { class: "card" }, el("h2", {}, title), ...children);
}

export function emptyNote(text) {
  return el("p", { class: "muted empty" }, text);
}
