/** What a call to the ratelab server came back with: the JSON body, or a message a person can act on. */
export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string; unreachable: boolean };

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
}

/** Labs' bound on one server call, so a hung server shows as an error rather than a spinner forever. */
const TIMEOUT_MS = 30_000;

/** Calls the server's JSON API. Never throws: a static deployment without a server comes back as `unreachable`. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      signal: controller.signal,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (error) {
    clearTimeout(timer);
    const why = error instanceof Error && error.name === 'AbortError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'the network request failed';
    return { ok: false, status: 0, unreachable: true, message: `No ratelab server answered at ${path} (${why}). The simulated labs still work.` };
  }
  clearTimeout(timer);
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    return {
      ok: false,
      status: res.status,
      unreachable: true,
      message: `${path} did not return JSON (HTTP ${res.status}): this page is not being served by a ratelab server, so this lab cannot reach one.`,
    };
  }
  const body = (await res.json()) as T & ErrorBody;
  if (!res.ok) {
    const e = body.error;
    const issues = e?.issues?.length ? `: ${e.issues.map((i) => `${i.path} — ${i.message}`).join('; ')}` : '';
    return { ok: false, status: res.status, unreachable: false, message: `HTTP ${res.status} ${e?.code ?? ''}: ${e?.message ?? 'request refused'}${issues}` };
  }
  return { ok: true, status: res.status, body };
}
