//! A loopback JSON-RPC fault proxy: a real HTTP/1.1 server on a free loopback port (bound on
//! port 0, so the listener is ours) between a settler and its node. It forwards every request
//! body as is — a single call or a batch — to the node and, per a deterministic schedule of
//! [`Rule`]s, drops a request, delays it, sends it to the node twice, answers HTTP 500, cuts the
//! connection after the node got the request but before the client hears back, or forwards it
//! and then hangs (signalling a file, for a parent about to kill this process).
//!
//! It runs on its own thread and tokio runtime, so a delay or a hang never stalls the test's
//! runtime. Every request and every fault it applied is logged, so tests can assert the faults
//! really happened.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod kill;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alloy::transports::http::reqwest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const SEND: &str = "eth_sendRawTransaction";
pub const RECEIPT: &str = "eth_getTransactionReceipt";
pub const COUNT: &str = "eth_getTransactionCount";

/// What happens to a request a rule picks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Read the request, close the connection without answering; the node never sees it.
    Drop,
    /// Wait, then forward and answer.
    Delay(Duration),
    /// Send it to the node twice; answer with the node's answer to the second copy (what a node
    /// says to a repeat: "already known", "nonce too low", or the same result).
    Duplicate,
    /// Answer HTTP 500 without forwarding.
    Http500,
    /// Forward it (the node acts on it), then close the connection without answering.
    CutAfterForward,
    /// Forward it, then write `signal` and never answer (the parent kills this process).
    Hang(PathBuf),
    /// Answer every call `null` without forwarding, as a backend behind the same URL that has
    /// not seen the latest blocks answers a receipt or transaction lookup.
    Lagging,
}

impl Fault {
    pub fn name(&self) -> &'static str {
        match self {
            Fault::Drop => "drop",
            Fault::Delay(_) => "delay",
            Fault::Duplicate => "duplicate",
            Fault::Http500 => "http500",
            Fault::CutAfterForward => "cut",
            Fault::Hang(_) => "hang",
            Fault::Lagging => "lagging",
        }
    }
}

/// One line of the schedule. A rule *matches* a request (an HTTP body) that contains a call of
/// its method (any request when it has none) and counts its matches from 1; it fires on match
/// `start`, then every `every`-th match after it, at most `times` times. For each request the
/// first rule that fires applies; every matching rule counts the request.
#[derive(Debug, Clone)]
pub struct Rule {
    method: Option<String>,
    start: u64,
    every: u64,
    times: u64,
    fault: Fault,
    seen: u64,
    fired: u64,
}

impl Rule {
    /// `fault` on every request with a call of `method`.
    pub fn method(method: &str, fault: Fault) -> Rule {
        Rule { method: Some(method.to_owned()), start: 1, every: 1, times: u64::MAX, fault, seen: 0, fired: 0 }
    }

    /// `fault` on every request.
    pub fn any(fault: Fault) -> Rule {
        Rule { method: None, ..Rule::method("", fault) }
    }

    /// From the `n`-th match (1-based).
    pub fn start(mut self, n: u64) -> Rule {
        self.start = n.max(1);
        self
    }

    /// Every `n`-th match from the start.
    pub fn every(mut self, n: u64) -> Rule {
        self.every = n.max(1);
        self
    }

    /// At most `n` times.
    pub fn times(mut self, n: u64) -> Rule {
        self.times = n;
        self
    }

    fn matches(&self, methods: &[String]) -> bool {
        self.method.as_ref().is_none_or(|m| methods.iter().any(|x| x == m))
    }

    /// Counts a matching request; whether the rule fires on it.
    fn count(&mut self) -> bool {
        self.seen += 1;
        let due = self.seen >= self.start && (self.seen - self.start).is_multiple_of(self.every) && self.fired < self.times;
        if due {
            self.fired += 1;
        }
        due
    }
}

/// One request the proxy saw: its calls' methods and the fault applied, if any.
#[derive(Debug, Clone)]
pub struct Seen {
    pub methods: Vec<String>,
    pub fault: Option<&'static str>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    log: Vec<Seen>,
}

