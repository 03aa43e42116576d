//! A delivery deadline the prompt states in words: "needed tomorrow", "deliver within 3 days",
//! "2-day shipping". [`Intent::new`](super::Intent::new) uses it when the caller left
//! `deadline_days` at its default, so a prompt that says "tomorrow" is not planned with a week's
//! deliveries; a deadline the caller chose stands.
//!
//! A phrase counts only where it speaks of getting the goods: after a word of needing or
//! delivering in its clause ("needed", "by", "deliver", "for tonight"), or as a kind of delivery
//! ("same-day delivery", "48 hour shipping"), and never in a clause that negates ("we don't need
//! it today", "avoid overnight shipping", "2 day delivery not required"). Missing a deadline
//! leaves the default; reading one that was not meant would cut the offers the user wanted, so
//! the rules read less rather than more. Deadlines that need a calendar ("by friday") are not
//! read.

use super::offline::number_word;

/// Words of needing, getting or delivering: a time after one in its clause is a deadline.
const ASKING: &[&str] = &[
    "need",
    "needed",
    "needs",
    "require",
    "required",
    "want",
    "wanted",
    "deliver",
    "delivered",
    "delivery",
    "arrive",
    "arrives",
    "arriving",
    "ship",
    "shipped",
    "shipping",
    "by",
    "due",
    "before",
    "get",
    "have",
    "asap",
    "for",
];

/// Words that negate their clause: a time in it is what is not wanted.
const NEGATING: &[&str] = &[
    "not", "no", "don't", "dont", "doesn't", "doesnt", "isn't", "isnt", "never", "avoid", "nothing", "without", "skip", "until", "till",
    "after", "later",
];

/// Kinds of delivery: "same-day delivery", "48 hour shipping", "overnight shipping".
const DELIVERY: &[&str] = &["delivery", "shipping", "shipment"];

/// The deadline, in days from now, that `prompt` states, if any: the earliest when it states
/// several.
pub(crate) fn stated_deadline(prompt: &str) -> Option<u32> {
    let lower = lower(prompt);
    clauses(&lower)
        .filter_map(|words| {
            // ("the day after tomorrow" negates nothing.)
            let day_after = |i: usize| {
                i > 0
                    && words
                        .get(i - 1..=i + 1)
                        .is_some_and(|w| w[0] == "day" && w[1] == "after" && w[2].trim_end_matches("'s") == "tomorrow")
            };
            let negated = (0..words.len()).any(|i| NEGATING.contains(&words[i]) && !in_no_later_than(&words, i) && !day_after(i));
            (!negated).then(|| (0..words.len()).filter_map(|i| deadline_at(&words, i)).min()).flatten()
        })
        .min()
}

/// `prompt` in lower case, with typographic apostrophes plain, for [`clauses`].
pub(super) fn lower(prompt: &str) -> String {
    prompt.to_lowercase().replace('\u{2019}', "'")
}

/// The words of each clause of a lower-cased prompt: clauses end at punctuation, brackets and
/// line breaks; words keep their hyphens and apostrophes ("same-day", "don't").
pub(super) fn clauses(lower: &str) -> impl Iterator<Item = Vec<&str>> {
    lower
        .split([',', '.', ';', ':', '!', '?', '\n', '(', ')'])
        .map(|clause| clause.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).filter(|w| !w.is_empty()).collect())
}

/// Whether word `i` is part of "no later than", which states a deadline and negates nothing.
fn in_no_later_than(words: &[&str], i: usize) -> bool {
    (i.saturating_sub(2)..=i).any(|s| words.get(s..s + 3) == Some(&["no", "later", "than"]))
}

/// Words before "within" that make the time another thing's: "a return window within 30 days",
/// "breaks down within 2 days".
const NOT_DELIVERY: &[&str] =
    &["return", "returns", "warranty", "refund", "window", "trial", "breaks", "broke", "lasts", "expires", "expire"];

/// Whether a clause tells of someone doing something ("I'll send the address tomorrow", "we'll
/// decide tomorrow", "moved from tomorrow"): a day in it is not when the goods are needed.
fn told(words: &[&str]) -> bool {
    words.iter().any(|w| matches!(*w, "i" | "i'll" | "we" | "we'll" | "you" | "you'll" | "they" | "he" | "she" | "from" | "since"))
}

