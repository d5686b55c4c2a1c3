"""Where the mock changes how its frameworks work inside, and nowhere else.

Each module subclasses a Connexion or uvicorn internal to do per-operation work once, or to
write less; none changes what is validated or answered. They rely on internals an upgrade may
change, so `tests/mock/test_patches.py` fingerprints every upstream function each one replaces
or leans on and fails, naming the patch, when one of them changes.

- `connexion_operations`: each handler's decorator chain built once per operation.
- `request_validation`: Connexion's request validation with its validators built once.
- `uvicorn_protocol`: a response's head and body sent in one write.
"""

from miso_mock.patches.connexion_operations import MisoAsyncApp
from miso_mock.patches.request_validation import CachingRequestValidationMiddleware
from miso_mock.patches.uvicorn_protocol import CoalescingHttpToolsProtocol, CoalescingTransport

__all__ = [
    "CachingRequestValidationMiddleware",
    "CoalescingHttpToolsProtocol",
    "CoalescingTransport",
    "MisoAsyncApp",
]
