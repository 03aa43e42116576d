"""CORS as the original dashboard needs it: it calls the API from another origin, with an
`X-FluxOS` header and a multipart upload. By default the pages of this machine are allowed (a
locally served dashboard), without credentials, and no other site: a page that may call the API
may pay through it."""

from __future__ import annotations

import httpx
import pytest

ORIGIN = "http://127.0.0.1:5173"


@pytest.mark.parametrize("path", ["/api/orchestrate", "/api/upload_intent", "/api/execute_payment"])
def test_preflight_allows_the_dashboard(client: httpx.Client, path: str) -> None:
    r = client.options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-fluxos,idempotency-key",
        },
    )
    assert r.status_code in (200, 204), r.text
    allowed_origin = r.headers.get("access-control-allow-origin")
    assert allowed_origin in ("*", ORIGIN)
    assert "POST" in r.headers.get("access-control-allow-methods", "").upper()
    allowed = r.headers.get("access-control-allow-headers", "").lower()
    assert allowed == "*" or {"content-type", "x-fluxos", "idempotency-key"} <= {h.strip() for h in allowed.split(",")}
    # No credentials with a wildcard.
    assert r.headers.get("access-control-allow-credentials") != "true"


def test_simple_requests_carry_the_allow_origin_header(client: httpx.Client) -> None:
    r = client.post(
        "/api/orchestrate",
        json={"prompt": "24 energy drinks", "budget": 500},
        headers={"Origin": ORIGIN, "X-FluxOS": "dashboard"},
    )
    assert r.status_code == 200
    assert r.headers.get("access-control-allow-origin") in ("*", ORIGIN)


def test_errors_carry_it_too(client: httpx.Client) -> None:
    # A browser can only read a 4xx body it is allowed to read.
    r = client.post("/api/orchestrate", json={"prompt": "", "budget": 500}, headers={"Origin": ORIGIN})
    assert r.status_code == 422
    assert r.headers.get("access-control-allow-origin") in ("*", ORIGIN)
    r = client.post("/api/execute_payment", json=[{"vendor_id": "nobody", "price": 1}], headers={"Origin": ORIGIN})
    assert r.status_code in (403, 422)
    assert r.headers.get("access-control-allow-origin") in ("*", ORIGIN)


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost.evil.example", "http://127.0.0.1.nip.io", "null"])
def test_no_other_site_may_call_by_default(client: httpx.Client, origin: str) -> None:
    # With `*` a page on any site passed the preflight and paid from the visitor's server.
    r = client.options(
        "/api/execute_payment",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,idempotency-key"},
    )
    assert r.headers.get("access-control-allow-origin") not in ("*", origin), r.headers
    r = client.post("/api/orchestrate", json={"prompt": "24 energy drinks", "budget": 500}, headers={"Origin": origin})
    assert r.headers.get("access-control-allow-origin") not in ("*", origin), r.headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io"])
def test_another_host_name_is_refused(client: httpx.Client, host: str) -> None:
    # DNS rebinding: a site whose name was pointed at this machine is same-origin to the browser,
    # so no CORS stands in its way; its Host header is what tells it apart.
    for method, path in [("POST", "/api/execute_payment"), ("POST", "/api/orchestrate"), ("GET", "/")]:
        r = client.request(method, path, json=[] if method == "POST" else None, headers={"Host": host})
        assert r.status_code == 403, (path, r.status_code, r.text)
        assert r.json()["code"] == "UNTRUSTED_HOST"
