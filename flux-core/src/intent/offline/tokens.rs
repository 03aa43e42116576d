//! Prompt text to tokens: words, numbers (digits, number words, "two dozen", "1,200"), and clause
//! breaks. Numbers that describe a product rather than count it — resolutions ("4K", "1080p"),
//! "10-in-1", and measures ("12 oz", "6ft", "100W") — become words, so they are read as
//! attributes and never as quantities.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Num(u64),
    Break,
}

fn number_word(w: &str) -> Option<u64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u64);
    }
    match w {
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "dozen" => Some(12),
        _ => None,
    }
}

/// Units that make a number a measure of the product ("12 oz", "6 ft", "100 W").
const UNITS: &[&str] = &[
    "oz", "floz", "ft", "feet", "foot", "inch", "inches", "ml", "l", "liter", "liters", "litre", "w", "watt", "watts", "gb", "tb", "mm",
    "cm", "mah", "hz", "lumens", "port", "ports", "outlet", "outlets", "gal", "gallon", "gallons", "lb", "lbs", "g", "kg", "v", "mp",
];

/// Display resolutions written as a number and a letter.
fn resolution(n: u64, suffix: char) -> bool {
    matches!((n, suffix), (4 | 5 | 8, 'k') | (480 | 720 | 1080 | 1440 | 2160, 'p'))
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let ends_word = |j: usize| !chars.get(j).is_some_and(|c| c.is_alphanumeric());
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut n: u64 = 0;
            while i < chars.len() {
                let d = chars[i];
                if let Some(v) = d.to_digit(10) {
                    n = n.saturating_mul(10).saturating_add(u64::from(v));
                    i += 1;
                } else if d == ','
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && chars.get(i + 3).is_some_and(char::is_ascii_digit)
                {
                    i += 1; // thousands separator: 1,000
                } else {
                    break;
                }
            }
            let rest: String = chars[i..chars.len().min(i + 5)].iter().collect();
            if chars.get(i).is_some_and(|s| resolution(n, *s)) && ends_word(i + 1) {
                // "4k", "1080p": a spec, not a quantity.
                toks.push(Tok::Word(format!("{n}{}", chars[i])));
                i += 1;
            } else if rest.starts_with("-in-") && chars.get(i + 4).is_some_and(char::is_ascii_digit) {
                // "10-in-1"
                let mut j = i + 4;
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                toks.push(Tok::Word(chars[start..j].iter().collect()));
                i = j;
            } else if chars.get(i) == Some(&'x') && ends_word(i + 1) {
                // "24x"
                i += 1;
                toks.push(Tok::Num(n));
            } else if chars.get(i) == Some(&'k') && ends_word(i + 1) {
                // "10k stickers"
                i += 1;
                toks.push(Tok::Num(n.saturating_mul(1000)));
            } else {
                toks.push(Tok::Num(n));
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || ((chars[i] == '-' || chars[i] == '\'') && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match (number_word(&word), toks.last_mut()) {
                // "two dozen" -> 24, "three hundred" -> 300 (only spelled multipliers fold).
                (Some(m @ (12 | 100 | 1000)), Some(Tok::Num(prev))) if *prev > 0 && *prev < 1000 => *prev = prev.saturating_mul(m),
                // "a dozen" -> 12
                (Some(12), Some(last)) if *last == Tok::Word("a".into()) => *last = Tok::Num(12),
                (Some(n), _) => toks.push(Tok::Num(n)),
                (None, _) => toks.push(Tok::Word(word)),
            }
        } else {
            if c == '"' && matches!(toks.last(), Some(Tok::Num(_))) {
                toks.push(Tok::Word("inch".into())); // 27" monitor
            } else if matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '\n' | '/' | '&' | '+') {
                toks.push(Tok::Break);
            }
            i += 1;
        }
    }
    // A number with a unit is a measure word ("12 oz" -> "12oz").
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        match (out.last_mut(), &t) {
            (Some(Tok::Num(prev)), Tok::Word(unit)) if UNITS.contains(&unit.as_str()) => {
                let measure = format!("{prev}{unit}");
                out.pop();
                out.push(Tok::Word(measure));
            }
            (Some(Tok::Word(w)), Tok::Word(unit))
                if UNITS.contains(&unit.as_str()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'.') =>
            {
                let measure = format!("{w}{unit}");
                out.pop();
                out.push(Tok::Word(measure));
            }
            _ => out.push(t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| match t {
                Tok::Word(w) => w,
                Tok::Num(n) => format!("#{n}"),
                Tok::Break => "|".into(),
            })
            .collect()
    }

    #[test]
    fn specs_are_words_and_counts_are_numbers() {
        assert_eq!(words("a 4K projector"), ["a", "4k", "projector"]);
        assert_eq!(words("two 1080p webcams"), ["#2", "1080p", "webcams"]);
        assert_eq!(words("3 10-in-1 usb-c hubs"), ["#3", "10-in-1", "usb-c", "hubs"]);
        assert_eq!(words("24 12 oz cans"), ["#24", "12oz", "cans"]);
        assert_eq!(words("2 6ft cables"), ["#2", "6ft", "cables"]);
        assert_eq!(words("10k stickers, 24x drinks"), ["#10000", "stickers", "|", "#24", "drinks"]);
        assert_eq!(words("two dozen; 1,200 pens"), ["#24", "|", "#1200", "pens"]);
        assert_eq!(words("a 27\" monitor"), ["a", "27inch", "monitor"]);
    }
}
