package ai.aifabrix.miso;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import ai.aifabrix.miso.client.api.AuthApi;
import ai.aifabrix.miso.model.TokenRequest;
import ai.aifabrix.miso.model.TokenResponse;

/**
 * OAuth 2 client credentials: fetches the access token on first use, caches it, and fetches a new
 * one `refreshMargin` before it expires (never in the first half of a short-lived token), or
 * when the server answers 401 to a cached one.
 */
final class TokenSource implements Supplier<String> {
    private final MisoClient client;
    private AuthApi auth;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration refreshMargin;
    private String token;
    private Instant refreshAt = Instant.MIN;
    private int fetches;

    TokenSource(MisoClient client, String clientId, String clientSecret, String scope, Duration refreshMargin) {
        this.client = client;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.refreshMargin = refreshMargin;
    }

    /** The generated token operation to call (set once the client's transport exists). */
    void useApi(AuthApi auth) {
        this.auth = auth;
    }

    @Override
    public synchronized String get() {
        if (token != null && Instant.now().isBefore(refreshAt)) {
            return token;
        }
        TokenRequest request = new TokenRequest()
                .clientId(clientId)
                .clientSecret(clientSecret)
                .grantType("client_credentials")
                .scope(scope);
        // Issuing a token creates nothing, so it is repeated like a GET; it carries no bearer token.
        Transport.Call call = new Transport.Call(RequestOptions.NONE, false, true, false);
        TokenResponse issued = client.callWith(call, () -> auth.issueToken(request));
        long lifetime = issued.getExpiresIn() != null ? issued.getExpiresIn() : 0;
        long early = Math.min(refreshMargin.getSeconds(), lifetime / 2);
        token = issued.getAccessToken();
        refreshAt = Instant.now().plusSeconds(lifetime - early);
        fetches++;
        return token;
    }

    synchronized void invalidate() {
        token = null;
    }

    /** How many tokens were fetched: lets tests see caching and refresh at work. */
    synchronized int fetches() {
        return fetches;
    }
}
