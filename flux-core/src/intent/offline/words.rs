//! The word lists the offline parser reads prompts by: people, filler, boundaries, containers,
//! attributes (colours, sizes, measures), and everyday words.

pub(crate) use crate::colours::is_colour;

/// Words that name people as a crowd: "for 100 people", "a few PA speakers for 200 attendees".
const CROWD_WORDS: &[&str] = &[
    "people",
    "persons",
    "person",
    "attendees",
    "attendee",
    "participants",
    "guests",
    "folks",
    "visitors",
    "customers",
    "clients",
    "users",
    "ppl",
    "pax",
    "headcount",
    "adults",
    "kids",
    "children",
    "teens",
    "teenagers",
    "parents",
    "players",
    "gamers",
    "campers",
    "runners",
    "delegates",
    "invitees",
    "residents",
    "patients",
    "seniors",
    "graduates",
    "alumni",
    "scouts",
    "members",
    "teams",
    "students",
    "hackers",
    "devs",
    "developers",
    "spectators",
    "friends",
    "classmates",
    "neighbors",
    "neighbours",
    "relatives",
    "pupils",
    "learners",
    "travelers",
    "travellers",
    "diners",
    "performers",
    "boys",
    "girls",
];

/// Words that name people by their role: "30 new hires", "monitors for 30 employees" (one each).
const ROLE_WORDS: &[&str] = &[
    "employees",
    "staff",
    "speakers",
    "hires",
    "analysts",
    "engineers",
    "designers",
    "volunteers",
    "interns",
    "colleagues",
    "coworkers",
    "winners",
    "judges",
    "mentors",
    "workers",
    "managers",
    "founders",
    "reps",
    "nurses",
    "staffers",
    "salespeople",
    "panelists",
    "presenters",
    "waiters",
    "waitresses",
    "bartenders",
    "caterers",
    "teachers",
    "coaches",
    "athletes",
    "executives",
    "execs",
    "contractors",
    "researchers",
    "organizers",
    "organisers",
    "teammates",
    "trainees",
    "recruits",
    "moderators",
    "facilitators",
    "instructors",
];

/// Whether `word` names people: "for 100 people", "30 new hires".
pub(crate) fn is_people(word: &str) -> bool {
    CROWD_WORDS.contains(&word) || ROLE_WORDS.contains(&word)
}

/// Whether `word` names people by their role (employees, new hires, panelists, winners, mentors):
/// each of them gets one of what is bought for them.
pub(crate) fn is_role(word: &str) -> bool {
    ROLE_WORDS.contains(&word)
}

/// Words between a quantity and its item that say nothing about the item ("24 cans of energy
/// drinks", "a few nice snacks"): skipped.
pub(crate) const FILLER_WORDS: &[&str] = &[
    "of",
    "x",
    "ideally",
    "preferably",
    "units",
    "pieces",
    "new",
    "cold",
    "more",
    "extra",
    "nice",
    "cool",
    "good",
    "great",
    "cheap",
    "affordable",
    "decent",
    "quality",
    "fun",
    "awesome",
    "some",
    "any",
    "just",
    "only",
    "many",
    "much",
    "few",
    "several",
    "lots",
    "plenty",
    "enough",
    "additional",
    "basic",
    "simple",
    "various",
    "assorted",
    "different",
    "fresh",
    "tasty",
    "delicious",
    "yummy",
    "healthy-ish",
    "random",
    "misc",
    "miscellaneous",
    "bunch",
    "couple",
];

/// What things come in: "10 reams of copy paper", "a case of Gatorade", "48 cans of LaCroix".
/// Before "of" they are the package, not the item; between a count and its item they are skipped.
pub(crate) const CONTAINER_WORDS: &[&str] = &[
    "reams", "ream", "rolls", "roll", "boxes", "box", "cases", "case", "packs", "pack", "pks", "pk", "packets", "packet", "cartons",
    "carton", "bags", "bag", "sets", "set", "pairs", "pair", "bundles", "bundle", "spools", "spool", "tubes", "tube", "jars", "jar",
    "bottles", "bottle", "cans", "can", "crates", "crate", "pallets", "pallet", "tins", "tin", "trays", "tray", "sleeves", "sleeve",
    "kits", "kit", "dozens", "jugs", "jug", "pads", "pad", "packages", "package",
];

