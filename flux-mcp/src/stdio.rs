//! MCP over stdio: rmcp's line transport, with every request answered. rmcp drops, unanswered, a
//! line serde_json rejects with a syntax-category error (it cannot tell which request it was), and
//! serde_json files a number it cannot represent (`"budget": 1e400`, an integer past f64's range)
//! under syntax, though the line is valid JSON: its client waited forever. Here each line is
//! screened before rmcp reads it. A line serde_json cannot read as a value, but whose envelope
//! (`id` and `method`) it can read without reading numbers, is a request: it is answered with an
//! "invalid params" error under its id and not passed on. So is a request whose only fault is a
//! NaN or an Infinity (which Python's `json.dumps` writes by default). Every other line passes
//! unchanged, so rmcp handles it as before.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use rmcp::model::{ClientJsonRpcMessage, ErrorData, RequestId, ServerJsonRpcMessage};
use rmcp::service::RoleServer;
use rmcp::transport::async_rw::{AsyncRwTransport, DEFAULT_MAX_LINE_LENGTH};
use rmcp::transport::Transport;
use serde::Deserialize;
use serde_json::error::Category;
use serde_json::value::RawValue;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;

/// The UTF-8 byte order mark, which rmcp skips at the start of a line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An error reply on its way out.
type Sending = Pin<Box<dyn Future<Output = Result<(), io::Error>> + Send>>;

/// The stdio transport: rmcp's, reading through [`Screened`], sending the screen's answers too.
pub struct Stdio<R: AsyncRead + Unpin, W: AsyncWrite> {
    inner: AsyncRwTransport<RoleServer, Screened<R>, W>,
    answers: mpsc::UnboundedReceiver<ServerJsonRpcMessage>,
    sending: Option<Sending>,
}

/// The process's stdin and stdout.
pub fn stdio() -> Stdio<tokio::io::Stdin, tokio::io::Stdout> {
    let (read, write) = rmcp::transport::stdio();
    Stdio::new(read, write)
}

impl<R, W> Stdio<R, W>
where
    R: AsyncRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send + 'static,
{
    /// Over a reader and a writer.
    pub fn new(read: R, write: W) -> Stdio<R, W> {
        let (tx, answers) = mpsc::unbounded_channel();
        Stdio { inner: AsyncRwTransport::new(Screened::new(read, tx), write), answers, sending: None }
    }
}

impl<R, W> Transport<RoleServer> for Stdio<R, W>
where
    R: AsyncRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send + 'static,
{
    type Error = io::Error;

    fn send(&mut self, item: ServerJsonRpcMessage) -> impl Future<Output = Result<(), io::Error>> + Send + 'static {
        self.inner.send(item)
    }

    /// The next message for the server. Cancel-safe, as rmcp needs: an answer being written is
    /// kept in `sending` and finished by the next call; the screen and rmcp's reader keep a
    /// partly read line.
    async fn receive(&mut self) -> Option<ClientJsonRpcMessage> {
        loop {
            if let Some(sending) = self.sending.as_mut() {
                let sent = sending.await;
                self.sending = None;
                sent.ok()?;
            }
            tokio::select! {
                biased;
                Some(answer) = self.answers.recv() => self.sending = Some(Box::pin(self.inner.send(answer))),
                message = self.inner.receive() => {
                    if message.is_some() {
                        return message;
                    }
                    // The input ended: answer what the screen queued on the way (a bad last
                    // line) before the server stops.
                    while let Ok(answer) = self.answers.try_recv() {
                        self.inner.send(answer).await.ok()?;
                    }
                    return None;
                }
            }
        }
    }

    async fn close(&mut self) -> Result<(), io::Error> {
        self.inner.close().await
    }
}

/// A reader that hands on whole lines, except requests it answers itself (see [`answer`]).
pub struct Screened<R> {
    read: R,
    /// The line being read, without its newline yet.
    line: Vec<u8>,
    /// Bytes to hand on, from `handed`.
    out: Vec<u8>,
    handed: usize,
    /// In a line too long to screen: handed on as read, up to its newline.
    passing: bool,
    eof: bool,
    answers: mpsc::UnboundedSender<ServerJsonRpcMessage>,
}

impl<R> Screened<R> {
    fn new(read: R, answers: mpsc::UnboundedSender<ServerJsonRpcMessage>) -> Screened<R> {
        Screened { read, line: Vec::new(), out: Vec::new(), handed: 0, passing: false, eof: false, answers }
    }

