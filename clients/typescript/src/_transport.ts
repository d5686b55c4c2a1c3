/**
 * The one place a request is sent: the typed openapi-fetch client, the bearer token, one retry
 * with a fresh token after a 401, and non-2xx answers turned into typed errors.
 */
import createClient, { type Client } from "openapi-fetch";

import type { TokenSource } from "./auth.js";
import { errorFromResponse } from "./errors.js";
import type { paths } from "./generated/schema.js";

export type Api = Client<paths>;

/** What openapi-fetch resolves to: data on 2xx, the parsed error body otherwise. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Per-request options the facade passes through: the bearer header and an abort signal. */
export interface CallInit {
  headers: { Authorization: string };
  signal?: AbortSignal;
}

export interface TransportOptions {
  baseUrl: string;
  auth: TokenSource;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

export class Transport {
  readonly api: Api;
  readonly auth: TokenSource;

  constructor(options: TransportOptions) {
    this.api = createClient<paths>({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      headers: options.headers,
    });
    this.auth = options.auth;
  }

  /**
   * Send with a token and return the 2xx body, or throw the error the envelope describes. A 401
   * means the token was refused (revoked, expired early, server restarted): when the token source
   * can produce a new one, the request is sent once more with it.
   */
  async call<D>(send: (api: Api, init: CallInit) => Promise<FetchResult<D>>, signal?: AbortSignal): Promise<D> {
    const { data } = await this.send(send, signal);
    return data as D;
  }

  /** For the operations that take no token (`security: []`): token issue, validation, discovery. */
  async callPublic<D>(send: (api: Api) => Promise<FetchResult<D>>): Promise<D> {
    const result = await send(this.api);
    if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    return result.data as D;
  }

  /** Like `call`, but also hands back the response (for streams and headers). */
  async send<D>(
    send: (api: Api, init: CallInit) => Promise<FetchResult<D>>,
    signal?: AbortSignal,
  ): Promise<{ data: D | undefined; response: Response }> {
    let token = await this.auth.getToken();
    let result = await send(this.api, this.#init(token, signal));
    if (result.response.status === 401 && this.auth.canRefresh) {
      const fresh = await this.auth.getToken({ forceRefresh: true });
      if (fresh !== token) {
        token = fresh;
        result = await send(this.api, this.#init(token, signal));
      }
    }
    if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    return { data: result.data, response: result.response };
  }

  #init(token: string, signal: AbortSignal | undefined): CallInit {
    const init: CallInit = { headers: { Authorization: `Bearer ${token}` } };
    if (signal !== undefined) init.signal = signal;
    return init;
  }
}
