//! The relevance corpus (`testdata/relevance/corpus.json`): prompts as people write them, each
//! with the items its needs must be — read by the offline parser, ranked and optimized over the
//! embedded catalog. A need counts as right when the parser read its item (and quantity and
//! attributes, where given) and the cart bought an offer that is that item (one of the expected
//! tags, or the expected words in its name). The suite prints its precision and fails below 95%.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use flux_core::MemoryLedger;
use flux_core::*;
use serde::Deserialize;

mod ranking_support;
use ranking_support::{assert_nothing_matches, flux_without_caps, offers_bought};

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    prompt: String,
    budget: String,
    deadline_days: u32,
    strategy: String,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
struct Expect {
    item: String,
    /// Tags (or words of the name) the bought offer must have one of; empty: any offer of the
    /// need's category (a generic request).
    any: Vec<String>,
    quantity: Option<u32>,
    #[serde(default)]
    attributes: Option<Vec<String>>,
}

fn corpus(name: &str) -> Corpus {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/relevance").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Why one expected need is wrong, or `None` when it is right.
fn check(proposal: &Proposal, catalog: &CatalogData, e: &Expect) -> Option<String> {
    let Some(need) = proposal.needs.iter().find(|n| n.item == e.item) else {
        let read: Vec<&str> = proposal.needs.iter().map(|n| n.item.as_str()).collect();
        return Some(format!("no need for {:?} (read {read:?})", e.item));
    };
    if let Some(q) = e.quantity {
        if need.quantity != q {
            return Some(format!("{:?}: quantity {} instead of {q}", e.item, need.quantity));
        }
    }
    if let Some(attributes) = &e.attributes {
        // "6 ft" and "6ft", "8-port" and "8port" are one attribute.
        let bare = |list: &[String]| -> Vec<String> { list.iter().map(|a| a.replace([' ', '-'], "")).collect() };
        if bare(&need.attributes) != bare(attributes) {
            return Some(format!("{:?}: attributes {:?} instead of {attributes:?}", e.item, need.attributes));
        }
    }
    let Some(line) = proposal.cart.lines().iter().find(|l| l.need.split(", ").any(|n| n == need.item)) else {
        return Some(format!("{:?}: nothing bought ({:?})", e.item, proposal.unmet));
    };
    let offer = catalog.offer(&line.id).unwrap();
    if offer.category != need.category {
        return Some(format!("{:?}: bought {} from {}", e.item, offer.id, offer.category));
    }
    let name = offer.name.to_lowercase();
    if e.any.is_empty() || e.any.iter().any(|t| offer.has_tag(t) || name.contains(t.as_str())) {
        None
    } else {
        Some(format!("{:?}: bought {} ({}; tags {:?}), wanted one of {:?}", e.item, offer.id, offer.name, offer.tags, e.any))
    }
}

/// (needs right, needs in all, why each wrong one is wrong).
fn score(corpus: &Corpus) -> (usize, usize, Vec<String>) {
    let catalog = EmbeddedCatalog::data();
    let (mut right, mut total) = (0usize, 0usize);
    let mut failures = Vec::new();
    for case in &corpus.cases {
        let strategy = Strategy::from_name(&case.strategy).unwrap();
        let intent = Intent::new(&case.prompt, Amount::parse(&case.budget).unwrap(), case.deadline_days, strategy).unwrap();
        let plan = match OfflineParser.parse_sync(&intent, catalog.vocabulary()) {
            Ok(plan) => plan.sanitize(catalog.vocabulary()),
            Err(e) => {
                total += case.expect.len();
                failures.push(format!("{:?}: {e}", case.prompt));
                continue;
            }
        };
        let proposal = propose(&catalog, &intent, &plan, 5).unwrap();
        for e in &case.expect {
            total += 1;
            match check(&proposal, &catalog, e) {
                None => right += 1,
                Some(why) => failures.push(format!("{:?}: {why}", case.prompt)),
            }
        }
    }
    (right, total, failures)
}

fn assert_precision(name: &str, min_cases: usize) {
    let corpus = corpus(name);
    assert!(corpus.cases.len() >= min_cases, "{name} has at least {min_cases} prompts");
    let (right, total, failures) = score(&corpus);
    // Precision in tenths of a percent (integers: the crate's lints allow no float arithmetic).
    let tenths = right * 1000 / total.max(1);
    let precision = format!("{}.{}%", tenths / 10, tenths % 10);
    println!("{name}: {right}/{total} needs right over {} prompts = {precision} precision", corpus.cases.len());
    for f in &failures {
        println!("  wrong: {f}");
    }
    assert!(right * 100 >= total * 95, "{name}: precision {precision} is below 95%:\n{}", failures.join("\n"));
}

#[test]
fn the_corpus_buys_what_was_asked() {
    assert_precision("corpus.json", 60);
}

/// Prompts written by someone who never saw the parser or the first corpus: the same bar, so
/// the first corpus's score is not the parser learning its test.
#[test]
fn the_blind_corpus_buys_what_was_asked() {
    assert_precision("corpus-blind.json", 40);
}

#[test]
fn the_quickstart_prompt_gets_energy_drinks_and_usb_c_hubs() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let intent = Intent::new(
        "hackathon kit for 60 people: snacks, 24 energy drinks, badges, prizes, usb-c hubs",
        Amount::parse("600").unwrap(),
        5,
        Strategy::Balanced,
    )
    .unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    let catalog = EmbeddedCatalog::data();
    let bought = |item: &str| {
        let line = p.cart.lines().iter().find(|l| l.need == item).unwrap_or_else(|| panic!("no line for {item}: {:?}", p.unmet));
        catalog.offer(&line.id).unwrap().clone()
    };
    assert!(bought("energy drinks").has_tag("energy drink"), "{:?}", bought("energy drinks"));
    assert!(bought("usb-c hubs").has_tag("usb-c hub"), "{:?}", bought("usb-c hubs"));
    // Never bottled water, never an HDMI adapter.
    assert!(!bought("energy drinks").has_tag("water"));
    assert!(!bought("usb-c hubs").has_tag("hdmi adapter"));
    let drinks = p.alternatives.iter().find(|a| a.need.item == "energy drinks").unwrap();
    assert!(drinks.specific);
    assert!(drinks.options.iter().all(|o| catalog.offer(&o.offer_id).unwrap().has_tag("energy drink") || o.score.relevance < 1000));
    assert!(drinks.excluded_counts.get(&ExclusionReason::DoesNotMatch).copied().unwrap_or(0) > 10, "water, soda, juice... excluded");
    assert!(drinks.options[0].reason.contains("matches 'energy drinks'"), "{}", drinks.options[0].reason);
}

