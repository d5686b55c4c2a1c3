/** `client.applications`: the `applications` tag, with configuration, access, health and logs. */
import type { Transport } from "../_transport.js";
import type {
  Application,
  ApplicationAccess,
  ApplicationAccessUpdate,
  ApplicationConfiguration,
  ApplicationCreate,
  ApplicationHealth,
  ApplicationList,
  ApplicationSummary,
  ApplicationUpdate,
  DeleteResult,
  LogList,
} from "../generated/schema.js";
import { PageIterator } from "../pagination.js";
import type { QueryOf, RequestOptions, WithoutPage } from "./_common.js";

export type ListApplicationsParams = QueryOf<"listApplications">;
export type ApplicationLogsParams = QueryOf<"getApplicationLogs">;

/** `client.applications.configuration`: what an application runs. */
export class ApplicationConfigurations {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `getApplicationConfiguration` */
  get(applicationId: string, options: RequestOptions = {}): Promise<ApplicationConfiguration> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/applications/{application_id}/configuration", { params: { path: { application_id: applicationId } }, ...init }),
      options,
    );
  }

  /** `updateApplicationConfiguration`: replaces the whole configuration. */
  update(applicationId: string, configuration: ApplicationConfiguration, options: RequestOptions = {}): Promise<ApplicationConfiguration> {
    return this.#t.call(
      (api, init) =>
        api.PUT("/api/v1/applications/{application_id}/configuration", {
          params: { path: { application_id: applicationId } },
          body: configuration,
          ...init,
        }),
      options,
    );
  }
}

/** `client.applications.access`: who may do what with an application. */
export class ApplicationAccessControl {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `getApplicationAccess` */
  get(applicationId: string, options: RequestOptions = {}): Promise<ApplicationAccess> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/applications/{application_id}/access", { params: { path: { application_id: applicationId } }, ...init }),
      options,
    );
  }

  /** `updateApplicationAccess`: replaces every grant (exactly one must be `owner`). */
  update(applicationId: string, access: ApplicationAccessUpdate, options: RequestOptions = {}): Promise<ApplicationAccess> {
    return this.#t.call(
      (api, init) =>
        api.PUT("/api/v1/applications/{application_id}/access", {
          params: { path: { application_id: applicationId } },
          body: access,
          ...init,
        }),
      options,
    );
  }
}

export class Applications {
  readonly #t: Transport;
  /** An application's configuration. */
  readonly configuration: ApplicationConfigurations;
  /** An application's access grants. */
  readonly access: ApplicationAccessControl;

  constructor(transport: Transport) {
    this.#t = transport;
    this.configuration = new ApplicationConfigurations(transport);
    this.access = new ApplicationAccessControl(transport);
  }

  /** `listApplications`: one page (`{data, pagination}`). */
  list(params: ListApplicationsParams = {}, options: RequestOptions = {}): Promise<ApplicationList> {
    return this.#t.call((api, init) => api.GET("/api/v1/applications", { params: { query: params }, ...init }), options);
  }

  /** Every application, page after page: `for await (const app of client.applications.listAll())`. */
  listAll(params: WithoutPage<ListApplicationsParams> = {}, options: RequestOptions = {}): PageIterator<ApplicationSummary> {
    return new PageIterator((page) => this.list({ ...params, page }, options));
  }

  /** `createApplication` */
  create(application: ApplicationCreate, options: RequestOptions = {}): Promise<Application> {
    return this.#t.call((api, init) => api.POST("/api/v1/applications", { body: application, ...init }), options);
  }

  /** `getApplication` */
  get(applicationId: string, options: RequestOptions = {}): Promise<Application> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/applications/{application_id}", { params: { path: { application_id: applicationId } }, ...init }),
      options,
    );
  }

  /** `updateApplication`: changes the fields given, keeps the others. */
  update(applicationId: string, changes: ApplicationUpdate, options: RequestOptions = {}): Promise<Application> {
    return this.#t.call(
      (api, init) =>
        api.PUT("/api/v1/applications/{application_id}", {
          params: { path: { application_id: applicationId } },
          body: changes,
          ...init,
        }),
      options,
    );
  }

  /** `deleteApplication` */
  delete(applicationId: string, options: RequestOptions = {}): Promise<DeleteResult> {
    return this.#t.call(
      (api, init) => api.DELETE("/api/v1/applications/{application_id}", { params: { path: { application_id: applicationId } }, ...init }),
      options,
    );
  }

  /** `getApplicationHealth` */
  health(applicationId: string, options: RequestOptions = {}): Promise<ApplicationHealth> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/applications/{application_id}/health", { params: { path: { application_id: applicationId } }, ...init }),
      options,
    );
  }

  /** `getApplicationLogs`: the last `lines` lines, optionally from `level` up. */
  logs(applicationId: string, params: ApplicationLogsParams = {}, options: RequestOptions = {}): Promise<LogList> {
    return this.#t.call(
      (api, init) =>
        api.GET("/api/v1/applications/{application_id}/logs", {
          params: { path: { application_id: applicationId }, query: params },
          ...init,
        }),
      options,
    );
  }
}
