//! Where to buy: the stores a prompt asks for and rules out, per item.

use super::*;

/// (item, quantity, stores asked for, stores ruled out) of every need.
fn stores(prompt: &str) -> Vec<(String, u32, Vec<String>, Vec<String>)> {
    read_plan(prompt).needs.into_iter().map(|n| (n.item, n.quantity, n.merchants, n.excluding_merchants)).collect()
}

fn s(item: &str, quantity: u32, asked: &[&str], ruled_out: &[&str]) -> (String, u32, Vec<String>, Vec<String>) {
    let list = |l: &[&str]| l.iter().map(|m| (*m).to_owned()).collect();
    (item.to_owned(), quantity, list(asked), list(ruled_out))
}

#[test]
fn a_store_asked_for_is_for_the_items_said_with_it() {
    let amazon = ["amazon"];
    for prompt in [
        "24 energy drinks from amazon only",
        "24 energy drinks from Amazon",
        "24 energy drinks, amazon only",
        "only from amazon: 24 energy drinks",
        "Please order from Amazon. 24 energy drinks",
        "24 energy drinks. Amazon only.",
        "24 energy drinks on amazon",
        "24 energy drinks via Amazon exclusively",
    ] {
        assert_eq!(stores(prompt), vec![s("energy drinks", 24, &amazon, &[])], "{prompt}");
    }
    // After what the item is without: the store is still asked for ("from amazon only" was lost
    // and the snacks bought at walmart).
    for prompt in ["snacks without nuts from amazon only", "snacks with no nuts from amazon", "snacks without nuts, only from amazon"] {
        let got = stores(prompt);
        assert_eq!(
            got.iter().map(|(i, _, a, r)| (i.as_str(), a.clone(), r.clone())).collect::<Vec<_>>(),
            [("snacks", vec!["amazon".to_owned()], vec![])],
            "{prompt}"
        );
    }
    // A refusal joined to the item is still one: the store goes with what is refused.
    for prompt in ["30 badges and no lanyards from amazon", "24 energy drinks but no red bull from walmart"] {
        assert!(stores(prompt).iter().all(|(_, _, asked, _)| asked.is_empty()), "{prompt}: {:?}", stores(prompt));
    }
    // The name as the catalog writes it, in two words, or by its id.
    for prompt in ["5 usb-c hubs from TechData", "5 usb-c hubs from tech data", "5 usb-c hubs at tech direct"] {
        assert_eq!(stores(prompt), vec![s("usb-c hubs", 5, &["tech_direct"], &[])], "{prompt}");
    }
    assert_eq!(
        stores("snacks, 24 energy drinks and badges, all from amazon"),
        vec![s("snacks", 50, &amazon, &[]), s("energy drinks", 24, &amazon, &[]), s("badges", 50, &amazon, &[])]
    );
    assert_eq!(
        stores("24 energy drinks from amazon, 5 usb-c hubs from techdata"),
        vec![s("energy drinks", 24, &amazon, &[]), s("usb-c hubs", 5, &["tech_direct"], &[])]
    );
    assert_eq!(
        stores("From Walmart: snacks, 24 energy drinks.\nFrom Amazon: 100 badges"),
        vec![s("snacks", 50, &["walmart"], &[]), s("energy drinks", 24, &["walmart"], &[]), s("badges", 100, &amazon, &[])]
    );
    // After the last store asked for, an item may come from anywhere.
    assert_eq!(
        stores("24 energy drinks from amazon, and 100 badges"),
        vec![s("energy drinks", 24, &amazon, &[]), s("badges", 100, &[], &[])]
    );
    assert_eq!(stores("24 energy drinks from amazon or walmart"), vec![s("energy drinks", 24, &["amazon", "walmart"], &[])]);
    // Back over a list that counts nothing, not over another counted item or sentence.
    assert_eq!(
        stores("snacks, drinks and badges from amazon"),
        vec![s("snacks", 50, &amazon, &[]), s("drinks", 48, &amazon, &[]), s("badges", 50, &amazon, &[])]
    );
    let hubs = |prompt: &str| stores(prompt).into_iter().map(|(item, _, asked, _)| (item, asked)).collect::<Vec<_>>();
    for prompt in ["24 energy drinks. Also 5 usb-c hubs from techdata", "snacks for the team, and 5 usb-c hubs from techdata"] {
        let got = hubs(prompt);
        assert_eq!(got.last(), Some(&("usb-c hubs".to_owned(), vec!["tech_direct".to_owned()])), "{prompt}");
        assert!(got[..got.len() - 1].iter().all(|(_, asked)| asked.is_empty()), "{prompt}: {got:?}");
    }
}

#[test]
fn a_store_the_catalog_does_not_sell_from_is_still_the_only_one_asked_for() {
    for (prompt, store) in [
        ("24 energy drinks, only from target", "target"),
        ("24 energy drinks from best buy only", "best buy"),
        ("24 energy drinks, only from local shops", "local shops"),
    ] {
        assert_eq!(stores(prompt), vec![s("energy drinks", 24, &[store], &[])], "{prompt}");
    }
    // Without "only", or naming no store, nothing is asked of where.
    for prompt in ["24 energy drinks from target", "snacks only from the list", "24 energy drinks from stock"] {
        assert!(stores(prompt).iter().all(|(_, _, asked, _)| asked.is_empty()), "{prompt}");
    }
}

