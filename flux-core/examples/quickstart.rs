//! The main job on the embedded defaults: offline parser, embedded catalog, demo policy, and a
//! sandbox settlement: real signed EIP-1559 USDC transfers (public sandbox key, never funded),
//! with no keys and no network.
//!
//! `cargo run --example quickstart -- "hackathon kit for 60 people: snacks, badges, prizes" 400 5 balanced`

use std::io::{ErrorKind, Write};

use flux_core::{block_on, Amount, Decision, Flux, FluxError, Intent, Strategy};

/// Why the run stopped: the kernel's error, or standard output gone.
enum Failure {
    Flux(FluxError),
    Output(std::io::Error),
}

impl From<FluxError> for Failure {
    fn from(e: FluxError) -> Failure {
        Failure::Flux(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Output(e)
    }
}

fn main() {
    match run() {
        Ok(()) => {}
        // `quickstart | head`: the reader has what it wanted.
        Err(Failure::Output(e)) if e.kind() == ErrorKind::BrokenPipe => {}
        Err(Failure::Output(e)) => {
            eprintln!("error: cannot write the output: {e}");
            std::process::exit(1);
        }
        Err(Failure::Flux(e)) => {
            eprintln!("error [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}

/// The intent of the command line: prompt, budget, deadline in days, strategy.
fn intent_from_args() -> Result<Intent, FluxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let prompt = args.first().map_or("hackathon kit for 60 people: snacks, 24 energy drinks, badges, prizes, usb-c hubs", String::as_str);
    let budget = Amount::parse(args.get(1).map_or("600", String::as_str))?;
    // "3d" or "-1" is an error, not a silent default; without one, the library's default, which
    // gives way to a deadline the prompt states ("needed tomorrow").
    let deadline = Intent::deadline_from_text(args.get(2).map(String::as_str))?;
    let strategy = Strategy::from_name(args.get(3).map_or("balanced", String::as_str))?;
    Ok(Intent::new(prompt, budget, deadline, strategy)?)
}

fn run() -> Result<(), Failure> {
    let intent = intent_from_args()?;
    let (budget, deadline, strategy) = (intent.budget(), intent.deadline_days(), intent.strategy());

    // A demo keeps its ledger in memory: each run starts fresh. A service keeps the default, a
    // durable ledger, so a restart never pays twice and budgets hold across runs.
    let flux = Flux::builder().ledger(flux_core::MemoryLedger::new()).build()?;
    let proposal = block_on(flux.orchestrate(&intent))?;
    let mut out = std::io::stdout().lock();

    writeln!(
        out,
        "== Intent\n  {:?}\n  budget {} USDC, deadline {} day(s), strategy {}",
        intent.prompt(),
        budget.to_display_string(),
        deadline,
        strategy
    )?;
    writeln!(out, "\n== Plan ({} parser, model {})", proposal.telemetry.parse.parser, proposal.telemetry.parse.model)?;
    for n in &proposal.needs {
        let attributes = if n.attributes.is_empty() { String::new() } else { format!(" [{}]", n.attributes.join(", ")) };
        let packages = n.packs.map(|p| format!(" = {p} usual package{}", if p == 1 { "" } else { "s" })).unwrap_or_default();
        let excluding = if n.excluding.is_empty() { String::new() } else { format!(", without {}", n.excluding.join(", ")) };
        let from = if n.merchants.is_empty() { String::new() } else { format!(", from {}", n.merchants.join(" or ")) };
        let not_from =
            if n.excluding_merchants.is_empty() { String::new() } else { format!(", not from {}", n.excluding_merchants.join(" or ")) };
        let estimated = if n.estimated { ", estimated" } else { "" };
        let days = n.days.map(|d| format!(", for {d} days")).unwrap_or_default();
        let tenure = n.tenure.map(|t| format!(", to {}", t.as_str())).unwrap_or_default();
        writeln!(
            out,
            "  - {:<28} x {:<5} ({}){attributes}{packages}{excluding}{from}{not_from}{tenure}{days}{estimated}",
            n.item, n.quantity, n.category
        )?;
    }
    for d in &proposal.dropped {
        writeln!(out, "  not planned: {:?} ({})", d.item, d.reason)?;
    }
    writeln!(out, "\n== Ranked options")?;
    for r in &proposal.alternatives {
        writeln!(out, "  {} x {}:", r.need.item, r.need.quantity)?;
        for o in r.options.iter().take(3) {
            writeln!(
                out,
                "    #{} {:<34} {:>10} USDC  {} d  score {:>4}  {}",
                o.rank,
                o.offer_id,
                o.line_total.to_display_string(),
                o.delivery_days,
                o.score.total,
                o.vendor_name
            )?;
        }
        for o in &r.split {
            writeln!(
                out,
                "    split: {} x {} = {} USDC  {} d  {}",
                o.offer_id,
                o.packs,
                o.line_total.to_display_string(),
                o.delivery_days,
                o.vendor_name
            )?;
        }
        if let Some(why) = &r.why_first {
            writeln!(out, "    why: {why}")?;
        }
    }
    writeln!(
        out,
        "\n== Optimal cart {} (total {} USDC, {} left)",
        proposal.cart_id,
        proposal.total.to_display_string(),
        proposal.remaining_budget.to_display_string()
    )?;
    for l in proposal.cart.lines() {
        let was = l.original_price.map(|p| format!(" (was {})", p.to_display_string())).unwrap_or_default();
        writeln!(
            out,
            "  {:<34} {:>4} x {:>9}{was} = {:>10}  {}  ({} units)",
            l.id,
            l.quantity,
            l.price.to_display_string(),
            l.line_total.to_display_string(),
            l.vendor_name,
            l.units
        )?;
    }
    for u in &proposal.unmet {
        writeln!(out, "  unmet: {} x {} ({})", u.item, u.quantity, u.reason)?;
    }

    writeln!(out, "\n== Policy decision (policy {})", &flux.policy().hash()[..16])?;
    match flux.authorize(&proposal.cart) {
        Decision::Allow(a) => {
            writeln!(out, "  ALLOW: {} legs, total {} USDC", a.legs().len(), a.total())?;
            for leg in a.legs() {
                writeln!(out, "    -> {:<10} {:>10} USDC to {}", leg.merchant_id, leg.amount.to_display_string(), leg.payout)?;
            }
        }
        Decision::Deny { violations } => {
            for v in violations {
                writeln!(out, "  DENY [{}] {}", v.code.as_str(), v.message)?;
            }
            return Ok(());
        }
    }

    let settlement = block_on(flux.execute(&proposal.cart))?;
    writeln!(out, "\n== Settlement ({:?}, broadcast: {})", settlement.mode, settlement.broadcast)?;
    for line in &settlement.logs {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "  status: {:?}", settlement.status)?;
    if let Some(sender) = settlement.sender {
        writeln!(out, "  signer: {sender}")?;
    }
    for leg in &settlement.legs {
        if let (Some(hash), Some(raw)) = (&leg.tx_hash, &leg.raw_tx) {
            writeln!(
                out,
                "  {:<10} tx {hash}\n             raw {}… ({} bytes, EIP-1559)",
                leg.merchant_id,
                &raw[..raw.len().min(42)],
                (raw.len() - 2) / 2
            )?;
        }
    }
    Ok(())
}
