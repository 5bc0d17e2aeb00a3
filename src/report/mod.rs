//! Report: turns analyses into bytes. Every emitter writes to `impl Write`,
//! so tests capture output as strings.

pub mod check;
pub mod ci;
pub mod claims;
pub mod diff;
pub mod html;

/// Version of the JSON contracts (`claims` and, later, `check`).
pub const JSON_VERSION: u32 = 1;
