//! Winners counted by their ranks: "a nice prize for 1st, 2nd and 3rd place" is three prizes (it
//! was one), "gift cards for first, second and third place" three (with "second" and "third
//! place" left unread), "a trophy for the top 3" three; "1st place airpods" are airpods.

use super::counts::{ends_in_item, word_at};
use super::tokens::Tok;
use crate::intent::phrases::PhraseTable;

/// Ranks spelled out.
const SPELLED: &[&str] = &["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
/// Words after ranks that they count: "1st, 2nd and 3rd place", "the top 3 teams".
const RANKED: &[&str] = &["place", "places", "prize", "prizes", "winner", "winners", "finishers", "spots", "teams", "team"];

/// Most words of the item before "for" looked at.
const MAX_ITEM_WORDS: usize = 4;

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

/// Rewrites "for" and each list of two ranks or more after it, or "for the top N": after an
/// item, as its count ("prizes x 3": the winners are that item's, not a head count of a list
/// before it, as "snacks, drinks and prizes for the top 3 teams" would make them), else as the
/// winners ("a reward for the top 3 teams: a drone each"). A list of ranks with no "for" names
/// places, not what to buy ("3 prizes: 1st, 2nd, 3rd"): it is taken out.
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable) {
    let mut k = 0;
    while k < toks.len() {
        if let Some(end) = place_at(toks, k) {
            toks.drain(k..end);
            keys.drain(k..end);
            continue;
        }
        let led = match (word_at(toks, k), word_at(toks, k + 1)) {
            (Some("for"), Some("the")) => 2,
            (Some("for"), _) => 1,
            _ => 0,
        };
        let found = if led > 0 { ranks_at(toks, k + led).or_else(|| top_at(toks, k + led)) } else { None };
        let Some((count, end)) = found else {
            // "3 prizes: 1st, 2nd, 3rd"
            if let Some((_, end)) = (led == 0 && k > 0 && toks[k - 1].is_break()).then(|| ranks_at(toks, k)).flatten() {
                toks.splice(k..end, [Tok::Break]);
                keys.splice(k..end, [None]);
            }
            k += 1;
            continue;
        };
        let end = end + usize::from(word_at(toks, end).is_some_and(|w| RANKED.contains(&w)));
        // "... and 2 honorable mentions": more winners.
        let (count, end) = match runners_up_at(toks, end) {
            Some((more, end)) => (count.saturating_add(more), end),
            None => (count, end),
        };
        let after_item = ends_in_item(keys, table, k.saturating_sub(MAX_ITEM_WORDS), k);
        let (words, said): (Vec<Tok>, usize) = if after_item {
            (vec![Tok::Word("x".to_owned()), Tok::Num(count)], 2)
        } else {
            (vec![Tok::Word("for".to_owned()), Tok::Num(count), Tok::Word("winners".to_owned())], 3)
        };
        toks.splice(k..end, words);
        keys.splice(k..end, std::iter::repeat_n(None, said));
        k += said;
    }
}

/// "1st place" (or "first prize") opening a clause before what that winner gets: "1st place
/// airpods, 2nd place a kindle", "1st place gets airpods". It says whom the item is for, and is no word of it ("place
/// airpods"). Returns where it ends.
fn place_at(toks: &[Tok], k: usize) -> Option<usize> {
    let opens = k == 0 || toks[k - 1].is_break();
    if !opens || word_at(toks, k).and_then(rank).is_none() || !matches!(word_at(toks, k + 1), Some("place" | "prize")) {
        return None;
    }
    let mut end = k + 2 + usize::from(matches!(word_at(toks, k + 2), Some("prize" | "winner")));
    // "1st place gets airpods"
    end += usize::from(matches!(word_at(toks, end), Some("gets" | "get" | "wins" | "win" | "receives" | "receive")));
    matches!(toks.get(end), Some(Tok::Word(_) | Tok::Num(_))).then_some(end)
}

/// "1st, 2nd and 3rd", "first, second & third", "1st through 5th" at `k`: how many ranks, and
/// where they end.
fn ranks_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    let first = rank(word_at(toks, k)?)?;
    // "1st through 5th", "1st to 3rd", "1st-3rd"
    if let (Some("through" | "thru" | "to"), Some(last)) = (word_at(toks, k + 1), word_at(toks, k + 2).and_then(rank)) {
        return (last > first).then_some((last - first + 1, k + 3));
    }
    if let Some(last) = word_at(toks, k + 1).and_then(rank) {
        return (last > first).then_some((last - first + 1, k + 2));
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
    let ends =
        toks.get(k + 2).is_none_or(Tok::is_break) || word_at(toks, k + 2).is_some_and(|w| RANKED.contains(&w) || w == "and" || w == "plus");
    ends.then_some((*n, k + 2))
}

/// "and 2 honorable mentions", "plus 3 runners-up" at `k`: how many more winners, and where they
/// end.
fn runners_up_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    let mut j = k;
    while toks.get(j).is_some_and(Tok::is_clause_break) || matches!(word_at(toks, j), Some("and" | "&" | "plus")) {
        j += 1;
    }
    let Some(Tok::Num(n)) = toks.get(j).filter(|_| j > k) else { return None };
    let used = match (word_at(toks, j + 1)?, word_at(toks, j + 2)) {
        ("honorable" | "honourable", Some("mention" | "mentions")) | ("runners", Some("up")) => 3,
        ("runners-up" | "runner-ups", _) => 2,
        _ => return None,
    };
    Some((*n, j + used))
}
