package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.AuthApi;
import ai.aifabrix.miso.model.JsonWebKeySet;
import ai.aifabrix.miso.model.OpenIdConfiguration;
import ai.aifabrix.miso.model.TokenValidation;
import ai.aifabrix.miso.model.TokenValidationRequest;

/** Tokens: the client's own (fetched and refreshed for you), validation, and discovery documents. */
public final class Auth extends Namespace<Auth> {
    private final AuthApi api;

    Auth(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Auth(client, o));
        this.api = new AuthApi(client.api());
    }

    /** The client's current access token, fetched or refreshed when needed. */
    @Operation("issueToken")
    public String token() {
        return client.tokens().get();
    }

    @Operation("validateToken")
    public TokenValidation validate(String token) {
        return call(() -> api.validateToken(new TokenValidationRequest().token(token)));
    }

    @Operation("getOpenIdConfiguration")
    public OpenIdConfiguration openidConfiguration() {
        return call(api::getOpenIdConfiguration);
    }

    @Operation("getJwks")
    public JsonWebKeySet jwks() {
        return call(api::getJwks);
    }
}
