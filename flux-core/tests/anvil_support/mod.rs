//! A real anvil node per test on a free loopback port (checked to be ours), with the project's
//! 6-decimal ERC-20 placed at `0x3600…00`, and the chain reads the EVM tests need.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use alloy::primitives::{keccak256, Address as EvmAddress, B256, U256};
use alloy::providers::{Provider, RootProvider};
use alloy::sol_types::SolCall;
use flux_core::{ChainConfig, PaymentKey};

pub const TOKEN_HEX: &str = include_str!("../../../contracts/FluxTestUSD.runtime.hex");
/// anvil's public development account #0 (its key is printed by every anvil node).
pub const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
pub const TOKEN: &str = "0x3600000000000000000000000000000000000000";
pub const PAYOUTS: [(&str, &str); 3] = [
    ("amazon", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
    ("tech_direct", "0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
    ("walmart", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
];

alloy::sol! {
    function balanceOf(address holder) external view returns (uint256);
}

pub struct Anvil {
    child: Child,
    pub url: String,
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Whether the process `pid` holds the listening socket on `port` (Linux /proc).
pub fn listener_is_ours(pid: u32, port: u16) -> bool {
    let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let want = format!(":{port:04X}");
    let inodes: Vec<String> = tcp
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() > 9 && f[1].ends_with(&want) && f[3] == "0A").then(|| f[9].to_owned())
        })
        .collect();
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return false };
    fds.flatten().any(|fd| {
        std::fs::read_link(fd.path()).map(|t| inodes.iter().any(|i| t.to_string_lossy() == format!("socket:[{i}]"))).unwrap_or(false)
    })
}

pub fn start_anvil(extra: &[&str]) -> Anvil {
    let bin = std::env::var("FLUX_ANVIL_BIN")
        .expect("FLUX_ANVIL_BIN is not set: run scripts/test-evm.sh, or export FLUX_ANVIL_BIN=$(scripts/ensure-anvil.sh)");
    for _ in 0..5 {
        let port = free_port();
        let mut child = Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", "5042002", "--silent"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start anvil");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            if listener_is_ours(child.id(), port) {
                return Anvil { child, url: format!("http://127.0.0.1:{port}") };
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        eprintln!("anvil on port {port} did not come up ({err}); retrying on another port");
    }
    panic!("could not start anvil");
}

pub fn provider(url: &str) -> RootProvider {
    RootProvider::new_http(url.parse().unwrap())
}

pub fn evm(a: &str) -> EvmAddress {
    a.parse().unwrap()
}

pub fn balance_slot(holder: EvmAddress) -> B256 {
    let mut buf = [0u8; 64];
    buf[12..32].copy_from_slice(holder.as_slice());
    keccak256(buf)
}

pub async fn rpc(p: &RootProvider, method: &'static str, params: serde_json::Value) -> serde_json::Value {
    p.raw_request::<_, serde_json::Value>(method.into(), params).await.unwrap()
}

/// Places the token at 0x36…00 and gives `holder` `units` of it (and sets totalSupply).
pub async fn place_token(p: &RootProvider, holder: EvmAddress, units: u64) {
    rpc(p, "anvil_setCode", serde_json::json!([TOKEN, TOKEN_HEX.trim()])).await;
    set_token_balance(p, holder, units).await;
    let supply = format!("{:#066x}", U256::from(units));
    rpc(p, "anvil_setStorageAt", serde_json::json!([TOKEN, format!("{:#066x}", U256::from(2)), supply])).await;
}

pub async fn set_token_balance(p: &RootProvider, holder: EvmAddress, units: u64) {
    let v = format!("{:#066x}", U256::from(units));
    rpc(p, "anvil_setStorageAt", serde_json::json!([TOKEN, balance_slot(holder), v])).await;
}

pub async fn token_balance(p: &RootProvider, holder: EvmAddress) -> U256 {
    let req = alloy::rpc::types::TransactionRequest {
        to: Some(alloy::primitives::TxKind::Call(evm(TOKEN))),
        input: alloy::rpc::types::TransactionInput::new(balanceOfCall { holder }.abi_encode().into()),
        ..Default::default()
    };
    let out = p.call(req).await.unwrap();
    balanceOfCall::abi_decode_returns(&out).unwrap()
}

pub async fn nonce(p: &RootProvider, who: EvmAddress) -> u64 {
    p.get_transaction_count(who).pending().await.unwrap()
}

pub async fn balances(p: &RootProvider) -> Vec<U256> {
    let mut out = Vec::new();
    for (_, a) in PAYOUTS {
        out.push(token_balance(p, evm(a)).await);
    }
    out
}

pub fn config(url: &str) -> ChainConfig {
    let mut c = ChainConfig::arc_testnet().with_rpc_url(url);
    c.poll_interval_ms = 20;
    c.receipt_timeout_ms = 20_000;
    c.max_retries = 2;
    c.backoff_ms = 50;
    c
}

pub fn key() -> PaymentKey {
    PaymentKey::from_hex(DEV_KEY).unwrap()
}

pub fn sender() -> EvmAddress {
    evm("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
}
