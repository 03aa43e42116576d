//! Prompt text to tokens: words, numbers (digits, number words, "two dozen", "twenty-four",
//! "1,200"), clause breaks and sentence ends. Numbers that describe a product rather than count
//! it — resolutions ("4K", "1080p"), "10-in-1", "10-channel", decimals ("2.5"), money ("$100"),
//! measures ("12 oz", "6ft", "100W") and versions ("Wi-Fi 6", "USB 3.0", "Cat 6") — become
//! words, so they are read as attributes and never as quantities.

use super::words::{is_function_word, is_garment, is_garment_size, SPEC_WORDS};
use crate::intent::phrases::{key, PhraseTable};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Num(u64),
    /// A clause break: `,` `(` `)` `/` `&` `+`.
    Break,
    /// A colon: a clause break that may end a heading ("Drinks: 24 energy drinks").
    Colon,
    /// A sentence end: `.` `!` `?` `;` or a new line.
    Stop,
}

impl Tok {
    /// A clause break or a sentence end.
    pub(super) fn is_break(&self) -> bool {
        matches!(self, Tok::Break | Tok::Colon | Tok::Stop)
    }

    /// A clause break (a comma, a colon, ...), not a sentence end.
    pub(super) fn is_clause_break(&self) -> bool {
        matches!(self, Tok::Break | Tok::Colon)
    }
}

/// Sentence and clause index of every token.
pub(super) fn sentences(toks: &[Tok]) -> (Vec<usize>, Vec<usize>) {
    let (mut sentence, mut clause) = (Vec::with_capacity(toks.len()), Vec::with_capacity(toks.len()));
    let (mut s, mut c) = (0usize, 0usize);
    for t in toks {
        sentence.push(s);
        clause.push(c);
        match t {
            Tok::Stop => {
                s += 1;
                c += 1;
            }
            Tok::Break | Tok::Colon => c += 1,
            _ => {}
        }
    }
    (sentence, clause)
}

