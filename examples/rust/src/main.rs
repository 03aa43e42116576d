//! `flux-server [--addr HOST:PORT]`: serves the Flux OS HTTP API on the kernel configured by
//! `FLUX_CONFIG` and the other `FLUX_*` variables (the embedded defaults without any: offline
//! parser, demo policy, sandbox settlement). Prints `listening on http://ADDR` once it accepts.

use std::io::Write as _;
use std::sync::Arc;

use flux_core::{Flux, FluxConfig};
use flux_server::{app, Hosts, Origins};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flux-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut addr = std::env::var("FLUX_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".into());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = args.next().ok_or("--addr needs HOST:PORT")?,
            "--help" | "-h" => {
                println!("usage: flux-server [--addr HOST:PORT]   (default 127.0.0.1:8000, or FLUX_ADDR)");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)").into()),
        }
    }
    let config = FluxConfig::from_env()?;
    let flux = Arc::new(Flux::from_config(&config)?);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let local = listener.local_addr()?;
    println!("listening on http://{local}");
    std::io::stdout().flush()?;
    axum::serve(listener, app(flux, &Origins::from_env("FLUX_CORS_ORIGINS"), Hosts::from_env("FLUX_ALLOWED_HOSTS")))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