    /// Sorts newly read bytes into lines handed on and lines answered.
    fn take(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let newline = bytes.iter().position(|b| *b == b'\n');
            let (part, rest) = bytes.split_at(newline.map_or(bytes.len(), |i| i + 1));
            bytes = rest;
            if self.passing {
                self.out.extend_from_slice(part);
                self.passing = newline.is_none();
                continue;
            }
            self.line.extend_from_slice(part);
            if newline.is_some() {
                let line = std::mem::take(&mut self.line);
                // Answered here, rmcp never sees it (it would drop it unanswered).
                let answered = answer(&line).is_some_and(|reply| self.answers.send(reply).is_ok());
                if !answered {
                    self.out.extend_from_slice(&line);
                }
            } else if self.line.len() > DEFAULT_MAX_LINE_LENGTH {
                // Past rmcp's own limit, which drops it: not held here either.
                self.out.append(&mut self.line);
                self.passing = true;
            }
        }
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for Screened<R> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            if this.handed < this.out.len() {
                let n = buf.remaining().min(this.out.len() - this.handed);
                buf.put_slice(&this.out[this.handed..this.handed + n]);
                this.handed += n;
                if this.handed == this.out.len() {
                    this.out.clear();
                    this.handed = 0;
                }
                return Poll::Ready(Ok(()));
            }
            if this.eof {
                // A last line without a newline goes on as it is (rmcp drops it); then EOF.
                if this.line.is_empty() {
                    return Poll::Ready(Ok(()));
                }
                this.out.append(&mut this.line);
                continue;
            }
            let mut chunk = [0u8; 8192];
            let mut read = ReadBuf::new(&mut chunk);
            ready!(Pin::new(&mut this.read).poll_read(cx, &mut read))?;
            if read.filled().is_empty() {
                this.eof = true;
            } else {
                this.take(read.filled());
            }
        }
    }
}

/// The JSON-RPC envelope of a line, read without reading any number in it.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    method: Option<&'a RawValue>,
}

/// The error answering `line`, when it is a request (an `id` and a `method`) in valid JSON that
/// serde_json cannot read as a value: a number out of f64's range, or nesting past its depth
/// limit. None for anything else, which rmcp handles.
pub fn answer(line: &[u8]) -> Option<ServerJsonRpcMessage> {
    let text = line.strip_suffix(b"\n").unwrap_or(line);
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let error = match serde_json::from_slice::<serde_json::Value>(text) {
        Ok(_) => return repeated(text),
        Err(e) => e,
    };
    if error.classify() != Category::Syntax {
        return None;
    }
    // Not JSON at all unless its envelope reads: raw values are checked for syntax, not range.
    // NaN and Infinity (Python's json.dumps writes them) are read as null to find the request.
    let finite = non_finite_as_null(text);
    let envelope: Envelope<'_> = serde_json::from_slice(finite.as_deref().unwrap_or(text)).ok()?;
    envelope.method?;
    let id: RequestId = serde_json::from_str(envelope.id?.get()).ok()?;
    let what = error.to_string();
    let message = if finite.is_some() {
        "invalid params: NaN and Infinity are not JSON numbers; give amounts as decimal text, such as \"150.50\"".to_owned()
    } else if what.starts_with("number out of range") {
        format!("invalid params: {what}: a number must fit a 64-bit float; give amounts as decimal text, such as \"150.50\"")
    } else {
        format!("invalid params: {what}")
    };
    Some(ServerJsonRpcMessage::error(ErrorData::invalid_params(message, None), Some(id)))
}

/// The error answering a request (an `id` and a `method`) whose JSON gives a key twice in one
/// object ([`crate::unique`]); None for anything else.
pub fn repeated(text: &[u8]) -> Option<ServerJsonRpcMessage> {
    let key = crate::unique::repeated_key(text)?;
    let message = format!("the JSON gives the key {key} twice in one object; give each key once");
    // Its own `id` or `method` given twice: no request to answer by id.
    let Ok(envelope) = serde_json::from_slice::<Envelope<'_>>(text) else {
        return Some(ServerJsonRpcMessage::error(ErrorData::invalid_request(format!("invalid request: {message}"), None), None));
    };
    envelope.method?;
    let id: RequestId = serde_json::from_str(envelope.id?.get()).ok()?;
    Some(ServerJsonRpcMessage::error(ErrorData::invalid_params(format!("invalid params: {message}"), None), Some(id)))
}

