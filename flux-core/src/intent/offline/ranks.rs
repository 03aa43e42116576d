//! Winners counted by their ranks: "a nice prize for 1st, 2nd and 3rd place" is three prizes (it
//! was one), "gift cards for first, second and third place" three (with "second" and "third
//! place" left unread), "a trophy for the top 3" three. The ranks are rewritten as the count of
//! the item before them ("a nice prize x 3").

use super::counts::word_at;
use super::tokens::Tok;

/// Ranks spelled out.
const SPELLED: &[&str] = &["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
/// Words after ranks that they count: "1st, 2nd and 3rd place", "the top 3 teams".
const RANKED: &[&str] = &["place", "places", "prize", "prizes", "winner", "winners", "finishers", "spots", "teams", "team"];

/// The rank a word says: "1st", "2nd", "third".
fn rank(word: &str) -> Option<u64> {
    if let Some(k) = SPELLED.iter().position(|s| *s == word) {
        return u64::try_from(k + 1).ok();
    }
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    digits.parse().ok().filter(|n| (1..=100).contains(n))
}

/// Rewrites "for" and each list of two ranks or more after it, or "for the top N", as the count
/// of the item before ("prizes x 3"): the winners are that item's, not a head count of the
/// list ("snacks, drinks and prizes for the top 3 teams" feeds 60 hackers still).
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>) {
    let mut k = 0;
    while k < toks.len() {
        let led = match (word_at(toks, k), word_at(toks, k + 1)) {
            (Some("for"), Some("the")) => 2,
            (Some("for"), _) => 1,
            _ => 0,
        };
        let Some((count, end)) = (led > 0).then(|| ranks_at(toks, k + led).or_else(|| top_at(toks, k + led))).flatten() else {
            k += 1;
            continue;
        };
        let end = end + usize::from(word_at(toks, end).is_some_and(|w| RANKED.contains(&w)));
        toks.splice(k..end, [Tok::Word("x".to_owned()), Tok::Num(count)]);
        keys.splice(k..end, [None, None]);
        k += 2;
    }
}

/// "1st, 2nd and 3rd", "first, second & third", "1st through 5th" at `k`: how many ranks, and
/// where they end.
fn ranks_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    let first = rank(word_at(toks, k)?)?;
    // "1st through 5th", "1st to 3rd"
    if let (Some("through" | "thru" | "to"), Some(last)) = (word_at(toks, k + 1), word_at(toks, k + 2).and_then(rank)) {
        return (last > first).then_some((last - first + 1, k + 3));
    }
    let (mut count, mut end, mut j) = (1u64, k + 1, k + 1);
    loop {
        while toks.get(j).is_some_and(Tok::is_clause_break) || matches!(word_at(toks, j), Some("and" | "&")) {
            j += 1;
        }
        match word_at(toks, j).and_then(rank) {
            Some(_) => {
                count += 1;
                j += 1;
                end = j;
            }
            None => break,
        }
    }
    (count >= 2).then_some((count, end))
}

/// "top 3" at `k`, ending there or before what it counts.
fn top_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    let Some(Tok::Num(n)) = toks.get(k + 1).filter(|_| word_at(toks, k) == Some("top")) else { return None };
    let ends = toks.get(k + 2).is_none_or(Tok::is_break) || word_at(toks, k + 2).is_some_and(|w| RANKED.contains(&w) || w == "and");
    ends.then_some((*n, k + 2))
}
