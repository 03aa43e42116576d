//! The user's request ([`Intent`]) and what it asks for ([`Plan`] of [`Need`]s).
//!
//! An intent arrives untrusted (an HTTP body, a Python dict) as an [`IntentRequest`] and becomes a
//! validated [`Intent`] through [`Intent::try_from`]. An [`IntentParser`] reads the prompt into
//! needs; the [`OfflineParser`] is the deterministic default.

mod budget;
mod deadline;
mod document;
#[cfg(feature = "llm")]
mod llm;
mod need;
mod offline;
mod phrases;
mod priority;
mod strategy;
mod vocabulary;

use serde::{Deserialize, Serialize};

use crate::future::BoxFuture;
use crate::money::{Amount, AmountError, AmountText};
use crate::reasons::DropReason;

pub use document::{Document, DocumentError, DocumentKind, MAX_DOCUMENT_BYTES};
#[cfg(feature = "llm")]
pub use llm::{plan_from_answer, ApiKey, ApiKeySource, LlmConfig, LlmError, LlmParser, ParserConfig, Provider, ResponseFormat};
pub(crate) use need::price_cap_of;
pub use need::{Need, PriceCap, Tenure, MAX_ITEM_CHARS, MAX_RENTAL_DAYS};
pub use offline::OfflineParser;
pub(crate) use offline::{DEVICES, DIETS};
pub(crate) use phrases::TagStats;
pub use strategy::{Strategy, Weights};
pub use vocabulary::{CategoryDef, Vocabulary};

/// Longest prompt accepted, in characters.
pub const MAX_PROMPT_CHARS: usize = 4_000;
/// Longest deadline accepted, in days.
pub const MAX_DEADLINE_DAYS: u32 = 365;
/// The deadline when an intent gives none, in days.
pub const DEFAULT_DEADLINE_DAYS: u32 = 7;
/// Most units of one need (a bound on parser output, LLM or not).
pub const MAX_NEED_QUANTITY: u32 = 100_000;
/// Most needs in one plan.
pub const MAX_NEEDS: usize = 32;

/// Why an intent is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IntentError {
    /// The prompt is empty or only whitespace.
    #[error("prompt is empty")]
    EmptyPrompt,
    /// The prompt is longer than [`MAX_PROMPT_CHARS`].
    #[error("prompt has {chars} characters; at most {max} are accepted")]
    PromptTooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The budget is missing.
    #[error("budget is missing")]
    MissingBudget,
    /// The budget is not a valid amount.
    #[error("budget: {0}")]
    InvalidBudget(AmountError),
    /// The budget is zero.
    #[error("budget must be greater than zero")]
    ZeroBudget,
    /// The deadline is not a whole number of days or too far away.
    #[error("deadline_days must be a whole number of days from 0 (same day) to {max}, got {got}")]
    InvalidDeadline {
        /// What was given (as text, it may not be a number).
        got: String,
        /// The limit.
        max: u32,
    },
    /// Not one of the known strategies.
    #[error("unknown strategy {name:?}; expected cheapest, fastest, balanced or custom weights")]
    UnknownStrategy {
        /// What was given.
        name: String,
    },
    /// A strategy that is no preset name and no valid custom weights (an unknown or missing
    /// weight, a weight that is not a whole number 0..=100, text that is not JSON).
    #[error("{reason}")]
    InvalidStrategy {
        /// What is wrong, naming the weight.
        reason: String,
    },
    /// Custom weights that do not sum to 100.
    #[error("custom strategy weights must sum to 100, got {sum}")]
    InvalidWeights {
        /// Their sum.
        sum: u64,
    },
    /// The body is not valid JSON of the expected shape.
    #[error("malformed intent: {reason}")]
    Malformed {
        /// The field that is wrong, when one is (`prompt`, `budget`...).
        field: Option<String>,
        /// The parser's explanation.
        reason: String,
    },
}

