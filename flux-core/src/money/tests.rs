#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

fn units(s: &str) -> Result<u64, AmountError> {
    Amount::parse(s).map(Amount::units)
}

#[test]
fn parses_exact_text() {
    assert_eq!(units("45").unwrap(), 45_000_000);
    assert_eq!(units("45.5").unwrap(), 45_500_000);
    assert_eq!(units("45.123456").unwrap(), 45_123_456);
    assert_eq!(units("0.000001").unwrap(), 1);
    assert_eq!(units(".5").unwrap(), 500_000);
    assert_eq!(units("5.").unwrap(), 5_000_000);
    assert_eq!(units("1.5e3").unwrap(), 1_500_000_000);
    assert_eq!(units("15E-1").unwrap(), 1_500_000);
    assert_eq!(units("45.1000000").unwrap(), 45_100_000, "trailing zeros are exact");
    assert_eq!(units("0").unwrap(), 0);
    assert_eq!(units("+3").unwrap(), 3_000_000);
    assert_eq!(units("1e0000001").unwrap(), 10_000_000, "leading zeros in the exponent");
    assert_eq!(units("1e-0000001").unwrap(), 100_000);
    assert_eq!(units("5e000").unwrap(), 5_000_000);
}

#[test]
fn rejects_bad_text_with_a_stable_code() {
    let cases = [
        ("-1", "negative"),
        ("-0", "negative"),
        ("NaN", "not a finite"),
        ("Infinity", "not a finite"),
        ("inf", "not a finite"),
        ("1e400", "out of range"),
        ("45.1234567", "decimal places"),
        ("0.0000001", "decimal places"),
        ("1e-7", "decimal places"),
        ("18446744073709551616", "out of range"),
        ("1000000000001", "out of range"),
        ("", "empty"),
        ("12abc", "not a decimal"),
        ("1.2.3", "not a decimal"),
        ("0x10", "not a decimal"),
        ("1e", "not a decimal"),
        (".", "not a decimal"),
    ];
    for (text, why) in cases {
        let err = Amount::parse(text).unwrap_err();
        assert_eq!(err.code(), "INVALID_AMOUNT", "{text}");
        assert!(err.to_string().contains(why), "{text}: {err}");
    }
}

#[test]
fn formats_canonically_and_round_trips() {
    for (s, canon) in [("45.50", "45.5"), ("45", "45"), ("0.000001", "0.000001"), ("1e2", "100")] {
        let a = Amount::parse(s).unwrap();
        assert_eq!(a.to_string(), canon);
        assert_eq!(Amount::parse(&a.to_string()).unwrap(), a);
    }
    assert_eq!(Amount::parse("45.5").unwrap().to_display_string(), "45.50");
    assert_eq!(Amount::parse("45.123").unwrap().to_display_string(), "45.123");
}

#[test]
fn json_numbers_are_read_from_their_text_not_a_float() {
    #[derive(Debug, Deserialize)]
    struct Body {
        #[allow(dead_code)]
        price: Amount,
    }
    let ok: Body = serde_json::from_str(r#"{"price": 45.5}"#).unwrap();
    assert_eq!(ok.price.units(), 45_500_000);
    let ok: Body = serde_json::from_str(r#"{"price": "45.123456"}"#).unwrap();
    assert_eq!(ok.price.units(), 45_123_456);
    // A float round trip would read this as 0.1 and accept it.
    assert!(serde_json::from_str::<Body>(r#"{"price": 0.1000000000000000000001}"#).is_err());
    assert!(serde_json::from_str::<Body>(r#"{"price": 1e400}"#).is_err());
    assert!(serde_json::from_str::<Body>(r#"{"price": -3}"#).is_err());
    assert!(serde_json::from_str::<Body>(r#"{"price": true}"#).is_err());
    assert!(serde_json::from_str::<Body>(r#"{"price": null}"#).is_err());
    assert!(serde_json::from_str::<Body>(r#"{"price": [1]}"#).is_err());
    // A serde_json::Value has already turned fractions into binary floats: through it, the
    // raw text is the Value's shortest rendering (documented; the from_str path is exact).
    let v = serde_json::json!({"price": 12.25});
    assert_eq!(serde_json::from_value::<Body>(v).unwrap().price.units(), 12_250_000);
    let v = serde_json::json!({"price": "12.25", "other": 1});
    assert_eq!(serde_json::from_value::<Body>(v).unwrap().price.units(), 12_250_000);
    let v = serde_json::json!({"price": 12});
    assert_eq!(serde_json::from_value::<Body>(v).unwrap().price.units(), 12_000_000);
    // A TOML float is a binary float: refused, not guessed.
    assert!(toml::from_str::<Body>("price = 7.5").unwrap_err().to_string().contains("binary float"));
    // TOML: strings and integers exact.
    let t: Body = toml::from_str("price = \"7.77\"").unwrap();
    assert_eq!(t.price.units(), 7_770_000);
    let t: Body = toml::from_str("price = 7").unwrap();
    assert_eq!(t.price.units(), 7_000_000);
}

#[test]
fn checked_math() {
    let a = Amount::whole(2);
    assert_eq!(a.checked_mul(3).unwrap(), Amount::whole(6));
    assert!(Amount::MAX.checked_add(Amount::from_units(1).unwrap()).is_err());
    assert!(Amount::ZERO.checked_sub(a).is_err());
    assert!(Amount::MAX.checked_mul(2).is_err());
    assert_eq!(Amount::parse("10").unwrap().discounted(500), Amount::parse("9.5").unwrap());
    assert_eq!(Amount::from_units(3).unwrap().discounted(5_000).units(), 2, "half-up");
}

#[test]
fn native_is_18_decimals() {
    let n = NativeAmount::parse("0.02").unwrap();
    assert_eq!(n.wei(), 20_000_000_000_000_000);
    assert_eq!(n.to_string(), "0.02");
    assert!(NativeAmount::parse("1e-19").is_err());
}

#[test]
fn units_text_is_the_shortest_exact_decimal() {
    // The plain long-hand rule the stack writer must agree with.
    fn long_hand(units: u128, decimals: u32) -> String {
        let scale = 10u128.pow(decimals);
        let (int, frac) = (units / scale, units % scale);
        if frac == 0 {
            return int.to_string();
        }
        format!("{int}.{}", format!("{frac:0width$}", width = decimals as usize).trim_end_matches('0'))
    }
    let mut x: u128 = 0x9E37_79B9_7F4A_7C15;
    let mut cases = vec![0, 1, 9, 10, 100_000, 1_000_000, 45_500_000, 45_123_456, 999_999, u128::from(u64::MAX), u128::MAX];
    for _ in 0..2_000 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        cases.push(x >> (x % 120));
    }
    for units in cases {
        for decimals in [0, 6, 18] {
            assert_eq!(UnitsText::new(units, decimals).as_str(), long_hand(units, decimals), "{units} at {decimals} decimals");
        }
    }
    assert_eq!(Amount::from_units(1).unwrap().to_string(), "0.000001");
    assert_eq!(serde_json::to_string(&Amount::from_units(45_500_000).unwrap()).unwrap(), "\"45.5\"");
    assert_eq!(crate::to_canonical_json(&Amount::from_units(45_000_000).unwrap()), "\"45\"");
}
