//! All integration tests build into one binary (ripgrep's layout).

mod util;

mod check;
mod cli;
mod formats;
mod group;
mod hostile;
mod html;
mod ingest;
mod props;
mod realnews;
mod realtext;
mod safe_output;
mod seeds;
mod snapshots;
mod unusual;

#[path = "../benches/corpus.rs"]
mod corpus;
