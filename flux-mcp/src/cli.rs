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
                let addr: SocketAddr =
                    full.parse().map_err(|_| format!("--http: {} is not a port, or an IP address and port", shown(&text)))?;
                if !addr.ip().is_loopback() {
                    return Err(format!(
                        "--http: {addr} is not a loopback address; this server has no authentication, so it serves loopback only"
                    ));
                }
                o.http = Some(addr);
            }
            "--approver-key-env" => {
                let name = value("an environment variable name")?;
                if !is_var_name(&name) {
                    return Err(NOT_A_NAME.into());
                }
                o.approver_key_env = Some(name);
            }
            "--max-carts" => {
                let text = value("a number")?;
                o.max_carts = text
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| format!("--max-carts: {} is not a count of 1 or more", shown(&text)))?;
            }
            other => return Err(format!("unknown argument {} (try --help)", shown(other))),
        }
    }
    Ok(Command::Run(o))
}

/// What is said of an `--approver-key-env` that cannot be a variable's name: most likely the key
/// itself, which is never repeated (MCP hosts log the server's stderr).
pub const NOT_A_NAME: &str = "--approver-key-env takes the NAME of an environment variable that holds the approver key (such as \
                              FLUX_MCP_APPROVER_KEY), not the key itself; what was given is not shown";

/// Whether `name` can be an environment variable's name: a letter or `_`, then letters, digits
/// and `_`, 64 at most, and fewer than 32 hex digits (a 32-byte key in hex has 64).
pub fn is_var_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && name.bytes().filter(u8::is_ascii_hexdigit).count() < 32
}

/// A command-line word as a message may quote it: not at all when it holds a run of hex digits a
/// key could be (a key pasted in the wrong place), else quoted and cut short.
fn shown(word: &str) -> String {
    let longest_hex_run = word.split(|c: char| !c.is_ascii_hexdigit()).map(str::len).max().unwrap_or(0);
    if longest_hex_run >= 32 {
        return "(not shown: it looks like a key)".to_owned();
    }
    format!("{:?}", crate::errors::echo(word))
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
    fn a_key_given_for_a_variable_name_is_refused_and_never_repeated() {
        let key = "09".repeat(32);
        for given in [key.clone(), format!("0x{key}"), "ab".repeat(32), "0707070707070707".to_owned(), "A".repeat(65), "my key".into()] {
            let e = run(&["--approver-key-env", &given]).unwrap_err();
            assert!(e.contains("NAME of an environment variable") && !e.contains(&given), "{e}");
            let e = run(&[&format!("--approver-key-env={given}")]).unwrap_err();
            assert!(!e.contains(&given), "{e}");
        }
        for name in ["FLUX_MCP_APPROVER_KEY", "_K", "approver_key_2"] {
            assert_eq!(run(&["--approver-key-env", name]).unwrap().approver_key_env.as_deref(), Some(name));
        }
        // Nor is a key repeated where another word was expected.
        for args in [vec![key.as_str()], vec!["--http", &key], vec!["--max-carts", &key]] {
            let e = run(&args).unwrap_err();
            assert!(!e.contains(&key) && e.contains("not shown"), "{e}");
        }
    }

    #[test]
    fn refuses_what_it_should() {
        assert!(run(&["--http", "0.0.0.0:8000"]).unwrap_err().contains("loopback"));
        assert!(run(&["--http", "localhost"]).is_err());
        assert_eq!(run(&["--http", "0"]).unwrap().http.unwrap().to_string(), "127.0.0.1:0");
        assert!(run(&["--http", "[::1]:0"]).unwrap().http.unwrap().ip().is_loopback());
        assert!(run(&["--approver-key-env", "0x07 07"]).unwrap_err().contains("not the key itself"));
        assert!(run(&["--max-carts", "0"]).is_err());
        assert!(run(&["--pay-to", "0xabc"]).unwrap_err().contains("unknown argument"));
        assert!(run(&["--config"]).unwrap_err().contains("needs"));
    }
}
