//! The Chat Completions wire format without I/O: the request body, the response's envelope,
//! and the trust boundary that turns a model's answer into a [`Plan`].

use serde::Deserialize;
use serde_json::{Map, Value};

use super::LlmError;
use crate::intent::{Dropped, Need, ParseTelemetry, Plan, Tenure, Vocabulary, MAX_NEEDS, MAX_NEED_QUANTITY};
use crate::reasons::DropReason;

mod request;

pub(crate) use request::PreparedRequest;
#[cfg(test)]
use request::{json_schema_format, system_prompt};

/// Name of the JSON schema sent with `response_format: json_schema`.
pub(crate) const SCHEMA_NAME: &str = "flux_plan";
/// Need entries of an answer looked at; the rest are reported, not read.
const MAX_ANSWER_NEEDS: usize = 4 * MAX_NEEDS;
/// `dropped` entries an answer may add; beyond that one summary entry is added.
const MAX_ANSWER_DROPPED: usize = 32;
/// Largest head count taken from an answer.
const MAX_HEADCOUNT: u64 = 1_000_000;
/// Characters of an ignored value kept in its `dropped` entry.
const PREVIEW_CHARS: usize = 80;
/// `{` positions tried when looking for a JSON object in free text.
const MAX_OBJECT_STARTS: usize = 16;

/// Token counts from a response's `usage`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
}

/// What matters of a `chat.completion` response.
#[derive(Debug, Clone, Default)]
pub(crate) struct Completion {
    pub content: Option<String>,
    pub refusal: Option<String>,
    pub finish_reason: Option<String>,
    pub model: Option<String>,
    pub usage: Usage,
}

#[derive(Deserialize)]
struct RawCompletion {
    choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    usage: Option<Value>,
    #[serde(default)]
    model: Option<Value>,
}

#[derive(Deserialize)]
struct RawChoice {
    #[serde(default)]
    message: Option<RawMessage>,
    #[serde(default)]
    finish_reason: Option<Value>,
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(default)]
    content: Option<Value>,
    #[serde(default)]
    refusal: Option<Value>,
}

/// Reads a `chat.completion` body: the first choice's message and the usage.
pub(crate) fn read_completion(body: &[u8]) -> Result<Completion, LlmError> {
    let raw: RawCompletion = serde_json::from_slice(body)
        .map_err(|e| LlmError::BadResponse { reason: format!("not a chat.completion object: {}", clip(&e.to_string(), 120)) })?;
    let usage = raw.usage.as_ref().map(read_usage).unwrap_or_default();
    let model = raw.model.as_ref().and_then(Value::as_str).map(|m| clip(m, 64)).filter(|m| !m.is_empty());
    let Some(choice) = raw.choices.and_then(|c| c.into_iter().next()) else {
        return Err(LlmError::EmptyChoices { usage_tokens: usage.total_tokens });
    };
    let (content, refusal) = match choice.message {
        Some(m) => (m.content.and_then(content_text), m.refusal.as_ref().and_then(Value::as_str).map(|r| clip(r, 200))),
        None => (None, None),
    };
    let finish_reason = choice.finish_reason.as_ref().and_then(Value::as_str).map(|r| clip(r, 32));
    Ok(Completion { content, refusal, finish_reason, model, usage })
}

fn read_usage(v: &Value) -> Usage {
    let get = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (prompt_tokens, completion_tokens) = (get("prompt_tokens"), get("completion_tokens"));
    let total_tokens = match get("total_tokens") {
        0 => prompt_tokens.saturating_add(completion_tokens),
        t => t,
    };
    Usage { prompt_tokens, completion_tokens, total_tokens }
}

/// A message's content: a string, or the text parts of an array of parts.
fn content_text(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Array(parts) => {
            let text: String = parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect();
            Some(text)
        }
        _ => None,
    }
}

