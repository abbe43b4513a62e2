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
  const init = { method, headers: { Accept: "application/json", ...headers }, credentials: "include" };
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

/** The citizen-facing calls (widget, kiosk). */
export function publicApi(base) {
  return {
    chat: (message, session) => request(base, "/api/chat", { method: "POST", json: { message, session } }),
    feedback: (answer, rating) =>
      request(base, "/api/feedback", { method: "POST", json: feedbackPayload(answer, rating) }),
    procedure: (code) => request(base, `/api/procedures/${encodeURIComponent(code)}`),
  };
}

function feedbackPayload(answer, rating) {
  const payload = { session: answer.session, rating };
  if (answer.id !== undefined) payload.answer_id = answer.id;
  if (answer.message_id !== undefined) payload.message_id = answer.message_id;
  return payload;
}
