//! The audit trail: append-only, hash-chained events for every step (Plan → Act → Verify).
//!
//! Each event's `hash` is SHA-256 over the canonical JSON of its other fields, including the
//! previous event's hash; the first event chains from 64 zeros. Editing, dropping, inserting or
//! reordering any event breaks the chain, and [`verify_jsonl`] says where.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical;

/// The phase of the flow an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reading the intent, ranking, optimizing.
    Plan,
    /// Authorizing and settling.
    Act,
    /// Checking results.
    Verify,
}

/// One event of the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEvent {
    /// Position, from 0.
    pub seq: u64,
    /// Unix time in milliseconds (from the host's clock; an input, not read by the kernel).
    pub at_ms: u64,
    /// Phase.
    pub phase: Phase,
    /// What happened (`intent.parsed`, `cart.proposed`, `policy.denied`, ...).
    pub kind: String,
    /// A small structured payload.
    pub payload: Value,
    /// SHA-256 of the payload's canonical JSON.
    pub payload_hash: String,
    /// The previous event's hash.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// Hash the chain starts from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The event's hash: SHA-256 over the canonical JSON of every field but `hash` and `payload`
/// (the payload enters through `payload_hash`). Written directly — the keys are already in
/// canonical (sorted) order — instead of through a JSON value.
fn event_hash(e: &AuditEvent) -> String {
    let phase = match e.phase {
        Phase::Plan => "plan",
        Phase::Act => "act",
        Phase::Verify => "verify",
    };
    let kind = serde_json::to_string(&e.kind).unwrap_or_default();
    let payload_hash = serde_json::to_string(&e.payload_hash).unwrap_or_default();
    let prev_hash = serde_json::to_string(&e.prev_hash).unwrap_or_default();
    let text = format!(
        "{{\"at_ms\":{},\"kind\":{kind},\"payload_hash\":{payload_hash},\"phase\":\"{phase}\",\"prev_hash\":{prev_hash},\"seq\":{}}}",
        e.at_ms, e.seq
    );
    canonical::hash_hex(text.as_bytes())
}

/// Why a trail failed verification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit trail broken at event {seq}: {reason}")]
pub struct AuditError {
    /// The first bad event's position (line number − 1 in JSONL).
    pub seq: u64,
    /// What is wrong.
    pub reason: String,
}

impl AuditError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        "AUDIT_TAMPERED"
    }
}

/// An append-only hash-chained trail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditTrail {
    events: Vec<AuditEvent>,
}

impl AuditTrail {
    /// An empty trail.
    pub fn new() -> Self {
        AuditTrail::default()
    }

    /// Appends an event and returns it.
    pub fn append<T: Serialize + ?Sized>(&mut self, at_ms: u64, phase: Phase, kind: &str, payload: &T) -> &AuditEvent {
        self.append_value(at_ms, phase, kind, serde_json::to_value(payload).unwrap_or(Value::Null))
    }

    /// [`AuditTrail::append`] with a payload already built as JSON (no copy).
    pub fn append_value(&mut self, at_ms: u64, phase: Phase, kind: &str, payload: Value) -> &AuditEvent {
        let prev_hash = self.events.last().map_or_else(|| GENESIS_HASH.to_owned(), |e| e.hash.clone());
        let mut e = AuditEvent {
            seq: self.events.len() as u64,
            at_ms,
            phase,
            kind: kind.to_owned(),
            payload_hash: canonical::hash_of_value(&payload),
            payload,
            prev_hash,
            hash: String::new(),
        };
        e.hash = event_hash(&e);
        self.events.push(e);
        // Just pushed, so last() is Some; keep the signature infallible.
        &self.events[self.events.len() - 1]
    }

    /// The events, in order.
    pub fn events(&self) -> &[AuditEvent] {
        &self.events
    }

    /// The last event's hash (the trail's head).
    pub fn head(&self) -> &str {
        self.events.last().map_or(GENESIS_HASH, |e| e.hash.as_str())
    }

    /// One canonical JSON object per line.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for e in &self.events {
            out.push_str(&canonical::to_canonical_json(e));
            out.push('\n');
        }
        out
    }
}

/// Verifies an exported trail and that it ends at `expected_head` (the hash the host kept from
/// [`AuditTrail::head`] or `Flux::audit_head`), which also catches events cut off the end.
pub fn verify_jsonl_with_head(jsonl: &str, expected_head: &str) -> Result<usize, AuditError> {
    let n = verify_jsonl(jsonl)?;
    let head = jsonl.lines().rev().find(|l| !l.trim().is_empty()).map_or(Ok(GENESIS_HASH.to_owned()), |l| {
        serde_json::from_str::<AuditEvent>(l).map(|e| e.hash).map_err(|e| AuditError { seq: n as u64, reason: e.to_string() })
    })?;
    if head != expected_head {
        return Err(AuditError { seq: n as u64, reason: "the trail does not end at the expected head (events cut off?)".into() });
    }
    Ok(n)
}

