"""The stateful Miso mock server, served straight from the spec."""

from miso_mock.app import create_app
from miso_mock.options import MockOptions

__all__ = ["MockOptions", "create_app"]
