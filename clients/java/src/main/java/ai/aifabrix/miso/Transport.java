package ai.aifabrix.miso;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The one place every request passes through, generated operations and token fetches alike: it
 * sets the User-Agent, the bearer token, the call's headers and timeout, repeats what may be
 * repeated (see {@link Retry}), writes the debug log and remembers the last answer for
 * {@link MisoClient#withRawResponse}. It is an {@link HttpClient}, so the generated code uses it
 * unchanged.
 */
final class Transport extends HttpClient {
    /** What the facade tells the transport about the call running on this thread. */
    static final class Call {
        final RequestOptions options;
        final boolean authenticate;
        final boolean idempotent;
        final boolean captureOnly;
        HttpRequest captured;
        HttpResponse<?> last;

        Call(RequestOptions options, boolean authenticate, boolean idempotent, boolean captureOnly) {
            this.options = options;
            this.authenticate = authenticate;
            this.idempotent = idempotent;
            this.captureOnly = captureOnly;
        }
    }

    /** Thrown (inside the generated code) when a call only wanted the request it would send. */
    static final class Captured extends IOException {
        private static final long serialVersionUID = 1L;

        Captured() {
            super("request captured, not sent");
        }
    }

    static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

    private final HttpClient delegate;
    private final String userAgent;
    private final Duration timeout;
    private final int maxRetries;
    private final Supplier<String> token;
    private final Runnable invalidateToken;
    private final DebugLog log;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    Transport(HttpClient delegate, String userAgent, Duration timeout, int maxRetries,
            Supplier<String> token, Runnable invalidateToken, DebugLog log) {
        this.delegate = delegate;
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.token = token;
        this.invalidateToken = invalidateToken;
        this.log = log;
        this.sleeper = duration -> Thread.sleep(duration.toMillis());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Call call = CURRENT.get();
        if (call != null && call.captureOnly) {
            call.captured = request;
            throw new Captured();
        }
        RequestOptions options = call != null ? call.options : RequestOptions.NONE;
        boolean authenticate = call == null || call.authenticate;
        boolean idempotent = call != null && call.idempotent;
        int retries = options.maxRetries != null ? options.maxRetries : maxRetries;
        Duration callTimeout = options.timeout != null ? options.timeout : request.timeout().orElse(timeout);
        String method = request.method();
        String uri = request.uri().toString();
        boolean refreshedToken = false;
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(callTimeout)
                    .setHeader("User-Agent", userAgent);
            if (authenticate) {
                builder.setHeader("Authorization", "Bearer " + token.get());
            }
            options.headers.forEach(builder::setHeader);
            HttpRequest sent = builder.build();
            if (log != null) {
                log.request(method, uri, sent.headers(), attempt);
            }
            HttpResponse<T> response;
            try {
                response = delegate.send(sent, handler);
            } catch (IOException failure) {
                if (log != null) {
                    log.failure(method, uri, failure);
                }
                if (attempt < retries && Retry.retryableFailure(failure, method, idempotent)) {
                    sleeper.sleep(Retry.delay(attempt, null));
                    continue;
                }
                throw failure;
            }
            if (log != null) {
                log.response(method, uri, response.statusCode(), response.headers());
            }
            if (response.statusCode() == 401 && authenticate && !refreshedToken) {
                // the cached token may have been revoked or expired early: fetch a new one, once
                refreshedToken = true;
                discard(response);
                invalidateToken.run();
                attempt--;
                continue;
            }
            if (attempt < retries && Retry.retryableStatus(response.statusCode(), method, idempotent)) {
                discard(response);
                sleeper.sleep(Retry.delay(attempt, response.headers().firstValue("Retry-After").orElse(null)));
                continue;
            }
            if (call != null) {
                call.last = response;
            }
            return response;
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream) {
            try {
                ((InputStream) response.body()).close();
            } catch (IOException ignored) {
                // the answer is dropped for a retry; a failing close changes nothing
            }
        }
    }


    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        // The facade is synchronous; an async caller still gets the same retries and headers.
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException | InterruptedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
}
