//! What every session of the server shares: the kernel, the carts it quoted, the approvals it asked
//! for or signed, and the operator's approver key (if any).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use flux_core::{ErrorKind, Flux};
use rmcp::model::{CallToolResult, ContentBlock, MetaObject};
use serde_json::{json, Value};

use crate::approvals::Approvals;
use crate::approver::ApproverKey;
use crate::carts::{CartStore, StoredCart};
use crate::errors::ToolError;

/// The server's shared state.
pub struct App {
    /// The kernel.
    pub flux: Arc<Flux>,
    /// Carts by id.
    pub carts: CartStore,
    /// Approvals asked for and signed.
    pub approvals: Approvals,
    /// The operator's approver key, when `--approver-key-env` named one.
    pub approver: Option<ApproverKey>,
    /// The configuration's fixed clock, if any (the kernel's clock too).
    fixed_now_ms: Option<u64>,
}

/// A tool's answer: structured content, a short text summary, and the kernel's own time for
/// the call (in `_meta["flux/kernel_us"]`, for benchmarks).
#[derive(Debug)]
pub struct Reply {
    /// Structured content.
    pub value: Value,
    /// One or a few lines for the text content.
    pub summary: String,
    /// Microseconds spent in the kernel.
    pub kernel_us: u128,
}

/// The `_meta` key holding the kernel's time for the call, in microseconds.
pub const KERNEL_US_META: &str = "flux/kernel_us";

impl Reply {
    /// The tool result: the summary, then the structured content as JSON text too, for hosts
    /// that hand the model only text (as the MCP specification recommends).
    pub fn into_result(self) -> CallToolResult {
        let mut result = CallToolResult::success(vec![ContentBlock::text(self.summary), ContentBlock::text(self.value.to_string())]);
        result.structured_content = Some(self.value);
        let mut meta = MetaObject::new();
        meta.0.insert(KERNEL_US_META.into(), json!(u64::try_from(self.kernel_us).unwrap_or(u64::MAX)));
        result.meta = Some(meta);
        result
    }
}

impl ToolError {
    /// The tool result (`isError: true`).
    pub fn into_result(self) -> CallToolResult {
        let value = self.to_value();
        let mut result = CallToolResult::error(vec![ContentBlock::text(self.summary()), ContentBlock::text(value.to_string())]);
        result.structured_content = Some(value);
        result
    }
}

impl App {
    /// The state around a kernel.
    pub fn new(flux: Flux, max_carts: usize, approver: Option<ApproverKey>, fixed_now_ms: Option<u64>) -> App {
        App { flux: Arc::new(flux), carts: CartStore::new(max_carts), approvals: Approvals::default(), approver, fixed_now_ms }
    }

    /// Unix seconds on the kernel's clock.
    pub fn now_s(&self) -> u64 {
        let ms = self.fixed_now_ms.unwrap_or_else(|| {
            SystemTime::now().duration_since(UNIX_EPOCH).map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)).unwrap_or(0)
        });
        ms / 1000
    }

    /// A cart this server quoted, or `UNKNOWN_CART`.
    pub fn cart(&self, id: &str) -> Result<Arc<StoredCart>, ToolError> {
        self.carts.get(id).ok_or_else(|| ToolError::unknown_cart(id, self.carts.capacity()))
    }

    /// Runs a blocking kernel call (the policy reads the ledger synchronously) off the async
    /// threads.
    pub async fn blocking<T: Send + 'static>(&self, f: impl FnOnce(&Flux) -> T + Send + 'static) -> Result<T, ToolError> {
        let flux = self.flux.clone();
        tokio::task::spawn_blocking(move || f(&flux))
            .await
            .map_err(|_| ToolError::new("INTERNAL", ErrorKind::Internal, "a kernel call did not finish"))
    }
}

/// JSON of a core value (its canonical form where it has one), or an internal error.
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, ToolError> {
    serde_json::to_value(value).map_err(|_| ToolError::new("INTERNAL", ErrorKind::Internal, "a result could not be written as JSON"))
}

/// JSON text from the core, parsed back into a value to pass through unchanged.
pub fn parse_json(text: &str) -> Result<Value, ToolError> {
    serde_json::from_str(text).map_err(|_| ToolError::new("INTERNAL", ErrorKind::Internal, "a result could not be read as JSON"))
}
