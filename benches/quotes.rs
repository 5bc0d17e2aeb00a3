//! Quotation comparison on one big event: 200 stories of 20 quotes each
//! (4,000 quotes), drawn from 60 remarks of 15 speakers, quoted whole or in
//! part, attributed in different ways, some reworded, some with a `not`
//! dropped. The target (issue 18): under a second on one core.
//!
//! `cargo bench --bench quotes` — `remarks` is the quote rule alone
//! (alignment, diffs, the odd version of each remark), `check` every
//! default rule over the event. The stories are analysed once, outside the
//! measurement.

use crosscheck::group::GroupBy;
use std::fmt::Write as _;
use std::sync::LazyLock;

// the allocator the crosscheck binary uses
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "river",
    "houses",
    "water",
    "families",
    "road",
    "bridge",
    "council",
    "night",
    "morning",
    "rescue",
    "teams",
    "boats",
    "valley",
    "town",
    "street",
    "school",
    "hospital",
    "police",
    "neighbours",
    "children",
    "power",
    "storm",
    "damage",
    "shelter",
    "help",
    "everyone",
    "people",
    "week",
    "hours",
    "roof",
    "car",
    "fire",
    "crews",
    "doctors",
    "patients",
    "food",
    "supplies",
    "trucks",
    "army",
    "mayor",
    "government",
    "money",
    "homes",
    "fields",
    "farm",
];

const GLUE: &[&str] = &[
    "we", "have", "the", "to", "and", "of", "in", "will", "is", "are", "was", "were", "for",
    "with", "on", "all", "our", "they", "it", "that", "never", "every", "still", "before", "after",
    "again",
];

const FIRST: &[&str] = &["Hanna", "Tomas", "Maria", "Jon", "Aisha"];
const LAST: &[&str] = &["Berg", "Lind", "Okafor", "Reyes", "Novak", "Sato"];

/// 60 remarks of 12 to 30 words, each by one of 15 speakers.
fn remarks(rng: &mut Lcg) -> Vec<(String, Vec<String>)> {
    (0..60)
        .map(|r| {
            let speaker = format!("{} {}", FIRST[r % 5], LAST[(r / 5) % 6]);
            let n = 12 + rng.below(19);
            let words = (0..n)
                .map(|k| {
                    if k % 2 == 0 {
                        WORDS[rng.below(WORDS.len())].to_string()
                    } else {
                        GLUE[rng.below(GLUE.len())].to_string()
                    }
                })
                .collect();
            (speaker, words)
        })
        .collect()
}

/// 200 stories of one event (`CROSSCHECK_QUOTE_STORIES` for another
/// number, to see how the cost grows), 20 quotes each, analysed.
fn event() -> Vec<crosscheck::Analysis> {
    let mut rng = Lcg(18);
    let pool = remarks(&mut rng);
    let stories: usize = std::env::var("CROSSCHECK_QUOTE_STORIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    (0..stories)
        .map(|s| {
            let mut body = String::new();
            for _ in 0..20 {
                let (speaker, words) = &pool[rng.below(pool.len())];
                // whole, or a part of at least eight words
                let (mut from, mut to) = (0, words.len());
                if rng.below(3) == 0 {
                    from = rng.below(words.len() - 8);
                    to = from + 8 + rng.below(words.len() - from - 8 + 1);
                }
                let mut quoted: Vec<String> = words[from..to].to_vec();
                match rng.below(20) {
                    0 => quoted.insert(quoted.len() / 2, "not".to_string()),
                    1 | 2 => {
                        let k = rng.below(quoted.len());
                        quoted[k] = WORDS[rng.below(WORDS.len())].to_string();
                    }
                    _ => {}
                }
                let mut text = quoted.join(" ");
                if let Some(c) = text.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                let _ = match rng.below(3) {
                    0 => write!(body, "\u{201c}{text},\u{201d} {speaker} said. "),
                    1 => write!(body, "{speaker} told reporters: \"{text}.\" "),
                    _ => write!(body, "\"{text},\" said {speaker}. "),
                };
                if rng.below(4) == 0 {
                    body.push_str("\n\n");
                }
            }
            let story = crosscheck::story::inline(
                &format!("s{s:03}"),
                &format!("Outlet {}", s % 37),
                Some("Floods in the valley"),
                Some("2024-03-05"),
                Some("flood"),
                &body,
            )
            .expect("a generated story is valid");
            crosscheck::analyse(story)
        })
        .collect()
}

static EVENT: LazyLock<Vec<crosscheck::Analysis>> = LazyLock::new(event);

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn remarks_only(bencher: divan::Bencher) {
    let rules: Vec<_> = crosscheck::rules::defaults()
        .expect("the default rules load")
        .into_iter()
        .filter(|r| r.id == "quote-wording")
        .collect();
    let quotes: usize = EVENT.iter().map(|a| a.quotes.len()).sum();
    assert!(quotes >= 19 * EVENT.len(), "{quotes} quotes");
    let findings = crosscheck::rules::check(&EVENT, &rules, GroupBy::Batch).1;
    eprintln!(
        "{} stories, {quotes} quotes, {} findings",
        EVENT.len(),
        findings.len()
    );
    bencher.bench(|| {
        crosscheck::rules::check(divan::black_box(&EVENT), &rules, GroupBy::Batch)
            .1
            .len()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn check(bencher: divan::Bencher) {
    let rules = crosscheck::rules::defaults().expect("the default rules load");
    bencher.bench(|| {
        crosscheck::rules::check(divan::black_box(&EVENT), &rules, GroupBy::Batch)
            .1
            .len()
    });
}
