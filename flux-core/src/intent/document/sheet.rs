//! CSV (and semicolon- or tab-separated) shopping lists to item clauses: which column is the
//! item, which the quantity, which its unit, which say the row is done, which describe the item
//! (kept as its words: "black t-shirts", "snacks no nuts") and which do not (prices, links, codes,
//! tags, status: left out). A quantity that is not a whole number of at least one is reported in
//! `dropped`, never replaced by a default.

use super::text::CHECKED_GLYPHS;
use super::DocumentError;
use crate::intent::offline::words::CONTAINER_WORDS;
use crate::intent::Dropped;
use crate::reasons::DropReason;

/// Headers of the item column (also how a Markdown table's header row is recognized), as words.
const ITEM_HEADERS: &[&str] =
    &["item", "items", "product", "products", "name", "description", "what", "article", "item name", "product name"];
/// Words that name the quantity in a header ("Qty.", "Quantity (units)", "Menge").
#[rustfmt::skip]
const QUANTITY_WORDS: &[&str] = &[
    "quantity", "quantities", "qty", "qtys", "quant", "count", "pcs", "pieces", "units", "quantité", "quantite", "cantidad", "menge",
    "anzahl", "stück", "stk", "quantità", "quantita", "quantidade", "aantal", "antal",
];
/// Words that name the quantity only when the column's cells are counts: else they are a
/// code ("Item #", "No." of a part) or money ("Amount").
const MAYBE_QUANTITY_WORDS: &[&str] = &["number", "no", "num", "nr", "nº", "n", "#", "amount"];
/// Words that may go with a quantity word in its header: "Qty needed", "Total qty", "Number of units".
const QUANTITY_FILL: &[&str] =
    &["needed", "need", "total", "to", "buy", "order", "ordered", "requested", "required", "wanted", "desired", "of", "how", "many"];
/// Words that make "Number", "No." or "Amount" surely a quantity: "Amount needed".
const NEED_WORDS: &[&str] = &["needed", "need", "requested", "required", "wanted", "desired"];
/// Headers of the unit column, as words; a "Units" column of unit words ("pack", "each") is one too.
const UNIT_HEADERS: &[&str] =
    &["unit", "uom", "unit of measure", "unit type", "package", "packaging", "pack", "einheit", "unité", "unidad"];
/// Units that add nothing to a count.
const PIECE_WORDS: &[&str] =
    &["each", "ea", "pc", "pcs", "piece", "pieces", "unit", "units", "item", "items", "x", "ct", "count", "st", "stk", "stück", "ish"];
/// Short names of packages.
const PACKAGE_ABBREVIATIONS: &[(&str, &str)] = &[("pk", "pack"), ("pkg", "pack"), ("bx", "box"), ("cs", "case"), ("ctn", "carton")];
/// Words of the header of a column that says whether the row is done ("Bought?", "Got it").
const DONE_WORDS: &[&str] = &["done", "status", "purchased", "bought", "got", "checked", "check", "complete", "completed", "have"];
const DONE_FILL: &[&str] = &["it", "already", "yet", "in", "cart", "purchase", "item"];
/// Cells that say a row is done: crossed off the list, as a checked task is.
const DONE_VALUES: &[&str] =
    &["yes", "y", "x", "[x]", "true", "done", "bought", "purchased", "got", "got it", "have", "checked", "complete", "completed"];
/// Columns whose words go before the item, as an adjective would: "black t-shirts", "M t-shirts",
/// "Red Bull energy drinks".
const DETAIL_HEADERS: &[&str] =
    &["size", "color", "colour", "flavor", "flavour", "variant", "spec", "model", "brand", "make", "manufacturer"];
