//! Intents from documents through the facade: shopping lists as text, Markdown, CSV and PDF read
//! offline; photos read by a vision model on a loopback Chat Completions server.
#![cfg(all(feature = "llm", feature = "pdf"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod llm_support;

use std::time::Duration;

use flux_core::{Amount, ApiKey, Document, DocumentKind, Flux, LlmConfig, LlmParser, MemoryLedger, Proposal, Provider, Strategy};
use llm_support::{FakeServer, Reply};

const KEY: &str = "sk-test-vision-0123456789abcdef";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../testdata/documents/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn document(name: &str) -> Document {
    Document::new(fixture(name), Some(name), None).unwrap()
}

async fn orchestrate(flux: &Flux, doc: &Document) -> Proposal {
    flux.orchestrate_document(doc, Amount::whole(2_000), 7, Strategy::Balanced).await.unwrap()
}

/// (item asked, quantity, the product bought for it).
fn bought(p: &Proposal) -> Vec<(String, u32, String)> {
    p.cart.lines().iter().map(|l| (l.need.clone(), l.units, l.name.to_lowercase())).collect()
}

fn assert_bought(p: &Proposal, item: &str, units: u32, words: &[&str]) {
    let lines = bought(p);
    let line = lines.iter().find(|(need, _, _)| need == item).unwrap_or_else(|| panic!("no line for {item:?}: {lines:?}"));
    assert!(line.1 >= units, "{item}: {} units, asked {units}", line.1);
    assert!(words.iter().any(|w| line.2.contains(w)), "{item} bought as {:?}", line.2);
}

#[tokio::test]
async fn every_text_format_buys_what_the_list_says() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    for name in ["shopping-list.txt", "shopping-list.md", "shopping-list.csv", "shopping-list.pdf"] {
        let p = orchestrate(&flux, &document(name)).await;
        assert!(p.unmet.is_empty(), "{name}: unmet {:?}", p.unmet);
        assert_bought(&p, "energy drinks", 24, &["energy"]);
        assert_bought(&p, "usb-c hubs", 10, &["usb-c hub", "usb c hub", "usb-c multiport"]);
        assert!(p.total <= Amount::whole(2_000));
    }
    let csv = orchestrate(&flux, &document("shopping-list.csv")).await;
    assert_bought(&csv, "t-shirts", 30, &["t-shirt", "tee"]);
    let md = orchestrate(&flux, &document("shopping-list.md")).await;
    assert_bought(&md, "lanyards", 50, &["lanyard"]);
    assert_bought(&md, "granola bars", 40, &["granola"]);
    // The proposal shows what was read.
    assert!(md.intent.prompt().starts_with("24 Energy drinks, 10 USB-C hubs"), "{}", md.intent.prompt());
}

#[tokio::test]
async fn the_same_document_gives_the_same_cart_as_its_prompt() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let from_doc = orchestrate(&flux, &document("shopping-list.txt")).await;
    let intent = flux_core::Intent::new(from_doc.intent.prompt(), Amount::whole(2_000), 7, Strategy::Balanced).unwrap();
    let typed = flux.orchestrate(&intent).await.unwrap();
    assert_eq!(from_doc.cart_id, typed.cart_id);
}

#[tokio::test]
async fn a_long_list_is_cut_and_says_so() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let list: String = (0..10_000).map(|i| format!("{} energy drinks\n", i % 50 + 1)).collect();
    let doc = Document::new(list.into_bytes(), Some("long.txt"), None).unwrap();
    let p = orchestrate(&flux, &doc).await;
    let cut: Vec<_> = p.dropped.iter().filter(|d| d.reason.as_str() == "document_truncated").collect();
    assert_eq!(cut.len(), 1, "{:?}", p.dropped);
    assert!(cut[0].item.ends_with("more lines of long.txt"), "{}", cut[0].item);
}

