"""The documentation the mock serves beside the API: Swagger UI and the spec itself."""

from __future__ import annotations

import httpx
from miso_mock.swagger_ui import _served_prefixes
from starlette.routing import Mount, Route, Router


async def _endpoint(_request: object) -> None:  # pragma: no cover - never called
    return None


def test_swagger_ui_and_the_spec_are_served(base_url: str) -> None:
    redirect = httpx.get(f"{base_url}/api/docs")
    assert redirect.status_code in (301, 302, 307) and redirect.headers["location"].endswith(
        "/api/docs/"
    )
    page = httpx.get(f"{base_url}/api/docs/")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert "/api/v1/openapi.json" in page.text
    assert httpx.get(f"{base_url}/api/docs/swagger-ui.css").status_code == 200
    spec = httpx.get(f"{base_url}/api/v1/openapi.json")
    assert spec.status_code == 200 and "/api/v1/applications" in spec.json()["paths"]


def test_paths_beside_the_docs_reach_the_api(base_url: str) -> None:
    answer = httpx.get(f"{base_url}/api/v1/applications")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "AUTHENTICATION_ERROR"
    unknown = httpx.get(f"{base_url}/api/docsx")
    assert unknown.status_code == 404 and "error" in unknown.json()


def test_served_prefixes_cover_every_route_and_give_up_on_unknown_shapes() -> None:
    inner = Router(
        routes=[Route("/spec.json", _endpoint), Mount("/ui", app=Router())], default=_endpoint
    )
    routes = [Mount("/base", app=inner), Route("/items/{item_id}", _endpoint)]
    assert _served_prefixes(routes) == ("/base/spec.json", "/base/ui", "/items/")
    # A mounted router that answers 404 itself serves everything under its mount.
    assert _served_prefixes([Mount("/all", app=Router(routes=[]))]) == ("/all",)
    assert _served_prefixes([object()]) is None