#[test]
fn a_store_wished_for_is_no_rule() {
    for prompt in
        ["24 energy drinks, preferably from amazon", "24 energy drinks, not only from amazon", "24 energy drinks from amazon if possible"]
    {
        assert_eq!(stores(prompt), vec![s("energy drinks", 24, &[], &[])], "{prompt}");
    }
}

#[test]
fn a_store_ruled_out_is_ruled_out_for_every_item() {
    let no_walmart = |item: &str, n: u32| s(item, n, &[], &["walmart"]);
    for prompt in [
        "24 energy drinks, no walmart",
        "24 energy drinks, not from walmart",
        "24 energy drinks but nothing from Walmart",
        "don't buy from walmart. 24 energy drinks",
        "we don't want anything from walmart: 24 energy drinks",
        "24 energy drinks from anywhere but walmart",
        "24 energy drinks, avoid walmart",
    ] {
        assert_eq!(stores(prompt), vec![no_walmart("energy drinks", 24)], "{prompt}");
    }
    assert_eq!(stores("snacks and 24 energy drinks, no walmart"), vec![no_walmart("snacks", 50), no_walmart("energy drinks", 24)]);
    assert_eq!(stores("24 energy drinks, no amazon or walmart"), vec![s("energy drinks", 24, &[], &["amazon", "walmart"])]);
}

#[test]
fn a_store_name_without_words_of_where_asks_nothing() {
    // No store was asked for: the words are read as before.
    for prompt in ["the amazon order: 24 energy drinks", "24 energy drinks like last time amazon"] {
        assert!(stores(prompt).iter().all(|(_, _, asked, out)| asked.is_empty() && out.is_empty()), "{prompt}");
    }
    // "no snacks from walmart" refuses the snacks; it asks nothing of walmart for the drinks.
    assert_eq!(stores("no snacks from walmart, 24 energy drinks"), vec![s("energy drinks", 24, &[], &[])]);
    // The words of a store are not what an item rules out ("no walmart" was "without walmart").
    assert!(read_plan("24 energy drinks, no walmart").needs.iter().all(|n| n.excluding.is_empty()));
}

#[test]
fn without_a_catalog_no_store_is_known() {
    // The bare vocabulary knows no merchants: the prompt reads as it always did.
    let plan = plan("24 energy drinks from amazon only");
    assert!(plan.needs.iter().all(|n| n.merchants.is_empty() && n.excluding_merchants.is_empty()));
}

#[test]
fn where_the_goods_go_names_no_item() {
    // "loading dock" named a USB-C dock, "Projector room 2" a projector.
    for prompt in [
        "10 badges (ship to loading dock)",
        "10 badges, deliver to building B loading dock",
        "10 badges delivered to Projector room 2",
        "10 badges, send them to Room 204",
        "10 badges, drop off at the projector room",
    ] {
        assert_eq!(q(prompt), iq(&[("badges", 10)]), "{prompt}");
    }
    // The place ends where the list goes on, and shipping that goes nowhere is no place.
    assert_eq!(q("ship to the office: 24 energy drinks, 4 usb-c hubs"), iq(&[("energy drinks", 24), ("usb-c hubs", 4)]));
    assert_eq!(q("24 energy drinks delivered to room 2, and 4 usb-c hubs"), iq(&[("energy drinks", 24), ("usb-c hubs", 4)]));
    assert_eq!(q("free shipping on 24 energy drinks"), iq(&[("energy drinks", 24)]));
    // Where a thing goes is no other thing: "10 power strips, under the desks" bought 20 desks.
    assert_eq!(q("10 power strips, under the desks"), iq(&[("power strips", 10)]));
    assert_eq!(q("snacks under $5"), q("snacks, max $5"));
}

#[test]
fn a_store_said_alone_after_an_item_or_heading_a_list_is_asked_for() {
    // "10 hdmi cables, walmart please" bought at Amazon and reported "walmart" as unread;
    // "buy from Target: 50 plates" bought at Walmart without a word.
    for prompt in ["10 hdmi cables, walmart please", "10 hdmi cables (walmart)"] {
        assert_eq!(stores(prompt), [("hdmi cables".to_owned(), 10, vec!["walmart".to_owned()], vec![])], "{prompt}");
    }
    assert_eq!(stores("buy from Target: 50 plates"), [("plates".to_owned(), 50, vec!["target".to_owned()], vec![])]);
    // A name that is no request: part of a title, or of an item.
    assert_eq!(stores("the walmart order: 10 hdmi cables")[0].2, Vec::<String>::new());
    assert_eq!(stores("snacks from home, 24 energy drinks").iter().map(|s| s.2.len()).sum::<usize>(), 0);
}

#[test]
fn a_heading_is_a_store_only_when_bought_from_and_a_card_s_brand_is_none() {
    for prompt in ["At minimum: 20 chairs", "From marketing: 20 chairs", "On Monday: 20 chairs"] {
        assert_eq!(stores(prompt), [s("chairs", 20, &[], &[])], "{prompt}");
    }
    assert_eq!(stores("10 gift cards, amazon"), [s("gift cards", 10, &[], &[])]);
}
