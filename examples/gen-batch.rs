//! Writes a batch of generated stories: `cargo run --release --example
//! gen-batch -- N OUT [OUTLETS_PER_EVENT]`.
//!
//! N stories in N / OUTLETS_PER_EVENT events (default 10 outlets an event),
//! one folder per event, Markdown with front matter. Outlets report the
//! same facts in different words and qualifiers; one event in ten has a
//! planted discrepancy (a digit swap in the toll), so a run has findings to
//! report. Deterministic: the same N gives the same files.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("usage: gen-batch N OUT [OUTLETS_PER_EVENT]");
    let out = PathBuf::from(
        args.next()
            .expect("usage: gen-batch N OUT [OUTLETS_PER_EVENT]"),
    );
    let per_event: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let mut bytes = 0usize;
    let events = corpus::batch(n, per_event, |rel, text| {
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the event folder");
        bytes += text.len();
        std::fs::write(path, text).expect("write a story");
    });
    eprintln!(
        "wrote {n} stories in {events} events, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
}
