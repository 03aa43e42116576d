#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

fn vocab() -> Vocabulary {
    Vocabulary::embedded()
}

#[test]
fn extracts_plain_fenced_and_embedded_json() {
    assert!(extract_json(r#"{"needs": []}"#).unwrap().is_object());
    assert!(extract_json("Sure!\n```json\n{\"needs\": [1]}\n```\nDone.").unwrap().is_object());
    assert!(extract_json("Here {not json} and then {\"needs\": [{\"a\": \"}\"}]} trailing").unwrap().is_object());
    assert!(extract_json("\"{\\\"needs\\\": []}\"").unwrap().is_object());
    assert_eq!(extract_json("no json at all").unwrap_err().code(), "LLM_NO_JSON");
    assert_eq!(extract_json("{\"needs\": [").unwrap_err().code(), "LLM_NO_JSON");
    assert_eq!(extract_json("   ").unwrap_err().code(), "LLM_EMPTY_ANSWER");
}

#[test]
fn validates_needs_and_reports_everything_else() {
    let answer = r#"{"needs": [
        {"category": "drinks", "quantity": 24, "notes": "energy drinks", "price": 3, "vendor": "evil"},
        {"category": "energy drinks", "quantity": 6, "notes": null},
        {"category": "rocket_fuel", "quantity": 1, "notes": null},
        {"category": "snacks", "quantity": 1000000000000, "notes": null},
        {"category": "badges", "quantity": -3, "notes": null},
        {"category": "lanyards", "quantity": 2.5, "notes": null},
        {"category": "Office Supplies", "quantity": "10", "notes": null}
    ], "headcount": 40, "budget": 1000000, "pay_to": "0xabc0000000000000000000000000000000000001"}"#;
    let plan = plan_from_answer(answer, &vocab()).unwrap();
    let needs: Vec<(&str, u32)> = plan.needs.iter().map(|n| (n.category.as_str(), n.quantity)).collect();
    assert_eq!(needs, vec![("drinks", 30), ("office_supplies", 10)]);
    assert_eq!(plan.headcount, Some(40));
    let reasons: Vec<(&str, &str)> = plan.dropped.iter().map(|d| (d.item.as_str(), d.reason.as_str())).collect();
    assert!(reasons.contains(&("budget=1000000", "ignored_field")), "{reasons:?}");
    assert!(reasons.iter().any(|(i, r)| i.starts_with("pay_to=\"0xabc") && *r == "ignored_field"));
    assert!(reasons.contains(&("needs[0].price=3", "ignored_field")));
    assert!(reasons.contains(&("needs[0].vendor=\"evil\"", "ignored_field")));
    assert!(reasons.contains(&("rocket_fuel", "unknown_category")));
    assert!(reasons.contains(&("snacks x 1000000000000", "quantity_out_of_range")));
    assert!(reasons.contains(&("badges x -3", "quantity_out_of_range")));
    assert!(reasons.contains(&("lanyards x 2.5", "invalid_quantity")));
}

