#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), warn(missing_docs))]

mod address;
mod audit;
mod canonical;
mod cart;
mod catalog;
mod colours;
mod config;
mod error;
mod files;
mod flux;
mod future;
mod host;
pub mod http;
mod intent;
mod ledger;
mod money;
mod negotiate;
mod net;
mod optimize;
mod policy;
mod proposal;
mod rank;
mod reasons;
mod redact;
mod relevance;
mod settle;
mod settlement;
mod target;
mod terms;

pub use address::{Address, AddressError};
pub use audit::{
    verify_jsonl as verify_audit_jsonl, verify_jsonl_range as verify_audit_jsonl_range, verify_jsonl_segment as verify_audit_jsonl_segment,
    verify_jsonl_segment_with_head as verify_audit_jsonl_segment_with_head, verify_jsonl_with_head as verify_audit_jsonl_with_head,
    AuditError, AuditEvent, AuditTrail, Phase, GENESIS_HASH,
};
pub use canonical::{hash_hex, hash_of, to_canonical_json};
pub use cart::{Cart, CartError, CartLine, CartLineInput, MAX_CART_LINES, MAX_LINE_QUANTITY};
pub use catalog::{
    parse_feed, parse_google_tsv, parse_google_xml, parse_shopify_products, Catalog, CatalogData, CatalogError, EmbeddedCatalog,
    FeedConfig, FeedFormat, FeedImport, MemoryCatalog, Offer, Promotion, SkipReason, SkippedProduct, Vendor, VolumeTier, MAX_ATTRIBUTES,
    MAX_ATTRIBUTE_KEY_CHARS, MAX_ATTRIBUTE_VALUE_CHARS, MAX_FEED_BYTES, MAX_FEED_PRODUCTS, MAX_TAGS, MAX_TAG_CHARS,
};
#[cfg(feature = "http-catalog")]
pub use catalog::{HttpCatalog, HttpCatalogConfig, HttpSource};
#[cfg(feature = "schema")]
pub use config::config_schema;
pub use config::{
    CatalogSource, ChainSource, ConfigError, FeedSource, FluxConfig, LedgerSource, LlmSettings, ParserSource, PolicySource, SettlerConfig,
    SettlerKind, CHAIN_PRESETS, CONFIG_ENV_VARS,
};
pub use error::{ErrorKind, FluxError, IN_FLIGHT_POLL_SECS};
pub use flux::{Clock, FixedClock, Flux, FluxBuilder, SystemClock, DEFAULT_AUDIT_RETENTION};
pub use future::{block_on, BoxFuture};
#[cfg(feature = "signing")]
pub use host::SandboxTransfer;
pub use host::{
    deadline_from_host_f64, integer_from_host_f64, quantity_from_host_f64, quantity_from_host_text, units_from_host_f64,
    units_from_host_text, FEATURES, HOST_FLOAT_DIGITS, MAX_SAFE_INTEGER,
};
#[cfg(feature = "llm")]
pub use intent::{plan_from_answer, ApiKey, ApiKeySource, LlmConfig, LlmError, LlmParser, ParserConfig, Provider, ResponseFormat};
pub use intent::{
    CategoryDef, CategoryId, Document, DocumentError, DocumentKind, Dropped, Intent, IntentError, IntentParser, IntentRequest, Need,
    OfflineParser, ParseError, ParseTelemetry, Plan, PriceCap, Strategy, Tenure, Vocabulary, Weights, DEFAULT_DEADLINE_DAYS,
    MAX_DEADLINE_DAYS, MAX_DOCUMENT_BYTES, MAX_NEEDS, MAX_NEED_QUANTITY, MAX_PROMPT_CHARS, MAX_RENTAL_DAYS,
};
#[cfg(feature = "evm")]
pub use ledger::Journal;
pub use ledger::{
    default_ledger, memory_ledger, Begin, Begun, Decide, Facts, Finish, JournalEntry, Ledger, LedgerError, LedgerParts, LegJournal,
    MemoryLedger, WindowIndex, DEFAULT_LEASE_SECONDS,
};
#[cfg(feature = "sqlite")]
pub use ledger::{default_ledger_path, sqlite_ledger, SqliteLedger};
#[cfg(feature = "postgres")]
pub use ledger::{postgres_ledger, PgLedger};
pub use money::{Amount, AmountError, AmountText, NativeAmount, NATIVE_DECIMALS, USDC_DECIMALS};
pub use negotiate::{quote_packs, quote_units, AppliedDiscount, DiscountKind, Quote, MAX_DISCOUNT_BPS};
pub use net::redact_url;
pub use optimize::{optimize, optimize_capped, Caps, Choice, Selection, MAX_CAPPED_FRONTIER};
#[doc(hidden)]
pub use optimize::{optimize_brute_force, optimize_capped_brute_force};
pub use policy::{
    Approval, ApprovedCart, Approver, ApproverError, Decision, DecisionKind, MalformedApproval, Merchant, Policy, PolicyDocument,
    PolicyError, Rules, SpendRecord, SpendState, TransferLeg, Violation, ViolationCode, WindowLimit, APPROVAL_MESSAGE_HEADER,
    DEMO_POLICY_TOML, MAX_APPROVAL_ID_LEN, MAX_APPROVAL_SECONDS,
};
pub use proposal::{propose, propose_under, Proposal, Telemetry, Unmet};
pub use rank::{rank_need, Excluded, NeedRanking, RankLimits, RankedOption, ScoreBreakdown, MAX_SPLIT_LINES};
pub use reasons::{DropReason, ExclusionReason, UnmetReason};
#[cfg(feature = "signing")]
pub use settle::{
    sign_erc20_transfer, PaymentKey, SandboxSettler, SignedTransfer, TransferTx, KEYSTORE_ENV, KEYSTORE_PASSWORD_ENV, KEY_ENV_VARS,
    SANDBOX_FEES, SANDBOX_KEY_HEX, SANDBOX_KEY_PHRASE,
};
#[cfg(feature = "evm")]
pub use settle::{verify_bundle, EvmSettler, HookPoint, SettleHook};
pub use settle::{
    verify_bundle_offline, BundleLeg, ChainConfig, KeystorePassword, PasswordFromEnv, PasswordSource, ReceiptBundle, VerifiedLeg,
    VerifyReport, BUNDLE_VERSION,
};
pub use settle::{LegStatus, MemorySettler, SettleError, SettledLeg, Settlement, SettlementMode, SettlementStatus, Settler};
pub use target::{Target, ARC_TESTNET_CHAIN_ID, ARC_TESTNET_USDC};
