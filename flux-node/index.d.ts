// Types of the `fluxos` package (the Flux kernel for Node). Results are plain objects equal to the
// core's JSON: amounts are exact decimal strings (`Amount`), never `number`s. Fields the core adds
// later reach JavaScript unchanged; the types name the ones known today.

/** An exact USDC amount as decimal text, at most 6 decimals (`"12.5"`, `"45.123456"`). */
export type Amount = string

/**
 * An amount argument: exact decimal text, a whole `bigint` (USDC, like an integer literal), or a
 * `number` under the core's host-number rule (finite, not negative, at most 15 significant digits
 * and 6 decimals; anything else is `INVALID_AMOUNT` — pass a string).
 */
export type AmountInput = string | bigint | number

/** `"cheapest" | "fastest" | "balanced"`, or weights (0..100 each) as an object or `{custom: {...}}`. */
export type StrategyInput =
  | 'cheapest'
  | 'fastest'
  | 'balanced'
  | { price: number; delivery: number; trust: number }
  | { custom: { price: number; delivery: number; trust: number } }

/** An intent: the seed's request body. */
export interface IntentInput {
  prompt: string
  budget: AmountInput
  /** Days until delivery is needed (default 7). */
  deadline_days?: number
  strategy?: StrategyInput
}

/** The core's `FluxConfig` (see `configSchema()` for the whole schema). Keys are never in it. */
export interface FluxConfig {
  catalogs?: Array<'embedded' | string | Record<string, unknown>>
  policy?: 'demo' | string | { merchants: unknown[]; rules: Record<string, unknown> }
  parser?: 'offline' | string | Record<string, unknown>
  settler?: 'sandbox' | 'memory' | { kind: 'sandbox' | 'memory' | 'evm'; [key: string]: unknown }
  /** `'default'`, `'memory'`, a SQLite file path (with a directory or an extension: `'./ledger'`, `'ledger.sqlite'`; a bare word is an error), or PostgreSQL. */
  ledger?: 'default' | 'memory' | string | { postgres_url_env: string }
  alternatives?: number
  audit_retention?: number
  now_ms?: number
}

export interface Discount {
  kind: string
  bps: number
  label: string
  [key: string]: unknown
}

/** One cart line (the seed dashboard's fields plus quantity, totals, category, units). */
export interface CartLine {
  id: string
  name: string
  price: Amount
  original_price?: Amount
  quantity: number
  line_total: Amount
  vendor_id: string
  vendor_name: string
  trust_score: number
  delivery_days: number
  ai_score: number
  reason: string
  ai_reason: string
  category: string
  /** The need this line serves, as the user said it. */
  need?: string
  units: number
  discounts?: Discount[]
  [key: string]: unknown
}

/** A cart as the kernel holds it (frozen; edits return new carts). */
export interface Cart {
  currency: string
  lines: readonly CartLine[]
  total: Amount
  [key: string]: unknown
}

/** Line data a client sends back: `vendor_id` and `price` are required. */
export interface CartLineInput {
  vendor_id: string
  price: AmountInput
  id?: string | number
  name?: string
  vendor_name?: string
  quantity?: number
  original_price?: AmountInput
  [key: string]: unknown
}

/** Anything `authorize` / `execute` / cart edits accept as a cart. */
export type CartInput = Cart | Proposal | readonly (CartLine | CartLineInput)[] | string | Uint8Array

/** Score parts, each 0..1000, and their weighted `total` (parts may grow: render what is there). */
export interface ScoreBreakdown {
  total: number
  price?: number
  delivery?: number
  trust?: number
  [part: string]: number | undefined
}

export interface RankedOption {
  rank: number
  offer_id: string
  name: string
  vendor_id: string
  vendor_name: string
  trust_score: number
  delivery_days: number
  packs: number
  units: number
  unit_price: Amount
  original_price: Amount
  line_total: Amount
  discounts: Discount[]
  score: ScoreBreakdown
  reason: string
  ai_reason: string
  [key: string]: unknown
}