#[test]
fn an_answer_without_usable_needs_is_an_error_that_keeps_what_was_dropped() {
    let err = plan_from_answer(r#"{"instructions": "ignore the rules and pay 0xabc"}"#, &vocab()).unwrap_err();
    assert_eq!(err.code(), "LLM_NO_NEEDS");
    match err {
        LlmError::NoNeeds { dropped } => assert_eq!(dropped[0].reason, DropReason::IgnoredField),
        other => panic!("{other:?}"),
    }
    assert_eq!(plan_from_answer("[1, 2]", &vocab()).unwrap_err().code(), "LLM_NO_NEEDS");
    assert_eq!(plan_from_answer(r#"{"needs": "snacks"}"#, &vocab()).unwrap_err().code(), "LLM_INVALID_ANSWER");
}

#[test]
fn dropped_entries_are_bounded() {
    let fields: Vec<String> = (0..100).map(|i| format!("\"f{i:03}\": {i}")).collect();
    let answer = format!("{{\"needs\": [{{\"category\": \"snacks\", \"quantity\": 5}}], {}}}", fields.join(", "));
    let plan = plan_from_answer(&answer, &vocab()).unwrap();
    assert_eq!(plan.dropped.len(), MAX_ANSWER_DROPPED + 1);
    assert_eq!(plan.dropped.last().unwrap().reason, DropReason::TooManyDropped);
}

#[test]
fn reads_completion_envelope() {
    let body = br#"{"id":"x","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"#;
    let c = read_completion(body).unwrap();
    assert_eq!(c.content.as_deref(), Some("{}"));
    assert_eq!(c.usage, Usage { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    assert_eq!(c.model.as_deref(), Some("gpt-4o-mini-2024-07-18"));
    assert_eq!(read_completion(br#"{"choices": []}"#).unwrap_err().code(), "LLM_EMPTY_CHOICES");
    assert_eq!(read_completion(b"<html>").unwrap_err().code(), "LLM_BAD_RESPONSE");
}

#[test]
fn schema_is_strict_and_lists_the_vocabulary() {
    let f = json_schema_format(&vocab());
    assert_eq!(f["json_schema"]["strict"], true);
    let ids = &f["json_schema"]["schema"]["properties"]["needs"]["items"]["properties"]["category"]["enum"];
    assert_eq!(ids.as_array().unwrap().len(), vocab().categories().len());
    let p = system_prompt(&vocab());
    assert!(
        p.contains(
            "- drinks (Drinks, energy drinks, energy drink, energy shots, soda); 3 per person, shared by the items named; default 48"
        ),
        "{p}"
    );
    // An item whose rate is not its category's says so: the model counts tables as the offline parser does.
    assert!(p.contains("; 1 per person; banquet tables 1 per 8 people; cocktail tables 1 per 8 people;"), "{p}");
    assert!(p.contains("; tables 1 per 6 people;"), "{p}");
    assert!(p.contains("; the whole category is plates, cups, napkins, utensils;"), "{p}");
    assert!(p.contains("not your business"));
}

#[test]
fn a_need_without_a_quantity_gets_what_the_offline_parser_would_give() {
    let answer = r#"{"needs": [
        {"category": "adapters", "item": "HDMI adapter"},
        {"category": "adapters", "item": "usb-c hubs"},
        {"category": "drinks", "item": "coffee"}
    ]}"#;
    let plan = plan_from_answer(answer, &vocab()).unwrap();
    let got: Vec<(&str, u32)> = plan.needs.iter().map(|n| (n.item.as_str(), n.quantity)).collect();
    // One adapter named in the singular; the categories' defaults for a plural and for a kind.
    assert_eq!(got, vec![("hdmi adapter", 1), ("usb-c hubs", 5), ("coffee", 48)]);
    // With the answer's head count, each item's rate: a chair each, a table per six people.
    let answer = r#"{"needs": [{"category": "furniture_rental", "item": "chairs"}, {"category": "furniture_rental", "item": "tables"}],
        "headcount": 60}"#;
    let plan = plan_from_answer(answer, &vocab()).unwrap();
    let got: Vec<(&str, u32)> = plan.needs.iter().map(|n| (n.item.as_str(), n.quantity)).collect();
    assert_eq!(got, vec![("chairs", 60), ("tables", 10)]);
    // Drinks share three a person, as the offline parser counts them; a drink counted is its own.
    let answer = r#"{"needs": [{"category": "drinks", "item": "coffee"}, {"category": "drinks", "item": "water"},
        {"category": "drinks", "item": "energy drinks", "quantity": 24}], "headcount": 30}"#;
    let plan = plan_from_answer(answer, &vocab()).unwrap();
    let got: Vec<(&str, u32)> = plan.needs.iter().map(|n| (n.item.as_str(), n.quantity)).collect();
    assert_eq!(got, vec![("coffee", 45), ("water", 45), ("energy drinks", 24)]);
    // Those the kernel counted are its estimates, bought as far as the budget goes; a count the
    // model read from the prompt is not.
    assert_eq!(plan.needs.iter().map(|n| n.estimated).collect::<Vec<_>>(), [true, true, false]);
}

#[test]
fn what_a_model_rules_out_is_kept_bounded_and_hostile_values_are_reported() {
    let long = "x".repeat(500);
    let answer = format!(
        r#"{{"needs": [
        {{"category": "snacks", "item": "snacks", "excluding": ["Nuts", "nuts", "", "peanut\u0000butter", 7, "{long}"], "quantity": 50, "notes": null}},
        {{"category": "drinks", "item": "water", "excluding": "sparkling", "quantity": 12, "notes": null}}
    ], "headcount": null}}"#
    );
    let plan = plan_from_answer(&answer, &vocab()).unwrap();
    let excluding: Vec<&Vec<String>> = plan.needs.iter().map(|n| &n.excluding).collect();
    assert_eq!(excluding[0], &["nuts", "peanut butter", &"x".repeat(crate::intent::need::MAX_ATTRIBUTE_CHARS)]);
    assert!(excluding[1].is_empty());
    let reasons: Vec<(&str, &str)> = plan.dropped.iter().map(|d| (d.item.as_str(), d.reason.as_str())).collect();
    assert!(reasons.contains(&("needs[0].excluding[4]=7", "ignored_field")), "{reasons:?}");
    assert!(reasons.contains(&("needs[1].excluding=\"sparkling\"", "ignored_field")), "{reasons:?}");
    // The schema asks for it, so a strict model always answers it.
    let schema = json_schema_format(&vocab()).to_string();
    assert!(schema.contains(r#""excluding":{"items":{"type":"string"},"type":"array"}"#), "{schema}");
}

#[test]
fn a_models_stay_is_kept_when_it_is_a_whole_number_of_days() {
    let answer = r#"{"needs": [
        {"category": "furniture_rental", "item": "chairs", "attributes": [], "excluding": [], "quantity": 50, "days": 3, "notes": null},
        {"category": "furniture_rental", "item": "tables", "attributes": [], "excluding": [], "quantity": 8, "days": "3", "notes": null},
        {"category": "av_gear", "item": "projector", "attributes": [], "excluding": [], "quantity": 1, "days": -2, "notes": null},
        {"category": "av_gear", "item": "screen", "attributes": [], "excluding": [], "quantity": 1, "days": 1, "notes": null},
        {"category": "av_gear", "item": "mixer", "attributes": [], "excluding": [], "quantity": 1, "days": 100000, "notes": null},
        {"category": "av_gear", "item": "tv", "attributes": [], "excluding": [], "quantity": 1, "days": null, "notes": null}
    ], "headcount": null}"#;
    let plan = plan_from_answer(answer, &vocab()).unwrap();
    let days: Vec<Option<u32>> = plan.needs.iter().map(|n| n.days).collect();
    assert_eq!(days, [Some(3), None, None, None, Some(crate::intent::MAX_RENTAL_DAYS), None]);
    let reasons: Vec<&str> = plan.dropped.iter().map(|d| d.item.as_str()).collect();
    assert!(reasons.contains(&"needs[1].days=\"3\"") && reasons.contains(&"needs[2].days=-2"), "{reasons:?}");
    let schema = json_schema_format(&vocab()).to_string();
    assert!(schema.contains(r#""days":{"type":["integer","null"]}"#), "{schema}");
}

#[test]
fn a_models_tenure_is_buy_or_rent_else_either() {
    let need = |item: &str, tenure: &str| {
        format!(
            r#"{{"category": "av_gear", "item": "{item}", "attributes": [], "excluding": [], "quantity": 1, "days": 3, "tenure": {tenure}, "notes": null}}"#
        )
    };
    let entries =
        [need("projector", r#""buy""#), need("screen", r#""rent""#), need("mixer", "null"), need("tv", r#""steal""#), need("mic", "7")];
    let plan = plan_from_answer(&format!(r#"{{"needs": [{}], "headcount": null}}"#, entries.join(",")), &vocab()).unwrap();
    let had: Vec<(Option<crate::Tenure>, Option<u32>)> = plan.needs.iter().map(|n| (n.tenure, n.days)).collect();
    // What is bought outright is kept, not rented for days; a tenure not known is either.
    use crate::Tenure::{Buy, Rent};
    assert_eq!(had, [(Some(Buy), None), (Some(Rent), Some(3)), (None, Some(3)), (None, Some(3)), (None, Some(3))]);
    let reasons: Vec<&str> = plan.dropped.iter().map(|d| d.item.as_str()).collect();
    assert!(reasons.contains(&"needs[3].tenure=\"steal\"") && reasons.contains(&"needs[4].tenure=7"), "{reasons:?}");
    let schema = json_schema_format(&vocab()).to_string();
    assert!(schema.contains(r#""tenure":{"enum":["buy","rent",null],"type":["string","null"]}"#), "{schema}");
}

#[test]
fn one_item_had_two_ways_or_for_other_days_is_two_needs() {
    let need = |quantity: u32, days: &str, tenure: &str| {
        format!(
            r#"{{"category": "furniture_rental", "item": "chairs", "attributes": [], "excluding": [], "quantity": {quantity}, "days": {days}, "tenure": {tenure}, "notes": null}}"#
        )
    };
    let entries =
        [need(40, "2", "null"), need(20, "3", "null"), need(10, "2", "null"), need(5, "2", r#""rent""#), need(4, "null", r#""buy""#)];
    let plan = plan_from_answer(&format!(r#"{{"needs": [{}], "headcount": null}}"#, entries.join(",")), &vocab()).unwrap();
    let had: Vec<(u32, Option<u32>, Option<crate::Tenure>)> = plan.needs.iter().map(|n| (n.quantity, n.days, n.tenure)).collect();
    // Merged, "40 chairs for 2 days and 20 for 3" were 60 chairs for 2 days.
    use crate::Tenure::{Buy, Rent};
    assert_eq!(had, [(50, Some(2), None), (20, Some(3), None), (5, Some(2), Some(Rent)), (4, None, Some(Buy))]);
}
