package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.ApplicationsApi;
import ai.aifabrix.miso.model.Application;
import ai.aifabrix.miso.model.ApplicationAccess;
import ai.aifabrix.miso.model.ApplicationAccessUpdate;
import ai.aifabrix.miso.model.ApplicationConfiguration;
import ai.aifabrix.miso.model.ApplicationCreate;
import ai.aifabrix.miso.model.ApplicationHealth;
import ai.aifabrix.miso.model.ApplicationList;
import ai.aifabrix.miso.model.ApplicationStatus;
import ai.aifabrix.miso.model.ApplicationSummary;
import ai.aifabrix.miso.model.ApplicationUpdate;
import ai.aifabrix.miso.model.DeleteResult;
import ai.aifabrix.miso.model.LogLevel;
import ai.aifabrix.miso.model.LogList;

/** Applications, with their configuration, access grants, health and logs. Null leaves a server default. */
public final class Applications extends Namespace<Applications> {
    private final ApplicationsApi api;

    Applications(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Applications(client, o));
        this.api = new ApplicationsApi(client.api());
    }

    @Operation("listApplications")
    public ApplicationList list(Integer page, Integer limit, ApplicationStatus status, String environment, String sort) {
        return call(() -> api.listApplications(page, limit, status, environment, sort));
    }

    public ApplicationList list() {
        return list(null, null, null, null, null);
    }

    /** Every application matching the filters, page after page as the iteration goes. */
    public Iterable<ApplicationSummary> listAll(ApplicationStatus status, String environment, String sort) {
        return new Pages<>(page -> list(page, null, status, environment, sort),
                ApplicationList::getData, ApplicationList::getPagination);
    }

    public Iterable<ApplicationSummary> listAll() {
        return listAll(null, null, null);
    }

    @Operation("getApplication")
    public Application get(String applicationId) {
        return call(() -> api.getApplication(applicationId));
    }

    @Operation("createApplication")
    public Application create(ApplicationCreate application) {
        return call(() -> api.createApplication(application));
    }

    @Operation("updateApplication")
    public Application update(String applicationId, ApplicationUpdate changes) {
        return call(() -> api.updateApplication(applicationId, changes));
    }

    @Operation("deleteApplication")
    public DeleteResult delete(String applicationId) {
        return call(() -> api.deleteApplication(applicationId));
    }

    @Operation("getApplicationConfiguration")
    public ApplicationConfiguration configuration(String applicationId) {
        return call(() -> api.getApplicationConfiguration(applicationId));
    }

    @Operation("updateApplicationConfiguration")
    public ApplicationConfiguration updateConfiguration(String applicationId, ApplicationConfiguration configuration) {
        return call(() -> api.updateApplicationConfiguration(applicationId, configuration));
    }

    @Operation("getApplicationAccess")
    public ApplicationAccess access(String applicationId) {
        return call(() -> api.getApplicationAccess(applicationId));
    }

    @Operation("updateApplicationAccess")
    public ApplicationAccess updateAccess(String applicationId, ApplicationAccessUpdate changes) {
        return call(() -> api.updateApplicationAccess(applicationId, changes));
    }

    @Operation("getApplicationHealth")
    public ApplicationHealth health(String applicationId) {
        return call(() -> api.getApplicationHealth(applicationId));
    }

    @Operation("getApplicationLogs")
    public LogList logs(String applicationId, Integer lines, LogLevel level) {
        return call(() -> api.getApplicationLogs(applicationId, lines, level));
    }
}
