package ai.aifabrix.miso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Assumptions;

/**
 * The real mocks the test run was started with (tests/clients/java runs `miso mock` and passes
 * their URLs in the environment): a plain one, and ones that fail, lag or rate-limit on purpose.
 */
final class Mocks {
    private Mocks() {}

    static final String DEV_ID = "miso-dev";
    static final String DEV_SECRET = "miso-dev-secret";

    /** The URL of the mock named `name` (MISO_MOCK_<NAME>); the test stops if it was not given. */
    static String url(String name) {
        String url = System.getenv("MISO_MOCK_" + name);
        Assumptions.assumeTrue(url != null, "MISO_MOCK_" + name + " is not set: run through pytest tests/clients/java");
        return url;
    }

    static MisoClient.Builder client(String name) {
        return MisoClient.builder().baseUrl(url(name)).clientId(DEV_ID).clientSecret(DEV_SECRET);
    }

    /** Back to the start-up dataset, so tests do not see each other's records. */
    static void reset(String name) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url(name) + "/_mock/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("reset answered " + response.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
