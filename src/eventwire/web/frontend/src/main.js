// The dashboard's entry: find the view for this path, show the store's
// summary in the header, and draw the view into <main>.

import "./app.css";
import { get } from "./api.js";
import { el, fmtNum, showError } from "./ui.js";
import * as overview from "./pages/overview.js";
import * as map from "./pages/map.js";
import * as dyad from "./pages/dyad.js";
import * as network from "./pages/network.js";
import * as meetings from "./pages/meetings.js";
import * as articles from "./pages/articles.js";
import * as search from "./pages/search.js";
import * as ingest from "./pages/ingest.js";

const ROUTES = [
  [/^\/$/, "overview", (m, s) => overview.render(m, s)],
  [/^\/map$/, "map", (m, s) => map.render(m, s)],
  [/^\/dyad$/, "dyad", (m, s) => dyad.render(m, s)],
  [/^\/network$/, "network", (m, s) => network.render(m, s)],
  [/^\/meetings$/, "meetings", (m, s) => meetings.render(m, s)],
  [/^\/articles$/, "articles", (m, s) => articles.renderList(m, s)],
  [/^\/article\/([^/]+)$/, "articles", (m, s, id) => articles.renderReader(m, decodeURIComponent(id))],
  [/^\/search$/, "search", (m, s) => search.render(m, s)],
  [/^\/ingest$/, "ingest", (m, s) => ingest.render(m, s)],
];

async function start() {
  const main = document.getElementById("main");
  const route = ROUTES.find(([re]) => re.test(location.pathname));
  if (!route) { main.append(el("p", { class: "error" }, "No such page.")); return; }
  const [re, name, draw] = route;
  document.querySelector(`#nav a[data-page="${name}"]`)?.classList.add("active");
  document.body.dataset.page = name;
  let status;
  try {
    status = await get("status");
  } catch (err) {
    showError(main, err);
    return;
  }
  document.getElementById("store-info").textContent = `${fmtNum(status.articles)} articles · ${fmtNum(status.events)} events`;
  try {
    await draw(main, status, ...(location.pathname.match(re).slice(1)));
    document.body.dataset.ready = "1";
  } catch (err) {
    showError(main, err);
  }
}

start();
