//! Winners counted by their ranks: "a nice prize for 1st, 2nd and 3rd place" is three prizes (it
//! was one), "gift cards for first, second and third place" three (with "second" and "third
//! place" left unread), "a trophy for the top 3" three. The ranks are rewritten as the winners
//! they count ("for 3 winners"), whom the rules for people named by their role give one each.

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

/// Rewrites each list of two ranks or more, and "top N" after "for (the)", as a count of
/// winners.
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>) {
    let mut k = 0;
    while k < toks.len() {
        let (count, end) = match ranks_at(toks, k).or_else(|| top_at(toks, k)) {
            Some(found) => found,
            None => {
                k += 1;
                continue;
            }
        };
        let end = end + usize::from(word_at(toks, end).is_some_and(|w| RANKED.contains(&w)));
        toks.splice(k..end, [Tok::Num(count), Tok::Word("winners".to_owned())]);
        keys.splice(k..end, [None, None]);
        k += 2;
    }
}

/// "1st, 2nd and 3rd", "first, second & third" at `k`: how many ranks, and where they end.
fn ranks_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    rank(word_at(toks, k)?)?;
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

/// "top 3" after "for" or "for the", ending there or before what it counts.
fn top_at(toks: &[Tok], k: usize) -> Option<(u64, usize)> {
    let after_for = (k >= 1 && word_at(toks, k - 1) == Some("for"))
        || (k >= 2 && word_at(toks, k - 2) == Some("for") && word_at(toks, k - 1) == Some("the"));
    let Some(Tok::Num(n)) = toks.get(k + 1).filter(|_| after_for && word_at(toks, k) == Some("top")) else { return None };
    let ends = toks.get(k + 2).is_none_or(Tok::is_break) || word_at(toks, k + 2).is_some_and(|w| RANKED.contains(&w) || w == "and");
    ends.then_some((*n, k + 2))
}
