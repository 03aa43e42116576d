//! Intents from documents: a shopping list as plain text, Markdown, CSV or PDF is read offline
//! and deterministically into prompt text the parser reads as it reads a typed prompt; a photo of
//! one goes to a vision model (the LLM parser's `image_url` path) — never made up without one.
//!
//! Documents are untrusted files: at most [`MAX_DOCUMENT_BYTES`], recognized by their bytes
//! (then their media type and name), text must be UTF-8, and every problem is a typed error
//! with a stable code (`DOCUMENT_TOO_LARGE`, `EMPTY_DOCUMENT`, `UNSUPPORTED_DOCUMENT`,
//! `MALFORMED_DOCUMENT`, `VISION_UNAVAILABLE`).

#[cfg(feature = "pdf")]
mod pdf;
mod sheet;
mod text;

use crate::intent::Dropped;

/// Largest document accepted, in bytes (5 MB, as the original service allowed).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Plain text: one item per line or comma-separated.
    Text,
    /// Markdown: lists, check lists, tables and headings.
    Markdown,
    /// Comma- or semicolon-separated values with an item column and a quantity column.
    Csv,
    /// PDF, read through its text layer.
    Pdf,
    /// A PNG image (read by a vision model).
    Png,
    /// A JPEG image (read by a vision model).
    Jpeg,
    /// A WebP image (read by a vision model).
    Webp,
    /// A GIF image (read by a vision model).
    Gif,
}

impl DocumentKind {
    /// `text`, `markdown`, `csv`, `pdf`, `png`, `jpeg`, `webp` or `gif`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Text => "text",
            DocumentKind::Markdown => "markdown",
            DocumentKind::Csv => "csv",
            DocumentKind::Pdf => "pdf",
            DocumentKind::Png => "png",
            DocumentKind::Jpeg => "jpeg",
            DocumentKind::Webp => "webp",
            DocumentKind::Gif => "gif",
        }
    }

    /// Whether only a vision model can read it.
    pub fn is_image(self) -> bool {
        matches!(self, DocumentKind::Png | DocumentKind::Jpeg | DocumentKind::Webp | DocumentKind::Gif)
    }

    /// The media type of an image (`image/png`...), for a data URI.
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentKind::Text => "text/plain",
            DocumentKind::Markdown => "text/markdown",
            DocumentKind::Csv => "text/csv",
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Png => "image/png",
            DocumentKind::Jpeg => "image/jpeg",
            DocumentKind::Webp => "image/webp",
            DocumentKind::Gif => "image/gif",
        }
    }
}

/// Why a document cannot be read into an intent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    #[error("document of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Empty, or nothing in it but blank lines.
    #[error("the document is empty")]
    Empty,
    /// A kind of file Flux does not read.
    #[error("unsupported document: {what}")]
    Unsupported {
        /// What it seems to be.
        what: String,
    },
    /// A file of a supported kind that cannot be read.
    #[error("malformed {kind} document: {reason}")]
    Malformed {
        /// Its kind.
        kind: &'static str,
        /// Why.
        reason: String,
    },
    /// A file that cannot be opened or read.
    #[error("cannot read the document: {reason}")]
    Unreadable {
        /// The operating system's reason.
        reason: String,
    },
    /// An image, but no vision model is configured to read it.
    #[error("an image needs a vision model: configure an LLM parser whose model reads images (it never guesses without one)")]
    VisionUnavailable,
}

impl DocumentError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::TooLarge { .. } => "DOCUMENT_TOO_LARGE",
            DocumentError::Empty => "EMPTY_DOCUMENT",
            DocumentError::Unsupported { .. } => "UNSUPPORTED_DOCUMENT",
            DocumentError::Malformed { .. } => "MALFORMED_DOCUMENT",
            DocumentError::Unreadable { .. } => "UNREADABLE_DOCUMENT",
            DocumentError::VisionUnavailable => "VISION_UNAVAILABLE",
        }
    }
}

