//! No code: a dependency of every release host, so that each resolves its shared dependencies
//! with the same features and all share one build of flux-core (see this crate's `Cargo.toml`).