impl IntentError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            IntentError::InvalidBudget(e) => e.code(),
            IntentError::UnknownStrategy { .. } | IntentError::InvalidStrategy { .. } | IntentError::InvalidWeights { .. } => {
                "INVALID_STRATEGY"
            }
            IntentError::Malformed { .. } => "MALFORMED_JSON",
            _ => "INVALID_INTENT",
        }
    }

    /// The request field that is wrong (`prompt`, `budget`, `deadline_days`, `strategy`), when one
    /// is: what a 422 names.
    pub fn field(&self) -> Option<&str> {
        match self {
            IntentError::EmptyPrompt | IntentError::PromptTooLong { .. } => Some("prompt"),
            IntentError::MissingBudget | IntentError::InvalidBudget(_) | IntentError::ZeroBudget => Some("budget"),
            IntentError::InvalidDeadline { .. } => Some("deadline_days"),
            IntentError::UnknownStrategy { .. } | IntentError::InvalidStrategy { .. } | IntentError::InvalidWeights { .. } => {
                Some("strategy")
            }
            IntentError::Malformed { field, .. } => field.as_deref(),
        }
    }
}

/// A validated request: what to buy (in words), with how much, by when, and how to trade off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intent {
    prompt: String,
    budget: Amount,
    deadline_days: u32,
    strategy: Strategy,
}

impl Intent {
    /// Builds and validates an intent. When `deadline_days` is the default
    /// ([`DEFAULT_DEADLINE_DAYS`]), a deadline the prompt states in words ("needed tomorrow",
    /// "deliver within 2 weeks", "2-day shipping") is used instead: what the user wrote is not
    /// planned with a week's deliveries because the caller passed the default. Any other
    /// `deadline_days` is the caller's choice and stands. A budget the prompt states for the
    /// whole request ("budget is $40", "keep it under $40", "don't spend more than 40
    /// dollars") below `budget` narrows it: the user said less; a prompt never raises it. When
    /// `strategy` is the default ([`Strategy::Balanced`]), one the prompt states ("the cheapest",
    /// "fastest delivery") is used instead; a caller that wants the balance whatever the prompt
    /// says passes its weights as [`Strategy::Custom`].
    pub fn new(prompt: impl Into<String>, budget: Amount, deadline_days: u32, strategy: Strategy) -> Result<Self, IntentError> {
        let prompt = prompt.into();
        let trimmed = prompt.trim();
        if trimmed.is_empty() {
            return Err(IntentError::EmptyPrompt);
        }
        let chars = trimmed.chars().count();
        if chars > MAX_PROMPT_CHARS {
            return Err(IntentError::PromptTooLong { chars, max: MAX_PROMPT_CHARS });
        }
        if budget == Amount::ZERO {
            return Err(IntentError::ZeroBudget);
        }
        if deadline_days > MAX_DEADLINE_DAYS {
            return Err(IntentError::InvalidDeadline { got: deadline_days.to_string(), max: MAX_DEADLINE_DAYS });
        }
        // A budget the prompt states narrows the caller's, never widens it.
        let budget = budget::stated_budget(trimmed).filter(|said| *said < budget).unwrap_or(budget);
        // The caller's deadline stands; the default gives way to one the prompt states.
        let deadline_days = match deadline::stated_deadline(trimmed) {
            Some(said) if deadline_days == DEFAULT_DEADLINE_DAYS => said.min(MAX_DEADLINE_DAYS),
            _ => deadline_days,
        };
        // So does the default strategy.
        let strategy = match priority::stated_strategy(trimmed) {
            Some(said) if strategy == Strategy::Balanced => said,
            _ => strategy,
        };
        Ok(Intent { prompt: trimmed.to_owned(), budget, deadline_days, strategy: strategy.validate()? })
    }

    /// A budget from exact decimal text (a query parameter, a host's string): `InvalidBudget`
    /// naming the budget when it is no amount.
    pub fn budget_from_text(text: &str) -> Result<Amount, IntentError> {
        Amount::parse(text).map_err(IntentError::InvalidBudget)
    }