#[test]
fn packages_buy_that_many_packages() {
    // "2 cases of energy drinks" is two cases' worth of cans, not two cans (one case); "5 boxes
    // of pens" five boxes' worth of pens.
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let catalog = EmbeddedCatalog::data();
    let orchestrate = |prompt: &str| {
        let intent = Intent::new(prompt, Amount::parse("500").unwrap(), 7, Strategy::Balanced).unwrap();
        block_on(flux.orchestrate(&intent)).unwrap()
    };
    let p = orchestrate("2 cases of energy drinks and 5 boxes of pens");
    let line = |item: &str| p.cart.lines().iter().find(|l| l.need == item).unwrap_or_else(|| panic!("no line for {item}: {:?}", p.unmet));
    let need = |item: &str| p.needs.iter().find(|n| n.item == item).unwrap();
    let (drinks, pens) = (line("energy drinks"), line("pens"));
    assert_eq!(need("energy drinks").packs, Some(2));
    assert_eq!(need("pens").packs, Some(5));
    let usual = |category: &str, tag: &str| {
        let mut sizes: Vec<u32> = catalog.offers_in(category).iter().filter(|o| o.has_tag(tag)).map(|o| o.pack_size).collect();
        sizes.sort_unstable();
        sizes[(sizes.len() - 1) / 2]
    };
    assert_eq!(need("energy drinks").quantity, 2 * usual("drinks", "energy drink"));
    // Units enough for that many usual packages, in whichever packages fill them best.
    assert!(drinks.units >= 2 * usual("drinks", "energy drink"), "{drinks:?}");
    assert!(pens.units >= 5 * usual("office_supplies", "pens"), "{pens:?}");
    // Cans are the units.
    let cans = orchestrate("24 cans of energy drinks");
    assert_eq!((cans.needs[0].quantity, cans.needs[0].packs), (24, None));
    // Packages beyond the most units a need may have are dropped with the reason, as a count is.
    let many = orchestrate("9000 cases of energy drinks and snacks");
    assert_eq!(many.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["snacks"]);
    assert_eq!(many.dropped.len(), 1);
    assert_eq!(many.dropped[0].reason, DropReason::QuantityOutOfRange);
    assert!(many.dropped[0].item.starts_with("energy drinks x "), "{:?}", many.dropped);
}

