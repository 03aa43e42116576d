#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::catalog::Offer;
use crate::money::Amount;

fn offer(name: &str, tags: &[&str], brand: Option<&str>) -> OfferTerms {
    let brand = brand.map(|b| ("brand", b));
    described(name, tags, brand.as_slice())
}

fn described(name: &str, tags: &[&str], attributes: &[(&str, &str)]) -> OfferTerms {
    let attributes = attributes.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    OfferTerms::of(&Offer {
        id: "x".into(),
        vendor_id: "v".into(),
        category: "c".into(),
        name: name.into(),
        price: Amount::ONE,
        pack_size: 1,
        delivery_days: 1,
        stock: 1,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        attributes,
    })
}

fn need(category: &str, item: &str, attributes: &[&str]) -> Need {
    Need {
        source: item.into(),
        item: item.into(),
        attributes: attributes.iter().map(|a| (*a).to_owned()).collect(),
        ..Need::generic(category, 1)
    }
}

fn def(id: &str, generic: &[&str]) -> CategoryDef {
    CategoryDef {
        id: id.into(),
        label: id.into(),
        synonyms: vec![],
        generic: generic.iter().map(|g| (*g).to_owned()).collect(),
        per_person: None,
        per_person_items: Default::default(),
        rate_shared: false,
        kit: Vec::new(),
        default_quantity: 1,
        one_when_singular: false,
        edible: false,
        personal: false,
    }
}

fn drinks() -> Vec<OfferTerms> {
    vec![
        offer("Red Bull Energy Drink, 8.4 fl oz Cans", &["energy drink", "caffeinated", "red bull"], Some("Red Bull")),
        offer("5-hour ENERGY Shot, Berry", &["energy shot", "sugar-free", "5-hour energy"], Some("5-hour ENERGY")),
        offer("Purified Bottled Water, 16.9 fl oz", &["bottled water", "water"], None),
        offer(
            "Monster Energy Zero Ultra, Sugar Free Energy Drink",
            &["energy drink", "sugar-free", "monster energy"],
            Some("Monster Energy"),
        ),
    ]
}

fn query(category: &str, generic: &[&str], item: &str, attributes: &[&str], offers: &[OfferTerms]) -> Query {
    let vocab = Vocabulary::new(vec![def(category, generic)]).unwrap();
    Query::new(&need(category, item, attributes), &vocab, offers.iter())
}

#[test]
fn a_specific_item_matches_only_what_it_names() {
    let o = drinks();
    let q = query("drinks", &["drinks", "drink"], "energy drinks", &[], &o);
    assert!(!q.is_generic());
    assert_eq!(q.fit(&o[0]), Fit::Match { relevance: 1000, missing: vec![] });
    assert!(matches!(q.fit(&o[1]), Fit::Match { relevance: 700, .. }), "an energy shot is an energy product, ranked lower");
    assert_eq!(q.fit(&o[2]), Fit::NoMatch, "water is not an energy drink");
    // Brand tags ("monster energy", "5-hour energy") do not make "energy" what a product is.
    assert_eq!(q.fit(&o[3]), Fit::Match { relevance: 1000, missing: vec![] });
}

#[test]
fn generic_items_keep_the_category_and_unknown_items_match_nothing() {
    let o = drinks();
    let q = query("drinks", &["drinks", "drink"], "drinks", &[], &o);
    assert!(q.is_generic());
    for offer in &o {
        assert_eq!(q.fit(offer), Fit::Match { relevance: 1000, missing: vec![] });
    }
    let occasion = query("drinks", &["drinks", "drink"], "hackathon drinks", &[], &o);
    assert!(occasion.is_generic());
    let kombucha = query("drinks", &["drinks", "drink"], "kombucha", &[], &o);
    assert!(!kombucha.is_generic());
    assert!(o.iter().all(|offer| kombucha.fit(offer) == Fit::NoMatch));
}

#[test]
fn attributes_decide_unless_relaxed_and_modifiers_nobody_sells_only_rank() {
    let o = drinks();
    let q = query("drinks", &["drinks", "drink"], "lemon energy drinks", &["sugar-free"], &o);
    // Sugar-free energy products exist, so "sugar-free" is required; nobody sells lemon.
    assert_eq!(q.fit(&o[0]), Fit::NoMatch, "regular Red Bull is not sugar-free");
    assert_eq!(q.fit(&o[3]), Fit::Match { relevance: 850, missing: vec!["lemon".to_owned()] }, "drink matched, lemon not");
    assert_eq!(q.fit(&o[1]), Fit::Match { relevance: 700, missing: vec!["lemon".to_owned(), "drink".to_owned()] });
    // What the user said it must be free of is never relaxed: nothing else is what was asked.
    assert!(q.relaxed().is_none(), "sugar-free stays required");
    // Another attribute, when nothing that has it fits, is relaxed: it ranks instead.
    let q = query("drinks", &["drinks", "drink"], "energy drinks", &["monster"], &o);
    assert_eq!(q.fit(&o[0]), Fit::NoMatch, "red bull is no monster");
    let relaxed = q.relaxed().unwrap();
    match relaxed.fit(&o[0]) {
        Fit::Match { missing, .. } => assert_eq!(missing, vec!["monster".to_owned()]),
        Fit::NoMatch => panic!("red bull is an energy drink"),
    }
    assert!(relaxed.relaxed().is_none());
}

