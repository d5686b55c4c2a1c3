package ai.aifabrix.miso;

import java.net.http.HttpHeaders;

/** A call's parsed result together with the HTTP answer it came from. */
public final class RawResponse<T> {
    private final int statusCode;
    private final HttpHeaders headers;
    private final T data;

    RawResponse(int statusCode, HttpHeaders headers, T data) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.data = data;
    }

    public int statusCode() {
        return statusCode;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The server's request id (`X-Request-ID`), or null when it sent none. */
    public String requestId() {
        return headers.firstValue(Behaviour.REQUEST_ID_HEADER).orElse(null);
    }

    public T data() {
        return data;
    }
}
