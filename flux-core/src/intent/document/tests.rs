use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/documents/");
    std::fs::read(format!("{path}{name}")).unwrap_or_default()
}

fn read(bytes: &[u8], name: &str) -> Result<(String, usize), DocumentError> {
    Document::new(bytes.to_vec(), Some(name), None)?.prompt_text(4_000)
}

fn text_of(bytes: &[u8], name: &str) -> String {
    match read(bytes, name) {
        Ok((text, _)) => text,
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn a_byte_order_mark_is_no_part_of_the_list() {
    for name in ["list.txt", "list.md", "list.csv"] {
        let body: &[u8] =
            if name.ends_with(".csv") { b"\xef\xbb\xbfitem,quantity\npens,50\n" } else { b"\xef\xbb\xbf50 pens\n10 sticky notes\n" };
        let text = text_of(body, name);
        assert!(text.starts_with("50 pens") || text.starts_with("pens"), "{name}: {text:?}");
    }
}

#[test]
fn kinds_come_from_bytes_then_media_type_then_name() {
    let kind = |bytes: &[u8], name: Option<&str>, media: Option<&str>| Document::new(bytes.to_vec(), name, media).map(|d| d.kind());
    assert_eq!(kind(&fixture("shopping-list.pdf"), Some("list.txt"), Some("text/plain")), Ok(DocumentKind::Pdf));
    assert_eq!(kind(&fixture("shopping-list.png"), None, None), Ok(DocumentKind::Png));
    assert_eq!(kind(&[0xff, 0xd8, 0xff, 0xe0, 0, 0], Some("x.bin"), None), Ok(DocumentKind::Jpeg));
    assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 ", None, None), Ok(DocumentKind::Webp));
    assert_eq!(kind(b"GIF89a....", None, None), Ok(DocumentKind::Gif));
    assert_eq!(kind(b"a,b\n1,2\n", Some("LIST.CSV"), None), Ok(DocumentKind::Csv));
    assert_eq!(kind(b"a,b\n1,2\n", None, Some("text/csv; charset=utf-8")), Ok(DocumentKind::Csv));
    assert_eq!(kind(b"- chips\n", Some("list.md"), None), Ok(DocumentKind::Markdown));
    assert_eq!(kind(b"chips\n", None, None), Ok(DocumentKind::Text));
}

#[test]
fn bad_files_are_typed_errors() {
    let code =
        |bytes: Vec<u8>, name: &str, media: Option<&str>| Document::new(bytes, Some(name), media).map(|d| d.kind()).map_err(|e| e.code());
    assert_eq!(code(vec![b'a'; MAX_DOCUMENT_BYTES + 1], "big.txt", None), Err("DOCUMENT_TOO_LARGE"));
    assert_eq!(code(Vec::new(), "empty.txt", None), Err("EMPTY_DOCUMENT"));
    assert_eq!(code(b" \n\t\r\n".to_vec(), "blank.txt", None), Err("EMPTY_DOCUMENT"));
    assert_eq!(code(b"PK\x03\x04rest".to_vec(), "list.docx", None), Err("UNSUPPORTED_DOCUMENT"));
    assert_eq!(code(b"\x7fELF\x02\x01".to_vec(), "list.txt", None), Err("UNSUPPORTED_DOCUMENT"));
    assert_eq!(code(b"BM\x00\x01".to_vec(), "scan.bmp", None), Err("UNSUPPORTED_DOCUMENT"));
    assert_eq!(code(b"not really".to_vec(), "photo", Some("image/heic")), Err("UNSUPPORTED_DOCUMENT"));
    assert_eq!(code(b"<html>".to_vec(), "list.pdf", None), Err("MALFORMED_DOCUMENT"));
    // Latin-1 text is not UTF-8: named, not guessed.
    assert_eq!(code(b"caf\xe9 au lait\n".to_vec(), "list.txt", None), Err("MALFORMED_DOCUMENT"));
    // At the limit is fine.
    assert_eq!(code(vec![b'a'; MAX_DOCUMENT_BYTES], "big.txt", None), Ok(DocumentKind::Text));
}

#[test]
fn the_name_is_cleaned_and_debug_shows_no_content() {
    let doc = Document::new(b"24 energy drinks".to_vec(), Some("list\n\u{7}.txt"), None).map_err(|e| e.code());
    let doc = doc.as_ref().map(|d| (d.name().to_owned(), format!("{d:?}")));
    let (name, debug) = doc.unwrap_or_default();
    assert_eq!(name, "list.txt");
    assert!(!debug.contains("energy"), "{debug}");
    assert!(debug.contains("bytes: 16"), "{debug}");
}

#[test]
fn plain_text_lists_become_clauses() {
    assert_eq!(text_of(&fixture("shopping-list.txt"), "list.txt"), "24 energy drinks, 10 usb-c hubs, 50 badges");
    let messy = "Energy drinks x 24\nUSB-C hubs - 10\nbadges (50)\nlanyards: 50\nchairs × 12\nusb-c hubs 10-in-1\nAA batteries\n";
    assert_eq!(
        text_of(messy.as_bytes(), "list.txt"),
        "24 Energy drinks, 10 USB-C hubs, 50 badges, 50 lanyards, 12 chairs, usb-c hubs 10-in-1, AA batteries"
    );
    // A count with its package moves with it.
    let packaged = "LaCroix - 2 cases\nRed Bull 24 pack\ncoconut water x 12 bottles\nchips\n";
    assert_eq!(text_of(packaged.as_bytes(), "list.txt"), "2 cases of LaCroix, 24 pack of Red Bull, 12 bottles of coconut water, chips");
    // A line over others goes to the parser as one that may head them; a last line, or a line
    // with its count, as an item (a Markdown title with nothing under it asks for nothing).
    let headed = "# Kit\nDrinks\n24 energy drinks\nHDMI CABLES\n- 3 x 6ft\nSnacks: 60\n- chips\n- pretzels\n## Room 204\n- lanyards\npens";
    assert_eq!(
        text_of(headed.as_bytes(), "list.md"),
        "Drinks: 24 energy drinks. HDMI CABLES: 3 x 6ft. 60 Snacks: chips, pretzels. lanyards, pens"
    );
    // A Markdown heading that refuses what is under it heads it, to the next section.
    let refused = "## Need\n- 24 energy drinks\n## Already have\n- badges\n- lanyards\n## Food\n- chips\n";
    assert_eq!(text_of(refused.as_bytes(), "list.md"), "24 energy drinks. Already have: badges, lanyards. chips");
    // A heading's own colon, a subsection of a refusing section, a label over nothing.
    assert_eq!(text_of(b"## Already have:\n- badges\n## Need\n- chips\n", "list.md"), "Already have: badges. chips");
    assert_eq!(text_of(b"## Don't buy\n### Swag\n- badges\n## Buy\n- chips\n", "list.md"), "Don't buy: badges. chips");
    assert_eq!(text_of(b"- 24 energy drinks\nDrinks:\n## Day 2\n- chips\n", "list.md"), "24 energy drinks. chips");
    // A count in brackets on a heading's line heads what follows with it.
    assert_eq!(text_of(b"Snacks (60):\n- chips\n- pretzels\n", "list.md"), "60 Snacks: chips, pretzels");
    // A number after "for" or "of" counts people, unless it is what a package holds.
    let counted =
        "coffee for 30\nsnacks for a team of 12\nwater bottles case of 24\npens box -5\nEnergy drinks (for 30)\npower strips to 10 desks\n";
    assert_eq!(
        text_of(counted.as_bytes(), "list.txt"),
        "coffee for 30, snacks for a team of 12, 24 water bottles case of, Energy drinks (for 30), power strips to 10 desks"
    );
    // What the order is about, not what is in it, is left out.
    assert_eq!(text_of(b"Budget: 500\nDeadline: Friday\nchips x 3\nNotes - call Sam\n", "l.txt"), "3 chips");
}

#[test]
fn markdown_lists_tables_and_links_become_clauses() {
    assert_eq!(
        text_of(&fixture("shopping-list.md"), "list.md"),
        "24 Energy drinks, 10 USB-C hubs, 50 lanyards, 50 name badges, 40 granola bars"
    );
    // Struck through is crossed off the list: not bought, whole line or part of one.
    let crossed = "- [ ] 24 energy drinks\n- ~~50 badges~~\n- snacks ~~and chips~~, water\n- ~~unclosed lanyards\n";
    assert_eq!(text_of(crossed.as_bytes(), "list.md"), "24 energy drinks, snacks, water, ~~unclosed lanyards");
    // A crossed-off numbered line leaves no number behind to count the line before it.
    assert_eq!(text_of(b"1. snacks\n2. ~~badges~~\n3. 24 energy drinks\n", "list.md"), "snacks, 24 energy drinks");
    // A checked box is got: crossed off as struck text is. An open one is still to buy.
    let checked = "- [x] 24 energy drinks\n- [X] snacks\n- [ ] 10 usb-c hubs\n2. [x] badges\n[x] chips\n- [x]\n";
    assert_eq!(text_of(checked.as_bytes(), "list.md"), "10 usb-c hubs");
}

#[test]
fn csv_reads_item_quantity_and_detail_columns() {
    assert_eq!(text_of(&fixture("shopping-list.csv"), "list.csv"), "24 energy drinks, 10 usb-c hubs, 30 black t-shirts");
    // Semicolons, no header: the first two columns are item and quantity.
    assert_eq!(text_of(b"energy drinks;24\nbadges;50\n", "l.csv"), "24 energy drinks, 50 badges");
    // Headers in another order, quoted cells; a quantity of words that count nothing is reported
    // (below), not bought at a default.
    assert_eq!(text_of(b"qty,product\n12,\"chairs, folding\"\nmany,tables\n", "l.csv"), "12 chairs folding");
    assert_eq!(read(b"item,qty\n", "l.csv").map_err(|e| e.code()), Err("EMPTY_DOCUMENT"));
}

fn list_of(csv: &str) -> (String, Vec<(String, &'static str)>) {
    let list = Document::new(csv.as_bytes().to_vec(), Some("l.csv"), None).and_then(|d| d.read_list(4_000));
    list.map(|l| (l.prompt, l.dropped.iter().map(|d| (d.item.clone(), d.reason.as_str())).collect()))
        .unwrap_or_else(|e| (e.to_string(), Vec::new()))
}

#[test]
fn csv_columns_that_describe_the_item_are_kept_with_it() {
    // Notes, comments and unknown text columns follow the item; details (brand, colour...) go
    // before it; money, links, codes, status, category and numbers alone are left out.
    let csv = "Item,Qty,Notes,Brand,Price (USD),Link,SKU,Status,Category,Weight,Remarks\n\
               Snacks,10,no nuts,,$5,https://example.com/s,A-1,open,Food,500,\n\
               energy drinks,24,cold,Red Bull,2.99,www.example.com,B-2,to buy,Drinks,,from the gym list\n";
    assert_eq!(list_of(csv).0, "10 Snacks no nuts, 24 Red Bull energy drinks cold from the gym list");
    // A long note is a note, not a page: cut at a word.
    let long = format!("Item,Qty,Description\nchips,3,{}\n", "salted ".repeat(30));
    assert_eq!(list_of(&long).0, format!("3 chips {}", "salted ".repeat(11).trim_end()));
}

#[test]
fn csv_quantities_that_count_nothing_are_dropped_with_a_reason() {
    let (prompt, dropped) = list_of("Item,Qty\nEnergy drinks,-24\nhubs,2.5\nbadges,\"1,000\"\nchairs,−3\nsnacks,+10\ntables,many\n");
    assert_eq!(prompt, "1000 badges, 10 snacks");
    let expected = [
        ("energy drinks x -24", "quantity_out_of_range"),
        ("hubs x 2.5", "invalid_quantity"),
        ("chairs x −3", "quantity_out_of_range"),
        ("tables x many", "invalid_quantity"),
    ];
    assert_eq!(dropped, expected.map(|(i, r)| (i.to_owned(), r)));
    // Without headers too.
    assert_eq!(list_of("energy drinks;-24\nbadges;50\n").1, [("energy drinks x -24".to_owned(), "quantity_out_of_range")]);
    // Every row dropped: malformed, naming the first.
    let err = read(b"item,qty\nchips,-1\n", "l.csv").map_err(|e| (e.code(), e.to_string()));
    assert_eq!(err, Err(("MALFORMED_DOCUMENT", "malformed csv document: no row left to read: chips x -1 (quantity_out_of_range)".into())));
    // Listed up to a bound, the rest counted.
    let many: String =
        std::iter::once("item,qty\n".to_owned()).chain((0..100).map(|i| format!("chips {i},-1\n"))).chain(["snacks,2\n".into()]).collect();
    let dropped = list_of(&many).1;
    assert_eq!(dropped.len(), 33);
    assert_eq!(dropped[32], ("68 more rows not listed".to_owned(), "too_many_dropped"));
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_text_layers_are_read() {
    assert_eq!(text_of(&fixture("shopping-list.pdf"), "list.pdf"), "Hackathon shopping list: 24 Energy drinks, 10 USB-C hubs, 50 Badges");
}

#[cfg(feature = "pdf")]
#[test]
fn hostile_pdfs_are_malformed_not_crashes() {
    let pdf = fixture("shopping-list.pdf");
    let code = |bytes: Vec<u8>| read(&bytes, "x.pdf").map(|_| ()).map_err(|e| e.code());
    // Truncated anywhere.
    for cut in [8, 60, pdf.len() / 2] {
        assert_eq!(code(pdf[..cut].to_vec()), Err("MALFORMED_DOCUMENT"), "cut at {cut}");
    }
    // A million nested arrays would overflow a recursive parser's stack.
    let mut deep = b"%PDF-1.4\n1 0 obj\n".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 1_000_000));
    assert_eq!(code(deep), Err("MALFORMED_DOCUMENT"));
    // A stream that never ends.
    assert_eq!(code(b"%PDF-1.4\n1 0 obj\n<< /Length 5 >>\nstream\nabc".to_vec()), Err("MALFORMED_DOCUMENT"));
    // Garbage after a PDF header.
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..50_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert_eq!(code(garbage), Err("MALFORMED_DOCUMENT"));
    // A valid PDF without text (a scan) says so.
    let blank = pdf_with_stream(b"");
    let err = read(&blank, "scan.pdf").map(|_| ()).map_err(|e| e.to_string());
    assert!(err.as_ref().is_err_and(|e| e.contains("no text layer")), "{err:?}");
}

/// The fixture's PDF with another content stream (offsets recomputed by lopdf when saved).
#[cfg(feature = "pdf")]
fn pdf_with_stream(content: &[u8]) -> Vec<u8> {
    let Ok(mut doc) = lopdf::Document::load_mem(&fixture("shopping-list.pdf")) else { return Vec::new() };
    if let Ok(lopdf::Object::Stream(s)) = doc.get_object_mut((4, 0)) {
        s.set_content(content.to_vec());
    }
    let mut out = Vec::new();
    let _ = doc.save_to(&mut out);
    out
}

#[test]
fn images_have_no_text() {
    let png = fixture("shopping-list.png");
    assert_eq!(read(&png, "list.png").map_err(|e| e.code()), Err("VISION_UNAVAILABLE"));
}

#[cfg(feature = "llm")]
#[test]
fn images_become_data_uris() {
    let doc = Document::new(fixture("shopping-list.png"), Some("list.png"), None).map_err(|e| e.code());
    let uri = doc.map(|d| d.data_uri()).unwrap_or_default();
    assert!(uri.starts_with("data:image/png;base64,iVBORw0KGgo"), "{uri}");
}

#[test]
fn long_documents_are_cut_at_a_clause_and_counted() {
    let list: String = (1..=10_000).map(|i| format!("{i} chips\n")).collect();
    let (text, left_out) = read(list.as_bytes(), "long.txt").unwrap_or_default();
    assert!(text.chars().count() <= 4_000);
    assert!(text.ends_with(" chips"), "{}", &text[text.len() - 20..]);
    let kept = text.split(", ").count();
    assert_eq!(kept + left_out, 10_000);
    assert!(left_out > 9_000);
}

#[test]
fn hostile_text_is_bounded_and_never_panics() {
    for bytes in [
        "|||\n|---|\n| |\n".as_bytes().to_vec(),
        "- [ ]\n* \n1.\n#\n```\n".as_bytes().to_vec(),
        "[a](b\n[](x)\n**\n".as_bytes().to_vec(),
        "x".repeat(100_000).into_bytes(),
        "\u{202e}24 energy drinks\u{200b}\n".as_bytes().to_vec(),
        "\"unclosed,quote\n".as_bytes().to_vec(),
        "99999999999999999999999 chips\n".as_bytes().to_vec(),
    ] {
        let _ = read(&bytes, "h.txt");
        let _ = read(&bytes, "h.csv");
        let _ = read(&bytes, "h.md");
    }
    // One 100,000-character line is longer than a prompt: said, not cut mid-word.
    assert_eq!(read("x".repeat(100_000).as_bytes(), "h.txt").map_err(|e| e.code()), Err("MALFORMED_DOCUMENT"));
}

#[test]
fn files_are_read_by_path_within_the_limit() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/documents/");
    let doc = Document::read(format!("{dir}shopping-list.csv")).map(|d| (d.kind(), d.name().to_owned())).map_err(|e| e.code());
    assert_eq!(doc, Ok((DocumentKind::Csv, "shopping-list.csv".to_owned())));
    assert_eq!(Document::read(format!("{dir}missing.txt")).map(|_| ()).map_err(|e| e.code()), Err("UNREADABLE_DOCUMENT"));
    assert_eq!(Document::read(dir).map(|_| ()).map_err(|e| e.code()), Err("UNREADABLE_DOCUMENT"));
}

#[test]
fn csv_quantity_headers_are_read_by_their_words() {
    let headers = [
        "Amount",
        "Qty.",
        "No.",
        "Number",
        "#",
        "Quantité",
        "Cantidad",
        "Menge",
        "Anzahl",
        "Qty needed",
        "Quantity (units)",
        "Total qty",
        "Count",
        "Pcs",
        "Units",
        "How many?",
        "QTY",
        "Number of units",
    ];
    for header in headers {
        assert_eq!(list_of(&format!("Item,{header}\nLanyards,30\nBadges,20\n")).0, "30 Lanyards, 20 Badges", "{header}");
    }
    // "#", "No." and "Amount" name a quantity only when their cells are whole numbers: else a
    // code or money, left out. A price, a part number or a weight is never the quantity.
    assert_eq!(list_of("Item,#\nLanyards,A-1\nBadges,B-2\n").0, "Lanyards, Badges");
    assert_eq!(list_of("Item,Amount\nLanyards,$30\nBadges,4.99\n").0, "Lanyards, Badges");
    assert_eq!(list_of("Item,Amount (USD),Qty\nLanyards,30,5\n").0, "5 Lanyards");
    assert_eq!(list_of("Item,Amount\nLanyards,5.00\nBadges,10.00\n").0, "Lanyards, Badges");
    assert_eq!(list_of("Item,No.\nLanyards,~30\nBadges,-\n").0, "30 Lanyards, Badges");
    assert_eq!(list_of("Item,Price,Part number,Weight\nLanyards,30,12345,500\n").0, "Lanyards");
    // No header names it: a column of whole numbers is the quantity; the first named one wins.
    assert_eq!(list_of("Item,Colour,Needed\nLanyards,black,30\nBadges,,20\n").0, "30 black Lanyards, 20 Badges");
    assert_eq!(list_of("Product,Qty,Count\nLanyards,3,30\n").0, "3 Lanyards");
    // A header row without an item header, named by its quantity.
    assert_eq!(list_of("Was,Menge\nLanyards,30\n").0, "30 Lanyards");
}

#[test]
fn csv_unit_columns_are_packages_never_rates() {
    let csv = "Item,Qty,Unit\nWater,3,pack\nSnacks,50,each\nEggs,2,dozen\nTape,1,roll\nCoffee,2,kg\nPens,4,BX\nChips,,case\nCups,10,pcs\n";
    assert_eq!(list_of(csv).0, "3 packs of Water, 50 Snacks, 24 Eggs, 1 roll of Tape, 2 Coffee, 4 boxes of Pens, Chips, 10 Cups");
    // A unit in the quantity cell is the same.
    assert_eq!(list_of("Item,Qty\nWater,3 cases\nPens,2 boxes\nCups,30 pcs\n").0, "3 cases of Water, 2 boxes of Pens, 30 Cups");
    // "Units" holding units is the unit column, not a second quantity.
    assert_eq!(list_of("Item,Qty,Units\nWater,3,packs\nSnacks,50,each\n").0, "3 packs of Water, 50 Snacks");
}

#[test]
fn csv_tag_columns_are_not_words_of_the_item() {
    let csv = "Item,Qty,Tags,Project,Group,Label,Section,Category,Notes\nStickers,20,Swag,Hackathon,Design,Blue,A,Merch,die-cut\n";
    assert_eq!(list_of(csv).0, "20 Stickers die-cut");
    // Where the goods go is no word of the item ("Projector room 2" bought a projector).
    let csv = "Item,Qty,Deliver to,Ship-to address,Room,Location,Recipient\nbadges,10,Projector room 2,1 Main St,Cable lab,Dock B,Ann\n";
    assert_eq!(list_of(csv).0, "10 badges");
}

#[test]
fn csv_done_columns_cross_rows_off() {
    for header in ["Done", "Status", "Purchased", "Bought", "Got", "Checked", "✓", "Bought?", "Got it"] {
        let csv = format!("Item,Qty,{header}\nLanyards,30,yes\nBadges,20,no\nSnacks,10,\nWater,5,open\n");
        assert_eq!(list_of(&csv).0, "20 Badges, 10 Snacks, 5 Water", "{header}");
    }
    for value in ["yes", "Y", "x", "TRUE", "done", "Bought", "purchased", "got", "✓", "✔", "☑", "✅", "✔\u{fe0f}"] {
        assert_eq!(list_of(&format!("Item,Qty,Done\nLanyards,30,{value}\nBadges,20,false\n")).0, "20 Badges", "{value}");
    }
    // Every row done: nothing to buy.
    assert_eq!(read(b"Item,Done\nLanyards,yes\n", "l.csv").map_err(|e| e.code()), Err("EMPTY_DOCUMENT"));
}

#[test]
fn csv_quantity_cells_say_a_count_or_are_reported() {
    let csv =
        "Item,Qty\nA,30.0\nB,~30\nC,30?\nD,30 pcs\nE,30x\nF,x30\nG,thirty\nH,twenty-four\nI,a dozen\nJ,30-40\nK,about 30\nL,30+\nM,-\n";
    let (prompt, dropped) = list_of(csv);
    assert_eq!(prompt, "30 A, 30 B, 30 C, 30 D, 30 E, 30 F, 30 G, 24 H, 12 I, 40 J, 30 K, 30 L, M");
    assert!(dropped.is_empty(), "{dropped:?}");
    let (prompt, dropped) = list_of("Item,Qty\nA,lots\nB,TBD\nC,1/2\nD,½\nE,40-30\nF,30 kg\nG,2.50\nH,?\nI,5\n");
    assert_eq!(prompt, "5 I");
    let bad = ["a x lots", "b x TBD", "c x 1/2", "d x ½", "e x 40-30", "f x 30 kg", "g x 2.50", "h x ?"];
    assert_eq!(dropped, bad.map(|i| (i.to_owned(), "invalid_quantity")));
    // Zero of a thing is nothing wanted: reported, never handed on as "0 lanyards".
    let (prompt, dropped) = list_of("Item,Qty\nLanyards,0\nBadges,20\n");
    assert_eq!(prompt, "20 Badges");
    assert_eq!(dropped, [("lanyards x 0".to_owned(), "quantity_out_of_range")]);
    // Thousands in groups: "1.000" was one sticker in a semicolon list, "1,000" no count at all.
    assert_eq!(list_of("Artikel;Menge\nstickers;1.000\nbadges;2.5\npens;２４\n").0, "1000 stickers, 24 pens");
    assert_eq!(list_of("item,qty\nstickers,\"1,000\"\nbadges,\"12,50\"\nlanyards,1.000\n").0, "1000 stickers, 1 lanyards");
}

#[test]
fn glued_and_glyph_checklists_are_crossed_off() {
    let list = "- [x]50 badges\n-[x] snacks\n*[X]chips\n- [ ]10 usb-c hubs\n-[ ] 5 chairs\n☑ water\n☒ cups\n✅ plates\n✔ forks\n✔️ knives\n✓ napkins\n\
                ☐ 24 energy drinks\n⬜ 3 tables\n□ 2 banners\n- ☑ lanyards\n[x](https://example.com) pens\n";
    assert_eq!(text_of(list.as_bytes(), "list.md"), "10 usb-c hubs, 5 chairs, 24 energy drinks, 3 tables, 2 banners, x pens");
    assert_eq!(text_of("✅ 24 energy drinks\n☐ badges x 30\n".as_bytes(), "list.txt"), "30 badges");
}

#[test]
fn csv_columns_are_read_as_a_person_fills_them() {
    // Without a header, words in the second column describe the item: every row was dropped.
    assert_eq!(list_of("Lanyards,blue\nBadges,white\n").0, "Lanyards blue, Badges white");
    // What is in stock is no quantity to buy; the column of what to buy is.
    assert_eq!(list_of("Item,In stock,To buy\nPaper,3,10\n").0, "10 Paper");
    // A "No." column numbering the rows is no quantity.
    assert_eq!(list_of("No.,Item\n1,Lanyards\n2,Badges\n").0, "Lanyards, Badges");
    // A type says what the item is: "AA" batteries.
    assert_eq!(list_of("Item,Qty,Type\nBatteries,24,AA\n").0, "24 Batteries AA");
    // "five-ten" is a range, not fifteen.
    assert_eq!(list_of("Item,Qty\nChairs,five-ten\n").0, "10 Chairs");
}

#[test]
fn what_a_newcomer_wrote_reads_as_written() {
    // Lines ending in a bare CR ran each count into the next item: 50 drinks, 24 hubs, 10 badges.
    let cr = "energy drinks 24\rusb-c hubs 10\rbadges 50\r";
    assert_eq!(text_of(cr.as_bytes(), "l.txt"), "24 energy drinks, 10 usb-c hubs, 50 badges");
    assert_eq!(text_of(b"- energy drinks: 24\r- badges: 50\r", "l.md"), "24 energy drinks, 50 badges");
    // What is no part of the list bought 100 chairs beside the drinks.
    for md in [
        "- 24 energy drinks\n\n```\n100 chairs\n```\n",
        "<!-- removed: 100 chairs -->\n- 24 energy drinks",
        "<!--\n100 chairs\n-->\n- 24 energy drinks",
        "> note: 100 chairs are provided by the venue\n- 24 energy drinks",
        "# Items\n\n24 energy drinks\n\n## Notes\nthe venue provides 100 chairs",
    ] {
        assert_eq!(text_of(md.as_bytes(), "l.md"), "24 energy drinks", "{md:?}");
    }
    // A heading that only starts with a note word heads items; a fence never closed hides nothing.
    assert_eq!(text_of(b"# Event: Q3 offsite\n## Drinks\n- 24 energy drinks", "l.md"), "24 energy drinks");
    assert_eq!(text_of(b"- 24 energy drinks\n```\n- 10 badges", "l.md"), "24 energy drinks, 10 badges");
    // A whole sum after a count is the item's value ("3 gift cards $50"), cents a price.
    assert_eq!(text_of(b"- 3 gift cards $50\n- energy drinks 24 $1.50", "l.md"), "3 gift cards $50, 24 energy drinks");
    // A headerless CSV's words describe the item.
    assert_eq!(list_of("t-shirts,black,20\n").0, "20 t-shirts black");
    // A section after the notes is read again.
    assert_eq!(text_of(b"## Notes\nvenue has 100 chairs\n## Drinks\n- 24 energy drinks", "l.md"), "24 energy drinks");
    // A price or a total after the count is no count: 48 and 5 (defaults) were bought for these.
    let priced = "Energy drinks ......... 24 @ $1.50 = $36.00\nUSB-C hubs ............ 10 @ $20 = $200\n";
    assert_eq!(text_of(priced.as_bytes(), "l.txt"), "24 Energy drinks, 10 USB-C hubs");
    assert_eq!(text_of(b"energy drinks, 24, 1.50\nusb-c hubs, 10, 20.00\n", "l.txt"), "24 energy drinks, 10 usb-c hubs");
    assert_eq!(text_of(b"hdmi cables 2.1, 4\ngift card $50\n", "l.txt"), "4 hdmi cables 2.1, gift card $50");
    // Nothing but a byte-order mark or NULs is an empty document, not an unknown item.
    for bytes in [&b"\xEF\xBB\xBF"[..], b"\0\0\0\0", b"\xEF\xBB\xBF \r\n"] {
        assert_eq!(read(bytes, "l.txt").map_err(|e| e.code()), Err("EMPTY_DOCUMENT"), "{bytes:?}");
    }
    // A price beside the count is no count (it bought 20 hubs), and a comma in a cell joins no list.
    assert_eq!(list_of("energy drinks,1.50,24\nusb-c hubs,20.00,10\n").0, "24 energy drinks, 10 usb-c hubs");
    assert_eq!(list_of("Item,Qty\n\"energy drinks, sugar free\",24\nusb-c hubs,10\n").0, "24 energy drinks sugar free, 10 usb-c hubs");
}
