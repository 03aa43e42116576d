//! A delivery deadline the prompt states in words: "needed tomorrow", "within 3 days", "2-day
//! shipping". [`Intent::new`](super::Intent::new) holds the intent to the earliest one, so a
//! prompt that says "tomorrow" is never planned with a week's deliveries because the caller left
//! `deadline_days` at its default. Only deadlines relative to now are read: "by friday" needs a
//! calendar, and a phrase read wrong would cut offers the user wanted.

/// The earliest deadline, in days from now, that `prompt` states, if any.
pub(crate) fn stated_deadline(prompt: &str) -> Option<u32> {
    let lower = prompt.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    (0..words.len()).filter_map(|i| deadline_at(&words, i)).min()
}

/// The deadline a phrase starting at word `i` states.
fn deadline_at(words: &[&str], i: usize) -> Option<u32> {
    let at = |k: usize| words.get(i + k).copied().unwrap_or("");
    // "not today", "after tomorrow", "no later than ..." is some other day; "until tomorrow" is no
    // deadline either ("it can wait until tomorrow").
    if i.checked_sub(1).and_then(|j| words.get(j)).is_some_and(|w| matches!(*w, "not" | "after" | "until" | "than" | "past")) {
        return None;
    }
    match (at(0), at(1)) {
        ("today" | "tonight", _) | ("same-day", _) | ("same", "day") => return Some(0),
        ("tomorrow" | "overnight" | "next-day", _) | ("next", "day") => return Some(1),
        _ => {}
    }
    // "3-day shipping", "2 day delivery"
    let delivery = |w: &str| matches!(w, "shipping" | "delivery");
    if let Some(n) = at(0).strip_suffix("-day").and_then(count) {
        return delivery(at(1)).then_some(n);
    }
    if let (Some(n), "day" | "days", true) = (count(at(0)), at(1), delivery(at(2))) {
        return Some(n);
    }
    // "within 3 days", "in 48 hours", "within the next 2 weeks", "in a week"
    if !matches!(at(0), "within" | "in") {
        return None;
    }
    let skip = if at(1) == "the" && at(2) == "next" { 2 } else { usize::from(at(1) == "next") };
    let n = count(at(skip + 1))?;
    match at(skip + 2) {
        "day" | "days" => Some(n),
        "week" | "weeks" => n.checked_mul(7),
        "hour" | "hours" | "hrs" | "hr" => Some(n.div_ceil(24)),
        _ => None,
    }
}

/// A small count in digits or words ("3", "a", "two").
fn count(word: &str) -> Option<u32> {
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "ten" => 10,
        "fourteen" => 14,
        w if !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) => w.parse().ok()?,
        _ => return None,
    };
    Some(n)
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
            ("usb-c hubs within 2 days", Some(2)),
            ("badges, in 3 days", Some(3)),
            ("lanyards within the next 5 days", Some(5)),
            ("chairs within 48 hours", Some(2)),
            ("chairs within 36 hours", Some(2)),
            ("t-shirts in two weeks", Some(14)),
            ("t-shirts within a week", Some(7)),
            ("pizza for tonight", Some(0)),
            ("same day delivery of 24 red bull", Some(0)),
            ("10 hubs with 2-day shipping", Some(2)),
            ("10 hubs, 3 day delivery", Some(3)),
            ("water today, snacks within 4 days", Some(0)),
            ("overnight: 12 hdmi cables", Some(1)),
        ] {
            assert_eq!(stated_deadline(prompt), days, "{prompt}");
        }
    }

    #[test]
    fn what_is_no_deadline_is_not_read_as_one() {
        for prompt in [
            "24 energy drinks",
            "not today, 24 energy drinks",
            "any day after tomorrow is fine: 30 badges",
            "it can wait until tomorrow, 30 badges",
            "projector rental for 3 days",
            "a 2-day workshop: snacks for 30",
            "in 3 colors: 30 t-shirts",
            "in 2024 we bought 30 chairs",
            "30 day-old bagels",
            "50 chairs in 10 rows",
            "in a box: 10 hdmi cables",
        ] {
            assert_eq!(stated_deadline(prompt), None, "{prompt}");
        }
    }
}
