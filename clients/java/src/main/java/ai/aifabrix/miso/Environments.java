package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.EnvironmentsApi;
import ai.aifabrix.miso.model.Environment;
import ai.aifabrix.miso.model.EnvironmentList;

/** The platform's environments (development, staging, production). */
public final class Environments extends Namespace<Environments> {
    private final EnvironmentsApi api;

    Environments(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Environments(client, o));
        this.api = new EnvironmentsApi(client.api());
    }

    @Operation("listEnvironments")
    public EnvironmentList list() {
        return call(api::listEnvironments);
    }

    @Operation("getEnvironment")
    public Environment get(String environmentId) {
        return call(() -> api.getEnvironment(environmentId));
    }
}