/// The proxy. Dropping it stops it.
pub struct FaultProxy {
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl FaultProxy {
    /// A proxy in front of the node at `upstream` (an `http://` URL) with `rules`.
    pub fn start(upstream: &str, rules: Vec<Rule>) -> FaultProxy {
        let state = Arc::new(Mutex::new(State { rules, log: Vec::new() }));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, url) = std::sync::mpsc::channel();
        let (upstream, shared) = (upstream.to_owned(), state.clone());
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready.send(format!("http://{}", listener.local_addr().unwrap())).unwrap();
                let client = reqwest::Client::new();
                let serve = async {
                    loop {
                        let Ok((conn, _)) = listener.accept().await else { continue };
                        tokio::spawn(serve_connection(conn, upstream.clone(), client.clone(), shared.clone()));
                    }
                };
                tokio::select! {
                    _ = serve => {}
                    _ = stopped => {}
                }
            });
            // Hung connections end with the runtime.
            rt.shutdown_background();
        });
        let url = url.recv_timeout(Duration::from_secs(10)).expect("the fault proxy did not start");
        FaultProxy { url, state, stop: Some(stop), thread: Some(thread) }
    }

    /// Every request seen so far.
    pub fn log(&self) -> Vec<Seen> {
        self.state.lock().unwrap().log.clone()
    }

    /// How many requests got `fault` (by [`Fault::name`]).
    pub fn fired(&self, fault: &str) -> usize {
        self.log().iter().filter(|s| s.fault == Some(fault)).count()
    }

    /// How many requests got `fault` and carried a call of `method`.
    pub fn fired_on(&self, fault: &str, method: &str) -> usize {
        self.log().iter().filter(|s| s.fault == Some(fault) && s.methods.iter().any(|m| m == method)).count()
    }

    /// How many calls of `method` the proxy saw (in single and batch requests).
    pub fn calls(&self, method: &str) -> usize {
        self.log().iter().map(|s| s.methods.iter().filter(|m| *m == method).count()).sum()
    }

    /// Replaces the schedule (e.g. the outage is over).
    pub fn set_rules(&self, rules: Vec<Rule>) {
        self.state.lock().unwrap().rules = rules;
    }
}

/// The methods of a JSON-RPC body: one call or a batch.
fn methods(body: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let one = |c: &serde_json::Value| c.get("method").and_then(|m| m.as_str()).unwrap_or("?").to_owned();
    match &v {
        serde_json::Value::Array(calls) => calls.iter().map(one).collect(),
        other => vec![one(other)],
    }
}

/// A `null` result for each call of a JSON-RPC body (one call or a batch), by its id.
fn nulls(body: &[u8]) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let null = |c: &serde_json::Value| serde_json::json!({"jsonrpc": "2.0", "id": c.get("id"), "result": null});
    let out = match &v {
        serde_json::Value::Array(calls) => serde_json::Value::Array(calls.iter().map(null).collect()),
        one => null(one),
    };
    out.to_string().into_bytes()
}

/// The fault for a request, per the schedule (and the request logged).
fn schedule(state: &Mutex<State>, methods: Vec<String>) -> Option<Fault> {
    let mut st = state.lock().unwrap();
    let mut fault = None;
    for rule in st.rules.iter_mut().filter(|r| r.matches(&methods)) {
        if rule.count() && fault.is_none() {
            fault = Some(rule.fault.clone());
        }
    }
    st.log.push(Seen { methods, fault: fault.as_ref().map(Fault::name) });
    fault
}

/// Reads one HTTP/1.1 request (headers, then `Content-Length` bytes of body) from `conn`,
/// keeping bytes of a next request in `buf`. `None` when the client closed the connection.
async fn read_request(conn: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let mut chunk = [0u8; 8192];
        match conn.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head.lines().find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse().ok()))?;
    while buf.len() < head_end + len {
        let mut chunk = [0u8; 8192];
        match conn.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    Some(buf.drain(..head_end + len).skip(head_end).collect())
}

/// POSTs `body` to the node; its status and body (a connection error is a 502).
async fn forward(client: &reqwest::Client, upstream: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let sent = client.post(upstream).header("content-type", "application/json").body(body.to_vec()).send().await;
    match sent {
        Ok(r) => {
            let status = r.status().as_u16();
            (status, r.bytes().await.map(|b| b.to_vec()).unwrap_or_default())
        }
        Err(e) => (502, format!("{{\"error\":\"upstream: {e}\"}}").into_bytes()),
    }
}

async fn answer(conn: &mut TcpStream, status: u16, body: &[u8]) -> bool {
    let reason = match status {
        200 => "OK",
        500 => "Internal Server Error",
        _ => "Bad Gateway",
    };
    let head = format!("HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
    conn.write_all(head.as_bytes()).await.is_ok() && conn.write_all(body).await.is_ok()
}

/// Serves one client connection (HTTP/1.1 keep-alive: many requests, one after another).
async fn serve_connection(mut conn: TcpStream, upstream: String, client: reqwest::Client, state: Arc<Mutex<State>>) {
    let mut buf = Vec::new();
    while let Some(body) = read_request(&mut conn, &mut buf).await {
        let (status, out) = match schedule(&state, methods(&body)) {
            None => forward(&client, &upstream, &body).await,
            Some(Fault::Drop) => return,
            Some(Fault::Delay(d)) => {
                tokio::time::sleep(d).await;
                forward(&client, &upstream, &body).await
            }
            Some(Fault::Duplicate) => {
                let _ = forward(&client, &upstream, &body).await;
                forward(&client, &upstream, &body).await
            }
            Some(Fault::Http500) => (500, br#"{"error":"injected HTTP 500"}"#.to_vec()),
            Some(Fault::Lagging) => (200, nulls(&body)),
            Some(Fault::CutAfterForward) => {
                let _ = forward(&client, &upstream, &body).await;
                return;
            }
            Some(Fault::Hang(signal)) => {
                let _ = forward(&client, &upstream, &body).await;
                std::fs::write(&signal, b"hang").unwrap();
                std::future::pending::<()>().await;
                return;
            }
        };
        if !answer(&mut conn, status, &out).await {
            return;
        }
    }
}