#[test]
fn the_head_decides_what_it_is() {
    let office = vec![
        offer("EXPO Dry Erase Markers, Chisel Tip, Black", &["dry erase markers", "whiteboard markers", "expo"], Some("EXPO")),
        offer("Quartet Mobile Whiteboard, 48 x 36 in", &["whiteboard", "dry erase board", "mobile whiteboard"], Some("Quartet")),
    ];
    let board = query("office_supplies", &["office supplies"], "whiteboard", &[], &office);
    assert_eq!(board.fit(&office[0]), Fit::NoMatch, "markers for a whiteboard are not a whiteboard");
    assert!(matches!(board.fit(&office[1]), Fit::Match { .. }));
    let markers = query("office_supplies", &["office supplies"], "whiteboard markers", &[], &office);
    assert!(matches!(markers.fit(&office[0]), Fit::Match { .. }));
    assert_eq!(markers.fit(&office[1]), Fit::NoMatch);

    let swag = vec![
        offer("Die-Cut Vinyl Logo Stickers, 3 in", &["stickers", "vinyl stickers"], None),
        offer("Custom Logo Laptop Backpacks", &["backpacks", "laptop backpacks"], None),
    ];
    let stickers = query("swag", &["swag", "merch"], "laptop stickers", &[], &swag);
    assert!(
        matches!(stickers.fit(&swag[0]), Fit::Match { relevance: 700, .. }),
        "'laptop' never goes with stickers: it ranks, it does not exclude"
    );
    assert_eq!(stickers.fit(&swag[1]), Fit::NoMatch, "a laptop backpack is not a sticker");
}

#[test]
fn modifiers_that_go_with_the_head_are_required() {
    let adapters = vec![
        offer("Anker USB-C Hub, 4-in-1", &["usb-c hub", "4-in-1 hub"], Some("Anker")),
        offer("USB-C to HDMI Adapter, 4K60", &["usb-c to hdmi adapter", "hdmi adapter"], None),
        offer("USB 3.0 Hub, 7 ports", &["usb hub"], None),
    ];
    let hubs = query("adapters", &["dongles"], "usb-c hubs", &[], &adapters);
    assert!(matches!(hubs.fit(&adapters[0]), Fit::Match { relevance: 1000, .. }));
    assert_eq!(hubs.fit(&adapters[1]), Fit::NoMatch, "an HDMI adapter is not a hub");
    assert_eq!(hubs.fit(&adapters[2]), Fit::NoMatch, "a USB-A hub is not a USB-C hub");
    let hdmi = query("adapters", &["dongles"], "hdmi adapters", &[], &adapters);
    assert!(matches!(hdmi.fit(&adapters[1]), Fit::Match { .. }));
    assert_eq!(hdmi.fit(&adapters[0]), Fit::NoMatch);
}

#[test]
fn a_tag_that_repeats_an_attribute_is_not_what_the_offer_is() {
    let snacks = vec![
        offer("Lay's Classic Potato Chips, 1 oz Bags", &["potato chips", "chips", "lay's"], Some("Lay's")),
        described(
            "CLIF BAR Energy Bars, Chocolate Chip",
            &["energy bars", "chocolate chip", "clif bar"],
            &[("brand", "CLIF BAR"), ("flavor", "Chocolate Chip")],
        ),
    ];
    let chips = query("snacks", &["snacks"], "chips", &[], &snacks);
    assert!(matches!(chips.fit(&snacks[0]), Fit::Match { .. }));
    assert_eq!(chips.fit(&snacks[1]), Fit::NoMatch, "a chocolate-chip flavoured bar is not a bag of chips");
    let bars = query("snacks", &["snacks"], "chocolate chip bars", &[], &snacks);
    assert!(matches!(bars.fit(&snacks[1]), Fit::Match { relevance: 1000, .. }));
    assert_eq!(bars.fit(&snacks[0]), Fit::NoMatch);
}

