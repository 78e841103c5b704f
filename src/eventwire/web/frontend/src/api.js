// Calls to the eventwire HTTP API. Every view reads its data through these,
// so an error anywhere shows the API's own message.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function parse(res) {
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    let detail = body && body.detail !== undefined ? body.detail : text || res.statusText;
    if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
    throw new ApiError(res.status, String(detail));
  }
  return body;
}

export async function get(path, params) {
  const res = await fetch(`/api/${path}${query(params)}`, { headers: { Accept: "application/json" } });
  return parse(res);
}

export async function postJson(path, body) {
  const res = await fetch(`/api/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return parse(res);
}

export async function postForm(path, form) {
  const res = await fetch(`/api/${path}`, { method: "POST", body: form });
  return parse(res);
}

export function exportUrl(params) {
  return `/api/events/export${query(params)}`;
}
