/**
 * Typed errors built from the API's error envelope, `{"error": {code, message, details, timestamp,
 * request_id}}`. There is one class per `ErrorCode` of the contract; the compiler insists on it
 * (`ERROR_CLASSES` is a `Record<ErrorCode, ...>`), so a code added to the spec cannot be forgotten.
 */
import type { ErrorCode, ErrorResponse, FieldError, RateLimitDetails } from "./generated/schema.js";

type ErrorBody = ErrorResponse["error"];

/** Anything the Miso API answered with a status that is not 2xx. */
export class MisoError extends Error {
  override name = "MisoError";
  /** HTTP status of the response. */
  readonly status: number;
  /** The envelope's `code`; undefined when the response carried no envelope (a proxy's 502, say). */
  readonly code: ErrorCode | undefined;
  /** Field errors for validation errors, the limit for rate-limit errors; absent otherwise. */
  readonly details: FieldError[] | RateLimitDetails | undefined;
  /** The envelope's `request_id`, else the `X-Request-ID` header: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** When the server produced the error (ISO 8601), if it said. */
  readonly timestamp: string | undefined;
  /** The response's headers (rate-limit state, `Retry-After`, ...). */
  readonly headers: Headers;
  /** The parsed body as received: the envelope, or whatever text came instead. */
  readonly body: unknown;

  constructor(status: number, body: unknown, headers: Headers) {
    const envelope = errorBodyOf(body);
    super(envelope?.message ?? `HTTP ${status}${typeof body === "string" && body ? `: ${body.slice(0, 200)}` : ""}`);
    this.status = status;
    this.code = envelope?.code;
    this.details = envelope?.details;
    this.requestId = envelope?.request_id ?? headers.get("X-Request-ID") ?? undefined;
    this.timestamp = envelope?.timestamp;
    this.headers = headers;
    this.body = body;
  }
}

/** `VALIDATION_ERROR`: malformed input (400), too large (413), wrong media type (415), or a broken platform rule (422). */
export class ValidationError extends MisoError {
  override name = "ValidationError";
  /** The offending fields, when the server named them. */
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.details) ? this.details : [];
  }
}

/** `AUTHENTICATION_ERROR` (401): missing, bad or expired token, or wrong client credentials. */
export class AuthenticationError extends MisoError {
  override name = "AuthenticationError";
}

/** `AUTHORIZATION_ERROR` (403): the token lacks a permission the operation needs. */
export class AuthorizationError extends MisoError {
  override name = "AuthorizationError";
}

/** `RESOURCE_NOT_FOUND` (404). */
export class NotFoundError extends MisoError {
  override name = "NotFoundError";
}

/** `METHOD_NOT_ALLOWED` (405). */
export class MethodNotAllowedError extends MisoError {
  override name = "MethodNotAllowedError";
}

/** `RESOURCE_CONFLICT` (409): for example an application name that is already taken. */
export class ConflictError extends MisoError {
  override name = "ConflictError";
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), if there is one. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get("Retry-After");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** `RATE_LIMIT_EXCEEDED` (429): wait `retryAfter` seconds before the next request. */
export class RateLimitError extends MisoError {
  override name = "RateLimitError";
  /** Seconds to wait, from `Retry-After`. */
  get retryAfter(): number | undefined {
    return retryAfterSeconds(this.headers);
  }
  /** The limit, what remains of it and when it resets, from the envelope's details. */
  get rateLimit(): RateLimitDetails | undefined {
    return this.details !== undefined && !Array.isArray(this.details) ? this.details : undefined;
  }
}

/** `INTERNAL_ERROR` (500): the server failed; the request may be retried. */
export class InternalServerError extends MisoError {
  override name = "InternalServerError";
}

/** `SERVICE_UNAVAILABLE` (503): retry later, after `retryAfter` seconds when the server says. */
export class ServiceUnavailableError extends MisoError {
  override name = "ServiceUnavailableError";
  get retryAfter(): number | undefined {
    return retryAfterSeconds(this.headers);
  }
}

type ErrorClass = new (status: number, body: unknown, headers: Headers) => MisoError;

const ERROR_CLASSES: Record<ErrorCode, ErrorClass> = {
  VALIDATION_ERROR: ValidationError,
  AUTHENTICATION_ERROR: AuthenticationError,
  AUTHORIZATION_ERROR: AuthorizationError,
  RESOURCE_NOT_FOUND: NotFoundError,
  METHOD_NOT_ALLOWED: MethodNotAllowedError,
  RESOURCE_CONFLICT: ConflictError,
  RATE_LIMIT_EXCEEDED: RateLimitError,
  INTERNAL_ERROR: InternalServerError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
};

/** The envelope's inner object, if `body` is an error envelope at all. */
function errorBodyOf(body: unknown): ErrorBody | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const inner: unknown = body.error;
  if (typeof inner !== "object" || inner === null) return undefined;
  if (!("code" in inner) || typeof inner.code !== "string") return undefined;
  if (!("message" in inner) || typeof inner.message !== "string") return undefined;
  return inner as ErrorBody;
}

/** The error to throw for a non-2xx response whose body was parsed into `body`. */
export function errorFromResponse(response: Response, body: unknown): MisoError {
  const code = errorBodyOf(body)?.code;
  const Class = code !== undefined && Object.hasOwn(ERROR_CLASSES, code) ? ERROR_CLASSES[code] : MisoError;
  return new Class(response.status, body, response.headers);
}

/** A webhook payload whose `X-Miso-Signature` does not match its body under the secret. */
export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}
