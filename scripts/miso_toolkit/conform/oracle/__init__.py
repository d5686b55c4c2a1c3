"""The mock as the oracle: every stateful scenario the oracle scripts from the spec's links,
and every one the Schemathesis stateful phase ran, is sent to the instance and to a fresh mock
in this process, and the two behaviours are compared once what legitimately differs is taken
out (`_normalise.py`). A difference is a `miso_oracle` finding; a step the instance could not
answer (busy, out of budget, refused for its own data) is only a note."""

from ._after_engine import RunView, after_engine
from ._compare_run import OracleOutcome, compare_with_oracle
from ._findings import CHECK
from ._replay import StatefulRecorder
from ._server import available
from ._settings import OracleSettings

__all__ = [
    "CHECK",
    "OracleOutcome",
    "OracleSettings",
    "RunView",
    "StatefulRecorder",
    "after_engine",
    "available",
    "compare_with_oracle",
]
