package ai.aifabrix.miso;

import java.net.http.HttpHeaders;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server answered with an error: the envelope's code, message, details and request id, plus
 * the status and headers. The subclass is chosen by the envelope's `code`, and by the status only
 * when an answer carries no envelope (a proxy's 502, say), so callers can catch {@link NotFound}
 * without knowing which status a server picked.
 */
public class MisoApiException extends MisoException {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int statusCode;
    private final String code;
    private final transient JsonNode details;
    private final String requestId;
    private final transient HttpHeaders headers;

    public MisoApiException(int statusCode, String code, String message, JsonNode details,
            String requestId, HttpHeaders headers) {
        super(statusCode + " " + code + ": " + message
                + (requestId != null ? ", request_id=" + requestId : ""));
        this.statusCode = statusCode;
        this.code = code;
        this.details = details;
        this.requestId = requestId;
        this.headers = headers;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The envelope's `code` (an `ErrorCode` value), or `HTTP_<status>` without an envelope. */
    public String code() {
        return code;
    }

    /** Field errors (validation) or the limit and reset time (rate limit); null when absent. */
    public JsonNode details() {
        return details;
    }

    /** The envelope's `request_id`, else the `X-Request-ID` header: quote it to the operator. */
    public String requestId() {
        return requestId;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Seconds the server asks to wait (`Retry-After`), if it said. */
    public Optional<Double> retryAfter() {
        return headers.firstValue("Retry-After").map(Retry::parseRetryAfter).filter(v -> v != null);
    }

    /** The exception an error answer stands for. */
    static MisoApiException from(int status, HttpHeaders headers, String body) {
        String code = "HTTP_" + status;
        String message = body == null || body.isBlank() ? "HTTP " + status : body;
        JsonNode details = null;
        String requestId = headers.firstValue(Behaviour.REQUEST_ID_HEADER).orElse(null);
        try {
            JsonNode error = body == null ? null : JSON.readTree(body).path("error");
            if (error != null && error.hasNonNull("code")) {
                code = error.get("code").asText();
                message = error.path("message").asText(message);
                details = error.hasNonNull("details") ? error.get("details") : null;
                if (error.hasNonNull("request_id")) {
                    requestId = error.get("request_id").asText();
                }
            }
        } catch (java.io.IOException notJson) {
            // no envelope: the status decides the class, the body is the message
        }
        switch (code) {
            case "VALIDATION_ERROR": return new Validation(status, code, message, details, requestId, headers);
            case "AUTHENTICATION_ERROR": return new Authentication(status, code, message, details, requestId, headers);
            case "AUTHORIZATION_ERROR": return new Authorization(status, code, message, details, requestId, headers);
            case "RESOURCE_NOT_FOUND": return new NotFound(status, code, message, details, requestId, headers);
            case "METHOD_NOT_ALLOWED": return new MethodNotAllowed(status, code, message, details, requestId, headers);
            case "RESOURCE_CONFLICT": return new Conflict(status, code, message, details, requestId, headers);
            case "RATE_LIMIT_EXCEEDED": return new RateLimit(status, code, message, details, requestId, headers);
            case "SERVICE_UNAVAILABLE": return new ServiceUnavailable(status, code, message, details, requestId, headers);
            case "INTERNAL_ERROR": return new InternalServer(status, code, message, details, requestId, headers);
            default: break;
        }
        switch (status) {
            case 400: case 413: case 415: case 422: return new Validation(status, code, message, details, requestId, headers);
            case 401: return new Authentication(status, code, message, details, requestId, headers);
            case 403: return new Authorization(status, code, message, details, requestId, headers);
            case 404: return new NotFound(status, code, message, details, requestId, headers);
            case 405: return new MethodNotAllowed(status, code, message, details, requestId, headers);
            case 409: return new Conflict(status, code, message, details, requestId, headers);
            case 429: return new RateLimit(status, code, message, details, requestId, headers);
            case 503: return new ServiceUnavailable(status, code, message, details, requestId, headers);
            default:
                return status >= 500 ? new InternalServer(status, code, message, details, requestId, headers) : new MisoApiException(status, code, message, details, requestId, headers);
        }
    }

    /** 400/413/415/422 `VALIDATION_ERROR`: {@link #details()} lists the offending fields. */
    public static class Validation extends MisoApiException {
        private static final long serialVersionUID = 1L;
        Validation(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 401 `AUTHENTICATION_ERROR`: missing or bad token, or wrong client credentials. */
    public static class Authentication extends MisoApiException {
        private static final long serialVersionUID = 1L;
        Authentication(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 403 `AUTHORIZATION_ERROR`: the token lacks a permission the operation needs. */
    public static class Authorization extends MisoApiException {
        private static final long serialVersionUID = 1L;
        Authorization(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 404 `RESOURCE_NOT_FOUND`. */
    public static class NotFound extends MisoApiException {
        private static final long serialVersionUID = 1L;
        NotFound(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 405 `METHOD_NOT_ALLOWED`. */
    public static class MethodNotAllowed extends MisoApiException {
        private static final long serialVersionUID = 1L;
        MethodNotAllowed(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 409 `RESOURCE_CONFLICT`, e.g. an application name that is taken. */
    public static class Conflict extends MisoApiException {
        private static final long serialVersionUID = 1L;
        Conflict(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 429 `RATE_LIMIT_EXCEEDED`, after the retries ran out. */
    public static class RateLimit extends MisoApiException {
        private static final long serialVersionUID = 1L;
        RateLimit(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 503 `SERVICE_UNAVAILABLE`, after the retries ran out. */
    public static class ServiceUnavailable extends MisoApiException {
        private static final long serialVersionUID = 1L;
        ServiceUnavailable(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }

    /** 500 `INTERNAL_ERROR`, or any 5xx without an envelope. */
    public static class InternalServer extends MisoApiException {
        private static final long serialVersionUID = 1L;
        InternalServer(int s, String c, String m, JsonNode d, String r, HttpHeaders h) { super(s, c, m, d, r, h); }
    }
}
