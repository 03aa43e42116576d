//! Portions of a shared rate: "drinks for 25: mostly water, some soda, a little juice" share the
//! drinks' rate a head, more of it water than soda, more soda than juice.

use super::super::counts::word_at;
use super::super::diet::edible;
use super::super::tokens::Tok;
use super::super::Mention;
use crate::intent::Vocabulary;

/// An item's weight when nothing says how much of the share it takes ("some soda", "soda").
pub(super) const EVEN: u64 = 2;

/// Words right before an item that give it most of a shared rate: "mostly water".
const MOST: &[&str] = &["mostly", "mainly", "primarily", "largely", "predominantly"];

/// The words that weigh a portion ([`weight`]): they name nothing.
pub(in super::super) const WEIGHT_WORDS: &[&str] =
    &["mostly", "mainly", "primarily", "largely", "predominantly", "lots", "plenty", "lot", "little", "bit", "some"];

/// Whether `m` was read as one "little X" ("a little juice"): see [`portions_of_a_little`].
pub(in super::super) fn a_little(m: &Mention) -> bool {
    m.article && m.quantity == Some(1) && m.item.starts_with("little ")
}

/// "drinks for 20: water and a little juice": of what is eaten or drunk for a head count, a
/// portion, not one of it ("a little gift" stays one gift; "24 sodas and a little juice", with
/// no head count, one juice). Its weight is read by [`weight`].
pub(super) fn portions_of_a_little(mentions: &mut [Mention], headcount: Option<u64>, vocab: &Vocabulary) {
    for m in mentions.iter_mut().filter(|m| a_little(m) && edible(m, vocab) && m.local_headcount.or(headcount).is_some()) {
        if let Some(rest) = m.item.strip_prefix("little ") {
            (m.item, m.quantity, m.article) = (rest.to_owned(), None, false);
        }
    }
}

/// The weight of a mention's portion, from the words right before it and the words it was read
/// with: twice the even weight for "mostly water" and "lots of water", half of it for "a little
/// juice", "a bit of juice" and "not a lot of juice".
pub(super) fn weight(toks: &[Tok], m: &Mention) -> u64 {
    let at = |j: usize| word_at(toks, j);
    let mut k = m.pos;
    // ("mostly sparkling water": the attribute said before the item)
    while k > 0 && at(k - 1).is_some_and(|w| said_with(m, w)) {
        k -= 1;
    }
    let little = |j: usize| j > 0 && at(j) == Some("little") && at(j - 1) == Some("a");
    let before = |back: usize| k.checked_sub(back).and_then(at);
    // How far back a "not" would stand before the words that give most of it.
    let most = match (before(2), before(1)) {
        (_, Some(w)) if MOST.contains(&w) => Some(2),
        (Some("lots" | "plenty" | "lot"), Some("of")) => Some(3 + usize::from(before(3) == Some("a"))),
        _ => None,
    };
    if let Some(not_at) = most {
        // ("not a lot of soda": little of it)
        return if before(not_at) == Some("not") { EVEN / 2 } else { 2 * EVEN };
    }
    let a_bit_of = matches!((before(3), before(2), before(1)), (Some("a" | "little"), Some("bit"), Some("of")));
    if a_bit_of || little(k) || little(k.saturating_sub(1)) {
        EVEN / 2
    } else {
        EVEN
    }
}

/// Whether `word` is one of the words `m` was read with, its item's or its attributes'.
pub(in super::super) fn said_with(m: &Mention, word: &str) -> bool {
    m.item.split(' ').chain(m.attributes.iter().flat_map(|a| a.split(' '))).any(|x| x == word)
}

#[cfg(test)]
mod tests {
    use crate::intent::vocabulary::rate_portions;

    fn portions(entries: &[(Option<u32>, &str, u64)]) -> Vec<(u64, u64)> {
        rate_portions(entries, 1)
    }

    #[test]
    fn an_even_group_shares_alike_and_a_repeated_item_counts_once() {
        let even = portions(&[(Some(0), "water", 2), (Some(0), "soda", 2), (Some(0), "water", 2), (None, "cups", 2)]);
        assert_eq!(even, [(2, 4), (2, 4), (2, 4), (1, 1)]);
        let weighted = portions(&[(Some(0), "water", 4), (Some(0), "soda", 2), (Some(0), "juice", 1), (Some(1), "chips", 2)]);
        assert_eq!(weighted, [(4, 7), (2, 7), (1, 7), (2, 2)]);
        // Named twice, once with "mostly": the larger weight.
        assert_eq!(portions(&[(Some(0), "water", 2), (Some(0), "soda", 2), (Some(0), "water", 4)]), [(4, 6), (2, 6), (4, 6)]);
        // Alone and weighed less than a whole share, part of it.
        assert_eq!(rate_portions(&[(Some(0), "juice", 1), (Some(1), "chips", 4)], 2), [(1, 2), (4, 4)]);
    }
}