export interface Need {
  category: string
  /** What was asked, in the user's words ("energy drinks"). */
  item?: string
  /** Units wanted (for a need that counts packages, that many of the item's usual package). */
  quantity: number
  source: string
  /** Packages asked for ("2 cases of energy drinks"), when the prompt counted packages. */
  packs?: number
  attributes?: string[]
  /** What the request rules out for this item ("snacks without nuts"): no offer that has it is bought. */
  excluding?: string[]
  /** The stores asked for ("from amazon only"), by vendor id: only their offers are bought for it. */
  merchants?: string[]
  /** The stores ruled out ("no walmart"), by vendor id: their offers are never bought for it. */
  excluding_merchants?: string[]
  /** The quantity is the kernel's estimate (a default, or a rate per person), not a count the user said: a plan buys as much of it as the budget allows. */
  estimated?: boolean
  /** Days it is kept, when two or more ("50 chairs for a 3-day conference"): a rental priced per day is quoted for them (its line id ends in `@<days>d`). */
  days?: number
  /** How the user asked to have it: `"buy"` ("buy 2 projectors": no rental is bought for it) or `"rent"` ("rent 40 chairs": nothing is bought outright). Absent: either. */
  tenure?: 'buy' | 'rent'
  [key: string]: unknown
}

/** The ranking of every offer for one need; `why_first` says why #1 beat #2 and what would change it. */
export interface NeedRanking {
  need: Need
  options: RankedOption[]
  excluded: Array<{ offer_id: string; vendor_id: string; reason: string }>
  excluded_counts: Record<string, number>
  why_first?: string
  /** When no single offer has the stock for the need: the lines of several that do together. */
  split?: RankedOption[]
  [key: string]: unknown
}

export interface Telemetry {
  parser: string
  model: string
  provider: string
  latency_ms: number
  tokens_used: number
  offers_considered: number
  orchestrate_us: number
  [key: string]: unknown
}

/** The answer to an intent: the optimal cart (`options`), ranked alternatives, unmet needs. */
export interface Proposal {
  intent: { prompt: string; budget: Amount; deadline_days: number; strategy: unknown }
  intent_hash: string
  strategy: unknown
  budget: Amount
  deadline_days: number
  needs: Need[]
  headcount?: number
  /**
   * What the parser read but did not plan, and why: `not_recognized` for an item the vocabulary
   * and catalog know nothing of ("3 wireless mice"), `excluded` for one the request asks not to
   * buy ("no snacks"), `alternative` for one offered instead of the item before it ("either a
   * projector or a TV"), `quantity_out_of_range`, `unknown_category`,
   * `ignored_field` (a model's answer), `too_many_needs`, ...
   */
  dropped?: Array<{ item: string; reason: string }>
  options: readonly CartLine[]
  total: Amount
  remaining_budget: Amount
  cart_id: string
  alternatives: NeedRanking[]
  /** Needs the cart does not cover: what was asked and why (`budget_exhausted`, `over_policy_cap`, ...). */
  unmet: Array<{ category: string; item: string; quantity: number; reason: string }>
  telemetry: Telemetry
  [key: string]: unknown
}

/** One broken policy rule: a stable `code`, a message, the 0-based `line` and `merchant` concerned. */
export interface Violation {
  code: string
  message: string
  line?: number
  merchant?: string
}

export interface TransferLeg {
  merchant_id: string
  merchant_name: string
  payout: string
  amount: Amount
}

export type Decision =
  | {
      decision: 'allow'
      cart: Cart
      cart_id: string
      legs: TransferLeg[]
      total: Amount
      policy_hash: string
      target: { chain_id: number; token: string }
      decided_at: number
      [key: string]: unknown
    }
  | { decision: 'deny'; violations: Violation[]; [key: string]: unknown }

export interface SettledLeg {
  merchant_id: string
  merchant_name: string
  payout: string
  amount: Amount
  status: string
  tx_hash?: string
  raw_tx?: string
  nonce?: number
  explorer_url?: string
  block_number?: number
  [key: string]: unknown
}

/** The seed's `{status, logs, transaction_hashes}` plus per-leg detail. */
export interface Settlement {
  status: 'success' | 'partial' | 'failed'
  mode: 'memory' | 'sandbox' | 'evm'
  broadcast: boolean
  cart_id: string
  idempotency_key: string
  policy_hash: string
  chain_id: number
  token: string
  sender?: string
  total: Amount
  legs: SettledLeg[]
  transaction_hashes: string[]
  logs: string[]
  replayed: boolean
  [key: string]: unknown
}

export interface ReceiptBundle {
  version: number
  cart_id: string
  cart: Cart
  legs: Array<Record<string, unknown>>
  [key: string]: unknown
}

