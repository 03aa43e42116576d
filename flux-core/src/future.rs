//! Futures without a runtime: the boxed future the open traits return, and a minimal executor
//! for the kernel's own futures.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// A boxed, sendable future: what the open traits ([`IntentParser`](crate::IntentParser),
/// [`Catalog`](crate::Catalog), [`Settler`](crate::Settler)) return, so they stay object-safe for
/// `Arc<dyn Trait>` (ADR 0003).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs a future to completion on the current thread. Enough for the kernel's own futures
/// (catalog, offline parser, memory and sandbox settlers), which never wait on I/O; use a real
/// runtime for network-backed parts.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    struct ThreadWaker(std::thread::Thread);
    impl Wake for ThreadWaker {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}
