# Type stubs of the native module `fluxos._flux` (Rust, pyo3). Import from `fluxos`.
from __future__ import annotations

import os
from collections.abc import Awaitable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal, TypedDict, Union

__version__: Final[str]
FEATURES: Final[list[str]]
"""The flux-core features compiled in (``flux_core::FEATURES``): ``"signing"`` (sandbox settler), ``"evm"``, ``"llm"``, ``"http-catalog"``, ``"pdf"``, ``"sqlite"``, ``"postgres"``."""

AmountLike = Union[int, Decimal, str, float]
"""int, Decimal, exact decimal text, or a float whose shortest repr has at most 6 decimals."""

class Weights(TypedDict):
    price: int
    delivery: int
    trust: int

StrategyLike = Union[Literal["cheapest", "fastest", "balanced"], str, Weights, Mapping[str, Any]]
"""A preset name, or custom weights ``{"price", "delivery", "trust"}`` summing to 100."""

JsonText = Union[str, bytes, bytearray]
CartLike = Union["Cart", JsonText, Sequence[Union[Mapping[str, Any], "CartLine"]], Mapping[str, Any]]
"""A ``Cart``, the seed's JSON list of lines (or ``{"lines": [...]}``) as text, or that data."""

class Approval(TypedDict):
    """A signed approval (what ``X-Flux-Approval`` carries): the signature of one of the policy's
    ``approvers`` over ``approval_message(cart_id, policy_hash, expires_at, approval_id)``."""

    approval_id: str
    cart_id: str
    policy_hash: str
    expires_at: int
    approver: str
    signature: str

ApprovalLike = Union[Approval, Mapping[str, Any], str]
"""A signed approval: the mapping of its fields, or its JSON text."""

PathLike = Union[str, os.PathLike[str]]
PolicyLike = Union["Policy", Literal["demo"], PathLike, Mapping[str, Any]]
CatalogLike = Union[Literal["embedded"], PathLike, Mapping[str, Any]]

ChainLike = Union[Literal["arc-testnet"], PathLike, Mapping[str, Any]]

class SettlerConfig(TypedDict, total=False):
    """``{"kind": "evm", ...}``: key material only by variable *name* or keystore *path*."""

    kind: Literal["memory", "sandbox", "evm"]
    chain: ChainLike
    rpc_url: str
    key_env: str
    keystore: PathLike
    password_env: str
    journal: PathLike

class LlmParserConfig(TypedDict, total=False):
    provider: Literal["openai", "gemini", "groq", "local", "ollama", "vllm", "llamacpp"]
    model: str
    base_url: str
    api_key_env: str
    fallback: bool
    timeout_s: int
    deadline_s: int
    max_retries: int
    differential_check: bool

class VerifyReport(TypedDict):
    ok: bool
    cart_id: str
    mode: Literal["memory", "sandbox", "evm"]
    onchain: bool
    legs: list[dict[str, Any]]

SettlerLike = Union[Literal["memory", "sandbox", "evm"], SettlerConfig, Mapping[str, Any]]

class PostgresLedger(TypedDict):
    """PostgreSQL: the URL (credentials inside) is read from the environment variable *named*."""

    postgres_url_env: str

LedgerLike = Union[Literal["default", "memory"], PathLike, PostgresLedger]
"""``"default"`` (the durable SQLite file in the data directory, or what ``FLUX_LEDGER`` names),
``"memory"`` (lost with the process), a SQLite file path (with a directory or an extension; a bare
word is a ``ConfigError``), or ``{"postgres_url_env": "VAR"}``."""

# ---------------------------------------------------------------------------------------------
# Errors: every one has `.code` (stable machine code), `.kind` (invalid_input, policy_violation,
# approval_required, conflict, not_found, unavailable, settlement, config, internal), the
# `.http_status` a web layer answers, and `.violations` (non-empty only for PolicyViolation).
# They pickle with class, message and attributes.

