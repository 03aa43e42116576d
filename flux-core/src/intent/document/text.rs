//! Text and Markdown shopping lists to item clauses ("24 energy drinks", "black t-shirts").

use super::sheet::{is_header, spelled};
use crate::intent::offline::words::CONTAINER_WORDS;
use crate::intent::Dropped;
use crate::reasons::DropReason;

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

/// A line of a list, its decoration taken off.
struct ListLine {
    text: String,
    /// Opened by a bullet, a number or a check box.
    marked: bool,
    /// Emphasized whole, as a heading is styled: "**Drinks**".
    emphasized: bool,
    /// How far it is indented (a tab as four spaces): a nested list's items are under its line.
    indent: usize,
}

/// One entry of a text list: a line of it, a Markdown table row already read as a clause, or a
/// Markdown heading (its text when it refuses what is under it: "## Already have").
enum Entry {
    Line(ListLine),
    Row(String),
    Heading {
        /// How many `#` it has.
        level: usize,
        /// Its text, when it refuses what is under it.
        refusing: Option<String>,
        /// It heads notes about the order ("## Notes"), not things to buy.
        notes: bool,
    },
}

/// A Markdown heading's entry: it names a section ("## Registration desk", "## Day 2") and is
/// left out, but for one that refuses the lines under it ("## Don't buy", "## Already have").
fn heading(line: &str) -> Entry {
    let text = line.trim_start_matches('#');
    let level = line.len() - text.len();
    let text = text.trim().trim_end_matches(':').trim_end().replace("**", "");
    let notes = matches!(text.to_lowercase().as_str(), "notes" | "note" | "comments" | "remarks" | "context" | "background");
    Entry::Heading { level, refusing: crate::intent::offline::refuses_under(&text).then_some(text), notes }
}

/// Markdown and list decoration removed: bullets, numbers, open check boxes,
/// emphasis and links stripped, struck-through text (`~~badges~~`) and checked items (`[x]`,
/// `☑`, `✅`) left out.
fn strip_markdown(raw: &str) -> Option<ListLine> {
    let indent = raw.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum();
    let mut l = raw.trim();
    // Blank lines, code fences and rules (Markdown headings are read apart: `heading`).
    if l.is_empty() || l.starts_with("```") || l.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | '|' | ':' | ' ')) {
        return None;
    }
    let unmarked = l.len();
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
    let marked = l.len() < unmarked;
    let emphasized =
        ["**", "__", "*", "_"].iter().any(|e| l.len() > 2 * e.len() && l.starts_with(e) && l.trim_end_matches(':').ends_with(e));
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
    let mut out: String = out.replace("**", "").replace("__", "").replace('`', "");
    if emphasized {
        out = out.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace()).to_owned();
    }
    let text = out.trim().to_owned();
    (!text.is_empty()).then_some(ListLine { text, marked, emphasized, indent })
}

/// Whether `text` has a count in it, in digits or words ("Offsite for thirty people").
fn counts(text: &str) -> bool {
    text.contains(|c: char| c.is_ascii_digit())
        || text.split(|c: char| !c.is_alphabetic() && c != '-').any(|w| spelled(&w.to_lowercase()).is_some())
}

/// What a line says to the parser, by what comes after it.
fn clause(line: &ListLine, next: Option<&ListLine>) -> String {
    let Some(next) = next else { return quantity_first(&line.text) };
    let counted = counts(&line.text);
    let text = if counted { quantity_first(&line.text) } else { line.text.clone() };
    // A line over others may head them ("Drinks" over "24 energy drinks", "Snacks: 60" over
    // "- chips"): it goes to the parser as "Drinks:", which leaves a heading out when what follows
    // is of its category and shares a count it says among the kinds under it. That is a line
    // over a nested list, a plain line over bulleted ones, an uncounted plain line over a counted
    // one, or a line emphasized whole ("**Drinks**"); never one of a plain list of things
    // ("badges\nbadge holders") or a bullet among bullets.
    let nested = next.indent > line.indent;
    let plain = !line.marked && (next.marked || (!counted && counts(&next.text)));
    let over = nested || plain || (line.emphasized && !counted);
    if !over || text.ends_with(':') {
        return text;
    }
    // "Drinks...", "Drinks —": the heading's own punctuation gives way to its colon.
    let bare = text.trim_end_matches(|c: char| matches!(c, '.' | '!' | '-' | '–' | '—' | '…') || c.is_whitespace());
    format!("{}:", if bare.is_empty() { &text } else { bare })
}

