//! crosscheck: checks news stories from different outlets against each other.
pub mod extract;
pub mod story;
pub mod text;