class FluxError(Exception):
    code: str
    kind: str
    http_status: int
    field: str | None
    """The request field that is wrong (``prompt``, ``budget``, ``deadline_days``, ``strategy``)."""
    retry_after: int | None
    """Seconds to wait before retrying (``IN_FLIGHT``: another worker is settling this key)."""
    violations: list[Violation]

class InvalidAmount(FluxError):
    """INVALID_AMOUNT / AMOUNT_OVERFLOW."""

class InvalidAddress(FluxError): ...

class InvalidIntent(FluxError):
    """INVALID_INTENT, INVALID_STRATEGY, MALFORMED_JSON, or INVALID_AMOUNT for a bad budget."""

class InvalidBudget(InvalidAmount, InvalidIntent):
    """A budget that is missing or zero (INVALID_INTENT), no valid amount (INVALID_AMOUNT), or in a request body not a number or text (MALFORMED_JSON), however it was passed (``.field == "budget"``)."""

class InvalidRequest(FluxError):
    """INVALID_IDEMPOTENCY_KEY."""

class ParseError(FluxError):
    """NOTHING_RECOGNIZED / NOTHING_WANTED (the prompt only leaves things out) / QUANTITY_OUT_OF_RANGE (every item counted 0 or over the limit) / PARSER_FAILED."""

class DocumentError(FluxError):
    """DOCUMENT_TOO_LARGE (413), EMPTY_DOCUMENT, UNSUPPORTED_DOCUMENT (415), MALFORMED_DOCUMENT,
    UNREADABLE_DOCUMENT, VISION_UNAVAILABLE (415: an image and no vision model)."""

class CatalogError(FluxError): ...

class InvalidCart(FluxError):
    """INVALID_CART, MALFORMED_JSON, INVALID_AMOUNT (a line's price), NO_SUCH_LINE, AMOUNT_OVERFLOW."""

class InvalidPolicy(FluxError): ...

class PolicyViolation(FluxError):
    """POLICY_VIOLATION: the policy denied the cart and nothing was signed (HTTP 403)."""

class SettlementError(FluxError): ...
class AuditError(FluxError): ...

class ConfigError(FluxError):
    """INVALID_CONFIG (naming the field), or an LLM parser's LLM_MISSING_API_KEY / LLM_INVALID_CONFIG."""

# ---------------------------------------------------------------------------------------------

class Violation:
    """One broken policy rule."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def merchant(self) -> str | None: ...
    def __init__(self, code: str, message: str, line: int | None = None, merchant: str | None = None) -> None:
        """``code`` must be one of the kernel's violation codes (``ValueError`` otherwise)."""
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class Intent:
    """A validated intent."""

    def __init__(
        self,
        prompt: str,
        budget: AmountLike,
        deadline_days: int | None = 7,
        strategy: StrategyLike | None = "balanced",
    ) -> None: ...
    @staticmethod
    def from_json(body: JsonText | Mapping[str, Any]) -> Intent:
        """The seed's ``UserRequest`` JSON; the budget is read from its exact number text."""
    @property
    def prompt(self) -> str: ...
    @property
    def budget(self) -> Decimal: ...
    @property
    def deadline_days(self) -> int: ...
    @property
    def strategy(self) -> str: ...
    @property
    def weights(self) -> Weights: ...
    @property
    def hash(self) -> str: ...
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class CartLine:
    """One cart line: the seed dashboard's fields plus quantity, line total, category, units."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def price(self) -> Decimal: ...
    @property
    def original_price(self) -> Decimal | None: ...
    @property
    def quantity(self) -> int: ...
    @property
    def line_total(self) -> Decimal: ...
    @property
    def vendor_name(self) -> str: ...
    @property
    def vendor_id(self) -> str: ...
    @property
    def trust_score(self) -> int: ...
    @property
    def delivery_days(self) -> int: ...
    @property
    def ai_score(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def ai_reason(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def units(self) -> int: ...
    @property
    def discounts(self) -> list[dict[str, Any]]: ...
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON parsed: amounts are exact decimal strings."""

