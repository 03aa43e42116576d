//! A whole category that is a kit of different things ("tableware for 80", "cleaning supplies")
//! is each of them: plates, cups, napkins and utensils, each counted by its own rate — not the
//! cheapest one of them alone, as a request of the category's name would buy.

use super::Mention;
use crate::intent::Vocabulary;
use crate::terms::terms;

/// Replaces each mention of a whole category that has a [`kit`](crate::CategoryDef::kit), said
/// with no count of its own, by one mention per item of the kit (the words it was read from,
/// its attributes and what it rules out kept). "50 office supplies" stays one need of 50, and an
/// item of the kit the prompt names itself is left to that mention ("tableware and 200 cups": 200
/// paper cups, not 200 more).
pub(super) fn expand(mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let kit_of = |m: &Mention| {
        let def = vocab.categories().get(m.category)?;
        (!def.kit.is_empty() && m.quantity.is_none() && def.is_whole(&m.item)).then_some(&def.kit)
    };
    let named: Vec<(usize, Vec<String>)> = mentions.iter().filter(|m| kit_of(m).is_none()).map(|m| (m.category, terms(&m.item))).collect();
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let Some(kit) = kit_of(&m) else {
            out.push(m);
            continue;
        };
        // "tableware without cups": no cups, and the plates are not "without cups".
        let ruled_out = |words: &[String]| m.excluding.iter().any(|e| terms(e) == words);
        let excluding: Vec<String> = m.excluding.iter().filter(|e| !kit.iter().any(|item| terms(item) == terms(e))).cloned().collect();
        for item in kit {
            let words = terms(item);
            if !named.iter().any(|(category, said)| *category == m.category && said.ends_with(&words)) && !ruled_out(&words) {
                out.push(Mention { item: item.clone(), excluding: excluding.clone(), ..m.clone() });
            }
        }
    }
    *mentions = out;
}
