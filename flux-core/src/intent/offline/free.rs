//! Being free of something, said before the item in words: "sugar free drinks", "gluten free
//! snacks", "no sugar drinks", "zero sugar drinks", "no caffeine drinks" read as the hyphenated
//! "sugar-free drinks" the catalog tags, so that they ask for drinks free of sugar instead of
//! naming an item "no sugar drinks" or refusing "caffeine drinks".

use super::after::can_be_free_of;
use super::tokens::Tok;
use super::words::is_function_word;
use crate::intent::phrases::{key, PhraseTable};

/// What food and drink are commonly asked to be free of. "No X drinks" with any other X refuses
/// drinks of X ("no energy drinks", "no black t-shirts").
const SUBSTANCES: &[&str] = &[
    "sugar", "caffeine", "gluten", "nut", "nuts", "peanut", "peanuts", "dairy", "lactose", "alcohol", "soy", "fat", "meat", "pork", "egg",
    "sodium", "salt", "bpa",
];

/// Rewrites "X free Y" (X and Y no function words: "delivery free of charge" stays) and "no X Y"
/// / "zero X Y" (X a
/// substance) to "X-free Y", where Y is a word some item of `table` has: the item the freedom
/// describes ("no alcohol please" and "no soy sauce" stay refusals).
pub(super) fn join_free_of(toks: &mut Vec<Tok>, table: &PhraseTable) {
    let mut i = 0;
    while i + 2 < toks.len() {
        let (Tok::Word(a), Tok::Word(b), Tok::Word(c)) = (&toks[i], &toks[i + 1], &toks[i + 2]) else {
            i += 1;
            continue;
        };
        let free_of = if b == "free" && can_be_free_of(a) && !is_function_word(c) {
            Some(a.clone())
        } else if matches!(a.as_str(), "no" | "zero") && SUBSTANCES.contains(&b.as_str()) && c != "free" && table.has_word(&key(c)) {
            Some(b.trim_end_matches('s').to_owned())
        } else {
            None
        };
        if let Some(of) = free_of {
            toks[i] = Tok::Word(format!("{of}-free"));
            toks.remove(i + 1);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn joined(text: &str) -> Vec<String> {
        let mut toks: Vec<Tok> = text.split(' ').map(|w| Tok::Word(w.to_owned())).collect();
        join_free_of(&mut toks, &crate::intent::Vocabulary::embedded().phrases());
        toks.into_iter().map(|t| if let Tok::Word(w) = t { w } else { String::new() }).collect()
    }

    #[test]
    fn freedom_before_an_item_is_one_word() {
        assert_eq!(joined("sugar free drinks"), ["sugar-free", "drinks"]);
        assert_eq!(joined("no sugar drinks"), ["sugar-free", "drinks"]);
        assert_eq!(joined("zero sugar drinks"), ["sugar-free", "drinks"]);
        assert_eq!(joined("no nuts snacks"), ["nut-free", "snacks"]);
        // Not before an item, or not a substance: left as said.
        assert_eq!(joined("drinks sugar free"), ["drinks", "sugar", "free"]);
        assert_eq!(joined("no energy drinks"), ["no", "energy", "drinks"]);
        assert_eq!(joined("no black t-shirts"), ["no", "black", "t-shirts"]);
        assert_eq!(joined("no alcohol please"), ["no", "alcohol", "please"]);
        assert_eq!(joined("no soy sauce"), ["no", "soy", "sauce"]);
        assert_eq!(joined("for free snacks"), ["for", "free", "snacks"]);
        assert_eq!(joined("delivery free of charge"), ["delivery", "free", "of", "charge"]);
        // "no sugar free drinks" refuses the sugar-free ones.
        assert_eq!(joined("no sugar free drinks"), ["no", "sugar-free", "drinks"]);
    }
}
