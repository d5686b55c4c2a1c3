"""Tokens, their validation, discovery, and the 401/403 matrix on every protected operation."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.mock._requests import example_request, protected_operations
from tests.mock.conftest import FAST, assert_envelope
from tests.support.servers import DEV_CLIENT, VIEWER_CLIENT, get_token, running_mock

TOKEN_BODY = {
    "client_id": DEV_CLIENT[0],
    "client_secret": DEV_CLIENT[1],
    "grant_type": "client_credentials",
    "scope": "api",
}
OPERATIONS = protected_operations()


def test_token_as_json_carries_the_documented_claims(base_url: str) -> None:
    response = httpx.post(f"{base_url}/auth/token", json=TOKEN_BODY)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and body["scope"] == "api"
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "RS256"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert {"iss", "sub", "aud", "exp", "iat", "scope", "permissions"} <= set(claims)
    assert claims["sub"] == "user-456"
    assert set(claims["permissions"]) == {"miso:read", "miso:write", "miso:delete", "miso:admin"}


def test_token_as_rfc6749_form_and_with_basic_credentials(base_url: str) -> None:
    form = httpx.post(f"{base_url}/auth/token", data=TOKEN_BODY)
    assert form.status_code == 200, form.text
    basic = base64.b64encode(f"{VIEWER_CLIENT[0]}:{VIEWER_CLIENT[1]}".encode()).decode()
    response = httpx.post(
        f"{base_url}/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text
    claims = jwt.decode(response.json()["access_token"], options={"verify_signature": False})
    assert claims["permissions"] == ["miso:read"]


def test_wrong_credentials_get_401_and_other_grants_400(base_url: str) -> None:
    wrong = httpx.post(f"{base_url}/auth/token", json={**TOKEN_BODY, "client_secret": "nope"})
    assert_envelope(wrong, 401, "AUTHENTICATION_ERROR")
    grant = httpx.post(f"{base_url}/auth/token", json={**TOKEN_BODY, "grant_type": "password"})
    error = assert_envelope(grant, 400, "VALIDATION_ERROR")
    assert error["details"][0]["field"] == "grant_type"


def test_standard_jwt_library_verifies_tokens_through_discovery(base_url: str, token: str) -> None:
    discovery = httpx.get(f"{base_url}/.well-known/openid-configuration").json()
    assert discovery["token_endpoint"] == f"{base_url}/auth/token"
    keys = jwt.PyJWKClient(discovery["jwks_uri"])
    signing_key = keys.get_signing_key_from_jwt(token)
    claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], audience="miso-api")
    assert claims["iss"] == discovery["issuer"]


def test_validate_says_what_a_token_carries(base_url: str, token: str) -> None:
    valid = httpx.post(f"{base_url}/auth/validate", json={"token": token}).json()
    assert valid["valid"] is True and valid["claims"]["sub"] == "user-456"
    invalid = httpx.post(f"{base_url}/auth/validate", json={"token": "not.a.token"}).json()
    assert invalid["valid"] is False and invalid["error"]


def _forged_tokens(real: str) -> dict[str, str]:
    claims = jwt.decode(real, options={"verify_signature": False})
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header = jwt.get_unverified_header(real)

    def unsigned(alg: str) -> str:
        encode = lambda part: base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=")  # noqa: E731
        return b".".join([encode({"alg": alg, "typ": "JWT"}), encode(claims), b""]).decode()

    return {
        "wrong signature": jwt.encode(claims, other_key, algorithm="RS256", headers=header),
        "alg none": unsigned("none"),
        "malformed": "abc.def",
        "tampered claims": real.rsplit(".", 2)[0]
        + "."
        + base64.urlsafe_b64encode(json.dumps({**claims, "permissions": ["miso:admin"]}).encode())
        .rstrip(b"=")
        .decode()
        + "."
        + real.rsplit(".", 1)[1],
    }


@pytest.fixture(scope="module")
def expired_token() -> Iterator[tuple[str, str]]:
    """A mock whose tokens last one second, and a token of it that has run out."""
    with running_mock(*FAST, "--token-ttl", "1") as url:
        token = httpx.post(f"{url}/auth/token", json=TOKEN_BODY).json()["access_token"]
        time.sleep(2.1)
        yield url, token


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_every_protected_operation_rejects_bad_tokens(
    base_url: str, token: str, op, expired_token: tuple[str, str]
) -> None:
    request = example_request(op)
    with httpx.Client(base_url=base_url) as client:
        missing = client.request(**request)
        assert_envelope(missing, 401, "AUTHENTICATION_ERROR")
        for label, forged in _forged_tokens(token).items():
            response = client.request(**request, headers={"Authorization": f"Bearer {forged}"})
            assert response.status_code == 401, label
            assert_envelope(response, 401, "AUTHENTICATION_ERROR")
        basic = client.request(**request, headers={"Authorization": "Basic bWlzby1kZXY6eA=="})
        assert_envelope(basic, 401, "AUTHENTICATION_ERROR")
    url, expired = expired_token
    with httpx.Client(base_url=url) as client:
        response = client.request(**request, headers={"Authorization": f"Bearer {expired}"})
        error = assert_envelope(response, 401, "AUTHENTICATION_ERROR")
        assert "expired" in error["message"]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_permissions_decide_403_per_operation(
    base_url: str, token: str, viewer_token: str, op
) -> None:
    request = example_request(op)
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    with httpx.Client(base_url=base_url) as client:
        viewer = client.request(**request, headers={"Authorization": f"Bearer {viewer_token}"})
        if set(op.permissions) <= {"miso:read"}:
            assert viewer.status_code not in (401, 403), viewer.text
        else:
            assert_envelope(viewer, 403, "AUTHORIZATION_ERROR")
        dev = client.request(**request, headers={"Authorization": f"Bearer {token}"})
        assert dev.status_code not in (401, 403), dev.text
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()


def test_a_token_from_another_issuer_is_refused_even_when_signed_with_the_key() -> None:
    from miso_mock.auth import DEV_CLIENTS, Authority, TokenError

    authority = Authority("http://127.0.0.1:8080")
    real = authority.issue(DEV_CLIENTS[0], "api")["access_token"]
    claims = jwt.decode(real, options={"verify_signature": False})
    foreign = jwt.encode(
        {**claims, "iss": "https://elsewhere.example"},
        authority._key,  # the mock's own signing key: only the issuer differs
        algorithm="RS256",
        headers={"kid": authority.kid},
    )
    assert authority.verify(real)["iss"] == "http://127.0.0.1:8080"
    with pytest.raises(TokenError, match="issuer"):
        authority.verify(foreign)


def test_the_host_header_never_reaches_tokens_or_discovery(base_url: str) -> None:
    evil = {"Host": "attacker.example:8443"}
    issued = httpx.post(f"{base_url}/auth/token", json=TOKEN_BODY, headers=evil)
    assert issued.status_code == 200, issued.text
    claims = jwt.decode(issued.json()["access_token"], options={"verify_signature": False})
    assert claims["iss"] == base_url
    discovery = httpx.get(f"{base_url}/.well-known/openid-configuration", headers=evil).json()
    assert discovery["issuer"] == base_url
    assert discovery["jwks_uri"] == f"{base_url}/.well-known/jwks.json"
    assert all("attacker" not in str(value) for value in discovery.values())


def test_public_url_names_the_issuer() -> None:
    with running_mock(*FAST, "--public-url", "https://mock.team.example/") as url:
        issued = httpx.post(f"{url}/auth/token", json=TOKEN_BODY).json()["access_token"]
        claims = jwt.decode(issued, options={"verify_signature": False})
        assert claims["iss"] == "https://mock.team.example"
        discovery = httpx.get(f"{url}/.well-known/openid-configuration").json()
        assert discovery["jwks_uri"] == "https://mock.team.example/.well-known/jwks.json"
        headers = {"Authorization": f"Bearer {issued}"}
        ok = httpx.get(f"{url}/api/v1/environments", headers=headers)
        assert ok.status_code == 200
        # Links in answers start with the public URL too, whatever Host the client sent.
        deployment = httpx.get(
            f"{url}/api/v1/deployments/deploy-789", headers={**headers, "Host": "attacker.example"}
        ).json()
        assert deployment["logs"] == "https://mock.team.example/api/v1/deployments/deploy-789/logs"


def test_without_a_public_url_links_name_the_host_used_if_it_is_a_host(base_url: str) -> None:
    headers = {"Authorization": f"Bearer {get_token(base_url)}"}
    path = "/api/v1/deployments/deploy-789"
    used = httpx.get(f"{base_url}{path}", headers={**headers, "Host": "localhost:5173"}).json()
    assert used["logs"] == f"http://localhost:5173{path}/logs"
    junk = {**headers, "Host": "a.example/<script>"}
    made_up = httpx.get(f"{base_url}{path}", headers=junk).json()
    assert made_up["logs"] == f"{base_url}{path}/logs"