/// The deadline a phrase starting at word `i` of a clause states.
fn deadline_at(words: &[&str], i: usize) -> Option<u32> {
    let at = |k: usize| words.get(i + k).copied().unwrap_or("");
    let asked_before = words[..i].iter().any(|w| ASKING.contains(w)) || (i >= 3 && in_no_later_than(words, i - 1));
    let delivery = |w: &str| DELIVERY.contains(&w);
    // "by the day after tomorrow", "The day after tomorrow we need 30 chairs": two days (but
    // "any day after tomorrow is fine").
    let leads = i == 1 && words[0] == "the";
    if (at(0), at(1), at(2).trim_end_matches("'s")) == ("day", "after", "tomorrow") && (asked_before || leads) {
        return Some(2);
    }
    // "100 lanyards overnight" ending its clause, "need them overnighted": by the next day (but
    // "20 cots for the overnight retreat", "overnight bags" are things).
    if (at(0) == "overnighted" && asked_before) || (matches!(at(0), "overnight" | "overnighted") && matches!(at(1), "" | "please")) {
        return Some(1);
    }
    // ("the day after tomorrow" is read above.)
    if i >= 2 && words[i - 2..i] == ["day", "after"] {
        return None;
    }
    // "today", "tonight", "tomorrow('s)" after a word of needing: "needed tomorrow", "for tonight".
    match at(0).trim_end_matches("'s") {
        "today" | "tonight" if asked_before => return Some(0),
        // "50 lanyards tomorrow", "snacks tomorrow morning": ending its clause, a deadline (but
        // "tomorrow is a holiday" says something else of the day).
        "tomorrow"
            if asked_before
                || (matches!(at(1), "" | "please" | "morning" | "afternoon" | "evening" | "noon" | "am" | "pm") && !told(words)) =>
        {
            return Some(1)
        }
        _ => {}
    }
    // Kinds of delivery: "same-day delivery", "next day shipping", "overnight delivery",
    // "2-day shipping", "48 hour delivery", "24-hour shipping".
    match (at(0), at(1), at(2)) {
        ("same-day", d, _) | ("same", "day", d) if delivery(d) => return Some(0),
        ("next-day" | "overnight", d, _) | ("next", "day", d) if delivery(d) => return Some(1),
        _ => {}
    }
    if let Some((n, unit)) = at(0).split_once('-').and_then(|(n, unit)| Some((count(n)?, unit))) {
        return delivery(at(1)).then(|| days(n, unit)).flatten();
    }
    if let (Some(n), true) = (count(at(0)), delivery(at(2))) {
        return days(n, at(1));
    }
    // "within 3 days", "in 48 hours", "within the next 2 weeks", "in a day or two", "in 1-2
    // days", "within 3 business days": after a word of needing, or leading its clause; "within"
    // anywhere ("50 lanyards within 2 days").
    // "breaks down within 2 days of use", "a return window within 30 days": no delivery.
    let of_something = words[..i].iter().any(|w| NOT_DELIVERY.contains(w));
    // "100 lanyards in 24 hours": "in" a counted time that ends its clause, too (not "3 cups in a
    // day", "power banks that charge in 2 hours").
    let digits = at(1).bytes().all(|b| b.is_ascii_digit()) && !at(1).is_empty();
    let said_of_a_thing = words[..i].iter().any(|w| matches!(*w, "that" | "which" | "who"));
    let ends_clause = digits && !said_of_a_thing && days(1, at(2)).is_some() && matches!(at(3), "" | "please" | "max" | "tops");
    if !((at(0) == "within" && !of_something) || (at(0) == "in" && (asked_before || i == 0 || ends_clause))) {
        return None;
    }
    let mut unit = 1 + if at(1) == "the" && at(2) == "next" { 2 } else { usize::from(at(1) == "next") };
    let mut n = 1;
    // "the next day or two" names no count before its unit.
    if days(1, at(unit)).is_none() {
        // "1-2 days": the later end.
        n = match at(unit).split_once('-') {
            Some((_, to)) => count(to)?,
            None => count(at(unit))?,
        };
        unit += 1;
    }
    // "2 or 3 days", "a day or two": the later.
    if at(unit) == "or" {
        n = n.max(count(at(unit + 1))?);
        unit += 2;
    } else if at(unit + 1) == "or" {
        n = count(at(unit + 2)).map_or(n, |m| n.max(m));
    }
    let business = matches!(at(unit), "business" | "working");
    let d = days(n, at(unit + usize::from(business)))?;
    // Five working days a week: "within 3 business days" may take two weekend days more.
    Some(if business { d.saturating_add(d.div_ceil(5).saturating_mul(2)) } else { d })
}

/// `n` of a unit of time, in whole days: hours round down (a 36-hour delivery is one day's),
/// weeks are seven days.
fn days(n: u32, unit: &str) -> Option<u32> {
    match unit {
        "day" | "days" => Some(n),
        "week" | "weeks" => n.checked_mul(7),
        "hour" | "hours" | "hr" | "hrs" | "h" => Some(n / 24),
        _ => None,
    }
}