class Cart(Sequence[CartLine]):
    """An immutable cart; edits return a new cart. Pickles and copies as its canonical JSON."""

    def __init__(self, lines: CartLike) -> None: ...
    @staticmethod
    def from_json(json: JsonText) -> Cart: ...
    @property
    def lines(self) -> list[CartLine]: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def currency(self) -> Literal["USDC"]: ...
    @property
    def id(self) -> str:
        """``cart_`` + 32 hex digits: the content hash of what the cart pays and buys (per line
        its id, vendor, pack price, quantity, total and units; the total). Display text (names,
        reasons, scores) is not in it."""
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def remove_line(self, line_id: str) -> Cart: ...
    def set_quantity(self, line_id: str, quantity: int) -> Cart: ...
    def replace_line(self, line_id: str, line: CartLine) -> Cart: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int) -> CartLine: ...  # type: ignore[override]
    def __hash__(self) -> int: ...

class Proposal:
    """The answer to an intent."""

    @property
    def intent(self) -> Intent: ...
    @property
    def intent_hash(self) -> str: ...
    @property
    def strategy(self) -> str: ...
    @property
    def budget(self) -> Decimal: ...
    @property
    def deadline_days(self) -> int: ...
    @property
    def needs(self) -> list[dict[str, Any]]:
        """The needs read, as ``{"category", "item", "quantity", "source"}`` plus, when set,
        ``attributes``, ``packs`` and ``excluding`` (what the request rules out for the item:
        "snacks without nuts")."""
    @property
    def headcount(self) -> int | None: ...
    @property
    def dropped(self) -> list[dict[str, Any]]:
        """What the parser read but did not plan, as ``{"item", "reason"}``: ``not_recognized``
        for an item nothing in the vocabulary or catalog is ("3 wireless mice"), ``excluded``
        for one the request asks not to buy ("no snacks"), ``alternative`` for an item offered
        instead of the one before it ("either a projector or a TV"), ``quantity_out_of_range``, ``unknown_category``, ``ignored_field`` (a model's answer), ..."""
    @property
    def options(self) -> list[CartLine]: ...
    @property
    def cart(self) -> Cart: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def remaining_budget(self) -> Decimal: ...
    @property
    def cart_id(self) -> str: ...
    @property
    def alternatives(self) -> list[dict[str, Any]]: ...
    @property
    def unmet(self) -> list[dict[str, Any]]: ...
    @property
    def telemetry(self) -> dict[str, Any]: ...
    def canonical_json(self) -> str:
        """Canonical JSON without telemetry: byte-identical on every host."""
    def to_json(self) -> str:
        """JSON with ``telemetry`` (keys sorted)."""
    def to_dict(self) -> dict[str, Any]: ...

class Decision:
    """The policy's decision; truthy when allowed."""

    @property
    def allowed(self) -> bool: ...
    @property
    def decision(self) -> Literal["allow", "deny"]: ...
    @property
    def violations(self) -> list[Violation]: ...
    @property
    def cart_id(self) -> str | None: ...
    @property
    def total(self) -> Decimal | None: ...
    @property
    def legs(self) -> list[dict[str, Any]]: ...
    @property
    def policy_hash(self) -> str | None: ...
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __bool__(self) -> bool: ...