/// The model's answer as JSON: the whole text, else the first fenced block, else the first
/// balanced `{...}` that parses. A JSON string holding JSON is unwrapped once.
pub(crate) fn extract_json(text: &str) -> Result<Value, LlmError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(LlmError::EmptyAnswer);
    }
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        match v {
            Value::Object(_) | Value::Array(_) => return Ok(v),
            Value::String(inner) => {
                if let Ok(v @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(inner.trim()) {
                    return Ok(v);
                }
            }
            _ => {}
        }
    }
    if let Some(block) = fenced_block(t) {
        if let Ok(v @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(block.trim()) {
            return Ok(v);
        }
    }
    for (start, _) in t.match_indices('{').take(MAX_OBJECT_STARTS) {
        let rest = &t[start..];
        if let Some(end) = balanced_object_len(rest) {
            if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(&rest[..end]) {
                return Ok(v);
            }
        }
    }
    Err(LlmError::NoJson)
}

/// The body of the first ```` ``` ```` block (after its language tag line).
fn fenced_block(t: &str) -> Option<&str> {
    let open = t.find("```")?;
    let after = &t[open + 3..];
    let body_start = after.find('\n').map(|i| i + 1)?;
    let body = &after[body_start..];
    let close = body.find("```")?;
    Some(&body[..close])
}

/// Length of the balanced `{...}` at the start of `s` (strings and escapes respected).
fn balanced_object_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Validates a model's answer text into a [`Plan`]: the trust boundary.
///
/// - Only `needs` (and `headcount`) are read. Every other field, at the top or in a need
///   (budget, deadline, merchant, address, amount, payment, ...), is ignored and reported in
///   `dropped` with reason `ignored_field`, its value clipped: it cannot change anything.
/// - Categories must be vocabulary ids (or one of their synonyms); others are dropped as
///   `unknown_category`.
/// - Quantities must be integers in 1..=[`MAX_NEED_QUANTITY`] (`quantity_out_of_range`,
///   `invalid_quantity`); a missing quantity means the category's default.
/// - The result goes through [`Plan::sanitize`].
///
/// The telemetry is left empty (the parser fills it). An answer with no usable need is
/// `LLM_NO_NEEDS`, carrying what was dropped.
pub fn plan_from_answer(content: &str, vocabulary: &Vocabulary) -> Result<Plan, LlmError> {
    let value = extract_json(content)?;
    let mut dropped = Dropper::default();
    let mut headcount = None;
    let needs_value = match value {
        Value::Object(map) => {
            let mut needs_value = None;
            for (key, v) in map {
                match key.as_str() {
                    "needs" => needs_value = Some(v),
                    "headcount" => headcount = read_headcount(&v, &mut dropped),
                    _ => dropped.ignored(&key, &v),
                }
            }
            needs_value
        }
        array @ Value::Array(_) => Some(array),
        _ => return Err(LlmError::InvalidAnswer { reason: "the answer is not a JSON object".into() }),
    };
    let entries = match needs_value {
        Some(Value::Array(a)) => a,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(LlmError::InvalidAnswer { reason: "\"needs\" is not an array".into() }),
    };
    let total = entries.len();
    let mut needs = Vec::with_capacity(total.min(MAX_NEEDS));
    let mut shares = Vec::with_capacity(total.min(MAX_NEEDS));
    for (i, entry) in entries.into_iter().enumerate() {
        if i == MAX_ANSWER_NEEDS {
            dropped.push(format!("needs[{i}..{total}]"), DropReason::TooManyNeeds);
            break;
        }
        if let Some((need, sharing)) = read_need(i, entry, vocabulary, headcount, &mut dropped) {
            needs.push(need);
            shares.push(sharing);
        }
    }
    share_rates(&mut needs, &shares);
    let plan = Plan { needs, headcount, dropped: dropped.finish(), telemetry: ParseTelemetry::default() }.sanitize(vocabulary);
    if plan.needs.is_empty() {
        return Err(LlmError::NoNeeds { dropped: plan.dropped });
    }
    Ok(plan)
}

fn read_headcount(v: &Value, dropped: &mut Dropper) -> Option<u32> {
    match v {
        Value::Null => None,
        Value::Number(n) => match n.as_u64() {
            Some(h) if (1..=MAX_HEADCOUNT).contains(&h) => u32::try_from(h).ok(),
            _ => {
                dropped.push(format!("headcount={}", clip(&n.to_string(), PREVIEW_CHARS)), DropReason::HeadcountOutOfRange);
                None
            }
        },
        other => {
            dropped.push(format!("headcount={}", preview(other)), DropReason::InvalidHeadcount);
            None
        }
    }
}

