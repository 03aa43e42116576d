//! Spares said after a count: "100 lanyards plus 10 extra", "60 chairs, and 5 spares", "10
//! extra of each", "plus 10% extra". They are bought with the item, on top of its count — said
//! or estimated from a head count ("lanyards for 80 attendees plus 10 extra" are 90).

use super::counts::word_at;
use super::tokens::Tok;
use super::Mention;

/// How many more than counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spare {
    /// So many more: "plus 10 extra".
    Units(u64),
    /// A share more, in percent, rounded up to whole units: "plus 10%".
    Percent(u64),
}

impl Spare {
    /// `units` and the spares.
    pub(super) fn add_to(self, units: u64) -> u64 {
        match self {
            Spare::Units(n) => units.saturating_add(n),
            Spare::Percent(p) => units.saturating_add(units.saturating_mul(p).div_ceil(100)),
        }
    }
}

/// Words that make a count after an item spares of it.
const SPARE_WORDS: &[&str] = &["extra", "spare", "spares", "more", "additional", "backup", "backups"];

/// The spares at `i`, after a clause break, "plus", "and" or "with" and ending their clause:
/// "plus 10 extra", ", 5 spares", "and 5 more", "plus 10%" (a share needs "plus" or a spare
/// word). Returns them, whether they are of each item before ("10 extra of each"), and the
/// tokens used. Not "5 more monitors" (a count of monitors) nor "5 extra large" (a size).
fn spares_at(toks: &[Tok], i: usize) -> Option<(Spare, bool, usize)> {
    let lead = i.checked_sub(1).map(|b| (toks[b].is_clause_break(), word_at(toks, b)))?;
    let plus = lead.1 == Some("plus");
    if !(lead.0 || plus || matches!(lead.1, Some("and" | "with"))) {
        return None;
    }
    let spare_word = |k: usize| word_at(toks, k).is_some_and(|w| SPARE_WORDS.contains(&w));
    let (spare, mut j) = match toks.get(i)? {
        Tok::Num(n) if spare_word(i + 1) => (Spare::Units(*n), i + 2),
        Tok::Word(w) if w.ends_with('%') && (plus || spare_word(i + 1)) => {
            let share = w.trim_end_matches('%').parse::<u64>().ok().filter(|p| (1..=100).contains(p))?;
            (Spare::Percent(share), i + 1 + usize::from(spare_word(i + 1)))
        }
        _ => return None,
    };
    let each = match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("of"), Some("each")) => Some(2),
        (Some("each"), _) => Some(1),
        _ => None,
    };
    j += each.unwrap_or(0);
    toks.get(j).is_none_or(Tok::is_break).then_some((spare, each.is_some(), j - i))
}

/// Gives the spares at `i` to the item just said in its sentence (to every item said before in
/// it, for "of each"). Returns the tokens used, or `None` when none are said there.
pub(super) fn take(toks: &[Tok], i: usize, sentence: &[usize], mentions: &mut [Mention]) -> Option<usize> {
    let (spare, each, used) = spares_at(toks, i)?;
    let here = |m: &Mention| sentence.get(i) == Some(&m.sentence) && m.end <= i;
    let last = mentions.iter().rposition(here)?;
    let first = if each { mentions.iter().position(here).unwrap_or(last) } else { last };
    mentions[first..=last].iter_mut().filter(|m| here(m)).for_each(|m| m.spare = Some(spare));
    Some(used)
}
