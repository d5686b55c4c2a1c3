/** `client.auth`: the `auth` tag (tokens, validation, OIDC discovery, signing keys). */
import type { Transport } from "../_transport.js";
import type { JsonWebKeySet, OpenIdConfiguration, TokenRequest, TokenResponse, TokenValidation } from "../generated/schema.js";

export class Auth {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** The access token the client sends now (fetching or refreshing it if need be). */
  getToken(): Promise<string> {
    return this.#t.auth.getToken();
  }

  /**
   * `issueToken`: exchange client credentials for a token yourself. The client does this on its
   * own when built with `clientId`/`clientSecret`; this is for handing tokens to someone else.
   */
  issueToken(request: TokenRequest): Promise<TokenResponse> {
    return this.#t.callPublic((api, init) => api.POST("/auth/token", { body: request, ...init }), { idempotent: true });
  }

  /** `validateToken`: whether a token is valid here, and its claims. An invalid token is not an error. */
  validate(token: string): Promise<TokenValidation> {
    return this.#t.callPublic((api, init) => api.POST("/auth/validate", { body: { token }, ...init }));
  }

  /** `getOpenIdConfiguration`: OIDC discovery. */
  openIdConfiguration(): Promise<OpenIdConfiguration> {
    return this.#t.callPublic((api, init) => api.GET("/.well-known/openid-configuration", { ...init }));
  }

  /** `getJwks`: the keys that verify this instance's tokens. */
  jwks(): Promise<JsonWebKeySet> {
    return this.#t.callPublic((api, init) => api.GET("/.well-known/jwks.json", { ...init }));
  }
}
