//! Merchant feeds into offers: realistic Shopify and Google Merchant Center feeds (the committed
//! fixtures in `testdata/feeds/`), hostile and malformed feeds, and a 10,000-product feed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use flux_core::MemoryLedger;
use flux_core::*;
use proptest::prelude::{prop_assert, proptest, ProptestConfig};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/feeds").join(name)).unwrap()
}

fn shop() -> FeedConfig {
    FeedConfig::new(Vendor {
        id: "demo_shop".into(),
        name: "Flux Demo Shop".into(),
        trust_score: 82,
        volume_tiers: vec![],
        promotions: vec![],
    })
    .with_id_prefix("shop")
}

fn offer<'a>(import: &'a FeedImport, id: &str) -> &'a Offer {
    import.offers.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no offer {id}"))
}

fn skipped(import: &FeedImport) -> Vec<(String, &'static str)> {
    import.skipped.iter().map(|s| (s.id.clone(), s.reason.code())).collect()
}

#[test]
fn shopify_products_json_variants_become_offers() {
    let import = parse_shopify_products(&fixture("shopify-products.json"), &shop()).unwrap();
    assert_eq!(import.products, 6);
    let ids: Vec<&str> = import.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "shop-42287374385336",
            "shop-42287374418104",
            "shop-42287374450872",
            "shop-42287380054200",
            "shop-42287390408888",
            "shop-42287390441656",
            "shop-42287390474424",
            "shop-42287392211128",
            "shop-42287395192000",
        ]
    );
    assert_eq!(skipped(&import), [("42287393783992".to_owned(), "UNMAPPED_CATEGORY"), ("42287395224768".to_owned(), "INVALID_PRICE")]);
    assert_eq!(import.skipped[0].title, "Gift Wrapping");

    // Variants: name, price, pack size from the "Pack Size" option, options as attributes.
    let sugarfree = offer(&import, "shop-42287374418104");
    assert_eq!(sugarfree.name, "Red Bull Energy Drink - 24 Pack / Sugarfree");
    assert_eq!((sugarfree.category.as_str(), sugarfree.vendor_id.as_str()), ("drinks", "demo_shop"));
    assert_eq!((sugarfree.price, sugarfree.pack_size, sugarfree.stock), (Amount::parse("38.99").unwrap(), 24, 100));
    assert_eq!(sugarfree.attributes["flavor"], "Sugarfree");
    assert_eq!(sugarfree.attributes["pack_size"], "24 Pack");
    assert_eq!(sugarfree.attributes["brand"], "Red Bull");
    assert_eq!(sugarfree.attributes["sku"], "RB-84-24-SF");
    assert_eq!(sugarfree.tags, ["energy drink", "energy drinks", "red bull", "caffeinated", "canned drinks", "office pantry"]);
    // Availability: an unavailable variant is kept, with nothing in stock.
    let twelve = offer(&import, "shop-42287374450872");
    assert_eq!((twelve.pack_size, twelve.stock, twelve.price), (12, 0, Amount::parse("21.49").unwrap()));

    // "Default Title" is not a variant name; tags given as one comma-separated string.
    let hub = offer(&import, "shop-42287380054200");
    assert_eq!((hub.name.as_str(), hub.category.as_str()), ("Anker 341 USB-C Hub (7-in-1)", "adapters"));
    assert!(hub.has_tag("usb hub") && hub.has_tag("hubs & docks") && hub.has_tag("laptop accessories"), "{:?}", hub.tags);
    assert!(!hub.attributes.contains_key("title"), "{:?}", hub.attributes);

    let tee = offer(&import, "shop-42287390474424");
    assert_eq!((tee.category.as_str(), tee.stock), ("swag", 0));
    assert_eq!((tee.attributes["color"].as_str(), tee.attributes["size"].as_str()), ("Heather Navy", "XL"));
    // No product type: the title decides.
    assert_eq!(offer(&import, "shop-42287392211128").category, "drinks");
    // A "Count" option sets the pack size.
    assert_eq!(offer(&import, "shop-42287395192000").pack_size, 24);

    // The import is a valid one-vendor catalog that merges with the embedded one.
    let feed = Arc::new(import.into_catalog().unwrap());
    assert_eq!(feed.len(), 9);
    let merged = CatalogData::merge(&[EmbeddedCatalog::data(), feed]).unwrap();
    assert_eq!(merged.len(), EmbeddedCatalog::data().len() + 9);
}