/// Containers that hold several units, so a count of them counts packages ("2 cases of energy
/// drinks" are two cases' worth of cans). Cans, bottles, bags, reams and the like are the units;
/// a pallet holds far more than any offer's pack, so its count stays units.
pub(crate) const PACKAGE_WORDS: &[&str] = &[
    "boxes", "box", "cases", "case", "packs", "pack", "pks", "pk", "cartons", "carton", "crates", "crate", "trays", "tray", "packages",
    "package",
];

/// Words that end the description of an item when read backwards from it: connectives, verbs of
/// asking and having, and the occasion ("hackathon snacks" are snacks, "a conference projector" a projector).
pub(crate) const BOUNDARY_WORDS: &[&str] = &[
    "have",
    "has",
    "had",
    "haven't",
    "hasn't",
    "havent",
    "ordered",
    "bought",
    "got",
    // Hedges and feelings: "not sure how many lanyards", "no idea which hdmi cables", "no
    // worries if lacroix", "we'd love drinks", "we'd rather have 24 lacroix than soda".
    "sure",
    "know",
    "idea",
    "clue",
    "matter",
    "matters",
    "worries",
    "problem",
    "picky",
    "guess",
    "how",
    "which",
    "what",
    "whether",
    "either",
    "so",
    "if",
    "but",
    "than",
    "love",
    "loves",
    "like",
    "we'd",
    "i'd",
    "and",
    "or",
    "for",
    "with",
    "a",
    "an",
    "the",
    "also",
    "plus",
    "then",
    "please",
    "need",
    "needs",
    "want",
    "get",
    "gets",
    "receives",
    "buy",
    "rent",
    "hire",
    "order",
    "as",
    "send",
    "ship",
    "deliver",
    "bring",
    "grab",
    "find",
    "could",
    "would",
    "you",
    "me",
    "our",
    "my",
    "their",
    "we",
    "i",
    "us",
    "mostly",
    "mainly",
    "primarily",
    "them",
    "him",
    "to",
    "in",
    "on",
    "at",
    "by",
    "from",
    "per",
    "each",
    "kit",
    "hackathon",
    "conference",
    "offsite",
    "meetup",
    "workshop",
    "event",
    "party",
    "summit",
    "office",
    "team",
    "launch",
    "wedding",
    "meeting",
    "retreat",
    "booth",
    "expo",
    "night",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "hour",
    "hours",
    "month",
    "months",
    "today",
    "tomorrow",
    "asap",
    "within",
    "before",
    "after",
    "budget",
    "usdc",
    "usd",
    "dollars",
    "max",
    "under",
];

/// Occasions that may stand between a count and its item: "2 office chairs", "10 conference
/// badges" (they end an item's description, so the count is read past them).
pub(crate) const OCCASIONS: &[&str] =
    &["office", "conference", "hackathon", "event", "party", "meeting", "wedding", "booth", "team", "offsite", "workshop", "summit"];

/// Words that join items in a list: an occasion ("for the coffee bar") ends at them.
pub(crate) const CONJUNCTIONS: &[&str] = &["and", "or", "plus", "but", "then", "also", "with"];

