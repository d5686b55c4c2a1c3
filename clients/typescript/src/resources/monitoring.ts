/** `client.monitoring`: the `monitoring` tag (metrics and the instance's health). */
import type { Transport } from "../_transport.js";
import { MisoError } from "../errors.js";
import type { MetricSeries, SystemHealth } from "../generated/schema.js";
import type { QueryOf, RequestOptions } from "./_common.js";

export type MetricsParams = QueryOf<"getMetrics">;

/** The contract answers an unhealthy instance with 503 and a `SystemHealth` body, not an error. */
function isSystemHealth(body: unknown): body is SystemHealth {
  return typeof body === "object" && body !== null && "status" in body && "checks" in body && !("error" in body);
}

export class Monitoring {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `getMetrics`: one metric over `time_range`, bucketed and aggregated. */
  metrics(params: MetricsParams = {}, options: RequestOptions = {}): Promise<MetricSeries> {
    return this.#t.call((api, init) => api.GET("/api/v1/metrics", { params: { query: params }, ...init }), options);
  }

  /**
   * `getHealth`: the instance's health. An `unhealthy` instance answers 503 with the same body;
   * that body is returned too, so check `status` rather than catching.
   */
  async health(options: RequestOptions = {}): Promise<SystemHealth> {
    try {
      return await this.#t.call((api, init) => api.GET("/api/v1/health", { ...init }), options);
    } catch (error) {
      if (error instanceof MisoError && error.status === 503 && isSystemHealth(error.body)) return error.body;
      throw error;
    }
  }
}