/// `text` with each NaN, Infinity and -Infinity outside strings read as null; None when it has none.
fn non_finite_as_null(text: &[u8]) -> Option<Vec<u8>> {
    let (mut out, mut found, mut in_string, mut i) = (Vec::with_capacity(text.len()), false, false, 0);
    while i < text.len() {
        let b = text[i];
        if in_string {
            out.push(b);
            if b == b'\\' {
                out.extend(text.get(i + 1));
                i += 1;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if let Some(word) = [&b"-Infinity"[..], b"Infinity", b"NaN"].into_iter().find(|w| text[i..].starts_with(w)) {
            out.extend_from_slice(b"null");
            found = true;
            i += word.len();
            continue;
        } else {
            out.push(b);
        }
        i += 1;
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use tokio::io::AsyncWriteExt;

    fn error_of(line: &str) -> Option<(i32, String, Option<RequestId>)> {
        let (error, id) = answer(line.as_bytes())?.into_error()?;
        Some((error.code.0, error.message.into_owned(), id))
    }

    const CALL: &str = r#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"plan_purchase","arguments":{"prompt":"drinks","budget":BUDGET}}}"#;

    #[test]
    fn a_request_with_a_number_out_of_range_is_answered_under_its_id() {
        for budget in ["1e400", "-1e400", &"9".repeat(400)] {
            let (code, message, id) = error_of(&CALL.replace("BUDGET", budget)).expect(budget);
            assert_eq!((code, id), (-32602, Some(RequestId::Number(7))), "{budget}");
            assert!(message.contains("number out of range") && message.contains("decimal text"), "{message}");
        }
        let named = r#"{"jsonrpc":"2.0","id":"call-1","method":"tools/call","params":{"arguments":{"units":1E999}}}"#;
        assert_eq!(error_of(&format!("\u{feff}{named}\r\n")).unwrap().2, Some(RequestId::String("call-1".into())));
        let deep = format!(r#"{{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{{"a":{}1{}}}}}"#, "[".repeat(200), "]".repeat(200));
        assert_eq!(error_of(&deep).unwrap().0, -32602);
    }

    #[test]
    fn a_request_with_nan_or_infinity_is_answered_under_its_id() {
        // Python's json.dumps writes NaN; the request went unanswered and its client waited.
        for budget in ["NaN", "Infinity", "-Infinity"] {
            let (code, message, id) = error_of(&CALL.replace("BUDGET", budget)).expect(budget);
            assert_eq!((code, id), (-32602, Some(RequestId::Number(7))), "{budget}");
            assert!(message.contains("NaN and Infinity are not JSON numbers"), "{message}");
        }
        // Inside a string it is text, and the line is JSON: rmcp's.
        assert!(answer(CALL.replace("BUDGET", "\"NaN\"").as_bytes()).is_none());
        assert!(answer(br#"{"jsonrpc":"2.0","id":"NaN \" NaN","method":"ping"}"#).is_none());
    }

    #[test]
    fn a_request_that_gives_a_key_twice_is_answered_under_its_id() {
        // "budget": "5", "budget": "500" planned with 500, while a log reading the first saw 5.
        let line = CALL.replace("\"budget\":BUDGET", "\"budget\":\"5\",\"budget\":\"500\"");
        let (code, message, id) = error_of(&line).expect("answered");
        assert_eq!((code, id), (-32602, Some(RequestId::Number(7))));
        assert!(message.contains("\"budget\" twice"), "{message}");
    }

    #[test]
    fn everything_else_is_left_to_rmcp() {
        for line in [
            CALL.replace("BUDGET", "1e300"),
            CALL.replace("BUDGET", "\"1e400\""),
            // A notification, a response, an id that is itself out of range: nothing to answer.
            r#"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1e400}}"#.into(),
            r#"{"jsonrpc":"2.0","id":3,"result":{"n":1e400}}"#.into(),
            r#"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#.into(),
            // Not JSON, or not an object: rmcp's to ignore or refuse.
            r#"{"jsonrpc":"2.0","id":1,"method":"ping""#.into(),
            "not json".into(),
            "[1e400]".into(),
        ] {
            assert!(answer(line.as_bytes()).is_none(), "{line}");
        }
    }

    #[tokio::test]
    async fn lines_pass_through_whole_and_answers_go_out() {
        let (mut client, server_in) = tokio::io::duplex(64);
        let (server_out, mut client_out) = tokio::io::duplex(4096);
        let mut transport = Stdio::new(server_in, server_out);
        let feed = tokio::spawn(async move {
            let bad = CALL.replace("BUDGET", "1e400");
            let good = r#"{"jsonrpc":"2.0","id":9,"method":"ping"}"#;
            // Written in small pieces, so lines arrive split across reads.
            for piece in format!("{bad}\n{good}\n").as_bytes().chunks(10) {
                client.write_all(piece).await.unwrap();
            }
            client
        });
        let message = transport.receive().await.expect("the ping");
        let (_, id) = message.into_request().expect("a request");
        assert_eq!(id, RequestId::Number(9));
        drop(feed.await.unwrap());
        assert!(transport.receive().await.is_none(), "EOF, once the answer is out");
        drop(transport);
        let mut written = Vec::new();
        tokio::io::AsyncReadExt::read_to_end(&mut client_out, &mut written).await.unwrap();
        let reply: serde_json::Value = serde_json::from_slice(&written).unwrap();
        assert_eq!((reply["id"].as_i64(), reply["error"]["code"].as_i64()), (Some(7), Some(-32602)));
    }
}
