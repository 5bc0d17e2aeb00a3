//! All integration tests build into one binary (ripgrep's layout).

mod util;

mod check;
mod cli;
mod formats;
mod hostile;
mod html;
mod props;
mod seeds;
mod snapshots;
