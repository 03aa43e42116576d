#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::cart::Cart;
use crate::future::block_on;
use crate::policy::{Approval, Policy, SpendRecord, SpendState};
use crate::settle::{LegStatus, SettlementMode, SettlementStatus};
use crate::target::Target;

const POLICY: &str = r#"
[[merchants]]
id = "amazon"
name = "Amazon"
payout_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

[[merchants]]
id = "walmart"
name = "Walmart"
payout_address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"

[rules]
max_budget_cap = "1000"
window = { seconds = 86400, limit = "100" }
windows = [{ seconds = 604800, limit = "150" }, { seconds = 86400, limit = "60", merchant = "walmart" }]
"#;

fn policy() -> Policy {
    Policy::from_toml(POLICY).unwrap()
}

fn cart(merchant: &str, price: &str) -> Cart {
    Cart::from_json(&format!(r#"[{{"id": "x-{merchant}-{price}", "vendor_id": "{merchant}", "price": "{price}", "name": "thing"}}]"#))
        .unwrap()
}

fn begin(ledger: &dyn Ledger, policy: &Policy, key: &str, cart: &Cart, now: u64) -> Begun {
    let windows = policy.windows();
    let target = Target::arc_testnet();
    let decide = |facts: &Facts<'_>| policy.authorize_spent(cart, &target, facts.spent, now, &Approval::default());
    let id = cart.id();
    block_on(ledger.begin(Begin { key, cart_id: &id, now, lease_seconds: 60, windows: &windows, approval_id: None, decide: &decide }))
        .unwrap()
}

fn settled(approved: &crate::policy::ApprovedCart, key: &str, status: LegStatus) -> Settlement {
    let legs = approved.legs().iter().map(|l| SettledLeg { status, ..SettledLeg::planned(l) }).collect();
    Settlement::from_legs(approved, key, SettlementMode::Memory, false, None, legs, vec![])
}

fn reserved(b: Begun) -> crate::policy::ApprovedCart {
    match b {
        Begun::Reserved { approved, .. } => approved,
        other => panic!("expected a reservation, got {other:?}"),
    }
}

fn codes(b: &Begun) -> Vec<&'static str> {
    match b {
        Begun::Denied(v) => v.iter().map(|v| v.code.as_str()).collect(),
        _ => vec![],
    }
}

/// The rules every ledger follows, run against each implementation.
fn contract(ledger: &dyn Ledger) {
    let p = policy();
    let t0 = 1_000_000;
    // A fresh key reserves; the same key in flight is refused with a retry time.
    let a = cart("amazon", "40");
    let approved = reserved(begin(ledger, &p, "k1", &a, t0));
    assert!(matches!(begin(ledger, &p, "k1", &a, t0 + 10), Begun::InFlight { retry_after: 50 }));
    // Reserved spend counts: 40 reserved + 70 would break the 100/day window.
    assert_eq!(codes(&begin(ledger, &p, "k2", &cart("amazon", "70"), t0 + 1)), ["WINDOW_LIMIT_EXCEEDED"]);
    // Settling commits; the same key replays; another cart under it conflicts.
    let s = settled(&approved, "k1", LegStatus::Recorded);
    block_on(ledger.finish("k1", t0 + 60, Finish::Settled(&s))).unwrap();
    match begin(ledger, &p, "k1", &a, t0 + 20) {
        Begun::Replay(r) => assert!(r.replayed && r.cart_id == a.id()),
        other => panic!("{other:?}"),
    }
    assert!(matches!(begin(ledger, &p, "k1", &cart("amazon", "41"), t0 + 20), Begun::Conflict));
    assert_eq!(block_on(ledger.recorded("k1")).unwrap().map(|s| s.status), Some(SettlementStatus::Success));
    // The cart is known as paid under k1, to any other key; a cart nobody paid is not.
    assert_eq!(block_on(ledger.cart_paid_under(&a.id(), Some("k9"))).unwrap().as_deref(), Some("k1"));
    assert_eq!(block_on(ledger.cart_paid_under(&a.id(), None)).unwrap().as_deref(), Some("k1"));
    assert_eq!(block_on(ledger.cart_paid_under(&a.id(), Some("k1"))).unwrap(), None);
    assert_eq!(block_on(ledger.cart_paid_under(&cart("amazon", "41").id(), None)).unwrap(), None);
    // A released attempt frees its spend and its key.
    let b = cart("amazon", "50");
    reserved(begin(ledger, &p, "k3", &b, t0 + 30));
    assert_eq!(block_on(ledger.spent(&p.windows(), t0 + 30)).unwrap()[0], Amount::whole(90));
    block_on(ledger.finish("k3", t0 + 90, Finish::Released)).unwrap();
    assert_eq!(block_on(ledger.spent(&p.windows(), t0 + 30)).unwrap()[0], Amount::whole(40));
    reserved(begin(ledger, &p, "k3", &b, t0 + 40));
    block_on(ledger.finish("k3", t0 + 100, Finish::Released)).unwrap();
    assert_eq!(block_on(ledger.cart_paid_under(&b.id(), None)).unwrap(), None, "a released attempt paid nothing");
    // Per-merchant window: 60/day to walmart.
    // (61 more also breaks the daily total: 40 + 61 > 100.)
    assert_eq!(codes(&begin(ledger, &p, "k4", &cart("walmart", "61"), t0 + 50)), ["WINDOW_LIMIT_EXCEEDED", "WINDOW_LIMIT_EXCEEDED"]);
    let w = reserved(begin(ledger, &p, "k4", &cart("walmart", "60"), t0 + 50));
    // A kept attempt (money may have moved) holds its reservation; after its lease ends the key
    // resumes without counting its own reservation twice.
    block_on(ledger.finish("k4", t0 + 110, Finish::Kept(None))).unwrap();
    match begin(ledger, &p, "k4", &cart("walmart", "60"), t0 + 200) {
        Begun::Reserved { resumed, .. } => assert!(resumed),
        other => panic!("{other:?}"),
    }
    let spent = block_on(ledger.spent(&p.windows(), t0 + 200)).unwrap();
    assert_eq!(spent, vec![Amount::whole(100), Amount::whole(100), Amount::whole(60)]);
    // A leg that failed for good releases its part when the attempt is settled.
    let mut s = settled(&w, "k4", LegStatus::Failed);
    s.status = SettlementStatus::Failed;
    block_on(ledger.finish("k4", t0 + 260, Finish::Settled(&s))).unwrap();
    // A settlement that failed whole moved nothing: its cart is not paid.
    assert_eq!(block_on(ledger.cart_paid_under(&cart("walmart", "60").id(), None)).unwrap(), None, "failed: nothing moved");
    assert_eq!(block_on(ledger.spent(&p.windows(), t0 + 200)).unwrap()[2], Amount::ZERO);
    // A day later the daily windows are empty, the weekly one still counts.
    let spent = block_on(ledger.spent(&p.windows(), t0 + 86_400 + 30)).unwrap();
    assert_eq!(spent, vec![Amount::ZERO, Amount::whole(40), Amount::ZERO]);
    // Nonces: never below the chain's pending count, never given twice.
    let j = ledger.journal().unwrap();
    let sender = crate::settle::SandboxSettler::address().unwrap();
    assert_eq!(block_on(j.allocate_nonces(1, sender, 3, 5)).unwrap(), 5);
    assert_eq!(block_on(j.allocate_nonces(1, sender, 2, 5)).unwrap(), 8);
    assert_eq!(block_on(j.allocate_nonces(1, sender, 1, 20)).unwrap(), 20);
    assert_eq!(block_on(j.allocate_nonces(2, sender, 1, 0)).unwrap(), 0);
}

/// A worker still running after its lease ended finds its key taken over: its finish changes
/// nothing, so it can neither release the new worker's reservation nor overwrite its outcome. A
/// released key's unsigned nonces go back.
fn takeover(ledger: &dyn Ledger) {
    let (p, t1) = (policy(), 5_000_000);
    let c = cart("amazon", "5");
    let slow = reserved(begin(ledger, &p, "k5", &c, t1));
    assert!(matches!(begin(ledger, &p, "k5", &c, t1 + 100), Begun::Reserved { resumed: true, lease_until, .. } if lease_until == t1 + 160));
    block_on(ledger.finish("k5", t1 + 60, Finish::Released)).unwrap();
    assert!(matches!(begin(ledger, &p, "k5", &c, t1 + 110), Begun::InFlight { retry_after: 50 }), "still the new worker's");
    assert_eq!(block_on(ledger.spent(&p.windows(), t1 + 110)).unwrap()[0], Amount::whole(5), "its reservation still counts");
    block_on(ledger.finish("k5", t1 + 60, Finish::Settled(&settled(&slow, "k5", LegStatus::Failed)))).unwrap();
    block_on(ledger.finish("k5", t1 + 160, Finish::Settled(&settled(&slow, "k5", LegStatus::Recorded)))).unwrap();
    match begin(ledger, &p, "k5", &c, t1 + 200) {
        Begun::Replay(r) => assert_eq!(r.status, SettlementStatus::Success),
        other => panic!("{other:?}"),
    }
    assert_eq!(block_on(ledger.cart_paid_under(&c.id(), Some("k0"))).unwrap().as_deref(), Some("k5"), "paid, to any other key");
    // A key released with nothing signed (signing failed) gives its nonces back when nobody
    // allocated after it: they left a gap every later transaction of the sender queued behind.
    let (j, sender) = (ledger.journal().unwrap(), crate::settle::SandboxSettler::address().unwrap());
    reserved(begin(ledger, &p, "k6", &c, t1 + 300));
    assert_eq!(block_on(j.allocate_nonces_for("k6", 9, sender, 2, 4)).unwrap(), 4);
    block_on(ledger.finish("k6", t1 + 360, Finish::Released)).unwrap();
    assert_eq!(block_on(j.allocate_nonces_for("k7", 9, sender, 1, 4)).unwrap(), 4);
    // Below another key's nonces they cannot go back: the claim stays, and a retry of the key
    // takes the same nonces, filling the gap.
    reserved(begin(ledger, &p, "k8", &c, t1 + 400));
    assert_eq!(block_on(j.allocate_nonces_for("k8", 9, sender, 2, 4)).unwrap(), 5);
    assert_eq!(block_on(j.allocate_nonces_for("k9", 9, sender, 1, 4)).unwrap(), 7);
    block_on(ledger.finish("k8", t1 + 460, Finish::Released)).unwrap();
    reserved(begin(ledger, &p, "k8", &c, t1 + 470));
    assert_eq!(block_on(j.allocate_nonces_for("k8", 9, sender, 2, 4)).unwrap(), 5);
}

/// A key's nonces stay its own until its legs are journaled: a key whose process died between
/// allocating and journaling gets the same nonces again, so no gap is left on chain.
fn nonce_claims(j: &dyn LegJournal) {
    let sender = crate::settle::SandboxSettler::address().unwrap();
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 2, 4)).unwrap(), 4);
    assert_eq!(block_on(j.allocate_nonces_for("c2", 7, sender, 1, 4)).unwrap(), 6);
    // c1 resumes: its own nonces, though c2 allocated after it.
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 2, 4)).unwrap(), 4);
    // Asking for another count, or with the node past them: fresh ones.
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 3, 4)).unwrap(), 7);
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 3, 4)).unwrap(), 7);
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 3, 8)).unwrap(), 10);
    // Journaled, the legs hold the nonces: the claim ends, and a plain allocation never reuses.
    let entry = JournalEntry {
        cart_id: "cart".into(),
        policy_hash: "p".into(),
        chain_id: 7,
        token: sender,
        sender,
        total: Amount::ZERO,
        legs: vec![],
    };
    block_on(j.record_signed("c1", &entry)).unwrap();
    assert_eq!(block_on(j.allocate_nonces_for("c1", 7, sender, 3, 8)).unwrap(), 13);
    assert_eq!(block_on(j.allocate_nonces(7, sender, 1, 0)).unwrap(), 16);
}