    /// The one rule for a deadline as a host or a request body writes it: `None` is
    /// [`DEFAULT_DEADLINE_DAYS`]; otherwise the text of a whole number of days from 0 (same day)
    /// to [`MAX_DEADLINE_DAYS`]. `"3.0"`, `"-1"`, `"+3"` and `"\"3\""` are `InvalidDeadline`.
    pub fn deadline_from_text(text: Option<&str>) -> Result<u32, IntentError> {
        let Some(text) = text else { return Ok(DEFAULT_DEADLINE_DAYS) };
        match text.parse::<u32>() {
            Ok(days) if days <= MAX_DEADLINE_DAYS && text.bytes().all(|b| b.is_ascii_digit()) => Ok(days),
            _ => Err(IntentError::InvalidDeadline { got: text.chars().take(40).collect(), max: MAX_DEADLINE_DAYS }),
        }
    }

    /// Parses and validates the seed's JSON body:
    /// `{"prompt": str, "budget": number|string, "deadline_days": int, "strategy": str|{"custom": {...}}}`.
    pub fn from_json(json: &str) -> Result<Self, IntentError> {
        Intent::from_json_text(json)
    }

    /// [`Intent::from_json`] of a request body's bytes: bytes that are not UTF-8 are
    /// `MALFORMED_JSON` (JSON is UTF-8), as any other malformed body.
    pub fn from_json_bytes(body: &[u8]) -> Result<Self, IntentError> {
        let text = std::str::from_utf8(body)
            .map_err(|e| IntentError::Malformed { field: None, reason: format!("the body is not UTF-8 ({e})") })?;
        Intent::from_json_text(text)
    }

    fn from_json_text(json: &str) -> Result<Self, IntentError> {
        // A prompt sent as the body ("24 energy drinks") would get serde's "invalid type: integer".
        if !json.trim_start().starts_with('{') {
            let reason = "an intent is a JSON object {\"prompt\", \"budget\", \"deadline_days\", \"strategy\"}".into();
            return Err(IntentError::Malformed { field: None, reason });
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let req: IntentRequest = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            // "missing field `prompt`" names its field; a wrong value names its path.
            let missing = inner.to_string().split('`').nth(1).filter(|_| inner.to_string().starts_with("missing field")).map(str::to_owned);
            let field = missing.or_else(|| path.split(['.', '[']).next().filter(|p| !p.is_empty() && *p != "?").map(str::to_owned));
            IntentError::Malformed { field, reason: inner.to_string() }
        })?;
        de.end().map_err(|e| IntentError::Malformed { field: None, reason: e.to_string() })?;
        Intent::try_from(req)
    }

    /// The prompt, trimmed.
    pub fn prompt(&self) -> &str {
        &self.prompt
    }
    /// The budget.
    pub fn budget(&self) -> Amount {
        self.budget
    }
    /// The deadline, in days from now.
    pub fn deadline_days(&self) -> u32 {
        self.deadline_days
    }
    /// The strategy.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }
    /// The same intent with another strategy.
    pub fn with_strategy(&self, strategy: Strategy) -> Result<Intent, IntentError> {
        Ok(Intent { strategy: strategy.validate()?, ..self.clone() })
    }
    /// SHA-256 of the intent's canonical JSON, hex.
    pub fn hash(&self) -> String {
        crate::canonical::hash_of(self)
    }
}

/// The untrusted wire form of an intent (the seed's `UserRequest`). Validate it with
/// `Intent::try_from`.
#[derive(Debug, Clone, Deserialize)]
pub struct IntentRequest {
    /// What to buy, in words.
    pub prompt: String,
    /// Budget in USDC, as a JSON number or a decimal string.
    pub budget: Option<AmountText>,
    /// Deadline in days (defaults to 7).
    #[serde(default)]
    pub deadline_days: Option<serde_json::Value>,
    /// `cheapest` | `fastest` | `balanced` | `{"custom": {"price":..,"delivery":..,"trust":..}}`
    /// (defaults to `balanced`).
    #[serde(default)]
    pub strategy: Option<serde_json::Value>,
}

