/**
 * The one place a request is sent: the typed openapi-fetch client, the bearer token, one retry
 * with a fresh token after a 401, and non-2xx answers turned into typed errors. Retries,
 * timeouts, per-call headers, the User-Agent and the debug log happen in the `fetch` it hands
 * openapi-fetch for each call (`_fetch.ts`).
 */
import createClient, { type Client } from "openapi-fetch";

import type { TokenSource } from "./auth.js";
import { errorFromResponse } from "./errors.js";
import { wireFetch, type CallSettings, type WireSettings } from "./_fetch.js";
import type { paths } from "./generated/schema.js";
import type { RequestOptions } from "./resources/_common.js";

export type Api = Client<paths>;

/** What openapi-fetch resolves to: data on 2xx, the parsed error body otherwise. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Per-request options the facade passes through: headers, an abort signal, the call's fetch. */
export interface CallInit {
  headers: Record<string, string>;
  signal?: AbortSignal;
  fetch: (request: Request) => Promise<Response>;
}

export interface TransportOptions {
  baseUrl: string;
  auth: TokenSource;
  wire: WireSettings;
}

/** Where a `withRawResponse` call collects the answers its requests received. */
export interface ResponseSink {
  (response: Response): void;
}

export class Transport {
  readonly api: Api;
  readonly auth: TokenSource;
  readonly wire: WireSettings;
  readonly #sink: ResponseSink | undefined;

  constructor(options: TransportOptions, api?: Api, sink?: ResponseSink) {
    this.wire = options.wire;
    this.api = api ?? createClient<paths>({ baseUrl: options.baseUrl, fetch: wireFetch(options.wire) });
    this.auth = options.auth;
    this.#sink = sink;
  }

  /** The same client (token cache, connection) with other defaults, or collecting answers. */
  derive(overrides: Partial<WireSettings>, sink?: ResponseSink, baseUrl = ""): Transport {
    const wire: WireSettings = {
      ...this.wire,
      ...overrides,
      headers: { ...this.wire.headers, ...(overrides.headers ?? {}) },
    };
    return new Transport({ baseUrl, auth: this.auth, wire }, this.api, sink ?? this.#sink);
  }

  /**
   * Send with a token and return the 2xx body, or throw the error the envelope describes. A 401
   * means the token was refused (revoked, expired early, server restarted): when the token source
   * can produce a new one, the request is sent once more with it.
   */
  async call<D>(send: (api: Api, init: CallInit) => Promise<FetchResult<D>>, options: RequestOptions = {}): Promise<D> {
    const { data } = await this.send(send, options);
    return data as D;
  }

  /** For the operations that take no token (`security: []`): token issue, validation, discovery. */
  async callPublic<D>(send: (api: Api, init: CallInit) => Promise<FetchResult<D>>, call: CallSettings = {}): Promise<D> {
    const result = await send(this.api, { headers: {}, fetch: this.#fetch(call) });
    if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    return result.data as D;
  }

  /** Like `call`, but also hands back the response (for streams and headers). */
  async send<D>(
    send: (api: Api, init: CallInit) => Promise<FetchResult<D>>,
    options: RequestOptions = {},
  ): Promise<{ data: D | undefined; response: Response }> {
    let token = await this.auth.getToken();
    let result = await send(this.api, this.#init(token, options));
    if (result.response.status === 401 && this.auth.canRefresh) {
      const fresh = await this.auth.getToken({ forceRefresh: true });
      if (fresh !== token) {
        token = fresh;
        result = await send(this.api, this.#init(token, options));
      }
    }
    if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    return { data: result.data, response: result.response };
  }

  #fetch(call: CallSettings): (request: Request) => Promise<Response> {
    const sink = this.#sink;
    return wireFetch(this.wire, sink === undefined ? call : { ...call, onResponse: sink });
  }

  #init(token: string, options: RequestOptions): CallInit {
    const call: CallSettings = {};
    if (options.headers !== undefined) call.headers = options.headers;
    if (options.timeout !== undefined) call.timeout = options.timeout;
    if (options.maxRetries !== undefined) call.maxRetries = options.maxRetries;
    if (options.signal !== undefined) call.signal = options.signal;
    const init: CallInit = { headers: { Authorization: `Bearer ${token}` }, fetch: this.#fetch(call) };
    if (options.signal !== undefined) init.signal = options.signal;
    return init;
  }
}
