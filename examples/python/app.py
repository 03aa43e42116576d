"""The seed's HTTP API served by the Flux kernel through `fluxos` (FastAPI).

Run:  uvicorn app:app --app-dir examples/python --port 8000      (then open /docs)

Contract (docs/ARCHITECTURE.md, "The HTTP contract the example servers keep"):

    GET  /                      {"status": "online", ...}
    POST /api/orchestrate       UserRequest -> {"options": [line...], "telemetry": {...}, ...}; 422 on a bad body
    POST /api/upload_intent     multipart `file` (a shopping list: text, Markdown, CSV, PDF, image; <= 5 MB),
                                ?budget=..&strategy=..&deadline_days=.. -> the same answer as orchestrate;
                                413 too large, 415 unsupported (or an image without a vision model), 422 otherwise
    POST /api/execute_payment   [line...] (+ Idempotency-Key, X-Flux-Approval) -> {"status", "logs", "transaction_hashes", ...};
                                a replay of a settled key answers the recorded settlement with Idempotent-Replayed: true;
                                403 {"detail": "Policy Violation: ..."} when the policy denies (nothing is signed): a line
                                that is not the kernel's own quote, or a cart above the approval threshold without a
                                valid, unused signed approval (X-Flux-Approval: its JSON; 422 when it is not JSON of one)

Every route's answer — success or error, status, body and headers — comes from the kernel's HTTP
module (`flux_core::http::serve`, through `fluxos._flux.http_serve`), which reads the query, the
headers and the multipart form itself: this app only moves bytes, so it answers byte for byte as the
Rust example does, with the same stable error codes. The pydantic models below document the bodies
in /docs; the kernel validates them.

Amounts on the wire. Requests may carry amounts as JSON numbers or strings; the kernel reads the
exact text of the number token from the raw body (never through a float). Responses carry amounts
as JSON *numbers whose text is the exact decimal* (`"price": 12.5`, `"total": 45.123456`), so the
seed's dashboard (which does arithmetic and `toFixed` on them) keeps working and no digit is ever
rounded by this server. Clients that want exact strings (as in the kernel's canonical JSON) ask
with `?amounts=string`.

Configuration: one file named by FLUX_CONFIG (TOML or JSON, the kernel's `FluxConfig`; its schema
is `fluxos.config_schema()`), with FLUX_SETTLER, FLUX_POLICY, FLUX_CATALOGS, FLUX_PARSER,
FLUX_CHAIN, FLUX_RPC_URL, FLUX_KEY_ENV and FLUX_JOURNAL over it; without any, the embedded defaults
(offline parser, demo policy, sandbox settlement). Keys are never passed here: an EVM settler
reads its key from an environment variable it is told the *name* of.

CORS: browsers on other origins may call the API (the original dashboard does, with an `X-FluxOS`
header and a multipart upload). FLUX_CORS_ORIGINS lists the allowed origins (comma-separated;
`*` allows any, without credentials); by default only this machine's own pages (localhost,
127.0.0.1, [::1], any port) may call it.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Any, Literal, Optional, Union

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

import fluxos
from fluxos import _flux


flux = fluxos.Flux.from_env()

app = FastAPI(
    title="Flux OS",
    version=fluxos.__version__,
    description="Deterministic agentic commerce: intent -> optimal cart -> policy -> settlement. Served by the Flux kernel.",
)

# Which pages may call the API: a page an origin serves may plan and pay through it, so by default
# only this machine's own (localhost, 127.0.0.1, [::1], any port); FLUX_CORS_ORIGINS lists others,
# `*` allows any.
_origins = [o.strip() for o in os.environ.get("FLUX_CORS_ORIGINS", "").split(",") if o.strip()]
LOOPBACK_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?"
app.add_middleware(
    CORSMiddleware,
    allow_origins=_origins,
    allow_origin_regex=None if _origins else LOOPBACK_ORIGINS,
    allow_credentials=False,
    allow_methods=["GET", "POST", "OPTIONS"],
    allow_headers=["Content-Type", "Idempotency-Key", "X-Flux-Approval", "X-FluxOS", "Authorization"],
    expose_headers=["Idempotent-Replayed"],
    max_age=600,
)


# Which host names the API answers: FLUX_ALLOWED_HOSTS (comma-separated, `*` for any), by default
# this machine's. A page of another site whose name was pointed at this machine (DNS rebinding) is
# same-origin to the browser and needs no CORS: only the Host header it sends tells it apart.
_hosts = [h.strip().lower() for h in os.environ.get("FLUX_ALLOWED_HOSTS", "").split(",") if h.strip()]
LOOPBACK_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?")


@app.middleware("http")
async def trusted_host(request: Request, call_next: Any) -> Response:
    host = request.headers.get("host", "").lower()
    name = host[: host.find("]") + 1] if host.startswith("[") else host.split(":")[0]
    allowed = "*" in _hosts or (host in _hosts or name in _hosts if _hosts else LOOPBACK_HOST.fullmatch(host) is not None)
    if not allowed:
        body = {"detail": "this server answers its own host names only (FLUX_ALLOWED_HOSTS)", "code": "UNTRUSTED_HOST"}
        return JSONResponse(body, status_code=403)
    return await call_next(request)


# Every error body has its stable `code` at the top, as the kernel's own do: FastAPI's 404 and 405
# (a path or a method outside the contract) too.
_HTTP_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


@app.exception_handler(HTTPException)
async def http_error(request: Request, exc: HTTPException) -> Response:
    body = {"detail": exc.detail, "code": _HTTP_CODES.get(exc.status_code, f"HTTP_{exc.status_code}")}
    return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))


class CustomWeights(BaseModel):
    price: int = Field(ge=0, le=100)
    delivery: int = Field(ge=0, le=100)
    trust: int = Field(ge=0, le=100)


class UserRequest(BaseModel):
    """The seed's request body. `budget` is read exactly from the raw JSON text by the kernel."""

    prompt: str = Field(examples=["Snacks and badges for a 100-person hackathon"])
    budget: Union[Decimal, str] = Field(examples=[800], description="USDC; a JSON number or a decimal string, at most 6 decimals")
    deadline_days: int = Field(default=7, examples=[5])
    strategy: Union[Literal["cheapest", "fastest", "balanced"], CustomWeights, dict[str, CustomWeights]] = "balanced"