/// One need of the answer; without a quantity it gets what the offline parser would give: the
/// item's rate for `headcount`, else its default.
fn read_need(i: usize, entry: Value, vocabulary: &Vocabulary, headcount: Option<u32>, dropped: &mut Dropper) -> Option<(Need, bool)> {
    let Value::Object(obj) = entry else {
        dropped.push(format!("needs[{i}]={}", preview(&entry)), DropReason::InvalidNeed);
        return None;
    };
    let mut category = None;
    let mut quantity = None;
    let mut notes = None;
    let mut item = None;
    let mut attributes = None;
    let mut excluding = None;
    let mut days = None;
    let mut tenure = None;
    for (key, v) in obj_sorted(obj) {
        match key.as_str() {
            "category" => category = Some(v),
            "quantity" => quantity = Some(v),
            "notes" => notes = Some(v),
            "item" => item = Some(v),
            "attributes" => attributes = Some(v),
            "excluding" => excluding = Some(v),
            // How long equipment is kept: a whole number of days, else ignored (one day).
            "days" => match v.as_u64().and_then(|d| u32::try_from(d).ok()) {
                Some(d) => days = Some(d),
                None if v.is_null() => {}
                None => dropped.ignored(&format!("needs[{i}].days"), &v),
            },
            // Bought outright or rented, as the request says; anything else is ignored (either).
            "tenure" => match Option::<Tenure>::deserialize(&v) {
                Ok(t) => tenure = t,
                Err(_) => dropped.ignored(&format!("needs[{i}].tenure"), &v),
            },
            _ => dropped.ignored(&format!("needs[{i}].{}", clip(&key, 40)), &v),
        }
    }
    let named = match &category {
        Some(Value::String(s)) => s.trim().to_lowercase(),
        other => {
            let shown = other.as_ref().map(preview).unwrap_or_else(|| "missing".into());
            dropped.push(format!("needs[{i}].category={shown}"), DropReason::UnknownCategory);
            return None;
        }
    };
    let Some(def) = resolve_category(&named, vocabulary) else {
        dropped.push(clip(&named, 60), DropReason::UnknownCategory);
        return None;
    };
    // Counted at a rate the category's items share ("coffee and water for 30"): see `share_rates`.
    let mut sharing = false;
    // No count from the model: the kernel's estimate (a default, or the head count's rate).
    let estimated = matches!(quantity, None | Some(Value::Null));
    let quantity = match quantity {
        None | Some(Value::Null) => {
            let item = item.as_ref().and_then(Value::as_str).unwrap_or_default();
            sharing = headcount.is_some() && def.shares_rate(item);
            u64::from(headcount.and_then(|h| def.units_for_crowd(item, h)).unwrap_or_else(|| def.unstated_units(item)))
        }
        Some(Value::Number(n)) => match (n.as_u64(), n.as_i64()) {
            (Some(q), _) => q,
            (None, Some(negative)) => {
                dropped.push(format!("{} x {negative}", def.id), DropReason::QuantityOutOfRange);
                return None;
            }
            (None, None) => {
                dropped.push(format!("{} x {}", def.id, clip(&n.to_string(), 40)), DropReason::InvalidQuantity);
                return None;
            }
        },
        Some(Value::String(s)) => match s.trim().parse::<u64>() {
            Ok(q) => q,
            Err(_) => {
                dropped.push(format!("{} x {}", def.id, clip(&s, 40)), DropReason::InvalidQuantity);
                return None;
            }
        },
        Some(other) => {
            dropped.push(format!("{} x {}", def.id, preview(&other)), DropReason::InvalidQuantity);
            return None;
        }
    };
    let quantity = match u32::try_from(quantity) {
        Ok(q) if (1..=MAX_NEED_QUANTITY).contains(&q) => q,
        _ => {
            dropped.push(format!("{} x {quantity}", def.id), DropReason::QuantityOutOfRange);
            return None;
        }
    };
    let source = match notes {
        Some(Value::String(n)) if !n.trim().is_empty() => format!("llm: {}", clip(n.trim(), PREVIEW_CHARS)),
        None | Some(Value::Null) | Some(Value::String(_)) => "llm".to_owned(),
        Some(other) => {
            dropped.ignored(&format!("needs[{i}].notes"), &other);
            "llm".to_owned()
        }
    };
    // What was asked: untrusted words, bounded by `Need::bounded`; anything else is ignored.
    let item = match item {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => String::new(),
        Some(other) => {
            dropped.ignored(&format!("needs[{i}].item"), &other);
            String::new()
        }
    };
    let attributes = words(attributes, &format!("needs[{i}].attributes"), dropped);
    let excluding = words(excluding, &format!("needs[{i}].excluding"), dropped);
    let need = Need { quantity, source, item, attributes, excluding, estimated, days, tenure, ..Need::generic(def.id.clone(), 0) };
    Some((need.bounded(), sharing))
}