impl TryFrom<IntentRequest> for Intent {
    type Error = IntentError;
    fn try_from(req: IntentRequest) -> Result<Self, Self::Error> {
        let budget = req.budget.ok_or(IntentError::MissingBudget)?.to_amount().map_err(IntentError::InvalidBudget)?;
        // A number's JSON text is its digits; a string keeps its quotes and is refused.
        let deadline = req.deadline_days.filter(|v| !v.is_null()).map(|v| v.to_string());
        let deadline_days = Intent::deadline_from_text(deadline.as_deref())?;
        let strategy = Strategy::from_json_value(req.strategy.unwrap_or(serde_json::Value::Null))?;
        Intent::new(req.prompt, budget, deadline_days, strategy)
    }
}

/// A category id from the catalog's vocabulary (`snacks`, `badges`, ...).
pub type CategoryId = String;

/// Something a parser read but did not turn into a need, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dropped {
    /// The item as the parser saw it.
    pub item: String,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// What a parser reports about itself: the seed's `{model, latency_ms, tokens_used}` and more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseTelemetry {
    /// Parser that produced the plan (`offline`, `llm`).
    pub parser: String,
    /// Model name (`flux-offline-v1` for the offline parser).
    pub model: String,
    /// Provider (`flux`, `openai`, `gemini`, `groq`, `local`).
    pub provider: String,
    /// Wall-clock time spent parsing, in milliseconds (not part of any canonical output).
    pub latency_ms: u64,
    /// Prompt tokens reported by the model, if any.
    pub prompt_tokens: u64,
    /// Completion tokens reported by the model, if any.
    pub completion_tokens: u64,
    /// Total tokens (the seed's `tokens_used`).
    pub tokens_used: u64,
    /// Whether a fallback parser produced this plan.
    pub fallback: bool,
    /// Why the fallback happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
}

/// The needs read from an intent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Needs in the order they appear in the prompt, one per category.
    pub needs: Vec<Need>,
    /// Head count, if the prompt gave one ("for 100 people").
    pub headcount: Option<u32>,
    /// Items read but not used, with reasons.
    pub dropped: Vec<Dropped>,
    /// How the plan was produced (excluded from canonical output).
    #[serde(skip)]
    pub telemetry: ParseTelemetry,
}

/// Why a parser could not produce a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing in the prompt matched the vocabulary.
    #[error("no known item category found in the prompt; try words like: {hint}")]
    NothingRecognized {
        /// A few categories to suggest.
        hint: String,
    },
    /// Every item the prompt names that the catalog knows, it asks not to buy ("no snacks").
    #[error("the prompt asks for nothing to buy: {detail}")]
    NothingWanted {
        /// What was left out, and what was not recognized.
        detail: String,
    },
    /// Every item the prompt names is counted outside what can be bought ("0 energy drinks",
    /// "1000000 energy drinks"): each need is 1 to [`MAX_NEED_QUANTITY`] units.
    #[error("no item in the prompt has a count that can be bought: {detail}")]
    QuantityOutOfRange {
        /// The items and their counts.
        detail: String,
    },
    /// The parser's backend failed (network, model, answer format).
    #[error("intent parser failed: {reason}")]
    Backend {
        /// A short, secret-free reason.
        reason: String,
    },
}

impl ParseError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::NothingRecognized { .. } => "NOTHING_RECOGNIZED",
            ParseError::NothingWanted { .. } => "NOTHING_WANTED",
            ParseError::QuantityOutOfRange { .. } => "QUANTITY_OUT_OF_RANGE",
            ParseError::Backend { .. } => "PARSER_FAILED",
        }
    }
}

