package ai.aifabrix.miso;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options for one call (or one namespace view) that override the client's: extra headers, a
 * timeout and a retry count. Unset fields fall back to the client's settings.
 *
 * <pre>{@code client.applications().withOptions(RequestOptions.builder().maxRetries(0).build()).list()}</pre>
 */
public final class RequestOptions {
    static final RequestOptions NONE = builder().build();

    final Map<String, String> headers;
    final Duration timeout;
    final Integer maxRetries;

    private RequestOptions(Builder builder) {
        this.headers = Map.copyOf(builder.headers);
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These options, with `other`'s set fields (and headers) taking precedence. */
    RequestOptions merge(RequestOptions other) {
        Builder merged = builder();
        merged.headers.putAll(headers);
        merged.headers.putAll(other.headers);
        merged.timeout = other.timeout != null ? other.timeout : timeout;
        merged.maxRetries = other.maxRetries != null ? other.maxRetries : maxRetries;
        return new RequestOptions(merged);
    }

    public static final class Builder {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout;
        private Integer maxRetries;

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