/// Words of headers of columns that say nothing about what to buy: money, links, codes, who,
/// when, where (the store, or where the goods go: "Deliver to", "Room"), how it is filed (tags,
/// project, group) and whether it is done. Any other column
/// (notes, comments, details, remarks, unknown ones) describes the item and its words follow
/// it: "snacks no nuts".
const OTHER_WORDS: &str = "price prices cost costs total subtotal sum amount budget spent paid usd eur gbp \
    url urls link links href website web image photo picture files file attachment attachments media \
    sku id upc ean gtin asin isbn mpn barcode code ref reference number num \
    status done bought purchased got have checked ordered \
    date due deadline when created edited modified updated time timestamp \
    vendor store shop supplier seller merchant retailer where owner assignee assigned who buyer person people contact email phone \
    deliver delivery ship shipping destination address location room building floor site venue dock recipient attn \
    category categories section aisle department priority index row line \
    tag tags label labels project projects group groups list folder team";
/// Words of headers of number columns that are never the quantity: measures, ranks and what is
/// at hand already ("In stock", "On hand").
const MEASURE_WORDS: &[&str] = &[
    "weight",
    "length",
    "width",
    "height",
    "depth",
    "size",
    "volume",
    "capacity",
    "year",
    "age",
    "page",
    "pages",
    "day",
    "days",
    "rating",
    "score",
    "stock",
    "inventory",
    "hand",
    "onhand",
    "available",
    "current",
    "existing",
    "left",
    "remaining",
    "have",
];
/// Cells that say no more than an empty one.
const BLANK_CELLS: &[&str] = &["-", "–", "—"];
/// Longest text kept from one describing cell, in characters (cut at a word): a note, not a
/// product page.
const MAX_NOTE_CHARS: usize = 80;
/// Most rows listed in `dropped`; the rest are counted in one `too_many_dropped` entry.
const MAX_ROWS_DROPPED: usize = 32;

/// What a column is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Item,
    Quantity,
    /// What the quantity counts: pieces or packages.
    Unit,
    /// Whether the row is done: crossed off the list.
    Done,
    /// Describes the item, said before it.
    Before,
    /// Describes the item, said after it.
    After,
    /// Says nothing about what to buy.
    Other,
}

/// How surely a header names the quantity.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Not,
    /// "#", "No.", "Amount": if the column's cells are counts.
    Maybe,
    Sure,
}

/// What a count counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Per {
    Piece,
    Dozen,
    /// A package, singular and plural: "3 packs of water" are three packs' worth.
    Package(&'static str, &'static str),
}

/// A quantity cell.
enum Quantity {
    /// Empty: the parser decides from the item alone.
    Unstated,
    Count(u64, Option<Per>),
    /// Counts nothing: negative, not whole, or words that are no number ("lots", "TBD").
    Bad(DropReason),
}

/// A header's words: lowercase, parenthesized parts dropped, punctuation stripped; "#" is a word.
fn header_words(header: &str) -> Vec<String> {
    let (mut plain, mut depth) = (String::new(), 0usize);
    for c in header.to_lowercase().chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '#' => plain.push_str(" # "),
            c if c.is_alphanumeric() => plain.push(c),
            _ => plain.push(' '),
        }
    }
    plain.split_whitespace().map(str::to_owned).collect()
}

fn is_money(header: &str) -> bool {
    let lower = header.to_lowercase();
    lower.contains(['$', '€', '£', '¥'])
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "usd" | "eur" | "gbp" | "price" | "cost" | "paid" | "spent"))
}

fn quantity_header(header: &str, words: &[String]) -> Named {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let only = |lists: &[&[&str]]| words.iter().all(|w| lists.iter().any(|l| l.contains(&w.as_str())));
    let how_many = words.windows(2).any(|w| w[0] == "how" && w[1] == "many");
    if words.is_empty() || is_money(header) {
        Named::Not
    } else if (has(QUANTITY_WORDS) || how_many || (has(MAYBE_QUANTITY_WORDS) && has(NEED_WORDS)))
        && only(&[QUANTITY_WORDS, MAYBE_QUANTITY_WORDS, QUANTITY_FILL])
    {
        Named::Sure
    } else if has(MAYBE_QUANTITY_WORDS) && only(&[MAYBE_QUANTITY_WORDS]) {
        Named::Maybe
    } else {
        Named::Not
    }
}