export interface VerifyReport {
  ok: boolean
  cart_id: string
  mode: string
  onchain: boolean
  legs: Array<{ merchant_id: string; tx_hash: string; [key: string]: unknown }>
  [key: string]: unknown
}

export interface AuditEvent {
  seq: number
  at_ms: number
  phase: 'plan' | 'act' | 'verify'
  kind: string
  payload: Record<string, unknown>
  payload_hash: string
  prev_hash: string
  hash: string
}

/** An approval signed by one of the policy's `approvers` over `approvalMessage(...)`. */
export interface Approval {
  approval_id: string
  cart_id: string
  policy_hash: string
  expires_at: number
  approver: string
  signature: string
}

export interface ExecuteOptions {
  /** Default: the cart id. The same key never pays twice (1-128 printable ASCII bytes). */
  idempotencyKey?: string
  /** A signed approval of this exact cart (a cart above the policy's approval threshold needs one): the core's `Approval`, or its JSON. */
  approval?: Approval | string
  /** The intent the receipt bundle answers (`proposal.intent_hash`), recorded in it as its author's word: no signature covers it, and `verify` cannot check it. */
  intentHash?: string
}

/** The Flux kernel. Share one instance per process; every method is safe to call concurrently. */
export declare class Flux {
  /** A kernel from a `FluxConfig` object (none: embedded catalog, demo policy, offline parser, sandbox). */
  constructor(config?: FluxConfig)
  /** A kernel from a `.toml` / `.json` file (path or `file:` URL) or a `FluxConfig` object. */
  static fromConfig(pathOrObject: string | URL | FluxConfig): Flux
  /** A kernel from `FLUX_CONFIG` and the `FLUX_*` overrides. */
  static fromEnv(): Flux
  /** Intent → optimal cart; nothing is paid. A string or bytes are the seed's raw JSON body. */
  orchestrate(intent: IntentInput | string | Uint8Array): Promise<Proposal>
  /**
   * A shopping list (text, Markdown, CSV, PDF; a photo through a vision model) → optimal cart.
   * `document` is the file's bytes or a path; errors: `DOCUMENT_TOO_LARGE` (413),
   * `UNSUPPORTED_DOCUMENT` / `VISION_UNAVAILABLE` (415), `EMPTY_DOCUMENT` / `MALFORMED_DOCUMENT` (422).
   */
  orchestrateDocument(
    document: Uint8Array | ArrayBuffer | ArrayBufferView | Blob | string | URL,
    options: { budget: AmountInput; deadline_days?: number; strategy?: StrategyInput; fileName?: string; mediaType?: string },
  ): Promise<Proposal>
  /** The policy's decision, now; synchronous and pure. Nothing is signed. */
  authorize(cart: CartInput, options?: Pick<ExecuteOptions, 'approval'>): Decision
  /** Policy first, then the settler. Rejects with `PolicyViolation` on a denial (nothing signed). */
  execute(cart: CartInput, options?: ExecuteOptions): Promise<Settlement>
  /** A new cart with `lineId` replaced by `units` units of `offerId` (same category), quoted by the kernel. */
  replaceLine(cart: CartInput, lineId: string, offerId: string, units: number, intent: Proposal | Proposal['intent']): Promise<Cart>
  /** A new cart with `lineId` set to `units` units of the same offer, re-quoted. */
  setUnits(cart: CartInput, lineId: string, units: number, intent: Proposal | Proposal['intent']): Promise<Cart>
  /** Verifies a receipt bundle (offline; on chain for a broadcast EVM bundle). */
  verify(bundle: ReceiptBundle | string, options?: { chain?: string | Record<string, unknown> }): Promise<VerifyReport>
  auditJsonl(): string
  takeAuditJsonl(): string
  auditEvents(): AuditEvent[]
  auditHead(): string
  auditBase(): string
  auditForgotten(): number
  readonly settler: 'memory' | 'sandbox' | 'evm'
  readonly target: { chain_id: number; token: string }
  readonly policy: { hash: string; merchants: unknown[]; rules: Record<string, unknown> }
}

