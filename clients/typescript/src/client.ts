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
import * as B from "./behaviour.js";
import { wireFetch, type WireSettings } from "./_fetch.js";
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
   * Retries after the first attempt (default 2) on connection failures, 408, 429 and 5xx, as
   * `clients/sdk-behaviour.json` describes; a POST only when its connection was never made.
   */
  maxRetries?: number;
  /** Milliseconds to wait for each attempt's answer (default 60 s). */
  timeout?: number;
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

function tokenSource(options: MisoClientOptions, wire: WireSettings): TokenSource {
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
    // the token request gets the same retries, User-Agent and debug log; issuing a token creates
    // nothing, so it is repeated like a GET
    fetch: wireFetch(wire, { idempotent: true }) as typeof globalThis.fetch,
  });
}

/** Per-client settings a `withOptions` view may change. */
export interface ClientOverrides {
  headers?: Record<string, string>;
  maxRetries?: number;
  timeout?: number;
}

/** A call's result with the HTTP answer it came from. */
export interface RawResponse<T> {
  data: T;
  response: Response;
  status: number;
  headers: Headers;
  /** The server's `X-Request-ID`: quote it when asking about this call. */
  requestId: string | undefined;
}

function wireSettings(options: MisoClientOptions): WireSettings {
  const headers: Record<string, string> = {};
  // browsers own the User-Agent; everywhere else the SDK names itself
  if (!inBrowser()) headers["User-Agent"] = B.USER_AGENT.replace("{sdk}", B.SDK_NAME).replace("{version}", B.SDK_VERSION);
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: options.maxRetries ?? B.MAX_RETRIES,
    timeout: options.timeout ?? B.TIMEOUT_SECONDS * 1000,
    headers: { ...headers, ...(options.headers ?? {}) },
  };
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
  private readonly transport: Transport;

  constructor(options: MisoClientOptions) {
    if (typeof options?.baseUrl !== "string" || options.baseUrl === "") {
      throw new TypeError("MisoClient: baseUrl is required");
    }
    const wire = wireSettings(options);
    const transport = new Transport({ baseUrl: options.baseUrl, auth: tokenSource(options, wire), wire });
    this.api = transport.api;
    this.transport = transport;
    this.applications = new Applications(transport);
    this.deployments = new Deployments(transport);
    this.environments = new Environments(transport);
    this.users = new Users(transport);
    this.monitoring = new Monitoring(transport);
    this.webhooks = new Webhooks(transport);
    this.auth = new Auth(transport);
  }

  /**
   * This client with other defaults for the calls made through it (headers, timeout, retries);
   * the token cache and connections are shared, nothing is rebuilt:
   * `await client.withOptions({ maxRetries: 0 }).applications.list()`.
   */
  withOptions(overrides: ClientOverrides): MisoClient {
    const changes: Partial<WireSettings> = {};
    if (overrides.headers !== undefined) changes.headers = overrides.headers;
    if (overrides.maxRetries !== undefined) changes.maxRetries = overrides.maxRetries;
    if (overrides.timeout !== undefined) changes.timeout = overrides.timeout;
    return viewOf(this.transport.derive(changes));
  }

  /**
   * A call's result with its HTTP answer (status, headers, request id):
   * `const { data, requestId } = await client.withRawResponse((c) => c.applications.get("app-123"))`.
   */
  async withRawResponse<T>(call: (client: MisoClient) => Promise<T>): Promise<RawResponse<T>> {
    let last: Response | undefined;
    const data = await call(viewOf(this.transport.derive({}, (response) => (last = response))));
    const response = last as Response | undefined;
    if (response === undefined) throw new TypeError("withRawResponse: the call sent no request through this client");
    return { data, response, status: response.status, headers: response.headers, requestId: response.headers.get(B.REQUEST_ID_HEADER) ?? undefined };
  }
}

/** A MisoClient over `transport`, sharing everything else with the client it derives from. */
function viewOf(transport: Transport): MisoClient {
  const view = Object.create(MisoClient.prototype) as MisoClient;
  Object.assign(view, {
    api: transport.api,
    transport,
    applications: new Applications(transport),
    deployments: new Deployments(transport),
    environments: new Environments(transport),
    users: new Users(transport),
    monitoring: new Monitoring(transport),
    webhooks: new Webhooks(transport),
    auth: new Auth(transport),
  });
  return view;
}
