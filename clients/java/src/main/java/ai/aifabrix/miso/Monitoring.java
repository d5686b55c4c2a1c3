package ai.aifabrix.miso;

import java.io.IOException;

import ai.aifabrix.miso.client.ApiException;
import ai.aifabrix.miso.client.api.MonitoringApi;
import ai.aifabrix.miso.model.Aggregation;
import ai.aifabrix.miso.model.MetricName;
import ai.aifabrix.miso.model.MetricSeries;
import ai.aifabrix.miso.model.SystemHealth;

/** Platform metrics and health. */
public final class Monitoring extends Namespace<Monitoring> {
    private final MonitoringApi api;

    Monitoring(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Monitoring(client, o));
        this.api = new MonitoringApi(client.api());
    }

    @Operation("getMetrics")
    public MetricSeries metrics(MetricName metric, String timeRange, Aggregation aggregation) {
        return call(() -> api.getMetrics(metric, timeRange, aggregation));
    }

    /** The health report; an unhealthy platform's 503 report is returned, not thrown. */
    @Operation("getHealth")
    public SystemHealth health() {
        return call(() -> {
            try {
                return api.getHealth();
            } catch (ApiException failure) {
                SystemHealth report = unhealthyReport(failure);
                if (report == null) {
                    throw failure;
                }
                return report;
            }
        });
    }

    private SystemHealth unhealthyReport(ApiException failure) {
        if (failure.getCode() != 503 || failure.getResponseBody() == null) {
            return null;
        }
        try {
            SystemHealth report = client.api().getObjectMapper().readValue(failure.getResponseBody(), SystemHealth.class);
            return report.getStatus() != null ? report : null;
        } catch (IOException notAReport) {
            return null;
        }
    }
}
