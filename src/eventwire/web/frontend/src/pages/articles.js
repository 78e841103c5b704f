// Articles: the list with its filters, and the reader, which shows an
// article's text with every coded event's actor and trigger spans marked.

import { get } from "../api.js";
import { highlight, eventSpans, openSentence } from "../sentence.js";
import { clear, controls, el, emptyNote, fmtNum, loading, params, section, setParams, showError, table } from "../ui.js";
import { eventsTable } from "./dyad.js";

export async function renderList(main) {
  const p = params();
  const state = { since: p.since || "", until: p.until || "", site: p.site || "" };
  const form = controls([
    { name: "since", label: "Since", type: "date", value: state.since },
    { name: "until", label: "Until", type: "date", value: state.until },
    { name: "site", label: "Site", value: state.site, placeholder: "any", size: 16 },
  ], (v) => { Object.assign(state, v); setParams(state); load(0, true); });
  const list = el("div", { id: "articles-list" });
  const more = el("div", { class: "more" });
  main.append(el("h1", {}, "Articles"), form, section("Newest first", list, more));

  async function load(offset, replace) {
    if (replace) loading(list);
    clear(more);
    try {
      const page = await get("articles", { ...state, limit: 50, offset });
      if (replace) clear(list);
      if (!page.items.length && replace) { list.append(emptyNote("No articles match.")); return; }
      const t = table([
        { label: "Published", key: "published" },
        { label: "Site", key: "site" },
        { label: "Title", render: (r) => el("a", { href: `/article/${encodeURIComponent(r.article_id)}`, class: "article-link" }, r.title || r.article_id) },
        { label: "Language", key: "language" },
      ], page.items, { onclick: (r) => { location.href = `/article/${encodeURIComponent(r.article_id)}`; } });
      const body = list.querySelector("tbody");
      if (body && !replace) body.append(...t.querySelectorAll("tbody tr")); else list.append(t);
      if (page.next_offset !== null) more.append(el("button", { type: "button", onclick: () => load(page.next_offset, false) }, "More articles"));
    } catch (err) {
      showError(list, err);
    }
  }
  load(0, true);
}

export async function renderReader(main, articleId) {
  const head = el("div", { id: "article-head" });
  const body = el("div", { class: "article-text", id: "article-text" });
  const events = el("div", { id: "article-events" });
  main.append(head, el("div", { class: "two wide-left" }, section("Text, with coded spans", body), section("Events coded in it", events)));
  loading(body);
  try {
    const art = await get(`articles/${encodeURIComponent(articleId)}`);
    head.append(
      el("h1", {}, art.title || art.article_id),
      el("p", { class: "muted" }, [art.published, art.site, art.author, art.language].filter(Boolean).join(" · "),
        art.url ? el("span", {}, " · ", el("a", { href: art.url, rel: "noreferrer noopener", target: "_blank" }, "original")) : null,
        art.duplicate_of ? el("span", {}, " · near-duplicate of ", el("a", { href: `/article/${art.duplicate_of}` }, art.duplicate_of)) : null),
      el("p", { class: "legend" }, el("span", { class: "span-source" }, "source"), " ", el("span", { class: "span-target" }, "target"), " ",
        el("span", { class: "span-trigger" }, "trigger"), ` · ${fmtNum(art.events.length)} events; click a marked span for its sentence`),
    );
    clear(body);
    const spans = art.events.flatMap((e) => eventSpans(e, e.sentence_start || 0));
    body.append(...highlight(art.text, spans));
    body.addEventListener("click", (e) => {
      const span = e.target.closest("[data-event]");
      if (span) openSentence(art.events.find((x) => x.event_id === span.dataset.event));
    });
    clear(events);
    if (!art.events.length) events.append(emptyNote("No events were coded in this article."));
    else events.append(eventsTable(art.events));
    const wanted = location.hash.startsWith("#e-") ? location.hash.slice(3) : null;
    const mark = wanted && body.querySelector(`[data-event="${CSS.escape(wanted)}"]`);
    if (mark) { mark.classList.add("wanted"); mark.scrollIntoView({ block: "center" }); }
  } catch (err) {
    showError(body, err);
  }
}
