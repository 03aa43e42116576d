//! The audit trail: append-only, hash-chained events for every step (Plan → Act → Verify).
//!
//! Each event's `hash` is SHA-256 over the canonical JSON of its other fields, including the
//! previous event's hash; the first event chains from 64 zeros. Editing, dropping, inserting or
//! reordering any event breaks the chain, and [`verify_jsonl`] says where.
//!
//! A long-running host keeps memory bounded in two ways. [`AuditTrail::take_jsonl`] hands the
//! events kept so far to the host (to append to a file or a log store) and forgets them; the
//! chain continues from the same head, so the concatenated segments verify as one trail.
//! [`AuditTrail::with_retention`] caps the events kept in memory, forgetting the oldest (counted
//! by [`AuditTrail::forgotten`]). Either way, [`verify_jsonl_segment`] verifies a part of the
//! trail from the hash of the event before it.

use std::collections::VecDeque;

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

/// An append-only hash-chained trail, with an optional cap on the events kept in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditTrail {
    /// The events kept in memory, oldest first.
    events: VecDeque<AuditEvent>,
    /// The hash the oldest kept event chains from (the last forgotten or taken event's).
    base: String,
    /// The hash of the last event appended.
    head: String,
    /// The next event's `seq`.
    next_seq: u64,
    /// At most this many events are kept (`None`: all).
    retention: Option<usize>,
    /// Events dropped by the retention cap (not counting those handed out by `take_jsonl`).
    forgotten: u64,
}

impl Default for AuditTrail {
    fn default() -> Self {
        AuditTrail {
            events: VecDeque::new(),
            base: GENESIS_HASH.to_owned(),
            head: GENESIS_HASH.to_owned(),
            next_seq: 0,
            retention: None,
            forgotten: 0,
        }
    }
}

impl AuditTrail {
    /// An empty trail that keeps every event.
    pub fn new() -> Self {
        AuditTrail::default()
    }

    /// An empty trail that keeps at most `max_events` in memory (at least 1), forgetting the
    /// oldest. Hosts that need every event call [`AuditTrail::take_jsonl`] before they are
    /// forgotten.
    pub fn with_retention(max_events: usize) -> Self {
        AuditTrail { retention: Some(max_events.max(1)), ..AuditTrail::default() }
    }

    /// Appends an event and returns it.
    pub fn append<T: Serialize + ?Sized>(&mut self, at_ms: u64, phase: Phase, kind: &str, payload: &T) -> &AuditEvent {
        self.append_value(at_ms, phase, kind, serde_json::to_value(payload).unwrap_or(Value::Null))
    }

    /// [`AuditTrail::append`] with a payload already built as JSON (no copy).
    pub fn append_value(&mut self, at_ms: u64, phase: Phase, kind: &str, payload: Value) -> &AuditEvent {
        let mut e = AuditEvent {
            seq: self.next_seq,
            at_ms,
            phase,
            kind: kind.to_owned(),
            payload_hash: canonical::hash_of_value(&payload),
            payload,
            prev_hash: std::mem::take(&mut self.head),
            hash: String::new(),
        };
        e.hash = event_hash(&e);
        self.head.clone_from(&e.hash);
        self.next_seq += 1;
        if let Some(max) = self.retention {
            while self.events.len() >= max {
                if let Some(old) = self.events.pop_front() {
                    self.base = old.hash;
                    self.forgotten += 1;
                }
            }
        }
        self.events.push_back(e);
        // Just pushed, so the deque is not empty; index instead of unwrapping.
        &self.events[self.events.len() - 1]
    }

