"""fluxos — the Flux kernel for Python.

One intent, one budget, one optimized cart, one policy decision, one orchestrated settlement.
The kernel is Rust (``flux-core``); this package is a thin binding (``fluxos._flux``) plus this
facade. An AI may *propose* a cart; only the kernel decides what gets paid, and no Python value
ever carries a key.

Quick start::

    import fluxos

    flux = fluxos.Flux()                      # embedded catalog, demo policy, offline parser
    proposal = flux.orchestrate("snacks and badges for 100 people", budget="800", deadline_days=5)
    decision = flux.authorize(proposal.cart)  # pure policy evaluation
    settlement = flux.execute(proposal.cart)  # policy first, then the settler
    print(settlement.status, settlement.transaction_hashes)

Money is exact: amounts in results are :class:`decimal.Decimal`; amounts in arguments may be
``int``, ``Decimal``, ``str`` (exact decimal text) or ``float`` — a float is read through its
shortest round-trip text (``repr``), so ``0.1`` means 0.1 USDC and ``0.1234567`` (7 decimals),
``nan``, ``inf`` and negatives raise :class:`InvalidAmount`. ``bool`` raises ``TypeError``.

Every method that may wait releases the GIL; ``*_async`` twins return awaitables for asyncio
(driven by one tokio runtime per process, re-created after ``os.fork()``).
"""

from __future__ import annotations

import collections.abc as _abc
from typing import TYPE_CHECKING

from ._flux import (
    FEATURES,
    AuditError,
    Cart,
    CartLine,
    CatalogError,
    ConfigError,
    Decision,
    DocumentError,
    FluxError,
    Intent,
    InvalidAddress,
    InvalidAmount,
    InvalidBudget,
    InvalidCart,
    InvalidIntent,
    InvalidPolicy,
    InvalidRequest,
    ParseError,
    Policy,
    PolicyViolation,
    Proposal,
    SettlementError,
    Settlement,
    Violation,
    __version__,
    approval_message,
    canonical_json,
    config_schema,
    parse_amount,
    receipt_bundle,
    verify_audit_jsonl,
)
from . import _flux
from ._flux import Flux as _NativeFlux

if "signing" in FEATURES:
    from ._flux import sandbox_address, sandbox_sign_transfer

if TYPE_CHECKING:
    from collections.abc import Mapping
    from os import PathLike
    from typing import Any

    from ._flux import AmountLike, ApprovalLike, CartLike, ChainLike, JsonText, StrategyLike, VerifyReport

# A Cart is an immutable sequence of lines.
_abc.Sequence.register(Cart)

# Exceptions carry `.code`, `.kind`, `.http_status` and `.violations` as instance attributes;
# the classes hold defaults too, so `FluxError("x").code` is defined for errors raised from Python.
FluxError.code = "FLUX_ERROR"
FluxError.violations = []

__all__ = [
    "FEATURES",
    "AuditError",
    "Cart",
    "CartLine",
    "CatalogError",
    "ConfigError",
    "Decision",
    "DocumentError",
    "Flux",
    "FluxError",
    "Intent",
    "InvalidAddress",
    "InvalidAmount",
    "InvalidBudget",
    "InvalidCart",
    "InvalidIntent",
    "InvalidPolicy",
    "InvalidRequest",
    "ParseError",
    "Policy",
    "PolicyViolation",
    "Proposal",
    "Settlement",
    "SettlementError",
    "Violation",
    "__version__",
    "approval_message",
    "canonical_json",
    "cart_id",
    "config_schema",
    "http_status",
    "parse_amount",
    "receipt_bundle",
    "sandbox_address",
    "sandbox_sign_transfer",
    "verify_audit_jsonl",
]


class Flux(_NativeFlux):
    """The Flux kernel (see ``fluxos._flux.Flux`` for every option). Thread-safe: share one.

    The ``*_async`` methods are coroutines: ``await flux.orchestrate_async(...)`` from any
    asyncio code, or ``asyncio.run(flux.orchestrate_async(...))``. The work runs on the kernel's
    tokio runtime, never blocking the event loop.
    """

    __slots__ = ()

    async def orchestrate_async(
        self,
        prompt: str | Intent,
        budget: AmountLike | None = None,
        deadline_days: int | None = None,
        strategy: StrategyLike | None = None,
    ) -> Proposal:
        """``orchestrate(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.orchestrate_async(self, prompt, budget, deadline_days, strategy)

    def orchestrate_json(self, body: JsonText | Mapping[str, Any]) -> Proposal:
        """``orchestrate`` from the seed's raw ``UserRequest`` JSON body (``str``/``bytes`` or a
        mapping): the budget is read from its exact number text."""
        return self.orchestrate(Intent.from_json(body))

    async def orchestrate_json_async(self, body: JsonText | Mapping[str, Any]) -> Proposal:
        """``orchestrate_json(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.orchestrate_async(self, Intent.from_json(body))

    async def orchestrate_document_async(
        self,
        document: bytes | bytearray | memoryview | PathLike[str],
        budget: AmountLike,
        deadline_days: int | None = None,
        strategy: StrategyLike | None = None,
        *,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> Proposal:
        """``orchestrate_document(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.orchestrate_document_async(
            self, document, budget, deadline_days, strategy, filename=filename, content_type=content_type
        )

    async def execute_async(
        self, cart: CartLike, idempotency_key: str | None = None, *, approval: ApprovalLike | None = None
    ) -> Settlement:
        """``execute(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.execute_async(self, cart, idempotency_key, approval=approval)

    async def replace_line_async(self, cart: CartLike, line_id: str, offer_id: str, units: int, intent: Intent) -> Cart:
        """``replace_line(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.replace_line_async(self, cart, line_id, offer_id, units, intent)

    async def set_units_async(self, cart: CartLike, line_id: str, units: int, intent: Intent) -> Cart:
        """``set_units(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.set_units_async(self, cart, line_id, units, intent)

    async def verify_async(self, bundle: JsonText | Mapping[str, Any], *, chain: ChainLike | None = None) -> VerifyReport:
        """``verify(...)`` as a coroutine, run on the kernel's runtime."""
        return await _NativeFlux.verify_async(self, bundle, chain=chain)


def cart_id(value: CartLike) -> str:
    """The content id of a cart (``cart_`` + 32 hex digits): ``Cart(value).id``."""
    return (value if isinstance(value, Cart) else Cart(value)).id


def http_status(error: FluxError) -> int:
    """The HTTP status a web layer should answer for ``error``: the kernel's own for its errors
    (403 policy denial or approval required — nothing was signed; 422 invalid input or an
    idempotency key reused for another cart; 409 a settlement in flight; 502 settlement; 503 an
    unavailable dependency; 500 configuration), the class default for others."""
    status = getattr(error, "http_status", 500)
    return status if isinstance(status, int) else 500


del annotations