#[test]
fn the_memory_ledger_keeps_the_rules() {
    contract(&MemoryLedger::new());
    nonce_claims(&MemoryLedger::new());
    takeover(&MemoryLedger::new());
}

#[cfg(feature = "sqlite")]
#[test]
fn the_sqlite_ledger_keeps_the_rules_and_survives_reopening() {
    let dir = std::env::temp_dir().join(format!("flux-ledger-test-{}", std::process::id()));
    let path = dir.join("ledger.sqlite");
    let _ = std::fs::remove_file(&path);
    contract(&SqliteLedger::open(&path).unwrap());
    nonce_claims(&SqliteLedger::open(&path).unwrap());
    takeover(&SqliteLedger::open(dir.join("takeover.sqlite")).unwrap());
    // Everything is still there for another process.
    let again = SqliteLedger::open(&path).unwrap();
    let p = policy();
    assert!(matches!(begin(&again, &p, "k1", &cart("amazon", "40"), 1_000_100), Begun::Replay(_)));
    assert_eq!(block_on(again.spent(&p.windows(), 1_000_200)).unwrap()[0], Amount::whole(40));
    assert_eq!(block_on(again.journal().unwrap().allocate_nonces(1, crate::settle::SandboxSettler::address().unwrap(), 1, 0)).unwrap(), 21);
    let _ = std::fs::remove_dir_all(dir);
}

