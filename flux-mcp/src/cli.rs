//! The command line: `flux-mcp [--config PATH] [--http ADDR] [--approver-key-env NAME]
//! [--max-carts N]`.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::carts::DEFAULT_MAX_CARTS;

/// How the server was asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// A configuration file (as `FLUX_CONFIG`; the other `FLUX_*` variables still apply).
    pub config: Option<PathBuf>,
    /// Serve Streamable HTTP on this loopback address instead of stdio.
    pub http: Option<SocketAddr>,
    /// The environment variable holding an approver key (its name, never its value).
    pub approver_key_env: Option<String>,
    /// How many carts to keep.
    pub max_carts: usize,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve.
    Run(Options),
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
}

/// The usage text.
pub const USAGE: &str = "\
flux-mcp: an MCP server on the Flux kernel. An agent plans and proposes carts by id; only the
kernel quotes, checks the spending policy and pays.

usage: flux-mcp [--config PATH] [--http ADDR] [--approver-key-env NAME] [--max-carts N]

  (no --http)              serve MCP over stdio (what desktop clients launch)
  --http ADDR              serve Streamable HTTP at http://ADDR/mcp on a loopback address
                           (a bare port is on 127.0.0.1; port 0 picks a free one); prints
                           `listening on <url>`
  --config PATH            a Flux configuration file (TOML or JSON), as FLUX_CONFIG; without it
                           FLUX_CONFIG and the FLUX_* variables, or the embedded defaults
                           (offline parser, demo policy, sandbox settlement)
  --approver-key-env NAME  the environment variable holding an approver's key (64 hex digits,
                           one of the policy's approvers). With it, after a person accepts an
                           elicitation in the client, the server signs that one approval.
                           Never pass a key itself on the command line or in a file.
  --max-carts N            carts kept by id (default 1024; the oldest are forgotten)
  --help, --version
";

/// Reads the arguments (without the program name).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut o = Options { config: None, http: None, approver_key_env: None, max_carts: DEFAULT_MAX_CARTS };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{flag} needs {what}"));
        match flag.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--version" | "-V" => return Ok(Command::Version),
            "--config" => o.config = Some(PathBuf::from(value("a path")?)),
            "--http" => {
                let text = value("a loopback address such as 127.0.0.1:0")?;
                // A bare port is on 127.0.0.1.
                let full = if text.bytes().all(|b| b.is_ascii_digit()) { format!("127.0.0.1:{text}") } else { text.clone() };
                let addr: SocketAddr = full.parse().map_err(|_| format!("--http: {text:?} is not a port, or an IP address and port"))?;
                if !addr.ip().is_loopback() {
                    return Err(format!(
                        "--http: {addr} is not a loopback address; this server has no authentication, so it serves loopback only"
                    ));
                }
                o.http = Some(addr);
            }
            "--approver-key-env" => {
                let name = value("an environment variable name")?;
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err("--approver-key-env takes the name of an environment variable (letters, digits, _), not a key".into());
                }
                o.approver_key_env = Some(name);
            }
            "--max-carts" => {
                let text = value("a number")?;
                o.max_carts =
                    text.parse().ok().filter(|n| *n >= 1).ok_or_else(|| format!("--max-carts: {text:?} is not a count of 1 or more"))?;
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(Command::Run(o))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run(o) => Ok(o),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn defaults_to_stdio() {
        let o = run(&[]).unwrap();
        assert_eq!((o.http, o.config, o.max_carts), (None, None, DEFAULT_MAX_CARTS));
    }

    #[test]
    fn reads_every_option() {
        let o =
            run(&["--http", "127.0.0.1:0", "--config=f.toml", "--approver-key-env", "FLUX_MCP_APPROVER_KEY", "--max-carts", "8"]).unwrap();
        assert_eq!(o.http.unwrap().to_string(), "127.0.0.1:0");
        assert_eq!(o.config.unwrap(), PathBuf::from("f.toml"));
        assert_eq!(o.approver_key_env.as_deref(), Some("FLUX_MCP_APPROVER_KEY"));
        assert_eq!(o.max_carts, 8);
        assert_eq!(parse(["--help".to_string()]).unwrap(), Command::Help);
    }

    #[test]
    fn refuses_what_it_should() {
        assert!(run(&["--http", "0.0.0.0:8000"]).unwrap_err().contains("loopback"));
        assert!(run(&["--http", "localhost"]).is_err());
        assert_eq!(run(&["--http", "0"]).unwrap().http.unwrap().to_string(), "127.0.0.1:0");
        assert!(run(&["--http", "[::1]:0"]).unwrap().http.unwrap().ip().is_loopback());
        assert!(run(&["--approver-key-env", "0707070707070707"]).is_ok(), "a name of digits is still a name");
        assert!(run(&["--approver-key-env", "0x07 07"]).unwrap_err().contains("not a key"));
        assert!(run(&["--max-carts", "0"]).is_err());
        assert!(run(&["--pay-to", "0xabc"]).unwrap_err().contains("unknown argument"));
        assert!(run(&["--config"]).unwrap_err().contains("needs"));
    }
}
