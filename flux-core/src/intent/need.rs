//! One thing an intent needs ([`Need`]): what was asked, in which category, how many, and
//! within which bounds a parser or a model may state it.

use serde::{Deserialize, Serialize};

use super::{CategoryId, MAX_NEED_QUANTITY};
use crate::money::Amount;
use crate::reasons::ExclusionReason;

/// One thing the intent needs: what was asked, in which category, how many units.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Need {
    /// Category id from the [`Vocabulary`](super::Vocabulary).
    pub category: CategoryId,
    /// Units wanted (cans, badges, chairs), 1..=[`MAX_NEED_QUANTITY`]; packages while
    /// [`Need::packs`] is set and [`propose`](crate::propose) has not yet made them units.
    pub quantity: u32,
    /// The words of the prompt this need was read from.
    pub source: String,
    /// The item as the user said it ("energy drinks", "usb-c hubs", "cold brew coffee"); the
    /// category's own name ("snacks") for a request of the whole category. Offers must match it.
    pub item: String,
    /// Attributes asked for (sizes, colours, spec words: "4k", "red", "xl"): offers that have
    /// them rank higher, and are required where some offer with the item has them (relaxed
    /// when none of those fits; see `relevance`). A freedom ("gluten-free"), a diet or a
    /// certification ("vegan", "organic") where the category labels it is never relaxed. A
    /// price cap ("a 4k monitor under $200" is `max $200`, "$500 total" `max $500 total`; see
    /// [`Need::price_cap`]) is never relaxed either: no offer whose quote costs more is bought.
    /// A sum to spend on it ("$200 for snacks" is `spend $200`; see [`Need::spend`]) caps it as a
    /// total, and says how much to buy when the user gave no count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<String>,
    /// Packages asked for ("2 cases of energy drinks", "5 boxes of pens"): [`propose`](crate::propose)
    /// sets `quantity` to that many of the item's usual package in the catalog before it ranks
    /// (the median pack size of the offers that match), so two cases are two cases' worth of
    /// cans whichever offer fills them. `None`: `quantity` counts units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packs: Option<u32>,
    /// What the user ruled out for this item ("snacks without nuts", "water, not sparkling"): an
    /// offer that has every word of one of these is never bought for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluding: Vec<String>,
    /// The merchants the user asked to buy it from ("from amazon only", "at walmart"), by vendor
    /// id: only their offers are bought for it. Empty: any merchant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merchants: Vec<String>,
    /// The merchants the user ruled out ("no walmart", "don't order from amazon"), by vendor id:
    /// their offers are never bought for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluding_merchants: Vec<String>,
    /// The quantity is the kernel's estimate, not a count the user said: the category's default
    /// ("coffee for the office") or a rate per person ("snacks for 40 people"). A plan that cannot
    /// buy it whole within the budget buys what the budget allows, and says what is left.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    /// How many days it is kept, when that is two or more ("50 chairs for 3 days", "chairs for a
    /// 3-day conference"): a rental priced per day is quoted for them
    /// (`catalog::for_days`), and what is bought outright is not affected.
    /// `None`: one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// How the user asked to have it: bought outright ("buy 2 projectors") or rented ("rent 40
    /// chairs"). Offers of the other kind are not bought for it. `None`: either, whichever ranks
    /// first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<Tenure>,
}

/// How a thing is had ([`Need::tenure`]): an offer priced per day is a rental, any other is
/// bought outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    /// Bought outright: kept, no rental.
    Buy,
    /// Rented for its days: nothing bought outright.
    Rent,
}

impl Tenure {
    /// The stable name: `"buy"` or `"rent"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tenure::Buy => "buy",
            Tenure::Rent => "rent",
        }
    }

    /// Why an offer that is a rental (`rental`) or not cannot be had this way; `None` when it can.
    pub fn refuses(self, rental: bool) -> Option<ExclusionReason> {
        match (self, rental) {
            (Tenure::Buy, true) => Some(ExclusionReason::NotForSale),
            (Tenure::Rent, false) => Some(ExclusionReason::NotForRent),
            _ => None,
        }
    }
}

/// The most a need may cost ([`Need::price_cap`]): "a 4k monitor under $200" (each unit), "3
/// monitors, no more than $500 total" (all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceCap {
    /// The sum.
    pub most: Amount,
    /// For all the units together, not each.
    pub total: bool,
}

impl PriceCap {
    /// Whether `line_total` for `units` units keeps to it.
    pub fn allows(&self, line_total: Amount, units: u64) -> bool {
        let most = if self.total { Ok(self.most) } else { self.most.checked_mul(units) };
        most.is_ok_and(|most| line_total <= most)
    }
}

/// The cap an attribute states ("max $200", "max $500 total", "spend $200": all of it), if it
/// states one.
pub(crate) fn price_cap_of(attribute: &str) -> Option<PriceCap> {
    if let Some(most) = spend_of(attribute) {
        return Some(PriceCap { most, total: true });
    }
    let sum = ["max $", "under $", "below $"].iter().find_map(|p| attribute.strip_prefix(p))?;
    let (sum, total) = sum.strip_suffix(" total").map_or((sum, false), |s| (s, true));
    Amount::parse(sum).ok().map(|most| PriceCap { most, total })
}