#[tokio::test]
async fn bad_documents_and_terms_are_typed_errors() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let code = |doc: &Document, budget: Amount, days: u32| {
        let flux = &flux;
        let doc = doc.clone();
        async move {
            flux.orchestrate_document(&doc, budget, days, Strategy::Balanced).await.map(|_| ()).map_err(|e| (e.code(), e.http_status()))
        }
    };
    let txt = document("shopping-list.txt");
    assert_eq!(code(&txt, Amount::ZERO, 7).await, Err(("INVALID_INTENT", 422)));
    assert_eq!(code(&txt, Amount::whole(10), 366).await, Err(("INVALID_INTENT", 422)));
    // Nothing on the list the catalog sells.
    let odd = Document::new(b"a unicorn\nthe moon\n".to_vec(), Some("odd.txt"), None).unwrap();
    assert_eq!(code(&odd, Amount::whole(10), 7).await, Err(("NOTHING_RECOGNIZED", 422)));
    // A photo without a vision model: typed, never guessed; nothing recorded as parsed.
    let photo = document("shopping-list.png");
    assert_eq!(code(&photo, Amount::whole(100), 7).await, Err(("VISION_UNAVAILABLE", 415)));
    assert!(!flux.audit_jsonl().contains("shopping-list.png"));
}

fn text_document(name: &str, text: &str) -> Document {
    Document::new(text.as_bytes().to_vec(), Some(name), None).unwrap()
}

fn dropped(p: &Proposal) -> Vec<(String, &'static str)> {
    p.dropped.iter().map(|d| (d.item.clone(), d.reason.as_str())).collect()
}

#[tokio::test]
async fn csv_notes_stay_with_their_item() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // As the same row in a Markdown table or a text line: no nuts bought for "no nuts".
    let p = orchestrate(&flux, &text_document("l.csv", "Item,Qty,Notes\nSnacks,10,no nuts\n")).await;
    assert_eq!(p.needs[0].excluding, ["nuts"], "{:?}", p.needs);
    assert!(bought(&p).iter().all(|(_, _, name)| !name.contains("nut")), "{:?}", bought(&p));
    // Size and colour notes are what is asked; prices, links and status are not words of the item.
    let csv = "Item,Qty,Comments,Price,Link,Status\nt-shirts,30,size M,$4.99,https://example.com/tee,open\nhoodies,5,black,,,\n";
    let p = orchestrate(&flux, &text_document("l.csv", csv)).await;
    assert_eq!(p.intent.prompt(), "30 t-shirts size M, 5 hoodies black");
    let need = |item: &str| p.needs.iter().find(|n| n.item == item).map(|n| n.attributes.clone()).unwrap_or_default();
    assert_eq!((need("t-shirts"), need("hoodies")), (vec!["size m".to_owned()], vec!["black".to_owned()]));
    assert_bought(&p, "t-shirts", 30, &["size m"]);
    assert_bought(&p, "hoodies", 5, &["black"]);
}

#[tokio::test]
async fn csv_quantities_that_count_nothing_are_reported_not_defaulted() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let csv = "Item,Qty\nEnergy drinks,-24\nUSB-C hubs,2.5\nSnacks,10\nLanyards,0\n";
    let p = orchestrate(&flux, &text_document("l.csv", csv)).await;
    let needs: Vec<&str> = p.needs.iter().map(|n| n.item.as_str()).collect();
    assert_eq!(needs, ["snacks"]);
    let dropped = dropped(&p);
    for entry in [
        ("energy drinks x -24", "quantity_out_of_range"),
        ("usb-c hubs x 2.5", "invalid_quantity"),
        ("lanyards x 0", "quantity_out_of_range"),
    ] {
        assert!(dropped.contains(&(entry.0.to_owned(), entry.1)), "{entry:?} not in {dropped:?}");
    }
    // Nothing left to buy: a typed error naming the row, not a default quantity.
    for (csv, reason) in [("Item,Qty\nEnergy drinks,-24\n", "quantity_out_of_range"), ("Item,Qty\nEnergy drinks,2.5\n", "invalid_quantity")]
    {
        let err = flux.orchestrate_document(&text_document("l.csv", csv), Amount::whole(2_000), 7, Strategy::Balanced).await.unwrap_err();
        assert_eq!((err.code(), err.http_status()), ("MALFORMED_DOCUMENT", 422), "{csv:?}");
        assert!(err.to_string().contains(reason), "{err}");
    }
}

