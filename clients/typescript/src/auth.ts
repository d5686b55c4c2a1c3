/**
 * Where access tokens come from. Two ways, for two kinds of program:
 *
 * - `ClientCredentials`: servers and scripts hold a client id and secret, exchange them at
 *   `POST /auth/token`, cache the token and fetch a new one shortly before it expires.
 * - `AccessTokenAuth`: browser apps must never hold a client secret; they get tokens from their
 *   own backend or OIDC library and hand the client a function that returns one.
 *
 * Both are `TokenSource`s; so is anything else with a `getToken()`.
 */
import createClient, { type Client } from "openapi-fetch";

import { errorFromResponse } from "./errors.js";
import type { paths, TokenResponse } from "./generated/schema.js";
import { TokenCache } from "./token-cache.js";

export interface GetTokenOptions {
  /** The API just rejected the last token (401): do not hand out a cached one. */
  forceRefresh?: boolean;
}

/** Gives the client an access token for each request. */
export interface TokenSource {
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Whether `forceRefresh` can yield a new token, so a 401 is worth one retry. */
  readonly canRefresh: boolean;
}

/** A function returning an access token, e.g. from your OIDC library or your own backend. */
export type AccessTokenProvider = (context: { forceRefresh: boolean }) => string | Promise<string>;

/** Tokens from the application (browser mode): a fixed string or a provider function. */
export class AccessTokenAuth implements TokenSource {
  readonly canRefresh: boolean;
  readonly #provider: AccessTokenProvider;

  constructor(token: string | AccessTokenProvider) {
    this.#provider = typeof token === "string" ? () => token : token;
    this.canRefresh = typeof token !== "string";
  }

  async getToken(options: GetTokenOptions = {}): Promise<string> {
    const token = await this.#provider({ forceRefresh: options.forceRefresh ?? false });
    if (typeof token !== "string" || token === "") {
      throw new TypeError("the access-token provider returned no token");
    }
    return token;
  }
}

export interface ClientCredentialsOptions {
  /** The instance, e.g. `https://your-miso-instance.com`; the token endpoint is `/auth/token` on it. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Requested scope; the server's default (`api`) when left out. */
  scope?: string;
  fetch?: typeof globalThis.fetch;
  /** The clock, in milliseconds since the epoch (`Date.now` by default); tests inject their own. */
  now?: () => number;
  /**
   * Fetch a new token this many seconds before the current one expires (default 60). Capped at
   * half the token's lifetime, so short-lived tokens are still reused.
   */
  refreshMarginSeconds?: number;
}

/** The OAuth 2.0 client-credentials grant at `POST /auth/token`, with caching and refresh. */
export class ClientCredentials implements TokenSource {
  readonly canRefresh = true;
  readonly #options: ClientCredentialsOptions;
  readonly #api: Client<paths>;
  readonly #cache: TokenCache;

  constructor(options: ClientCredentialsOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new TypeError("ClientCredentials needs both clientId and clientSecret");
    }
    this.#options = options;
    this.#api = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
    this.#cache = new TokenCache(() => this.#issue(), {
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.refreshMarginSeconds === undefined ? {} : { refreshMarginSeconds: options.refreshMarginSeconds }),
    });
  }

  getToken(options: GetTokenOptions = {}): Promise<string> {
    return this.#cache.get(options.forceRefresh ?? false);
  }

  async #issue(): Promise<TokenResponse> {
    const { clientId, clientSecret, scope } = this.#options;
    const { data, error, response } = await this.#api.POST("/auth/token", {
      body: {
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: "client_credentials",
        ...(scope === undefined ? {} : { scope }),
      },
    });
    if (error !== undefined || data === undefined) throw errorFromResponse(response, error);
    return data;
  }
}