#[test]
fn nothing_else_is_bought_for_what_nobody_sells() {
    // "kombucha" read by a model (the offline vocabulary does not know it): a drinks need no
    // offer matches. It is unmet, with the reason, and no other drink is bought instead.
    let catalog = EmbeddedCatalog::data();
    let intent = Intent::new("kombucha", Amount::parse("100").unwrap(), 7, Strategy::Cheapest).unwrap();
    let plan = Plan {
        needs: vec![Need { item: "kombucha".into(), ..Need::generic("drinks", 12) }],
        headcount: None,
        dropped: vec![],
        telemetry: ParseTelemetry::default(),
    };
    let p = propose(&catalog, &intent, &plan, 5).unwrap();
    assert!(p.cart.lines().is_empty());
    assert_eq!(p.unmet.len(), 1);
    assert_eq!(p.unmet[0].reason, UnmetReason::DoesNotMatch);
    // A generic request keeps the whole category.
    let any = Plan { needs: vec![Need::generic("drinks", 12)], ..plan };
    let p = propose(&catalog, &intent, &any, 5).unwrap();
    assert_eq!(p.cart.lines().len(), 1);
    assert!(!p.alternatives[0].specific);
}

#[test]
fn what_the_prompt_rules_out_is_never_bought() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let catalog = EmbeddedCatalog::data();
    let orchestrate = |prompt: &str, strategy: Strategy| {
        let intent = Intent::new(prompt, Amount::parse("300").unwrap(), 7, strategy).unwrap();
        block_on(flux.orchestrate(&intent)).unwrap()
    };
    let bought = |p: &Proposal| p.cart.lines().iter().map(|l| catalog.offer(&l.id).unwrap().clone()).collect::<Vec<_>>();
    // "no snacks": only the water, and the plan says the snacks were left out on purpose.
    let p = orchestrate("no snacks, just 10 bottles of water", Strategy::Cheapest);
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["water"]);
    assert!(bought(&p).iter().all(|o| o.category == "drinks" && o.has_tag("water")), "{:?}", p.cart.lines());
    assert_eq!(p.dropped.iter().map(|d| (d.item.as_str(), d.reason)).collect::<Vec<_>>(), [("snacks", DropReason::Excluded)]);
    // However "free of nuts" is said, no strategy buys nuts: "snacks nut free" bought Planters
    // mixed nuts, ", nut free" and "(nut free)" added a need for nuts.
    for prompt in ["snacks nut free", "snacks, nut free", "snacks (nut free)", "Snacks (nut-free)", "nut-free snacks", "snacks, no nuts"] {
        for strategy in [Strategy::Cheapest, Strategy::Fastest, Strategy::Balanced] {
            let p = orchestrate(prompt, strategy);
            let snacks = bought(&p);
            assert_eq!(snacks.len(), 1, "{prompt}: {:?} {:?}", p.needs, p.unmet);
            assert!(!snacks[0].has_tag("nuts") && !snacks[0].name.to_lowercase().contains("mixed nut"), "{prompt}: {:?}", snacks[0]);
        }
    }
    // "Free" that means without the need of it rules nothing out: the touch-free hand sanitizer
    // stand was unmet for "hands-free hand sanitizer stand".
    for prompt in ["hands-free hand sanitizer stand", "2 hand sanitizer stations (hands free)"] {
        let p = orchestrate(prompt, Strategy::Balanced);
        assert!(p.unmet.is_empty() && !bought(&p).is_empty(), "{prompt}: {:?}", p.unmet);
    }
    // Said after the item, with or without a comma: sugar-free is what is bought.
    for prompt in ["24 Red Bull, sugar free", "24 Red Bull Sugarfree", "48 cans of red bull sugar free", "24 gatorade, zero sugar"] {
        let p = orchestrate(prompt, Strategy::Cheapest);
        assert_eq!(p.needs.len(), 1, "{prompt}: {:?}", p.needs);
        let drinks = bought(&p);
        assert!(
            !drinks.is_empty() && drinks.iter().all(|o| o.has_tag("sugar-free") || o.name.to_lowercase().contains("zero")),
            "{prompt}: {drinks:?}"
        );
    }
    // Under every strategy, "snacks without nuts" buys snacks with no nuts (the cheapest snack
    // on sale is mixed nuts), and says so in the reason.
    for strategy in [Strategy::Cheapest, Strategy::Fastest, Strategy::Balanced] {
        let p = orchestrate("snacks without nuts", strategy);
        let snacks = bought(&p);
        assert_eq!(snacks.len(), 1, "{:?}", p.unmet);
        assert!(!snacks[0].has_tag("nuts") && !snacks[0].name.to_lowercase().contains("nut"), "{:?}", snacks[0]);
        assert!(p.alternatives[0].options.iter().all(|o| !catalog.offer(&o.offer_id).unwrap().has_tag("nuts")));
        let reason = &p.alternatives[0].options[0].reason;
        assert!(reason.contains("no 'nuts' in its name or tags"), "{reason}");
    }
    // "water, not sparkling": still water, never LaCroix.
    let p = orchestrate("water, not sparkling", Strategy::Cheapest);
    assert!(bought(&p).iter().all(|o| !o.has_tag("sparkling water") && !o.has_tag("sparkling")), "{:?}", p.cart.lines());
    // Ruling out sugar asks for sugar-free, where the category sells it.
    let p = orchestrate("24 energy drinks with no sugar", Strategy::Cheapest);
    assert!(bought(&p).iter().all(|o| o.has_tag("sugar-free") || o.name.to_lowercase().contains("zero")), "{:?}", p.cart.lines());
    // What is free of the word is not ruled out by it: "No Pulp" juice, "Powder-Free" gloves.
    for (prompt, name) in [("20 orange juice, no pulp", "no pulp"), ("100 nitrile gloves without powder", "powder-free")] {
        let p = orchestrate(prompt, Strategy::Cheapest);
        assert!(p.unmet.is_empty(), "{prompt}: {:?}", p.unmet);
        assert!(bought(&p).iter().all(|o| o.name.to_lowercase().contains(name)), "{prompt}: {:?}", p.cart.lines());
    }
    // A brand refused before the item is ruled out of it.
    let p = orchestrate("please no red bull: 24 energy drinks", Strategy::Cheapest);
    assert!(bought(&p).iter().all(|o| !o.has_tag("red bull")), "{:?}", p.cart.lines());
}