/// Words that name a group of people by its size: "team of 40", "an offsite of 30". Never a
/// container ("pack of 24", "box of 12"): those count items.
pub(crate) const GROUP_WORDS: &[&str] = &[
    "team",
    "group",
    "party",
    "class",
    "crew",
    "squad",
    "cohort",
    "offsite",
    "retreat",
    "meetup",
    "workshop",
    "gathering",
    "event",
    "conference",
    "department",
    "office",
    "family",
    "household",
    "company",
    // Occasions counted by the people at them: "a hackathon of 200", "a gala dinner of 80".
    "meeting",
    "hackathon",
    "summit",
    "convention",
    "symposium",
    "seminar",
    "training",
    "session",
    "bootcamp",
    "dinner",
    "lunch",
    "luncheon",
    "brunch",
    "breakfast",
    "banquet",
    "gala",
    "reception",
    "wedding",
    "celebration",
    "fundraiser",
    "picnic",
    "barbecue",
    "bbq",
    "festival",
    "tournament",
    "expo",
    "show",
    "audience",
    "crowd",
    "club",
    "troop",
    "mixer",
    "all-hands",
    "hall",
    "kickoff",
    "standup",
    "night",
    "social",
    "staff",
    "hour",
];

/// Words that start an occasion after "for": "for the LAN party", "for our offsite".
pub(crate) const DETERMINERS: &[&str] = &["the", "our", "a", "an", "my", "your", "their", "this", "that", "these", "those", "his", "her"];

/// Words that make a colour more precise when one follows: "royal blue", "heather gray".
const COLOUR_SHADES: &[&str] = &[
    "royal", "navy", "heather", "forest", "sky", "light", "dark", "hunter", "kelly", "baby", "neon", "bright", "pale", "deep", "jet",
    "midnight", "olive", "hot", "powder", "steel", "slate", "charcoal", "ash", "sea", "dusty", "burnt", "lime", "mint", "rose",
];

/// Sizes and display grades: attributes, and never the first word of a phrase naming an item.
pub(crate) const SIZE_WORDS: &[&str] = &[
    "xs",
    "s",
    "m",
    "l",
    "xl",
    "xxl",
    "2xl",
    "3xl",
    "4xl",
    "5xl",
    "xxxl",
    "x-small",
    "x-large",
    "xx-large",
    "extra-large",
    "small",
    "medium",
    "large",
    "big",
    "mini",
    "hd",
    "uhd",
    "fhd",
];

/// Words that make a following size more precise: "extra large", "x large".
pub(crate) fn is_size_grade(word: &str) -> bool {
    matches!(word, "extra" | "x" | "xx")
}

/// Whether `word` is a garment size ("m", "xl", "large"), which "size" may precede.
pub(crate) fn is_garment_size(word: &str) -> bool {
    SIZE_WORDS.contains(&word) && !matches!(word, "big" | "mini" | "hd" | "uhd" | "fhd")
}

/// Everyday English words and properties that some catalog uses as a tag or a brand ("KIND",
/// "Glad", "Solo", "outdoor", "vegan"): alone they name no item.
const EVERYDAY_WORDS: &[&str] = &[
    "kind",
    "glad",
    "pilot",
    "solo",
    "quest",
    "mars",
    "bounty",
    "planters",
    "hefty",
    "rode",
    "quartet",
    "original",
    "classic",
    "premium",
    "clear",
    "sticky",
    "outdoor",
    "indoor",
    "vegan",
    "organic",
    "magnetic",
    "recycled",
    "safety",
    "retractable",
    "horizontal",
    "vertical",
    "programmable",
    "backlit",
    "hardcover",
    "embroidered",
    "engraved",
    "ceramic",
    "polyester",
    "adhesive",
    "salted",
    "caffeinated",
    "sparkling",
    "waterproof",
    "wireless",
    "portable",
    "commercial",
    "disposable",
    "international",
    "stem",
    "electrolytes",
    "unsweetened",
    "custom",
    "printed",
    "heavy",
    "standard",
    "regular",
    "light",
    "natural",
    "plain",
    "variety",
];

