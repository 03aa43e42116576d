//! `flux-mcp`: an MCP server on the Flux kernel, over stdio (default) or Streamable HTTP on
//! loopback. An agent plans and proposes carts, referred to by id; only the kernel quotes prices,
//! checks the spending policy and pays. See `flux-mcp --help` and the README.

mod app;
mod approvals;
mod approver;
mod carts;
mod cli;
mod errors;
mod execute;
mod http;
mod resources;
mod server;
mod shop;
mod stdio;
mod tools;
mod unique;

use std::process::ExitCode;
use std::sync::Arc;

use flux_core::{Flux, FluxConfig};
use rmcp::ServiceExt;

use crate::app::App;
use crate::approver::ApproverKey;
use crate::cli::{Command, Options};
use crate::server::FluxMcp;

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Run(o)) => o,
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("flux-mcp {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("flux-mcp: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("flux-mcp: cannot start the runtime: {}", e.kind());
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flux-mcp: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The configuration: `--config` stands for `FLUX_CONFIG`; the other `FLUX_*` variables apply.
fn config(options: &Options) -> Result<FluxConfig, String> {
    let file = options.config.as_ref().map(|p| p.to_string_lossy().into_owned());
    let var = |name: &str| match (name, &file) {
        ("FLUX_CONFIG", Some(path)) => Some(path.clone()),
        _ => std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()),
    };
    FluxConfig::from_vars(var).map_err(|e| format!("configuration: {e}"))
}

async fn run(options: Options) -> Result<(), String> {
    let config = config(&options)?;
    let fixed_now_ms = config.now_ms;
    let flux = tokio::task::spawn_blocking(move || Flux::from_config(&config))
        .await
        .map_err(|_| "building the kernel did not finish".to_owned())?
        .map_err(|e| format!("{} ({})", e, e.code()))?;
    let approver = match &options.approver_key_env {
        Some(var) => Some(ApproverKey::from_env(var, flux.policy())?),
        None => None,
    };
    let app = Arc::new(App::new(flux, options.max_carts, approver, fixed_now_ms));
    match options.http {
        Some(addr) => http::serve(app, addr, shutdown()).await,
        None => {
            let service = FluxMcp::new(app).serve(stdio::stdio()).await.map_err(|e| format!("stdio: {e}"))?;
            tokio::select! {
                r = service.waiting() => r.map(drop).map_err(|e| format!("stdio: {e}")),
                () = shutdown() => Ok(()),
            }
        }
    }
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
