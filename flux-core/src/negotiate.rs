//! Deterministic negotiation: volume tiers and vendor promotions, applied the same way every time.
//!
//! The best matching promotion and the best reached volume tier add up (in basis points), capped
//! at 50%; the discounted pack price is rounded half-up to the micro-dollar. The original price
//! is kept on the quote and on the cart line.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::catalog::{Offer, Vendor};
use crate::money::{Amount, AmountError};

/// Largest total discount, in basis points.
pub const MAX_DISCOUNT_BPS: u32 = 5_000;

/// A discount that was applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AppliedDiscount {
    /// What kind of discount.
    pub kind: DiscountKind,
    /// What people see.
    pub label: String,
    /// Basis points.
    pub bps: u32,
}

/// The kinds of negotiated discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// A volume tier of the vendor (enough packs of one offer).
    Volume,
    /// A vendor promotion on the category.
    Promotion,
}

impl DiscountKind {
    /// `volume` or `promotion`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiscountKind::Volume => "volume",
            DiscountKind::Promotion => "promotion",
        }
    }
}

/// The price of buying enough packs of one offer for a number of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The offer.
    pub offer: Arc<Offer>,
    /// Packs to buy.
    pub packs: u32,
    /// Pack price before discounts.
    pub original_price: Amount,
    /// Pack price after discounts.
    pub unit_price: Amount,
    /// `unit_price × packs`.
    pub line_total: Amount,
    /// The promotion applied (index into the vendor's promotions).
    promotion: Option<usize>,
    /// The volume tier reached (index into the vendor's tiers).
    tier: Option<usize>,
}

impl Quote {
    /// The discounts applied, promotion first, with their labels (`vendor` is the offer's).
    pub fn discounts(&self, vendor: &Vendor) -> Vec<AppliedDiscount> {
        let mut out = Vec::new();
        if let Some(p) = self.promotion.and_then(|i| vendor.promotions.get(i)) {
            out.push(AppliedDiscount { kind: DiscountKind::Promotion, label: p.label.clone(), bps: p.discount_bps });
        }
        if let Some(t) = self.tier.and_then(|i| vendor.volume_tiers.get(i)) {
            out.push(AppliedDiscount {
                kind: DiscountKind::Volume,
                label: format!("{}+ packs: {}% off", t.min_packs, Bps(t.discount_bps)),
                bps: t.discount_bps,
            });
        }
        out
    }
}

/// Quotes `packs` packs of `offer` sold by `vendor`. Labels are rendered only on request
/// ([`Quote::discounts`]), so quoting thousands of offers allocates nothing but the quote.
pub fn quote_packs(offer: &Arc<Offer>, vendor: &Vendor, packs: u32) -> Result<Quote, AmountError> {
    let promotion = vendor
        .promotions
        .iter()
        .enumerate()
        .filter(|(_, p)| p.category.as_deref().is_none_or(|c| c == offer.category))
        .max_by(|(_, a), (_, b)| a.discount_bps.cmp(&b.discount_bps).then_with(|| b.id.cmp(&a.id)))
        .map(|(i, _)| i);
    let tier = vendor
        .volume_tiers
        .iter()
        .enumerate()
        .filter(|(_, t)| packs >= t.min_packs)
        .max_by_key(|(_, t)| (t.discount_bps, t.min_packs))
        .map(|(i, _)| i);
    let promo_bps = promotion.and_then(|i| vendor.promotions.get(i)).map_or(0, |p| p.discount_bps);
    let tier_bps = tier.and_then(|i| vendor.volume_tiers.get(i)).map_or(0, |t| t.discount_bps);
    let bps = promo_bps.saturating_add(tier_bps).min(MAX_DISCOUNT_BPS);
    let unit_price = offer.price.discounted(bps);
    Ok(Quote {
        offer: offer.clone(),
        packs,
        original_price: offer.price,
        unit_price,
        line_total: unit_price.checked_mul(u64::from(packs))?,
        promotion,
        tier,
    })
}

