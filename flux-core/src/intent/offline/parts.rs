//! A count said after an item ("coffee mugs, 24"), and a breakdown of it by size or colour
//! ("t-shirts: 20 medium, 15 large"; "hoodies: black, 12, grey, 8"): each part is a need of the
//! item of its own, as "20 medium t-shirts, 15 large t-shirts" are. Only the first part was
//! counted, and every part's size bought in the first's.

use super::quantities::package_count;
use super::words::is_garment_size;
use super::Mention;

/// A count after an item, and what was said with it.
pub(super) struct CountAfter {
    pub(super) n: u64,
    pub(super) sentence: usize,
    /// Said after a correction ("20 lanyards, sorry 30"): it replaces the count.
    pub(super) correcting: bool,
    /// It counts packages ("lacroix, 2 cases").
    pub(super) packages: bool,
    /// It follows the item but for commas and colons: it may open a breakdown of the item's own
    /// count ("40 t-shirts: 20 M, 15 L").
    pub(super) opens: bool,
    /// Sizes and colours said with it, before or after ("black, 12"; "20 medium").
    pub(super) words: Vec<String>,
    /// Said after a times sign ("a nice prize x 3") or as so many "of them" ("a nice prize, 3
    /// of them"): it is the item's count, over its "a", and the count of its packs.
    pub(super) times: bool,
    /// It stands alone after the item's own count: no count is said between the item and it, and
    /// no word after it in its clause ("24 energy drinks x 2"; not "usb-c hub x2 (x3)", nor "20
    /// notebooks x 2 colors").
    pub(super) alone: bool,
}

/// Whether attribute `a` says `word` ("size xl" says "xl").
fn says(a: &str, word: &str) -> bool {
    a == word || a.strip_suffix(word).is_some_and(|rest| rest.ends_with(' '))
}

/// `attributes` but those that say one of a part's `words`: what the item says besides its part.
fn without(attributes: &[String], words: &[String]) -> Vec<String> {
    attributes.iter().filter(|a| !words.iter().any(|w| says(a, w))).cloned().collect()
}

/// Counts `m` (the item before the count) with `c`: its first count, a correction, or, after a
/// first part, the mention of one more part.
pub(super) fn count_after(m: &mut Mention, c: CountAfter) -> Option<Mention> {
    let same = m.sentence == c.sentence;
    let new_words: Vec<String> = c.words.iter().filter(|w| !m.attributes.iter().any(|a| says(a, w))).cloned().collect();
    // "a 24-pack of water x 3", "2 cases of water x 3", "a case of water x 3": so many of the
    // packs counted before.
    if same && c.times && !c.correcting && (m.packages || m.pack_size) {
        m.quantity = m.quantity.map(|q| q.saturating_mul(c.n));
        m.article = false;
        m.attributes.extend(new_words);
        return None;
    }
    // "24 energy drinks x 2": so many times the items counted before (a count with words of its
    // own is a part: "20 t-shirts: M x 10").
    let whole_count = m.quantity.is_some() && !m.article && m.part.is_none() && m.total.is_none();
    if same && c.times && c.alone && !c.correcting && !c.packages && c.words.is_empty() && whole_count {
        m.quantity = m.quantity.map(|q| q.saturating_mul(c.n));
        return None;
    }
    // So many packs of a size said after the item: "Red Bull 24-pack x 2", "water, 24-pack, x 3"
    // (a times count after the size), "coke, 2 x 12-packs" (the size said with the count).
    let sized = if c.times { &m.attributes } else { &c.words };
    let per_pack = sized.iter().find_map(|a| package_count(a));
    if let Some(size) = per_pack.filter(|_| same && !c.correcting && !c.packages && m.quantity.is_none()) {
        m.quantity = Some(c.n.saturating_mul(size));
        m.attributes.extend(new_words);
        return None;
    }
    // ("a nice prize x 3": the count said after "a" is the item's.)
    if (same && (m.quantity.is_none() || (m.article && c.times))) || c.correcting {
        m.quantity = Some(c.n);
        m.article = false;
        m.packages = c.packages;
        m.attributes.extend(new_words);
        m.part = (!c.words.is_empty() && !c.packages).then_some(c.words);
        return None;
    }
    if !same {
        return None;
    }
    // "40 t-shirts: 20 medium, 15 large": the parts of a counted item are its needs, and what
    // they leave of its count is bought as the item ([`remainders`]).
    let counted = m.quantity.is_some() && !m.packages && m.part.is_none() && m.total.is_none();
    if counted && c.opens && !c.words.is_empty() && !c.packages {
        m.total = m.quantity.replace(c.n);
        m.attributes.extend(new_words);
        m.part = Some(c.words);
        return None;
    }
    // "size M black tees x 12 and size XL x 12": a thing has one size, so a count with another
    // size is another part, and the size said with the item was the first's.
    let sizes = |said: &[String]| said.iter().filter(|a| a.rsplit(' ').next().is_some_and(is_garment_size)).cloned().collect::<Vec<_>>();
    let (had, other) = (sizes(&m.attributes), sizes(&c.words));
    if m.part.is_none() && m.quantity.is_some() && !c.packages && !had.is_empty() && !other.is_empty() && had != other {
        m.part = Some(had);
    }
    match &m.part {
        Some(first) if !c.words.is_empty() && !c.packages => {
            let mut attributes = without(&m.attributes, first);
            attributes.extend(c.words.iter().cloned());
            Some(Mention { quantity: Some(c.n), attributes, part: Some(c.words), total: None, corrects: false, ..m.clone() })
        }
        _ => {
            m.attributes.extend(new_words);
            None
        }
    }
}

/// What the parts of a counted item's breakdown leave of its count, as one more need of the item
/// after them: "24 energy drinks, 12 sugar free" are 12 sugar-free ones and 12 more. Parts that
/// add up to more than the count said before them stand as said.
pub(super) fn remainders(mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k < mentions.len() {
        let (Some(total), Some(first)) = (mentions[k].total, mentions[k].part.clone()) else {
            k += 1;
            continue;
        };
        // The parts are the mentions of the same item after it (they share its position).
        let pos = mentions[k].pos;
        let end = (k + 1..mentions.len()).find(|j| mentions[*j].pos != pos || mentions[*j].part.is_none()).unwrap_or(mentions.len());
        let parts: u64 = mentions[k..end].iter().filter_map(|m| m.quantity).fold(0, u64::saturating_add);
        mentions[k].total = None;
        if parts < total {
            let m = &mentions[k];
            let attributes = without(&m.attributes, &first);
            let rest = Mention { quantity: Some(total - parts), attributes, part: None, total: None, corrects: false, ..m.clone() };
            mentions.insert(end, rest);
        }
        k = end;
    }
}
