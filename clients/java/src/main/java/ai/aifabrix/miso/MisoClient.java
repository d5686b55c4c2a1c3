package ai.aifabrix.miso;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import ai.aifabrix.miso.client.ApiClient;
import ai.aifabrix.miso.client.ApiException;
import ai.aifabrix.miso.client.Configuration;
import ai.aifabrix.miso.client.api.AuthApi;

/**
 * A client for one Miso instance, authenticated with OAuth 2 client credentials; one namespace
 * per API area.
 *
 * <pre>{@code
 * MisoClient client = MisoClient.builder()
 *     .baseUrl("https://your-miso-instance.com")
 *     .clientId("your-client-id").clientSecret("your-client-secret")
 *     .build();
 * ApplicationList apps = client.applications().list();
 * }</pre>
 *
 * Requests are retried (2 times by default) on connection failures, 408, 429 and 5xx as
 * clients/sdk-behaviour.json describes; {@code MISO_LOG=debug} logs them on stderr.
 */
public final class MisoClient {
    /** The distribution name the User-Agent carries. */
    public static final String SDK = "aifabrix-miso-java";

    /** A generated operation, which throws the generator's checked exception. */
    @FunctionalInterface
    public interface ApiCall<T> {
        T run() throws ApiException;
    }

    private static final ThreadLocal<HttpResponse<?>[]> RAW = new ThreadLocal<>();

    private final String baseUrl;
    private final ApiClient api;
    private final TokenSource tokens;
    private final Transport transport;

    private MisoClient(Builder builder) {
        this.baseUrl = builder.baseUrl.replaceAll("/+$", "");
        this.tokens = new TokenSource(this, builder.clientId, builder.clientSecret, builder.scope,
                builder.tokenRefreshMargin);
        String userAgent = Behaviour.USER_AGENT.replace("{sdk}", SDK).replace("{version}", Configuration.VERSION);
        this.transport = new Transport(builder.httpClient, userAgent, builder.timeout, builder.maxRetries,
                tokens, tokens::invalidate, DebugLog.fromEnvironment(System.getenv(), System.err));
        Transport shared = transport;
        this.api = new ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return shared;
            }
        };
        api.updateBaseUri(baseUrl);
        // The token request goes through the same transport (retries, User-Agent, debug log).
        this.tokens.useApi(new AuthApi(api));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return baseUrl;
    }

    ApiClient api() {
        return api;
    }

    Transport transport() {
        return transport;
    }

    TokenSource tokens() {
        return tokens;
    }

    public Applications applications() {
        return new Applications(this, RequestOptions.NONE);
    }

    public Deployments deployments() {
        return new Deployments(this, RequestOptions.NONE);
    }

    public Environments environments() {
        return new Environments(this, RequestOptions.NONE);
    }

    public Users users() {
        return new Users(this, RequestOptions.NONE);
    }

    public Monitoring monitoring() {
        return new Monitoring(this, RequestOptions.NONE);
    }

    public Webhooks webhooks() {
        return new Webhooks(this, RequestOptions.NONE);
    }

    public Auth auth() {
        return new Auth(this, RequestOptions.NONE);
    }

    /**
     * The result of one facade call together with its HTTP answer (status, headers, request id):
     * {@code client.withRawResponse(c -> c.applications().get("app-123")).requestId()}.
     */
    public <T> RawResponse<T> withRawResponse(Function<MisoClient, T> call) {
        HttpResponse<?>[] previous = RAW.get();
        HttpResponse<?>[] slot = new HttpResponse<?>[1];
        RAW.set(slot);
        try {
            T data = call.apply(this);
            if (slot[0] == null) {
                throw new IllegalStateException("the call sent no request through this client");
            }
            return new RawResponse<>(slot[0].statusCode(), slot[0].headers(), data);
        } finally {
            RAW.set(previous);
        }
    }

    <T> T call(RequestOptions options, ApiCall<T> operation) {
        return callWith(new Transport.Call(options, true, false, false), operation);
    }

    /** Run a generated operation under `call`'s settings; turn its failures into ours. */
    <T> T callWith(Transport.Call call, ApiCall<T> operation) {
        Transport.Call previous = Transport.CURRENT.get();
        Transport.CURRENT.set(call);
        try {
            T result = operation.run();
            record(call);
            return result;
        } catch (ApiException failure) {
            record(call);
            throw translate(failure);
        } finally {
            Transport.CURRENT.set(previous);
        }
    }

    private static void record(Transport.Call call) {
        HttpResponse<?>[] slot = RAW.get();
        if (slot != null && call.authenticate && call.last != null) {
            slot[0] = call.last;
        }
    }

    static MisoException translate(ApiException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof HttpTimeoutException) {
            return new MisoTimeoutException("no answer in time: " + cause.getMessage(), cause);
        }
        if (cause instanceof IOException) {
            return new MisoConnectionException("could not reach the server: " + cause, cause);
        }
        if (cause instanceof InterruptedException) {
            return new MisoException("interrupted", cause);
        }
        return MisoApiException.from(failure.getCode(), failure.getResponseHeaders(), failure.getResponseBody());
    }

    public static final class Builder {
        private String baseUrl;
        private String clientId;
        private String clientSecret;
        private String scope = "api";
        private Duration timeout = Duration.ofMillis(Math.round(Behaviour.TIMEOUT_SECONDS * 1000));
        private int maxRetries = Behaviour.MAX_RETRIES;
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private HttpClient httpClient;

        public Builder baseUrl(String baseUrl) { this.baseUrl = baseUrl; return this; }
        public Builder clientId(String clientId) { this.clientId = clientId; return this; }
        public Builder clientSecret(String clientSecret) { this.clientSecret = clientSecret; return this; }
        public Builder scope(String scope) { this.scope = scope; return this; }
        /** Per-request timeout (default from clients/sdk-behaviour.json); a call may set its own. */
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        /** Retries after the first attempt (default 2); 0 turns them off. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }
        public Builder tokenRefreshMargin(Duration margin) { this.tokenRefreshMargin = margin; return this; }
        /** The java.net.http client to send with (proxies, TLS); one is made when not given. */
        public Builder httpClient(HttpClient httpClient) { this.httpClient = httpClient; return this; }

        public MisoClient build() {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            if (httpClient == null) {
                // HTTP/1.1: over plain http the JDK's default HTTP/2 sends an h2c upgrade with every
                // request, which common servers (uvicorn's h11, for one) reject with a 400
                httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
            }
            return new MisoClient(this);
        }
    }
}
