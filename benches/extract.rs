//! Extraction speed in MB/s over a generated news-like corpus of 12 MB.
//!
//! `cargo bench --bench extract` — `scan` is the grammar alone (candidate
//! positions and nom), `analyse` the whole story pipeline: segmentation,
//! figures, claim frames and quotes. Measured with mimalloc, the
//! allocator of the `crosscheck` binary.

mod corpus;

use divan::counter::BytesCount;
use std::sync::LazyLock;

// the allocator the crosscheck binary uses
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| corpus::corpus(12 * 1024 * 1024, 7));

fn total_bytes() -> usize {
    CORPUS.iter().map(String::len).sum()
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn scan(bencher: divan::Bencher) {
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        let mut n = 0;
        for s in CORPUS.iter() {
            n += crosscheck::extract::scan::mentions(divan::black_box(s), None).len();
        }
        n
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn analyse(bencher: divan::Bencher) {
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        let mut n = 0;
        for s in CORPUS.iter() {
            let sentences = crosscheck::text::sentences(s, 0);
            let mentions = crosscheck::extract::scan::mentions(s, None);
            let (claims, _) = crosscheck::extract::frame::claims(s, &sentences, mentions, None);
            n += claims.len() + crosscheck::quote::quotes(s, &sentences).len();
        }
        n
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sentences_only(bencher: divan::Bencher) {
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        CORPUS
            .iter()
            .map(|s| crosscheck::text::sentences(s, 0).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn quotes_only(bencher: divan::Bencher) {
    let sentences: Vec<_> = CORPUS
        .iter()
        .map(|s| crosscheck::text::sentences(s, 0))
        .collect();
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        CORPUS
            .iter()
            .zip(&sentences)
            .map(|(s, ss)| crosscheck::quote::quotes(s, ss).len())
            .sum::<usize>()
    });
}
