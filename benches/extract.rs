//! Extraction speed in MB/s over a generated news-like corpus of 12 MB and
//! over real news: the stories of `../shared/realnews` (headline and body,
//! as crosscheck reads them), repeated to at least 30 MB. The real news is
//! read at run time; without it its benchmarks say "skipped" and measure
//! nothing.
//!
//! `cargo bench --bench extract` — `scan` is the grammar alone (candidate
//! positions and nom), `analyse` the whole story pipeline: segmentation,
//! figures, claim frames and quotes; `*_realnews` the same on real news.
//! Measured with mimalloc, the allocator of the `crosscheck` binary.

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

/// The real-news stories, repeated to at least [`REALNEWS_BYTES`]; empty
/// when `../shared/realnews` is missing.
static REALNEWS: LazyLock<Vec<crosscheck::story::Story>> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realnews");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path().join("stories.jsonl"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut once = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("read the real news");
        once.extend(crosscheck::story::from_bytes("realnews.jsonl", &bytes).stories);
    }
    let size: usize = once.iter().map(|s| s.text.len()).sum();
    if size == 0 {
        return Vec::new();
    }
    let copies = REALNEWS_BYTES.div_ceil(size);
    let mut all = Vec::with_capacity(once.len() * copies);
    for _ in 0..copies {
        all.extend(once.iter().cloned());
    }
    all
});

/// The least text the real-news benchmarks read.
const REALNEWS_BYTES: usize = 30 * 1024 * 1024;

fn realnews_bytes() -> usize {
    REALNEWS.iter().map(|s| s.text.len()).sum()
}

fn main() {
    if REALNEWS.is_empty() {
        eprintln!(
            "skipped: ../shared/realnews is missing; the *_realnews benchmarks measure nothing"
        );
    } else {
        eprintln!(
            "real news: {} stories, {:.1} MB",
            REALNEWS.len(),
            realnews_bytes() as f64 / 1e6
        );
    }
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn scan_realnews(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(realnews_bytes()))
        .bench(|| {
            let mut n = 0;
            for s in REALNEWS.iter() {
                n += crosscheck::extract::scan::mentions(divan::black_box(&s.text), s.published)
                    .len();
            }
            n
        });
}

/// What `crosscheck::analyse` does with a story, without moving it.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn analyse_realnews(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(realnews_bytes()))
        .bench(|| {
            let mut n = 0;
            for s in REALNEWS.iter() {
                let text = divan::black_box(&s.text);
                let sentences = crosscheck::text::sentences(text, s.headline_end());
                let mentions = crosscheck::extract::scan::mentions(text, s.published);
                let (claims, _) =
                    crosscheck::extract::frame::claims(text, &sentences, mentions, s.published);
                n += claims.len() + crosscheck::quote::quotes(text, &sentences).len();
            }
            n
        });
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
