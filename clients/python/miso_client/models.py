"""The generated models (`miso_api_client.models`), so callers need only one import root."""

from miso_api_client.models import *  # noqa: F403
from miso_api_client.models import __all__ as __all__