/// A count written as a word: "one" to "twenty", the tens ("thirty", "twenty-four"), "hundred",
/// "thousand", "dozen".
pub(crate) fn number_word(w: &str) -> Option<u64> {
    // Not "zero": "zero sugar" describes, and nobody orders zero of a thing.
    const WORDS: [&str; 20] = [
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
        return Some(i as u64 + 1);
    }
    // "twenty-four"
    if let Some((tens, ones)) = w.split_once('-') {
        let (t, o) = (number_word(tens)?, number_word(ones)?);
        return (t >= 20 && t % 10 == 0 && t < 100 && (1..10).contains(&o)).then_some(t + o);
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

/// Words between "nobody" and its verb that change nothing of what it refuses ("no one can drink
/// soda").
const NOBODY_MODALS: &[&str] = &["can", "will", "would", "should", "could", "really", "here", "ever", "actually"];

/// Units that make a number a measure of the product ("12 oz", "6 ft", "100 W").
const UNITS: &[&str] = &[
    "oz", "floz", "ft", "feet", "foot", "inch", "inches", "ml", "l", "liter", "liters", "litre", "w", "watt", "watts", "gb", "tb", "mm",
    "cm", "mah", "hz", "lumens", "port", "ports", "outlet", "outlets", "gal", "gallon", "gallons", "lb", "lbs", "g", "kg", "v", "mp",
];

/// Whether a garment is named within the next few words of the clause ("20 L black t-shirts"):
/// a letter before it is its size, not a measure ("2 L bottles of water").
fn garment_follows(rest: &[Tok]) -> bool {
    rest.iter().take(3).take_while(|t| !t.is_break()).any(|t| matches!(t, Tok::Word(w) if is_garment(w)))
}

/// A letter that ends its clause after a garment's sizes and counts is a size too: "t-shirts: 10
/// M, 4 L" (but "t-shirts and lemonade, 4 L" is four litres).
fn garment_sized(before: &[Tok], after: &[Tok]) -> bool {
    let sized = |w: &str| is_garment_size(w) || w == "and";
    let nearest = before.iter().rev().take_while(|t| !matches!(t, Tok::Stop)).find(|t| matches!(t, Tok::Word(w) if !sized(w)));
    after.first().is_none_or(Tok::is_break) && matches!(nearest, Some(Tok::Word(w)) if is_garment(w))
}

/// Display resolutions written as a number and a letter.
fn resolution(n: u64, suffix: char) -> bool {
    matches!((n, suffix), (4 | 5 | 8, 'k') | (480 | 720 | 1080 | 1440 | 2160, 'p'))
}

/// A mail client's signature ("Sent from my iPhone", "Sent from Outlook"): a short sentence of its
/// own that asks for nothing. "sent from my manager: 24 energy drinks" is no signature.
fn drop_signatures(toks: &mut Vec<Tok>) {
    let word = |t: Option<&Tok>, w: &str| matches!(t, Some(Tok::Word(x)) if x == w);
    let mut i = 0;
    while i < toks.len() {
        let phrase =
            word(toks.get(i), "sent") && word(toks.get(i + 1), "from") && (word(toks.get(i + 2), "my") || word(toks.get(i + 2), "outlook"));
        if !phrase {
            i += 1;
            continue;
        }
        let end = toks[i..].iter().position(|t| *t == Tok::Stop).map_or(toks.len(), |n| i + n);
        // Its own sentence, or the last words of the message ("24 energy drinks sent from my
        // iPhone"); at most a device's name after it ("my Samsung Galaxy"), nothing but words.
        let alone = i == 0 || matches!(toks[i - 1], Tok::Stop) || end == toks.len();
        let short = end - i <= 6 && toks[i..end].iter().all(|t| matches!(t, Tok::Word(_)));
        if alone && short {
            toks.drain(i..end);
        } else {
            i += 1;
        }
    }
}

/// Words that close a message before the sender's name: "Thanks, Chip", "Cheers,\nSam".
pub(super) const SIGN_OFFS: &[&str] = &["thanks", "thank", "thx", "cheers", "best", "regards", "sincerely", "warmly", "cordially"];

/// Words after a sign-off that ask for more rather than sign: "thanks! Also some chips".
const NOT_A_NAME: &[&str] = &["also", "and", "plus", "too", "some", "more", "please", "oh", "ps", "p"];

/// The sender's name after a closing word at the end of a message ("..., thanks. Chip" is no bag
/// of chips): up to three words after the sign-off and a break, and nothing after them.
fn drop_sender(toks: &mut Vec<Tok>) {
    let mut end = toks.len();
    while end > 0 && toks[end - 1] == Tok::Stop {
        end -= 1;
    }
    for n in 1..=3 {
        let Some(at) = end.checked_sub(n + 1) else { return };
        // Names only: "thanks! Also some chips" asks for more.
        let named = toks[at + 1..end].iter().all(|t| matches!(t, Tok::Word(w) if !NOT_A_NAME.contains(&w.as_str())));
        if !named {
            return;
        }
        let signed = at > 0 && matches!(&toks[at - 1], Tok::Word(w) if SIGN_OFFS.contains(&w.as_str()));
        if toks[at].is_break() && signed {
            toks.truncate(at);
            return;
        }
    }
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = words_of(text);
    super::labels::take(&mut toks);
    drop_signatures(&mut toks);
    drop_sender(&mut toks);
    super::shared::share_items(toks)
}

/// The units of `n/over` of a dozen when "dozen" follows the fraction ending at `j`, with where
/// the words read end (past "dozen"); `None` (and `j`) when it is no share of a dozen: a fraction
/// of something else is a measure ("1/2 inch"), and one that is no whole count ("1/5 dozen") counts
/// nothing.
fn share_of_dozen(chars: &[char], j: usize, n: u64, over: u64) -> (Option<u64>, usize) {
    let space = chars[j..].iter().take_while(|c| c.is_whitespace()).count();
    let dozen: Vec<char> = "dozen".chars().collect();
    if !chars[j + space..].starts_with(&dozen) {
        return (None, j);
    }
    let end = j + space + dozen.len();
    let units = n.saturating_mul(12);
    (Some(units / over).filter(|_| over > 0 && units.is_multiple_of(over)), end)
}

fn words_of(text: &str) -> Vec<Tok> {
    // "don’t" is "don't"; "a dozen and a half" is "1 1/2 dozen" (18), "2 dozen and a half" "2 1/2
    // dozen" (30): the fraction reads them; "a half dozen" is 6. ("x 12 and a half dozen muffins"
    // is two counts: no "and a half dozen" rule.)
    // A space before the text gives each phrase a word boundary ("soda half dozen" is no "sod6").
    let lower = format!(" {}", text.to_lowercase().replace('\u{2019}', "'"))
        .replace(" a dozen and a half", " 1 1/2 dozen")
        .replace(" dozen and a half", " 1/2 dozen")
        .replace(" a half dozen", " 6")
        .replace(" half dozen", " 6");
    // Full-width forms and accents read as plain text, as the catalog's terms are matched.
    let chars: Vec<char> = lower.chars().map(crate::terms::plain).collect();
    let ends_word = |j: usize| !chars.get(j).is_some_and(|c| c.is_alphanumeric());
    let mut toks = Vec::new();
    // Where the last number spelled in words is ("two hundred" may go on, "40 six packs" not).
    let mut spelled: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '$' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            // "$100": money, never a quantity.
            let start = i;
            i += 1;
            while chars
                .get(i)
                .is_some_and(|d| d.is_ascii_digit() || ((*d == ',' || *d == '.') && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            toks.push(Tok::Word(chars[start..i].iter().filter(|c| **c != ',').collect()));
        } else if c.is_ascii_digit() {
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
            // "1/2 dozen" is six, "1 1/2 dozen" eighteen; "1/2 inch" a measure, never a count.
            if chars.get(i) == Some(&'/') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                let mut j = i + 1;
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                let over: u64 = chars[i + 1..j].iter().collect::<String>().parse().unwrap_or(0);
                let (share, end) = share_of_dozen(&chars, j, n, over);
                match share {
                    Some(share) => match toks.last_mut() {
                        Some(Tok::Num(whole)) => *whole = whole.saturating_mul(12).saturating_add(share),
                        _ => toks.push(Tok::Num(share)),
                    },
                    None => toks.push(Tok::Word(chars[start..end].iter().collect())),
                }
                i = end;
                continue;
            }
            // "-5 snacks": a minus sign right before the number (not "10-12", "usb-3"), a count
            // below one, which the parser reports out of range rather than reading 5.
            // A dash opening a line is a bullet ("-10 hdmi cables").
            let bullet = || chars[..start - 1].iter().rev().take_while(|c| **c != '\n').all(|c| c.is_whitespace());
            if start > 0 && chars[start - 1] == '-' && !(start > 1 && chars[start - 2].is_alphanumeric()) && ends_word(i) && !bullet() {
                toks.push(Tok::Num(0));
                continue;
            }
            let rest: String = chars[i..chars.len().min(i + 5)].iter().collect();
            let letter_after_hyphen = chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
            let ordinal = ["st", "nd", "rd", "th"].iter().any(|o| rest.starts_with(o)) && ends_word(i + 2);
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                // "2.5", "3.0": a measure or a version, never a count; but "1.5k" is 1,500.
                let mut j = i + 1;
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                let fraction: String = chars[i + 1..j].iter().collect();
                let thousands = (chars.get(j) == Some(&'k') && ends_word(j + 1) && fraction.len() <= 3)
                    .then(|| format!("{fraction:0<3}").parse::<u64>().ok())
                    .flatten();
                // "1.5 dozen" is eighteen ("1.1 dozen" no whole count: left a measure).
                let tenths = (fraction.len() == 1).then(|| fraction.parse::<u64>().ok()).flatten();
                let dozen =
                    tenths.map(|t| share_of_dozen(&chars, j, n.saturating_mul(10).saturating_add(t), 10)).filter(|(d, _)| d.is_some());
                match (thousands, dozen) {
                    (_, Some((Some(units), end))) => {
                        toks.push(Tok::Num(units));
                        i = end;
                    }
                    (Some(f), _) => {
                        toks.push(Tok::Num(n.saturating_mul(1000).saturating_add(f)));
                        i = j + 1;
                    }
                    (None, _) => {
                        toks.push(Tok::Word(chars[start..j].iter().collect()));
                        i = j;
                    }
                }
            } else if ordinal {
                // "1st place", "2nd": a rank, never a count.
                toks.push(Tok::Word(chars[start..i + 2].iter().collect()));
                i += 2;
            } else if chars.get(i) == Some(&'%') {
                // "100% juice": a share, never a count.
                toks.push(Tok::Word(format!("{n}%")));
                i += 1;
            } else if chars.get(i).is_some_and(|s| resolution(n, *s)) && ends_word(i + 1) {
                // "4k", "1080p": a spec, not a quantity.
                toks.push(Tok::Word(format!("{n}{}", chars[i])));
                i += 1;
            } else if rest.starts_with("in") && ends_word(i + 2) {
                // "24in", as "24 inch" and 24": a measure ("2 in each room" keeps its space).
                toks.push(Tok::Word(format!("{n}inch")));
                i += 2;
            } else if rest.starts_with("-in-") && chars.get(i + 4).is_some_and(char::is_ascii_digit) {
                // "10-in-1"
                let mut j = i + 4;
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                toks.push(Tok::Word(chars[start..j].iter().collect()));
                i = j;
            } else if letter_after_hyphen {
                // "10-channel", "8-port", "12-outlet": what the product has, not how many.
                let mut j = i + 1;
                while chars.get(j).is_some_and(|c| c.is_alphanumeric()) {
                    j += 1;
                }
                toks.push(Tok::Word(chars[start..j].iter().collect()));
                i = j;
            } else if chars.get(i) == Some(&'x') && chars.get(i + 1) == Some(&'l') && ends_word(i + 2) && (2..=5).contains(&n) {
                // "2XL", "3xl": a garment size, not a count
                toks.push(Tok::Word(format!("{n}xl")));
                i += 2;
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
            // "x2", "(x3)": a count written after its item.
            if let Some(n) =
                word.strip_prefix('x').filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).and_then(|d| d.parse().ok())
            {
                toks.push(Tok::Word("x".into()));
                toks.push(Tok::Num(n));
                continue;
            }
            // "3 dz", "4 doz.": dozens ("doz." ends no sentence); "2 gross", "a gross of": 144 each
            let dozens = match (word.as_str(), toks.last()) {
                ("dz" | "doz" | "dzn", Some(Tok::Num(_))) => Some(12),
                ("gross", Some(Tok::Num(_))) => Some(144),
                ("gross", Some(Tok::Word(a))) if a == "a" && chars[i..].iter().collect::<String>().starts_with(" of ") => Some(144),
                _ => None,
            };
            if let Some(each) = dozens {
                match toks.last_mut() {
                    Some(Tok::Num(prev)) => *prev = prev.saturating_mul(each),
                    Some(last) => *last = Tok::Num(each),
                    None => {}
                }
                i += usize::from(chars.get(i) == Some(&'.'));
                continue;
            }
            let multiplier = matches!(word.as_str(), "dozen" | "hundred" | "thousand");
            // "two hundred fifty", "a hundred and fifty", "twenty four": one number.
            let tens_then_ones = |prev: u64, m: u64| {
                (prev >= 100 && prev.is_multiple_of(100) && m < 100) || ((20..100).contains(&prev) && prev.is_multiple_of(10) && m < 10)
            };
            let len = toks.len();
            let goes_on = |back: usize| spelled.is_some_and(|at| at + back == len);
            let is_number = number_word(&word).is_some();
            if let (Some(m), [.., Tok::Num(prev), Tok::Word(and)]) = (number_word(&word), toks.as_slice()) {
                if and == "and" && goes_on(2) && *prev >= 100 && prev.is_multiple_of(100) && m < 100 {
                    let sum = prev.saturating_add(m);
                    toks.pop();
                    toks.pop();
                    toks.push(Tok::Num(sum));
                    continue;
                }
            }
            match (number_word(&word), toks.last_mut()) {
                // "two dozen" -> 24, "three hundred" -> 300 (only spelled multipliers fold: "two
                // twelve packs" is two packs of twelve).
                (Some(m), Some(Tok::Num(prev))) if multiplier && *prev > 0 && *prev < 1000 => *prev = prev.saturating_mul(m),
                (Some(m), Some(Tok::Num(prev))) if !multiplier && goes_on(1) && tens_then_ones(*prev, m) => *prev = prev.saturating_add(m),
                // "a hundred" -> 100
                (Some(100 | 1000), Some(last)) if *last == Tok::Word("a".into()) => *last = Tok::Num(number_word(&word).unwrap_or(100)),
                // "a dozen" -> 12, "half a dozen" -> 6
                (Some(12), Some(last)) if *last == Tok::Word("a".into()) => {
                    let half = toks.len() >= 2 && toks[toks.len() - 2] == Tok::Word("half".into());
                    toks.pop();
                    if half {
                        toks.pop();
                    }
                    toks.push(Tok::Num(if half { 6 } else { 12 }));
                }
                // "no one drinks soda" is "nobody drinks soda", no count of one
                (Some(1), Some(last)) if word == "one" && *last == Tok::Word("no".into()) => *last = Tok::Word("nobody".into()),
                (Some(n), _) => toks.push(Tok::Num(n)),
                // "a couple of power strips" -> 2, "a few hdmi cables" -> 3 (not the default of 10)
                (None, Some(last)) if word == "couple" && *last == Tok::Word("a".into()) => *last = Tok::Num(2),
                (None, Some(last)) if word == "few" && *last == Tok::Word("a".into()) => *last = Tok::Num(3),
                // "no one can drink soda", "nobody here drinks soda": "nobody drinks soda"
                (None, Some(Tok::Word(last))) if NOBODY_MODALS.contains(&word.as_str()) && last == "nobody" => {}
                (None, _) => toks.push(Tok::Word(word)),
            }
            if is_number {
                spelled = toks.len().checked_sub(1);
            }
        } else {
            if c == '"' && matches!(toks.last(), Some(Tok::Num(_))) {
                toks.push(Tok::Word("inch".into())); // 27" monitor
            } else if c == '\n'
                && chars[..i]
                    .iter()
                    .rev()
                    .find(|p| **p != ' ' && **p != '\t' && **p != '\r')
                    .is_some_and(|p| matches!(p, '.' | '!' | '?' | ';'))
            {
                // "- pens.\n- notebooks": the line's own stop ends the sentence; only an empty
                // line is a second stop (where a list headed by "10 of each:" ends).
            } else if matches!(c, '.' | '!' | '?' | ';' | '\n') {
                toks.push(Tok::Stop);
            } else if c == ':' {
                toks.push(Tok::Colon);
            } else if c == '&' {
                // "Food & drink" is "food and drink": one list, not two clauses.
                toks.push(Tok::Word("and".into()));
            } else if matches!(c, ',' | '(' | ')' | '/' | '+' | '\u{2014}' | '\u{2013}')
                || (c == '-' && i > 0 && chars[i - 1] == ' ' && chars.get(i + 1) == Some(&' '))
            {
                // A dash between spaces ("snacks for 30 - thanks") breaks a clause too.
                toks.push(Tok::Break);
            }
            i += 1;
        }
    }
    // A number with a unit is a measure word ("12 oz" -> "12oz"), but "20 L t-shirts" is a size.
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().cloned().enumerate() {
        // "2 x 12 packs of coke", "coke 12 pack x 2": beside a times sign, a pack's size, as
        // "12-packs" is (but "12 packs of coke" are twelve packs).
        let times_after = matches!((toks.get(i + 1), toks.get(i + 2)), (Some(Tok::Word(x)), Some(Tok::Num(_))) if x == "x");
        let pack_size = match (&t, out.as_slice()) {
            (Tok::Word(p), [.., Tok::Num(_), Tok::Word(x), Tok::Num(_)]) if x == "x" => p == "pack" || p == "packs",
            (Tok::Word(p), [.., Tok::Num(n)]) => p == "pack" && *n > 1 && times_after,
            _ => false,
        };
        if let (true, Some(Tok::Num(n)), Tok::Word(p)) = (pack_size, out.last(), &t) {
            let sized = Tok::Word(format!("{n}-{p}"));
            out.pop();
            out.push(sized);
            continue;
        }
        match (out.last_mut(), &t) {
            (Some(Tok::Num(_)), Tok::Word(unit))
                if unit == "l" && (garment_follows(&toks[i + 1..]) || garment_sized(&toks[..i], &toks[i + 1..])) =>
            {
                out.push(t)
            }
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
            // "Wi-Fi 6", "USB 3.0", "Cat 6": a version, one spec word.
            (Some(Tok::Word(w)), Tok::Num(n)) if SPEC_WORDS.contains(&w.as_str()) => *w = format!("{w} {n}"),
            (Some(Tok::Word(w)), Tok::Word(v))
                if SPEC_WORDS.contains(&w.as_str()) && v.starts_with(|c: char| c.is_ascii_digit()) && v.contains('.') =>
            {
                *w = format!("{w} {v}")
            }
            _ => out.push(t),
        }
    }
    out
}