/// What a text document says: the prompt text, how many clauses did not fit in it, and the rows
/// read but left out (with why).
#[derive(Debug)]
pub(crate) struct ListText {
    pub(crate) prompt: String,
    pub(crate) left_out: usize,
    pub(crate) dropped: Vec<Dropped>,
}

/// A document someone sent: its bytes and what it is.
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    bytes: Vec<u8>,
    kind: DocumentKind,
    name: String,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document").field("name", &self.name).field("kind", &self.kind).field("bytes", &self.bytes.len()).finish()
    }
}

/// The kind of a document from its first bytes, when they say.
fn sniff(bytes: &[u8]) -> Option<DocumentKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(DocumentKind::Pdf)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some(DocumentKind::Png)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(DocumentKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(DocumentKind::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(DocumentKind::Gif)
    } else {
        None
    }
}

/// Binary formats people upload by mistake, named in the error.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("a ZIP archive (an Office document? export it as PDF, CSV or text)")
    } else if bytes.starts_with(b"\x7fELF") || bytes.starts_with(b"MZ") {
        Some("an executable")
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        Some("a legacy Office document (export it as PDF, CSV or text)")
    } else {
        None
    }
}

impl Document {
    /// A document from its bytes, with the file name and media type the sender gave (both
    /// optional, both untrusted: the bytes decide first).
    pub fn new(bytes: Vec<u8>, file_name: Option<&str>, media_type: Option<&str>) -> Result<Document, DocumentError> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(DocumentError::TooLarge { size: bytes.len(), limit: MAX_DOCUMENT_BYTES });
        }
        // Nothing but a byte-order mark, blanks and control bytes (a file of NULs) is empty too.
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if body.iter().all(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
            return Err(DocumentError::Empty);
        }
        let name: String = file_name.unwrap_or("document").chars().filter(|c| !c.is_control()).take(120).collect();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let media = media_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if let Some(kind) = sniff(&bytes) {
            return Ok(Document { bytes, kind, name });
        }
        if let Some(what) = known_binary(&bytes) {
            return Err(DocumentError::Unsupported { what: what.into() });
        }
        if media.starts_with("image/") || matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "webp" | "gif" | "heic" | "bmp" | "tiff") {
            return Err(DocumentError::Unsupported { what: "an image in a format other than PNG, JPEG, WebP or GIF".into() });
        }
        if ext == "pdf" || media == "application/pdf" {
            return Err(DocumentError::Malformed { kind: "pdf", reason: "it does not start with a PDF header".into() });
        }
        let kind = if matches!(ext.as_str(), "csv" | "tsv") || media == "text/csv" || media == "text/tab-separated-values" {
            DocumentKind::Csv
        } else if matches!(ext.as_str(), "md" | "markdown") || media == "text/markdown" {
            DocumentKind::Markdown
        } else {
            DocumentKind::Text
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Err(DocumentError::Malformed { kind: kind.as_str(), reason: "text must be UTF-8".into() });
        };
        // A CSV list sent without a name or as ".txt": its header row says what it is.
        let header = text.trim_start_matches('\u{feff}').lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let kind = if kind == DocumentKind::Text && sheet::is_csv_header(header) { DocumentKind::Csv } else { kind };
        Ok(Document { bytes, kind, name })
    }

    /// A document from a file, named by its file name. At most [`MAX_DOCUMENT_BYTES`] are read:
    /// a larger file is refused without reading it all.
    pub fn read(path: impl AsRef<std::path::Path>) -> Result<Document, DocumentError> {
        use std::io::Read as _;
        let path = path.as_ref();
        let unreadable = |e: std::io::Error| DocumentError::Unreadable {
            reason: format!("{}: {}", crate::files::file_name(path), crate::files::io_reason(&e)),
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let mut bytes = Vec::new();
        file.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
        if bytes.len() > MAX_DOCUMENT_BYTES {
            let size = std::fs::metadata(path).map_or(bytes.len(), |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
            return Err(DocumentError::TooLarge { size, limit: MAX_DOCUMENT_BYTES });
        }
        Document::new(bytes, path.file_name().and_then(std::ffi::OsStr::to_str), None)
    }

    /// What it is.
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The file name it came with (control characters removed, cut to 120 characters).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw bytes (an image's, for a vision model).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The document as prompt text, one clause per item ("24 energy drinks, 10 usb-c hubs"),
    /// at most `max_chars` characters (cut at a clause): (text, clauses left out). Images have no
    /// text: [`DocumentError::VisionUnavailable`] unless a vision model reads them.
    pub fn prompt_text(&self, max_chars: usize) -> Result<(String, usize), DocumentError> {
        self.read_list(max_chars).map(|list| (list.prompt, list.left_out))
    }

    /// [`Document::prompt_text`], with the rows read but left out of the prompt and why (a
    /// quantity that is negative, or in a CSV not whole). A document whose every row was left out is
    /// malformed, and says which row first.
    pub(crate) fn read_list(&self, max_chars: usize) -> Result<ListText, DocumentError> {
        let (lines, dropped) = match self.kind {
            DocumentKind::Text | DocumentKind::Markdown => text::items_of_text(self.text()?),
            DocumentKind::Csv => sheet::items_of_csv(self.text()?)?,
            DocumentKind::Pdf => text::items_of_text(&pdf_text(&self.bytes)?),
            _ => return Err(DocumentError::VisionUnavailable),
        };
        let mut out = String::new();
        let mut kept = 0;
        for line in &lines {
            let extra = if out.is_empty() { line.chars().count() } else { line.chars().count() + 2 };
            if out.chars().count() + extra > max_chars {
                break;
            }
            // A heading ("Drinks:") opens a sentence and runs into what it stands over.
            if !out.is_empty() {
                out.push_str(if out.ends_with([':', '.']) {
                    " "
                } else if line.ends_with(':') {
                    ". "
                } else {
                    ", "
                });
            }
            out.push_str(line);
            kept += 1;
        }
        if out.trim().is_empty() {
            let kind = self.kind.as_str();
            return Err(match (lines.first(), dropped.first()) {
                (Some(_), _) => {
                    DocumentError::Malformed { kind, reason: format!("its first item is longer than a prompt ({max_chars} characters)") }
                }
                (None, Some(row)) => {
                    DocumentError::Malformed { kind, reason: format!("no row left to read: {} ({})", row.item, row.reason.as_str()) }
                }
                (None, None) => DocumentError::Empty,
            });
        }
        Ok(ListText { prompt: out, left_out: lines.len() - kept, dropped })
    }

    /// The document as a `data:` URI (`data:image/png;base64,...`), as vision models take images.
    #[cfg(feature = "llm")]
    pub fn data_uri(&self) -> String {
        use base64::Engine as _;
        let mut uri = format!("data:{};base64,", self.kind.media_type());
        base64::engine::general_purpose::STANDARD.encode_string(&self.bytes, &mut uri);
        uri
    }

    /// The text, without the byte order mark some editors write first (it was kept in the prompt).
    fn text(&self) -> Result<&str, DocumentError> {
        std::str::from_utf8(&self.bytes)
            .map(|t| t.trim_start_matches('\u{feff}'))
            .map_err(|_| DocumentError::Malformed { kind: self.kind.as_str(), reason: "text must be UTF-8".into() })
    }
}

#[cfg(feature = "pdf")]
fn pdf_text(bytes: &[u8]) -> Result<String, DocumentError> {
    pdf::text(bytes)
}

#[cfg(not(feature = "pdf"))]
fn pdf_text(_: &[u8]) -> Result<String, DocumentError> {
    Err(DocumentError::Unsupported { what: "a PDF (this build of flux-core has no `pdf` feature)".into() })
}

#[cfg(test)]
mod tests;