    /// The events kept in memory, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &AuditEvent> + ExactSizeIterator {
        self.events.iter()
    }

    /// The last event's hash (the trail's head).
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The hash the oldest kept event chains from: [`GENESIS_HASH`] until events are taken or
    /// forgotten. [`verify_jsonl_segment`] checks [`AuditTrail::to_jsonl`] against it.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// How many events the retention cap has dropped, oldest first.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }

    /// The events kept in memory, one canonical JSON object per line.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for e in &self.events {
            out.push_str(&canonical::to_canonical_json(e));
            out.push('\n');
        }
        out
    }

    /// [`AuditTrail::to_jsonl`], then forgets those events. The next event still chains from
    /// the head, so successive segments concatenate into one trail that [`verify_jsonl`]
    /// verifies (each segment alone verifies with [`verify_jsonl_segment`]).
    pub fn take_jsonl(&mut self) -> String {
        let out = self.to_jsonl();
        self.events.clear();
        self.base.clone_from(&self.head);
        out
    }
}

/// Verifies an exported trail and that it ends at `expected_head` (the hash the host kept from
/// [`AuditTrail::head`] or `Flux::audit_head`), which also catches events cut off the end.
pub fn verify_jsonl_with_head(jsonl: &str, expected_head: &str) -> Result<usize, AuditError> {
    ends_at(verify_chain(jsonl, GENESIS_HASH, Some(0))?, expected_head)
}

/// Verifies an exported trail's internal chain from its first event (`seq` 0, chained from
/// [`GENESIS_HASH`]); returns the number of events. A trail cut off at the end still verifies:
/// use [`verify_jsonl_with_head`] to rule that out.
pub fn verify_jsonl(jsonl: &str) -> Result<usize, AuditError> {
    verify_chain(jsonl, GENESIS_HASH, Some(0)).map(|(n, _, _)| n)
}

/// Verifies a segment of a trail: its first event must chain from `after` (the hash of the
/// event before it: the previous segment's head, or [`AuditTrail::base`]), and the rest must
/// follow in order. Returns the number of events; an empty segment verifies as 0.
pub fn verify_jsonl_segment(jsonl: &str, after: &str) -> Result<usize, AuditError> {
    verify_chain(jsonl, after, None).map(|(n, _, _)| n)
}

/// [`verify_jsonl_segment`], and the segment must end at `expected_head` (an empty segment
/// ends where it starts, at `after`).
pub fn verify_jsonl_segment_with_head(jsonl: &str, after: &str, expected_head: &str) -> Result<usize, AuditError> {
    ends_at(verify_chain(jsonl, after, None)?, expected_head)
}

/// The four checks above behind one call, as hosts expose them: a whole trail (`after` absent:
/// from genesis) or a segment (chained from `after`), ending at `expected_head` when given.
pub fn verify_jsonl_range(jsonl: &str, after: Option<&str>, expected_head: Option<&str>) -> Result<usize, AuditError> {
    let walked = match after {
        None => verify_chain(jsonl, GENESIS_HASH, Some(0))?,
        Some(after) => verify_chain(jsonl, after, None)?,
    };
    match expected_head {
        Some(head) => ends_at(walked, head),
        None => Ok(walked.0),
    }
}

fn ends_at((n, last, next_seq): (usize, String, u64), expected_head: &str) -> Result<usize, AuditError> {
    if last != expected_head {
        return Err(AuditError { seq: next_seq, reason: "the trail does not end at the expected head (events cut off?)".into() });
    }
    Ok(n)
}