/// The sum an attribute `spend $N` says to spend on a need.
fn spend_of(attribute: &str) -> Option<Amount> {
    attribute.strip_prefix("spend $").and_then(|sum| Amount::parse(sum).ok())
}

/// The longest stay a rental is quoted for, in days ([`Need::days`]).
pub const MAX_RENTAL_DAYS: u32 = 365;
/// Longest item text kept on a need, in characters.
pub const MAX_ITEM_CHARS: usize = 80;
/// Most attributes kept on a need.
pub const MAX_ATTRIBUTES: usize = 8;
/// Most stores a need keeps asked for, or ruled out: more than a catalog's merchants, so a store
/// ruled out is never dropped.
pub const MAX_MERCHANTS: usize = 64;
/// Longest attribute kept, in characters.
pub const MAX_ATTRIBUTE_CHARS: usize = 32;

impl Need {
    /// A need for `quantity` units of the whole category `category` (a generic request).
    pub fn generic(category: impl Into<String>, quantity: u32) -> Need {
        let category = category.into();
        let item = category.replace('_', " ");
        Need {
            source: item.clone(),
            item,
            category,
            quantity,
            attributes: Vec::new(),
            packs: None,
            excluding: Vec::new(),
            merchants: Vec::new(),
            excluding_merchants: Vec::new(),
            estimated: false,
            days: None,
            tenure: None,
        }
    }

    /// Whether the user would buy it from `merchant` (a vendor id): one they asked for, or any
    /// they did not rule out.
    pub fn buys_from(&self, merchant: &str) -> bool {
        let named = |list: &[String]| list.iter().any(|m| m == merchant);
        (self.merchants.is_empty() || named(&self.merchants)) && !named(&self.excluding_merchants)
    }

    /// The most it may cost, when the request said so: an attribute `max $N` (each unit) or `max
    /// $N total` (all of it). An offer whose quote costs more is not what was asked.
    pub fn price_cap(&self) -> Option<PriceCap> {
        self.attributes.iter().find_map(|a| price_cap_of(a))
    }

    /// The sum the request said to spend on it ("$200 for snacks", "a $500 prize budget"): an
    /// attribute `spend $N`. It caps the need as `max $N total` does; and where the quantity is
    /// the kernel's estimate, [`propose`](crate::propose) first sets it to what the sum buys of
    /// the offer it ranks first.
    pub fn spend(&self) -> Option<Amount> {
        self.attributes.iter().find_map(|a| spend_of(a))
    }

    /// Adds `quantity` more of what it counts (units or packages), capped at
    /// [`MAX_NEED_QUANTITY`]: the same item named twice.
    pub fn add(&mut self, quantity: u32) {
        self.quantity = self.quantity.saturating_add(quantity).min(MAX_NEED_QUANTITY);
        self.packs = self.packs.map(|_| self.quantity);
    }

    /// Keeps `item`, `attributes` and `excluding` within their bounds and to printable words (they
    /// may come from a model or a client): control characters become spaces, runs of spaces one
    /// space, over-long text is cut, empty entries and repeats are dropped; `packs`, when set, is
    /// `quantity`; `days` is 2..=[`MAX_RENTAL_DAYS`] or none, and none for what is bought outright.
    pub fn bounded(mut self) -> Need {
        self.packs = self.packs.map(|_| self.quantity);
        self.days = kept_for(self.days, self.tenure);
        self.item = clean(&self.item, MAX_ITEM_CHARS);
        if self.item.is_empty() {
            self.item = self.category.replace('_', " ");
        }
        (self.attributes, self.excluding) = (bounded_words(&self.attributes), bounded_words(&self.excluding));
        for list in [&mut self.merchants, &mut self.excluding_merchants] {
            list.sort_unstable();
            list.dedup();
            list.truncate(MAX_MERCHANTS);
        }
        self
    }
}

/// The days a need said to be kept for `days` is rented for: 2..=[`MAX_RENTAL_DAYS`], none for a
/// day or what is bought outright.
pub(crate) fn kept_for(days: Option<u32>, tenure: Option<Tenure>) -> Option<u32> {
    days.filter(|d| *d >= 2 && tenure != Some(Tenure::Buy)).map(|d| d.min(MAX_RENTAL_DAYS))
}

/// `text` as printable words: control characters as spaces, runs of spaces as one, lowercase,
/// at most `max` characters.
fn clean(text: &str, max: usize) -> String {
    let mapped: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().chars().take(max).collect::<String>().trim().to_owned()
}

/// A need's list of words (`attributes`, `excluding`), cleaned: no empty entry, no repeat, at
/// most [`MAX_ATTRIBUTES`] of at most [`MAX_ATTRIBUTE_CHARS`] characters.
fn bounded_words(list: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for a in list.iter().map(|a| clean(a, MAX_ATTRIBUTE_CHARS)) {
        if !a.is_empty() && !kept.contains(&a) && kept.len() < MAX_ATTRIBUTES {
            kept.push(a);
        }
    }
    kept
}