#[test]
fn google_merchant_tsv_items_become_offers() {
    let import = parse_google_tsv(&fixture("google-merchant.tsv"), &shop()).unwrap();
    assert_eq!(import.products, 12);
    let ids: Vec<&str> = import.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["shop-CB-1001", "shop-CB-1002", "shop-LY-2001-BLK", "shop-LY-2001-RED", "shop-HUB-7", "shop-HDMI-AD", "shop-CHIPS-40"]
    );
    assert_eq!(
        skipped(&import),
        [
            ("IPA-6".to_owned(), "UNMAPPED_CATEGORY"),
            ("MUG-11".to_owned(), "INVALID_PRICE"),
            ("TEE-TS".to_owned(), "INVALID_PRICE"),
            ("PLANT-1".to_owned(), "UNMAPPED_CATEGORY"),
            ("CB-1001".to_owned(), "DUPLICATE_ID"),
        ]
    );

    let celsius = offer(&import, "shop-CB-1001");
    assert_eq!((celsius.category.as_str(), celsius.pack_size, celsius.delivery_days), ("drinks", 12, 1));
    assert_eq!(celsius.price, Amount::parse("21.99").unwrap());
    assert_eq!(celsius.tags, ["energy drink", "energy drinks", "sports & energy drinks", "celsius"]);
    assert_eq!(celsius.attributes["gtin"], "889392000238");
    assert_eq!(celsius.attributes["size"], "12 fl oz");
    // A numeric Google category, "in stock" with a space, "USD 6.49".
    let water = offer(&import, "shop-CB-1002");
    assert_eq!((water.category.as_str(), water.price, water.pack_size), ("drinks", Amount::parse("6.49").unwrap(), 24));
    // Variants of one item group: a sale price without dates counts; out of stock is kept at 0.
    let black = offer(&import, "shop-LY-2001-BLK");
    assert_eq!((black.category.as_str(), black.price, black.stock), ("lanyards", Amount::parse("19.99").unwrap(), 100));
    assert_eq!((black.attributes["color"].as_str(), black.attributes["item_group_id"].as_str()), ("Black", "LY-2001"));
    assert_eq!(offer(&import, "shop-LY-2001-RED").stock, 0);
    // Preorder: orderable, later. The hub and the HDMI adapter are told apart.
    let hub = offer(&import, "shop-HUB-7");
    assert_eq!((hub.category.as_str(), hub.stock, hub.delivery_days), ("adapters", 100, 2 + 14));
    assert!(hub.has_tag("usb-c hub"), "{:?}", hub.tags);
    let adapter = offer(&import, "shop-HDMI-AD");
    assert!(adapter.has_tag("hdmi adapter") && !adapter.has_tag("usb-c hub"), "{:?}", adapter.tags);
    // A quoted field holds a tab; names never keep control characters.
    let chips = offer(&import, "shop-CHIPS-40");
    assert_eq!(
        (chips.name.as_str(), chips.category.as_str(), chips.pack_size),
        ("\"Frito-Lay Classic Mix\" Variety Pack, 40 Count", "snacks", 40)
    );
}

#[test]
fn google_merchant_rss_items_become_offers() {
    let import = parse_google_xml(&fixture("google-merchant.xml"), &shop()).unwrap();
    assert_eq!(import.products, 9);
    let ids: Vec<&str> = import.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["shop-RB-SF-24", "shop-RB-SF-12", "shop-NT-100", "shop-CAT6-25", "shop-PROJ-4K"]);
    assert_eq!(
        skipped(&import),
        [
            ("WINE-1".to_owned(), "UNMAPPED_CATEGORY"),
            ("NAN-1".to_owned(), "INVALID_PRICE"),
            ("ZERO-1".to_owned(), "INVALID_PRICE"),
            ("SOON-1".to_owned(), "INVALID_FIELD"),
        ]
    );
    let rb = offer(&import, "shop-RB-SF-24");
    assert_eq!(rb.name, "Red Bull Sugarfree Energy Drink, 8.4 fl oz, 24 Pack");
    assert_eq!((rb.category.as_str(), rb.pack_size, rb.delivery_days, rb.stock), ("drinks", 24, 1 + 3, 100));
    assert_eq!(rb.price, Amount::parse("39.99").unwrap(), "the shipping group's price is not the item's");
    assert_eq!(rb.tags, ["energy drink", "energy drinks & shots", "red bull"]);
    assert_eq!((rb.attributes["size"].as_str(), rb.attributes["condition"].as_str()), ("8.4 fl oz", "new"));
    assert_eq!(offer(&import, "shop-RB-SF-12").stock, 0);
    // Entities resolved; a weak Google category (labels) yields to the title (name tags).
    let tags = offer(&import, "shop-NT-100");
    assert_eq!(
        (tags.name.as_str(), tags.category.as_str(), tags.pack_size),
        ("\"Hello My Name Is\" Name Tag Labels, 100 Count", "badges", 100)
    );
    // A dated sale is ignored (no clock in the kernel); backorder adds delivery time.
    let cable = offer(&import, "shop-CAT6-25");
    assert_eq!((cable.category.as_str(), cable.price, cable.delivery_days), ("cables", Amount::parse("12.99").unwrap(), 3 + 14));
    assert_eq!(cable.name, "Cat6 Ethernet Cable, 25 ft, Blue \u{2013} Snagless");
    assert_eq!(offer(&import, "shop-PROJ-4K").category, "av_gear");
}

