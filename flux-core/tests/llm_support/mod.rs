//! A real HTTP/1.1 server on loopback that speaks the Chat Completions API: it validates each
//! request (method, path, headers, model, messages, response_format) the way OpenAI does and
//! answers from a script. It runs on its own tokio runtime, so tests may drive the parser with
//! any executor.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The model the fake server reports it used.
pub const SERVED_MODEL: &str = "gpt-4o-mini-2024-07-18";

/// One scripted reply.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A `chat.completion` whose first message has this content.
    Chat { content: String, prompt_tokens: u64, completion_tokens: u64 },
    /// A raw JSON body with 200.
    Body(Value),
    /// An error status with extra headers and an OpenAI-style error body.
    Status { status: u16, headers: Vec<(String, String)>, body: Value },
    /// The inner reply after a delay.
    Slow(Duration, Box<Reply>),
    /// 400 if the request asks for `json_schema`, else the inner reply.
    RejectJsonSchema(Box<Reply>),
}

impl Reply {
    pub fn chat(content: impl Into<String>) -> Reply {
        Reply::Chat { content: content.into(), prompt_tokens: 321, completion_tokens: 47 }
    }
    pub fn status(status: u16, headers: &[(&str, &str)]) -> Reply {
        let (kind, code) = match status {
            429 => ("requests", "rate_limit_exceeded"),
            401 => ("invalid_request_error", "invalid_api_key"),
            s if s >= 500 => ("server_error", "server_error"),
            _ => ("invalid_request_error", "bad_request"),
        };
        Reply::Status {
            status,
            headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            body: json!({"error": {"message": format!("fake {status}"), "type": kind, "param": null, "code": code}}),
        }
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// What is wrong with it, per the API's rules (empty if valid).
    pub problems: Vec<String>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    /// `json_schema`, `json_object` or `none`.
    pub fn format(&self) -> String {
        self.body.get("response_format").and_then(|f| f.get("type")).and_then(Value::as_str).unwrap_or("none").to_owned()
    }
    pub fn system(&self) -> &str {
        self.body["messages"][0]["content"].as_str().unwrap_or("")
    }
    pub fn user(&self) -> &str {
        self.body["messages"][1]["content"].as_str().unwrap_or("")
    }
    /// The `image_url` urls of the user message.
    pub fn images(&self) -> Vec<String> {
        let parts = self.body["messages"][1]["content"].as_array().cloned().unwrap_or_default();
        parts.iter().filter_map(|p| p.pointer("/image_url/url").and_then(Value::as_str)).map(str::to_owned).collect()
    }
    /// The user message's text (string content or text parts).
    pub fn user_text(&self) -> String {
        text_of(&self.body["messages"][1])
    }
}

struct State {
    script: Vec<Reply>,
    requests: Vec<Recorded>,
    expected_model: String,
    expected_key: Option<String>,
}

/// The running server; stops when dropped.
pub struct FakeServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl FakeServer {
    /// Starts on 127.0.0.1 at a free port. Request `n` gets `script[n]` (the last entry repeats).
    /// Requests must name `model` and carry `Authorization: Bearer <key>` (or none if `key` is
    /// `None`).
    pub fn start(script: Vec<Reply>, model: &str, key: Option<&str>) -> FakeServer {
        assert!(!script.is_empty());
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            script,
            requests: Vec::new(),
            expected_model: model.to_owned(),
            expected_key: key.map(str::to_owned),
        }));
        let listener = {
            let _guard = runtime.enter();
            TcpListener::from_std(std_listener).unwrap()
        };
        let shared = Arc::clone(&state);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = serve(stream, shared).await;
                });
            }
        });
        FakeServer { addr, state, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Asserts every request was a valid Chat Completions request.
    pub fn assert_valid_requests(&self) {
        for (i, r) in self.requests().iter().enumerate() {
            assert!(r.problems.is_empty(), "request {i} invalid: {:?}", r.problems);
        }
    }
}

