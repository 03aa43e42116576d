//! The gate besides the policy: a cart is paid only as the kernel itself quotes it, and an
//! approval pays for one settlement only.
//!
//! A line is quoted when its `id` is an offer of the catalog (or one rented for a stay of days,
//! [`CatalogData::quoted`]), its `vendor_id` is that offer's vendor, and its pack `price`,
//! `quantity` (packs), `units` and `line_total` are exactly what [`quote_packs`] gives for that
//! offer and quantity now — as every line the kernel proposes is (a line merged for two needs is
//! re-quoted for the combined units, which is the quote for its packs) — and the offer has those
//! packs in stock (a rental for any stay draws on its offer's stock). What a line says it is — its name, vendor
//! name and category, its list price, its discounts, when it states them — must be the offer's
//! and no discount the quote does not give: they are not paid, but a receipt shows them, and a
//! receipt that verifies must not name other goods ([`receipt_goods_mismatch`] holds its names
//! to the catalog too). The kernel's own explanations (reasons, scores) are not checked.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Flux;
use crate::cart::{shown_alike, Cart, CartLine, Shown};
use crate::catalog::{listed_id, CatalogData};
use crate::catalog::{Offer, Vendor};
use crate::error::FluxError;
use crate::negotiate::{quote_packs, AppliedDiscount, Quote};
use crate::policy::{violation, Approval, Decision, Violation, ViolationCode};
use crate::settle::ReceiptBundle;

impl Flux {
    /// The violations of `cart` against the kernel's own quotes from `catalog`, per line.
    pub(crate) fn quote_violations(&self, cart: &Cart, catalog: &CatalogData) -> Vec<Violation> {
        quote_violations(cart, catalog)
    }

    /// The policy's `decision` with the kernel's own checks added: the quotes (against
    /// `catalog`, the snapshot this instance quotes from; `None` when resuming an attempt whose
    /// cart was quoted when it began) and, for a cart that needs an approval,
    /// whether its id already paid for another settlement (`approval_used`, from the ledger).
    /// Any violation turns the decision into a denial listing every violation.
    pub(crate) fn gate(
        &self,
        decision: Decision,
        cart: &Cart,
        catalog: Option<&Result<Arc<CatalogData>, FluxError>>,
        approval: &Approval,
        approval_used: bool,
    ) -> Decision {
        let mut extra = match catalog {
            None => Vec::new(),
            Some(Ok(c)) => self.quote_violations(cart, c),
            Some(Err(e)) => vec![violation(
                ViolationCode::QuoteUnavailable,
                format!("the catalog could not be loaded to check the quotes ({})", e.code()),
                None,
                None,
            )],
        };
        if approval_used && self.policy.needs_approval(cart) && !approval.is_empty() {
            extra.push(violation(
                ViolationCode::ApprovalReplayed,
                format!("approval {:?} already paid for another settlement", approval.approval_id),
                None,
                None,
            ));
        }
        match decision {
            Decision::Allow(_) if !extra.is_empty() => Decision::Deny { violations: extra },
            Decision::Deny { mut violations } => {
                violations.append(&mut extra);
                Decision::Deny { violations }
            }
            allowed => allowed,
        }
    }
}

/// Every line of `cart` that is not the kernel's quote, in line order.
pub(crate) fn quote_violations(cart: &Cart, catalog: &CatalogData) -> Vec<Violation> {
    use ViolationCode as V;
    let mut out = Vec::new();
    // Packs asked of each offer, over every line of it (a rental for any stay is of its offer's stock).
    let mut asked: BTreeMap<&str, u64> = BTreeMap::new();
    for l in cart.lines() {
        *asked.entry(listed_id(&l.id)).or_default() += u64::from(l.quantity);
    }
    for (i, l) in cart.lines().iter().enumerate() {
        let m = Some(l.vendor_id.as_str());
        let Some((offer, vendor)) = catalog.quoted(&l.id).and_then(|o| catalog.vendor(&o.vendor_id).map(|v| (o, v))) else {
            // A line sent without an id is numbered `line-N` when it is read.
            let message = if l.id == format!("line-{i}") {
                format!("line {i} has no id: send back the offer id the kernel quoted for it")
            } else {
                format!("line id {:?} is not an offer of the catalog", short(&l.id))
            };
            out.push(violation(V::UnknownOffer, message, Some(i), m));
            continue;
        };
        if l.vendor_id != offer.vendor_id {
            out.push(violation(
                V::VendorMismatch,
                format!("offer {:?} is sold by {:?}, not {:?}", offer.id, offer.vendor_id, short(&l.vendor_id)),
                Some(i),
                m,
            ));
        }
        let Ok(quote) = quote_packs(&offer, vendor, l.quantity) else {
            out.push(violation(V::AmountOverflow, format!("{} packs of {:?} overflow", l.quantity, offer.id), Some(i), m));
            continue;
        };
        if l.price != quote.unit_price {
            out.push(violation(
                V::PriceNotQuoted,
                format!("{} packs of {:?} are quoted at {} USDC a pack, not {}", l.quantity, offer.id, quote.unit_price, l.price),
                Some(i),
                m,
            ));
        }
        if l.line_total != quote.line_total {
            out.push(violation(
                V::LineTotalNotQuoted,
                format!("{} packs of {:?} are quoted at {} USDC, not {}", l.quantity, offer.id, quote.line_total, l.line_total),
                Some(i),
                m,
            ));
        }
        let units = quote.packs.saturating_mul(offer.pack_size);
        if l.units != units {
            out.push(violation(
                V::UnitsNotQuoted,
                format!("{} packs of {:?} are {units} units, not {}", l.quantity, offer.id, l.units),
                Some(i),
                m,
            ));
        }
        if let Some(wrong) = details_not_quoted(l, &offer, vendor, &quote) {
            out.push(violation(V::DetailsNotQuoted, format!("line {i} says {wrong}"), Some(i), m));
        }
        let packs = asked.get(listed_id(&l.id)).copied().unwrap_or_default();
        if packs > u64::from(offer.stock) {
            out.push(violation(V::OutOfStock, format!("{packs} packs of {:?} asked, {} in stock", offer.id, offer.stock), Some(i), m));
        }
    }
    out
}