#[tokio::test]
async fn checked_task_items_are_crossed_off() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let list = "- [x] 24 energy drinks\n- [X] snacks\n- [ ] 10 usb-c hubs\n* [x] ~~50 badges~~\n1. [x] 40 lanyards\n";
    let p = orchestrate(&flux, &text_document("list.md", list)).await;
    assert_eq!(p.intent.prompt(), "10 usb-c hubs");
    let lines = bought(&p);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_bought(&p, "usb-c hubs", 10, &["usb-c hub", "usb c hub", "usb-c multiport"]);
}

/// (item, quantity) of each need the parser read.
fn needs(p: &Proposal) -> Vec<(String, u32)> {
    p.needs.iter().map(|n| (n.item.clone(), n.quantity)).collect()
}

fn pairs(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(i, q)| ((*i).to_owned(), *q)).collect()
}

#[tokio::test]
async fn csv_quantity_columns_are_found_by_their_words_or_their_numbers() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    for header in
        ["Amount", "Qty.", "No.", "Number", "#", "Quantité", "Cantidad", "Menge", "Anzahl", "Qty needed", "Quantity (units)", "Total qty"]
    {
        let p = orchestrate(&flux, &text_document("l.csv", &format!("Item,{header}\nLanyards,30\nBadges,20\n"))).await;
        assert_eq!(needs(&p), pairs(&[("lanyards", 30), ("badges", 20)]), "{header}");
    }
    // No header names it: the column of whole numbers is the quantity.
    let p = orchestrate(&flux, &text_document("l.csv", "Item,Colour,Needed for\nLanyards,black,30\nBadges,,20\n")).await;
    assert_eq!(needs(&p), pairs(&[("lanyards", 30), ("badges", 20)]));
}

#[tokio::test]
async fn csv_units_are_packages_never_rates() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = orchestrate(&flux, &text_document("l.csv", "Item,Qty,Unit\nWater,3,pack\nSnacks,50,each\n")).await;
    assert_eq!(p.intent.prompt(), "3 packs of Water, 50 Snacks");
    // Three packs of water (24 bottles each), fifty snacks: not 150 for "each".
    assert_eq!(needs(&p), pairs(&[("water", 72), ("snacks", 50)]));
}

#[tokio::test]
async fn csv_tag_columns_are_not_words_of_the_item() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = orchestrate(&flux, &text_document("l.csv", "Name,Qty,Tags,Project\nStickers,20,Swag,Hackathon\n")).await;
    assert_eq!(needs(&p), pairs(&[("stickers", 20)]));
}

#[tokio::test]
async fn csv_done_rows_are_crossed_off() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // A done row is crossed off, as a checked task is; an open one is bought.
    let csv = "Item,Qty,Bought\nLanyards,30,yes\nBadges,20,no\nSnacks,10,✅\nWater,5,\n";
    let p = orchestrate(&flux, &text_document("l.csv", csv)).await;
    assert_eq!(needs(&p), pairs(&[("badges", 20), ("water", 5)]));
}

#[tokio::test]
async fn csv_quantity_cells_are_counts_or_reported() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // A whole number written with ".0" is that number, not a malformed document.
    let p = orchestrate(&flux, &text_document("l.csv", "Item,Qty\nBadges,30.0\n")).await;
    assert_eq!(needs(&p), pairs(&[("badges", 30)]));
    let csv = "Item,Qty\nLanyards,~30\nBadges,thirty\nChairs,30-40\nSnacks,lots\nWater,1/2\nTables,TBD\n";
    let p = orchestrate(&flux, &text_document("l.csv", csv)).await;
    assert_eq!(needs(&p), pairs(&[("lanyards", 30), ("badges", 30), ("chairs", 40)]));
    let dropped = dropped(&p);
    for entry in [("snacks x lots", "invalid_quantity"), ("water x 1/2", "invalid_quantity"), ("tables x TBD", "invalid_quantity")] {
        assert!(dropped.contains(&(entry.0.to_owned(), entry.1)), "{entry:?} not in {dropped:?}");
    }
}

#[tokio::test]
async fn glued_and_glyph_checklists_are_crossed_off() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let list = "- [x]50 badges\n-[x] snacks\n☑ chairs\n✅ water\n✔️ lanyards\n☐ 10 usb-c hubs\n";
    let p = orchestrate(&flux, &text_document("list.md", list)).await;
    assert_eq!(p.intent.prompt(), "10 usb-c hubs");
    assert_eq!(needs(&p), pairs(&[("usb-c hubs", 10)]));
}

