//! Text and Markdown shopping lists to item clauses ("24 energy drinks", "black t-shirts").

use super::sheet::is_header;
use crate::intent::offline::words::CONTAINER_WORDS;

/// Lines that are about the order, not items in it.
const META_LINES: &[&str] = &["budget", "total", "deadline", "due", "date", "deliver by", "notes", "note", "event", "venue", "ship to"];

/// `line` without what it strikes through (`~~badges~~`): crossed off the list, not to buy.
fn without_struck(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("~~") {
        return line.into();
    }
    let (mut out, mut rest) = (String::with_capacity(line.len()), line);
    while let Some(open) = rest.find("~~") {
        let Some(close) = rest[open + 2..].find("~~") else { break };
        out.push_str(&rest[..open]);
        rest = &rest[open + 2 + close + 2..];
        if rest.is_empty() || rest.starts_with([',', ';', ':', '.', ')', ' ']) {
            out.truncate(out.trim_end().len());
        }
    }
    out.push_str(rest);
    out.into()
}

/// Check marks that open a checklist line (or fill a CSV's done column): checked (got) and open
/// (to buy).
pub(super) const CHECKED_GLYPHS: &[char] = &['☑', '☒', '✅', '✔', '✓'];
const OPEN_GLYPHS: &[char] = &['☐', '⬜', '□'];

/// Markdown and list decoration removed: headings dropped, bullets, numbers, open check boxes,
/// emphasis and links stripped, struck-through text (`~~badges~~`) and checked items (`[x]`,
/// `☑`, `✅`) left out.
fn strip_markdown(line: &str) -> Option<String> {
    let mut l = line.trim();
    if l.is_empty() || l.starts_with('#') || l.starts_with("```") || l.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | '|' | ':' | ' '))
    {
        return None;
    }
    for marker in ["- ", "* ", "+ ", "• ", "– "] {
        if let Some(rest) = l.strip_prefix(marker) {
            l = rest.trim_start();
        }
    }
    // A bullet glued to its check box: "-[x] snacks".
    if let Some(rest) = l.strip_prefix(['-', '*', '+', '•', '–']).filter(|r| r.starts_with('[')) {
        l = rest;
    }
    // "1. " / "1) "
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 && matches!(l.as_bytes().get(digits), Some(b'.' | b')')) && l.as_bytes().get(digits + 1) == Some(&b' ') {
        l = l[digits + 2..].trim_start();
    }
    // A task list's check box, spaced or glued to its text ("- [x]50 badges"): a checked one is
    // got, crossed off as struck text is; an open one is still to buy. "[x](url)" is a link.
    if let Some(rest) = l.strip_prefix("[ ]") {
        l = rest.trim_start();
    } else if ["[x]", "[X]", "[✓]", "[✔]"].iter().any(|b| l.strip_prefix(b).is_some_and(|r| !r.starts_with('('))) {
        return None;
    }
    // A checklist of glyphs (Apple Notes, emoji): "☑ chairs" is got, "☐ chairs" to buy.
    if l.starts_with(CHECKED_GLYPHS) {
        return None;
    }
    if let Some(rest) = l.strip_prefix(OPEN_GLYPHS) {
        l = rest.trim_start_matches('\u{fe0f}').trim_start();
    }
    // After the list marker: "2. ~~badges~~" is crossed off whole, number and all.
    let struck = without_struck(l);
    let l = struck.trim();
    // [text](url) -> text; emphasis and code marks dropped.
    let mut out = String::with_capacity(l.len());
    let mut rest = l;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    let out: String = out.replace("**", "").replace("__", "").replace('`', "");
    let out = out.trim().to_owned();
    (!out.is_empty()).then_some(out)
}

/// "energy drinks x 24", "Energy drinks - 24", "energy drinks (24)", "energy drinks: 24" ->
/// "24 energy drinks", and with its package, "LaCroix - 2 cases" -> "2 cases of LaCroix". A line
/// that already starts with its quantity is kept, and so is a number glued to a word ("usb-c
/// hubs 10-in-1", "AA batteries 4-pack"): that is a spec, not a count.
fn quantity_first(line: &str) -> String {
    let package = line.trim_end().rsplit_once(' ').filter(|(_, w)| CONTAINER_WORDS.contains(&w.to_lowercase().as_str()));
    if let Some((rest, package)) = package {
        let moved = count_first(rest);
        if let Some((count, item)) = moved.split_once(' ').filter(|_| moved != rest) {
            return format!("{count} {package} of {item}");
        }
    }
    count_first(line)
}

fn count_first(line: &str) -> String {
    let t = line.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits == t.len() || t.starts_with(|c: char| c.is_ascii_digit()) {
        return line.to_owned();
    }
    let (before, number) = t.split_at(t.len() - digits);
    let separated = before.ends_with(char::is_whitespace)
        || before.ends_with(['(', ':', '×', '=', '*'])
        || [" x", " X", " -", " –", " qty", " qty:"].iter().any(|sep| before.ends_with(sep));
    if !separated {
        return line.to_owned();
    }
    let head = before.trim_end();
    let head = ["x", "X", "×", "-", "–", ":", "(", "qty:", "qty", "=", "*"]
        .iter()
        .find_map(|sep| head.strip_suffix(sep))
        .unwrap_or(head)
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    if head.is_empty() {
        return line.to_owned();
    }
    format!("{number} {head}")
}

fn is_meta(line: &str) -> bool {
    let lower = line.to_lowercase();
    META_LINES.iter().any(|m| lower.starts_with(m) && lower[m.len()..].starts_with([':', ' ', '-']))
}

/// Item clauses of a plain-text or Markdown list (tables too).
pub(super) fn items_of_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with('|') {
            if let Some(row) = table_row(line) {
                out.push(row);
            }
            continue;
        }
        let Some(line) = strip_markdown(line) else { continue };
        if is_meta(&line) {
            continue;
        }
        out.push(quantity_first(&line));
    }
    out
}

/// A Markdown table row as a clause: its number cell first, its other cells after; header and
/// separator rows are skipped.
fn table_row(line: &str) -> Option<String> {
    let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    if cells.is_empty() || cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
        return None;
    }
    if cells.iter().any(|c| is_header(c)) {
        return None;
    }
    let number = cells.iter().find(|c| c.parse::<u64>().is_ok());
    let words: Vec<&str> = cells.iter().copied().filter(|c| c.parse::<u64>().is_err()).collect();
    Some(match number {
        Some(n) => format!("{n} {}", words.join(" ")),
        None => words.join(" "),
    })
}