class Settlement:
    """The seed's ``{status, logs, transaction_hashes}`` plus per-leg detail."""

    @property
    def status(self) -> Literal["success", "partial", "failed"]: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def cart_id(self) -> str: ...
    @property
    def policy_hash(self) -> str: ...
    @property
    def mode(self) -> Literal["memory", "sandbox", "evm"]: ...
    @property
    def broadcast(self) -> bool: ...
    @property
    def chain_id(self) -> int: ...
    @property
    def token(self) -> str: ...
    @property
    def sender(self) -> str | None: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def legs(self) -> list[dict[str, Any]]: ...
    @property
    def transaction_hashes(self) -> list[str]: ...
    @property
    def logs(self) -> list[str]: ...
    @property
    def replayed(self) -> bool: ...
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class Policy:
    """A validated policy: merchant registry and rules."""

    @staticmethod
    def demo() -> Policy: ...
    @staticmethod
    def from_toml(text: str) -> Policy: ...
    @staticmethod
    def from_json(text: str) -> Policy: ...
    @staticmethod
    def from_path(path: PathLike) -> Policy: ...
    @property
    def hash(self) -> str: ...
    @property
    def merchant_ids(self) -> list[str]: ...
    @property
    def approvers(self) -> list[str]:
        """Keys whose signature approves carts above ``approval_threshold``."""
    def needs_approval(self, cart: CartLike) -> bool:
        """Whether ``cart``'s total is above ``approval_threshold``."""
    def canonical_json(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class Flux:
    """The kernel. Thread-safe; share one instance."""

    def __init__(
        self,
        *,
        catalogs: CatalogLike | Sequence[CatalogLike] | None = None,
        policy: PolicyLike | None = None,
        parser: Literal["offline", "env", "openai", "gemini", "groq", "local"] | LlmParserConfig | None = None,
        settler: SettlerLike | None = None,
        ledger: LedgerLike | None = None,
        now_ms: int | None = None,
        alternatives: int | None = None,
        audit_retention: int | None = None,
        config: PathLike | Mapping[str, Any] | None = None,
    ) -> None:
        """The options take the shapes of the kernel's configuration (``config_schema()``);
        ``config`` is a whole configuration instead. ``audit_retention``: audit events kept in
        memory (default 10,000; the oldest are forgotten). Drain them with
        ``take_audit_jsonl()`` to keep the whole trail."""
    @classmethod
    def from_config(cls, config: PathLike | Mapping[str, Any]) -> Flux:
        """A kernel from a ``.toml``/``.json`` configuration file (relative paths taken from its
        directory) or a mapping of the same shape."""
    @property
    def policy(self) -> Policy: ...
    @property
    def settler(self) -> Literal["memory", "sandbox", "evm"]: ...
    @classmethod
    def from_env(cls) -> Flux:
        """The configuration file at ``FLUX_CONFIG`` (or the defaults), with ``FLUX_CATALOGS``,
        ``FLUX_POLICY``, ``FLUX_PARSER``, ``FLUX_SETTLER``, ``FLUX_CHAIN``, ``FLUX_RPC_URL``,
        ``FLUX_KEY_ENV``, ``FLUX_JOURNAL`` and ``FLUX_LEDGER`` over it."""
    @property
    def chain_id(self) -> int:
        """The chain id settlement pays on."""
    def orchestrate(
        self,
        prompt: str | Intent,
        budget: AmountLike | None = None,
        deadline_days: int | None = 7,
        strategy: StrategyLike | None = "balanced",
    ) -> Proposal: ...
    def orchestrate_async(
        self,
        prompt: str | Intent,
        budget: AmountLike | None = None,
        deadline_days: int | None = 7,
        strategy: StrategyLike | None = "balanced",
    ) -> Awaitable[Proposal]: ...
    def orchestrate_document(
        self,
        document: bytes | bytearray | memoryview | os.PathLike[str],
        budget: AmountLike,
        deadline_days: int | None = 7,
        strategy: StrategyLike | None = "balanced",
        *,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> Proposal: ...
    def orchestrate_document_async(
        self,
        document: bytes | bytearray | memoryview | os.PathLike[str],
        budget: AmountLike,
        deadline_days: int | None = 7,
        strategy: StrategyLike | None = "balanced",
        *,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> Awaitable[Proposal]: ...
    def authorize(self, cart: CartLike, *, approval: ApprovalLike | None = None) -> Decision:
        """The decision on ``cart`` now; ``approval`` is checked but not used up."""
    def execute(self, cart: CartLike, idempotency_key: str | None = None, *, approval: ApprovalLike | None = None) -> Settlement:
        """Policy and quotes first, then the settler. A cart above the approval threshold needs
        ``approval`` (a mapping or its JSON text), which pays for one settlement only."""
    def execute_async(
        self, cart: CartLike, idempotency_key: str | None = None, *, approval: ApprovalLike | None = None
    ) -> Awaitable[Settlement]: ...
    def replace_line(self, cart: CartLike, line_id: str, offer_id: str, units: int, intent: Intent) -> Cart: ...
    def replace_line_async(self, cart: CartLike, line_id: str, offer_id: str, units: int, intent: Intent) -> Awaitable[Cart]: ...
    def set_units(self, cart: CartLike, line_id: str, units: int, intent: Intent) -> Cart: ...
    def set_units_async(self, cart: CartLike, line_id: str, units: int, intent: Intent) -> Awaitable[Cart]: ...
    def verify(self, bundle: JsonText | Mapping[str, Any], *, chain: ChainLike | None = None) -> VerifyReport:
        """Offline consistency, then (broadcast EVM bundles) every leg re-read from the chain."""
    def verify_async(self, bundle: JsonText | Mapping[str, Any], *, chain: ChainLike | None = None) -> Awaitable[VerifyReport]: ...
    def audit_jsonl(self) -> str:
        """The audit events kept in memory, as JSON Lines."""
    def take_audit_jsonl(self) -> str:
        """The kept audit events as JSON Lines, then forgotten; segments concatenate into one trail."""
    def audit_head(self) -> str:
        """The hash of the trail's last event."""
    def audit_base(self) -> str:
        """The hash the first kept event chains from (64 zeros until events are taken or forgotten)."""
    def audit_forgotten(self) -> int:
        """Events dropped by the ``audit_retention`` cap."""

def parse_amount(value: AmountLike) -> Decimal: ...
def approval_message(cart_id: str, policy_hash: str, expires_at: int, approval_id: str) -> str:
    """The exact text an approver signs (ed25519 over its UTF-8 bytes; an EVM approver as an
    EIP-191 personal message)."""
def verify_audit_jsonl(jsonl: str, *, after: str | None = None, head: str | None = None) -> int:
    """Number of events; raises ``AuditError``. ``after``: the hash a segment chains from;
    ``head``: the hash it must end at."""
def canonical_json(value: Any) -> str:
    """Canonical JSON of plain data (sorted keys, no whitespace). Non-integer numbers pass through
    an f64 (shortest round-trip), so give amounts as strings for exactness."""
def config_schema() -> str:
    """The JSON Schema of a configuration (``Flux.from_config``)."""
def receipt_bundle(cart: CartLike, settlement: Settlement, intent_hash: str | None = None) -> str:
    """The settlement's receipt bundle as indented JSON (a file to keep or share), verifiable with ``Flux.verify``."""

# With the "signing" feature:
def sandbox_sign_transfer(
    *,
    to: str,
    amount: AmountLike,
    nonce: int | None = None,
    chain_id: int | None = None,
    token: str | None = None,
    gas_limit: int | None = None,
    max_fee_per_gas: int | None = None,
    max_priority_fee_per_gas: int | None = None,
) -> tuple[str, str]:
    """``(raw_tx, tx_hash)`` of an ERC-20 transfer signed with the public, never-funded sandbox key.
    Omitted fields take the sandbox's values: nonce 0, Arc Testnet (5042002) and its USDC, gas limit
    100000, max fee 40 gwei, priority fee 1 gwei."""

def sandbox_address() -> str: ...

# The original HTTP contract (flux_core::http::serve), for a Python web layer: the kernel routes the
# request and reads its query, headers and multipart form, and answers ``(status, body, headers)``
# exactly as the Rust example server does.
def http_serve(
    flux: Flux, method: str, path: str, query: bytes, headers: Sequence[tuple[bytes, bytes] | list[bytes]], body: bytes
) -> Awaitable[tuple[int, str, list[tuple[str, str]]]]:
    """The answer to a request: ``query`` and ``headers`` raw, as ASGI gives them (``scope["query_string"]``,
    ``scope["headers"]``); ``body`` read up to ``http_body_limit(path) + 1`` bytes (a longer one is answered 413)."""
def http_body_limit(path: str) -> int:
    """The most body bytes to read for ``path``: read one more to let ``http_serve`` answer 413."""
