// How the SDK behaves on the wire.
// Generated from clients/sdk-behaviour.json by `miso clients`: do not edit.

export const SDK_NAME = "aifabrix-miso-sdk";
export const SDK_VERSION = "1.0.0";
export const MAX_RETRIES = 2;
export const RETRY_STATUSES: readonly number[] = [408, 429];
export const RETRY_SERVER_ERRORS = true;
export const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];
export const INITIAL_RETRY_DELAY_SECONDS = 0.5;
export const MAX_RETRY_DELAY_SECONDS = 8.0;
export const RETRY_JITTER = 0.25;
export const RETRY_AFTER_MAX_SECONDS = 60.0;
export const TIMEOUT_SECONDS = 60.0;
export const DEBUG_ENV = "MISO_LOG";
export const DEBUG_VALUE = "debug";
export const REQUEST_ID_HEADER = "X-Request-ID";
export const USER_AGENT = "{sdk}/{version}";
export const REDACTED_HEADERS: readonly string[] = ["authorization", "cookie", "set-cookie", "proxy-authorization"];
export const REDACTED_FIELDS: readonly string[] = ["access_token", "client_secret", "secret", "token"];
