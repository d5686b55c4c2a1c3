package ai.aifabrix.miso;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** When to repeat a request and how long to wait first, as clients/sdk-behaviour.json says. */
final class Retry {
    private Retry() {}

    /** Whether an answer with `status` to a `method` request may be repeated. */
    static boolean retryableStatus(int status, String method, boolean idempotent) {
        if (Behaviour.RETRY_STATUSES.contains(status)) {
            return true; // the server did not act on the request: safe for every method
        }
        return Behaviour.RETRY_SERVER_ERRORS && status >= 500 && status <= 599
                && (idempotent || Behaviour.IDEMPOTENT_METHODS.contains(method));
    }

    /** Whether a transport failure may be repeated: a connection never made, for every method. */
    static boolean retryableFailure(IOException failure, String method, boolean idempotent) {
        if (neverConnected(failure)) {
            return true;
        }
        return idempotent || Behaviour.IDEMPOTENT_METHODS.contains(method);
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The wait before retry `attempt` (0-based): `Retry-After` when sane, else jittered backoff. */
    static Duration delay(int attempt, String retryAfter) {
        Double seconds = retryAfter == null ? null : parseRetryAfter(retryAfter);
        if (seconds == null || seconds < 0 || seconds > Behaviour.RETRY_AFTER_MAX_SECONDS) {
            double backoff = Math.min(Behaviour.MAX_RETRY_DELAY_SECONDS,
                    Behaviour.INITIAL_RETRY_DELAY_SECONDS * Math.pow(2, attempt));
            seconds = backoff * (1 - Behaviour.RETRY_JITTER * ThreadLocalRandom.current().nextDouble());
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Seconds from a `Retry-After` value (delta-seconds or HTTP-date); null when unreadable. */
    static Double parseRetryAfter(String value) {
        String text = value.trim();
        try {
            return Math.max(0.0, Double.parseDouble(text));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0.0, Duration.between(ZonedDateTime.now(), when).toMillis() / 1000.0);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