/// The PostgreSQL ledger keeps nonce claims and lease takeovers too (on the server `FLUX_TEST_POSTGRES_URL` names, in
/// a fresh database; `scripts/with-postgres.sh` starts one).
#[cfg(feature = "postgres")]
#[test]
fn the_postgres_ledger_keeps_nonce_claims_and_takeovers() {
    let Ok(url) = std::env::var("FLUX_TEST_POSTGRES_URL") else {
        assert!(std::env::var("FLUX_REQUIRE_POSTGRES").is_err(), "FLUX_REQUIRE_POSTGRES is set but FLUX_TEST_POSTGRES_URL is not");
        return;
    };
    let name = format!("flux_claims_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        // Two statements: neither may run inside a transaction block.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).await.unwrap();
        client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    });
    let db = format!("{}/{name}", url.rsplit_once('/').unwrap().0);
    nonce_claims(&*postgres_ledger(&db).unwrap().1);
    takeover(&*postgres_ledger(&db).unwrap().0);
    // The server ends the connection (a restart): the ledger connects again on its next call,
    // where every later call failed until the process restarted.
    let (ledger, _) = postgres_ledger(&db).unwrap();
    let windows = policy().windows();
    let before = block_on(ledger.spent(&windows, 5_000_000)).unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        let ended =
            client.execute(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"), &[]).await.unwrap();
        assert!(ended >= 1, "no connection of the ledger to end");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    });
    assert_eq!(block_on(ledger.spent(&windows, 5_000_000)).unwrap(), before);
}