/// The needs counted at a shared rate (`sharing`) share it with the other distinct items of their
/// category counted so, as the offline parser does: "coffee and water for 30" are 45 of each.
fn share_rates(needs: &mut [Need], sharing: &[bool]) {
    let entries: Vec<_> =
        needs.iter().zip(sharing).map(|(n, s)| (s.then_some(n.category.as_str()), (n.item.as_str(), n.attributes.as_slice()), 1)).collect();
    let shares = crate::intent::vocabulary::rate_portions(&entries, 1);
    for (need, (portion, of)) in needs.iter_mut().zip(shares) {
        need.quantity = u32::try_from((u64::from(need.quantity) * portion).div_ceil(of)).unwrap_or(u32::MAX);
    }
}

/// A list of words (`attributes`, `excluding`) at `path`: its strings, in order; anything else is
/// ignored and said so.
fn words(list: Option<Value>, path: &str, dropped: &mut Dropper) -> Vec<String> {
    match list {
        Some(Value::Array(list)) => list
            .into_iter()
            .enumerate()
            .filter_map(|(k, a)| match a {
                Value::String(s) => Some(s),
                other => {
                    dropped.ignored(&format!("{path}[{k}]"), &other);
                    None
                }
            })
            .collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(other) => {
            dropped.ignored(path, &other);
            Vec::new()
        }
    }
}

/// A need's fields in key order (serde_json's map is ordered by key already; this keeps the
/// order explicit and stable whatever its features).
fn obj_sorted(obj: Map<String, Value>) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = obj.into_iter().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields
}

/// A vocabulary category by id, by id with spaces or dashes for `_`, or by synonym.
fn resolve_category<'v>(named: &str, vocabulary: &'v Vocabulary) -> Option<&'v crate::intent::CategoryDef> {
    if let Some(def) = vocabulary.get(named) {
        return Some(def);
    }
    let underscored = named.replace([' ', '-'], "_");
    if let Some(def) = vocabulary.get(&underscored) {
        return Some(def);
    }
    vocabulary.categories().iter().find(|c| c.synonyms.iter().any(|s| s == named))
}

/// Collects `dropped` entries, bounded.
#[derive(Default)]
struct Dropper {
    entries: Vec<Dropped>,
    over: usize,
}

impl Dropper {
    fn push(&mut self, item: String, reason: DropReason) {
        if self.entries.len() < MAX_ANSWER_DROPPED {
            self.entries.push(Dropped { item: clip(&item, 160), reason });
        } else {
            self.over = self.over.saturating_add(1);
        }
    }

    fn ignored(&mut self, path: &str, value: &Value) {
        self.push(format!("{}={}", clip(path, 60), preview(value)), DropReason::IgnoredField);
    }

    fn finish(mut self) -> Vec<Dropped> {
        if self.over > 0 {
            self.entries.push(Dropped { item: format!("{} more entries not listed", self.over), reason: DropReason::TooManyDropped });
        }
        self.entries
    }
}

/// Compact JSON of a value, clipped.
fn preview(v: &Value) -> String {
    match v {
        Value::String(s) => clip(&format!("{s:?}"), PREVIEW_CHARS),
        other => clip(&other.to_string(), PREVIEW_CHARS),
    }
}

/// At most `max` characters of `s`, control characters removed, `…` when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(4)));
    for (n, c) in s.chars().filter(|c| !c.is_control()).enumerate() {
        if n == max {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
