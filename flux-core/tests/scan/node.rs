//! A scripted JSON-RPC node on loopback (HTTP/1.1, single calls and batches) that reports the
//! balances a test chooses and fails calls the way real nodes do, so preflight errors can be
//! checked for what they say to a client. It runs on its own thread and runtime.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What the node answers.
#[derive(Clone, Debug)]
pub struct NodeScript {
    /// `balanceOf(sender)`, in token base units.
    pub token_balance: u128,
    /// `eth_getBalance(sender)`, in wei.
    pub native_wei: u128,
    /// When set, every `transfer` simulation and gas estimate fails with this JSON-RPC error.
    pub transfer_error: Option<Value>,
}

fn word(v: u128) -> String {
    format!("0x{v:064x}")
}

fn answer(script: &NodeScript, method: &str, params: &Value) -> Result<Value, Value> {
    let data = params[0]["input"].as_str().or_else(|| params[0]["data"].as_str()).unwrap_or("");
    match method {
        "eth_chainId" => Ok(json!("0x4cef52")),
        "eth_getBlockByNumber" => Ok(json!({"number": "0x10", "baseFeePerGas": "0x1", "hash": format!("0x{}", "ab".repeat(32))})),
        "eth_getBalance" => Ok(json!(format!("0x{:x}", script.native_wei))),
        "eth_getTransactionCount" => Ok(json!("0x0")),
        "eth_call" if data.starts_with("0x313ce567") => Ok(json!(word(6))),
        "eth_call" if data.starts_with("0x70a08231") => Ok(json!(word(script.token_balance))),
        "eth_call" | "eth_estimateGas" => match &script.transfer_error {
            Some(e) => Err(e.clone()),
            None if method == "eth_call" => Ok(json!(word(1))),
            None => Ok(json!("0xc350")),
        },
        _ => Err(json!({"code": -32601, "message": format!("method {method} not scripted")})),
    }
}

fn reply(script: &NodeScript, call: &Value) -> Value {
    let id = call["id"].clone();
    match answer(script, call["method"].as_str().unwrap_or(""), &call["params"]) {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
        Err(error) => json!({"jsonrpc": "2.0", "id": id, "error": error}),
    }
}

/// Starts the node; returns its `http://127.0.0.1:PORT` address.
pub fn start(script: NodeScript) -> String {
    let script = Arc::new(script);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            loop {
                let Ok((mut conn, _)) = listener.accept().await else { return };
                let script = script.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    loop {
                        let head_end = loop {
                            if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                                break p + 4;
                            }
                            let mut chunk = [0u8; 8192];
                            match conn.read(&mut chunk).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                            }
                        };
                        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
                        let len: usize =
                            head.lines().find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())).unwrap_or(0);
                        while buf.len() < head_end + len {
                            let mut chunk = [0u8; 8192];
                            match conn.read(&mut chunk).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                            }
                        }
                        let body: Vec<u8> = buf.drain(..head_end + len).skip(head_end).collect();
                        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                        let out = match &request {
                            Value::Array(calls) => Value::Array(calls.iter().map(|c| reply(&script, c)).collect()),
                            call => reply(&script, call),
                        }
                        .to_string();
                        let resp =
                            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{out}", out.len());
                        if conn.write_all(resp.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    format!("http://{}", rx.recv().unwrap())
}
