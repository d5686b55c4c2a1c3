package ai.aifabrix.miso;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real java.net.http client that remembers every request it sends and what came back (a status,
 * or -1 for a failure). With `deadPort` set, API requests (not the token request) go to that
 * port instead, where nothing listens: a real refused connection after a real token fetch.
 */
final class RecordingHttpClient extends HttpClient {
    static final class Exchange {
        final HttpRequest request;
        final int status;

        Exchange(HttpRequest request, int status) {
            this.request = request;
            this.status = status;
        }

        String path() {
            return request.uri().getPath();
        }
    }

    private final HttpClient delegate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Integer deadPort;
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    RecordingHttpClient() {
        this(null);
    }

    RecordingHttpClient(Integer deadPort) {
        this.deadPort = deadPort;
    }

    List<Exchange> to(String method, String path) {
        return exchanges.stream()
                .filter(e -> e.request.method().equals(method) && e.path().equals(path))
                .collect(Collectors.toList());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest target = request;
        if (deadPort != null && request.uri().getPath().startsWith("/api/")) {
            URI uri = request.uri();
            URI dead = URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + deadPort + uri.getRawPath());
            target = HttpRequest.newBuilder(request, (n, v) -> true).uri(dead).build();
        }
        try {
            HttpResponse<T> response = delegate.send(target, handler);
            exchanges.add(new Exchange(request, response.statusCode()));
            return response;
        } catch (IOException failure) {
            exchanges.add(new Exchange(request, -1));
            throw failure;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h,
            HttpResponse.PushPromiseHandler<T> p) {
        throw new UnsupportedOperationException();
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
