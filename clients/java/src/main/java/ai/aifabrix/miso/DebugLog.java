package ai.aifabrix.miso;

import java.io.PrintStream;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.stream.Collectors;

/** Requests and answers on stderr when the debug environment variable says so; tokens redacted. */
final class DebugLog {
    private final PrintStream out;

    private DebugLog(PrintStream out) {
        this.out = out;
    }

    /** A log when `MISO_LOG=debug` (see clients/sdk-behaviour.json), else null. */
    static DebugLog fromEnvironment(Map<String, String> environment, PrintStream out) {
        return Behaviour.DEBUG_VALUE.equals(environment.get(Behaviour.DEBUG_ENV)) ? new DebugLog(out) : null;
    }

    void request(String method, String uri, HttpHeaders headers, int attempt) {
        out.println("miso: request " + method + " " + uri + (attempt > 0 ? " (retry " + attempt + ")" : "")
                + " " + redacted(headers));
    }

    void response(String method, String uri, int status, HttpHeaders headers) {
        out.println("miso: response " + status + " " + method + " " + uri + " " + redacted(headers));
    }

    void failure(String method, String uri, Exception failure) {
        out.println("miso: failed " + method + " " + uri + ": " + failure);
    }

    static String redacted(HttpHeaders headers) {
        return headers.map().entrySet().stream()
                .map(e -> e.getKey() + ": " + (Behaviour.REDACTED_HEADERS.contains(e.getKey().toLowerCase())
                        ? "[redacted]" : String.join(", ", e.getValue())))
                .collect(Collectors.joining("; ", "{", "}"));
    }

}
