//! One tokio runtime per process, created lazily and re-created after `os.fork()`.
//!
//! A forked child inherits the parent's memory but none of its threads: a runtime created before
//! the fork has no workers in the child and would hang. The runtime is therefore keyed by the
//! process id; in a child the inherited one is abandoned (leaked, never dropped — dropping would
//! try to join threads that do not exist) and a fresh one is built on first use.
//!
//! [`FluxRuntime`] plugs this runtime into pyo3-async-runtimes' generic layer, so awaitables
//! returned to asyncio are driven by it.

use std::cell::OnceCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::{Builder, Runtime};

static RUNTIME: Mutex<Option<(u32, &'static Runtime)>> = Mutex::new(None);

fn build() -> std::io::Result<Runtime> {
    Builder::new_multi_thread().worker_threads(2).thread_name("fluxos-worker").enable_all().build()
}

/// This process's runtime, built on first use (and again in a forked child).
pub fn get() -> std::io::Result<&'static Runtime> {
    let pid = std::process::id();
    let mut slot = RUNTIME.lock().unwrap_or_else(|p| p.into_inner());
    match *slot {
        Some((owner, rt)) if owner == pid => Ok(rt),
        _ => {
            let rt: &'static Runtime = Box::leak(Box::new(build()?));
            *slot = Some((pid, rt));
            Ok(rt)
        }
    }
}

/// [`get`] with the error as a Python `RuntimeError`.
pub fn py_get() -> PyResult<&'static Runtime> {
    get().map_err(|e| PyRuntimeError::new_err(format!("cannot start the fluxos runtime: {e}")))
}

/// Runs `fut` to completion with the GIL released.
pub fn block_on<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    let rt = py_get()?;
    Ok(py.detach(|| rt.block_on(fut)))
}

/// The runtime as seen by pyo3-async-runtimes.
pub struct FluxRuntime;

tokio::task_local! {
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

/// The join handle of a task on [`FluxRuntime`].
pub struct Handle(Option<tokio::task::JoinHandle<()>>);

/// A task's failure (a panic or a cancellation).
pub struct JoinFailure(tokio::task::JoinError);

impl pyo3_async_runtimes::generic::JoinError for JoinFailure {
    fn is_panic(&self) -> bool {
        self.0.is_panic()
    }
    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        self.0.into_panic()
    }
}

impl Future for Handle {
    type Output = Result<(), JoinFailure>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.0.as_mut() {
            Some(h) => Pin::new(h).poll(cx).map_err(JoinFailure),
            None => Poll::Ready(Ok(())),
        }
    }
}

impl GenericRuntime for FluxRuntime {
    type JoinError = JoinFailure;
    type JoinHandle = Handle;

    // `future_into_py` builds the runtime before anything is spawned, so `get()` cannot fail here;
    // if it ever did, the work still runs (on a thread of its own) rather than being dropped.
    fn spawn<F: Future<Output = ()> + Send + 'static>(fut: F) -> Handle {
        let Ok(rt) = get() else {
            std::thread::spawn(move || Builder::new_current_thread().enable_all().build().map(|rt| rt.block_on(fut)));
            return Handle(None);
        };
        Handle(Some(rt.spawn(fut)))
    }

    fn spawn_blocking<F: FnOnce() + Send + 'static>(f: F) -> Handle {
        let Ok(rt) = get() else {
            f();
            return Handle(None);
        };
        Handle(Some(rt.spawn_blocking(f)))
    }
}

impl ContextExt for FluxRuntime {
    fn scope<F: Future<Output = R> + Send + 'static, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>> {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS.try_with(|c| c.get().cloned()).unwrap_or_default()
    }
}

/// Turns a Rust future into a Python awaitable driven by this process's runtime.
pub fn future_into_py<'py, F, T>(py: Python<'py>, fut: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    // Build (or re-build after fork) eagerly, so a failure is raised here rather than inside spawn.
    py_get()?;
    pyo3_async_runtimes::generic::future_into_py::<FluxRuntime, F, T>(py, fut)
}