#[test]
fn a_seeded_ledger_counts_prior_spend() {
    let spend =
        SpendState { records: vec![SpendRecord { at: 999_000, merchant_id: "amazon".into(), amount: Amount::whole(90), key: None }] };
    let ledger = MemoryLedger::with_spend(&spend);
    assert_eq!(codes(&begin(&ledger, &policy(), "k", &cart("amazon", "20"), 1_000_000)), ["WINDOW_LIMIT_EXCEEDED"]);
}

#[cfg(feature = "sqlite")]
#[test]
fn the_default_ledger_file_is_the_one_a_flux_opens() {
    // `open_default()` opened `ledger.sqlite` while a `Flux` wrote `ledger-<mode>.sqlite`.
    let Ok(path) = default_ledger_path(SettlementMode::Sandbox) else { return };
    assert_eq!(path.file_name().and_then(|f| f.to_str()), Some("ledger-sandbox.sqlite"));
}

#[cfg(feature = "postgres")]
#[test]
fn a_postgres_server_elsewhere_needs_plain_text_accepted_in_its_url() {
    // Without TLS, tokio-postgres's default fell back to plain text: the password and every
    // payment record crossed the network readable.
    for url in ["postgres://flux:s3cret@db.example.com/flux", "postgres://flux:s3cret@10.0.0.5:5432/flux?sslmode=prefer"] {
        let err = PgLedger::connect(url).expect_err("refused");
        assert_eq!(err.code(), "LEDGER_CONFIG", "{url}");
        assert!(err.to_string().contains("sslmode=disable") && !err.to_string().contains("s3cret"), "{err}");
    }
    // On this machine, or with plain text accepted, it connects (here: nobody listens).
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = PgLedger::connect(&format!("postgres://flux:s3cret@127.0.0.1:{port}/flux")).expect_err("nobody listens");
    assert_eq!(err.code(), "LEDGER_UNAVAILABLE", "{err}");
}

#[test]
fn a_ledger_is_named_memory_default_or_a_path_never_a_bare_word() {
    assert_eq!(ledger_text(" memory "), Ok(LedgerText::Memory));
    assert_eq!(ledger_text("default"), Ok(LedgerText::Default));
    assert_eq!(ledger_text("./memroy"), Ok(LedgerText::File("./memroy".into())));
    assert_eq!(ledger_text("ledger.sqlite"), Ok(LedgerText::File("ledger.sqlite".into())));
    for typo in ["memroy", "Memory", "MEMORY", "in-memory", "sqlite", ""] {
        let e = ledger_text(typo).unwrap_err();
        assert_eq!(e.code(), "LEDGER_CONFIG", "{typo}: {e}");
    }
}
