//! What this build of the core can do: the cargo features it was compiled with, read from the
//! build itself, so every binding reports the same truth (`fluxos.FEATURES`, the npm package's
//! `FEATURES`, `flux_mobile.features()`) instead of a list of its own.

/// The flux-core features compiled in that a host can use, in a fixed order (not the build-time
/// `schema`). The bindings build the core with its `host` set: `["signing", "evm", "llm",
/// "http-catalog", "pdf", "sqlite", "postgres"]`.
pub const FEATURES: &[&str] = &[
    #[cfg(feature = "signing")]
    "signing",
    #[cfg(feature = "evm")]
    "evm",
    #[cfg(feature = "llm")]
    "llm",
    #[cfg(feature = "http-catalog")]
    "http-catalog",
    #[cfg(feature = "pdf")]
    "pdf",
    #[cfg(feature = "sqlite")]
    "sqlite",
    #[cfg(feature = "postgres")]
    "postgres",
];

#[cfg(test)]
mod tests {
    use super::FEATURES;

    #[test]
    fn features_are_the_ones_compiled_in() {
        let compiled = [
            ("signing", cfg!(feature = "signing")),
            ("evm", cfg!(feature = "evm")),
            ("llm", cfg!(feature = "llm")),
            ("http-catalog", cfg!(feature = "http-catalog")),
            ("pdf", cfg!(feature = "pdf")),
            ("sqlite", cfg!(feature = "sqlite")),
            ("postgres", cfg!(feature = "postgres")),
        ];
        for (name, on) in compiled {
            assert_eq!(FEATURES.contains(&name), on, "{name}");
        }
    }
}
