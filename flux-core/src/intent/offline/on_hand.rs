//! What is at hand against what is needed in all: "we have 20 chairs and need 50" buys 30,
//! "need 80 lanyards, have 50" buys 30, "we own 2 PA speakers; need one more" buys one, "Have:
//! 10 power strips. Need: 16." buys 6. Each bought nothing or the whole count: the count said
//! with no item was read as nothing.

use super::counts::word_at;
use super::refusals::Refused;
use super::tokens::Tok;
use super::Mention;

/// Words of needing before a count said alone: "need 50", "Need: 16", "want 2 more".
const NEEDING: &[&str] = &["need", "needs", "needed", "want", "require", "requires"];
/// Words of having before a count said alone: "have 50", "we already have 20", "got 3".
const HAVING: &[&str] = &["have", "has", "got", "own", "owns"];
/// Words between them and the count: "need about 50", "already have 20".
const BETWEEN: &[&str] = &["about", "around", "roughly", "approx", "already", "only", "just"];
/// Words after a count said alone that end it: "need 50 total", "need 2 more", "have 20 already".
const AFTER: &[&str] = &["more", "extra", "additional", "total", "altogether", "overall", "already", "now", "though"];

/// The unread count at `j` said after one of `verbs` (perhaps after a colon: "Need: 16") with no
/// item after it. Returns it, and whether "more" follows ("need one more").
fn alone_after(toks: &[Tok], read: &[bool], j: usize, verbs: &[&str]) -> Option<(u64, bool)> {
    // "need another", "need a second one", "need an extra one": one more
    let one_more = match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("another"), _) => Some(j + 1),
        (Some("a"), Some("second")) | (Some("an"), Some("extra")) => Some(j + 2),
        _ => None,
    };
    if let Some(end) = one_more {
        let end = end + usize::from(toks.get(end) == Some(&Tok::Num(1)));
        let led = j > 0 && word_at(toks, j - 1).is_some_and(|w| verbs.contains(&w));
        return (led && toks.get(end).is_none_or(Tok::is_break)).then_some((1, true));
    }
    let Some(Tok::Num(n)) = toks.get(j) else { return None };
    if read[j] {
        return None;
    }
    let mut k = j;
    while k > 0 && (toks[k - 1] == Tok::Colon || word_at(toks, k - 1).is_some_and(|w| BETWEEN.contains(&w))) {
        k -= 1;
    }
    if !(k > 0 && word_at(toks, k - 1).is_some_and(|w| verbs.contains(&w))) {
        return None;
    }
    let more = word_at(toks, j + 1).is_some_and(|w| matches!(w, "more" | "extra" | "additional"));
    let in_total = word_at(toks, j + 1) == Some("in") && matches!(word_at(toks, j + 2), Some("total" | "all"));
    let after = if in_total { j + 3 } else { j + 1 + usize::from(word_at(toks, j + 1).is_some_and(|w| AFTER.contains(&w))) };
    toks.get(after).is_none_or(Tok::is_break).then_some((*n, more))
}

/// Counts what is had against what is needed in all, and marks the counts read:
/// - an item at hand with a count, then "need N" with no item: N less what is had is asked for
///   ("need N more": N), said where the count is, so that it stands against the item at hand;
/// - an item asked for with a count of its own, then "have N" with no item: N fewer, or none;
/// - else "need N" counts the last item said with no count ("we have no chairs; need 40").
pub(super) fn count(
    toks: &[Tok],
    (sentence, clause): (&[usize], &[usize]),
    read: &mut [bool],
    refused: &[Refused],
    mentions: &mut Vec<Mention>,
) {
    for j in 0..toks.len() {
        if let Some((n, more)) = alone_after(toks, read, j, NEEDING) {
            let Some((r, had)) = refused.iter().rev().filter(|r| r.at_hand && r.pos < j).find_map(|r| Some((r, r.had?))) else {
                // "we have no chairs; need 40": the count of the last item said with none.
                let uncounted = |m: &&mut Mention| m.pos < j && !m.counted() && m.rate.is_none();
                if let Some(m) = mentions.iter_mut().rev().find(uncounted).filter(|_| !more) {
                    m.quantity = Some(n);
                    read[j] = true;
                }
                continue;
            };
            read[j] = true;
            let wanted = if more { n } else { n.saturating_sub(had) };
            if wanted > 0 {
                mentions.push(Mention {
                    category: r.category,
                    quantity: Some(wanted),
                    article: false,
                    packages: false,
                    pack_size: false,
                    excluding: Vec::new(),
                    rate: None,
                    every: 1,
                    per_time: None,
                    days: None,
                    spare: None,
                    corrects: false,
                    part: None,
                    total: None,
                    tagged: r.tagged,
                    local_headcount: None,
                    for_each: false,
                    source: r.item.clone(),
                    item: r.item.clone(),
                    attributes: r.attributes.clone(),
                    sentence: sentence[j],
                    clause: clause[j],
                    pos: j,
                    end: j + 1,
                });
            }
        } else if let Some((n, _)) = alone_after(toks, read, j, HAVING).filter(|_| !denied(toks, j)) {
            // (Its count said before "have": not "chairs: have 20, need 20 more".)
            let counted_before = |m: &Mention| (m.pos.saturating_sub(3)..m.end.min(j)).any(|k| matches!(toks[k], Tok::Num(_)));
            let asked = |m: &Mention| {
                m.pos < j && m.quantity.is_some() && !m.article && m.rate.is_none() && m.local_headcount.is_none() && counted_before(m)
            };
            let Some(k) = mentions.iter().rposition(asked) else { continue };
            read[j] = true;
            match mentions[k].quantity.map(|q| q.saturating_sub(n)) {
                Some(0) => {
                    mentions.remove(k);
                }
                left => mentions[k].quantity = left,
            }
        }
    }
}

/// Whether the having before the count at `j` is denied: "we don't have one", "do not have 2".
fn denied(toks: &[Tok], j: usize) -> bool {
    let verb = (j.saturating_sub(4)..j).rev().find(|&k| word_at(toks, k).is_some_and(|w| HAVING.contains(&w)));
    verb.is_some_and(|v| {
        (v.saturating_sub(2)..v)
            .any(|k| word_at(toks, k).is_some_and(|w| matches!(w, "don't" | "dont" | "not" | "doesn't" | "didn't" | "never" | "no")))
    })
}