fn is_done_header(header: &str, words: &[String]) -> bool {
    let marks = words.is_empty() && header.contains(CHECKED_GLYPHS);
    marks
        || (words.iter().any(|w| DONE_WORDS.contains(&w.as_str()))
            && words.iter().all(|w| DONE_WORDS.contains(&w.as_str()) || DONE_FILL.contains(&w.as_str())))
}

/// Whether a cell says its row is done.
fn is_done(cell: &str) -> bool {
    let cell = cell.replace('\u{fe0f}', "").trim().to_lowercase();
    DONE_VALUES.contains(&cell.as_str()) || (!cell.is_empty() && cell.chars().all(|c| CHECKED_GLYPHS.contains(&c)))
}

/// What a unit word counts, if it is one.
fn per(word: &str) -> Option<Per> {
    let word = word.trim().trim_end_matches('.').to_lowercase();
    let word = PACKAGE_ABBREVIATIONS.iter().find(|(short, _)| *short == word).map_or(word.as_str(), |(_, long)| long);
    if PIECE_WORDS.contains(&word) {
        return Some(Per::Piece);
    }
    if matches!(word, "dozen" | "dozens" | "doz" | "dz") {
        return Some(Per::Dozen);
    }
    CONTAINER_WORDS.iter().find_map(|one| {
        let many = CONTAINER_WORDS.iter().find(|p| p.strip_prefix(one).is_some_and(|end| end == "s" || end == "es"))?;
        (word == *one || word == *many).then_some(Per::Package(one, many))
    })
}

/// A number spelled in words: "thirty", "twenty-four", "a dozen", "two hundred".
pub(super) fn spelled(text: &str) -> Option<u64> {
    #[rustfmt::skip]
    const ONES: [&str; 20] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let (mut total, mut any) = (0u64, false);
    // What the last number word was: "five-ten" is a range, not fifteen; "twenty-four" is one.
    let (mut ones, mut tens) = (false, false);
    for word in text.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()) {
        if let Some(n) = ONES.iter().position(|w| *w == word) {
            if ones {
                return None;
            }
            total = total.saturating_add(n as u64);
            (ones, tens) = (true, false);
        } else if let Some(n) = TENS.iter().position(|w| *w == word) {
            if ones || tens {
                return None;
            }
            total = total.saturating_add(n as u64 * 10 + 20);
            tens = true;
        } else if word == "dozen" || word == "hundred" {
            (ones, tens) = (false, false);
            total = total.max(1).saturating_mul(if word == "dozen" { 12 } else { 100 });
        } else if matches!(word, "a" | "an" | "and") {
            continue;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total)
}

/// A whole number: digits, "30.0", or words.
fn whole(text: &str) -> Option<u64> {
    let (int, fraction) = text.split_once('.').unwrap_or((text, ""));
    if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b == b'0') {
        return int.parse().ok();
    }
    spelled(text)
}

/// A whole count, or a range's upper bound.
fn count(text: &str) -> Option<u64> {
    let range = || {
        let (low, high) = text.split_once(['-', '–', '—']).or_else(|| text.split_once(" to "))?;
        whole(low.trim()).zip(whole(high.trim())).filter(|(low, high)| low < high).map(|(_, high)| high)
    };
    whole(text).or_else(range)
}

