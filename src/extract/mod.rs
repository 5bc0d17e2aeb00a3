//! Extraction: from a story's text to numeric claims.
//!
//! [`scan`] finds every figure with the [`grammar`]; [`frame`] decides which
//! figures are claims and reads their context: what is counted, what
//! happened, where, who says so, and as of when. What it makes, a
//! [`Claim`], is in [`claim`].

pub mod claim;
pub mod frame;
pub mod grammar;
pub mod people;
pub mod quantity;
pub mod scan;

pub use claim::{Claim, Dangling};
