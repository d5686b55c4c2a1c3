/** `client.deployments`: the `deployments` tag, with logs and live log streams. */
import type { Transport } from "../_transport.js";
import type { Deployment, DeploymentCreate, DeploymentList, LogList } from "../generated/schema.js";
import { PageIterator } from "../pagination.js";
import { LogStream } from "../streaming.js";
import type { QueryOf, RequestOptions, WithoutPage } from "./_common.js";

export type ListDeploymentsParams = QueryOf<"listDeployments">;
export type DeploymentLogsParams = Omit<QueryOf<"getDeploymentLogs">, "follow">;

export class Deployments {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `listDeployments`: one page of an application's deployments, newest first by default. */
  list(applicationId: string, params: ListDeploymentsParams = {}, options: RequestOptions = {}): Promise<DeploymentList> {
    return this.#t.call(
      (api, init) =>
        api.GET("/api/v1/applications/{application_id}/deployments", {
          params: { path: { application_id: applicationId }, query: params },
          ...init,
        }),
      options,
    );
  }

  /** Every deployment of an application, page after page. */
  listAll(applicationId: string, params: WithoutPage<ListDeploymentsParams> = {}, options: RequestOptions = {}): PageIterator<Deployment> {
    return new PageIterator((page) => this.list(applicationId, { ...params, page }, options));
  }

  /** `createDeployment`: deploy `image`; the deployment starts `pending`. */
  create(applicationId: string, deployment: DeploymentCreate, options: RequestOptions = {}): Promise<Deployment> {
    return this.#t.call(
      (api, init) =>
        api.POST("/api/v1/applications/{application_id}/deployments", {
          params: { path: { application_id: applicationId } },
          body: deployment,
          ...init,
        }),
      options,
    );
  }

  /** `getDeployment` */
  get(deploymentId: string, options: RequestOptions = {}): Promise<Deployment> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/deployments/{deployment_id}", { params: { path: { deployment_id: deploymentId } }, ...init }),
      options,
    );
  }

  /** `getDeploymentLogs`: the last `lines` lines so far. */
  async logs(deploymentId: string, params: DeploymentLogsParams = {}, options: RequestOptions = {}): Promise<LogList> {
    const body = await this.#t.call(
      (api, init) =>
        api.GET("/api/v1/deployments/{deployment_id}/logs", {
          params: { path: { deployment_id: deploymentId }, query: params },
          ...init,
          headers: { ...init.headers, Accept: "application/json" },
        }),
      options,
    );
    // The operation has two media types, JSON and (with `follow=true`) the event stream; without
    // `follow` the answer is the JSON `LogList`.
    return body as LogList;
  }

  /**
   * `getDeploymentLogs` with `follow=true`: the log as it is written, until the deployment ends.
   *
   * ```ts
   * const stream = client.deployments.streamLogs(deployment.id);
   * for await (const entry of stream) console.log(entry.level, entry.message);
   * console.log("finished:", stream.status);
   * ```
   *
   * Nothing is requested until the iteration starts; errors (404, 403, ...) are thrown from it.
   */
  streamLogs(deploymentId: string, params: DeploymentLogsParams = {}, options: RequestOptions = {}): LogStream {
    return new LogStream(async () => {
      const { data } = await this.#t.send(
        (api, init) =>
          api.GET("/api/v1/deployments/{deployment_id}/logs", {
            params: { path: { deployment_id: deploymentId }, query: { ...params, follow: true } },
            parseAs: "stream",
            ...init,
            headers: { ...init.headers, Accept: "text/event-stream" },
          }),
        options,
      );
      if (data === undefined || data === null) throw new TypeError("the log stream response has no body");
      return data;
    });
  }
}
