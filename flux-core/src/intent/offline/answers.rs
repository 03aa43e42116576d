//! Items answered yes or no, as a checklist is: "chairs yes tables no, 60 guests", "water yes,
//! soda no", "lanyards yes, badges no". It rented tables and no chairs ("chairs yes tables" was
//! read as one item), and bought the soda. Each answer is moved where the parser reads it: "X
//! no" becomes "no X", "X yes" becomes "X", each its own clause.

use super::counts::word_at;
use super::tokens::Tok;
use crate::intent::phrases::PhraseTable;

const YES: &[&str] = &["yes", "yep", "yeah", "y"];
const NO: &[&str] = &["no", "nope", "n"];

/// Rewrites the items answered yes or no. "X no" is an answer when it ends a clause, or when the
/// prompt answers another item yes ("chairs yes tables no"); else "no" may lead what follows
/// ("chairs no tables" stays).
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable) {
    // Where each item phrase ends, with where its clause's words before it start.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match table.longest_at(keys, i) {
            Some(p) => {
                let from = spans.last().map_or(0, |(_, end)| *end);
                let start = (from..i).rev().take_while(|&k| matches!(toks[k], Tok::Word(_)) && !answer(toks, k)).last().unwrap_or(i);
                spans.push((start, i + p.keys.len()));
                i += p.keys.len();
            }
            None => i += 1,
        }
    }
    let said = |words: &[&str], end: usize| word_at(toks, end).is_some_and(|w| words.contains(&w));
    let ends = |end: usize| toks.get(end + 1).is_none_or(Tok::is_break);
    let style = spans.iter().any(|(_, end)| said(YES, *end));
    let mut out: Vec<(Tok, Option<String>)> = Vec::with_capacity(toks.len() + spans.len());
    let mut next = 0;
    // ("40 chairs, no, make it 45", "40 chairs; no, we don't need tables": no answer of a
    // counted item.)
    let counted = |start: usize| start > 0 && matches!(toks[start - 1], Tok::Num(_));
    for &(start, end) in &spans {
        let (yes, no) = (said(YES, end) && ends(end) || said(YES, end) && style, said(NO, end) && (style || ends(end)));
        let (yes, no) = (yes && !counted(start), no && !counted(start));
        if !(yes || no) || start < next {
            continue;
        }
        out.extend((next..start).map(|k| (toks[k].clone(), keys[k].clone())));
        if no {
            out.push((Tok::Word("no".to_owned()), None));
        }
        out.extend((start..end).map(|k| (toks[k].clone(), keys[k].clone())));
        out.push((Tok::Break, None));
        next = end + 1;
    }
    if next == 0 {
        return;
    }
    out.extend((next..toks.len()).map(|k| (toks[k].clone(), keys[k].clone())));
    (*toks, *keys) = out.into_iter().unzip();
}

/// Whether the word at `k` is an answer.
fn answer(toks: &[Tok], k: usize) -> bool {
    word_at(toks, k).is_some_and(|w| YES.contains(&w) || NO.contains(&w))
}
