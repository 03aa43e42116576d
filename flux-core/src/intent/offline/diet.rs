//! What a request says of allergies and diets, and which items share it. An allergy or a diet is
//! the eaters', not one item's: said on its own ("No peanuts.", "We're vegan.", read by
//! `allergies::read`) it holds for every item eaten or drunk
//! ([`CategoryDef::edible`](crate::intent::CategoryDef::edible)); said after the last item of a
//! list ("cookies and candy for 20, no peanuts"), for the edible items of that sentence; said by a
//! heading ("nut-free snacks for the kids: cookies, candy"), for every edible item. Said of one
//! item among others ("chocolate without nuts, plus trail mix", "gluten-free crackers for Anna,
//! and cookies"), it stays that item's. An item that is the allergen ("mixed nuts") keeps it.

use super::allergies::allergen_of;
use super::tokens::Tok;
use super::Mention;
use crate::intent::Vocabulary;
use crate::terms::terms;

/// Diets: what every item eaten or drunk must be, and what the ranking requires of offers where
/// the catalog labels it.
pub(crate) const DIETS: &[&str] = &["vegan", "vegetarian", "kosher", "halal"];

/// What is said: an allergen to rule out, or a diet to keep to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    Allergen(&'static str),
    Diet(&'static str),
}

/// The allergies and diets a request states, each for the whole request (`None`) or for the
/// edible items of one sentence.
#[derive(Default)]
pub(super) struct Said {
    rules: Vec<(Option<usize>, Rule)>,
}

impl Said {
    fn add(&mut self, scope: Option<usize>, rule: Rule) {
        if !self.rules.contains(&(scope, rule)) {
            self.rules.push((scope, rule));
        }
    }

    /// An allergen ruled out, for the whole request (`None`) or one sentence.
    pub(super) fn allergen(&mut self, scope: Option<usize>, allergen: &'static str) {
        self.add(scope, Rule::Allergen(allergen));
    }

    /// A diet ([`DIETS`]), for the whole request (`None`) or one sentence.
    pub(super) fn diet(&mut self, scope: Option<usize>, word: &str) {
        if let Some(diet) = DIETS.iter().find(|d| **d == word) {
            self.add(scope, Rule::Diet(diet));
        }
    }
}

/// Whether `m` is of what is eaten or drunk (its category is [`edible`](crate::CategoryDef::edible)).
pub(super) fn edible(m: &Mention, vocab: &Vocabulary) -> bool {
    vocab.categories().get(m.category).is_some_and(|d| d.edible)
}

/// Whether the item at `m` heads a list: the first break after it is a colon.
fn heads_list(toks: &[Tok], m: &Mention) -> bool {
    toks.get(m.end..).and_then(|rest| rest.iter().find(|t| t.is_break())) == Some(&Tok::Colon)
}

/// What the items asked for say of allergies and diets and who shares it: what the last edible
/// item of a sentence rules out or keeps to, for that sentence; a heading's freedom, for all.
/// Read before headings are dropped.
pub(super) fn said_with_items(toks: &[Tok], mentions: &[Mention], vocab: &Vocabulary) -> Said {
    let mut said = Said::default();
    for (i, m) in mentions.iter().enumerate() {
        if !edible(m, vocab) {
            continue;
        }
        let freedoms = || m.attributes.iter().filter(|a| a.ends_with("-free")).filter_map(|a| allergen_of(a));
        if heads_list(toks, m) {
            freedoms().for_each(|a| said.allergen(None, a));
            m.attributes.iter().for_each(|a| said.diet(None, a));
        }
        // After the last item, not before it: "cookies and pretzels, gluten free please", not
        // "cookies, and gluten-free crackers for Anna".
        let last = !mentions[i + 1..].iter().any(|o| o.sentence == m.sentence && edible(o, vocab));
        let after = |w: &dyn Fn(&str) -> bool| (m.pos..m.end).any(|k| super::counts::word_at(toks, k).is_some_and(w));
        if last {
            let scope = Some(m.sentence);
            m.excluding.iter().filter_map(|e| allergen_of(e)).for_each(|a| said.allergen(scope, a));
            if after(&|w| w.ends_with("free")) {
                freedoms().for_each(|a| said.allergen(scope, a));
            }
            m.attributes.iter().filter(|a| after(&|w| w == a.as_str())).for_each(|a| said.diet(scope, a));
        }
    }
    said
}

/// Whether `item` is the allergen, or a kind of it ("mixed nuts" of peanuts): it keeps it.
fn is_the_allergen(item: &[String], allergen: &str) -> bool {
    let nut_kind = ["peanuts", "tree nuts", "almonds", "cashews", "walnuts", "pecans", "pistachios", "hazelnuts"].contains(&allergen);
    terms(allergen).iter().any(|t| item.contains(t)) || (nut_kind && item.iter().any(|t| t == "nut"))
}

/// Applies what is `said` to the edible items it holds for.
pub(super) fn apply(said: &Said, mentions: &mut [Mention], vocab: &Vocabulary) {
    for m in mentions.iter_mut() {
        if !edible(m, vocab) {
            continue;
        }
        let named = terms(&m.item);
        for (_, rule) in said.rules.iter().filter(|(scope, _)| scope.is_none_or(|s| s == m.sentence)) {
            match *rule {
                Rule::Allergen(a) if !is_the_allergen(&named, a) && !m.excluding.iter().any(|e| e == a) => m.excluding.push(a.to_owned()),
                Rule::Diet(d) if !m.attributes.iter().any(|x| x == d) => m.attributes.push(d.to_owned()),
                _ => {}
            }
        }
    }
}
