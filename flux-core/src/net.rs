//! What every network client of the kernel shares — the LLM parser's HTTP client and the EVM
//! settler's JSON-RPC — so they agree: exponential backoff that honours a server's `Retry-After`,
//! and URLs reduced to `scheme://host[:port]` before they reach a message (paths, queries and
//! user info often carry API keys: `https://rpc.example/v2/KEY`).

#[cfg(any(feature = "llm", feature = "evm"))]
use std::time::Duration;

/// Exponential backoff: `initial`, doubled per attempt, never more than `max`. A delay the server
/// asked for (`Retry-After`) is waited for in full, up to `max_server_wait`.
#[cfg(any(feature = "llm", feature = "evm"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Backoff {
    /// The first delay.
    pub initial: Duration,
    /// The longest computed delay.
    pub max: Duration,
    /// The longest server-requested delay honoured.
    pub max_server_wait: Duration,
}

#[cfg(any(feature = "llm", feature = "evm"))]
impl Backoff {
    /// The delay before retry number `attempt` (0-based), at least what the server asked for.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let computed = self.initial.saturating_mul(1u32 << attempt.min(16)).min(self.max);
        match retry_after {
            Some(asked) => computed.max(asked.min(self.max_server_wait)),
            None => computed,
        }
    }
}

#[cfg(feature = "llm")]
/// A server's requested delay from the `retry-after-ms` header (OpenAI) or `Retry-After` in
/// seconds; HTTP dates are not honoured (the computed backoff applies).
pub(crate) fn retry_after(retry_after_ms: Option<&str>, retry_after: Option<&str>) -> Option<Duration> {
    if let Some(ms) = retry_after_ms.and_then(|v| v.trim().parse::<u64>().ok()) {
        return Some(Duration::from_millis(ms));
    }
    retry_after.and_then(|v| v.trim().parse::<u64>().ok()).map(Duration::from_secs)
}

/// `scheme://host[:port]` of a URL: no user info, path, query or fragment (a backslash ends the
/// host too, as browsers read it).
pub fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) => (s, r),
        _ => return "<url>".to_owned(),
    };
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    format!("{}://{}", scheme.to_ascii_lowercase(), host)
}

/// `text` with every `http(s)://` URL in it reduced by [`redact_url`] (for messages of
/// third-party errors, which quote URLs).
pub(crate) fn scrub_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let Some(pos) = [lower.find("http://"), lower.find("https://")].into_iter().flatten().min() else { break };
        out.push_str(&rest[..pos]);
        let end =
            rest[pos..].find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | ',')).map_or(rest.len(), |e| pos + e);
        out.push_str(&redact_url(&rest[pos..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_everything_but_scheme_and_host() {
        assert_eq!(redact_url("https://user:secret@rpc.example/v2/KEY123?x=1#f"), "https://rpc.example");
        assert_eq!(redact_url("http://127.0.0.1:8545"), "http://127.0.0.1:8545");
        assert_eq!(redact_url("HTTPS://api.openai.com/v1"), "https://api.openai.com");
        assert_eq!(redact_url("not a url KEY123"), "<url>");
        assert_eq!(redact_url("://x/KEY"), "<url>");
        let s = scrub_urls("error sending request for url (https://rpc.example/v2/KEY123): HTTPS://a@b.c/KEY2, then http://h:1/p");
        assert!(!s.contains("KEY"), "{s}");
        assert!(s.contains("https://rpc.example") && s.contains("https://b.c") && s.contains("http://h:1"), "{s}");
    }

    #[test]
    #[cfg(feature = "llm")]
    fn backoff_doubles_caps_and_honours_the_server() {
        let b = Backoff { initial: Duration::from_millis(200), max: Duration::from_secs(5), max_server_wait: Duration::from_secs(30) };
        assert_eq!(b.delay(0, None), Duration::from_millis(200));
        assert_eq!(b.delay(3, None), Duration::from_millis(1600));
        assert_eq!(b.delay(40, None), Duration::from_secs(5));
        assert_eq!(b.delay(0, Some(Duration::from_secs(7))), Duration::from_secs(7));
        assert_eq!(b.delay(0, Some(Duration::from_secs(600))), Duration::from_secs(30));
        assert_eq!(retry_after(Some("1500"), Some("9")), Some(Duration::from_millis(1500)));
        assert_eq!(retry_after(None, Some(" 3 ")), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(None, Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
    }
}