#[test]
fn feeds_reach_the_kernel() {
    let import = parse_google_xml(&fixture("google-merchant.xml"), &shop().with_in_stock_packs(500)).unwrap();
    let flux = Flux::builder()
        .ledger(MemoryLedger::new())
        .catalog(EmbeddedCatalog)
        .catalog(MemoryCatalog::new(import.into_catalog().unwrap()))
        .build()
        .unwrap();
    let intent = Intent::new("cat6 cables", Amount::whole(500), 30, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    let ranked: Vec<&str> = p.alternatives[0].options.iter().map(|o| o.offer_id.as_str()).collect();
    let all = block_on(flux.catalog()).unwrap();
    assert!(all.offer("shop-CAT6-25").is_some() && all.vendor("demo_shop").is_some());
    assert!(!ranked.is_empty(), "{ranked:?}");
}

#[test]
fn currencies_other_than_usd_are_refused() {
    let tsv = String::from_utf8(fixture("google-merchant.tsv")).unwrap().replace("22.50 USD", "22.50 EUR");
    let err = parse_google_tsv(tsv.as_bytes(), &shop()).unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_CURRENCY");
    assert!(err.to_string().contains("EUR"), "{err}");
    let xml = String::from_utf8(fixture("google-merchant.xml")).unwrap().replace("9.49 USD", "9.49 GBP");
    assert_eq!(parse_google_xml(xml.as_bytes(), &shop()).unwrap_err().code(), "UNSUPPORTED_CURRENCY");
    let err = parse_shopify_products(&fixture("shopify-products.json"), &shop().with_currency("CAD")).unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_CURRENCY");
    assert!(parse_shopify_products(&fixture("shopify-products.json"), &shop().with_currency("usdc")).is_ok());
}

#[test]
fn oversized_feeds_are_refused() {
    let big = vec![b' '; MAX_FEED_BYTES + 1];
    for format in [FeedFormat::ShopifyProducts, FeedFormat::GoogleMerchantTsv, FeedFormat::GoogleMerchantXml] {
        let err = parse_feed(format, &big, &shop()).unwrap_err();
        assert_eq!(err.code(), "CATALOG_TOO_LARGE", "{format}");
    }
    let n = MAX_FEED_PRODUCTS + 1;
    let shopify = format!("{{\"products\":[{}{{}}]}}", "{},".repeat(n - 1));
    let tsv = format!("id\ttitle\n{}", "x\ty\n".repeat(n));
    let xml = format!("<rss><channel>{}</channel></rss>", "<item></item>".repeat(n));
    for (format, text) in
        [(FeedFormat::ShopifyProducts, shopify), (FeedFormat::GoogleMerchantTsv, tsv), (FeedFormat::GoogleMerchantXml, xml)]
    {
        let err = parse_feed(format, text.as_bytes(), &shop()).unwrap_err();
        assert_eq!((err.code(), err.to_string()), ("CATALOG_TOO_LARGE", "products over the limit of 100000".to_owned()), "{format}");
    }
}

#[test]
fn hostile_feeds_give_typed_errors_or_skips() {
    let code = |format: FeedFormat, bytes: &[u8]| parse_feed(format, bytes, &shop()).map(|_| "OK").unwrap_or_else(|e| e.code());
    use FeedFormat::{GoogleMerchantTsv as Tsv, GoogleMerchantXml as Xml, ShopifyProducts as Shopify};
    let deep_json = format!("{{\"products\":[{}{}]}}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_in_product = format!("{{\"products\":[{{\"id\":1,\"x\":{}{}}}]}}", "[".repeat(50_000), "]".repeat(50_000));
    let deep_xml = format!("<rss>{}{}</rss>", "<a>".repeat(50_000), "</a>".repeat(50_000));
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><item><g:id>1</g:id><title>&lol2;</title></item></channel></rss>"#;
    let cases: Vec<(FeedFormat, Vec<u8>, &str)> = vec![
        (Shopify, b"\xff\xfe{\"products\":[]}".to_vec(), "MALFORMED_CATALOG"),
        (Shopify, b"{\"products\": 5}".to_vec(), "MALFORMED_CATALOG"),
        (Shopify, b"[]".to_vec(), "MALFORMED_CATALOG"),
        (Shopify, b"{\"products\":[".to_vec(), "MALFORMED_CATALOG"),
        (Shopify, b"".to_vec(), "MALFORMED_CATALOG"),
        (Tsv, b"".to_vec(), "MALFORMED_CATALOG"),
        (Tsv, b"title,price\nChips,1.00\n".to_vec(), "MALFORMED_CATALOG"),
        (Tsv, b"id\ttitle\n\"never closed\tChips\n".to_vec(), "MALFORMED_CATALOG"),
        (Tsv, b"id\ttitle\n1\tChips \xc3\x28\n".to_vec(), "MALFORMED_CATALOG"),
        (Xml, deep_xml.into_bytes(), "MALFORMED_CATALOG"),
        (Xml, laughs.as_bytes().to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss><channel><item><title>&bogus;</title></item></channel></rss>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss><channel><item><title>a</channel></rss>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss><channel><item>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<html><body>Not a feed</body></html>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"not xml at all".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>\xe9</rss>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss/>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss><channel></channel></rss><rss></rss>".to_vec(), "MALFORMED_CATALOG"),
        (Xml, b"<rss><channel></channel></rss>".to_vec(), "OK"),
    ];
    for (i, (format, bytes, want)) in cases.iter().enumerate() {
        assert_eq!(code(*format, bytes), *want, "case {i} ({format})");
    }
    // Nesting far deeper than serde_json's recursion limit: the product is skipped (malformed,
    // or without variants when the nesting is in a field Flux ignores), and the stack survives.
    for (deep, why) in [(deep_json, "MALFORMED_PRODUCT"), (deep_in_product, "MISSING_FIELD")] {
        let import = parse_shopify_products(deep.as_bytes(), &shop()).unwrap();
        assert_eq!(import.skipped.iter().map(|s| s.reason.code()).collect::<Vec<_>>(), [why]);
    }

    // Per product: odd ids, prices and types are skips with reasons, never failures.
    let huge_title = "Energy Drink ".repeat(400_000);
    let products = serde_json::json!({"products": [
        {"id": 1, "title": "Chips", "product_type": "Snacks", "variants": [
            {"id": 11, "price": "1e400"}, {"id": 12, "price": "-0"}, {"id": 13, "price": "NaN"}, {"id": 14, "price": "12.3456789"},
            {"id": 15, "price": 1e300}, {"id": 16, "price": true}, {"id": 17}, {"id": -5, "price": "1"}, {"id": 18, "price": "0"},
            {"id": 19, "price": "2.50"}, {"id": 19, "price": "2.50"}
        ]},
        {"id": "p2", "title": huge_title, "tags": ["x".repeat(10_000), "ok tag"], "variants": [{"id": "v 2/a", "price": 3}]},
        {"id": 3, "title": "No variants", "product_type": "Snacks", "variants": []},
        {"id": 4, "title": ["not", "a", "string"]},
        "not an object",
        {"id": 5, "title": "Soda", "variants": [{"id": 51, "price": "1.25", "option1": "\u{0}\u{1b}[31mred"}], "options": [{"name": "Color\n"}]}
    ]});
    let import = parse_shopify_products(products.to_string().as_bytes(), &shop()).unwrap();
    let codes: Vec<&str> = import.skipped.iter().map(|s| s.reason.code()).collect();
    assert_eq!(
        codes,
        [
            "INVALID_PRICE",
            "INVALID_PRICE",
            "INVALID_PRICE",
            "INVALID_PRICE",
            "INVALID_PRICE",
            "MALFORMED_PRODUCT",
            "MISSING_FIELD",
            "MALFORMED_PRODUCT",
            "INVALID_PRICE",
            "DUPLICATE_ID",
            "MISSING_FIELD",
            "MALFORMED_PRODUCT",
            "MALFORMED_PRODUCT",
        ]
    );
    assert_eq!(import.offers.len(), 3);
    let long = &import.offers[1];
    assert!(long.name.chars().count() <= 200 && long.id.len() <= 64 && long.category == "drinks", "{} {}", long.id, long.name.len());
    assert!(long.tags.contains(&"ok tag".to_owned()) && long.tags.iter().all(|t| t.chars().count() <= 64));
    let soda = &import.offers[2];
    assert_eq!(soda.attributes["color"], "[31mred", "control characters removed");
    assert!(import.skipped.iter().all(|s| s.id.len() <= 64 && s.title.chars().count() <= 80));
    import.into_catalog().unwrap();
}

#[test]
fn truncated_and_corrupted_fixtures_never_panic() {
    for (format, name) in [
        (FeedFormat::ShopifyProducts, "shopify-products.json"),
        (FeedFormat::GoogleMerchantTsv, "google-merchant.tsv"),
        (FeedFormat::GoogleMerchantXml, "google-merchant.xml"),
    ] {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(7) {
            if let Ok(import) = parse_feed(format, &bytes[..cut], &shop()) {
                import.into_catalog().unwrap();
            }
        }
        for at in (0..bytes.len()).step_by(11) {
            let mut corrupted = bytes.clone();
            corrupted[at] = [b'<', b'"', b'\t', b'&', b'\n', b'>', b'{', b'\\', 0xff][at % 9];
            if let Ok(import) = parse_feed(format, &corrupted, &shop()) {
                import.into_catalog().unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}", xmlish in "(<[a-z:]{1,8}>|</[a-z:]{1,8}>|&[a-z#0-9]{0,6};|[a-z0-9 .\t\n]{0,12}){0,40}") {
        for format in [FeedFormat::ShopifyProducts, FeedFormat::GoogleMerchantTsv, FeedFormat::GoogleMerchantXml] {
            for input in [&text, &xmlish, &format!("<rss><channel><item>{xmlish}</item></channel></rss>"), &format!("id\ttitle\tprice\tavailability\n{text}")] {
                if let Ok(import) = parse_feed(format, input.as_bytes(), &shop()) {
                    prop_assert!(import.into_catalog().is_ok());
                }
            }
        }
    }
}

/// 10,000 products in each format. Prints the time taken (debug builds are much slower than
/// release); asserts only the outcome.
#[test]
fn ten_thousand_products_parse() {
    const N: usize = 10_000;
    let kinds = [
        ("Energy Drinks", "Red Bull Energy Drink, 12 fl oz"),
        ("Snacks", "Kettle Chips Sea Salt, 1.5 oz"),
        ("USB Hubs", "USB-C Hub 7-in-1"),
        ("Lanyards", "Breakaway Lanyards, 50 Pack"),
    ];
    let products: Vec<serde_json::Value> = (0..N)
        .map(|i| {
            let (kind, title) = kinds[i % kinds.len()];
            serde_json::json!({
                "id": 9_000_000_000u64 + i as u64, "title": format!("{title} #{i}"), "handle": format!("p-{i}"), "vendor": "Brand",
                "product_type": kind, "tags": ["bulk", "event"], "body_html": "<p>Description text for the product.</p>",
                "options": [{"name": "Color", "position": 1, "values": ["Black", "Blue"]}],
                "variants": [
                    {"id": 1_000_000_000u64 + 2 * i as u64, "title": "Black", "option1": "Black", "price": "12.99", "available": true, "sku": format!("S{i}B")},
                    {"id": 1_000_000_001u64 + 2 * i as u64, "title": "Blue", "option1": "Blue", "price": "13.49", "available": i % 3 != 0, "sku": format!("S{i}U")}
                ]
            })
        })
        .collect();
    let shopify = serde_json::json!({ "products": products }).to_string();
    let mut tsv = String::from("id\ttitle\tprice\tavailability\tbrand\tgoogle_product_category\tproduct_type\tcolor\n");
    let mut xml =
        String::from(r#"<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0" version="2.0"><channel><title>t</title>"#);
    for i in 0..N {
        let (kind, title) = kinds[i % kinds.len()];
        tsv.push_str(&format!("G{i}\t{title} #{i}\t12.99 USD\tin_stock\tBrand\t\t{kind}\tBlack\n"));
        xml.push_str(&format!(
            "<item><g:id>G{i}</g:id><title>{title} #{i}</title><g:price>12.99 USD</g:price><g:availability>in_stock</g:availability><g:brand>Brand</g:brand><g:product_type>{kind}</g:product_type></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    for (format, text, offers) in
        [(FeedFormat::ShopifyProducts, shopify, 2 * N), (FeedFormat::GoogleMerchantTsv, tsv, N), (FeedFormat::GoogleMerchantXml, xml, N)]
    {
        let started = Instant::now();
        let import = parse_feed(format, text.as_bytes(), &shop()).unwrap();
        let parsed = started.elapsed();
        let catalog = import.into_catalog().unwrap();
        println!(
            "{format}: {N} products, {} bytes -> {} offers in {parsed:?} (+ {:?} to validate into a catalog)",
            text.len(),
            catalog.len(),
            started.elapsed() - parsed
        );
        assert_eq!(catalog.len(), offers);
    }
}
