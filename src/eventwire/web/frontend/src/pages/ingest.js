// Ingest status: jobs started here with live progress, recent runs of any
// ingest into the store, and (when the server allows it) a form to ingest
// a URL or a file.

import { get, postForm, postJson } from "../api.js";
import { clear, el, emptyNote, fmtNum, section, showError, table } from "../ui.js";

export async function render(main, status) {
  const jobsBox = el("div", { id: "jobs" });
  const runsBox = el("div", { id: "runs" });
  const formBox = el("div", { id: "ingest-form" });
  const message = el("p", { class: "muted", id: "ingest-message", role: "status" });
  main.append(el("h1", {}, "Ingest"),
    el("p", { class: "muted" }, `Store ${status.store}: ${fmtNum(status.articles)} articles, ${fmtNum(status.events)} events, ${fmtNum(status.rejects)} rejects.`),
    section("Add news", formBox, message), section("Jobs started here", jobsBox), section("Recent runs", runsBox));

  if (!status.ingest_enabled) {
    formBox.append(el("p", { class: "muted" }, "This server is read-only. Start it with ", el("code", {}, "eventwire serve --allow-ingest"), " to ingest from here."));
  } else {
    const url = el("input", { type: "url", name: "url", id: "ingest-url", placeholder: "https://example.org/news/story", size: 40 });
    const file = el("input", { type: "file", name: "file", id: "ingest-file" });
    formBox.append(
      el("form", { class: "controls", onsubmit: async (e) => { e.preventDefault(); await submit(() => postJson("ingest", { url: url.value.trim() })); } },
        el("label", { for: "ingest-url" }, "Page or feed URL", url), el("button", { type: "submit" }, "Ingest URL")),
      el("form", { class: "controls", onsubmit: async (e) => {
        e.preventDefault();
        if (!file.files.length) return;
        const form = new FormData();
        form.append("file", file.files[0]);
        await submit(() => postForm("ingest", form));
      } }, el("label", { for: "ingest-file" }, "File (HTML, text, JSONL, WARC, .gz)", file), el("button", { type: "submit", id: "upload-button" }, "Upload and ingest")),
    );
  }

  async function submit(call) {
    message.textContent = "Starting…";
    try {
      const job = await call();
      message.textContent = `Job ${job.job_id} queued.`;
      poll();
    } catch (err) {
      message.textContent = "";
      showError(message, err);
    }
  }

  let timer = null;
  async function poll() {
    clearTimeout(timer);
    try {
      const jobs = await get("ingest/jobs");
      drawJobs(jobs.items);
      if (jobs.items.some((j) => j.status === "running" || j.status === "queued")) timer = setTimeout(poll, 1000);
      else {
        const last = jobs.items[0];
        if (last && message.textContent.startsWith(`Job ${last.job_id}`)) {
          message.textContent = `Job ${last.job_id} ${last.status === "ok" ? "finished" : last.status}: ${fmtNum(last.articles_new)} new articles, ${fmtNum(last.rejects)} rejects${last.error ? ` (${last.error})` : ""}.`;
        }
        drawRuns();
      }
    } catch (err) {
      showError(jobsBox, err);
    }
  }

  function drawJobs(items) {
    clear(jobsBox);
    if (!items.length) { jobsBox.append(emptyNote("No ingest started from this server yet.")); return; }
    jobsBox.append(table([
      { label: "Job", key: "job_id" },
      { label: "Source", key: "source" },
      { label: "Status", render: (j) => el("span", { class: `status status-${j.status}` }, j.status) },
      { label: "Progress", render: (j) => progress(j) },
      { label: "New articles", num: true, render: (j) => fmtNum(j.articles_new) },
      { label: "Rejects", num: true, render: (j) => fmtNum(j.rejects) },
      { label: "Time", num: true, render: (j) => `${fmtNum(j.elapsed_s, 1)} s` },
      { label: "Error", key: "error" },
    ], items, { rowClass: (j) => `job job-${j.status}` }));
  }

  async function drawRuns() {
    try {
      const runs = await get("runs", { limit: 15 });
      clear(runsBox);
      if (!runs.items.length) { runsBox.append(emptyNote("No ingest has run on this store yet.")); return; }
      runsBox.append(table([
        { label: "Run", key: "run_id" },
        { label: "Command", key: "command" },
        { label: "Status", render: (r) => el("span", { class: `status status-${r.status}` }, r.status) },
        { label: "Started", render: (r) => (r.started_at || "").replace("T", " ").slice(0, 19) },
        { label: "Documents", num: true, render: (r) => fmtNum(r.counts.documents) },
        { label: "New articles", num: true, render: (r) => fmtNum(r.counts.articles_new) },
        { label: "Rejects", num: true, render: (r) => fmtNum(r.counts.rejects) },
      ], runs.items));
    } catch (err) {
      showError(runsBox, err);
    }
  }

  poll();
  drawRuns();
}

function progress(job) {
  const done = job.status === "ok" || job.status === "failed";
  const bar = el("progress", { max: done ? 1 : undefined, value: done ? 1 : undefined, class: "job-progress" });
  return el("span", {}, bar, ` ${fmtNum(job.documents)} documents`);
}
