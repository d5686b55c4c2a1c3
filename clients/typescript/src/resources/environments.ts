/** `client.environments`: the `environments` tag. */
import type { Transport } from "../_transport.js";
import type { Environment, EnvironmentList } from "../generated/schema.js";
import type { RequestOptions } from "./_common.js";

export class Environments {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `listEnvironments`: every environment (not paged). */
  list(options: RequestOptions = {}): Promise<EnvironmentList> {
    return this.#t.call((api, init) => api.GET("/api/v1/environments", { ...init }), options);
  }

  /** `getEnvironment` */
  get(environmentId: string, options: RequestOptions = {}): Promise<Environment> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/environments/{environment_id}", { params: { path: { environment_id: environmentId } }, ...init }),
      options,
    );
  }
}