async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(8192);
    let header_end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if buf.len() > 64 << 10 {
            return write_response(&mut stream, 431, &[], b"{}").await;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = buf[header_end..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);

    let (reply, problems) = {
        let mut st = state.lock().unwrap();
        let mut problems = Vec::new();
        validate(&st, &method, &path, &headers, &json, &mut problems);
        let index = st.requests.len().min(st.script.len() - 1);
        let reply = st.script[index].clone();
        st.requests.push(Recorded { method, path, headers, body: json.clone(), problems: problems.clone() });
        (reply, problems)
    };
    if !problems.is_empty() {
        let err = json!({"error": {"message": problems.join("; "), "type": "invalid_request_error", "param": null, "code": null}});
        return write_response(&mut stream, 400, &[], err.to_string().as_bytes()).await;
    }
    let model = json.get("model").and_then(Value::as_str).unwrap_or("").to_owned();
    respond(&mut stream, reply, &json, &model).await
}

fn respond<'a>(
    stream: &'a mut TcpStream,
    reply: Reply,
    request: &'a Value,
    model: &'a str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        match reply {
            Reply::Chat { content, prompt_tokens, completion_tokens } => {
                let served = if model == "gpt-4o-mini" { SERVED_MODEL } else { model };
                let body = json!({
                    "id": "chatcmpl-fake0001",
                    "object": "chat.completion",
                    "created": 1_767_225_600u64,
                    "model": served,
                    "choices": [{
                        "index": 0,
                        "message": {"role": "assistant", "content": content, "refusal": null, "annotations": []},
                        "logprobs": null,
                        "finish_reason": "stop"
                    }],
                    "usage": {
                        "prompt_tokens": prompt_tokens,
                        "completion_tokens": completion_tokens,
                        "total_tokens": prompt_tokens + completion_tokens,
                        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}
                    },
                    "service_tier": "default",
                    "system_fingerprint": "fp_fake"
                });
                write_response(stream, 200, &[], body.to_string().as_bytes()).await
            }
            Reply::Body(v) => write_response(stream, 200, &[], v.to_string().as_bytes()).await,
            Reply::Status { status, headers, body } => write_response(stream, status, &headers, body.to_string().as_bytes()).await,
            Reply::Slow(delay, inner) => {
                tokio::time::sleep(delay).await;
                respond(stream, *inner, request, model).await
            }
            Reply::RejectJsonSchema(inner) => {
                if request.pointer("/response_format/type").and_then(Value::as_str) == Some("json_schema") {
                    let err = json!({"error": {
                        "message": "This model does not support response format `json_schema`.",
                        "type": "invalid_request_error", "param": "response_format", "code": null}});
                    write_response(stream, 400, &[], err.to_string().as_bytes()).await
                } else {
                    respond(stream, *inner, request, model).await
                }
            }
        }
    })
}