/// A quantity cell read: a whole count, with what surrounds a count in a list ("~30", "30?",
/// "about 30", "x30", "30 pcs", "3 packs"); a range is its upper bound ("30-40": 40, enough for
/// all it may be).
fn quantity(cell: &str) -> Quantity {
    let plain: String = cell.chars().map(crate::terms::plain).collect();
    let cell = plain.trim();
    if cell.is_empty() || BLANK_CELLS.contains(&cell) {
        return Quantity::Unstated;
    }
    let lower = cell.to_lowercase();
    if lower.strip_prefix(['-', '−']).is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit())) {
        return Quantity::Bad(DropReason::QuantityOutOfRange);
    }
    let mut text = lower.as_str();
    loop {
        let before = text;
        for prefix in
            ["~", "≈", "+", "x", "×", "about", "around", "approximately", "approx.", "approx", "ca.", "circa", "up to", "at least"]
        {
            text = text.strip_prefix(prefix).unwrap_or(text).trim_start();
        }
        text = text.trim_end_matches(['?', '+', '!', '.']).trim_end();
        if text == before {
            break;
        }
    }
    // A unit after the count: "30 pcs", "30pcs", "30x", "3 packs", "thirty packs", "2 dozen".
    let unit = || {
        let start = text.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(text.len(), |(i, _)| i);
        let unit = per(&text[start..]).filter(|_| start > 0)?;
        count(text[..start].trim_end()).map(|n| (n, Some(unit)))
    };
    let count = count(text).map(|n| (n, None)).or_else(unit);
    match count {
        // "0": nothing is wanted of it; the row is reported, not handed on as "0 lanyards".
        Some((0, _)) => Quantity::Bad(DropReason::QuantityOutOfRange),
        Some((n, unit)) => Quantity::Count(n, unit),
        // "2.5", "2,5", "1/2", "½", "lots", "TBD": no whole count. A thousands separator is read
        // only as the file's delimiter tells it from a decimal mark (`ungrouped`).
        None => Quantity::Bad(DropReason::InvalidQuantity),
    }
}

/// A count written in groups of three digits ("1,000", "1.000" where `thousands` is '.') without
/// its separators; any other cell as it is.
fn ungrouped(cell: &str, thousands: char) -> std::borrow::Cow<'_, str> {
    let cell = cell.trim();
    let mut groups = cell.split(thousands);
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let grouped = cell.contains(thousands) && (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g));
    if grouped {
        cell.replace(thousands, "").into()
    } else {
        cell.into()
    }
}

fn column(header: &str, words: &[String]) -> Column {
    if words.len() == 1 && DETAIL_HEADERS.contains(&words[0].as_str()) {
        return Column::Before;
    }
    let money_or_code = header.contains(['$', '€', '£', '#']) || words.last().is_some_and(|w| w == "no");
    if money_or_code || words.iter().any(|w| OTHER_WORDS.split_whitespace().any(|o| o == w)) {
        Column::Other
    } else {
        Column::After
    }
}

/// A describing cell's text, if it has words (a number alone would read as a count) and is no
/// link; at most [`MAX_NOTE_CHARS`], cut at a word.
fn note(cell: &str) -> Option<&str> {
    let cell = cell.trim();
    let lower = cell.to_ascii_lowercase();
    if !cell.chars().any(char::is_alphabetic) || lower.contains("://") || lower.starts_with("www.") {
        return None;
    }
    if cell.chars().count() <= MAX_NOTE_CHARS {
        return Some(cell);
    }
    let end = cell.char_indices().nth(MAX_NOTE_CHARS).map_or(cell.len(), |(i, _)| i);
    let cut = cell[..end].rfind(char::is_whitespace).unwrap_or(end);
    Some(cell[..cut].trim_end())
}

/// Whether `line` is the header row of a CSV list — an item column and a quantity column,
/// separated by commas, semicolons or tabs — so a list sent without a name or type is read as one.
pub(super) fn is_csv_header(line: &str) -> bool {
    let Some(delimiter) = [',', ';', '\t'].into_iter().max_by_key(|d| line.matches(*d).count()).filter(|d| line.contains(*d)) else {
        return false;
    };
    let cells: Vec<Vec<String>> = line.split(delimiter).map(header_words).collect();
    let item = cells.iter().any(|w| ITEM_HEADERS.contains(&w.join(" ").as_str()));
    item && line.split(delimiter).zip(&cells).any(|(cell, w)| quantity_header(cell, w) != Named::Not)
}

