// The HTTP calls the pages make, in one place, so a route change touches one file.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const TIMEOUT_MS = 30000;

/** fetch JSON from `base + path`; throws ApiError with the service's own message on failure. */
export async function request(base, path, { method = "GET", json, body, headers = {} } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers }, credentials: "same-origin" };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers["Content-Type"] = "application/json";
  } else if (body !== undefined) {
    init.body = body;
  }
  init.signal = AbortSignal.timeout(TIMEOUT_MS);
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (err) {
    throw new ApiError(0, err && err.name === "TimeoutError" ? "timeout" : "network");
  }
  const type = response.headers.get("content-type") || "";
  const data = type.includes("application/json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, errorMessage(data) || response.statusText);
  return data;
}

function errorMessage(data) {
  if (!data) return "";
  if (typeof data.detail === "string") return data.detail;
  if (Array.isArray(data.detail)) return data.detail.map((d) => d.msg).join("; ");
  return data.error || "";
}

/** The citizen-facing calls (widget, kiosk). The widget runs cross-origin: no cookies are sent. */
export function publicApi(base) {
  return {
    chat: (message, session) => request(base, "/api/chat", { method: "POST", json: { message, session } }),
    feedback: (answer, rating) =>
      request(base, "/api/feedback", { method: "POST", json: { answer_id: answer.answer_id, rating } }),
    procedure: (code) => request(base, `/api/procedures/${encodeURIComponent(code)}`),
  };
}

/** Staff and admin calls, same-origin with the session cookie set by sign-in. */
export const staffApi = {
  me: () => request("", "/api/auth/me"),
  login: (username, password) => request("", "/api/auth/login", { method: "POST", json: { username, password } }),
  logout: () => request("", "/api/auth/logout", { method: "POST" }),
  forms: () => request("", "/api/forms"),
  formDefinition: (form) => request("", `/staff/forms/${encodeURIComponent(form)}`),
  upload(files, form) {
    const body = new FormData();
    for (const file of files) body.append("files", file, file.name);
    if (form) body.append("form", form);
    return request("", "/api/scans", { method: "POST", body });
  },
  job: (id) => request("", `/api/jobs/${encodeURIComponent(id)}`),
  draft: (id) => request("", `/api/drafts/${id}`),
  patchDraft: (id, patch) => request("", `/api/drafts/${id}`, { method: "PATCH", json: patch }),
  approve: (id) => request("", `/api/drafts/${id}/approve`, { method: "POST" }),
  reject: (id, reason) => request("", `/api/drafts/${id}/reject`, { method: "POST", json: { reason } }),
  analytics: (days) => request("", `/api/analytics?days=${days}`),
};