/// "energy drinks x 24", "Energy drinks - 24", "energy drinks (24)", "energy drinks: 24" ->
/// "24 energy drinks", and with its package, "LaCroix - 2 cases" -> "2 cases of LaCroix". A line
/// that already starts with its quantity is kept, and so is a number glued to a word ("usb-c
/// hubs 10-in-1", "AA batteries 4-pack"): that is a spec, not a count.
fn quantity_first(line: &str) -> String {
    // "Snacks (60):" heads what follows with its count: "60 Snacks:".
    if let Some(heading) = line.trim_end().strip_suffix(':').filter(|h| !h.ends_with(':')) {
        return format!("{}:", quantity_first(heading));
    }
    let package = line.trim_end().rsplit_once(' ').filter(|(_, w)| CONTAINER_WORDS.contains(&w.to_lowercase().as_str()));
    if let Some((rest, package)) = package {
        let moved = count_first(rest);
        if let Some((count, item)) = moved.split_once(' ').filter(|_| moved != rest) {
            return format!("{count} {package} of {item}");
        }
    }
    count_first(line)
}

/// Words after which a number counts people or places, not the item: "coffee for 30".
const BEFORE_HEADCOUNT: &[&str] = &["for", "per", "of", "serves", "feeds", "serving"];

/// A line ending in a negative count ("hdmi cables: -5"): "hdmi cables x -5", for the rows left
/// out. A dash between spaces ("USB-C hubs - 10") or inside a word ("A-5") is no sign.
fn negative_count(line: &str) -> Option<String> {
    let t = line.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
    let unsigned = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let before = unsigned.strip_suffix(['-', '−']).filter(|_| unsigned.len() < t.len())?;
    let item = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '(' | '='));
    let item = ["x", "X", "×"].iter().find_map(|s| item.strip_suffix(s).filter(|r| r.ends_with(' '))).unwrap_or(item).trim();
    let separated = before.ends_with(|c: char| c.is_whitespace() || matches!(c, ':' | '(' | '='));
    (separated && !item.is_empty()).then(|| format!("{} x -{}", item.to_lowercase(), &t[unsigned.len()..]))
}

