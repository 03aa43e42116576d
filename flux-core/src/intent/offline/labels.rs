//! Counts written as a form writes them: "stacking chairs qty 40", "qty 40 - stacking chairs",
//! "(12) bar stools". Each was read as no count (20 chairs, the category's estimate): the label
//! or the parentheses stood between the count and its item.

use super::counts::word_at;
use super::tokens::Tok;

/// Words that label a count.
const LABELS: &[&str] = &["qty", "quantity", "qnty"];

/// Rewrites a labelled count as a count said before or after its item: "chairs qty 40" as
/// "chairs, 40", "qty 40 - chairs" as "40 chairs", and a count in parentheses opening a line or
/// a list entry, "(12) bar stools", as "12 bar stools" — but for the numbers of a numbered list.
pub(super) fn take(toks: &mut Vec<Tok>) {
    unnumber(toks);
    let mut k = 0;
    while k < toks.len() {
        let opens = k == 0 || matches!(toks[k - 1], Tok::Stop | Tok::Break) || matches!(word_at(toks, k - 1), Some("and" | "plus"));
        if word_at(toks, k).is_some_and(|w| LABELS.contains(&w)) {
            let n = k + 1 + usize::from(toks.get(k + 1).is_some_and(Tok::is_clause_break));
            if matches!(toks.get(n), Some(Tok::Num(_))) {
                if opens {
                    // "qty 40 - chairs": the count leads the item.
                    let dash =
                        usize::from(toks.get(n + 1).is_some_and(Tok::is_clause_break) && matches!(toks.get(n + 2), Some(Tok::Word(_))));
                    toks.splice(n + 1..n + 1 + dash, []);
                    toks.splice(k..n, []);
                } else {
                    toks.splice(k..n, [Tok::Break]);
                }
            }
        } else if opens && toks[k] == Tok::Break && matches!(toks.get(k + 1), Some(Tok::Num(_))) && toks.get(k + 2) == Some(&Tok::Break) {
            // "(12) bar stools"
            if matches!(toks.get(k + 3), Some(Tok::Word(_))) {
                toks.remove(k + 2);
                toks.remove(k);
            }
        }
        k += 1;
    }
}

/// Takes out the numbers of a numbered list, "(1) chairs (2) tables (3) projector" on one line
/// or on lines of their own: counted 1, 2, 3 from one, they number the entries, not the items.
fn unnumber(toks: &mut Vec<Tok>) {
    let numbered: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k] == Tok::Break && matches!(toks.get(k + 1), Some(Tok::Num(_))) && toks.get(k + 2) == Some(&Tok::Break))
        .collect();
    let from_one = numbered.len() >= 2 && numbered.iter().zip(1u64..).all(|(&k, n)| toks.get(k + 1) == Some(&Tok::Num(n)));
    if from_one {
        for &k in numbered.iter().rev() {
            toks.splice(k..k + 3, [Tok::Break]);
        }
    }
}
