//! Typed tool errors: every refusal reaches the agent as a tool result with `isError: true` and
//! structured content `{"error": {"code", "kind", "message", "field"?, "violations"?, ...}}`, so a
//! model can read why and correct itself. Codes are the core's (`FluxError::code()`) or this
//! server's own (listed on [`ToolError`]'s constructors); kinds are the core's `ErrorKind` names.

use flux_core::{ErrorKind, FluxError};
use serde_json::{json, Map, Value};

/// A refused tool call (boxed: results stay small on the happy path).
#[derive(Debug, Clone)]
pub struct ToolError(Box<Refusal>);

/// What a [`ToolError`] holds.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// Stable machine code (`UNKNOWN_CART`, `POLICY_VIOLATION`, ...).
    pub code: String,
    /// One of the core's error kinds (`invalid_input`, `not_found`, ...).
    pub kind: &'static str,
    /// What went wrong, for a person or a model.
    pub message: String,
    /// The argument at fault, when one is.
    pub field: Option<String>,
    /// The policy's violations, when it denied.
    pub violations: Vec<Value>,
    /// Anything else the caller needs (what to approve, for example).
    pub details: Map<String, Value>,
}

/// At most this many characters of caller text are echoed back in a message.
const ECHO_CHARS: usize = 80;

/// Caller text cut short and stripped of control characters, to quote it in a message.
pub fn echo(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(ECHO_CHARS).collect();
    if text.chars().count() > ECHO_CHARS {
        out.push('…');
    }
    out
}

impl std::ops::Deref for ToolError {
    type Target = Refusal;
    fn deref(&self) -> &Refusal {
        &self.0
    }
}

impl std::ops::DerefMut for ToolError {
    fn deref_mut(&mut self) -> &mut Refusal {
        &mut self.0
    }
}

impl ToolError {
    /// An error of a kind with a code.
    pub fn new(code: &str, kind: ErrorKind, message: impl Into<String>) -> ToolError {
        ToolError(Box::new(Refusal {
            code: code.to_owned(),
            kind: kind.as_str(),
            message: message.into(),
            field: None,
            violations: Vec::new(),
            details: Map::new(),
        }))
    }

    /// Names the argument at fault.
    pub fn at(mut self, field: impl Into<String>) -> ToolError {
        self.field = Some(field.into());
        self
    }

    /// Adds a detail.
    pub fn with(mut self, key: &str, value: Value) -> ToolError {
        self.details.insert(key.to_owned(), value);
        self
    }

    /// `UNKNOWN_ARGUMENT`: a tool was given arguments it does not take (`unknown`, the first is
    /// the `field`). `takes` lists what it does take, so one retry can get it right; a name one of
    /// them contains or starts ("deadline" for "deadline_days") is suggested.
    pub fn unknown_argument(tool: &str, unknown: &[&str], takes: &[&str]) -> ToolError {
        let first = unknown.first().map_or_else(String::new, |n| echo(n));
        let names: Vec<String> = unknown.iter().take(8).map(|n| format!("{:?}", echo(n))).collect();
        let close = |n: &str| {
            let n = n.to_lowercase();
            takes.iter().find(|t| n.len() >= 4 && (t.starts_with(n.as_str()) || n.starts_with(*t) || t.contains(n.as_str())))
        };
        let hints: Vec<String> = unknown.iter().take(8).filter_map(|n| close(n).map(|t| format!("{:?} for {:?}", t, echo(n)))).collect();
        let mut message = format!("{tool} takes no argument {}", names.join(", "));
        if !hints.is_empty() {
            message.push_str(&format!(" (did you mean {}?)", hints.join(", ")));
        }
        if !takes.is_empty() {
            message.push_str(&format!("; it takes {}", takes.join(", ")));
        }
        message
            .push_str(". Carts are named by id only; prices, amounts, addresses, merchants and chains come from the kernel and its policy");
        ToolError::new("UNKNOWN_ARGUMENT", ErrorKind::InvalidInput, message)
            .at(first)
            .with("unknown", json!(unknown.iter().take(8).map(|n| echo(n)).collect::<Vec<_>>()))
    }