#[tokio::test]
async fn a_breakdown_under_an_item_is_bought_part_by_part() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // Sizes under an item: only the first count was bought, in the first size (20 medium
    // t-shirts for 20 M, 15 L and 5 XL; 10 small for 10 S, 10 M and "4 L" read as four litres).
    type Parts<'a> = &'a [(&'a str, u32, &'a str)];
    let cases: [(&str, Parts<'_>); 2] = [
        ("T-shirts\n- 20 medium\n- 15 large\n- 5 XL\n", &[("t-shirts", 20, "medium"), ("t-shirts", 15, "large"), ("t-shirts", 5, "xl")]),
        ("Team t-shirts:\n  - 10 S\n  - 10 M\n  - 4 L\n", &[("t-shirts", 10, "s"), ("t-shirts", 10, "m"), ("t-shirts", 4, "l")]),
    ];
    for (list, parts) in cases {
        let p = orchestrate(&flux, &text_document("list.md", list)).await;
        let read: Vec<(&str, u32, &str)> = p.needs.iter().map(|n| (n.item.as_str(), n.quantity, n.attributes[0].as_str())).collect();
        assert_eq!(read, parts, "{list}");
        // Each size is bought in its size (the catalog writes "Size M"; it has no small ones
        // but in assorted packs), none left out.
        assert!(p.unmet.is_empty(), "{list}: {:?}", p.unmet);
        for (_, units, size) in parts.iter().filter(|(_, _, size)| *size != "s") {
            let letter = match *size {
                "medium" => "M".to_owned(),
                "large" => "L".to_owned(),
                other => other.to_uppercase(),
            };
            let line = p.cart.lines().iter().find(|l| l.name.contains(&format!("Size {letter},")));
            let line = line.unwrap_or_else(|| panic!("{list}: no size {letter} in {:?}", p.cart.lines()));
            assert!(line.units >= *units, "{list}: {line:?}");
        }
    }
    // A heading's count in brackets is shared among the kinds under it: 60 snacks, not 60 more.
    let p = orchestrate(&flux, &text_document("list.md", "Snacks (60):\n- chips\n- pretzels\n")).await;
    assert_eq!(needs(&p), pairs(&[("chips", 30), ("pretzels", 30)]));
}

#[tokio::test]
async fn a_section_of_what_not_to_buy_is_not_bought() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // "Already have" and "Things we don't need" sections were bought with the rest.
    let lists = [
        "## Need\n- 24 energy drinks\n## Already have\n- badges\n- lanyards\n## Food\n- chips\n",
        "24 energy drinks\nchips\n\nThings we don't need:\n- badges\n- lanyards\n",
        "Don't buy\n- badges\n- lanyards\nBuy\n- 24 energy drinks\n- chips\n",
        // Counted, as stock is listed; subsections of the section stay in it.
        "## Already have\n- 20 badges\n- 10 lanyards\n## Need\n- 24 energy drinks\n- chips\n",
        "## Don't buy\n### Swag\n- badges\n### Gear\n- lanyards\n## Buy\n- 24 energy drinks\n- chips\n",
    ];
    for list in lists {
        let p = orchestrate(&flux, &text_document("list.md", list)).await;
        let items: Vec<&str> = p.needs.iter().map(|n| n.item.as_str()).collect();
        assert_eq!(items, ["energy drinks", "chips"], "{list:?} read as {:?}", p.intent.prompt());
        let refused: Vec<(String, &str)> = dropped(&p).into_iter().filter(|(_, r)| *r == "excluded").collect();
        assert_eq!(refused, [("badges".to_owned(), "excluded"), ("lanyards".to_owned(), "excluded")], "{list:?}");
    }
    // A refusing heading with nothing under it refuses nothing of the next section.
    let p = orchestrate(&flux, &text_document("list.md", "# Shopping\n## Already have\n## Need\n- lanyards\n- 24 energy drinks\n")).await;
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["lanyards", "energy drinks"]);
}

fn vision_flux(server: &FakeServer) -> Flux {
    let config = LlmConfig::new(Provider::OpenAi)
        .with_base_url(server.base_url())
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_request_timeout(Duration::from_secs(3))
        .with_retries(0, Duration::from_millis(10))
        .with_deadline(Duration::from_secs(5));
    Flux::builder().ledger(MemoryLedger::new()).parser(LlmParser::new(config).unwrap()).build().unwrap()
}

