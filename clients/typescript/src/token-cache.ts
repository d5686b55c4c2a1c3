/**
 * One access token kept until shortly before it expires, for any way of getting tokens.
 *
 * `ClientCredentials` keeps its tokens here; a browser app wraps the call to its own backend with
 * `cachedTokenProvider()`, so the page asks for a token once per lifetime rather than once per
 * request.
 */
import type { AccessTokenProvider } from "./auth.js";

/** A token and its lifetime, as a token endpoint answers (`TokenResponse` has this shape). */
export interface IssuedToken {
  access_token: string;
  /** Seconds until the token expires. */
  expires_in: number;
}

export interface TokenCacheOptions {
  /** The clock, in milliseconds since the epoch (`Date.now` by default); tests inject their own. */
  now?: () => number;
  /**
   * Fetch a new token this many seconds before the current one expires (default 60). Capped at
   * half the token's lifetime, so short-lived tokens are still reused.
   */
  refreshMarginSeconds?: number;
}

interface CachedToken {
  value: string;
  /** When the server says it expires (ms since the epoch). */
  expiresAt: number;
  /** When we fetch the next one (ms since the epoch). */
  refreshAt: number;
}

/** Holds the current token; concurrent callers share one fetch of the next. */
export class TokenCache {
  readonly #fetchToken: () => Promise<IssuedToken>;
  readonly #now: () => number;
  readonly #marginSeconds: number;
  #token: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  constructor(fetchToken: () => Promise<IssuedToken>, options: TokenCacheOptions = {}) {
    this.#fetchToken = fetchToken;
    this.#now = options.now ?? Date.now;
    this.#marginSeconds = options.refreshMarginSeconds ?? 60;
  }

  /** The cached token while it is fresh; a new one when it is due, or when `forceRefresh`. */
  async get(forceRefresh = false): Promise<string> {
    const cached = this.#token;
    if (!forceRefresh && cached !== undefined && this.#now() < cached.refreshAt) return cached.value;
    try {
      return (await this.#refresh()).value;
    } catch (error) {
      // A failed early refresh need not fail the request: the old token is still good.
      if (!forceRefresh && cached !== undefined && this.#now() < cached.expiresAt) return cached.value;
      throw error;
    }
  }

  /** One fetch at a time, however many callers are waiting for it. */
  #refresh(): Promise<CachedToken> {
    this.#pending ??= this.#issue().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #issue(): Promise<CachedToken> {
    const issuedAt = this.#now();
    const issued = await this.#fetchToken();
    if (typeof issued?.access_token !== "string" || issued.access_token === "" || !(issued.expires_in > 0)) {
      throw new TypeError("the token fetcher returned no { access_token, expires_in }");
    }
    const lifetime = issued.expires_in * 1000;
    const margin = Math.min(this.#marginSeconds * 1000, lifetime / 2);
    this.#token = { value: issued.access_token, expiresAt: issuedAt + lifetime, refreshAt: issuedAt + lifetime - margin };
    return this.#token;
  }
}

/**
 * An `accessToken` provider for `MisoClient` that calls `fetchToken` only when the cached token is
 * about to expire (or the API rejected it), e.g. in a browser app:
 *
 * ```ts
 * const accessToken = cachedTokenProvider(async () => (await fetch("/my-backend/miso-token")).json());
 * const client = new MisoClient({ baseUrl, accessToken });
 * ```
 */
export function cachedTokenProvider(fetchToken: () => Promise<IssuedToken>, options: TokenCacheOptions = {}): AccessTokenProvider {
  const cache = new TokenCache(fetchToken, options);
  return ({ forceRefresh }) => cache.get(forceRefresh);
}
