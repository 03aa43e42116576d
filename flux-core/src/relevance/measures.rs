//! Measures a need asks at least of: "20 ft hdmi cables", "a 16-port switch", "a power strip
//! with 12 outlets", "a 32 inch monitor" (inches from 15: "8 inch plates" are a size), "a 65W
//! charger". A longer cable, a switch with more
//! ports, a bigger screen do the job; a shorter or smaller one does not, so it is never bought,
//! nor relaxed to when nothing long enough fits. Which is closest still ranks: the measure said
//! stays a soft word, so an offer of exactly that measure ranks above a larger one, and one that
//! states no such measure below both.

use super::{push_unique, OfferTerms, Query};
use crate::terms::TermSet;

/// Units where more does the job of less (not weights or volumes: "12 oz cans" are a size).
const AT_LEAST: &[&str] = &["ft", "m", "cm", "mm", "in", "w", "mah", "gb", "tb", "port", "outlet", "channel"];

/// A measure term ("20ft", "6.6ft", "16port") of a unit in [`AT_LEAST`], as hundredths of the
/// unit, and the unit.
pub(crate) fn measure(term: &str) -> Option<(u64, &'static str)> {
    let split = term.find(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|s| *s > 0)?;
    let (number, unit) = term.split_at(split);
    let unit = AT_LEAST.iter().find(|u| **u == unit)?;
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hundredths: u64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    Some((whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(hundredths)?, unit))
}

/// Whether an offer with these terms has at least `value` of `unit`; `None` when it states none.
pub(crate) fn meets(offer: &TermSet, (value, unit): (u64, &str)) -> Option<bool> {
    offer.iter().filter_map(measure).filter(|(_, u)| *u == unit).fold(None, |met, (v, _)| Some(met == Some(true) || v >= value))
}

/// `q` with the measures it asks made minimums ([`Query::at_least`]) where some offer of the
/// category states that unit: no longer required as a word (a 25 ft cable is a 20 ft one and
/// more), nor relaxed, but ranking.
pub(crate) fn at_least<'a>(mut q: Query, offers: impl Iterator<Item = &'a OfferTerms> + Clone) -> Query {
    let asked: Vec<(String, (u64, &'static str))> =
        q.required.iter().chain(&q.soft).filter_map(|t| measure(t).map(|m| (t.clone(), m))).collect();
    for (term, m) in asked {
        // Inches below 15 are a size ("8 inch plates"), not a screen to be at least.
        let size = m.1 == "in" && m.0 < 1500;
        if size || !offers.clone().any(|o| meets(&o.all, m).is_some()) || q.at_least.contains(&m) {
            continue;
        }
        q.required.retain(|t| *t != term);
        q.attributes.retain(|t| *t != term);
        push_unique(&mut q.soft, term);
        q.at_least.push(m);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_read_as_minimums() {
        assert_eq!(measure("20ft"), Some((2000, "ft")));
        assert_eq!(measure("6.6ft"), Some((660, "ft")));
        assert_eq!(measure("16port"), Some((1600, "port")));
        assert_eq!(measure("12oz"), None, "a size, not a minimum");
        assert_eq!(measure("ft"), None);
        assert_eq!(measure("1.234ft"), None);
        let cable = TermSet::of(["HDMI Cable, 25 ft"]);
        assert_eq!(meets(&cable, (2000, "ft")), Some(true));
        assert_eq!(meets(&cable, (3000, "ft")), Some(false));
        assert_eq!(meets(&cable, (2000, "port")), None);
    }
}