/// Words that say which version of a thing a number after them is ("Wi-Fi 6", "USB 3.0",
/// "HDMI 2.1", "Cat 6", "PS 5"): with the number, one spec word.
pub(crate) const SPEC_WORDS: &[&str] =
    &["wi-fi", "wifi", "usb", "hdmi", "cat", "bluetooth", "displayport", "dp", "thunderbolt", "ps", "gen", "ddr", "pcie", "iphone", "lte"];

/// Whether `word` measures or specifies rather than names: "4k", "12oz", "10-channel", "$100",
/// "sugar-free", "10-in-1", "wi-fi 6".
pub(crate) fn is_measure(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit() || c == '$') || word.ends_with("-free") || word.ends_with("-in-1") || word.contains(' ')
}

/// Whether `word` qualifies an item without naming it: colours, sizes, measures and specs.
/// Relevance weighs them (a colour stated otherwise rules an offer out: `crate::colours`).
pub(crate) fn is_attribute(word: &str) -> bool {
    is_colour(word) || SIZE_WORDS.contains(&word) || is_measure(word)
}

/// Clothes sold by garment size: a letter before one is its size ("20 L t-shirts").
const GARMENTS: &[&str] = &[
    "t-shirt",
    "tshirt",
    "tee",
    "shirt",
    "hoodie",
    "sweatshirt",
    "polo",
    "jacket",
    "vest",
    "jersey",
    "sweater",
    "fleece",
    "glove",
    "apron",
    "uniform",
    "pant",
    "sock",
    "pullover",
    "windbreaker",
    "coverall",
];

/// Whether `word` names a garment, in the singular or the plural.
pub(crate) fn is_garment(word: &str) -> bool {
    // "shorts" and "scrubs" are clothes only in the plural ("a body scrub", "short cables").
    matches!(word, "shorts" | "scrubs") || GARMENTS.contains(&word.strip_suffix('s').unwrap_or(word))
}

/// Whether `word` makes a following colour more precise ("royal" blue).
pub(crate) fn is_shade(word: &str) -> bool {
    COLOUR_SHADES.contains(&word)
}

/// Whether `word` only joins or points ("for", "the", "with", "of"): no phrase naming an item
/// starts or ends with one ("for kids" is an occasion).
pub(crate) fn is_function_word(word: &str) -> bool {
    CONJUNCTIONS.contains(&word)
        || DETERMINERS.contains(&word)
        || matches!(word, "for" | "to" | "in" | "on" | "at" | "by" | "from" | "per" | "of" | "each" | "x" | "as" | "into" | "without")
}

/// Whether `word` alone names no item, whatever a catalog tags (see [`EVERYDAY_WORDS`]).
pub(crate) fn is_everyday(word: &str) -> bool {
    EVERYDAY_WORDS.contains(&word)
        || BOUNDARY_WORDS.contains(&word)
        || FILLER_WORDS.contains(&word)
        || is_people(word)
        || CONTAINER_WORDS.contains(&word)
        || is_attribute(word)
}

/// Connectors and links a cable, hub or adapter has: "8 HDMI and 8 ethernet cables", "hubs with
/// HDMI".
pub(crate) const CONNECTOR_WORDS: &[&str] = &[
    "hdmi",
    "usb-c",
    "usb",
    "usb-a",
    "displayport",
    "ethernet",
    "lightning",
    "vga",
    "dvi",
    "xlr",
    "thunderbolt",
    "sd",
    "bluetooth",
    "wifi",
    "wi-fi",
];

/// A word that may be a secret pasted by mistake (an API key, a private key, a token): 16 or more
/// characters between dashes, underscores or dots, in a word of letters and digits mixed. It is
/// never echoed back, in `dropped` or in an error.
pub(super) fn key_like(word: &str) -> bool {
    let count = |f: fn(&char) -> bool| word.chars().filter(f).count();
    let run = word.split(['-', '_', '.']).map(str::len).max().unwrap_or(0);
    run >= 16 && count(char::is_ascii_digit) >= 1 && count(char::is_ascii_alphabetic) >= 4
}
