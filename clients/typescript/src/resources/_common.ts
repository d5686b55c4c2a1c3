/** What every namespace method shares. */
import type { operations } from "../generated/schema.js";

/** Options every call accepts. */
export interface RequestOptions {
  /** Abort the request (and, for log streams, close the connection). */
  signal?: AbortSignal;
}

/** The query parameters of an operation, as the contract defines them. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

/** A list's query parameters without `page`, for iterating every page. */
export type WithoutPage<Q> = Omit<Q, "page">;
