"""How the SDK behaves on the wire.

Generated from clients/sdk-behaviour.json by `miso clients`: do not edit.
"""

MAX_RETRIES = 2
RETRY_STATUSES = frozenset({408, 429})
RETRY_SERVER_ERRORS = True
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
RETRY_JITTER = 0.25
RETRY_AFTER_MAX = 60.0
TIMEOUT = 60.0
DEBUG_ENV = "MISO_LOG"
DEBUG_VALUE = "debug"
REQUEST_ID_HEADER = "X-Request-ID"
USER_AGENT = "{sdk}/{version}"
REDACTED_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
REDACTED_FIELDS = frozenset({"access_token", "client_secret", "secret", "token"})
