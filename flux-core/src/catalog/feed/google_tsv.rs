//! Google Merchant Center product feeds as tab-separated text: a header row of attribute names
//! (`id`, `title`, `price`, `availability`, `google_product_category`...; `g:` prefixes and
//! English names with spaces are accepted), then one item per row. A field may be wrapped in
//! double quotes to hold tabs or line breaks (`""` is a quote inside one).

use std::collections::BTreeMap;

use super::google::{field_name, item};
use super::{feed_text, Builder, FeedConfig, FeedImport, SkipReason};
use crate::catalog::CatalogError;

/// Parses a Google Merchant Center product feed in TSV: a header row of attribute names (`id`,
/// `title`, `price`, `availability`, ...; `g:` prefixes and names with spaces accepted), one item
/// per row, fields optionally in double quotes. See [`FeedImport`](super::FeedImport) for what
/// becomes of each item.
pub fn parse_google_tsv(bytes: &[u8], config: &FeedConfig) -> Result<FeedImport, CatalogError> {
    let text = feed_text(bytes, config)?;
    let mut rows = Rows { text, pos: 0 };
    let header = loop {
        match rows.next_row()? {
            None => return Err(CatalogError::Malformed { reason: "TSV feed has no header row".into() }),
            Some(r) if r.iter().all(|f| f.trim().is_empty()) => continue,
            Some(r) => break r,
        }
    };
    let names: Vec<String> = header.iter().map(|h| field_name(h)).collect();
    if !names.iter().any(|n| n == "id") {
        return Err(CatalogError::Malformed { reason: "TSV header has no id column (is the feed tab-separated?)".into() });
    }
    let mut builder = Builder::new(config);
    while let Some(row) = rows.next_row()? {
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        builder.product()?;
        let mut fields = BTreeMap::new();
        for (name, value) in names.iter().zip(row.iter()) {
            // The first column of a name counts; later repeats are ignored.
            fields.entry(name.clone()).or_insert_with(|| value.clone());
        }
        if row.len() > names.len() {
            let id = fields.get("id").cloned().unwrap_or_default();
            let title = fields.get("title").cloned().unwrap_or_default();
            let detail = format!("{} fields in a row under a header of {}", row.len(), names.len());
            builder.skip(&id, &title, SkipReason::Malformed { detail });
            continue;
        }
        builder.push(item(&fields, &config.currency)?);
    }
    Ok(builder.finish())
}

/// Rows of tab-separated fields.
struct Rows<'a> {
    text: &'a str,
    pos: usize,
}

impl Rows<'_> {
    /// The next row, `None` at the end.
    fn next_row(&mut self) -> Result<Option<Vec<String>>, CatalogError> {
        if self.pos >= self.text.len() {
            return Ok(None);
        }
        let mut row = Vec::new();
        loop {
            let (field, end) = self.field()?;
            row.push(field);
            match end {
                End::Tab => continue,
                End::Row => return Ok(Some(row)),
            }
        }
    }

    /// One field and what ended it. Quoted fields end at a quote followed by a tab, a line end
    /// or the end of the text; a quote followed by anything else means the field was not quoted
    /// after all (`"Hello" name tags`) and it is read as plain text.
    fn field(&mut self) -> Result<(String, End), CatalogError> {
        let rest = &self.text[self.pos..];
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if c != '"' {
                    value.push(c);
                    continue;
                }
                match chars.peek().map(|(_, c)| *c) {
                    Some('"') => {
                        value.push('"');
                        chars.next();
                    }
                    next @ (None | Some('\t' | '\n' | '\r')) => {
                        // 1 for the opening quote, i for the content, 1 for the closing quote.
                        self.pos += 1 + i + 1;
                        let end = self.consume_end(next);
                        return Ok((value, end));
                    }
                    Some(_) => return Ok(self.plain()),
                }
            }
            return Err(CatalogError::Malformed { reason: format!("TSV feed has an unterminated quoted field at byte {}", self.pos) });
        }
        Ok(self.plain())
    }

    /// A field up to the next tab or line end.
    fn plain(&mut self) -> (String, End) {
        let rest = &self.text[self.pos..];
        let stop = rest.find(['\t', '\n', '\r']).unwrap_or(rest.len());
        let value = rest[..stop].to_owned();
        self.pos += stop;
        let next = rest[stop..].chars().next();
        (value, self.consume_end(next))
    }

    /// Steps over the tab or line end (`\n`, `\r\n`, `\r`) at `pos`.
    fn consume_end(&mut self, next: Option<char>) -> End {
        match next {
            Some('\t') => {
                self.pos += 1;
                End::Tab
            }
            Some('\r') => {
                self.pos += 1;
                if self.text[self.pos..].starts_with('\n') {
                    self.pos += 1;
                }
                End::Row
            }
            Some('\n') => {
                self.pos += 1;
                End::Row
            }
            _ => End::Row,
        }
    }
}

enum End {
    Tab,
    Row,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let mut r = Rows { text, pos: 0 };
        let mut out = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            out.push(row);
        }
        out
    }

    #[test]
    fn splits_fields_rows_and_quotes() {
        assert_eq!(rows("a\tb\nc\td\n"), [["a", "b"], ["c", "d"]]);
        assert_eq!(rows("a\tb\r\nc\t\r\n"), [["a", "b"], ["c", ""]]);
        assert_eq!(rows("\"x\ty\"\t\"multi\nline\"\n"), [["x\ty", "multi\nline"]]);
        assert_eq!(rows("\"say \"\"hi\"\"\"\tz"), [["say \"hi\"", "z"]]);
        assert_eq!(rows("\"Hello My Name Is\" Name Tags\t9.99 USD"), [["\"Hello My Name Is\" Name Tags", "9.99 USD"]]);
        assert_eq!(rows("é\t日本\n"), [["é", "日本"]]);
        let mut r = Rows { text: "\"never closed\tx\ny", pos: 0 };
        assert_eq!(r.next_row().unwrap_err().code(), "MALFORMED_CATALOG");
    }
}
