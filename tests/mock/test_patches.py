"""The mock's framework patches still fit the Connexion and uvicorn they were written against.

Each patch module lists the upstream functions and classes it replaces or leans on, with a
fingerprint of their source. An upgrade that changes one of them fails here, naming the patch to
re-read against the new code, instead of silently changing (or breaking) behaviour.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from types import ModuleType
from typing import Any

import pytest
from miso_mock.patches import connexion_operations, request_validation, uvicorn_protocol

PATCHES = [connexion_operations, request_validation, uvicorn_protocol]


def _upstream(name: str) -> Any:
    module_name, _, attribute = name.partition(":")
    found: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        found = (
            inspect.getattr_static(found, part) if inspect.isclass(found) else getattr(found, part)
        )
    return found.fget if isinstance(found, property) else found


def fingerprint(name: str) -> str:
    """A short hash of an upstream object's source (of its class names, for a list)."""
    found = _upstream(name)
    if isinstance(found, list):
        text = repr([item.__qualname__ for item in found])
    else:
        text = inspect.getsource(found)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize("patch", PATCHES, ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_upstream_code_the_patch_relies_on_is_unchanged(patch: ModuleType) -> None:
    assert patch.RELIES_ON, f"{patch.__name__} names nothing it relies on"
    changed = [name for name, known in patch.RELIES_ON.items() if fingerprint(name) != known]
    assert not changed, (
        f"{patch.__name__} was written against other versions of {', '.join(changed)}: "
        "re-read the patch against the new code, then update RELIES_ON"
    )


def test_a_changed_upstream_function_is_noticed() -> None:
    """The fingerprint tells two different functions apart (so the test above can fail)."""
    names = list(request_validation.RELIES_ON)
    assert fingerprint(names[0]) != fingerprint(names[1])


def test_the_mock_runs_with_every_patch_in_place() -> None:
    """The app the mock serves is built from the patched classes, not Connexion's own."""
    from miso_mock.app import CONNEXION_MIDDLEWARES, _connexion_app
    from miso_mock.options import MockOptions
    from miso_mock.runtime import Runtime

    app = _connexion_app(Runtime(MockOptions()))
    assert isinstance(app, connexion_operations.MisoAsyncApp)
    assert isinstance(app._middleware_app, connexion_operations._ASGIApp)
    assert request_validation.CachingRequestValidationMiddleware in CONNEXION_MIDDLEWARES
    assert issubclass(
        uvicorn_protocol.CoalescingHttpToolsProtocol,
        importlib.import_module("uvicorn.protocols.http.httptools_impl").HttpToolsProtocol,
    )
