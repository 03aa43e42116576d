//! A budget the prompt states in words: "budget is $40", "a $300 budget", "keep it under $40",
//! "don't spend more than 20 dollars", "total under $500". [`Intent::new`](super::Intent::new)
//! narrows the caller's budget to it when it is lower: the caller's budget is the most that may
//! be spent, and the user said less. A stated budget above the caller's changes nothing: a
//! prompt never raises what may be spent.
//!
//! Only phrases that speak of the whole request count, and the rules read less rather than more:
//! a sum after an item is that item's price cap ("a monitor under $200", read by the parser), a
//! sum for a part is not the whole ("$40 for snacks", "$10 per person budget"), and a face value
//! is no budget ("a $100 gift card").

use crate::money::Amount;

/// Words between "budget" and its sum: "budget is $40", "budget of about $40", "budget's $40".
const BUDGET_FILLER: &[&str] = &[
    "is",
    "of",
    "at",
    "around",
    "about",
    "roughly",
    "approximately",
    "approx",
    "max",
    "maximum",
    "only",
    "just",
    "will",
    "be",
    "would",
    "total",
    "overall",
    "=",
    "~",
    "-",
    "under",
    "below",
    "up",
    "to",
];

/// Words before a sum that make it the most that may be spent or cost: "spend no more than $40",
/// "keep it under $40", "a webcam, nothing over $60" (item caps read them too, `offline::after`).
pub(super) const CAPPING: &[&[&str]] = &[
    &["under"],
    &["below"],
    &["within"],
    &["max"],
    &["maximum"],
    &["less", "than"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["nothing", "more", "than"],
    &["at", "most"],
    &["up", "to"],
    &["cheaper", "than"],
    &["not", "over"],
    &["not", "above"],
    &["nothing", "over"],
    &["nothing", "above"],
    &["at", "or", "under"],
    &["at", "or", "below"],
];

/// Words after a sum that make it the budget of a part, not of the whole: "$40 for snacks",
/// "$10 per person", "$20 each", "$40 on drinks", "$5 a head".
const FOR_A_PART: &[&str] = &["for", "per", "each", "on", "a", "an", "apiece", "pp", "pax"];

/// Whether the words at `k` make the sum before them the budget of a part ([`FOR_A_PART`]); "on
/// this", "for everything", "for all of it" are the whole.
fn for_a_part(words: &[&str], k: usize) -> bool {
    let whole = matches!(words.get(k + 1).copied(), Some("this" | "it")) || the_whole(words, k + 1);
    words.get(k).is_some_and(|w| FOR_A_PART.contains(w)) && !(matches!(words[k], "on" | "for") && whole)
}

/// Whether the words at `k` name all of the request: "everything", "all", "the whole thing",
/// "the lot", "the order", "the event".
fn the_whole(words: &[&str], k: usize) -> bool {
    matches!(words.get(k).copied(), Some("everything" | "all"))
        || (words.get(k) == Some(&"the") && matches!(words.get(k + 1).copied(), Some("whole" | "lot" | "order" | "event")))
}

/// The budget, if any, that `prompt` states for the whole request: the least when it states
/// several.
pub(crate) fn stated_budget(prompt: &str) -> Option<Amount> {
    let text = prompt.to_lowercase().replace('\u{2019}', "'");
    let clauses: Vec<String> = clauses(&text).collect();
    let words_of = |clause: &str| -> Vec<String> {
        clause.split_whitespace().map(|w| w.trim_matches(|c: char| "\"'*~".contains(c)).to_owned()).collect()
    };
    let mut least: Option<Amount> = None;
    let mut after_budget = false;
    // The last clause, when it closes one sentence of several things ("10 hdmi cables and 5
    // adapters, under $150 total"): a cap of all of it there is the whole's.
    let closing = clauses.iter().rposition(|c| !c.trim().is_empty()).filter(|_| closes_a_list(&text));
    for (n, clause) in clauses.iter().enumerate() {
        let owned = words_of(clause);
        let words: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut found = (0..words.len()).filter_map(|i| budget_at(&words, i, n == 0 || closing == Some(n))).min();
        // "budget is tight, like $150": the sum opening the clause after one that speaks of the
        // budget but names none.
        if found.is_none() && after_budget {
            let lead =
                usize::from(words.first().is_some_and(|w| matches!(*w, "like" | "around" | "about" | "roughly" | "maybe" | "approx")));
            found = sum_at(&words, lead).filter(|(_, used)| lead + used == words.len()).map(|(a, _)| a).filter(|a| *a != Amount::ZERO);
        }
        // Of the whole ("budget is tight"), not a part's ("the snack budget is small").
        let whole =
            words.iter().enumerate().any(|(b, w)| matches!(*w, "budget" | "budget's") && (b == 0 || WHOLE_BUDGET.contains(&words[b - 1])));
        after_budget = whole && found.is_none() && !words.iter().any(|w| matches!(*w, "per" | "no" | "not"));
        least = match (least, found) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    least
}

/// The prompt's clauses: split at `;` `!` `?` `(` `)` new lines, and at `,` `.` `:` unless
/// between digits ("$1,000", "$49.99").
fn clauses(text: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let in_number = matches!(c, ',' | '.') && in_number(&chars, i);
        match c {
            ';' | '!' | '?' | '(' | ')' | '\n' => out.push(std::mem::take(&mut current)),
            // "$15, per person": what follows says whose budget it is.
            ',' if for_a_part_follows(&chars[i + 1..]) => current.push(' '),
            ',' | '.' if !in_number => out.push(std::mem::take(&mut current)),
            ':' => current.push(' '),
            ',' => {}
            _ => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
}

/// Whether the part of `text` after its last comma follows one sentence that names several
/// things: joined by "and", "&" or "plus", or a list with commas ("hoodies, stickers, under $400
/// in total"). Not after a sentence end ("20 hoodies. 10 hdmi cables, under $150 total": the
/// cables' cap).
fn closes_a_list(text: &str) -> bool {
    let chars: Vec<char> = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!')).chars().collect();
    let Some(last) = (0..chars.len()).rev().find(|&i| chars[i] == ',' && !in_number(&chars, i)) else { return false };
    let before = &chars[..last];
    if (0..last).any(|i| matches!(before[i], '!' | '?' | ';' | '\n' | '(' | ')') || (before[i] == '.' && !in_number(&chars, i))) {
        return false;
    }
    let text: String = before.iter().collect();
    (0..last).any(|i| before[i] == ',' && !in_number(&chars, i)) || text.split_whitespace().any(|w| matches!(w, "and" | "&" | "plus"))
}

/// Whether the character at `i` stands between digits: the separator of "$1,000" or "$9.99".
fn in_number(chars: &[char], i: usize) -> bool {
    i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit) && chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// Whether the text after a comma opens on words that make the sum before it a part's: "per
/// person", "each", "pp", "a head".
fn for_a_part_follows(rest: &[char]) -> bool {
    // The words up to the next break: "per person" alone, not "each attendee gets a hoodie".
    let text: String = rest.iter().take_while(|c| !matches!(c, ',' | '.' | ';' | '!' | '?' | '\n' | '(' | ')' | ':')).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    matches!(words.as_slice(), ["per", _] | ["each"] | ["pp"] | ["apiece"] | ["a", "head" | "person"])
}

/// A sum at word `i`: "$40", "$49.99", "$1000", "$2k", "40 dollars", "40 dollar", "40 usd" —
/// the amount and the words it took.
fn sum_at(words: &[&str], i: usize) -> Option<(Amount, usize)> {
    let w = *words.get(i)?;
    if let Some(digits) = w.strip_prefix('$') {
        let (digits, thousands) = match digits.strip_suffix('k') {
            Some(d) => (d, true),
            None => (digits, false),
        };
        let amount = Amount::parse(digits).ok()?;
        let amount = if thousands { amount.checked_mul(1000).ok()? } else { amount };
        return Some((amount, 1));
    }
    let unit = words.get(i + 1).copied()?;
    let dollars = matches!(unit, "dollars" | "dollar" | "usd" | "usdc" | "bucks");
    (dollars && w.bytes().all(|b| b.is_ascii_digit() || b == b'.')).then(|| Amount::parse(w).ok().map(|a| (a, 2))).flatten()
}

/// The words of a [`CAPPING`] phrase at word `i`, if one is there.
fn capping_at(words: &[&str], i: usize) -> Option<usize> {
    CAPPING.iter().find(|c| words.get(i..i + c.len()) == Some(c)).map(|c| c.len())
}

/// The whole request's budget stated by a phrase whose sum is at word `i` of a clause (`whole`:
/// the prompt's first, or its last after one sentence of several things).
fn budget_at(words: &[&str], i: usize, whole: bool) -> Option<Amount> {
    let (amount, used) = sum_at(words, i)?;
    if amount == Amount::ZERO {
        return None;
    }
    let after = |k: usize| words.get(i + used + k).copied().unwrap_or("");
    // "$40 budget", "40 dollar total budget", "$40 to spend".
    let budget_after = after(0) == "budget" || (matches!(after(0), "total" | "overall") && after(1) == "budget");
    let budget_word = i + used + if after(0) == "budget" { 1 } else { 2 };
    if budget_after || (after(0) == "to" && after(1) == "spend") {
        let next = if budget_after { budget_word } else { i + used + 2 };
        return (!for_a_part(words, next)).then_some(amount);
    }
    // "$500 for the whole thing", "$300 for everything".
    if after(0) == "for" && the_whole(words, i + used + 1) {
        return Some(amount);
    }
    if for_a_part(words, i + used) {
        return None;
    }
    let before = &words[..i];
    // "budget is $40", "budget: $40", "total budget of about $40".
    let budget_before = before.iter().rposition(|w| matches!(*w, "budget" | "budget's"));
    if let Some(b) = budget_before {
        // "Prize budget: $300", "the snack budget is $50": a part's budget, not the whole.
        let of_the_whole = b == 0 || WHOLE_BUDGET.contains(&before[b - 1]);
        if of_the_whole
            && before[b + 1..].iter().all(|w| BUDGET_FILLER.contains(w))
            && !before[..b].iter().any(|w| matches!(*w, "no" | "not"))
        {
            return Some(amount);
        }
    }
    // "don't spend more than $40", "do not spend over $40".
    let spend_over = |n: usize| i > n && matches!(before[i - n - 1], "spend" | "spending");
    let over = (before.ends_with(&["more", "than"]) && spend_over(2)) || (before.ends_with(&["over"]) && spend_over(1));
    if over {
        let negated = before.iter().rev().skip(if before.ends_with(&["over"]) { 2 } else { 3 }).take(2);
        return negated.clone().any(|w| matches!(*w, "don't" | "dont" | "not" | "never")).then_some(amount);
    }
    // "can't exceed $30", "must not go over $30", "I don't want to go over $30".
    let exceed = if before.ends_with(&["exceed"]) {
        1
    } else if before.ends_with(&["go", "over"]) {
        2
    } else {
        0
    };
    if exceed > 0 {
        let negators = ["can't", "cannot", "not", "don't", "dont", "shouldn't", "mustn't", "won't", "never"];
        // Of the whole ("total must not exceed", "we can't go over"), not an item's ("a monitor
        // can't exceed $250").
        let whole = before
            .iter()
            .any(|w| matches!(*w, "it" | "total" | "we" | "i" | "budget" | "order" | "spending" | "bill" | "everything" | "all"));
        return (whole && before.iter().rev().skip(exceed).take(4).any(|w| negators.contains(w))).then_some(amount);
    }
    // "Max spend $150", "max budget $150"
    if before.ends_with(&["max", "spend"]) || before.ends_with(&["maximum", "spend"]) || before.ends_with(&["spend", "limit"]) {
        return Some(amount);
    }
    // "Under $600 total please:", "under $600 in total": a cap, then "total", opening the prompt
    // or a clause after several things ("10 hdmi cables and 5 adapters, under $150 total"); after
    // one item it is that item's ("10 hdmi cables, under $150 total").
    let capped_total = after(0) == "total" || (after(0) == "in" && after(1) == "total");
    if whole && capped_total && capping_at(words, 0).is_some_and(|n| n == i) {
        return Some(amount);
    }
    // "I can only spend $60", "we can spend a max of $60".
    let spend = before.iter().rposition(|w| *w == "spend").filter(|&sp| {
        let between = &before[sp + 1..];
        between.iter().all(|w| matches!(*w, "only" | "a" | "max" | "maximum" | "of" | "up" | "to" | "at" | "most"))
            && sp > 0
            && matches!(before[sp - 1], "can" | "could" | "only" | "to" | "will" | "may" | "i'll" | "we'll")
    });
    if spend.is_some() && !(before.ends_with(&["more", "than"]) || before.ends_with(&["over"])) {
        return Some(amount);
    }
    // "spend no more than $40", "keep it under $40", "stay within $40", "total under $500": a
    // lead word, what is kept, then a capping phrase right before the sum.
    let capped = (0..i).find(|&c| capping_at(words, c).is_some_and(|n| c + n == i))?;
    let lead = before[..capped].iter().rposition(|w| matches!(*w, "spend" | "spending" | "keep" | "stay" | "total" | "cost" | "costs"))?;
    let kept = &before[lead + 1..capped];
    let fits = match before[lead] {
        "spend" | "spending" => kept.iter().all(|w| matches!(*w, "only" | "a" | "in" | "total")),
        "keep" => kept.len() <= 3 && kept.iter().all(|w| KEPT.contains(w)),
        // "a drone that costs less than $100" is the drone's price; "total cost under $500" the whole.
        "cost" | "costs" => lead > 0 && matches!(before[lead - 1], "total" | "overall") && kept.is_empty(),
        _ => kept.iter().all(|w| matches!(*w, "should" | "must" | "be" | "is" | "to" | "stay" | "needs")),
    };
    fits.then_some(amount)
}

/// What "keep ... under $40" keeps: "keep it", "keep the total", "keep everything", "keep costs".
const KEPT: &[&str] =
    &["it", "the", "total", "everything", "all", "this", "costs", "cost", "spending", "order", "bill", "whole", "thing", "to"];

/// Words before "budget" that make it the whole request's: "our budget", "total budget", "Budget:"
/// (not "prize budget", "the snack budget": a part's).
const WHOLE_BUDGET: &[&str] = &[
    "our", "my", "the", "a", "total", "overall", "max", "maximum", "whole", "entire", "full", "event", "team", "order", "and", "with",
    "have", "has", "tight", "small", "limited", "is",
];

#[cfg(test)]
mod tests {
    use super::stated_budget;
    use crate::money::Amount;

    #[test]
    fn a_budget_said_for_the_whole_request_is_read() {
        for (prompt, said) in [
            ("snacks and drinks for 10 people. Budget is $40.", "40"),
            ("Total budget: $20. Snacks for the team", "20"),
            ("$300 budget: hoodies and stickers", "300"),
            ("we have a 250 dollar budget, snacks and drinks for the offsite", "250"),
            ("Keep it under $40: snacks and drinks for 10 people", "40"),
            ("snacks and drinks, keep the total below $49.99", "49.99"),
            ("snacks and drinks for 10 people, spend no more than 40 dollars", "40"),
            ("don't spend more than $20, snacks please", "20"),
            ("do not spend over $1,000 on this: 10 monitors", "1000"),
            ("10 monitors, total under $2k", "2000"),
            ("snacks, budget $100; actually keep it under $80", "80"),
            ("we only have $60 to spend: snacks", "60"),
            ("I can only spend $60: snacks and drinks please", "60"),
            ("we can spend a max of $60, snacks and drinks", "60"),
            ("snacks and drinks; total must not exceed $60", "60"),
            ("snacks, I don't want to go over $30", "30"),
            ("The total should be under $60. Snacks and drinks", "60"),
            ("snacks and drinks, keep it to under $60", "60"),
            ("Budget ~$30: snacks", "30"),
            ("snacks, our budget is $45", "45"),
            ("$500 for the whole thing: hoodies and stickers", "500"),
            ("Max spend $150 - snacks and drinks", "150"),
            ("Under $600 total please: hoodies and stickers", "600"),
            ("snacks for 20, budget is tight, like $150", "150"),
            ("Budget $300, each attendee gets a hoodie", "300"),
            // "under $150 total" after several things is all of theirs (it capped the last one).
            ("we need 10 hdmi cables and 5 usb-c to hdmi adapters, under $150 total", "150"),
            ("hoodies, stickers, under $400 in total", "400"),
            ("snacks and drinks for 20, under $100 total.", "100"),
        ] {
            assert_eq!(stated_budget(prompt), Some(Amount::parse(said).unwrap()), "{prompt}");
        }
    }

    #[test]
    fn sums_that_are_not_the_whole_budget_are_not_read() {
        for prompt in [
            "a 4k monitor under $200",
            "webcam, max $50",
            "10 $100 gift cards",
            "gift cards worth $50 each",
            "budget $40 for snacks and $60 for drinks",
            // "for" may name a part: read less rather than more.
            "a $300 budget for the snacks",
            "$10 per person budget, snacks for 20",
            "budget of $15 per head",
            "spend more than $40 if you must",
            "no budget limit, $40 is what we spent last time",
            "snacks under $5 each",
            "50 t-shirts for under $200",
            "we spent $300 last time",
            "keep the receipts, 10 cables under $15",
            "budget is $0",
            // A part's budget, a price of one item, a budget per person.
            "3 headphones and 50 hoodies. Prize budget: $300.",
            "snacks and drinks for 20, and 10 monitors. The snack budget is $50.",
            "Our sticker budget is $100, and 20 hoodies",
            "4 noise-cancelling headphones that cost under $400",
            "20 gift cards, each costs under $60",
            "a drone that costs less than $100, plus 10 hoodies",
            "10 usb-c hubs, keep the price under $30",
            "budget is $15 pp, snacks and drinks for 20",
            "budget is $15, per person. snacks and drinks for 20 people",
            "we can spend more than $40",
            "10 hdmi cables, under $150 total, and 20 hoodies",
            // Not when something is named after it, or before it in another sentence.
            "10 hdmi cables, 6 ft, under $150 total, and 20 hoodies",
            "10 black and white hdmi cables, under $150 total. We also need 20 hoodies",
            "snacks for the morning and afternoon, under $50 total, plus 20 hoodies",
            "20 hoodies. 10 hdmi cables and 5 adapters, under $150 total",
            "Snacks and drinks for 20, and 10 monitors. The snack budget is small, like $50.",
            "10 monitors. A monitor can't exceed $250.",
        ] {
            assert_eq!(stated_budget(prompt), None, "{prompt}");
        }
    }
}
