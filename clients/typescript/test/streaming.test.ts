/** The server-sent-events parser and LogStream, on hand-made byte streams. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { LogStream, LogStreamInterruptedError, parseEventStream, type ServerSentEvent } from "aifabrix-miso-sdk";

/** A byte stream that delivers `chunks` one by one. */
function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseEventStream(stream)) events.push(event);
  return events;
}

describe("parseEventStream", () => {
  test("events, default type, multi-line data, comments, id and retry", async () => {
    const events = await collect(
      streamOf(": keep-alive\n\nevent: log\ndata: {\"a\": 1}\n\ndata: line one\ndata: line two\nid: 7\nretry: 3000\n\n"),
    );
    assert.deepEqual(events, [
      { event: "log", data: '{"a": 1}' },
      { event: "message", data: "line one\nline two", id: "7", retry: 3000 },
    ]);
  });

  test("CRLF and CR line endings, even split across chunks", async () => {
    const events = await collect(streamOf("event: a\r", "\ndata: 1\r\n\r", "\nevent: b\rdata: 2\r\r"));
    assert.deepEqual(events, [
      { event: "a", data: "1" },
      { event: "b", data: "2" },
    ]);
  });

  test("a multi-byte character split across chunks, and a leading BOM", async () => {
    const bytes = new TextEncoder().encode("\uFEFFdata: café ✓\n\n");
    const events = await collect(streamOf(bytes.slice(0, 10), bytes.slice(10, 13), bytes.slice(13)));
    assert.deepEqual(events, [{ event: "message", data: "café ✓" }]);
  });

  test("an event without its blank line at the end of the stream is dropped", async () => {
    assert.deepEqual(await collect(streamOf("data: complete\n\ndata: incomplete\n")), [{ event: "message", data: "complete" }]);
  });

  test("no space after the colon, and a field without a colon", async () => {
    assert.deepEqual(await collect(streamOf("event:x\ndata:1\ndata\n\n")), [{ event: "x", data: "1\n" }]);
  });
});

describe("LogStream", () => {
  const log = (message: string) =>
    `event: log\ndata: ${JSON.stringify({ timestamp: "2024-01-15T10:30:00Z", level: "info", message, source: "miso-controller" })}\n\n`;

  test("yields LogEntry objects, skips other events, records the final status", async () => {
    const stream = new LogStream(async () =>
      streamOf(log("one"), ": keep-alive\n\n", "event: progress\ndata: 50\n\n", log("two"), 'event: end\ndata: {"status": "success"}\n\n'),
    );
    const messages: string[] = [];
    for await (const entry of stream) messages.push(entry.message);
    assert.deepEqual(messages, ["one", "two"]);
    assert.equal(stream.status, "success");
  });

  test("a stream that closes before `end` throws LogStreamInterruptedError", async () => {
    const stream = new LogStream(async () => streamOf(log("one")));
    await assert.rejects(stream.toArray(), LogStreamInterruptedError);
    assert.equal(stream.status, undefined);
  });

  test("breaking out cancels the underlying stream", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(log("one")));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of new LogStream(async () => body)) break;
    assert.equal(cancelled, true);
  });
});