/// What `line` says it is, where that is not its offer's: a name, vendor name or category it
/// states (an empty field states nothing). These hold for as long as the catalog does.
fn names_not_offered(line: &CartLine, offer: &Offer, vendor: &Vendor) -> Vec<String> {
    // Compared as a cart reads them (clipped to the field's limit), on both sides.
    let mut wrong = Vec::new();
    if !line.name.is_empty() && !shown_alike(&line.name, &offer.name, Shown::Name) {
        wrong.push(format!("it is {:?}, but offer {:?} is {:?}", short(&line.name), offer.id, short(&offer.name)));
    }
    // A line read without a vendor name carries its vendor id.
    let vendor_named = line.vendor_name == line.vendor_id || shown_alike(&line.vendor_name, &vendor.name, Shown::VendorName);
    if !line.vendor_name.is_empty() && !vendor_named {
        wrong.push(format!("its vendor is {:?}, not {:?}", short(&line.vendor_name), short(&vendor.name)));
    }
    if !line.category.is_empty() && !shown_alike(&line.category, &offer.category, Shown::Category) {
        wrong.push(format!("its category is {:?}, not {:?}", short(&line.category), short(&offer.category)));
    }
    wrong
}

/// Text a client sent, cut for a message.
fn short(text: &str) -> String {
    text.chars().take(64).collect()
}

/// [`names_not_offered`], and a list price `line` states that is not its offer's, or a discount
/// it states that `quote` does not give (one it leaves out claims nothing). `None` when all agree.
fn details_not_quoted(line: &CartLine, offer: &Offer, vendor: &Vendor, quote: &Quote) -> Option<String> {
    let mut wrong = names_not_offered(line, offer, vendor);
    if line.original_price.is_some_and(|list| list != offer.price) {
        wrong.push(format!("its list price is {}, not {}", line.original_price.map(|p| p.to_string()).unwrap_or_default(), offer.price));
    }
    let given = quote.discounts(vendor);
    let gives = |d: &AppliedDiscount| {
        given.iter().any(|g| g.kind == d.kind && g.bps == d.bps && shown_alike(&g.label, &d.label, Shown::DiscountLabel))
    };
    if let Some(d) = line.discounts.iter().find(|d| !gives(d)) {
        wrong.push(format!("a discount the quote does not give ({:?}, {} bps)", short(&d.label), d.bps));
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

/// What a receipt's lines say was bought, against `catalog`: a line whose offer the catalog holds
/// must be of that offer's vendor, its units its packs times the pack size, and the names it
/// states the offer's ([`names_not_offered`]) — as the gate held them when it was paid. An offer
/// renamed since reads as a mismatch too, named in the reason: verify against the catalog the
/// receipt was paid under. A line of an offer the catalog no longer holds (another catalog, an
/// offer retired since) is taken as the receipt states it; its list price, discounts, need and
/// reasons are the bundle author's word. `None` when every line agrees.
pub(crate) fn receipt_goods_mismatch(bundle: &ReceiptBundle, catalog: &CatalogData) -> Option<String> {
    let cart = Cart::from_json(&crate::canonical::to_canonical_json(&bundle.cart)).ok()?;
    cart.lines().iter().enumerate().find_map(|(i, l)| {
        let offer = catalog.quoted(&l.id)?;
        if offer.vendor_id != l.vendor_id {
            return Some(format!("line {i}: offer {:?} is sold by {:?}, not {:?}", offer.id, offer.vendor_id, l.vendor_id));
        }
        let units = u64::from(l.quantity) * u64::from(offer.pack_size);
        if u64::from(l.units) != units {
            return Some(format!("line {i}: {} packs of {:?} are {units} units, not {}", l.quantity, offer.id, l.units));
        }
        // What it says it is, as the catalog names it (a feed that renamed the offer since makes
        // the receipt disagree, as a forged name does).
        let wrong = names_not_offered(l, &offer, catalog.vendor(&offer.vendor_id)?);
        (!wrong.is_empty()).then(|| format!("line {i} says {}", wrong.join("; ")))
    })
}
