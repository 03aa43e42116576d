//! The text layer of a PDF, read with `lopdf` behind guards for hostile files: a nesting depth
//! checked before parsing, a page limit, a text limit, and a parser panic turned into a typed
//! error.

use super::DocumentError;

/// Most pages read.
const MAX_PAGES: u32 = 50;
/// Most characters of text kept.
const MAX_TEXT_CHARS: usize = 200_000;
/// Deepest nesting of arrays and dictionaries accepted (the parser recurses on it).
const MAX_NESTING: usize = 64;

fn malformed(reason: impl Into<String>) -> DocumentError {
    DocumentError::Malformed { kind: "pdf", reason: reason.into() }
}

/// Refuses files whose arrays or dictionaries nest deeper than [`MAX_NESTING`] (a recursive
/// parser would overflow its stack on them). Counts `[`/`<<` against `]`/`>>` outside strings
/// and streams, roughly: over-counting only makes the guard stricter.
fn check_nesting(bytes: &[u8]) -> Result<(), DocumentError> {
    let mut depth: usize = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") => {
                // Skip stream contents: binary data can hold any byte.
                match bytes[i..].windows(9).position(|w| w == b"endstream") {
                    Some(end) => i += end + 9,
                    None => return Err(malformed("a stream never ends")),
                }
                continue;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(malformed("objects nest too deeply"));
        }
        i += 1;
    }
    Ok(())
}

/// The text of the first [`MAX_PAGES`] pages.
pub(super) fn text(bytes: &[u8]) -> Result<String, DocumentError> {
    check_nesting(bytes)?;
    // lopdf is not known to panic on bad input, but it is a large parser and this is untrusted
    // input: a panic becomes MALFORMED_DOCUMENT, never a crash of the host.
    let extracted = std::panic::catch_unwind(|| -> Result<String, DocumentError> {
        let doc = lopdf::Document::load_mem(bytes)
            .map_err(|e| malformed(format!("cannot parse: {}", e.to_string().chars().take(80).collect::<String>())))?;
        if doc.is_encrypted() {
            return Err(malformed("it is encrypted"));
        }
        let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES as usize).collect();
        if pages.is_empty() {
            return Err(malformed("it has no pages"));
        }
        let mut text = String::new();
        for page in pages {
            // A page without a readable text layer (a scan) contributes nothing.
            if let Ok(t) = doc.extract_text(&[page]) {
                text.push_str(&t);
                text.push('\n');
            }
            if text.len() > MAX_TEXT_CHARS {
                break;
            }
        }
        Ok(text.chars().take(MAX_TEXT_CHARS).collect())
    })
    .map_err(|_| malformed("the PDF parser failed on it"))??;
    if extracted.trim().is_empty() {
        return Err(malformed("it has no text layer (a scan? send it as an image to a vision model)"));
    }
    Ok(extracted)
}
