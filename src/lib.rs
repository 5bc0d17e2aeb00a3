//! crosscheck: checks news stories from different outlets against each other.
pub mod extract;