/// Whether a Markdown table cell is a header: of the item, or surely of the quantity.
pub(super) fn is_header(cell: &str) -> bool {
    let words = header_words(cell);
    ITEM_HEADERS.contains(&words.join(" ").as_str())
        || quantity_header(cell, &words) == Named::Sure
        || words == ["#"]
        || words == ["number"]
}

/// What each column of a list with a header row is: the item and quantity by their headers (or,
/// without a quantity header, the first column of counts), the unit and done columns, and
/// whether the others describe the item. `None` if the first row is no header.
fn columns(header: &[String], data: &[Vec<String>]) -> Option<Vec<Column>> {
    let words: Vec<Vec<String>> = header.iter().map(|h| header_words(h)).collect();
    let named: Vec<Named> = header.iter().zip(&words).map(|(h, w)| quantity_header(h, w)).collect();
    let cells =
        |i: usize| data.iter().filter_map(move |row| row.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty() && !BLANK_CELLS.contains(c));
    let all = |i: usize, test: fn(&str) -> bool| cells(i).next().is_some() && cells(i).all(test);
    // Counts, not money or codes: "30", "~30", "30 pcs", "thirty"; never "4.99" or "5.00".
    let counts = |i: usize| all(i, |c| matches!(quantity(c), Quantity::Count(..)) && !c.contains('.'));
    // "No." numbering the rows 1, 2, 3, ...: no quantity.
    let numbering = |i: usize| cells(i).enumerate().all(|(k, c)| c.parse::<usize>().is_ok_and(|n| n == k + 1));
    let units = |i: usize| all(i, |c| per(c).is_some());
    let mut kinds: Vec<Column> = header
        .iter()
        .zip(&words)
        .enumerate()
        .map(|(i, (h, w))| match named[i] {
            _ if is_done_header(h, w) => Column::Done,
            _ if UNIT_HEADERS.contains(&w.join(" ").as_str()) || (w == &["units"] && units(i)) => Column::Unit,
            Named::Sure | Named::Maybe => Column::Other,
            Named::Not => column(h, w),
        })
        .collect();
    let item = match words.iter().position(|w| ITEM_HEADERS.contains(&w.join(" ").as_str())) {
        Some(item) => item,
        // A header row that names no item but surely a quantity ("Was,Menge"): the item is the
        // first column of words.
        None if named.contains(&Named::Sure) => kinds.iter().zip(&named).position(|(k, n)| *k == Column::After && *n == Named::Not)?,
        None => return None,
    };
    kinds[item] = Column::Item;
    let open = |i: &usize| *i != item && kinds[*i] == Column::Other;
    let quantity = (0..header.len())
        .filter(open)
        .find(|i| named[*i] == Named::Sure)
        .or_else(|| (0..header.len()).filter(open).find(|i| named[*i] == Named::Maybe && counts(*i) && !numbering(*i)))
        .or_else(|| {
            let measure = |i: usize| words[i].iter().any(|w| MEASURE_WORDS.contains(&w.as_str()));
            (0..header.len()).find(|i| *i != item && kinds[*i] == Column::After && !measure(*i) && counts(*i))
        });
    if let Some(q) = quantity {
        kinds[q] = Column::Quantity;
    }
    Some(kinds)
}

/// A row's cell of the first column of a kind; empty if none.
fn cell_of<'a>(columns: &[Column], row: &'a [String], kind: Column) -> &'a str {
    columns.iter().position(|c| *c == kind).and_then(|i| row.get(i)).map_or("", String::as_str)
}