#[tokio::test]
async fn a_photo_is_read_by_the_vision_model_as_an_image_part() {
    let answer = r#"{"needs": [{"category": "drinks", "item": "energy drinks", "attributes": [], "quantity": 24, "notes": null},
        {"category": "badges", "item": "badges", "attributes": [], "quantity": 50, "notes": null}], "headcount": null}"#;
    let server = FakeServer::start(vec![Reply::chat(answer)], "gpt-4o-mini", Some(KEY));
    let flux = vision_flux(&server);
    let photo = document("shopping-list.png");
    let p = orchestrate(&flux, &photo).await;
    server.assert_valid_requests();
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let image = &requests[0].images()[0];
    assert!(image.starts_with("data:image/png;base64,"), "{image}");
    assert_eq!(image.len(), "data:image/png;base64,".len() + fixture("shopping-list.png").len().div_ceil(3) * 4);
    assert!(requests[0].user_text().contains("shopping list in this image"));
    assert_bought(&p, "energy drinks", 24, &["energy"]);
    // "badges" asks for the whole category: name badges and name-tag stickers alike.
    assert_bought(&p, "badges", 50, &["badge", "name tag"]);
    assert_eq!(p.telemetry.parse.parser, "llm");
    assert!(p.intent.prompt().starts_with("shopping list image shopping-list.png (sha256 "), "{}", p.intent.prompt());
    assert!(flux.audit_jsonl().contains("document.read"));
}

#[tokio::test]
async fn a_failed_vision_model_is_an_error_not_an_offline_guess() {
    // Fallback is on by default for prompts; an image has nothing to fall back on.
    let server = FakeServer::start(vec![Reply::status(400, &[])], "gpt-4o-mini", Some(KEY));
    let flux = vision_flux(&server);
    let err = flux.orchestrate_document(&document("shopping-list.png"), Amount::whole(100), 7, Strategy::Balanced).await.unwrap_err();
    assert_eq!((err.code(), err.http_status()), ("PARSER_FAILED", 503));
    assert!(!err.to_string().contains(KEY));
    // A model that sees no list says so, and Flux does not invent one.
    let server = FakeServer::start(vec![Reply::chat(r#"{"needs": [], "headcount": null}"#)], "gpt-4o-mini", Some(KEY));
    let flux = vision_flux(&server);
    let err = flux.orchestrate_document(&document("shopping-list.png"), Amount::whole(100), 7, Strategy::Balanced).await.unwrap_err();
    assert_eq!(err.code(), "PARSER_FAILED");
}

#[tokio::test]
async fn hostile_vision_answers_never_set_money() {
    let answer = r#"{"needs": [{"category": "drinks", "item": "energy drinks", "attributes": [], "quantity": 24, "notes": null,
        "price": "0.01", "merchant": "0xabcabcabcabcabcabcabcabcabcabcabcabcabca"}], "headcount": null, "budget": 1000000}"#;
    let server = FakeServer::start(vec![Reply::chat(answer)], "gpt-4o-mini", Some(KEY));
    let flux = vision_flux(&server);
    let p = orchestrate(&flux, &document("shopping-list.png")).await;
    assert_eq!(p.budget, Amount::whole(2_000));
    assert!(p.dropped.iter().any(|d| d.reason.as_str() == "ignored_field"), "{:?}", p.dropped);
    let clean = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let typed =
        clean.orchestrate(&flux_core::Intent::new("24 energy drinks", Amount::whole(2_000), 7, Strategy::Balanced).unwrap()).await.unwrap();
    assert_eq!(p.cart.lines()[0].price, typed.cart.lines()[0].price);
}

#[test]
fn a_csv_list_sent_without_a_name_is_read_as_csv() {
    // Read as plain text, "Energy drinks,-24" bought 24 energy drinks and "Qty" was reported.
    for name in [None, Some("list.txt")] {
        let doc = Document::new(b"Item,Qty\nEnergy drinks,-24\nSnacks,10\n".to_vec(), name, None).unwrap();
        assert_eq!(doc.kind(), DocumentKind::Csv, "{name:?}");
    }
    // A plain list with commas is still text.
    let doc = Document::new(b"snacks, 24 energy drinks, badges\n".to_vec(), None, None).unwrap();
    assert_eq!(doc.kind(), DocumentKind::Text);
}

