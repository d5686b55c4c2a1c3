"""`miso proxy`: check a live instance's real traffic against the contract.

Every request is forwarded unchanged and every exchange judged with the checks `miso conform`
uses (the Schemathesis response checks and the Miso rules that traffic can show) plus request
validation; the findings go to the same reports. The public surface: `main` (the sub-command)
and `Proxy` (one session, as the benchmark and the tests build it).
"""

from ._cli import main
from ._proxy import Proxy

__all__ = ["Proxy", "main"]
