package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.DeploymentsApi;
import ai.aifabrix.miso.model.Deployment;
import ai.aifabrix.miso.model.DeploymentCreate;
import ai.aifabrix.miso.model.DeploymentList;
import ai.aifabrix.miso.model.DeploymentStatus;
import ai.aifabrix.miso.model.LogList;

/** Deployments of an application, and their logs (a list, or followed as they stream). */
public final class Deployments extends Namespace<Deployments> {
    private final DeploymentsApi api;

    Deployments(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Deployments(client, o));
        this.api = new DeploymentsApi(client.api());
    }

    @Operation("listDeployments")
    public DeploymentList list(String applicationId, Integer page, Integer limit, DeploymentStatus status, String sort) {
        return call(() -> api.listDeployments(applicationId, page, limit, status, sort));
    }

    public DeploymentList list(String applicationId) {
        return list(applicationId, null, null, null, null);
    }

    /** Every deployment of the application matching the filters, page after page. */
    public Iterable<Deployment> listAll(String applicationId, DeploymentStatus status, String sort) {
        return new Pages<>(page -> list(applicationId, page, null, status, sort),
                DeploymentList::getData, DeploymentList::getPagination);
    }

    @Operation("createDeployment")
    public Deployment create(String applicationId, DeploymentCreate deployment) {
        return call(() -> api.createDeployment(applicationId, deployment));
    }

    @Operation("getDeployment")
    public Deployment get(String deploymentId) {
        return call(() -> api.getDeployment(deploymentId));
    }

    @Operation("getDeploymentLogs")
    public LogList logs(String deploymentId, Integer lines) {
        return call(() -> api.getDeploymentLogs(deploymentId, lines, null));
    }

    /**
     * The deployment's log lines as they are written, until it ends; close the stream (try with
     * resources) when stopping early. {@link LogStream#status()} then holds the final status.
     */
    public LogStream follow(String deploymentId, Integer lines) {
        return LogStream.open(client, options, () -> api.getDeploymentLogs(deploymentId, lines, true));
    }
}
