//! What may be quoted back in a message. Configuration mistakes often put a secret where a name
//! or a path goes (a private key as `key_env`, an API key as the provider, a password as its
//! variable's name, an RPC URL with a key in its path); third-party messages (serde's, a node's)
//! quote what they were given. Every message built from such text passes through here.

use std::fmt;

/// Longest text a message quotes.
const MAX_CHARS: usize = 400;

/// `text` safe to quote: URLs cut to scheme and host, values quoted by serde dropped, runs of 32
/// or more hex digits (keys, seeds, signatures, revert data) replaced, capped in length.
pub(crate) fn text(text: &str) -> String {
    let text = crate::net::scrub_urls(&serde_values(text));
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 32 {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    if out.chars().count() > MAX_CHARS {
        out = out.chars().take(MAX_CHARS).collect::<String>() + "…";
    }
    out
}

/// serde's messages without the values they quote: `invalid type: string "https://h/v2/KEY",
/// expected a sequence` → `invalid type: a string, expected a sequence`; `unknown variant
/// `sk-…``  → `unknown variant`. What was expected, and field names, stay.
fn serde_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let string_at = rest.find("string \"");
        let variant_at = rest.find("unknown variant `");
        match (string_at, variant_at) {
            (Some(s), v) if v.is_none_or(|v| s < v) => {
                out.push_str(&rest[..s]);
                out.push_str("a string");
                rest = skip_quoted(&rest[s + "string \"".len()..], '"');
            }
            (_, Some(v)) => {
                out.push_str(&rest[..v]);
                out.push_str("unknown variant");
                rest = skip_quoted(&rest[v + "unknown variant `".len()..], '`');
            }
            (None, None) => break,
            // Unreachable: `(Some, None)` is the first arm.
            (Some(_), None) => break,
        }
    }
    out.push_str(rest);
    out
}

/// The text after the closing `quote` (backslash escapes skipped); empty if it never closes.
fn skip_quoted(text: &str, quote: char) -> &str {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return &text[i + c.len_utf8()..],
            _ => escaped = false,
        }
    }
    ""
}

/// An environment variable's name as a message may quote it: `$NAME` when it looks like one
/// (upper-case letters, digits and `_`, at most 64, not a hex key), else a placeholder — a
/// lower- or mixed-case "name" is most often the secret itself pasted into the wrong field.
pub(crate) fn var_label(name: &str) -> String {
    let plain = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit()
        && name.bytes().filter(u8::is_ascii_hexdigit).count() < 32;
    if plain {
        format!("${name}")
    } else {
        "the variable named there (its name is not shown: it does not look like one)".to_owned()
    }
}

/// A short word a message may quote (a provider or settler name): lower-case letters, digits,
/// `.`, `-`, `_`, at most 20; anything else is not repeated.
pub(crate) fn word_label(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().count() <= 20
        && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | ' '));
    if plain {
        format!("{word:?}")
    } else {
        "(not shown)".to_owned()
    }
}

/// `Debug` of text through [`text`]: for paths and URLs in configuration types.
pub(crate) struct Redacted<'a>(pub &'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", text(self.0))
    }
}

/// `Debug` of an environment variable's name through [`var_label`].
pub(crate) struct VarName<'a>(pub &'a str);

impl fmt::Debug for VarName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&var_label(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_values_and_keys_are_not_quoted() {
        let m = text(r#"invalid type: string "https://u:p@h/v2/KEY\"x", expected a sequence at line 1"#);
        assert_eq!(m, "invalid type: a string, expected a sequence at line 1");
        assert_eq!(text("unknown variant `sk-live-123`, expected one of `a`, `b`"), "unknown variant, expected one of `a`, `b`");
        assert_eq!(text("unknown field `api_key`, expected `provider`"), "unknown field `api_key`, expected `provider`");
        let key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        assert_eq!(text(&format!("cannot read {key}: gone")), "cannot read <redacted>: gone");
        assert_eq!(text("unterminated string \"abc"), "unterminated a string");
    }

    #[test]
    fn names_that_are_not_names_are_not_repeated() {
        assert_eq!(var_label("OPENAI_API_KEY"), "$OPENAI_API_KEY");
        for secret in ["sk_live_abc", "CorrectHorse42", "4C0883A69102937D6231471B5DBB6204FE5129617082792AE468D01A3F362318", ""] {
            assert!(!var_label(secret).contains(secret) || secret.is_empty(), "{secret}");
        }
        assert_eq!(word_label("openaii"), "\"openaii\"");
        assert_eq!(word_label("sk-scanAPIkey-7Hq2Lw9Xe4Rt6Yu1"), "(not shown)");
    }
}