/** Base of every Flux error. */
export declare class FluxError extends Error {
  constructor(message: string, fields?: { code?: string; kind?: string; httpStatus?: number; field?: string | null; violations?: Violation[] })
  /** The core's stable machine code (`INVALID_AMOUNT`, `POLICY_VIOLATION`, ...). */
  readonly code: string
  /** `invalid_input | policy_violation | approval_required | conflict | not_found | unavailable | settlement | config | internal`. */
  readonly kind: string
  /** What a web layer answers (422, 403, 413, 415, 409, 404, 503, 502, 500). */
  readonly httpStatus: number
  /** The request field the error concerns (`budget`, `prompt`, `deadline_days`, `file`, ...), or `null`. */
  readonly field: string | null
  /** Every broken rule, for a policy denial. */
  readonly violations: Violation[]
}
export declare class InvalidInput extends FluxError {}
export declare class PolicyViolation extends FluxError {}
export declare class ApprovalRequired extends PolicyViolation {}
export declare class Conflict extends FluxError {}
export declare class NotFound extends FluxError {}
export declare class Unavailable extends FluxError {}
export declare class SettlementError extends FluxError {}
export declare class ConfigError extends FluxError {}
export declare class InternalError extends FluxError {}

export declare const VERSION: string
export declare const FEATURES: readonly string[]

/**
 * The exact text an approver signs to approve `cartId` under `policyHash` until `expiresAt` (Unix
 * seconds), as approval `approvalId` (ed25519 over its UTF-8 bytes, or an EIP-191 personal message
 * for an EVM approver). Send the signature back as `execute(cart, {approval})`.
 */
export declare function approvalMessage(cartId: string, policyHash: string, expiresAt: number, approvalId: string): string
/** Canonical JSON (sorted keys, no whitespace) of data or JSON text, as the core writes it. */
export declare function canonicalJson(value: unknown): string
/** A cart from lines, validated and normalized by the kernel. */
export declare function cart(lines: CartInput): Cart
/** The content id of a cart (`cart_` + 32 hex digits). */
export declare function cartId(cart: CartInput): string
/** A new cart without the line `lineId`. */
export declare function removeLine(cart: CartInput, lineId: string): Cart
/** A new cart with `lineId` set to `quantity` packs at the same pack price. */
export declare function setQuantity(cart: CartInput, lineId: string, quantity: number): Cart
/** The receipt bundle of a settlement returned by `execute`. */
export declare function receiptBundle(settlement: Settlement, intentHash?: string): ReceiptBundle
/** Exact decimal text of an amount. */
export declare function parseAmount(value: AmountInput): Amount
/** Base units (micro-USDC) of an amount. */
export declare function toUnits(value: AmountInput): bigint
/** The exact decimal text of `units` micro-USDC. */
export declare function fromUnits(units: bigint | number | string): Amount
/** Verifies an exported audit trail (or a segment); returns the number of events. */
export declare function verifyAuditJsonl(jsonl: string, options?: { after?: string; head?: string }): number
/** The JSON Schema of `FluxConfig`. */
export declare function configSchema(): Record<string, unknown>
/** An ERC-20 transfer signed with the public, never-funded sandbox key. */
export declare function sandboxSignTransfer(args: {
  to: string
  amount: AmountInput
  nonce?: bigint
  chainId?: bigint
  token?: string
  gasLimit?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
}): { rawTx: string; txHash: string }
/** The sandbox signer's public address. */
export declare function sandboxAddress(): string

/** An answer of the original HTTP contract: status, JSON body, extra headers. */
export interface HttpAnswer {
  status: number
  body: string
  headers: Record<string, string>
}

/**
 * The original Flux OS HTTP contract for any web layer (`flux_core::http::serve`): the kernel
 * routes a request and reads its query, headers and multipart form, so a route handler only moves
 * bytes and every server answers alike.
 */
export declare const http: {
  /** The most body bytes to read for `path` (`serve` reads one more to answer 413). */
  bodyLimit(path: string): number
  /** The answer to a request; `path` names the contract's route when the handler is mounted elsewhere. */
  serve(flux: Flux, request: Request, options?: { path?: string }): Promise<HttpAnswer>
  invalid(location: string, field: string, message: string, code: string): HttpAnswer
  /**
   * 415 `UNSUPPORTED_MEDIA_TYPE` unless the request's `Content-Type` is JSON, else `null`: a text
   * or form body is what any web page may send cross-origin without a CORS preflight. With
   * `required`, a missing Content-Type is refused too (a route that pays).
   */
  unlessJson(request: Request, options?: { required?: boolean }): HttpAnswer | null
  toResponse(answer: HttpAnswer, headers?: Record<string, string>): Response
}
