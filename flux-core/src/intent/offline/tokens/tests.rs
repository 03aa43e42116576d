//! The tokenizer on counts, measures, specs and sentence ends.

use super::*;

fn words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .map(|t| match t {
            Tok::Word(w) => w,
            Tok::Num(n) => format!("#{n}"),
            Tok::Break | Tok::Colon => "|".into(),
            Tok::Stop => ".".into(),
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
    assert_eq!(words("two dozen; 1,200 pens"), ["#24", ".", "#1200", "pens"]);
    assert_eq!(words("half a dozen cords, a couple of strips"), ["#6", "cords", "|", "#2", "of", "strips"]);
    // "1/2 dozen energy drinks" bought 24 (1, a break, then 2 dozen); full-width digits were
    // part of the item's name and bought the default.
    assert_eq!(words("1/2 dozen cords; 3/4 dozen; 1/2 inch cables"), ["#6", "cords", ".", "#9", ".", "1/2", "inch", "cables"]);
    assert_eq!(
        words("1 1/2 dozen cords, 1/2\u{2003}dozen pens, 1/5 dozen mugs"),
        ["#18", "cords", "|", "#6", "pens", "|", "1/5 dozen", "mugs"]
    );
    assert_eq!(words("5 câbles, snäcks"), ["#5", "cables", "|", "snacks"]);
    assert_eq!(words("２４　energy drinks"), ["#24", "energy", "drinks"]);
    assert_eq!(words("two hundred fifty tags, a hundred and fifty pens"), ["#250", "tags", "|", "#150", "pens"]);
    assert_eq!(words("twenty four cans, 1.5k stickers, 2.5 oz"), ["#24", "cans", "|", "#1500", "stickers", "|", "2.5oz"]);
    // A number word after digits is its own number: forty six-packs, not forty-six.
    assert_eq!(words("40 six packs, 200 and twenty drinks"), ["#40", "#6", "packs", "|", "#200", "and", "#20", "drinks"]);
    assert_eq!(
        words("usb-c hub x2 (x3), 1st place, 2nd"),
        ["usb-c", "hub", "x", "#2", "|", "x", "#3", "|", "|", "1st", "place", "|", "2nd"]
    );
    assert_eq!(words("a 27\" monitor"), ["a", "27inch", "monitor"]);
    // "24in" is 24 inches (it lost the count of "two 24in monitors"); "2 in each" keeps its space.
    assert_eq!(words("two 24in monitors"), ["#2", "24inch", "monitors"]);
    assert_eq!(words("2 in each room"), ["#2", "in", "each", "room"]);
    // A letter before a garment is its size; before anything else, litres.
    assert_eq!(words("20 L t-shirts"), ["#20", "l", "t-shirts"]);
    assert_eq!(words("10 L work shorts"), ["#10", "l", "work", "shorts"]);
    assert_eq!(words("t-shirts: 10 M, 4 L"), ["t-shirts", "|", "#10", "m", "|", "#4", "l"]);
    assert_eq!(words("juice: 10 cups, 4 L"), ["juice", "|", "#10", "cups", "|", "4l"]);
    assert_eq!(words("20 t-shirts and lemonade, 4 L"), ["#20", "t-shirts", "and", "lemonade", "|", "4l"]);
    assert_eq!(words("a 5 L body scrub, 2 L short bottles"), ["a", "5l", "body", "scrub", "|", "2l", "short", "bottles"]);
}

#[test]
fn money_versions_decimals_and_hyphenated_specs_are_words() {
    assert_eq!(words("a $100 visa gift card"), ["a", "$100", "visa", "gift", "card"]);
    assert_eq!(words("$1,250.50 max"), ["$1250.50", "max"]);
    assert_eq!(words("four Wi-Fi 6 access points"), ["#4", "wi-fi 6", "access", "points"]);
    assert_eq!(words("2 usb 3.0 hubs, hdmi 2.1"), ["#2", "usb 3.0", "hubs", "|", "hdmi 2.1"]);
    assert_eq!(words("a 10-channel mixer"), ["a", "10-channel", "mixer"]);
    assert_eq!(words("1.5 oz bags"), ["1.5oz", "bags"]);
    assert_eq!(words("twenty-four drinks. Then"), ["#24", "drinks", ".", "then"]);
}