#[test]
fn two_needs_served_by_one_offer_round_up_to_packs_once() {
    // Each need's packs were added: two needs of 13 cans bought 4 twelve-packs (48 cans) where 3
    // hold the 26 asked, and 30 badges plus 30 name tags 2 packs of 100 stickers.
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let catalog = EmbeddedCatalog::data();
    for (prompt, budget) in
        [("13 la croix and 13 sparkling water", "900"), ("badges and name tags for 30", "900"), ("badges and name tags for 30", "15")]
    {
        let intent = Intent::new(prompt, Amount::parse(budget).unwrap(), 3, Strategy::Cheapest).unwrap();
        let p = block_on(flux.orchestrate(&intent)).unwrap();
        assert!(p.unmet.is_empty(), "{prompt} at {budget}: {:?}", p.unmet);
        for line in p.cart.lines() {
            let asked: u32 = p.needs.iter().filter(|n| line.need.split(", ").any(|x| x == n.item)).map(|n| n.quantity).sum();
            let pack = catalog.offer(&line.id).unwrap().pack_size;
            assert_eq!(line.quantity, asked.div_ceil(pack), "{prompt} at {budget}: {line:?}");
        }
    }
}

#[test]
fn a_model_number_is_bought_as_that_model_or_not_at_all() {
    // "1 epson 2350 projector" bought an Epson 880 (and asked for 2350 projectors).
    let order = |flux: &Flux| {
        let intent = Intent::new("1 epson 2350 projector", Amount::whole(3000), 7, Strategy::Balanced).unwrap();
        block_on(flux.orchestrate(&intent)).unwrap()
    };
    let p = order(&flux_without_caps());
    let ids: Vec<&str> = p.cart.lines().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["td-av-gear-epson-2350"]);
    // Over the demo policy's caps it is left out, never swapped for another model.
    let p = order(&Flux::builder().ledger(MemoryLedger::new()).build().unwrap());
    assert!(p.cart.lines().is_empty(), "{:?}", p.cart.lines());
    assert_eq!(p.unmet.iter().map(|u| u.reason).collect::<Vec<_>>(), [UnmetReason::OverPolicyCap]);
}