/// The tokens and their matching keys, with a word the catalog writes as one but the prompt
/// splits read as one word ("la croix" is LaCroix, "ear buds" earbuds): two words that are no
/// function words ("a very" is never Avery) and are in no phrase apart, or start none together
/// ("speaker phone" is a speakerphone, "speaker phones" speakerphones), spelled together exactly
/// as a word of some phrase, hyphen and all ([`PhraseTable::joined`]: "noise-cancelling").
pub(super) fn keyed(mut toks: Vec<Tok>, table: &PhraseTable) -> (Vec<Tok>, Vec<Option<String>>) {
    super::free::join_free_of(&mut toks, table);
    let key_of = |t: &Tok| if let Tok::Word(w) = t { Some(key(w)) } else { None };
    let mut keys: Vec<Option<String>> = toks.iter().map(key_of).collect();
    // "chiars", "hmdi": a word of the catalog typed with one slip, where an item is said.
    super::typos::mend(&mut toks, &mut keys, table);
    let mut i = 0;
    while i + 1 < toks.len() {
        if let (Some(a), Some(b), Tok::Word(first), Tok::Word(second)) = (&keys[i], &keys[i + 1], &toks[i], &toks[i + 1]) {
            // Neither a word of the catalog on its own ("ear buds"), or words of it that start no
            // phrase together ("speaker phone" is the speakerphone, no speaker).
            let apart = |w: &str, k: &str| !is_function_word(w) && !table.has_word(k);
            let words = !is_function_word(first) && !is_function_word(second);
            let no_phrase = || table.longest_at(&keys, i).is_none_or(|p| p.keys.len() < 2);
            let joins = (apart(first, a) && apart(second, b)) || (words && no_phrase());
            // ("speaker phones": the plural of the one word)
            let plural = || second.strip_suffix('s').and_then(|s| table.joined(first, s)).map(|j| format!("{j}s"));
            if let Some(joined) = joins.then(|| table.joined(first, second).or_else(plural)).flatten() {
                keys[i] = Some(key(&joined));
                toks[i] = Tok::Word(joined);
                toks.remove(i + 1);
                keys.remove(i + 1);
            }
        }
        i += 1;
    }
    (toks, keys)
}

#[cfg(test)]
mod tests;
