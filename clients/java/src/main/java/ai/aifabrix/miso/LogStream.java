package ai.aifabrix.miso;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aifabrix.miso.client.ApiException;
import ai.aifabrix.miso.model.LogEntry;

/**
 * Followed deployment logs: the server-sent-event stream read as {@link LogEntry} models. The
 * stream is `log` events (each a JSON LogEntry) and one final `end` event carrying the
 * deployment's status, kept as {@link #status()} once iteration stops.
 */
public final class LogStream implements Iterable<LogEntry>, AutoCloseable {
    private final BufferedReader reader;
    private final ObjectMapper json;
    private String status;

    private LogStream(InputStream body, ObjectMapper json) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.json = json;
    }

    /** Send the request `operation` would send, asking for the event stream instead. */
    static LogStream open(MisoClient client, RequestOptions options, MisoClient.ApiCall<?> operation) {
        // The generated operation builds the request (path, query); the transport keeps it unsent.
        Transport.Call capture = new Transport.Call(options, true, true, true);
        try {
            client.callWith(capture, operation);
        } catch (MisoConnectionException expected) {
            if (!(expected.getCause() instanceof Transport.Captured)) {
                throw expected;
            }
        }
        HttpRequest request = HttpRequest.newBuilder(capture.captured, (name, value) -> !name.equalsIgnoreCase("accept"))
                .header("Accept", "text/event-stream")
                .build();
        Transport.Call call = new Transport.Call(options, true, true, false);
        HttpResponse<InputStream> response = client.callWith(call, () -> {
            try {
                return client.transport().send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException failure) {
                throw new ApiException(failure);
            } catch (InterruptedException failure) {
                Thread.currentThread().interrupt();
                throw new ApiException(failure);
            }
        });
        if (response.statusCode() != 200) {
            String body;
            try (InputStream stream = response.body()) {
                body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException failure) {
                body = null;
            }
            throw MisoApiException.from(response.statusCode(), response.headers(), body);
        }
        return new LogStream(response.body(), client.api().getObjectMapper());
    }

    /** The deployment's final status once the stream ended; null before. */
    public String status() {
        return status;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing an abandoned stream: nothing left to report
        }
    }

    @Override
    public Iterator<LogEntry> iterator() {
        return new Iterator<LogEntry>() {
            private LogEntry next;

            @Override
            public boolean hasNext() {
                if (next == null && status == null) {
                    next = readEntry();
                }
                return next != null;
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LogEntry entry = next;
                next = null;
                return entry;
            }
        };
    }

    /** The next `log` event's entry; null when the stream ended (status set) or closed. */
    private LogEntry readEntry() {
        String event = "";
        List<String> data = new ArrayList<>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data.isEmpty()) {
                        event = "";
                        continue;
                    }
                    String payload = String.join("\n", data);
                    if ("end".equals(event)) {
                        status = json.readTree(payload).path("status").asText();
                        close();
                        return null;
                    }
                    if ("log".equals(event)) {
                        return json.readValue(payload, LogEntry.class);
                    }
                    event = "";
                    data.clear();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String name = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    if (name.equals("event")) {
                        event = value;
                    } else if (name.equals("data")) {
                        data.add(value);
                    }
                }
            }
            return null;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