#[test]
fn more_packs_are_bought_when_a_volume_tier_makes_them_cost_less() {
    // 49 hubs at a 3% tier cost 950.12; the 50 of the 7% tier 929.54. Under 935 USDC nothing
    // was bought ("over budget"), though 50 fit.
    let flux = flux_without_caps();
    let intent = Intent::new("49 usb-c hubs", Amount::parse("935").unwrap(), 1, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
    let line = &p.cart.lines()[0];
    assert_eq!((line.quantity, line.units), (50, 50), "{line:?}");
    assert!(line.reason.contains("50 packs cost less than the 49 needed"), "{}", line.reason);
}

#[test]
fn needs_one_offer_serves_better_share_its_line() {
    // The optimizer priced each need alone: 30 chairs went to a 7-day offer (93.19) beside 20
    // folding chairs (66.54), where one line of 50 at a volume tier cost 159.50 with 1-day
    // delivery, under every strategy.
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    for strategy in Strategy::PRESETS {
        let intent = Intent::new("30 chairs and 20 folding chairs", Amount::parse("160").unwrap(), 7, strategy).unwrap();
        let p = block_on(flux.orchestrate(&intent)).unwrap();
        assert!(p.unmet.is_empty(), "{strategy:?}: {:?}", p.unmet);
        assert_eq!(p.cart.lines().len(), 1, "{strategy:?}: {:?}", p.cart.lines());
        assert_eq!(p.cart.lines()[0].units, 50, "{strategy:?}");
        assert!(p.total < Amount::parse("159.73").unwrap(), "{strategy:?}: {}", p.total);
    }
}

#[test]
fn a_need_no_single_offer_has_the_stock_for_is_bought_from_several() {
    // Backpacks come in 10-packs; Amazon has 7 packs and Walmart 6. "80 backpacks" was left
    // unmet as out of stock, at any budget.
    let flux = flux_without_caps();
    let catalog = EmbeddedCatalog::data();
    let orchestrate = |prompt: &str, budget: &str, strategy| {
        block_on(flux.orchestrate(&Intent::new(prompt, Amount::parse(budget).unwrap(), 7, strategy).unwrap())).unwrap()
    };
    for strategy in Strategy::PRESETS {
        let p = orchestrate("80 backpacks and 30 t-shirts", "9000", strategy);
        assert!(p.unmet.is_empty(), "{strategy:?}: {:?}", p.unmet);
        let packs: Vec<_> = p.cart.lines().iter().filter(|l| l.need == "backpacks").collect();
        assert!(packs.len() >= 2, "{strategy:?}: {:?}", p.cart.lines());
        let units: u32 = packs.iter().map(|l| l.units).sum();
        assert!((80..90).contains(&units), "{strategy:?}: {units} backpacks for 80");
        for l in &packs {
            let offer = catalog.offer(&l.id).unwrap();
            assert!(offer.name.contains("Backpack") && l.quantity <= offer.stock, "{strategy:?}: {l:?}");
        }
        // Each line is the kernel's quote for its packs, and says why it is a split.
        let codes: Vec<&str> = flux.authorize(&p.cart).violations().iter().map(|v| v.code.as_str()).collect();
        assert!(codes.iter().all(|c| c.starts_with("OVER_") || c.starts_with("APPROVAL")), "{strategy:?}: {codes:?}");
        let ranking = p.alternatives.iter().find(|a| a.need.item == "backpacks").unwrap();
        assert_eq!(
            ranking.split.iter().map(|o| o.offer_id.as_str()).collect::<Vec<_>>(),
            packs.iter().map(|l| l.id.as_str()).collect::<Vec<_>>()
        );
        assert!(packs.iter().all(|l| l.reason.contains("no single offer has the stock for 80")), "{:?}", packs[0].reason);
        // The t-shirts are bought as before, from one offer.
        assert_eq!(p.cart.lines().iter().filter(|l| l.need == "t-shirts").count(), 1, "{strategy:?}");
    }
    // Another need of the item shares a split line when the stock allows, and no split line is
    // lost to it: 85 backpacks bought.
    let p = orchestrate("80 backpacks and 5 black backpacks", "9000", Strategy::Balanced);
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
    assert_eq!(p.cart.lines().iter().map(|l| l.units).sum::<u32>(), 90, "{:?}", p.cart.lines());
    // Together too dear, or too few: the reason says which.
    let reason = |prompt: &str, budget: &str| {
        orchestrate(prompt, budget, Strategy::Balanced).unmet.iter().map(|u| u.reason.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(reason("80 backpacks", "3000"), ["over_budget"]);
    assert_eq!(reason("300 backpacks", "90000"), ["out_of_stock"]);
}

#[test]
fn a_colour_asked_of_a_whole_category_is_the_colour_bought() {
    let bought = |prompt: &str| offers_bought(prompt, "200", 2);
    // "lanyards" is the whole category: blue was only a ranking hint, and black won on price.
    let blue = bought("50 blue lanyards");
    assert!(!blue.is_empty() && blue.iter().all(|o| o.name.to_lowercase().contains("blue")), "{blue:?}");
    // A colour nobody sells ranks instead of leaving the need unmet.
    assert!(!bought("50 chartreuse lanyards").is_empty());
}

#[test]
fn the_size_asked_is_the_size_bought() {
    let bought = |prompt: &str| offers_bought(prompt, "2000", 7).into_iter().map(|o| o.name).collect::<Vec<_>>();
    // Each of these bought the cheapest-ranked XL or L shirts whatever size was asked.
    for (prompt, size) in [
        ("20 large t-shirts", "Size L,"),
        ("20 medium t-shirts", "Size M,"),
        ("t-shirts in size M for 20 people", "Size M,"),
        ("10 black t-shirts size M", "Size M,"),
        ("20 size M t-shirts", "Size M,"),
        ("20 t-shirts, size L", "Size L,"),
        ("extra large t-shirts for 12", "Size XL,"),
        ("24 XL black t-shirts", "Size XL,"),
        ("12 white t-shirts in L", "Size L,"),
        ("20 L t-shirts", "Size L,"),
        ("50 t-shirts in assorted sizes", "Assorted Sizes"),
        ("50 navy t-shirts, mixed sizes", "Assorted Sizes"),
        // A size nobody sells alone bought XL: the assorted pack holds it, another size does not.
        ("20 small t-shirts", "Assorted Sizes"),
        ("20 XXL t-shirts", "Assorted Sizes"),
    ] {
        let names = bought(prompt);
        assert!(!names.is_empty() && names.iter().all(|n| n.contains(size)), "{prompt}: {names:?}");
    }
    // Gloves whose size is Medium are no large ones; but a size word in a name ("Large Trash
    // Bags") states no size that could conflict: x-large bags are not the 13-gallon kitchen ones.
    assert!(bought("large nitrile gloves").is_empty(), "{:?}", bought("large nitrile gloves"));
    assert!(bought("x-large trash bags").iter().all(|n| !n.contains("13 Gallon")), "{:?}", bought("x-large trash bags"));
}

#[test]
fn a_reason_names_what_was_not_matched_in_the_words_said() {
    // "(not 'xlarge', 'grai')" showed the matching stems, not what the user wrote.
    let flux = flux_without_caps();
    let intent = Intent::new("XL hoodies x 25, 7-port usb hubs x 3", Amount::parse("5000").unwrap(), 7, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    let reason = |item: &str| p.alternatives.iter().find(|a| a.need.item == item).unwrap().options[0].reason.clone();
    assert!(reason("hoodies").contains("(not 'xl')"), "{}", reason("hoodies"));
    let hubs = reason("usb hubs");
    assert!(!hubs.contains("'7port'"), "{hubs}");
    let intent = Intent::new("20 grey water bottles", Amount::parse("5000").unwrap(), 7, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    let reasons: Vec<&str> = p.alternatives.iter().flat_map(|a| a.options.iter().map(|o| o.reason.as_str())).collect();
    assert!(reasons.iter().all(|r| !r.contains("'grai'")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("'grey'")), "{reasons:?}");
}

#[test]
fn what_it_must_be_free_of_or_worth_is_never_traded_away() {
    // "caffeine free red bull" bought caffeinated Red Bull, "gluten free pretzels" ordinary ones,
    // "a gift card worth $75" a $25 card: the catalog labels such freedoms and values, none of
    // these is sold, so each is unmet as not matching.
    let flux = flux_without_caps();
    for prompt in ["caffeine free red bull x 24", "gluten free pretzels x 36", "a gift card worth $75"] {
        let intent = Intent::new(prompt, Amount::parse("5000").unwrap(), 7, Strategy::Balanced).unwrap();
        let p = block_on(flux.orchestrate(&intent)).unwrap();
        assert!(p.cart.lines().is_empty(), "{prompt}: {:?}", p.cart.lines());
        assert_eq!(p.unmet.iter().map(|u| u.reason).collect::<Vec<_>>(), [UnmetReason::DoesNotMatch], "{prompt}");
    }
    // A freedom the category never labels only rules out what it names, and says so; free of
    // sugar, nothing sweet is (gummy bears are no sugar-free ones).
    let intent = Intent::new("msg free chips x 40", Amount::parse("5000").unwrap(), 7, Strategy::Balanced).unwrap();
    let chips = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(chips.cart.lines()[0].reason.contains("(not 'msg-free')"), "{}", chips.cart.lines()[0].reason);
    let intent = Intent::new("sugar free gummy bears x 54", Amount::parse("5000").unwrap(), 7, Strategy::Balanced).unwrap();
    let gummies = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(gummies.cart.lines().is_empty(), "{:?}", gummies.cart.lines());
    // Sold, they are bought, and a tight budget never relaxes them into the sugary kind.
    let p = |prompt: &str, budget: &str| {
        block_on(flux.orchestrate(&Intent::new(prompt, Amount::parse(budget).unwrap(), 7, Strategy::Balanced).unwrap())).unwrap()
    };
    let sugar_free = p("24 sugar free energy drinks", "5000");
    let catalog = EmbeddedCatalog::data();
    assert!(catalog.offer(&sugar_free.cart.lines()[0].id).unwrap().has_tag("sugar-free"));
    let tight = p("24 sugar free energy drinks", "20");
    assert!(tight.cart.lines().is_empty() && tight.unmet.len() == 1, "{:?}", tight.cart.lines());
    assert!(tight.alternatives[0].options.iter().all(|o| catalog.offer(&o.offer_id).unwrap().has_tag("sugar-free")));
    assert!(p("a gift card worth $100", "5000").cart.lines()[0].id.ends_with("visa-100"));
}

#[test]
fn drinks_asked_free_of_caffeine_are_labelled_so() {
    // "no caffeine drinks for 20" became caffeine-free drinks that nothing was labelled as.
    let flux = flux_without_caps();
    let catalog = EmbeddedCatalog::data();
    for prompt in ["no caffeine drinks for 20", "caffeine-free drinks for 20"] {
        let p = block_on(flux.orchestrate(&Intent::new(prompt, Amount::parse("500").unwrap(), 7, Strategy::Balanced).unwrap())).unwrap();
        assert!(!p.cart.lines().is_empty(), "{prompt}: {:?}", p.unmet);
        for l in p.cart.lines() {
            let offer = catalog.offer(&l.id).unwrap();
            assert!(offer.has_tag("caffeine-free") && !offer.has_tag("caffeinated"), "{prompt}: {}", offer.name);
        }
    }
    // A key word of its own is no freedom: "no alcohol please" is a refusal, and it buys drinks.
    let p = block_on(
        flux.orchestrate(&Intent::new("48 drinks, no alcohol please", Amount::parse("500").unwrap(), 7, Strategy::Balanced).unwrap()),
    )
    .unwrap();
    assert!(!p.cart.lines().is_empty(), "{:?}", p.unmet);
}

#[test]
fn an_ap_is_an_access_point() {
    // "4 Ubiquiti APs" bought 4 Ubiquiti gateways: "APs" met nothing, the brand everything.
    for (prompt, brand) in [("4 Ubiquiti APs for the venue", Some("Ubiquiti")), ("6 wifi APs", None)] {
        let bought = offers_bought(prompt, "3000", 7);
        assert!(!bought.is_empty(), "{prompt}: nothing bought");
        for offer in bought {
            assert!(offer.tags.iter().any(|t| t == "access point"), "{prompt}: {}", offer.name);
            assert!(brand.is_none_or(|b| offer.name.starts_with(b)), "{prompt}: {}", offer.name);
        }
    }
}

#[test]
fn table_cloths_are_tablecloths() {
    // "table cloths for 12 round tables" rented a table.
    let bought = offers_bought("table cloths for 12 round tables", "500", 7);
    assert!(!bought.is_empty() && bought.iter().all(|o| o.tags.iter().any(|t| t == "tablecloths")), "{bought:?}");
}

#[test]
fn vegan_or_vegetarian_options_are_labelled_so() {
    // "snacks, vegan options" bought HARIBO gummy bears (gelatin), and "vegetarian options" the
    // same: nothing in the catalog is labelled vegetarian, but what is vegan is.
    for prompt in ["snacks, vegan options", "snacks for 30, vegetarian options please", "vegetarian snacks for 20"] {
        let bought = offers_bought(prompt, "500", 7);
        assert!(!bought.is_empty(), "{prompt}: nothing bought");
        for offer in bought {
            assert!(offer.tags.iter().any(|t| t == "vegan"), "{prompt}: {}", offer.name);
        }
    }
}

#[test]
fn a_diet_or_certification_nothing_is_labelled_with_is_not_assumed() {
    // "halal snacks" and "candy for 50, halal" bought HARIBO gummy bears, "kosher snacks for 20"
    // Welch's Fruit Snacks: gelatin. No snack here is labelled halal or kosher, so none is known
    // to be; but gelatin, pork or uncertified meat are known not to be.
    let forbidden = ["gelatin", "pork", "beef", "chicken", "turkey"];
    for prompt in ["halal snacks", "kosher snacks for 20", "candy for 50, halal", "snacks and candy for 10. We're halal."] {
        let bought = offers_bought(prompt, "500", 7);
        assert!(!bought.is_empty(), "{prompt}: nothing bought");
        for o in bought {
            let text = format!("{} {:?} {}", o.name, o.tags, o.attributes.get("contains").map_or("", String::as_str)).to_lowercase();
            assert!(!forbidden.iter().any(|f| text.contains(f)), "{prompt}: {}", o.name);
        }
    }
    // Beef jerky asked for by a halal group is none the catalog can sell them.
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let intent = Intent::new("We're halal. Snacks and beef jerky for 10", Amount::parse("500").unwrap(), 7, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    assert_eq!(p.unmet.iter().map(|u| (u.item.as_str(), u.reason)).collect::<Vec<_>>(), [("beef jerky", UnmetReason::DoesNotMatch)]);
    assert_eq!(p.cart.lines().len(), 1, "{:?}", p.cart.lines());
    // A certification no offer here is labelled with ("organic") is unknown of every offer: the
    // need is unmet, where "organic snacks" bought gummy bears.
    for prompt in ["organic snacks", "organic coffee for 10"] {
        assert_nothing_matches(&flux, prompt);
    }
    // Where the category labels the diet, the label decides, as before; and gummy bears asked for
    // with no diet are gummy bears.
    let vegan = offers_bought("vegan snacks", "500", 7);
    assert!(!vegan.is_empty() && vegan.iter().all(|o| o.tags.iter().any(|t| t == "vegan")), "{vegan:?}");
    let gummy = offers_bought("gummy bears", "500", 7);
    assert!(!gummy.is_empty() && gummy.iter().all(|o| o.id.ends_with("gummy-bears")), "{gummy:?}");
}
