//! The `file` part of a `multipart/form-data` body (RFC 7578), read from memory. Every server
//! reads uploads here, so a malformed or hostile body gets the same answer from each of them.
//!
//! Bounded by design: the body is already in memory under [`super::MAX_UPLOAD_BODY`]; at most
//! [`MAX_PARTS`] parts are looked at, each with at most [`MAX_HEADER_BYTES`] of headers.

use std::borrow::Cow;

/// The most parts a body may have before it is refused.
pub const MAX_PARTS: usize = 16;
/// The most bytes of headers one part may have.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    /// The form field's name (`name="..."`).
    pub name: String,
    /// The file name the client gave (`filename="..."`, or RFC 5987 `filename*=UTF-8''...`).
    pub file_name: Option<String>,
    /// The part's `Content-Type`.
    pub media_type: Option<String>,
    /// The part's bytes.
    pub bytes: &'a [u8],
}

/// The boundary of a `multipart/form-data` content type, or why there is none.
pub fn boundary(content_type: &str) -> Result<String, String> {
    let mut params = split_params(content_type);
    let media = params.next().unwrap_or_default();
    if !media.trim().eq_ignore_ascii_case("multipart/form-data") {
        return Err("the body is not multipart/form-data".into());
    }
    let boundary = params.filter_map(|p| param(p, "boundary")).next().ok_or("the content type names no boundary")?;
    if boundary.is_empty() || boundary.len() > 70 {
        return Err("the boundary must be 1 to 70 characters".into());
    }
    Ok(boundary)
}

/// The first part named `name` in `body` (whose parts are separated by `boundary`), `None` when
/// the body has no such part, or why the body is malformed.
pub fn find<'a>(body: &'a [u8], boundary: &str, name: &str) -> Result<Option<Part<'a>>, String> {
    let delimiter = format!("--{boundary}");
    let first = if body.starts_with(delimiter.as_bytes()) {
        0
    } else {
        // A preamble is allowed before the first delimiter, which then starts a line.
        find_bytes(body, format!("\r\n{delimiter}").as_bytes()).ok_or("no boundary in the body")? + 2
    };
    let next_delimiter = format!("\r\n{delimiter}");
    let (mut at, mut parts) = (first + delimiter.len(), 0);
    loop {
        let rest = &body[at..];
        if rest.starts_with(b"--") {
            return Ok(None);
        }
        if parts == MAX_PARTS {
            return Err(format!("the body has more than {MAX_PARTS} parts"));
        }
        parts += 1;
        // Transport padding, then the line break that ends the delimiter line.
        let padding = rest.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let rest = rest[padding..].strip_prefix(b"\r\n").ok_or("a boundary line does not end in CRLF")?;
        let header_len = if rest.starts_with(b"\r\n") { 0 } else { find_bytes(rest, b"\r\n\r\n").ok_or("a part's headers never end")? + 2 };
        if header_len > MAX_HEADER_BYTES {
            return Err(format!("a part's headers are over {MAX_HEADER_BYTES} bytes"));
        }
        let content = &rest[header_len + 2..];
        let end = find_bytes(content, next_delimiter.as_bytes()).ok_or("the body ends before its closing boundary")?;
        let part = part(&rest[..header_len], &content[..end])?;
        if part.name == name {
            return Ok(Some(part));
        }
        at = body.len() - content.len() + end + next_delimiter.len();
    }
}

/// A part from its header block and content.
fn part<'a>(headers: &[u8], bytes: &'a [u8]) -> Result<Part<'a>, String> {
    let headers = String::from_utf8_lossy(headers);
    let (mut disposition, mut media_type) = (None, None);
    for line in headers.split("\r\n").filter(|l| !l.is_empty()) {
        let (field, value) = line.split_once(':').ok_or("a part header has no colon")?;
        if field.trim().eq_ignore_ascii_case("content-disposition") {
            disposition = Some(value.trim());
        } else if field.trim().eq_ignore_ascii_case("content-type") {
            media_type = Some(value.trim().to_owned()).filter(|m| !m.is_empty());
        }
    }
    let mut params = split_params(disposition.ok_or("a part has no Content-Disposition")?);
    if !params.next().unwrap_or_default().trim().eq_ignore_ascii_case("form-data") {
        return Err("a part is not form-data".into());
    }
    let (mut name, mut file_name, mut extended) = (None, None, None);
    for p in params {
        name = name.or_else(|| param(p, "name"));
        file_name = file_name.or_else(|| param(p, "filename"));
        extended = extended.or_else(|| param(p, "filename*").and_then(|v| rfc5987(&v)));
    }
    let name = name.ok_or("a part has no name")?;
    Ok(Part { name, file_name: extended.or(file_name), media_type, bytes })
}

/// `;`-separated parameters, with `;` inside a quoted string kept. As browsers write them
/// (WHATWG): a quote inside a value is sent as `%22`, a backslash is just a backslash.
fn split_params(text: &str) -> impl Iterator<Item = &str> {
    let (mut quoted, mut start) = (false, 0);
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                cuts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    cuts.push(&text[start..]);
    cuts.into_iter()
}

/// The value of `key=value` or `key="quoted value"` when `p` is that parameter.
fn param(p: &str, key: &str) -> Option<String> {
    let (k, v) = p.split_once('=')?;
    if !k.trim().eq_ignore_ascii_case(key) {
        return None;
    }
    let v = v.trim();
    let value = v.strip_prefix('"').and_then(|q| q.strip_suffix('"')).unwrap_or(v);
    Some(value.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n"))
}

/// An RFC 5987 extended value (`UTF-8''%e2%82%ac.txt`); other charsets are ignored.
fn rfc5987(value: &str) -> Option<String> {
    let (charset, rest) = value.split_once('\'')?;
    let (_language, encoded) = rest.split_once('\'')?;
    charset.eq_ignore_ascii_case("utf-8").then(|| percent_decode(encoded, false).into_owned())
}

/// Percent-decoding (`+` as a space when `plus` is set, as in a query string); a `%` not followed
/// by two hex digits stays as it is, and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(text: &str, plus: bool) -> Cow<'_, str> {
    if !(text.contains('%') || plus && text.contains('+')) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match bytes[i] {
            b'%' if hex(i + 1).is_some() && hex(i + 2).is_some() => {
                out.push((hex(i + 1).unwrap_or(0) * 16 + hex(i + 2).unwrap_or(0)) as u8);
                i += 3;
                continue;
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}