fn count_first(line: &str) -> String {
    let t = line.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits == t.len() || t.starts_with(|c: char| c.is_ascii_digit()) {
        return line.to_owned();
    }
    let (before, number) = t.split_at(t.len() - digits);
    // "a team of 30" counts people; "a case of 24" counts what is in the case.
    let mut words = before.split_whitespace().rev().map(|w| w.trim_start_matches('(').to_lowercase());
    let (last, package) = (words.next().unwrap_or_default(), words.next().is_some_and(|w| CONTAINER_WORDS.contains(&w.as_str())));
    if BEFORE_HEADCOUNT.contains(&last.as_str()) && !(last == "of" && package) {
        return line.to_owned();
    }
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

/// "Energy drinks ....... 24 @ $1.50 = $36.00" -> "Energy drinks 24", "energy drinks, 24, 1.50"
/// -> "energy drinks, 24": dot leaders, a unit price and a total are no part of the item or its
/// count (the last number on the line was read as the count). A whole sum may be what the item
/// is ("3 gift cards $50") and stays.
fn without_prices(text: &str) -> String {
    let mut t = text;
    for cut in [" @ ", " = $", " =$"] {
        if let Some(at) = t.find(cut).filter(|at| *at > 0) {
            t = &t[..at];
        }
    }
    // A price has cents ("1.50", "$36.00"); a whole sum may be what the item is ("gift cards $50").
    let cents = |w: &str| {
        w.trim_start_matches('$').split_once('.').is_some_and(|(a, b)| {
            !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit() || c == b',') && b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit())
        })
    };
    // Read once: each pass below looks at the last word only (a line of 800k sums stays linear).
    let counted = t.split([' ', ',', ';', '\t']).any(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    loop {
        let trimmed = t.trim_end_matches([' ', ',', ';', '\t']);
        let last = trimmed.rsplit([' ', ',', ';', '\t']).next().unwrap_or_default();
        let rest = &trimmed[..trimmed.len() - last.len()];
        if counted && !rest.trim().is_empty() && cents(last) {
            t = rest;
        } else {
            t = trimmed;
            break;
        }
    }
    // Dot leaders ("Energy drinks ......... 24") are a gap.
    let mut out = String::with_capacity(t.len());
    let mut dots = 0;
    for c in t.chars() {
        if c == '.' || c == '…' {
            dots += 1;
            continue;
        }
        match dots {
            0 => {}
            1 | 2 => out.extend(std::iter::repeat_n('.', dots)),
            _ => out.push(' '),
        }
        dots = 0;
        out.push(c);
    }
    if (1..=2).contains(&dots) {
        out.extend(std::iter::repeat_n('.', dots));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_meta(line: &str) -> bool {
    let lower = line.to_lowercase();
    META_LINES.iter().any(|m| lower.starts_with(m) && lower[m.len()..].starts_with([':', ' ', '-']))
}

/// Item clauses of a plain-text or Markdown list (tables too); a heading's clause ends in a colon
/// ("Drinks:"), for the parser to read what it stands over.
pub(super) fn items_of_text(text: &str) -> (Vec<String>, Vec<Dropped>) {
    let mut entries: Vec<Entry> = Vec::new();
    let (mut fenced, mut commented) = (false, false);
    // Lines end in "\n", "\r\n" or a bare "\r" (old Mac and some spreadsheet exports): a bare CR
    // read as no break ran every count into the next item ("energy drinks 24\rusb-c hubs 10").
    let fence = |l: &str| l.trim().starts_with("```") || l.trim().starts_with("~~~");
    // A fence with no closing one after it hides nothing.
    let mut fences_left = text.split(['\n', '\r']).filter(|l| fence(l)).count();
    for raw in text.split(['\n', '\r']) {
        // What is not part of the list: a fenced code block, an HTML comment, a quote ("> note:
        // the venue provides 100 chairs").
        let t = raw.trim();
        if fence(raw) {
            fences_left -= 1;
            fenced = !fenced && fences_left > 0;
            continue;
        }
        if commented || t.starts_with("<!--") {
            commented = !t.contains("-->");
            continue;
        }
        if fenced || t.starts_with('>') {
            continue;
        }
        if raw.trim().starts_with('|') {
            entries.extend(table_row(raw.trim()).map(Entry::Row));
        } else if raw.trim().starts_with('#') {
            entries.push(heading(raw.trim()));
        } else {
            entries.extend(strip_markdown(raw).filter(|l| !is_meta(&l.text)).map(Entry::Line));
        }
    }
    let (mut out, mut dropped) = (Vec::with_capacity(entries.len()), Vec::new());
    // The level of the refusing section the lines are in, and of the notes section.
    let mut refused: Option<usize> = None;
    let mut notes: Option<usize> = None;
    for (k, entry) in entries.iter().enumerate() {
        let line = match entry {
            Entry::Line(_) | Entry::Row(_) if notes.is_some() => continue,
            Entry::Line(line) => line,
            Entry::Row(row) => {
                out.push(row.clone());
                continue;
            }
            // Its subsections stay in a refusing section: "## Don't buy" over "### Drinks".
            Entry::Heading { level, .. } if refused.is_some_and(|r| *level > r) || notes.is_some_and(|n| *level > n) => continue,
            Entry::Heading { level, notes: true, .. } => {
                notes = Some(*level);
                continue;
            }
            // A section ends what was before it: "." closes the sentence, so a refusing heading's
            // list stops at the next section.
            Entry::Heading { level, refusing, .. } => {
                notes = None;
                // A heading with nothing under it ("## Already have" over "## Need", a "Drinks:"
                // label closing a section) heads nothing after it.
                if out.last().is_some_and(|l: &String| l.ends_with(':')) {
                    out.pop();
                }
                refused = refusing.is_some().then_some(*level);
                if let Some(last) = out.last_mut().filter(|l| !l.ends_with('.')) {
                    last.push('.');
                }
                out.extend(refusing.as_ref().map(|h| format!("{h}:")));
                continue;
            }
        };
        let priced = without_prices(&line.text);
        let line = &ListLine { text: priced, ..*line };
        if let Some(item) = negative_count(&line.text) {
            dropped.push(Dropped { item, reason: DropReason::QuantityOutOfRange });
            continue;
        }
        let next = match entries.get(k + 1) {
            Some(Entry::Line(next)) => Some(next),
            _ => None,
        };
        out.push(clause(line, next));
    }
    (out, dropped)
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
