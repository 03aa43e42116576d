//! CSV (and semicolon- or tab-separated) shopping lists to item clauses: which column is the
//! item, which the quantity, which describe the item (kept as its words: "black t-shirts", "snacks
//! no nuts") and which do not (prices, links, codes, status: left out). A quantity that is not a
//! whole number of at least one is reported in `dropped`, never replaced by a default.

use super::DocumentError;
use crate::intent::Dropped;
use crate::reasons::DropReason;

/// Headers of the item column (also how a Markdown table's header row is recognized).
pub(super) const ITEM_HEADERS: &[&str] = &["item", "items", "product", "products", "name", "description", "what", "article"];
/// Headers of the quantity column.
pub(super) const QUANTITY_HEADERS: &[&str] = &["quantity", "qty", "count", "units", "number", "#", "pcs", "amount needed", "how many"];
/// Columns whose words go before the item, as an adjective would: "black t-shirts", "M t-shirts",
/// "Red Bull energy drinks".
const DETAIL_HEADERS: &[&str] =
    &["size", "color", "colour", "flavor", "flavour", "type", "variant", "spec", "model", "brand", "make", "manufacturer"];
/// Words of headers of columns that say nothing about what to buy: money, links, codes, who,
/// when, where, and whether it is done. Any other column (notes, comments, details, remarks,
/// unknown ones) describes the item and its words follow it: "snacks no nuts".
const OTHER_WORDS: &[&str] = &[
    "price",
    "prices",
    "cost",
    "costs",
    "total",
    "subtotal",
    "sum",
    "amount",
    "budget",
    "spent",
    "paid",
    "usd",
    "eur",
    "gbp",
    "url",
    "urls",
    "link",
    "links",
    "href",
    "website",
    "web",
    "image",
    "photo",
    "picture",
    "sku",
    "id",
    "upc",
    "ean",
    "gtin",
    "asin",
    "isbn",
    "mpn",
    "barcode",
    "code",
    "ref",
    "reference",
    "number",
    "num",
    "status",
    "done",
    "bought",
    "purchased",
    "got",
    "have",
    "checked",
    "ordered",
    "date",
    "due",
    "deadline",
    "when",
    "vendor",
    "store",
    "shop",
    "supplier",
    "seller",
    "merchant",
    "retailer",
    "where",
    "owner",
    "assignee",
    "who",
    "buyer",
    "contact",
    "email",
    "phone",
    "category",
    "section",
    "aisle",
    "department",
    "priority",
    "index",
    "row",
    "line",
];
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
    /// Describes the item, said before it.
    Before,
    /// Describes the item, said after it.
    After,
    /// Says nothing about what to buy.
    Other,
}

/// A quantity cell.
enum Quantity {
    /// Empty, or words ("many"): the parser decides from the item alone.
    Unstated,
    Count(u64),
    /// A number that counts nothing: negative, or not whole.
    Bad(DropReason),
}

fn quantity(cell: &str) -> Quantity {
    let cell = cell.trim();
    if cell.is_empty() {
        return Quantity::Unstated;
    }
    if let Ok(n) = cell.parse::<u64>() {
        return Quantity::Count(n);
    }
    let (negative, digits) = match cell.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, cell.strip_prefix('+').unwrap_or(cell)),
    };
    let numeric = digits.chars().any(|c| c.is_ascii_digit()) && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    match (numeric, negative) {
        (false, _) => Quantity::Unstated,
        (true, true) => Quantity::Bad(DropReason::QuantityOutOfRange),
        // "2.5", "2,5", "1,000": not a whole count, and a decimal comma and a thousands
        // separator look alike, so never guessed.
        (true, false) => Quantity::Bad(DropReason::InvalidQuantity),
    }
}

fn column(header: &str) -> Column {
    if DETAIL_HEADERS.contains(&header) {
        return Column::Before;
    }
    let words: Vec<&str> = header.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let money_or_code = header.contains(['$', '€', '£', '#']) || words.last() == Some(&"no");
    if money_or_code || words.iter().any(|w| OTHER_WORDS.contains(w)) {
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

/// Item clauses of a CSV list and the rows left out: an item column and a quantity column found
/// by their headers (or the first two columns of a list without headers), the words of the
/// columns that describe the item kept with it.
pub(super) fn items_of_csv(text: &str) -> Result<(Vec<String>, Vec<Dropped>), DocumentError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
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
    let lower: Vec<String> = header.iter().map(|c| c.to_lowercase()).collect();
    let find = |names: &[&str]| lower.iter().position(|c| names.contains(&c.as_str()));
    let (columns, data): (Vec<Column>, _) = match find(ITEM_HEADERS) {
        Some(item) => {
            let qty = find(QUANTITY_HEADERS);
            let columns = lower
                .iter()
                .enumerate()
                .map(|(i, h)| match i {
                    _ if i == item => Column::Item,
                    _ if Some(i) == qty => Column::Quantity,
                    _ => column(h),
                })
                .collect();
            (columns, &rows[1..])
        }
        // No header: the first two columns are item and quantity, and nothing else is known.
        None => (vec![Column::Item, Column::Quantity], &rows[..]),
    };
    let cells = |row: &'_ [String], kind: Column| -> Vec<String> {
        columns.iter().zip(row).filter(|(c, _)| **c == kind).filter_map(|(_, cell)| note(cell)).map(str::to_owned).collect()
    };
    let (mut out, mut dropped, mut over) = (Vec::new(), Vec::new(), 0usize);
    for row in data {
        let Some(item) = columns.iter().position(|c| *c == Column::Item).and_then(|i| row.get(i)).filter(|i| !i.is_empty()) else {
            continue;
        };
        let raw = columns.iter().position(|c| *c == Column::Quantity).and_then(|q| row.get(q)).map_or("", String::as_str);
        let count = match quantity(raw) {
            Quantity::Unstated => None,
            Quantity::Count(n) => Some(n),
            Quantity::Bad(_) if dropped.len() == MAX_ROWS_DROPPED => {
                over += 1;
                continue;
            }
            Quantity::Bad(reason) => {
                dropped.push(Dropped { item: format!("{} x {}", item.to_lowercase(), raw.trim()).chars().take(80).collect(), reason });
                continue;
            }
        };
        let words: Vec<String> = cells(row, Column::Before).into_iter().chain([item.clone()]).chain(cells(row, Column::After)).collect();
        let described = words.join(" ");
        out.push(match count {
            Some(q) => format!("{q} {described}"),
            None => described,
        });
    }
    if over > 0 {
        dropped.push(Dropped { item: format!("{over} more rows not listed"), reason: DropReason::TooManyDropped });
    }
    Ok((out, dropped))
}
