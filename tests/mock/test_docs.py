"""The documentation the mock serves beside the API: Swagger UI and the spec itself."""

from __future__ import annotations

import gzip
import json

import httpx
import miso_contract
import yaml
from miso_mock.auth import DEV_CLIENTS
from miso_mock.swagger_ui import _served_prefixes
from starlette.routing import Mount, Route, Router

from tests.support.servers import REPO_ROOT


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


def test_the_served_spec_is_the_bundle_with_its_refs_and_this_mock_first(base_url: str) -> None:
    bundle = miso_contract.bundle().document
    spec = httpx.get(f"{base_url}/api/v1/openapi.json").json()
    assert spec["servers"][0]["url"] == base_url
    assert spec["servers"][1:] == bundle["servers"]
    assert {key: value for key, value in spec.items() if key != "servers"} == json.loads(
        json.dumps({key: value for key, value in bundle.items() if key != "servers"})
    )
    ref = spec["paths"]["/api/v1/applications"]["get"]["responses"]["200"]
    assert ref["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApplicationList"
    }
    as_yaml = yaml.safe_load(httpx.get(f"{base_url}/api/v1/openapi.yaml").text)
    assert as_yaml["servers"][0]["url"] == base_url and as_yaml["paths"] == spec["paths"]


def test_the_served_spec_is_gzipped_when_asked_and_revalidates(base_url: str) -> None:
    url = f"{base_url}/api/v1/openapi.json"
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with httpx.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as zipped:
        raw = b"".join(zipped.iter_raw())
        assert zipped.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in zipped.headers["vary"]
    assert gzip.decompress(raw) == plain.content and len(raw) < len(plain.content) / 4
    etag = plain.headers["etag"]
    again = httpx.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


def test_a_host_header_that_is_no_host_does_not_reach_the_servers(base_url: str) -> None:
    spec = httpx.get(f"{base_url}/api/v1/openapi.json", headers={"Host": 'evil"/><script>'}).json()
    assert spec["servers"][0]["url"] == base_url  # the address the mock listens on instead


def test_the_docs_page_prefills_the_dev_client_and_keeps_authorization(base_url: str) -> None:
    page = httpx.get(f"{base_url}/api/docs/").text
    dev = DEV_CLIENTS[0]
    assert f'"clientId": "{dev.client_id}"' in page
    assert f'"clientSecret": "{dev.secret}"' in page
    assert "persistAuthorization: true" in page
    assert '"sdkIndex": "/api/sdk/"' in page


def test_the_sdk_listing_offers_each_sdk_of_the_checkout(base_url: str) -> None:
    listing = httpx.get(f"{base_url}/api/sdk/").json()["sdks"]
    names = {sdk["name"] for sdk in listing}
    markers = ("pyproject.toml", "package.json", "README.md")  # a package, or a documented SDK
    sources = [p for p in (REPO_ROOT / "clients").iterdir() if p.is_dir()]
    assert names == {p.name for p in sources if any((p / m).is_file() for m in markers)}
    for sdk in listing:
        urls = [file["url"] for file in sdk["files"]]
        assert urls and all(url.startswith(f"{base_url}/api/sdk/{sdk['name']}/") for url in urls)
        assert sdk["files"][0]["url"] in sdk["install"]
        if not urls[0].endswith(".tar.gz"):  # a source archive's usage is its README
            assert base_url in sdk["usage"]


def test_sdk_downloads_answer_unknown_files_and_methods_in_the_envelope(base_url: str) -> None:
    missing = httpx.get(f"{base_url}/api/sdk/python/nothing.whl")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
    unknown = httpx.get(f"{base_url}/api/sdk/cobol/x.tgz")
    assert unknown.status_code == 404 and "python" in unknown.json()["error"]["message"]
    posted = httpx.post(f"{base_url}/api/sdk/")
    assert posted.status_code == 405 and posted.headers["allow"] == "GET, HEAD"
