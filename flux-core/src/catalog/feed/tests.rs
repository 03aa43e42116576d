use super::*;

fn config() -> FeedConfig {
    FeedConfig::new(Vendor { id: "acme".into(), name: "Acme".into(), trust_score: 80, volume_tiers: vec![], promotions: vec![] })
}

fn item(id: &str, title: &str, price: &str) -> Item {
    Item {
        id: id.into(),
        title: title.into(),
        product_title: title.into(),
        price: Some(price.into()),
        availability: Some(Availability::InStock),
        ..Item::default()
    }
}

#[test]
fn offer_ids_stay_valid_and_distinct() {
    assert_eq!(offer_id("acme", "123"), "acme-123");
    let odd = offer_id("acme", "SKU 12/red");
    assert!(odd.starts_with("acme-SKU12red-") && odd.len() == "acme-SKU12red-".len() + 12, "{odd}");
    assert_ne!(offer_id("acme", "SKU 12/red"), offer_id("acme", "SKU 12 red"));
    let long = offer_id("acme", &"x".repeat(500));
    assert!(long.len() <= 64 && check_id(&long).is_ok(), "{long}");
    assert!(check_id(&offer_id("acme", "日本")).is_ok());
}

#[test]
fn text_helpers() {
    assert_eq!(clean("  a\tb\n\u{0}c  "), "a b c");
    assert_eq!(clip("héllo", 2), "hé");
    assert_eq!(attribute_key("Pack Size"), "pack_size");
    assert_eq!(attribute_key("  Color / Colour "), "color_colour");
    assert_eq!(attribute_key("Größe"), "gr_e");
    assert_eq!(attribute_key("!!!"), "");
    assert_eq!(leading_count("24 Pack"), Some(24));
    assert_eq!(leading_count("Pack of 12"), Some(12));
    assert_eq!(leading_count("Single"), None);
    assert_eq!(leading_count("99999999999 pack"), None);
    let tags = tidy_tags(vec!["  Energy Drinks ".into(), "energy drinks".into(), "".into(), "x".repeat(65), "a\u{7}b".into()]);
    assert_eq!(tags, ["energy drinks", "a b"]);
    assert_eq!(tidy_tags((0..50).map(|i| format!("t{i}")).collect()).len(), MAX_TAGS);
}

#[test]
fn builder_maps_skips_and_reports() {
    let config = config();
    let mut b = Builder::new(&config);
    let mut red_bull = item("1", "Red Bull Energy Drink 12 fl oz, 24 Pack", "39.99");
    red_bull.brand = Some("Red Bull".into());
    red_bull.attributes = vec![("Flavor".into(), "Original".into()), ("Bad Key!!".into(), "x".into()), ("size".into(), "".into())];
    b.push(red_bull);
    let mut gone = item("2", "Bottled Water 24 Pack", "5.99");
    gone.availability = Some(Availability::OutOfStock);
    b.push(gone);
    let mut later = item("3", "Sparkling Water", "9.99");
    later.availability = Some(Availability::Later);
    b.push(later);
    b.push(item("1", "Red Bull again", "1"));
    b.push(item("4", "Garden Hose", "19.99"));
    b.push(item("5", "Chips", "-0"));
    b.push(item("6", "Chips", "12.3456789"));
    b.push(item("7", "Chips", "0.00"));
    b.push(item("", "Chips", "1"));
    b.push(item("8", " \u{0} ", "1"));
    let mut no_price = item("9", "Chips", "");
    no_price.price = None;
    b.push(no_price);
    let mut no_availability = item("10", "Chips", "1");
    no_availability.availability = None;
    b.push(no_availability);
    let out = b.finish();

    let ids: Vec<&str> = out.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["acme-1", "acme-2", "acme-3"]);
    let rb = &out.offers[0];
    assert_eq!((rb.category.as_str(), rb.price, rb.stock, rb.delivery_days), ("drinks", Amount::parse("39.99").unwrap(), 100, 3));
    assert_eq!(rb.tags, ["energy drink", "red bull"]);
    assert_eq!(rb.attributes.get("brand").map(String::as_str), Some("Red Bull"));
    assert_eq!(rb.attributes.get("flavor").map(String::as_str), Some("Original"));
    assert_eq!(rb.attributes.get("bad_key").map(String::as_str), Some("x"));
    assert!(!rb.attributes.contains_key("size"));
    assert_eq!(out.offers[1].stock, 0, "out of stock is kept with no stock");
    assert_eq!((out.offers[2].stock, out.offers[2].delivery_days), (100, 3 + 14));

    let reasons: Vec<(&str, &str)> = out.skipped.iter().map(|s| (s.id.as_str(), s.reason.code())).collect();
    assert_eq!(
        reasons,
        [
            ("1", "DUPLICATE_ID"),
            ("4", "UNMAPPED_CATEGORY"),
            ("5", "INVALID_PRICE"),
            ("6", "INVALID_PRICE"),
            ("7", "INVALID_PRICE"),
            ("", "MISSING_FIELD"),
            ("8", "MISSING_FIELD"),
            ("9", "MISSING_FIELD"),
            ("10", "MISSING_FIELD"),
        ]
    );
    let catalog = out.into_catalog().unwrap();
    assert_eq!(catalog.len(), 3);
}

#[test]
fn configuration_is_checked() {
    let bad = [
        config().with_currency("EUR"),
        config().with_id_prefix("has space"),
        config().with_id_prefix("x".repeat(25)),
        config().with_delivery_days(400),
        config().with_category("Energy", "spaceships"),
    ];
    let codes: Vec<&str> = bad.iter().map(|c| parse_google_tsv(b"id\ttitle\n", c).unwrap_err().code()).collect();
    assert_eq!(
        codes,
        ["UNSUPPORTED_CURRENCY", "INVALID_CATALOG_CONFIG", "INVALID_CATALOG_CONFIG", "INVALID_CATALOG_CONFIG", "INVALID_CATALOG_CONFIG"]
    );
    assert_eq!(parse_feed(FeedFormat::CatalogJson, b"{}", &config()).unwrap_err().code(), "INVALID_CATALOG_CONFIG");
    for f in [FeedFormat::CatalogJson, FeedFormat::ShopifyProducts, FeedFormat::GoogleMerchantTsv, FeedFormat::GoogleMerchantXml] {
        assert_eq!(FeedFormat::from_name(f.name()), Some(f));
    }
    assert_eq!(FeedFormat::from_name("csv"), None);
}
