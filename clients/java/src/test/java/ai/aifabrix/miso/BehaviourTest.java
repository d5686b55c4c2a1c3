package ai.aifabrix.miso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aifabrix.miso.model.ApplicationList;

/**
 * The behaviours clients/sdk-behaviour.json describes, against real mocks started with
 * `--error-rate 1` (every answer a 503), `--latency` and `--rate-limit`.
 */
class BehaviourTest {
    private static final String LIST = "/api/v1/applications";

    @Test
    void everyRequestNamesTheSdkInItsUserAgent() {
        RecordingHttpClient http = new RecordingHttpClient();
        Mocks.client("PLAIN").httpClient(http).build().applications().list();
        for (RecordingHttpClient.Exchange exchange : http.exchanges) {
            String agent = exchange.request.headers().firstValue("User-Agent").orElse("");
            assertTrue(agent.startsWith("aifabrix-miso-java/"), agent);
        }
    }

    @Test
    void aGetIsRetriedOnServerErrorsAndTheErrorKeepsTheRequestId() {
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("FAILING").httpClient(http).build();
        MisoApiException.ServiceUnavailable error = assertThrows(MisoApiException.ServiceUnavailable.class,
                () -> client.environments().list());
        assertNotNull(error.requestId());
        // the token request (issuing one creates nothing) is repeated as often as a GET would be
        assertEquals(1 + Behaviour.MAX_RETRIES, http.to("POST", "/auth/token").size());
    }

    @Test
    void retriesAreConfigurablePerClientAndPerCall() {
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient none = Mocks.client("FAILING").httpClient(http).maxRetries(0).build();
        assertThrows(MisoApiException.ServiceUnavailable.class, () -> none.auth().token());
        assertEquals(1, http.exchanges.size());

        // a call may ask for more than its client's none
        RecordingHttpClient perCall = new RecordingHttpClient();
        MisoClient slow = Mocks.client("SLOW").httpClient(perCall).maxRetries(0).build();
        slow.auth().token();
        RequestOptions twice = RequestOptions.builder().timeout(Duration.ofMillis(50)).maxRetries(2).build();
        assertThrows(MisoTimeoutException.class, () -> slow.environments().withOptions(twice).list());
        assertEquals(3, perCall.to("GET", "/api/v1/environments").size());
    }

    @Test
    void aPostIsRetriedOnlyWhenTheConnectionWasNeverMade() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        RecordingHttpClient http = new RecordingHttpClient(deadPort);
        MisoClient client = Mocks.client("PLAIN").httpClient(http).build();
        assertThrows(MisoConnectionException.class, () -> client.applications().create(
                MisoClientTest.newApplication("never-sent")));
        assertEquals(1 + Behaviour.MAX_RETRIES, http.to("POST", LIST).size());
    }

    @Test
    void aPostAnsweredWithAServerErrorIsNotRepeated() {
        // The failing mock answers 503 to every request: a POST may have acted, so it is sent once.
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("FAILING").httpClient(http).build();
        assertTrue(Retry.retryableStatus(503, "GET", false));
        assertFalse(Retry.retryableStatus(503, "POST", false));
        assertTrue(Retry.retryableStatus(429, "POST", false));
        assertThrows(MisoApiException.class, () -> client.applications().create(
                MisoClientTest.newApplication("x")));
        assertTrue(http.to("POST", LIST).size() <= 1);
    }

    @Test
    void aSlowAnswerTimesOutPerCallAndIsRetriedForAGet() {
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("SLOW").httpClient(http).timeout(Duration.ofSeconds(30)).build();
        client.auth().token();
        RequestOptions hurried = RequestOptions.builder().timeout(Duration.ofMillis(50)).maxRetries(1).build();
        assertThrows(MisoTimeoutException.class, () -> client.environments().withOptions(hurried).list());
        assertEquals(2, http.to("GET", "/api/v1/environments").size());
        // the client's own timeout still applies to other calls
        assertNotNull(client.environments().list());
    }

    @Test
    void aRateLimitedGetWaitsAsRetryAfterSaysAndSucceeds() {
        // The limited mock allows 3 requests per 5 s window: within 8 calls one meets the limit
        // however slow the machine, and its retry waits out the window (Retry-After) and succeeds.
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("LIMITED").httpClient(http).maxRetries(5).build();
        for (int i = 0; i < 8 && http.exchanges.stream().noneMatch(e -> e.status == 429); i++) {
            assertNotNull(client.environments().list());
        }
        assertTrue(http.exchanges.stream().anyMatch(e -> e.status == 429), "the limit was never reached");
        assertNotNull(client.environments().list());
    }

    @Test
    void retryAfterIsHonouredAndBackoffIsJitteredAndCapped() {
        assertEquals(Duration.ofSeconds(1), Retry.delay(0, "1"));
        for (int attempt = 0; attempt < 10; attempt++) {
            Duration delay = Retry.delay(attempt, null);
            double ceiling = Math.min(Behaviour.MAX_RETRY_DELAY_SECONDS,
                    Behaviour.INITIAL_RETRY_DELAY_SECONDS * Math.pow(2, attempt));
            assertTrue(delay.toMillis() <= Math.round(ceiling * 1000));
            assertTrue(delay.toMillis() >= Math.round(ceiling * (1 - Behaviour.RETRY_JITTER) * 1000) - 1);
        }
        // a Retry-After beyond the cap falls back to the backoff
        assertTrue(Retry.delay(0, "3600").toMillis() <= Math.round(Behaviour.INITIAL_RETRY_DELAY_SECONDS * 1000));
    }

    @Test
    void perCallHeadersAndTheRawResponse() {
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("PLAIN").httpClient(http).build();
        RequestOptions tagged = RequestOptions.builder().header("X-Trace", "java-test").build();
        RawResponse<ApplicationList> raw = client.withRawResponse(
                c -> c.applications().withOptions(tagged).list());
        assertEquals(200, raw.statusCode());
        assertNotNull(raw.requestId());
        assertEquals(raw.requestId(), raw.headers().firstValue("X-Request-ID").orElseThrow());
        assertFalse(raw.data().getData().isEmpty());
        List<RecordingHttpClient.Exchange> sent = http.to("GET", LIST);
        assertEquals("java-test", sent.get(0).request.headers().firstValue("X-Trace").orElseThrow());
        // the view's options do not leak into the client
        client.applications().list();
        assertFalse(http.to("GET", LIST).get(1).request.headers().firstValue("X-Trace").isPresent());
    }

    @Test
    void theDebugLogIsOnlyOnWhenAskedAndRedactsTokens() {
        assertEquals(null, DebugLog.fromEnvironment(Map.of(), System.err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DebugLog log = DebugLog.fromEnvironment(Map.of(Behaviour.DEBUG_ENV, Behaviour.DEBUG_VALUE),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        RecordingHttpClient http = new RecordingHttpClient();
        MisoClient client = Mocks.client("PLAIN").httpClient(http).build();
        client.applications().list();
        RecordingHttpClient.Exchange sent = http.to("GET", LIST).get(0);
        String token = sent.request.headers().firstValue("Authorization").orElseThrow();
        log.request("GET", sent.request.uri().toString(), sent.request.headers(), 0);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[redacted]"), text);
        assertFalse(text.contains(token.substring("Bearer ".length())), text);
    }
}