/// Walks the chain from `after`: (events, last hash, the seq after the last event).
fn verify_chain(jsonl: &str, after: &str, first_seq: Option<u64>) -> Result<(usize, String, u64), AuditError> {
    let mut prev = after.to_owned();
    let mut expected_seq = first_seq;
    let mut n = 0usize;
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let at = expected_seq.unwrap_or(n as u64);
        let e: AuditEvent = serde_json::from_str(line).map_err(|err| AuditError { seq: at, reason: format!("unreadable event: {err}") })?;
        let want = *expected_seq.get_or_insert(e.seq);
        if e.seq != want {
            return Err(AuditError { seq: want, reason: format!("expected seq {want}, found {} (dropped or reordered)", e.seq) });
        }
        if e.prev_hash != prev {
            let reason =
                if n == 0 { "does not chain from the expected previous hash" } else { "prev_hash does not match the previous event" };
            return Err(AuditError { seq: want, reason: reason.into() });
        }
        if canonical::hash_of_value(&e.payload) != e.payload_hash {
            return Err(AuditError { seq: want, reason: "payload was edited".into() });
        }
        if event_hash(&e) != e.hash {
            return Err(AuditError { seq: want, reason: "event was edited".into() });
        }
        prev = e.hash;
        expected_seq = Some(want + 1);
        n += 1;
    }
    Ok((n, prev, expected_seq.unwrap_or(0)))
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

    fn append_n(t: &mut AuditTrail, n: u64) {
        for i in 0..n {
            t.append(i, Phase::Plan, "step", &serde_json::json!({"i": i}));
        }
    }

    #[test]
    fn taken_segments_concatenate_into_one_trail() {
        let mut t = AuditTrail::new();
        append_n(&mut t, 3);
        let first = t.take_jsonl();
        assert_eq!(t.events().len(), 0);
        assert_eq!(t.base(), t.head());
        let after_first = t.head().to_owned();
        append_n(&mut t, 2);
        let second = t.take_jsonl();
        assert_eq!(t.take_jsonl(), "", "nothing left to take");
        assert_eq!(verify_jsonl(&first).unwrap(), 3);
        assert_eq!(verify_jsonl_segment(&second, &after_first).unwrap(), 2);
        // On its own the second segment is not a whole trail...
        assert_eq!(verify_jsonl(&second).unwrap_err().seq, 0);
        // ...nor does it follow anything but its own predecessor.
        assert!(verify_jsonl_segment(&second, GENESIS_HASH).unwrap_err().reason.contains("expected previous hash"));
        let whole = format!("{first}{second}");
        assert_eq!(verify_jsonl_with_head(&whole, t.head()).unwrap(), 5);
        assert_eq!(verify_jsonl_segment("", t.head()).unwrap(), 0);
        assert_eq!(verify_jsonl_segment_with_head(&second, &after_first, t.head()).unwrap(), 2);
        let cut: String = second.lines().take(1).map(|l| format!("{l}\n")).collect();
        assert!(verify_jsonl_segment_with_head(&cut, &after_first, t.head()).unwrap_err().reason.contains("cut off"));
        assert_eq!(verify_jsonl_segment_with_head("", t.head(), t.head()).unwrap(), 0);
    }

    #[test]
    fn retention_keeps_the_newest_events_and_counts_the_rest() {
        let mut t = AuditTrail::with_retention(4);
        append_n(&mut t, 10);
        assert_eq!(t.events().len(), 4);
        assert_eq!(t.forgotten(), 6);
        assert_eq!(t.events().next().unwrap().seq, 6);
        let kept = t.to_jsonl();
        assert_eq!(verify_jsonl_segment(&kept, t.base()).unwrap(), 4);
        assert!(verify_jsonl(&kept).is_err(), "the kept tail does not start at genesis");
        // Same chain as an unbounded trail fed the same events.
        let mut full = AuditTrail::new();
        append_n(&mut full, 10);
        assert_eq!(full.head(), t.head());
        assert!(full.to_jsonl().ends_with(&kept));
        // Editing or dropping inside a kept segment is still caught, at the right seq.
        let lines: Vec<&str> = kept.lines().collect();
        let dropped = [lines[0], lines[2], lines[3]].join("\n");
        assert_eq!(verify_jsonl_segment(&dropped, t.base()).unwrap_err().seq, 7);
        assert_eq!(verify_jsonl_segment(&kept.replace("\"i\":8", "\"i\":80"), t.base()).unwrap_err().seq, 8);
        // A cap of 0 still keeps the newest event.
        let mut tiny = AuditTrail::with_retention(0);
        append_n(&mut tiny, 3);
        assert_eq!((tiny.events().len(), tiny.forgotten()), (1, 2));
    }
}
