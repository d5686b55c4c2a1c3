/**
 * `MisoClient`: the facade of the reference's JavaScript SDK example, one namespace per spec tag.
 *
 * ```js
 * const client = new MisoClient({ baseUrl, clientId, clientSecret });   // servers and scripts
 * const client = new MisoClient({ baseUrl, accessToken: () => getToken() }); // browser apps
 * const applications = await client.applications.list();
 * ```
 */
import { AccessTokenAuth, ClientCredentials, type AccessTokenProvider, type TokenSource } from "./auth.js";
import { Transport, type Api } from "./_transport.js";
import { Applications } from "./resources/applications.js";
import { Auth } from "./resources/auth.js";
import { Deployments } from "./resources/deployments.js";
import { Environments } from "./resources/environments.js";
import { Monitoring } from "./resources/monitoring.js";
import { Users } from "./resources/users.js";
import { Webhooks } from "./resources/webhooks.js";

export interface MisoClientOptions {
  /** The instance, e.g. `https://your-miso-instance.com` (API paths start with `/api/v1`). */
  baseUrl: string;
  /** Client credentials (servers and scripts): the client fetches and refreshes tokens itself. */
  clientId?: string;
  clientSecret?: string;
  /** Scope to request with client credentials; the server's default (`api`) when left out. */
  scope?: string;
  /**
   * Browser apps (and anything that already has tokens): a token, or a function that returns
   * one. It is called for every request, with `forceRefresh: true` after a 401.
   */
  accessToken?: string | AccessTokenProvider;
  /** Any other token source (it wins over the options above). */
  auth?: TokenSource;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * A client secret in a web page is readable by anyone who opens it, so the client refuses one
   * when it runs in a browser. Set this only if you understand that (a local tool, say).
   */
  dangerouslyAllowBrowser?: boolean;
}

function inBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window === "object" && typeof g.document === "object";
}

function tokenSource(options: MisoClientOptions): TokenSource {
  if (options.auth !== undefined) return options.auth;
  const { clientId, clientSecret, accessToken } = options;
  if (clientSecret !== undefined && accessToken !== undefined) {
    throw new TypeError("MisoClient: give either clientId/clientSecret or accessToken, not both");
  }
  if (accessToken !== undefined) return new AccessTokenAuth(accessToken);
  if (clientId === undefined || clientSecret === undefined) {
    throw new TypeError("MisoClient: give clientId and clientSecret, or an accessToken provider");
  }
  if (inBrowser() && !options.dangerouslyAllowBrowser) {
    throw new TypeError(
      "MisoClient: a client secret must never be shipped to a browser; pass an accessToken provider " +
        "that gets tokens from your backend (or set dangerouslyAllowBrowser if you really mean it)",
    );
  }
  return new ClientCredentials({
    baseUrl: options.baseUrl,
    clientId,
    clientSecret,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

export class MisoClient {
  /** Applications, with `configuration`, `access`, `health()` and `logs()`. */
  readonly applications: Applications;
  /** Deployments of an application, their logs and live log streams. */
  readonly deployments: Deployments;
  /** The environments applications run in. */
  readonly environments: Environments;
  /** Users, and the current principal (`me()`). */
  readonly users: Users;
  /** Metrics and the instance's health. */
  readonly monitoring: Monitoring;
  /** Webhook subscriptions and their deliveries, plus signature verification. */
  readonly webhooks: Webhooks;
  /** Tokens, validation, OIDC discovery, signing keys. */
  readonly auth: Auth;
  /**
   * The typed openapi-fetch client underneath, for anything the facade does not cover. It does
   * not add the token: pass `headers: { Authorization: \`Bearer ${await client.auth.getToken()}\` }`.
   */
  readonly api: Api;

  constructor(options: MisoClientOptions) {
    if (typeof options?.baseUrl !== "string" || options.baseUrl === "") {
      throw new TypeError("MisoClient: baseUrl is required");
    }
    const transport = new Transport({
      baseUrl: options.baseUrl,
      auth: tokenSource(options),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    });
    this.api = transport.api;
    this.applications = new Applications(transport);
    this.deployments = new Deployments(transport);
    this.environments = new Environments(transport);
    this.users = new Users(transport);
    this.monitoring = new Monitoring(transport);
    this.webhooks = new Webhooks(transport);
    this.auth = new Auth(transport);
  }
}
