//! Colours, as a request says them and as offers state them: a stated colour that is not the one
//! asked is not what was asked ("50 red pens" are no blue BIC pens, "purple t-shirts" no white
//! ones), while an offer that states none, or assorted colours, may still be.

/// Colour words.
const COLOUR_WORDS: &[&str] = &[
    "black",
    "white",
    "red",
    "blue",
    "navy",
    "green",
    "yellow",
    "orange",
    "purple",
    "pink",
    "gray",
    "grey",
    "charcoal",
    "silver",
    "gold",
    "brown",
    "beige",
    "teal",
    "maroon",
    "tan",
    "khaki",
    "ivory",
    "burgundy",
    "turquoise",
    "coral",
    "lavender",
    "magenta",
    "cyan",
    "olive",
    "heather",
    "bronze",
    "copper",
    "multicolor",
];

/// Colours that are a shade of another, which asking for the other accepts ("blue t-shirts" may be
/// navy; "navy t-shirts" are no royal blue ones).
const SHADE_OF: &[(&str, &str)] = &[("navy", "blue"), ("charcoal", "gray"), ("heather", "gray"), ("maroon", "red"), ("burgundy", "red")];

/// Colours that are all of them: an offer in assorted colours has the one asked.
const ANY_COLOUR: &[&str] = &["assorted", "multicolor", "multicolored", "multi", "rainbow", "various"];

/// Whether `word` is a colour.
pub(crate) fn is_colour(word: &str) -> bool {
    COLOUR_WORDS.contains(&word)
}

/// The colours said in `text`, in one spelling ("grey" is `gray`).
pub(crate) fn colours_in(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase) {
        let word = if word == "grey" { "gray" } else { word.as_str() };
        if let Some(colour) = COLOUR_WORDS.iter().find(|c| **c == word).filter(|c| !out.contains(c)) {
            out.push(colour);
        }
    }
    out
}

/// The colours an offer's `color` attribute states, with the ones they are shades of ("Navy" is
/// `navy` and `blue`); none when it states none or all ("Assorted Colors").
pub(crate) fn stated(value: Option<&str>) -> Box<[&'static str]> {
    let all = |v: &str| v.split(|c: char| !c.is_alphanumeric()).any(|w| ANY_COLOUR.contains(&w.to_lowercase().as_str()));
    let mut colours = value.filter(|v| !all(v)).map(colours_in).unwrap_or_default();
    let shades: Vec<&'static str> = SHADE_OF.iter().filter(|(shade, _)| colours.contains(shade)).map(|(_, of)| *of).collect();
    colours.extend(shades);
    colours.into_boxed_slice()
}

/// Whether an offer stating `offered` colours is another colour than any of `asked`.
pub(crate) fn conflicts(asked: &[&str], offered: &[&str]) -> bool {
    !asked.is_empty() && !offered.is_empty() && !asked.iter().any(|c| offered.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_colour_that_is_not_the_one_asked_conflicts() {
        let asked = colours_in;
        assert!(conflicts(&asked("red"), &stated(Some("Blue"))));
        assert!(conflicts(&asked("purple"), &stated(Some("white"))));
        assert!(conflicts(&asked("navy"), &stated(Some("royal blue"))));
        assert!(!conflicts(&asked("blue"), &stated(Some("Navy"))));
        assert!(!conflicts(&asked("grey"), &stated(Some("heather gray"))));
        assert!(!conflicts(&asked("red"), &stated(Some("red border"))));
        // Stating none, or all, is no other colour; asking none asks no colour.
        assert!(!conflicts(&asked("red"), &stated(Some("Assorted Colors"))));
        assert!(!conflicts(&asked("red"), &stated(None)));
        assert!(!conflicts(&asked("4k"), &stated(Some("black"))));
    }
}