/// Item clauses of a CSV list and the rows left out: an item column and a quantity column found
/// by their headers (or the first two columns of a list without headers), the words of the
/// columns that describe the item kept with it, the rows a done column checks crossed off.
pub(super) fn items_of_csv(text: &str) -> Result<(Vec<String>, Vec<Dropped>), DocumentError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    // Semicolons separate the cells where a comma is the decimal mark: "1.000" is a thousand there.
    let thousands = if delimiter == b';' { '.' } else { ',' };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| DocumentError::Malformed { kind: "csv", reason: e.to_string().chars().take(120).collect() })?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(cells);
        }
    }
    let Some(header) = rows.first() else { return Err(DocumentError::Empty) };
    let (columns, data): (Vec<Column>, _) = match columns(header, &rows[1..]) {
        Some(columns) => (columns, &rows[1..]),
        // No header: the first column is the item, the second its quantity when it holds numbers
        // ("Badges,20") or else words of the item ("Lanyards,blue").
        // A price beside the count ("energy drinks,1.50,24") is no count: the count is the first
        // column of whole numbers, the other number columns say nothing to buy.
        None => {
            // One pass over the cells: per column, whether it holds numbers and only whole ones.
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let (mut numbers, mut whole) = (vec![false; width], vec![true; width]);
            for row in &rows {
                for (k, c) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    numbers[k] |= c.bytes().any(|b| b.is_ascii_digit());
                    let c = ungrouped(c, thousands);
                    whole[k] &= !c.contains(['.', ',']) && matches!(quantity(&c), Quantity::Count(..));
                }
            }
            let number = |k: usize| numbers.get(k).copied().unwrap_or(false);
            let counted = (1..width).find(|k| number(*k) && whole[*k]).or_else(|| number(1).then_some(1));
            let mut columns = vec![Column::Item];
            // Words describe the item ("t-shirts,black,20"); other numbers are prices.
            columns.extend((1..width).map(|k| match counted {
                Some(c) if c == k => Column::Quantity,
                _ if number(k) => Column::Other,
                _ => Column::After,
            }));
            (columns, &rows[..])
        }
    };
    let cells = |row: &'_ [String], kind: Column| -> Vec<String> {
        columns.iter().zip(row).filter(|(c, _)| **c == kind).filter_map(|(_, cell)| note(cell)).map(str::to_owned).collect()
    };
    let (mut out, mut dropped, mut over) = (Vec::new(), Vec::new(), 0usize);
    for row in data {
        let item = cell_of(&columns, row, Column::Item);
        let done = columns.iter().zip(row).any(|(c, cell)| *c == Column::Done && is_done(cell));
        if item.is_empty() || done {
            continue;
        }
        let raw = cell_of(&columns, row, Column::Quantity);
        let count = match quantity(&ungrouped(raw, thousands)) {
            Quantity::Unstated => None,
            Quantity::Count(n, per_cell) => Some((n, per_cell.or_else(|| per(cell_of(&columns, row, Column::Unit))))),
            Quantity::Bad(_) if dropped.len() == MAX_ROWS_DROPPED => {
                over += 1;
                continue;
            }
            Quantity::Bad(reason) => {
                dropped.push(Dropped { item: format!("{} x {}", item.to_lowercase(), raw.trim()).chars().take(80).collect(), reason });
                continue;
            }
        };
        // The item cell names one item: a comma in it ("energy drinks, sugar free") joins no list
        // (a note's may: "chips, pretzels, nuts").
        let item = item.replace([',', ';'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
        let words: Vec<String> = cells(row, Column::Before).into_iter().chain([item]).chain(cells(row, Column::After)).collect();
        let described = words.join(" ");
        out.push(match count {
            None => described,
            Some((n, Some(Per::Dozen))) => format!("{} {described}", n.saturating_mul(12)),
            Some((1, Some(Per::Package(one, _)))) => format!("1 {one} of {described}"),
            Some((n, Some(Per::Package(_, many)))) => format!("{n} {many} of {described}"),
            Some((n, _)) => format!("{n} {described}"),
        });
    }
    if over > 0 {
        dropped.push(Dropped { item: format!("{over} more rows not listed"), reason: DropReason::TooManyDropped });
    }
    Ok((out, dropped))
}
