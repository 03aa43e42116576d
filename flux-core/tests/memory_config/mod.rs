//! `Flux::from_config` for tests: the ledger in memory unless the configuration names one, so a
//! test never writes the user's data directory and tests in one process share no ledger.

use flux_core::{Flux, FluxConfig, FluxError, LedgerSource};

pub fn from_config(config: &FluxConfig) -> Result<Flux, FluxError> {
    let mut config = config.clone();
    if config.ledger == LedgerSource::Default {
        config.ledger = LedgerSource::Memory;
    }
    Flux::from_config(&config)
}
