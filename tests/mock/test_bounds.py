"""What clients send cannot grow the mock's memory or turn into a 500: header size, rate-limit
keys, token guessing, long integers, slow and idle connections."""

from __future__ import annotations

import base64
import json
import socket
import time

import httpx
import pytest
from miso_mock.rate_windows import RateWindows

from tests.mock.conftest import FAST, assert_envelope
from tests.support.servers import DEV_CLIENT, get_token, running_mock

HUGE_INTEGER = "1" * 5000
TOKEN_BODY = {
    "client_id": DEV_CLIENT[0],
    "client_secret": DEV_CLIENT[1],
    "grant_type": "client_credentials",
}


def test_a_5000_digit_integer_gets_a_400_with_or_without_a_token(api: httpx.Client) -> None:
    body = (
        '{"name": "n", "environment": "production", "configuration": {"replicas": '
        + HUGE_INTEGER
        + "}}"
    ).encode()
    json_type = {"Content-Type": "application/json"}
    for client_headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = httpx.post(
            f"{api.base_url}/api/v1/applications",
            content=body,
            headers={**json_type, **client_headers},
        )
        assert_envelope(response, 400, "VALIDATION_ERROR")
    authorised = api.post("/api/v1/applications", content=body, headers=json_type)
    assert_envelope(authorised, 400, "VALIDATION_ERROR")
    token = httpx.post(
        f"{api.base_url}/auth/token",
        content=f'{{"grant_type": "client_credentials", "client_id": {HUGE_INTEGER}}}',
        headers=json_type,
    )
    assert_envelope(token, 400, "VALIDATION_ERROR")
    query = api.get(f"/api/v1/applications?page={HUGE_INTEGER}")
    assert 400 <= query.status_code < 500 and query.json()["error"]["code"]


def test_headers_past_the_limit_get_431(base_url: str) -> None:
    response = httpx.get(
        f"{base_url}/api/v1/environments", headers={"Authorization": "Bearer " + "a" * 1024 * 1024}
    )
    assert_envelope(response, 431, "VALIDATION_ERROR")
    many = {f"X-Filler-{i}": "b" * 1000 for i in range(20)}
    assert_envelope(
        httpx.get(f"{base_url}/api/v1/environments", headers=many), 431, "VALIDATION_ERROR"
    )


def test_made_up_tokens_share_their_address_allowance() -> None:
    with running_mock(*FAST[2:], "--rate-limit", "5/3600") as url:
        codes = [
            httpx.get(
                f"{url}/api/v1/environments", headers={"Authorization": f"Bearer junk-{i}"}
            ).status_code
            for i in range(7)
        ]
    assert codes[:4] == [401] * 4 and 429 in codes[4:]  # start-up probe used one


def test_tokens_of_one_client_share_its_allowance() -> None:
    with running_mock(*FAST[2:], "--rate-limit", "4/3600") as url:
        tokens = [get_token(url) for _ in range(2)]  # counted for the address
        codes = [
            httpx.get(
                f"{url}/api/v1/environments", headers={"Authorization": f"Bearer {tokens[i % 2]}"}
            ).status_code
            for i in range(5)
        ]
    assert codes == [200, 200, 200, 200, 429]


def test_guessing_a_client_secret_is_limited_per_address_and_per_client() -> None:
    with running_mock(*FAST[2:], "--rate-limit", "6/3600") as url:
        # Wrong Basic credentials of a made-up client: only the address counts them.
        wrong = base64.b64encode(b"nobody:guess").decode()
        basic = [
            httpx.post(
                f"{url}/auth/token",
                data={"grant_type": "client_credentials"},
                headers={"Authorization": f"Basic {wrong}"},
            ).status_code
            for _ in range(7)
        ]
        assert basic == [401] * 6 + [429]
        # One guess from each of many loopback addresses: the client's own count stops them.
        codes = []
        for last in range(2, 10):
            transport = httpx.HTTPTransport(local_address=f"127.0.0.{last}")
            with httpx.Client(transport=transport) as client:
                body = {**TOKEN_BODY, "client_secret": "guess"}
                codes.append(client.post(f"{url}/auth/token", json=body).status_code)
        assert codes == [401] * 6 + [429] * 2


def test_rate_windows_stay_bounded_and_start_afresh() -> None:
    windows = RateWindows(limit=10, window=60, max_keys=100)
    for i in range(10_000):
        windows.hit(f"address:10.0.{i // 256}.{i % 256}", now=120.0)
    assert len(windows) == 100
    assert windows.hit("address:10.0.39.15", now=120.0).count == 2  # among the newest
    assert windows.hit("address:10.0.0.0", now=120.0).count == 1  # forgotten first
    assert windows.hit("address:10.0.39.15", now=180.0).count == 1  # a new window
    assert len(windows) == 1


@pytest.mark.parametrize("path", ["/api/v1/environments"])
def test_an_idle_connection_is_closed_by_the_mock(base_url: str, path: str) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(60)  # the mock closes it after its idle timeout, well before this
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 401")


def test_a_request_the_parser_cannot_read_gets_the_envelope(base_url: str) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(60)
        sock.sendall(b"NOT HTTP AT ALL\x00\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/json" in head.lower()
    error = json.loads(body)["error"]
    assert error["code"] == "VALIDATION_ERROR" and error["message"]
    assert f"x-request-id: {error['request_id']}".encode() in head.lower()


def test_an_expired_token_still_counts_for_its_client() -> None:
    with running_mock(*FAST[2:], "--rate-limit", "3/3600", "--token-ttl", "1") as url:
        token = get_token(url)  # counted for the address
        headers = {"Authorization": f"Bearer {token}"}
        fresh = httpx.get(f"{url}/api/v1/environments", headers=headers)
        # Counted for the client either way: on a busy machine the one-second token may
        # already have expired by the time this request is read, which is what is tested.
        assert fresh.status_code in (200, 401)
        assert fresh.headers["x-ratelimit-remaining"] == "2"
        time.sleep(2.1)  # the token lasts one second
        later = httpx.get(f"{url}/api/v1/environments", headers=headers)
    assert later.status_code == 401
    assert later.headers["x-ratelimit-remaining"] == "1"  # the client's count, not the address's


def _read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # opens a connection and says nothing
        b"GET /api/v1/environments HTTP/1.1\r\nHost: x\r\nX-Slow: ",  # a head never finished
        b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
    ],
    ids=["silent", "unfinished-head", "unfinished-body"],
)
def test_a_request_that_does_not_arrive_in_time_gets_408_and_is_closed(sent: bytes) -> None:
    with running_mock(*FAST[2:], "--read-timeout", "1") as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.settimeout(60)  # the mock gives up after its read timeout, well before this
            sock.sendall(sent)
            received = _read_until_closed(sock)
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), received
        assert json.loads(body)["error"]["message"]
        # The mock still answers everyone else.
        assert httpx.get(f"{url}/api/v1/openapi.json", timeout=30).status_code == 200


def test_the_read_timeout_must_be_a_positive_number() -> None:
    from miso_toolkit.mock import main

    with pytest.raises(SystemExit) as stopped:
        main(["--read-timeout", "0"])
    assert stopped.value.code == 2