#[tokio::test]
async fn section_headings_are_read_as_headings_never_bought() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // Each heading was bought at its category's default: three gift cards over the prizes, 60
    // notebooks and 72 sticky-note pads over "10 pens", gummy bears and water over the coffee, a
    // cleaning kit over the trash bags.
    for (list, asked) in [
        ("Prizes\n- 1 iPad\n- 2 AirPods\n", &[("ipad", 1), ("airpods", 2)][..]),
        ("Drinks\n24 energy drinks\nOffice supplies\n10 pens\n", &[("energy drinks", 24), ("pens", 10)]),
        ("**Food & drink**\n* Coffee - 24 cans\n", &[("coffee", 24)]),
        ("Cleaning\n- 2 packs of trash bags\n", &[("trash bags", 148)]),
        ("Food:\n- 30 bags of chips\nSWAG\n- 50 t-shirts\n", &[("chips", 30), ("t-shirts", 50)]),
    ] {
        let p = orchestrate(&flux, &text_document("list.md", list)).await;
        assert_eq!(needs(&p), pairs(asked), "{list:?} read as {:?}", p.intent.prompt());
    }
    // An item over its details, items in capitals or bold, and a list of categories stay items:
    // the heading rule's first cut dropped each of them silently.
    for (list, asked) in [
        ("- 10 pens\nT-shirts\n- 10 S\n- 20 M\n", &["pens", "t-shirts", "t-shirts"][..]),
        ("HDMI cables\n- 3 x 6ft\n- 2 x 10ft\n", &["hdmi cables", "hdmi cables"]),
        ("10 pens\nHDMI CABLES\n5 notebooks\n", &["pens", "hdmi cables", "notebooks"]),
        ("**HDMI cables**\n**USB-C hubs**\npower strips\n", &["hdmi cables", "usb-c hubs", "power strips"]),
        ("chips\n- 24 energy drinks\n", &["chips", "energy drinks"]),
        ("Badges\nLanyards\nBadge holders\n", &["badges", "lanyards", "badge holders"]),
        ("- badges\n- lanyards\n## Snacks\n- granola bars\n", &["badges", "lanyards", "granola bars"]),
        ("Chairs\n- 48 folding chairs\n", &["folding chairs"]),
        // Brands under their product ("Energy drinks" over "- 24 Red Bull") bought 48 more.
        ("Energy drinks\n- 24 Red Bull\n- 12 Celsius\n", &["red bull", "celsius"]),
        ("**Food & drink**\n* Coffee - 24 cans\n", &["coffee"]),
        // A plain list of things is no heading over the rest; a parent of a nested list, a
        // heading of two categories, and one with its own punctuation are headings.
        ("badges\nbadge holders\n", &["badges", "badge holders"]),
        ("- Snacks\n  - chips\n  - cookies\n", &["chips", "cookies"]),
        ("Snacks & drinks\n- chips\n- soda\n", &["chips", "soda"]),
        ("Drinks...\n- 24 sodas\n", &["sodas"]),
    ] {
        let p = orchestrate(&flux, &text_document("list.md", list)).await;
        let items: Vec<String> = p.needs.iter().map(|n| n.item.clone()).collect();
        assert_eq!(items, asked, "{list:?} read as {:?}", p.intent.prompt());
    }
    // A heading's count is shared by the kinds under it; a Markdown heading's head count is kept.
    let p = orchestrate(&flux, &text_document("list.md", "Snacks: 60\n- chips\n- pretzels\n- nuts\n")).await;
    assert_eq!(needs(&p), pairs(&[("chips", 20), ("pretzels", 20), ("nuts", 20)]));
    let p = orchestrate(&flux, &text_document("list.md", "- 48 drinks\n  - soda\n  - water\n")).await;
    assert_eq!(needs(&p), pairs(&[("soda", 24), ("water", 24)]));
    let p = orchestrate(&flux, &text_document("list.txt", "Team offsite for 40 people\n- coffee\n- badges\n")).await;
    assert_eq!(p.headcount, Some(40), "{:?}", p.intent.prompt());
    // A Markdown heading names a section: "## Registration desk" bought a desk, "## Snacks 2024"
    // 1,984 granola bars.
    let p = orchestrate(&flux, &text_document("list.md", "## Registration desk\n- 50 badges\n## Snacks 2024\n- 40 chips\n")).await;
    assert_eq!(needs(&p), pairs(&[("badges", 50), ("chips", 40)]));
    // A line over details that names nothing the catalog sells is reported, not lost as a heading.
    let p = orchestrate(&flux, &text_document("list.md", "- 24 sodas\nPizza\n- 10 large\n")).await;
    assert_eq!(dropped(&p), [("pizza".to_owned(), "not_recognized")]);
    let p = orchestrate(&flux, &text_document("list.txt", "Headcount: 40\ncoffee\nsnacks\n")).await;
    assert_eq!(p.headcount, Some(40), "{:?}", p.intent.prompt());
    // A line with a count is no heading: the head count it says is kept.
    let p = orchestrate(&flux, &text_document("list.txt", "Team offsite for thirty people\n- coffee\n- snacks\n")).await;
    assert_eq!(p.headcount, Some(30), "{:?}", p.intent.prompt());
    // A plain list stays a list of items: none of them is a heading over the others.
    let p = orchestrate(&flux, &text_document("list.txt", "pens\nnotebooks\nsticky notes\n")).await;
    assert_eq!(needs(&p).len(), 3, "{:?}", needs(&p));
}