    /// `INVALID_ARGUMENTS`: an argument has the wrong type or shape.
    pub fn invalid_arguments(field: &str, reason: &str) -> ToolError {
        let message = if field.is_empty() { reason.to_owned() } else { format!("{field}: {reason}") };
        let e = ToolError::new("INVALID_ARGUMENTS", ErrorKind::InvalidInput, message);
        if field.is_empty() {
            e
        } else {
            e.at(field)
        }
    }

    /// `INVALID_ARGUMENTS` naming a required argument the call left out (`approval.signature`
    /// for one inside an argument).
    pub fn missing_argument(tool: &str, name: &str) -> ToolError {
        ToolError::new("INVALID_ARGUMENTS", ErrorKind::InvalidInput, format!("{tool} needs the argument {name:?}, which is missing"))
            .at(name)
    }

    /// `UNKNOWN_CART`: no cart with this id was proposed or edited here.
    pub fn unknown_cart(cart_id: &str, capacity: usize) -> ToolError {
        ToolError::new(
            "UNKNOWN_CART",
            ErrorKind::NotFound,
            format!(
                "no cart {:?} was proposed or edited by this server (it keeps its last {capacity} carts): call plan_purchase for a cart id",
                echo(cart_id)
            ),
        )
        .at("cart_id")
    }

    /// The tool result's structured content.
    pub fn to_value(&self) -> Value {
        let mut error = Map::new();
        error.insert("code".into(), json!(self.code));
        error.insert("kind".into(), json!(self.kind));
        error.insert("message".into(), json!(self.message));
        if let Some(f) = &self.field {
            error.insert("field".into(), json!(f));
        }
        if !self.violations.is_empty() {
            error.insert("violations".into(), Value::Array(self.violations.clone()));
        }
        for (k, v) in &self.details {
            error.insert(k.clone(), v.clone());
        }
        json!({ "error": error, "paid": false })
    }

    /// One line for the text content: `CODE: message`, then each violation.
    pub fn summary(&self) -> String {
        let mut text = format!("{}: {}", self.code, self.message);
        for v in &self.violations {
            let code = v.get("code").and_then(Value::as_str).unwrap_or("");
            let message = v.get("message").and_then(Value::as_str).unwrap_or("");
            text.push_str(&format!("\n- {code}: {message}"));
        }
        text
    }
}

/// The tool argument a core error's field stands for: the core names the HTTP header
/// `Idempotency-Key` (what its web layer reads); a tool takes the argument `idempotency_key`.
fn argument_name(core_field: &str) -> &str {
    match core_field {
        "Idempotency-Key" => "idempotency_key",
        other => other,
    }
}

impl From<FluxError> for ToolError {
    fn from(e: FluxError) -> ToolError {
        let mut out = ToolError::new(e.code(), e.kind(), e.to_string());
        out.field = e.field().map(|f| argument_name(f).to_owned());
        out.violations = e.violations().iter().filter_map(|v| serde_json::to_value(v).ok()).collect();
        if let Some(s) = e.retry_after() {
            out.details.insert("retry_after".into(), json!(s));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn echo_cuts_and_strips() {
        assert_eq!(echo("a\nb"), "ab");
        let long = "x".repeat(200);
        assert_eq!(echo(&long).chars().count(), ECHO_CHARS + 1);
    }

    #[test]
    fn core_errors_keep_code_kind_and_field() {
        let e: ToolError = FluxError::from(flux_core::IntentError::ZeroBudget).into();
        let v = e.to_value();
        assert_eq!(v["error"]["kind"], "invalid_input");
        assert_eq!(v["error"]["field"], "budget");
        assert_eq!(v["paid"], false);
        assert!(e.summary().starts_with(&format!("{}: ", e.code)));
    }

    #[test]
    fn idempotency_errors_name_the_argument_not_the_header() {
        let e: ToolError = FluxError::InvalidIdempotencyKey { reason: "empty".into() }.into();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_IDEMPOTENCY_KEY", Some("idempotency_key")));
    }
}