/// A small count in digits or words ("3", "a", "two", "twelve").
fn count(word: &str) -> Option<u32> {
    match word {
        "a" | "an" => Some(1),
        w if !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) => w.parse().ok(),
        w => number_word(w).and_then(|n| u32::try_from(n).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::stated_deadline;

    #[test]
    fn deadlines_said_in_words() {
        for (prompt, days) in [
            ("50 pens and 10 sticky notes, needed tomorrow", Some(1)),
            ("24 energy drinks by tomorrow please", Some(1)),
            ("snacks for tomorrow's standup", Some(1)),
            ("need usb-c hubs within 2 days", Some(2)),
            ("badges delivered in 3 days", Some(3)),
            ("lanyards, within the next 5 days", Some(5)),
            ("chairs needed within 48 hours", Some(2)),
            ("chairs needed within 36 hours", Some(1)),
            ("within 12 hours: 24 energy drinks", Some(0)),
            ("t-shirts needed in two weeks", Some(14)),
            ("t-shirts, within a week", Some(7)),
            ("pizza for tonight", Some(0)),
            ("same day delivery of 24 red bull", Some(0)),
            ("10 hubs with 2-day shipping", Some(2)),
            ("10 hubs, 3 day delivery", Some(3)),
            ("10 hubs, 48 hour shipping", Some(2)),
            ("10 hubs, 24-hour delivery", Some(1)),
            ("overnight delivery: 12 hdmi cables", Some(1)),
            ("water needed today, snacks within 4 days", Some(0)),
            ("deliver within eight days", Some(8)),
            ("need them in a day or two", Some(2)),
            ("need them within the next day or two", Some(2)),
            ("ship in 1-2 days", Some(2)),
            ("no later than tomorrow: 30 badges", Some(1)),
            ("tomorrow is a holiday, so deliver the chairs in 5 days", Some(5)),
            ("deliver within 3 business days", Some(5)),
            // Without a word of needing: "within" always, a day ending its clause.
            ("50 lanyards within 2 days", Some(2)),
            // "overnight", "in 24 hours" ending the clause, "the day after tomorrow" (each left a
            // week's deliveries).
            ("100 lanyards overnight", Some(1)),
            ("need them overnighted: 100 lanyards", Some(1)),
            ("100 lanyards in 24 hours", Some(1)),
            ("100 lanyards in 3 days please", Some(3)),
            ("100 lanyards by the day after tomorrow", Some(2)),
            ("The day after tomorrow we need 30 chairs", Some(2)),
            ("snacks for the day after tomorrow's event", Some(2)),
            ("30 badges within 48 hours", Some(2)),
            ("50 lanyards tomorrow", Some(1)),
            ("snacks for the standup, tomorrow morning please", Some(1)),
            ("10 hdmi cables within 3 days of the kickoff", Some(3)),
        ] {
            assert_eq!(stated_deadline(prompt), days, "{prompt}");
        }
    }

    #[test]
    fn what_is_no_deadline_is_not_read_as_one() {
        for prompt in [
            "24 energy drinks",
            "not today, 24 energy drinks",
            "we don't need it today, 30 badges",
            "doesn't have to be today: 24 energy drinks",
            "no need for same-day delivery, 30 badges",
            "24 energy drinks, nothing needed tonight",
            "Hi! Today we're restocking: 50 pens",
            "ordering today for next month's conference: 50 badges",
            "today or tomorrow is fine: 30 badges",
            "avoid overnight shipping, 30 badges",
            "24 overnight oats cups",
            "power banks that charge in 2 hours",
            "3 cups in a day",
            "it can wait till tomorrow, 30 badges",
            "it can wait until tomorrow, 30 badges",
            "any day after tomorrow is fine: 30 badges",
            "2 day delivery not required, 30 badges",
            "projector rental for 3 days",
            "a 2-day workshop: snacks for 30",
            "in 3 colors: 30 t-shirts",
            "in 2024 we bought 30 chairs",
            "30 day-old bagels",
            "50 chairs in 10 rows",
            "in a box: 10 hdmi cables",
            "50 notebooks with 100 pages",
            "tomorrow we plan the offsite: 30 badges",
            "batteries that last within 2 days of use are no good",
            "a standing desk rental and 4 hoodies for next month's event. I'll send the address tomorrow.",
            "a standing desk rental. Our current one breaks down within 2 days of use.",
            "10 webcams; we'll decide on mics tomorrow",
            "10 webcams, the kickoff was moved from tomorrow",
            "5 tablets with a return window within 30 days",
            "power banks that charge in 3 hours",
            "we go through 3 cups in a day",
            "a speaker that charges in 48 hours",
            "20 cots for the overnight retreat",
            "we need overnight bags",
        ] {
            assert_eq!(stated_deadline(prompt), None, "{prompt}");
        }
    }
}