class CartLineIn(BaseModel):
    """A cart line as the kernel proposed it: send the lines back as they came. The kernel checks
    `price`, `quantity`, `units` and `line_total` against its own quote (a missing `units` is
    `quantity`, right only for packs of one); other fields (name, reason, scores) are ignored."""

    vendor_id: str
    price: Union[Decimal, str]
    id: Optional[Union[str, int]] = None
    name: Optional[str] = None
    vendor_name: Optional[str] = None
    quantity: Optional[int] = None
    units: Optional[int] = Field(default=None, description="units delivered: quantity times the pack size")
    line_total: Optional[Union[Decimal, str]] = Field(default=None, description="price times quantity")
    original_price: Optional[Union[Decimal, str]] = None


async def _serve(request: Request) -> Response:
    """The kernel's answer to the request as received (``flux_core::http::serve``: it reads the
    query, the headers and the multipart form): the same bytes the Rust example sends. The path
    handed over is the matched route's, whatever prefix the app is served under (``--root-path``,
    a mount)."""
    route = request.scope["route"].path
    limit = _flux.http_body_limit(route)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            break  # the kernel answers 413; the rest is never read
    scope = request.scope
    status, content, headers = await _flux.http_serve(flux, scope["method"], route, scope["query_string"], scope["headers"], bytes(body))
    return Response(content=content, status_code=status, media_type="application/json", headers=dict(headers))


_AMOUNTS_DOC = {"name": "amounts", "in": "query", "required": False, "schema": {"type": "string", "enum": ["number", "string"]},
                "description": "Amounts as JSON numbers (exact text, the default) or strings"}
_INTENT_SCHEMA = {
    "parameters": [_AMOUNTS_DOC],
    "requestBody": {"required": True, "content": {"application/json": {"schema": UserRequest.model_json_schema()}}},
}


@app.api_route("/", methods=["GET", "HEAD"])
async def health(request: Request) -> Response:
    """``{"status": "online", "service", "version", "settler", "policy_hash"}``."""
    return await _serve(request)


@app.post("/api/orchestrate", openapi_extra=_INTENT_SCHEMA)
async def orchestrate(request: Request) -> Response:
    """Intent -> optimal cart. Nothing is paid. The kernel reads and validates the raw body."""
    return await _serve(request)


_UPLOAD_SCHEMA = {
    "parameters": [
        {"name": "budget", "in": "query", "required": True, "schema": {"type": "string"}, "description": "USDC, exact decimal text"},
        {"name": "strategy", "in": "query", "required": False, "schema": {"type": "string", "enum": ["cheapest", "fastest", "balanced"]}},
        {"name": "deadline_days", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0, "maximum": 365}},
        _AMOUNTS_DOC,
    ],
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary", "description": "a shopping list, at most 5 MB"}},
                }
            }
        },
    },
}


@app.post("/api/upload_intent", openapi_extra=_UPLOAD_SCHEMA)
async def upload_intent(request: Request) -> Response:
    """A shopping list (text, Markdown, CSV, PDF, or a photo for a vision model) -> optimal cart."""
    return await _serve(request)


_CART_SCHEMA = {
    "parameters": [_AMOUNTS_DOC, {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"}}],
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": CartLineIn.model_json_schema()},
            }
        },
    },
}


@app.post("/api/execute_payment", openapi_extra=_CART_SCHEMA)
async def execute_payment(request: Request) -> Response:
    """Policy and quotes first, then the settler. 403 when the policy denies; nothing is signed then.
    A cart above the policy's approval threshold needs a signed approval: JSON in `X-Flux-Approval`."""
    return await _serve(request)
