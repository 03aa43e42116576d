//! One mapping from the core's [`flux_core::FluxError`] to a JavaScript `Error`: its message, the
//! core's stable `code`, its `kind` (`FluxError::kind()`), `httpStatus`, the request `field` it
//! concerns (or `null`) and, for a policy denial,
//! `violations` (`{code, message, line?, merchant?}`). The same object is thrown by synchronous
//! calls and rejects the Promise of asynchronous ones; the package's facade gives it the class of
//! its kind (`PolicyViolation`, ...) without copying it.

use flux_core::FluxError as CoreError;
use napi::bindgen_prelude::{JsObjectValue, JsValue};
use napi::{Env, Error, Result, Status};

/// The JavaScript error for `e`, as a napi error that carries the JS object itself (so napi throws
/// or rejects with exactly this object).
pub fn to_js(env: &Env, e: &CoreError) -> Error {
    build(env, e).unwrap_or_else(|other| other)
}

fn build(env: &Env, e: &CoreError) -> Result<Error> {
    let mut obj = env.create_error(Error::new(Status::GenericFailure, e.to_string()))?;
    obj.set_named_property("name", "FluxError")?;
    obj.set_named_property("code", e.code())?;
    obj.set_named_property("kind", e.kind().as_str())?;
    obj.set_named_property("httpStatus", u32::from(e.http_status()))?;
    obj.set_named_property("field", e.field())?;
    obj.set_named_property("violations", env.to_js_value(&e.violations())?)?;
    Ok(Error::from(obj.to_unknown()))
}

/// Maps a core `Result` (of any core error) on the JavaScript thread.
pub fn map<T, E: Into<CoreError>>(env: &Env, r: std::result::Result<T, E>) -> Result<T> {
    r.map_err(|e| to_js(env, &e.into()))
}