/// Verifies an exported trail's internal chain; returns the number of events. A trail cut off at
/// the end still verifies: use [`verify_jsonl_with_head`] to rule that out.
pub fn verify_jsonl(jsonl: &str) -> Result<usize, AuditError> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut n = 0u64;
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let e: AuditEvent = serde_json::from_str(line).map_err(|err| AuditError { seq: n, reason: format!("unreadable event: {err}") })?;
        if e.seq != n {
            return Err(AuditError { seq: n, reason: format!("expected seq {n}, found {} (dropped or reordered)", e.seq) });
        }
        if e.prev_hash != prev {
            return Err(AuditError { seq: n, reason: "prev_hash does not match the previous event".into() });
        }
        if canonical::hash_of_value(&e.payload) != e.payload_hash {
            return Err(AuditError { seq: n, reason: "payload was edited".into() });
        }
        if event_hash(&e) != e.hash {
            return Err(AuditError { seq: n, reason: "event was edited".into() });
        }
        prev = e.hash;
        n += 1;
    }
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trail() -> String {
        let mut t = AuditTrail::new();
        t.append(1, Phase::Plan, "intent.parsed", &serde_json::json!({"needs": 3}));
        t.append(2, Phase::Plan, "cart.proposed", &serde_json::json!({"total": "12.5"}));
        t.append(3, Phase::Act, "policy.allowed", &serde_json::json!({"cart_id": "cart_x"}));
        t.append(4, Phase::Verify, "settlement.verified", &serde_json::json!({"legs": 2}));
        t.to_jsonl()
    }

    #[test]
    fn the_event_hash_is_the_canonical_hash_of_its_fields() {
        #[derive(Serialize)]
        struct Hashed<'a> {
            seq: u64,
            at_ms: u64,
            phase: Phase,
            kind: &'a str,
            payload_hash: &'a str,
            prev_hash: &'a str,
        }
        let mut t = AuditTrail::new();
        let e = t.append(7, Phase::Verify, "a \"quoted\" kind\n", &serde_json::json!({"x": 1})).clone();
        let reference = canonical::hash_of(&Hashed {
            seq: e.seq,
            at_ms: e.at_ms,
            phase: e.phase,
            kind: &e.kind,
            payload_hash: &e.payload_hash,
            prev_hash: &e.prev_hash,
        });
        assert_eq!(e.hash, reference);
    }

    #[test]
    fn intact_trail_verifies() {
        assert_eq!(verify_jsonl(&trail()).unwrap(), 4);
    }

    #[test]
    fn edits_drops_and_reorders_are_detected() {
        let good = trail();
        let lines: Vec<&str> = good.lines().collect();
        let edited = good.replace("\"12.5\"", "\"1.25\"");
        assert_eq!(verify_jsonl(&edited).unwrap_err().seq, 1);
        let edited_kind = good.replace("policy.allowed", "policy.denied");
        assert_eq!(verify_jsonl(&edited_kind).unwrap_err().seq, 2);
        let dropped = [lines[0], lines[2], lines[3]].join("\n");
        assert_eq!(verify_jsonl(&dropped).unwrap_err().seq, 1);
        let reordered = [lines[0], lines[2], lines[1], lines[3]].join("\n");
        assert_eq!(verify_jsonl(&reordered).unwrap_err().seq, 1);
        let truncated_head = [lines[1], lines[2]].join("\n");
        assert_eq!(verify_jsonl(&truncated_head).unwrap_err().seq, 0);
        // Rehashing an edited event without the rest of the chain still fails at the next one.
        let mut e: AuditEvent = serde_json::from_str(lines[1]).unwrap();
        e.payload = serde_json::json!({"total": "1.25"});
        e.payload_hash = canonical::hash_of(&e.payload);
        e.hash = event_hash(&e);
        let forged = [lines[0].to_owned(), canonical::to_canonical_json(&e), lines[2].to_owned()].join("\n");
        assert_eq!(verify_jsonl(&forged).unwrap_err().seq, 2);
        assert_eq!(verify_jsonl("{not json").unwrap_err().code(), "AUDIT_TAMPERED");
        // A cut-off tail verifies on its own but not against the kept head.
        let head: AuditEvent = serde_json::from_str(lines[3]).unwrap();
        let cut = [lines[0], lines[1], lines[2]].join("\n");
        assert_eq!(verify_jsonl(&cut).unwrap(), 3);
        assert_eq!(verify_jsonl_with_head(&cut, &head.hash).unwrap_err().seq, 3);
        assert_eq!(verify_jsonl_with_head(&good, &head.hash).unwrap(), 4);
    }
}