/// Quotes enough packs of `offer` for `units` units: the packs needed or, when a volume tier
/// makes more packs cost less in total (49 hubs at list price dearer than the 50 of the next
/// tier) and the offer has them in stock, that tier's packs.
pub fn quote_units(offer: &Arc<Offer>, vendor: &Vendor, units: u32) -> Result<Quote, AmountError> {
    let needed = offer.packs_for(units);
    let mut best = quote_packs(offer, vendor, needed)?;
    for tier in vendor.volume_tiers.iter().filter(|t| t.min_packs > needed && t.min_packs <= offer.stock) {
        // A tier whose total cannot be computed is no offer of fewer dollars.
        if let Ok(more) = quote_packs(offer, vendor, tier.min_packs) {
            if more.line_total < best.line_total {
                best = more;
            }
        }
    }
    Ok(best)
}

/// Basis points as a percent without floats: 750 -> "7.5".
struct Bps(u32);

impl std::fmt::Display for Bps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{}", format!("{frac:02}").trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Promotion, VolumeTier};

    fn offer() -> Arc<Offer> {
        Arc::new(Offer {
            id: "o".into(),
            vendor_id: "v".into(),
            category: "snacks".into(),
            name: "Chips".into(),
            price: Amount::parse("10").unwrap(),
            pack_size: 12,
            delivery_days: 2,
            stock: 100,
            tags: vec![],
            attributes: Default::default(),
        })
    }

    fn vendor() -> Vendor {
        Vendor {
            id: "v".into(),
            name: "V".into(),
            trust_score: 90,
            volume_tiers: vec![VolumeTier { min_packs: 10, discount_bps: 300 }, VolumeTier { min_packs: 50, discount_bps: 750 }],
            promotions: vec![Promotion {
                id: "p".into(),
                label: "Snacks 8% off".into(),
                category: Some("snacks".into()),
                discount_bps: 800,
            }],
        }
    }

    #[test]
    fn tiers_and_promotions_stack_deterministically() {
        let q = quote_units(&offer(), &vendor(), 24).unwrap();
        assert_eq!(q.packs, 2);
        assert_eq!(q.unit_price, Amount::parse("9.2").unwrap());
        let q = quote_packs(&offer(), &vendor(), 60).unwrap();
        assert_eq!(q.unit_price, Amount::parse("8.45").unwrap(), "8% + 7.5%");
        assert_eq!(q.original_price, Amount::parse("10").unwrap());
        assert_eq!(q.line_total, Amount::parse("507").unwrap());
        assert_eq!(q.discounts(&vendor())[1].label, "50+ packs: 7.5% off");
        assert_eq!(q, quote_packs(&offer(), &vendor(), 60).unwrap());
    }

    #[test]
    fn more_packs_are_quoted_when_a_tier_makes_them_cost_less() {
        let mut v = vendor();
        v.promotions.clear();
        // 9 packs at 10 = 90; 10 packs at 3% off = 97: the 9 asked for.
        assert_eq!(quote_units(&offer(), &v, 9 * 12).unwrap().packs, 9);
        // 49 packs at 9.7 = 475.3; 50 at 7.5% off = 462.5: the tier's 50, fewer dollars.
        let q = quote_units(&offer(), &v, 49 * 12).unwrap();
        assert_eq!((q.packs, q.line_total), (50, Amount::parse("462.5").unwrap()));
        assert_eq!(q, quote_packs(&offer(), &v, 50).unwrap(), "the quote the kernel checks at execute");
        // Not beyond the stock.
        let few = Arc::new(Offer { stock: 49, ..Offer::clone(&offer()) });
        assert_eq!(quote_units(&few, &v, 49 * 12).unwrap().packs, 49);
    }

    #[test]
    fn no_discount_keeps_the_price() {
        let mut v = vendor();
        v.promotions.clear();
        let q = quote_packs(&offer(), &v, 1).unwrap();
        assert_eq!(q.unit_price, q.original_price);
        assert!(q.discounts(&v).is_empty());
    }
}
