//! One tokio runtime per process, created lazily and re-created after `os.fork()`.
//!
//! A forked child inherits the parent's memory but none of its threads: a runtime created before
//! the fork has no workers in the child and would hang. The runtime is therefore keyed by the
//! process id; in a child the inherited one is abandoned (leaked, never dropped — dropping would
//! try to join threads that do not exist) and a fresh one is built on first use.
//!
//! [`future_into_py`] bridges it to asyncio: the awaitable is a future of the caller's event loop,
//! resolved from the runtime when the work is done.
//!
//! At interpreter exit ([`quiesce`], an `atexit` hook) no worker is left inside Python: CPython
//! 3.11 ends a foreign thread that asks for the GIL while it finalizes, which aborts the process
//! when that thread runs Rust frames — a script that had already paid then died with SIGABRT.

use std::future::Future;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use flux_core::FluxError as CoreError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::IntoPyObjectExt;
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

/// Sets `future`'s outcome unless it is already done (its awaiting task was cancelled).
#[pyfunction]
fn resolve(future: &Bound<'_, PyAny>, ok: bool, value: Bound<'_, PyAny>) -> PyResult<()> {
    if !future.call_method0("done")?.is_truthy()? {
        future.call_method1(if ok { "set_result" } else { "set_exception" }, (value,))?;
    }
    Ok(())
}

static RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Whether the interpreter is exiting (no worker may enter Python then) and how many workers are
/// inside it now — in the process `pid`: a forked child starts afresh, as its runtime does.
struct Workers {
    pid: u32,
    inside: usize,
    closed: bool,
}

static IN_PYTHON: Mutex<Workers> = Mutex::new(Workers { pid: 0, inside: 0, closed: false });
static LEFT_PYTHON: Condvar = Condvar::new();

/// This process's [`Workers`], locked.
fn workers() -> std::sync::MutexGuard<'static, Workers> {
    let mut state = IN_PYTHON.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    if state.pid != pid {
        *state = Workers { pid, inside: 0, closed: false };
    }
    state
}

/// Runs `f` with the GIL from a runtime worker, unless the interpreter is exiting.
fn attach_from_worker(f: impl FnOnce(Python<'_>)) {
    {
        let mut state = workers();
        if state.closed {
            return;
        }
        state.inside += 1;
    }
    /// Counts the worker out however `f` ends (a panic too), so the exit never waits for it.
    struct Leaving;
    impl Drop for Leaving {
        fn drop(&mut self) {
            workers().inside -= 1;
            LEFT_PYTHON.notify_all();
        }
    }
    let _leaving = Leaving;
    Python::attach(f);
}

/// The `atexit` hook: no worker enters Python from now on, and those inside are waited for (with
/// the GIL released, so they can finish; at most a few seconds).
#[pyfunction]
pub fn quiesce(py: Python<'_>) {
    py.detach(|| {
        let mut state = workers();
        state.closed = true;
        let _ = LEFT_PYTHON.wait_timeout_while(state, Duration::from_secs(5), |s| s.inside > 0);
    });
}

/// Turns a Rust future into an asyncio awaitable: a future of the running event loop, resolved
/// from this process's runtime through `call_soon_threadsafe` when the work is done. Cancelling
/// the await stops the waiting, not the work: a settlement is never cut off half-way, and the
/// same idempotency key then answers its outcome.
pub fn future_into_py<'py, F, T>(py: Python<'py>, fut: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = Result<T, CoreError>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    let rt = py_get()?;
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let future = event_loop.call_method0("create_future")?;
    let resolve = RESOLVE.get_or_try_init(py, || wrap_pyfunction!(resolve, py).map(|f| f.into_any().unbind()))?.clone_ref(py);
    let (event_loop, target) = (event_loop.unbind(), future.clone().unbind());
    let work = rt.spawn(fut);
    rt.spawn(async move {
        let outcome = work.await;
        attach_from_worker(|py| {
            let value = match outcome {
                Ok(Ok(v)) => v.into_bound_py_any(py),
                // The kernel's error becomes a Python exception here, in Python: never on a worker
                // outside this guard, which the interpreter's exit may have closed.
                Ok(Err(e)) => Err(crate::error::to_py(py, e)),
                Err(failed) => Err(PyRuntimeError::new_err(format!("a fluxos task failed: {failed}"))),
            };
            let (ok, value) = match value {
                Ok(v) => (true, v),
                Err(e) => (false, e.into_value(py).into_bound(py).into_any()),
            };
            // A closed loop has nobody left to tell.
            let _ = event_loop.bind(py).call_method1("call_soon_threadsafe", (resolve, target, ok, value));
        });
    });
    Ok(future)
}
