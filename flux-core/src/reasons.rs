//! The closed sets of reasons the kernel gives — why an offer was left out, why a need went
//! unmet, why a parsed item was dropped — as enums with stable snake_case names, so every host
//! matches on the same words.

use serde::{Deserialize, Serialize};

macro_rules! reasons {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable name (`"beyond_deadline"`, ...).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

reasons! {
    /// Why an offer cannot serve a need.
    ExclusionReason {
        /// Its vendor is not in the catalog.
        UnknownVendor => "unknown_vendor",
        /// The policy does not pay its merchant (not in the registry, or not on the allowlist):
        /// a cart with it would be denied.
        MerchantNotAllowed => "merchant_not_allowed",
        /// It is not what was asked (a specific request it does not match, or one that rules it
        /// out: "snacks without nuts").
        DoesNotMatch => "does_not_match",
        /// The request buys the item from other merchants ("from amazon only") or rules this one
        /// out ("no walmart").
        MerchantNotWanted => "merchant_not_wanted",
        /// It is a rental (priced per day), and the request buys the item outright ("buy 2
        /// projectors").
        NotForSale => "not_for_sale",
        /// It is bought outright, and the request rents the item ("rent 40 chairs").
        NotForRent => "not_for_rent",
        /// It cannot arrive within the deadline.
        BeyondDeadline => "beyond_deadline",
        /// Not enough packs in stock for the quantity.
        OutOfStock => "out_of_stock",
        /// Its price for the quantity alone exceeds the budget.
        OverBudget => "over_budget",
        /// Its price for the quantity alone is more than the policy lets one cart pay its
        /// merchant (the cart cap, the per-transfer cap or the merchant's own cap): a cart with
        /// it would be denied.
        OverPolicyCap => "over_policy_cap",
    }
}

reasons! {
    /// Why a need is not covered by the cart.
    UnmetReason {
        /// No offer in the category.
        NoOffers => "no_offers",
        /// Nothing in the catalog is what was asked; nothing else is bought instead.
        DoesNotMatch => "does_not_match",
        /// Every offer alone exceeds the budget.
        OverBudget => "over_budget",
        /// No offer has enough stock.
        OutOfStock => "out_of_stock",
        /// No offer arrives within the deadline.
        BeyondDeadline => "beyond_deadline",
        /// Offers fit, but the budget went to other needs in the optimal cart.
        BudgetExhausted => "budget_exhausted",
        /// Only merchants the policy does not pay sell it.
        MerchantNotAllowed => "merchant_not_allowed",
        /// The request buys it outright, and the catalog only rents what is asked; nothing is
        /// rented instead.
        NotForSale => "not_for_sale",
        /// The request rents it, and the catalog only sells what is asked outright; nothing is
        /// bought instead.
        NotForRent => "not_for_rent",
        /// Only merchants the request rules out sell it (it asked for others: "from amazon
        /// only"; or ruled them out: "no walmart"); nothing is bought elsewhere instead.
        MerchantNotWanted => "merchant_not_wanted",
        /// The budget would cover it, but the policy's caps (on a cart, a transfer or a merchant)
        /// leave no room for it.
        OverPolicyCap => "over_policy_cap",
    }
}

reasons! {
    /// Why something the parser read was not used.
    DropReason {
        /// A category the vocabulary does not know.
        UnknownCategory => "unknown_category",
        /// A quantity of zero or above the maximum.
        QuantityOutOfRange => "quantity_out_of_range",
        /// A quantity that is not a whole number.
        InvalidQuantity => "invalid_quantity",
        /// More needs than one intent may have.
        TooManyNeeds => "too_many_needs",
        /// A need entry of the wrong shape.
        InvalidNeed => "invalid_need",
        /// A head count of zero or above the maximum.
        HeadcountOutOfRange => "headcount_out_of_range",
        /// A head count that is not a whole number.
        InvalidHeadcount => "invalid_headcount",
        /// A field the kernel never takes from a model (money, merchants, addresses, ...).
        IgnoredField => "ignored_field",
        /// The offline parser read the prompt differently (differential check).
        OfflineDisagrees => "offline_disagrees",
        /// More dropped entries than are listed.
        TooManyDropped => "too_many_dropped",
        /// Lines of a document past the longest prompt, not read.
        DocumentTruncated => "document_truncated",
        /// A list item of the prompt that names nothing the vocabulary or the catalog knows
        /// ("3 wireless mice" with no mice on sale): not bought, and said so.
        NotRecognized => "not_recognized",
        /// An item the prompt asks not to buy ("no snacks", "without badges", "we already have
        /// name tags"): read, and left out on purpose.
        Excluded => "excluded",
        /// An item offered as the alternative to one before it ("either a projector or a 55 inch
        /// display"): the first named is planned, this one is not bought besides it.
        Alternative => "alternative",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for r in ExclusionReason::ALL {
            assert_eq!(serde_json::to_value(r).ok(), Some(serde_json::Value::from(r.as_str())));
        }
        for r in UnmetReason::ALL {
            assert_eq!(serde_json::to_value(r).ok(), Some(serde_json::Value::from(r.as_str())));
        }
        for r in DropReason::ALL {
            assert_eq!(serde_json::to_value(r).ok(), Some(serde_json::Value::from(r.as_str())));
        }
    }
}
