//! Rentals priced per day, quoted for the days they are kept.
//!
//! "50 chairs for a 3-day conference" rents each chair for three days: an offer whose name says
//! it is priced per day ("Folding Chair Rental (per day)") is quoted for that stay as an offer of
//! its own — id `<offer id>@<days>d`, the price times the days, the name saying the days — with
//! the stock, pack size, vendor and terms of the offer it derives from. Everything downstream
//! (the plan, the cart, the gate, receipts, every host) reads it as any other offer, and
//! [`CatalogData::quoted`](super::CatalogData::quoted) resolves its id again, so a cart of it is
//! paid only as the kernel quotes it. `@` is no character of a catalog's own ids, so no offer of a
//! catalog is ever mistaken for one.

use std::sync::Arc;

use super::Offer;
use crate::intent::MAX_RENTAL_DAYS;

/// The words that say an offer's price is for one day.
const PER_DAY: &[&str] = &["(per day)", "per day", "/day", "/ day", "daily rental"];

impl Offer {
    /// Whether its price is for one day of a rental: its name says so ("(per day)", "/day",
    /// "daily rental").
    pub fn per_day(&self) -> bool {
        let name = self.name.to_lowercase();
        PER_DAY.iter().any(|w| name.contains(w))
    }
}

/// `offer` kept for `days` days: a rental priced per day, for two days or more (up to
/// [`MAX_RENTAL_DAYS`]), as its own offer (see the module). `None` for an offer bought outright,
/// a stay of one day, or a price that would overflow.
pub fn for_days(offer: &Offer, days: u32) -> Option<Arc<Offer>> {
    if !(2..=MAX_RENTAL_DAYS).contains(&days) || !offer.per_day() {
        return None;
    }
    let price = offer.price.checked_mul(u64::from(days)).ok()?;
    let stay = format!("({days} days)");
    let name = match offer.name.find("(per day)") {
        Some(at) => format!("{}{stay}{}", &offer.name[..at], &offer.name[at + "(per day)".len()..]),
        None => format!("{} {stay}", offer.name),
    };
    Some(Arc::new(Offer { id: format!("{}@{days}d", offer.id), name, price, ..offer.clone() }))
}

/// The id of the catalog's offer a line's `id` is of: the offer a rental derives from, else `id`.
pub fn listed_id(id: &str) -> &str {
    rented(id).map_or(id, |(base, _)| base)
}

/// The days of a rental's id (`<offer id>@<days>d`); `None` for any other id.
pub fn stay_of(id: &str) -> Option<u32> {
    rented(id).map(|(_, days)| days)
}

/// The offer id and the days of a rental's id (`<offer id>@<days>d`).
pub(super) fn rented(id: &str) -> Option<(&str, u32)> {
    let (base, stay) = id.rsplit_once('@')?;
    let days = stay.strip_suffix('d')?;
    // Digits only, written as `for_days` writes them: "@03d" or "@+3d" is no id of a quote.
    if days.starts_with('0') || !days.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((base, days.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;

    fn offer(name: &str) -> Offer {
        Offer {
            id: "amz-chair".into(),
            vendor_id: "amazon".into(),
            category: "furniture_rental".into(),
            name: name.into(),
            price: Amount::parse("3.43").unwrap_or(Amount::ZERO),
            pack_size: 1,
            delivery_days: 1,
            stock: 600,
            tags: vec!["folding chair".into()],
            attributes: Default::default(),
        }
    }

    #[test]
    fn a_rental_per_day_is_quoted_for_the_stay() {
        let three = for_days(&offer("Folding Chair Rental, White Resin (per day)"), 3).expect("a rental");
        assert_eq!(three.id, "amz-chair@3d");
        assert_eq!(three.name, "Folding Chair Rental, White Resin (3 days)");
        assert_eq!(three.price.to_string(), "10.29");
        assert_eq!((three.stock, three.pack_size, three.tags.len()), (600, 1, 1));
        assert_eq!(
            for_days(&offer("Projector Rental $99/day"), 2).map(|o| o.name.clone()).as_deref(),
            Some("Projector Rental $99/day (2 days)")
        );
    }

    #[test]
    fn what_is_bought_outright_or_for_a_day_is_itself() {
        assert!(for_days(&offer("Folding Chair, White Resin"), 3).is_none());
        assert!(for_days(&offer("Folding Chair Rental (per day)"), 1).is_none());
        assert!(for_days(&offer("Folding Chair Rental (per day)"), 0).is_none());
        assert!(for_days(&offer("Folding Chair Rental (per day)"), MAX_RENTAL_DAYS + 1).is_none());
        let dear = Offer { price: Amount::MAX, ..offer("Stage Rental (per day)") };
        assert!(for_days(&dear, 2).is_none());
    }

    #[test]
    fn only_ids_written_for_a_stay_read_as_one() {
        assert_eq!(rented("amz-chair@3d"), Some(("amz-chair", 3)));
        assert_eq!(rented("amz-chair@12d"), Some(("amz-chair", 12)));
        for id in ["amz-chair", "amz-chair@3", "amz-chair@03d", "amz-chair@+3d", "amz-chair@d", "amz-chair@3dd", "amz-chair@99999999999d"] {
            assert_eq!(rented(id), None, "{id}");
        }
    }
}
