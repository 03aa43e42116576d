# Type stubs of the `fluxos` facade (see _flux.pyi for the classes).
from ._flux import (
    FEATURES as FEATURES,
    AmountLike as AmountLike,
    Approval as Approval,
    ApprovalLike as ApprovalLike,
    AuditError as AuditError,
    Cart as Cart,
    CartLike as CartLike,
    CartLine as CartLine,
    CatalogError as CatalogError,
    ConfigError as ConfigError,
    Decision as Decision,
    DocumentError as DocumentError,
    Flux as _NativeFlux,
    FluxError as FluxError,
    Intent as Intent,
    InvalidAddress as InvalidAddress,
    InvalidAmount as InvalidAmount,
    InvalidBudget as InvalidBudget,
    InvalidCart as InvalidCart,
    InvalidIntent as InvalidIntent,
    InvalidPolicy as InvalidPolicy,
    InvalidRequest as InvalidRequest,
    ParseError as ParseError,
    Policy as Policy,
    PolicyViolation as PolicyViolation,
    Proposal as Proposal,
    Settlement as Settlement,
    SettlementError as SettlementError,
    Violation as Violation,
    __version__ as __version__,
    approval_message as approval_message,
    canonical_json as canonical_json,
    config_schema as config_schema,
    parse_amount as parse_amount,
    receipt_bundle as receipt_bundle,
    sandbox_address as sandbox_address,
    sandbox_sign_transfer as sandbox_sign_transfer,
    VerifyReport as VerifyReport,
    JsonText as JsonText,
    StrategyLike as StrategyLike,
    ChainLike as ChainLike,
    Intent as _Intent,
    Proposal as _Proposal,
    Settlement as _Settlement,
    Cart as _Cart,
    verify_audit_jsonl as verify_audit_jsonl,
)

from collections.abc import Mapping
from typing import Any

__all__: list[str]

class Flux(_NativeFlux):
    """The kernel; the ``*_async`` methods are coroutines."""

    async def orchestrate_async(
        self,
        prompt: str | _Intent,
        budget: AmountLike | None = None,
        deadline_days: int | None = None,
        strategy: StrategyLike | None = None,
    ) -> _Proposal: ...
    def orchestrate_json(self, body: JsonText | Mapping[str, Any]) -> _Proposal:
        """The seed's ``UserRequest`` body; numbers keep their exact text (Decimal in data)."""
    async def orchestrate_json_async(self, body: JsonText | Mapping[str, Any]) -> _Proposal: ...
    async def execute_async(
        self, cart: CartLike, idempotency_key: str | None = None, *, approval: ApprovalLike | None = None
    ) -> _Settlement: ...
    async def replace_line_async(self, cart: CartLike, line_id: str, offer_id: str, units: int, intent: _Intent) -> _Cart: ...
    async def set_units_async(self, cart: CartLike, line_id: str, units: int, intent: _Intent) -> _Cart: ...
    async def verify_async(self, bundle: JsonText | Mapping[str, Any], *, chain: ChainLike | None = None) -> VerifyReport: ...

def cart_id(value: CartLike) -> str:
    """The content id of a cart (``cart_`` + 32 hex digits)."""

def http_status(error: FluxError) -> int:
    """The kernel's HTTP status for ``error`` (403 denial, 422 invalid input, 409 in flight, 502
    settlement, 503 unavailable, 500 configuration)."""
