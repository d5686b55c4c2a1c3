/**
 * Server-sent events over `fetch`, and the deployment log stream built on them.
 *
 * `GET /api/v1/deployments/{id}/logs?follow=true` answers `text/event-stream`: one `log` event per
 * line (`data` is a JSON `LogEntry`), then one `end` event (`data` is `{"status": ...}`) when the
 * deployment has finished. `EventSource` cannot send an `Authorization` header, so this reads the
 * stream from `fetch` with a small parser that follows the WHATWG rules.
 */
import type { DeploymentStatus, LogEntry, operations } from "./generated/schema.js";

/** The events the contract lists for the stream (`log`, `end`). */
type LogStreamEvent = operations["getDeploymentLogs"]["responses"][200]["content"]["text/event-stream"];

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines, joined with newlines. */
  data: string;
  /** The `id:` field, when given. */
  id?: string;
  /** The `retry:` field (milliseconds), when given. */
  retry?: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Parse a byte stream of server-sent events; cancelling the iteration cancels the stream. */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  let first = true;
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;

  /** Apply one line; returns the event a blank line completes, if any. */
  const feed = (line: string): ServerSentEvent | undefined => {
    if (line === "") {
      const dispatched =
        data.length > 0
          ? {
              event: event || "message",
              data: data.join("\n"),
              ...(id === undefined ? {} : { id }),
              ...(retry === undefined ? {} : { retry }),
            }
          : undefined;
      event = "";
      data = [];
      retry = undefined;
      return dispatched;
    }
    if (line.startsWith(":")) return undefined; // a comment, e.g. a keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) id = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
    return undefined;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      for (;;) {
        const match = LINE_BREAK.exec(buffer);
        // A trailing CR may be the first half of a CRLF split across chunks: wait for more.
        if (match === null || (!done && match[0] === "\r" && match.index === buffer.length - 1)) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        const dispatched = feed(line);
        if (dispatched !== undefined) yield dispatched;
      }
      // At the end of the stream an incomplete event (no blank line after it) is dropped, as the
      // spec says.
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** The stream closed before its `end` event: the connection dropped or a proxy cut it. */
export class LogStreamInterruptedError extends Error {
  override name = "LogStreamInterruptedError";
}

/**
 * A deployment's log, live: iterate it with `for await` to get each `LogEntry` as it is written.
 * The iteration ends when the deployment does; `status` then holds its final status. Breaking out
 * of the loop closes the connection. Each iteration opens a new connection.
 */
export class LogStream implements AsyncIterable<LogEntry> {
  /** The deployment's final status, once the `end` event has arrived. */
  status: DeploymentStatus | undefined;
  readonly #open: () => Promise<ReadableStream<Uint8Array>>;

  constructor(open: () => Promise<ReadableStream<Uint8Array>>) {
    this.#open = open;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LogEntry, void, undefined> {
    const body = await this.#open();
    for await (const message of parseEventStream(body)) {
      const event = message.event as LogStreamEvent["event"];
      switch (event) {
        case "log":
          yield JSON.parse(message.data) as LogEntry;
          break;
        case "end":
          this.status = (JSON.parse(message.data) as { status: DeploymentStatus }).status;
          return;
        default:
          // An event the contract does not list (yet): a later server may send more; skip it.
          event satisfies never;
      }
    }
    throw new LogStreamInterruptedError("the log stream closed before the deployment ended");
  }

  /** Every entry until the deployment ends. */
  async toArray(): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    for await (const entry of this) entries.push(entry);
    return entries;
  }
}