async fn write_response(stream: &mut TcpStream, status: u16, headers: &[(String, String)], body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head =
        format!("HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await?;
    stream.shutdown().await
}

/// The checks OpenAI's API applies that matter here.
fn validate(st: &State, method: &str, path: &str, headers: &[(String, String)], body: &Value, problems: &mut Vec<String>) {
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if method != "POST" {
        problems.push(format!("method {method}"));
    }
    if path != "/v1/chat/completions" {
        problems.push(format!("path {path}"));
    }
    if !header("content-type").is_some_and(|v| v.starts_with("application/json")) {
        problems.push("content-type is not application/json".into());
    }
    match (&st.expected_key, header("authorization")) {
        (Some(key), Some(auth)) if auth == format!("Bearer {key}") => {}
        (None, None) => {}
        (Some(_), got) => problems.push(format!("authorization header wrong or missing (present: {})", got.is_some())),
        (None, Some(_)) => problems.push("unexpected authorization header".into()),
    }
    let Some(obj) = body.as_object() else {
        problems.push("body is not a JSON object".into());
        return;
    };
    if obj.get("model").and_then(Value::as_str) != Some(st.expected_model.as_str()) {
        problems.push(format!("model {:?}", obj.get("model")));
    }
    match obj.get("messages").and_then(Value::as_array) {
        Some(msgs) if !msgs.is_empty() => {
            for m in msgs {
                let role = m.get("role").and_then(Value::as_str).unwrap_or("");
                if !matches!(role, "system" | "developer" | "user" | "assistant") {
                    problems.push(format!("message role {role:?}"));
                }
                match m.get("content") {
                    Some(Value::String(s)) if !s.is_empty() => {}
                    Some(Value::Array(parts)) if role == "user" && !parts.is_empty() => check_parts(parts, problems),
                    _ => problems.push("message content must be a non-empty string (or content parts, for the user)".into()),
                }
            }
            if msgs.last().and_then(|m| m.get("role")).and_then(Value::as_str) != Some("user") {
                problems.push("last message is not the user's".into());
            }
        }
        _ => problems.push("messages must be a non-empty array".into()),
    }
    if obj.get("stream").is_some_and(|s| s != &Value::Bool(false)) {
        problems.push("streaming not expected".into());
    }
    if let Some(t) = obj.get("temperature") {
        if !t.as_f64().is_some_and(|t| (0.0..=2.0).contains(&t)) {
            problems.push("temperature out of range".into());
        }
    }
    if let Some(rf) = obj.get("response_format") {
        match rf.get("type").and_then(Value::as_str) {
            Some("json_object") => {
                let mentions_json =
                    obj["messages"].as_array().into_iter().flatten().any(|m| text_of(m).to_ascii_lowercase().contains("json"));
                if !mentions_json {
                    problems.push("'messages' must contain the word 'json' to use response_format json_object".into());
                }
            }
            Some("json_schema") => {
                let js = &rf["json_schema"];
                let name_ok = js.get("name").and_then(Value::as_str).is_some_and(|n| {
                    !n.is_empty() && n.len() <= 64 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                });
                if !name_ok {
                    problems.push("json_schema.name invalid".into());
                }
                let schema = &js["schema"];
                if schema.get("type").and_then(Value::as_str) != Some("object") {
                    problems.push("json_schema.schema must be an object schema".into());
                }
                if js.get("strict") == Some(&Value::Bool(true)) {
                    check_strict(schema, "schema", problems);
                }
            }
            Some("text") => {}
            other => problems.push(format!("response_format.type {other:?}")),
        }
    }
}

/// Content parts as the Chat Completions API takes them: `text` parts with text, `image_url`
/// parts whose url is https or a base64 data URI of a PNG, JPEG, WebP or GIF image.
fn check_parts(parts: &[Value], problems: &mut Vec<String>) {
    for p in parts {
        match p.get("type").and_then(Value::as_str) {
            Some("text") if p.get("text").and_then(Value::as_str).is_some_and(|t| !t.is_empty()) => {}
            Some("image_url") => {
                let url = p.pointer("/image_url/url").and_then(Value::as_str).unwrap_or("");
                let data_ok = ["png", "jpeg", "webp", "gif"].iter().any(|k| url.starts_with(&format!("data:image/{k};base64,")))
                    && url
                        .split_once(',')
                        .is_some_and(|(_, b64)| !b64.is_empty() && b64.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
                if !(data_ok || url.starts_with("https://")) {
                    problems.push(format!("image_url.url is not a base64 image data URI: {}", url.chars().take(40).collect::<String>()));
                }
                if let Some(d) = p.pointer("/image_url/detail").and_then(Value::as_str) {
                    if !matches!(d, "auto" | "low" | "high") {
                        problems.push(format!("image_url.detail {d:?}"));
                    }
                }
            }
            other => problems.push(format!("content part type {other:?} (or empty text)")),
        }
    }
}

/// All the text of a message: its string content or its text parts.
pub fn text_of(message: &Value) -> String {
    match message.get("content") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// Strict mode: every object lists all its properties as required and forbids others.
fn check_strict(schema: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        if schema.get("additionalProperties") != Some(&Value::Bool(false)) {
            problems.push(format!("{at}: strict schemas need additionalProperties: false"));
        }
        let required: Vec<&str> =
            schema.get("required").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        for (k, v) in props {
            if !required.contains(&k.as_str()) {
                problems.push(format!("{at}.{k}: strict schemas require every property"));
            }
            check_strict(v, &format!("{at}.{k}"), problems);
        }
    }
    if let Some(items) = schema.get("items") {
        check_strict(items, &format!("{at}[]"), problems);
    }
}