/// Reads an intent into a [`Plan`]. Implementations must be deterministic or say otherwise in
/// telemetry; their output is untrusted and validated by the caller ([`Plan::sanitize`]).
pub trait IntentParser: Send + Sync {
    /// Reads the intent's prompt into needs from `vocabulary`.
    fn parse<'a>(&'a self, intent: &'a Intent, vocabulary: &'a Vocabulary) -> BoxFuture<'a, Result<Plan, ParseError>>;

    /// Whether [`IntentParser::parse_image`] can read a photo of a shopping list (a vision
    /// model). Flux answers `VISION_UNAVAILABLE` for images when it cannot: it never guesses.
    fn reads_images(&self) -> bool {
        false
    }

    /// Reads a photo of a shopping list (`image.kind().is_image()`) into needs; `intent` carries
    /// the budget, deadline and strategy. Only called when [`IntentParser::reads_images`].
    fn parse_image<'a>(
        &'a self,
        image: &'a Document,
        intent: &'a Intent,
        vocabulary: &'a Vocabulary,
    ) -> BoxFuture<'a, Result<Plan, ParseError>> {
        let _ = (image, intent, vocabulary);
        Box::pin(async { Err(ParseError::Backend { reason: "this parser does not read images".into() }) })
    }

    /// A short name for telemetry and logs.
    fn name(&self) -> &str;
}

impl Plan {
    /// Drops the price caps for all of a need that the budget already keeps: "10 hdmi cables and
    /// 5 adapters, under $150 total" capped the adapters alone at the request's budget of $150.
    /// Nothing is lost: the proposal states the budget, which keeps the cap.
    pub(crate) fn drop_caps_within(&mut self, budget: Amount) {
        for need in &mut self.needs {
            need.attributes.retain(|a| !(a.starts_with("max $") && price_cap_of(a).is_some_and(|c| c.total && c.most >= budget)));
        }
    }

    /// Enforces the plan's invariants whatever produced it: known categories only, quantities in
    /// 1..=[`MAX_NEED_QUANTITY`], one need per category (quantities of repeats are added, capped),
    /// at most [`MAX_NEEDS`]. Everything removed is listed in `dropped`.
    pub fn sanitize(mut self, vocabulary: &Vocabulary) -> Plan {
        let mut needs: Vec<Need> = Vec::with_capacity(self.needs.len());
        for need in std::mem::take(&mut self.needs) {
            let Some(def) = vocabulary.get(&need.category) else {
                self.dropped.push(Dropped { item: need.category.chars().take(60).collect(), reason: DropReason::UnknownCategory });
                continue;
            };
            if need.quantity == 0 || need.quantity > MAX_NEED_QUANTITY {
                self.dropped.push(Dropped { item: format!("{} x {}", def.id, need.quantity), reason: DropReason::QuantityOutOfRange });
                continue;
            }
            let need = Need { category: def.id.clone(), ..need }.bounded();
            // The same item of the same category twice, counted the same way and had the same
            // way (bought, or rented for the same days), is one need with both quantities.
            let same = |n: &&mut Need| {
                n.category == need.category
                    && n.item == need.item
                    && n.attributes == need.attributes
                    && n.excluding == need.excluding
                    && (&n.merchants, &n.excluding_merchants) == (&need.merchants, &need.excluding_merchants)
                    && n.packs.is_some() == need.packs.is_some()
                    && (n.days, n.tenure) == (need.days, need.tenure)
            };
            if let Some(existing) = needs.iter_mut().find(same) {
                existing.add(need.quantity);
                existing.estimated &= need.estimated;
                continue;
            }
            if needs.len() == MAX_NEEDS {
                self.dropped.push(Dropped { item: need.item, reason: DropReason::TooManyNeeds });
                continue;
            }
            needs.push(need);
        }
        self.needs = needs;
        self
    }
}
