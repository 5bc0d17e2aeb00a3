//! Runs the extraction pipeline over a generated corpus once, for profilers:
//! `cargo build --release --example profile-extract` then
//! `valgrind --tool=callgrind target/release/examples/profile-extract 2`.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let stories = corpus::corpus(mb * 1024 * 1024, 7);
    let start = std::time::Instant::now();
    let mut claims = 0;
    for s in &stories {
        let sentences = crosscheck::text::sentences(s, 0);
        let mentions = crosscheck::extract::scan::mentions(s, None);
        let (c, _) = crosscheck::extract::frame::claims(s, &sentences, mentions, None);
        claims += c.len() + crosscheck::quote::quotes(s, &sentences).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = stories.iter().map(String::len).sum();
    eprintln!(
        "{claims} claims and quotes from {:.1} MB in {secs:.3}s: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
