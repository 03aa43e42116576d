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
header and a multipart upload). FLUX_CORS_ORIGINS lists the allowed origins (comma-separated);
the default `*` allows any origin without credentials, as a demo needs.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Any, Literal, Optional, Union

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

import fluxos


flux = fluxos.Flux.from_env()

app = FastAPI(
    title="Flux OS",
    version=fluxos.__version__,
    description="Deterministic agentic commerce: intent -> optimal cart -> policy -> settlement. Served by the Flux kernel.",
)

_origins = [o.strip() for o in os.environ.get("FLUX_CORS_ORIGINS", "*").split(",") if o.strip()]
app.add_middleware(
    CORSMiddleware,
    allow_origins=_origins,
    allow_credentials=False,
    allow_methods=["GET", "POST", "OPTIONS"],
    allow_headers=["Content-Type", "Idempotency-Key", "X-Flux-Approval", "X-FluxOS", "Authorization"],
    expose_headers=["Idempotent-Replayed"],
    max_age=600,
)


@app.exception_handler(RequestValidationError)
async def _invalid_body(_request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's 422 shape without echoing the input back (a NaN input would not even serialize).
    detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in exc.errors()]
    return JSONResponse({"detail": detail}, status_code=422)


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
    """A cart line as the dashboard sends it back (extra fields are ignored)."""

    vendor_id: str
    price: Union[Decimal, str]
    id: Optional[Union[str, int]] = None
    name: Optional[str] = None
    vendor_name: Optional[str] = None
    quantity: Optional[int] = None
    original_price: Optional[Union[Decimal, str]] = None


# Keys whose values are amounts in the kernel's JSON (exact decimal strings there).
_AMOUNT_KEYS = (
    "amount|approval_threshold|budget|limit|line_total|max_budget_cap|original_price|"
    "per_transfer_cap|price|remaining_budget|total|unit_price"
)
# In canonical JSON a key always follows `{` or `,`, and quotes inside strings are escaped, so this
# only ever matches a real key with a plain decimal string value.
_AMOUNT_RE = re.compile(r'([{,]"(?:' + _AMOUNT_KEYS + r')":)"([0-9]+(?:\.[0-9]+)?)"')


def _json(text: str, amounts: str, status: int = 200) -> Response:
    if amounts != "string":
        text = _AMOUNT_RE.sub(r"\1\2", text)
    return Response(content=text, status_code=status, media_type="application/json")


def _error(e: fluxos.FluxError, field: str, where: str = "body") -> JSONResponse:
    status = fluxos.http_status(e)
    if isinstance(e, fluxos.PolicyViolation):
        body: dict[str, Any] = {
            "detail": str(e),
            "code": e.code,
            "violations": [v.to_dict() for v in e.violations],
        }
    elif status == 422:
        # FastAPI's own shape for validation errors, with the kernel's stable code as `type`.
        body = {"detail": [{"loc": [where, field], "msg": str(e), "type": e.code}]}
    else:
        body = {"detail": str(e), "code": e.code}
    return JSONResponse(body, status_code=status)


AmountsParam = Query("number", pattern="^(number|string)$", description="Amounts as JSON numbers (exact text) or strings")


@app.get("/")
async def health() -> dict[str, Any]:
    return {
        "status": "online",
        "service": "flux",
        "version": fluxos.__version__,
        "settler": flux.settler,
        "policy_hash": flux.policy.hash,
    }


@app.post("/api/orchestrate")
async def orchestrate(request: Request, body: UserRequest, amounts: str = AmountsParam) -> Response:
    """Intent -> optimal cart. Nothing is paid."""
    raw = await request.body()  # the exact bytes FastAPI validated (cached)
    try:
        proposal = await flux.orchestrate_json_async(raw)
    except fluxos.FluxError as e:
        return _error(e, e.field or "body")
    return _json(proposal.to_json(), amounts)


# The largest upload read: the kernel's 5 MB document limit plus room for the multipart framing.
_MAX_DOCUMENT = 5 * 1024 * 1024
_MAX_UPLOAD = _MAX_DOCUMENT + 64 * 1024

_UPLOAD_SCHEMA = {
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
    }
}


def _too_large(size: str) -> JSONResponse:
    return JSONResponse({"detail": f"document of {size} bytes is over the limit of {_MAX_DOCUMENT} bytes", "code": "DOCUMENT_TOO_LARGE"}, 413)


@app.post("/api/upload_intent", openapi_extra=_UPLOAD_SCHEMA)
async def upload_intent(
    request: Request,
    budget: str = Query(description="USDC, exact decimal text", examples=["800"]),
    strategy: Literal["cheapest", "fastest", "balanced"] = "balanced",
    deadline_days: int = Query(7, ge=0, le=365),
    amounts: str = AmountsParam,
) -> Response:
    """A shopping list (text, Markdown, CSV, PDF, or a photo for a vision model) -> optimal cart."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > _MAX_UPLOAD:
        return _too_large(declared)
    # Read at most the limit, whatever Content-Length said, then parse the form from memory.
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_UPLOAD:
            return _too_large(f"more than {_MAX_UPLOAD}")

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=1, max_fields=8)
    except Exception as e:  # starlette raises its own types for malformed multipart bodies
        return JSONResponse({"detail": [{"loc": ["body", "file"], "msg": f"malformed multipart body: {e}", "type": "MALFORMED_DOCUMENT"}]}, 422)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return JSONResponse({"detail": [{"loc": ["body", "file"], "msg": "a multipart field `file` is required", "type": "missing"}]}, 422)
    content = await upload.read()
    try:
        proposal = await flux.orchestrate_document_async(
            content, budget, deadline_days, strategy, filename=upload.filename, content_type=upload.content_type
        )
    except fluxos.FluxError as e:
        if isinstance(e, fluxos.InvalidAmount) or e.field == "budget":
            return _error(e, "budget", "query")
        return _error(e, e.field or "file", "body" if e.field in (None, "file") else "query")
    return _json(proposal.to_json(), amounts)


_CART_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": CartLineIn.model_json_schema()},
            }
        },
    }
}


@app.post("/api/execute_payment", openapi_extra=_CART_SCHEMA)
async def execute_payment(request: Request, amounts: str = AmountsParam) -> Response:
    """Policy and quotes first, then the settler. 403 when the policy denies; nothing is signed then.
    A cart above the policy's approval threshold needs a signed approval: JSON in `X-Flux-Approval`."""
    raw = await request.body()
    try:
        cart = fluxos.Cart(raw)
        settlement = await flux.execute_async(
            cart, request.headers.get("idempotency-key"), approval=request.headers.get("x-flux-approval")
        )
    except fluxos.InvalidRequest as e:
        if e.code == "MALFORMED_JSON":
            return _error(e, "X-Flux-Approval", "header")
        return _error(e, "cart")
    except fluxos.FluxError as e:
        return _error(e, "cart")
    response = _json(settlement.to_json(), amounts)
    if settlement.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response
