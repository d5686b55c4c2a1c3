// How the SDK behaves on the wire.
// Generated from clients/sdk-behaviour.json by `miso clients`: do not edit.
package ai.aifabrix.miso;

import java.util.Set;

/** The SDK's retry, timeout, debug-log and User-Agent facts, shared with the other SDKs. */
public final class Behaviour {
    private Behaviour() {}

    public static final int MAX_RETRIES = 2;
    public static final Set<Integer> RETRY_STATUSES = Set.of(408, 429);
    public static final boolean RETRY_SERVER_ERRORS = true;
    public static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    public static final double INITIAL_RETRY_DELAY_SECONDS = 0.5;
    public static final double MAX_RETRY_DELAY_SECONDS = 8.0;
    public static final double RETRY_JITTER = 0.25;
    public static final double RETRY_AFTER_MAX_SECONDS = 60.0;
    public static final double TIMEOUT_SECONDS = 60.0;
    public static final String DEBUG_ENV = "MISO_LOG";
    public static final String DEBUG_VALUE = "debug";
    public static final String REQUEST_ID_HEADER = "X-Request-ID";
    public static final String USER_AGENT = "{sdk}/{version}";
    public static final Set<String> REDACTED_HEADERS = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");
    public static final Set<String> REDACTED_FIELDS = Set.of("access_token", "client_secret", "secret", "token");
}