#[tokio::test]
async fn a_number_after_for_counts_people_and_a_negative_one_nothing() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    // "coffee for 30" was read as "30 coffee for": 30 cans for 30 people, where the typed prompt
    // buys three a person.
    let p = orchestrate(&flux, &text_document("list.txt", "coffee for 30\nbadges\n")).await;
    let typed = flux.orchestrate(&flux_core::Intent::new("coffee for 30", Amount::whole(2_000), 7, Strategy::Balanced).unwrap()).await;
    assert_eq!(needs(&p)[0], needs(&typed.unwrap())[0]);
    // "hdmi cables: -5" bought five: a negative count is left out and reported, as in a CSV.
    let p = orchestrate(&flux, &text_document("list.txt", "hdmi cables: -5\n24 energy drinks\nUSB-C hubs - 10\n")).await;
    assert_eq!(needs(&p), pairs(&[("energy drinks", 24), ("usb-c hubs", 10)]));
    assert_eq!(dropped(&p), [("hdmi cables x -5".to_owned(), "quantity_out_of_range")]);
}

#[tokio::test]
async fn a_csv_note_listing_kinds_shares_the_row_count() {
    // "Snacks, assorted",60,"chips, pretzels, nuts" bought 60 fruit snacks and 50 each of chips,
    // pretzels and nuts: 210 for a row of 60.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = orchestrate(&flux, &text_document("l.csv", "item,qty,notes\n\"Snacks, assorted\",60,\"chips, pretzels, nuts\"\n")).await;
    assert_eq!(needs(&p), pairs(&[("chips", 20), ("pretzels", 20), ("nuts", 20)]));
}

#[tokio::test]
async fn where_the_goods_go_is_never_bought() {
    // "deliver_to: Projector room 2" bought a 1080p projector kit, "notes: deliver to building B
    // loading dock" a USB-C dock and "(ship to loading dock)" the same dock: a place is no item.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    for (name, list) in [
        ("l.csv", "item,quantity,deliver_to\nbadges,10,Projector room 2\n"),
        ("l.csv", "Item,Qty,Room,Building\nbadges,10,Cable lab,B\n"),
        ("l.csv", "item,quantity,notes\nbadges,10,deliver to building B loading dock\n"),
        ("l.md", "- 10 badges (ship to loading dock)\n"),
        ("l.txt", "10 badges, send them to the projector room\n"),
    ] {
        let p = orchestrate(&flux, &text_document(name, list)).await;
        assert_eq!(needs(&p), pairs(&[("badges", 10)]), "{list}: {:?}", p.intent.prompt());
        assert!(p.cart.lines().iter().all(|l| l.category == "badges"), "{list}: {:?}", bought(&p));
    }
}
