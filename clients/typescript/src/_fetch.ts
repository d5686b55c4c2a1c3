/**
 * The wire behaviour every request gets, token fetches included: retries with backoff, timeouts,
 * per-call headers, the User-Agent and the debug log. The numbers come from
 * `clients/sdk-behaviour.json` (see `behaviour.ts`), shared with the Python and Java SDKs.
 *
 * Retried: 408 and 429 for every method (the server did not act on the request); 5xx and
 * failures after sending for idempotent methods only; a connection that was never made for every
 * method. The server's `Retry-After` wins over the jittered backoff when within bounds.
 */
import * as B from "./behaviour.js";

/** Settings of one client (or one `withOptions` view), before a call's own options. */
export interface WireSettings {
  fetch: typeof globalThis.fetch;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Milliseconds per attempt. */
  timeout: number;
  headers: Record<string, string>;
}

/** What one call adds: its own headers/timeout/retries, and where to leave the last answer. */
export interface CallSettings {
  headers?: Record<string, string>;
  timeout?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  /** Repeat whatever the method (issuing a token creates nothing). */
  idempotent?: boolean;
  onResponse?: (response: Response) => void;
}

/** Seconds from a `Retry-After` value (delta-seconds or HTTP-date); undefined when unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : Math.max(0, (when - Date.now()) / 1000);
}

/** Milliseconds before retry `attempt` (0-based). */
export function retryDelay(attempt: number, retryAfter: string | null = null): number {
  const wait = parseRetryAfter(retryAfter);
  if (wait !== undefined && wait <= B.RETRY_AFTER_MAX_SECONDS) return wait * 1000;
  const ceiling = Math.min(B.MAX_RETRY_DELAY_SECONDS, B.INITIAL_RETRY_DELAY_SECONDS * 2 ** attempt);
  return ceiling * (1 - B.RETRY_JITTER * Math.random()) * 1000;
}

export function retriesStatus(status: number, method: string, idempotent = false): boolean {
  if (B.RETRY_STATUSES.includes(status)) return true;
  const serverError = B.RETRY_SERVER_ERRORS && status >= 500 && status <= 599;
  return serverError && (idempotent || B.IDEMPOTENT_METHODS.includes(method.toUpperCase()));
}

/** Whether `error` (what fetch threw) says the connection was never made. */
function neverConnected(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "UND_ERR_CONNECT_TIMEOUT") return true;
  }
  return false;
}

/** A timeout, told apart from the caller's own abort. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

function debugEnabled(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[B.DEBUG_ENV] === B.DEBUG_VALUE;
}

function redacted(headers: Headers): Record<string, string> {
  const shown: Record<string, string> = {};
  headers.forEach((value, name) => {
    shown[name] = B.REDACTED_HEADERS.includes(name.toLowerCase()) ? "[redacted]" : value;
  });
  return shown;
}

/** Where the debug log goes; tests replace it. */
export const debugLog = { write: (line: string): void => console.error(line) };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A `fetch` for openapi-fetch that sends `request` with `settings` and `call` in force. */
export function wireFetch(settings: WireSettings, call: CallSettings = {}): (request: Request) => Promise<Response> {
  return async (request: Request): Promise<Response> => {
    const maxRetries = call.maxRetries ?? settings.maxRetries;
    const timeout = call.timeout ?? settings.timeout;
    const debug = debugEnabled();
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries({ ...settings.headers, ...call.headers })) headers.set(name, value);
    // a body can be read once: keep it to send again on a retry
    const body = request.body === null ? undefined : await request.arrayBuffer();
    for (let attempt = 0; ; attempt++) {
      // the timeout covers the wait for the answer's headers, not a long body (a log stream)
      const timer = new AbortController();
      const pending = setTimeout(() => timer.abort(new TimeoutError(`no answer within ${timeout} ms`)), timeout);
      const signal = call.signal === undefined ? timer.signal : AbortSignal.any([call.signal, timer.signal]);
      const init: RequestInit = { method: request.method, headers, signal };
      if (body !== undefined) init.body = body;
      if (debug) debugLog.write(`miso: request ${request.method} ${request.url}${attempt ? ` (retry ${attempt})` : ""} ${JSON.stringify(redacted(headers))}`);
      let response: Response;
      try {
        response = await settings.fetch(request.url, init);
      } catch (error) {
        clearTimeout(pending);
        if (call.signal?.aborted) throw error; // the caller's own abort: never retried
        const timedOut = timer.signal.aborted;
        if (debug) debugLog.write(`miso: failed ${request.method} ${request.url}: ${String(error)}`);
        const safe = neverConnected(error) || call.idempotent || B.IDEMPOTENT_METHODS.includes(request.method);
        if (attempt < maxRetries && safe) {
          await sleep(retryDelay(attempt));
          continue;
        }
        if (timedOut) throw new TimeoutError(`no answer from ${request.url} within ${timeout} ms`, { cause: error });
        throw error;
      }
      clearTimeout(pending);
      if (debug) debugLog.write(`miso: response ${response.status} ${request.method} ${request.url} ${JSON.stringify(redacted(response.headers))}`);
      if (attempt < maxRetries && retriesStatus(response.status, request.method, call.idempotent)) {
        await response.body?.cancel();
        await sleep(retryDelay(attempt, response.headers.get("Retry-After")));
        continue;
      }
      call.onResponse?.(response);
      return response;
    }
  };
}
