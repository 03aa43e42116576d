//! Google Merchant Center product feeds as XML: RSS 2.0 (`<rss><channel><item>`) or Atom 1.0
//! (`<feed><entry>`), attributes in the `g:` namespace (`<g:price>12.99 USD</g:price>`).
//!
//! Elements are read by local name, so `<g:title>` and `<title>` are the same attribute (the
//! first one counts). Children of a group (`<g:shipping><g:max_transit_time>`) are read as
//! `shipping.max_transit_time`; deeper levels are ignored. DTDs that declare entities, unknown
//! entities and nesting deeper than 32 levels make the feed malformed.

use std::collections::BTreeMap;

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::google::{field_name, item};
use super::{clip, feed_text, Builder, FeedConfig, FeedImport};
use crate::catalog::CatalogError;

/// Deepest element nesting accepted.
const MAX_DEPTH: usize = 32;

fn malformed(reason: impl Into<String>) -> CatalogError {
    CatalogError::Malformed { reason: clip(&reason.into(), 160) }
}

/// Parses a Google Merchant Center product feed in XML: RSS 2.0 (`<rss><channel><item>`) or
/// Atom (`<feed><entry>`) with the `g:` namespace. Nesting deeper than 32 levels, DTDs that
/// declare entities and unknown entities make it malformed. See
/// [`FeedImport`](super::FeedImport) for what becomes of each item.
pub fn parse_google_xml(bytes: &[u8], config: &FeedConfig) -> Result<FeedImport, CatalogError> {
    let text = feed_text(bytes, config)?;
    let mut reader = Reader::from_str(text);
    let mut builder = Builder::new(config);
    let mut depth = 0usize;
    // Depth of the open <item> / <entry>, its fields, and the open field's key and text.
    let mut item_depth: Option<usize> = None;
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut group = String::new();
    let mut key: Option<String> = None;
    let mut value = String::new();
    let mut saw_root = false;
    loop {
        let event = reader.read_event().map_err(|e| malformed(format!("XML error at byte {}: {e}", reader.error_position())))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(malformed(format!("XML nested deeper than {MAX_DEPTH} levels")));
                }
                let name = field_name(&String::from_utf8_lossy(e.local_name().as_ref()));
                if depth == 1 {
                    if saw_root || (name != "rss" && name != "feed") {
                        return Err(malformed("not an RSS 2.0 or Atom feed (one root element, <rss> or <feed>)"));
                    }
                    saw_root = true;
                }
                match item_depth {
                    None if name == "item" || name == "entry" => {
                        item_depth = Some(depth);
                        fields.clear();
                    }
                    Some(d) if depth == d + 1 => {
                        group.clone_from(&name);
                        key = Some(name);
                        value.clear();
                    }
                    Some(d) if depth == d + 2 => {
                        key = Some(format!("{group}.{name}"));
                        value.clear();
                    }
                    _ => key = None,
                }
            }
            Event::End(_) => {
                if let Some(d) = item_depth {
                    if depth == d {
                        item_depth = None;
                        builder.product()?;
                        builder.push(item(&fields, &config.currency)?);
                    } else if depth == d + 1 || depth == d + 2 {
                        if let Some(k) = key.take() {
                            fields.entry(k).or_insert_with(|| std::mem::take(&mut value));
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Empty(_) if depth == 0 => {
                return Err(malformed("not an RSS 2.0 or Atom feed (the root element is empty)"));
            }
            Event::Text(t) if key.is_some() => {
                value.push_str(&t.xml10_content().map_err(|e| malformed(format!("XML text: {e}")))?);
            }
            Event::CData(t) if key.is_some() => {
                value.push_str(&t.xml10_content().map_err(|e| malformed(format!("XML CDATA: {e}")))?);
            }
            Event::GeneralRef(r) => {
                let c = reference(&r)?;
                if key.is_some() {
                    value.push(c);
                }
            }
            Event::DocType(d) if String::from_utf8_lossy(&d).to_ascii_lowercase().contains("<!entity") => {
                return Err(malformed("XML feeds may not declare entities"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(malformed("XML feed ends inside an element"));
    }
    if !saw_root {
        return Err(malformed("not an XML feed (no root element)"));
    }
    Ok(builder.finish())
}

/// The character of `&name;` or `&#n;`: the five predefined entities and character references.
fn reference(r: &BytesRef<'_>) -> Result<char, CatalogError> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| malformed(format!("XML character reference: {e}")))? {
        return Ok(c);
    }
    match &**r {
        b"lt" => Ok('<'),
        b"gt" => Ok('>'),
        b"amp" => Ok('&'),
        b"quot" => Ok('"'),
        b"apos" => Ok('\''),
        other => Err(malformed(format!("unknown XML entity &{};", clip(&String::from_utf8_lossy(other), 32)))),
    }
}