#[test]
fn free_of_rules_out_what_it_names_unless_labelled_free_of_it() {
    let snacks = vec![
        offer("Planters Salted Mixed Nuts, 1.5 oz Bags", &["mixed nuts", "nuts"], Some("Planters")),
        offer("Cookies, Nut-Free, free of peanuts and tree nuts", &["cookies", "nut-free"], None),
        offer("HARIBO Goldbears Gummy Bears", &["gummy bears"], Some("HARIBO")),
    ];
    let nut_free = query("snacks", &["snacks"], "snacks", &["nut-free"], &snacks);
    assert_eq!(nut_free.fit(&snacks[0]), Fit::NoMatch, "mixed nuts are not nut-free");
    assert!(matches!(nut_free.fit(&snacks[1]), Fit::Match { .. }), "labelled nut-free, though it names nuts");
    // "hands-free" is no hands to rule out.
    let stands = vec![offer("Touch-Free Hand Sanitizer Floor Stand", &["hand sanitizer stand"], None)];
    let hands_free = query("cleaning", &["cleaning supplies"], "hand sanitizer stand", &["hands-free"], &stands);
    assert!(matches!(hands_free.fit(&stands[0]), Fit::Match { .. }));
}

#[test]
fn what_an_offer_contains_rules_it_out_and_never_names_it() {
    // "chocolate, no nuts" bought the Mars mix (Snickers), "cookies, no peanuts" the Nutter Butter
    // variety pack: what they contain was written nowhere the ranking looked.
    let snacks = vec![
        described("Mars Chocolate Favorites Candy Bars Variety Mix", &["candy", "chocolate"], &[("contains", "peanuts, milk, soy")]),
        described("RXBAR Protein Bars, Chocolate Sea Salt", &["protein bars", "chocolate"], &[("contains", "almonds, cashews, eggs")]),
        described("Chocolate Snack Box: Chips, Bars, Nuts & Cookies", &["snack box", "chocolate"], &[]),
        offer("HARIBO Goldbears Gummy Bears", &["gummy bears", "candy"], Some("HARIBO")),
    ];
    let ruling_out = |said: &[&str]| Query {
        ruled_out: said.iter().map(|s| ((*s).to_owned(), terms(s))).collect(),
        ..query("snacks", &["snacks"], "snacks", &[], &snacks)
    };
    let fits = |q: &Query| snacks.iter().map(|o| matches!(q.fit(o), Fit::Match { .. })).collect::<Vec<_>>();
    // Nuts are peanuts and tree nuts as allergy lists read them; peanuts are any nuts not named.
    assert_eq!(fits(&ruling_out(&["nuts"])), [false, false, false, true]);
    assert_eq!(fits(&ruling_out(&["peanuts"])), [false, true, false, true]);
    assert_eq!(fits(&ruling_out(&["tree nuts"])), [true, false, false, true]);
    assert_eq!(fits(&ruling_out(&["dairy"])), [false, true, true, true]);
    assert_eq!(fits(&ruling_out(&["eggs"])), [true, false, true, true]);
    assert_eq!(fits(&ruling_out(&[])), [true, true, true, true]);
    // What it contains is not what it is: a candy mix with peanuts is no bag of peanuts.
    let peanuts = query("snacks", &["snacks"], "peanuts", &[], &snacks);
    assert!(snacks.iter().all(|o| peanuts.fit(o) == Fit::NoMatch), "{peanuts:?}");
}

#[test]
fn a_certification_is_required_where_labelled_and_unknown_elsewhere() {
    let snacks = vec![
        offer("HARIBO Goldbears Gummy Bears", &["gummy bears", "candy"], Some("HARIBO")),
        offer("Annie's Organic Bunny Fruit Snacks", &["fruit snacks", "organic"], Some("Annie's")),
    ];
    // Where some offer is labelled organic, only it is organic snacks; never relaxed away.
    for (item, attributes) in [("organic snacks", &[][..]), ("snacks", &["organic"][..])] {
        let q = query("snacks", &["snacks", "snack"], item, attributes, &snacks);
        assert_eq!(q.fit(&snacks[0]), Fit::NoMatch, "{item} {attributes:?}");
        assert!(matches!(q.fit(&snacks[1]), Fit::Match { .. }), "{item} {attributes:?}");
        assert!(q.relaxed().is_none_or(|r| r.fit(&snacks[0]) == Fit::NoMatch), "{item} {attributes:?}: relaxed");
    }
    // Where none is, none is known to be organic: nothing matches.
    let q = query("snacks", &["snacks", "snack"], "organic snacks", &[], &snacks[..1]);
    assert_eq!(q.fit(&snacks[0]), Fit::NoMatch);
}
