/** What every namespace method shares. */
import type { operations } from "../generated/schema.js";

/** Options every call accepts; unset ones fall back to the client's (or its `withOptions` view's). */
export interface RequestOptions {
  /** Abort the request (and, for log streams, close the connection). */
  signal?: AbortSignal;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Milliseconds to wait for each attempt's answer. */
  timeout?: number;
  /** Retries after the first attempt (0 turns them off for this call). */
  maxRetries?: number;
}

/** The query parameters of an operation, as the contract defines them. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

/** A list's query parameters without `page`, for iterating every page. */
export type WithoutPage<Q> = Omit<Q, "page">;
