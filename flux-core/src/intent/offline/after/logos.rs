//! A logo asked for what is said before it: "250 pens with our logo", "lanyards printed with
//! the company logo", "mugs and pens, both with the company logo".

use crate::intent::offline::counts::word_at;
use crate::intent::offline::tokens::Tok;
use crate::intent::offline::Mention;

/// "50 t-shirts and 50 tote bags, all with our logo", "mugs and pens, both with the company
/// logo", "mugs and pens, with our logo": every item said before it in its sentence carries the
/// logo (only the last did, or none after a comma), and its words are read (they were reported
/// as unread).
pub(in crate::intent::offline) fn logo_for_all(toks: &[Tok], sentence: &[usize], read: &mut [bool], mentions: &mut [Mention]) {
    for (k, &said_in) in sentence.iter().enumerate() {
        let all = word_at(toks, k).is_some_and(|w| matches!(w, "all" | "both" | "each" | "everything"));
        // ("all of them with our logo")
        let of_them = all && word_at(toks, k + 1) == Some("of") && word_at(toks, k + 2) == Some("them");
        let at = match (of_them, all || toks[k] == Tok::Break) {
            (true, _) => k + 3,
            (false, true) => k + 1,
            (false, false) => continue,
        };
        let Some(used) = logo_at(toks, at) else { continue };
        for m in mentions.iter_mut().filter(|m| m.sentence == said_in && m.pos < k) {
            if !m.attributes.iter().any(|a| a == "logo") {
                m.attributes.push("logo".to_owned());
            }
        }
        let end = (at + used).min(read.len());
        read[k.min(end)..end].fill(true);
    }
}

/// "with our logo", "printed with the company logo", "with our logo on the front": the item is to
/// carry the buyer's logo (a custom one; `terms` reads "logo" as "custom"). Returns the tokens.
pub(in crate::intent::offline) fn logo_at(toks: &[Tok], at: usize) -> Option<usize> {
    let mut k = at + usize::from(matches!(word_at(toks, at), Some("printed" | "embroidered" | "imprinted")));
    if word_at(toks, k) != Some("with") {
        return None;
    }
    k = past_whose(toks, k + 1);
    if !matches!(word_at(toks, k), Some("logo" | "logos")) {
        return None;
    }
    k += 1;
    // "on the front", "on the back", "on it"
    if word_at(toks, k) == Some("on") && matches!(word_at(toks, k + 1), Some("the" | "it" | "them")) {
        k += 2 + usize::from(matches!(word_at(toks, k + 2), Some("front" | "back" | "side" | "sleeve" | "left" | "right")));
    }
    Some(k - at)
}

/// Past the words at `k` that say whose a logo or colour is: "our", "the company", "your own".
pub(in crate::intent::offline) fn past_whose(toks: &[Tok], mut k: usize) -> usize {
    while word_at(toks, k)
        .is_some_and(|w| matches!(w, "our" | "the" | "a" | "your" | "my" | "their" | "company" | "team" | "brand" | "event" | "own"))
    {
        k += 1;
    }
    k
}
