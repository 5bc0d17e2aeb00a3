//! The real-text benchmark of figures (issue 19): how well the extractor
//! reads the numbers of real news, sentence by sentence, against a reading
//! by hand.
//!
//! `tests/realtext/figures.tsv` holds 360 sentences of `../shared/realnews`
//! (300 drawn at random from the three sets among sentences with a digit or
//! a number word, 60 more chosen for money, shares and changes), each
//! figure annotated as a news editor reads it: value, unit, qualifier,
//! change and counted noun. The file keeps story ids and byte spans, never
//! the text; the test reads the stories from `../shared/realnews` and
//! prints "skipped" where they are missing.
//!
//! What counts as a figure: counts, shares, money, measures, durations and
//! ages; not dates, years, times of day, ordinals or numbers in names
//! (`Flight 370`, `the 2200 block`, a phone number). A lone `one` or `a` is
//! a figure where it counts something (`one count of murder`, `one dead,
//! three hurt`), not where it picks someone out (`one of the victims`,
//! `one woman told AFP`).
//!
//! A claim of the extractor answers a figure when their spans overlap;
//! each figure and claim is used once. A claim is right for **value** when
//! its stated value (both ends of a range) is the figure's, for
//! **value+qualifier** when the qualifier is right too, for
//! **value+change** when its change is (`level`, `up`, `down`,
//! `from-to`). Precision is over the claims in the annotated sentences
//! (of the units above), recall over the figures.
//!
//! `cargo test --test realtext` prints the figures
//! (and, with `CROSSCHECK_REALTEXT=misses`, every miss); the floors below
//! only rise.

mod harness;
#[allow(dead_code)] // the helpers of the other test binary
mod util;

use crosscheck::extract::frame::Claim;
use crosscheck::extract::quantity::Unit;
use std::collections::BTreeMap;

/// F1 floors, in percent: value, value+qualifier, value+change.
const FLOORS: [f64; 3] = [95.5, 93.5, 95.0];

struct Figure {
    span: (usize, usize),
    low: f64,
    high: f64,
    qualifier: String,
    change: String,
}

struct Sentence {
    story: String,
    span: (usize, usize),
    figures: Vec<Figure>,
}

fn pair(s: &str, sep: &str) -> (String, String) {
    let (a, b) = s.split_once(sep).unwrap_or((s, s));
    (a.to_string(), b.to_string())
}

fn number(s: &str) -> f64 {
    if s == "inf" {
        f64::INFINITY
    } else {
        s.parse().unwrap_or_else(|_| panic!("a number: {s}"))
    }
}

fn span(s: &str) -> (usize, usize) {
    let (a, b) = pair(s, "-");
    (a.parse().unwrap(), b.parse().unwrap())
}

fn annotations() -> Vec<Sentence> {
    let path = crate::util::root().join("tests/realtext/figures.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out: Vec<Sentence> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (story, sentence) = (f[0].to_string(), span(f[1]));
        if out
            .last()
            .is_none_or(|s| s.story != story || s.span != sentence)
        {
            out.push(Sentence {
                story,
                span: sentence,
                figures: Vec::new(),
            });
        }
        if f[2] == "-" {
            continue;
        }
        assert_eq!(f.len(), 8, "{line}");
        let (low, high) = pair(f[3], "..");
        let last = out.last_mut().unwrap();
        last.figures.push(Figure {
            span: span(f[2]),
            low: number(&low),
            high: number(&high),
            qualifier: f[5].to_string(),
            change: f[6].to_string(),
        });
    }
    out
}

/// The units the benchmark reads: not dates, years, ordinals or labels;
/// nor a person the frame counts as one from a name or an article (`a man
/// was shot`, `Ana Ode, 19, died`): that is a claim of the frame, measured
/// by the gold tolls of `realnews.rs`, not a number the text writes.
fn is_figure(text: &str, c: &Claim) -> bool {
    let written = text[c.value_span.clone()].eq_ignore_ascii_case("one")
        || text[c.value_span.clone()].starts_with(|d: char| d.is_ascii_digit());
    !matches!(
        c.quantity.unit,
        Unit::Date | Unit::Year | Unit::Ordinal | Unit::Label
    ) && (c.bound != Some("one-person") || written)
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// Right claims of each measure (value, +qualifier, +change), claims,
/// figures.
#[derive(Default)]
struct Tally {
    right: [usize; 3],
    claims: usize,
    figures: usize,
}

fn f1(right: usize, claims: usize, figures: usize) -> (f64, f64, f64) {
    let p = 100.0 * right as f64 / claims.max(1) as f64;
    let r = 100.0 * right as f64 / figures.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn figures_of_real_sentences_are_read_as_an_editor_reads_them() -> harness::Outcome {
    let shared = harness::shared("realnews")?;
    let sentences = annotations();
    assert_eq!(sentences.len(), 360, "the annotated sentences");
    let analyses = analyses_of(&shared, &sentences);
    let show = std::env::var("CROSSCHECK_REALTEXT").is_ok_and(|v| v == "misses");
    let mut t = Tally::default();
    for s in &sentences {
        t.sentence(s, &analyses[&s.story], show);
    }
    println!(
        "realtext: {} sentences, {} figures, {} claims",
        sentences.len(),
        t.figures,
        t.claims
    );
    let low = t.below_floors();
    assert!(low.is_empty(), "{low:?}");
    Ok(())
}

/// The analyses of the stories of `../shared/realnews` that the annotated
/// `sentences` come from, by story id.
fn analyses_of(
    shared: &std::path::Path,
    sentences: &[Sentence],
) -> BTreeMap<String, crosscheck::Analysis> {
    let paths = harness::realnews_files(shared);
    let wanted: std::collections::BTreeSet<&str> =
        sentences.iter().map(|s| s.story.as_str()).collect();
    let batch = crosscheck::story::ingest(&paths, &mut std::io::empty());
    batch
        .stories
        .into_iter()
        .filter(|s| wanted.contains(s.id.as_str()))
        .map(|s| (s.id.clone(), crosscheck::analyse(s)))
        .collect()
}

impl Tally {
    /// Count one annotated sentence: its figures, the claims of `a` in it,
    /// and which claims answer a figure rightly; with `show`, print each
    /// miss, wrong reading and extra claim.
    fn sentence(&mut self, s: &Sentence, a: &crosscheck::Analysis, show: bool) {
        let text = &a.story.text;
        assert!(s.span.1 <= text.len(), "{}: span", s.story);
        let claims: Vec<&Claim> = a
            .claims
            .iter()
            .filter(|c| is_figure(text, c) && c.span.start < s.span.1 && s.span.0 < c.span.end)
            .collect();
        self.claims += claims.len();
        self.figures += s.figures.len();
        let mut used = vec![false; claims.len()];
        for g in &s.figures {
            let overlapping = |c: &&Claim| c.span.start < g.span.1 && g.span.0 < c.span.end;
            let value_ok = |c: &Claim| same(c.stated.0, g.low) && same(c.stated.1, g.high);
            // the overlapping claim with the right value, else any
            let k = (0..claims.len())
                .filter(|&k| !used[k] && overlapping(&claims[k]))
                .max_by_key(|&k| (value_ok(claims[k]), std::cmp::Reverse(k)));
            let Some(k) = k else {
                if show {
                    println!(
                        "MISS {} {:?}: {:?} (none)",
                        s.story,
                        &text[g.span.0..g.span.1],
                        (g.low, g.high)
                    );
                }
                continue;
            };
            used[k] = true;
            let c = claims[k];
            let value = value_ok(c);
            let qualifier = value && c.quantity.qualifier.as_str() == g.qualifier;
            let change = value && c.quantity.change.as_str() == g.change;
            self.right[0] += usize::from(value);
            self.right[1] += usize::from(qualifier);
            self.right[2] += usize::from(change);
            if show && !(value && qualifier && change) {
                println!(
                    "WRONG {} {:?}: want {:?} {} {}, got {:?} {} {} ({:?})",
                    s.story,
                    &text[g.span.0..g.span.1],
                    (g.low, g.high),
                    g.qualifier,
                    g.change,
                    c.stated,
                    c.quantity.qualifier,
                    c.quantity.change.as_str(),
                    &text[c.span.clone()],
                );
            }
        }
        if show {
            for (c, _) in claims.iter().zip(&used).filter(|(_, u)| !**u) {
                println!(
                    "EXTRA {} {:?}: {:?} {}",
                    s.story,
                    &text[c.span.clone()],
                    c.stated,
                    c.quantity.unit
                );
            }
        }
    }

    /// Print precision, recall and F1 of each reading; those whose F1 is
    /// below its floor in [`FLOORS`], said.
    fn below_floors(&self) -> Vec<String> {
        let mut low = Vec::new();
        for (k, name) in ["value", "value+qualifier", "value+change"]
            .iter()
            .enumerate()
        {
            let (p, r, f) = f1(self.right[k], self.claims, self.figures);
            println!("  {name:<16} precision {p:5.1} %  recall {r:5.1} %  F1 {f:5.1} %");
            if f < FLOORS[k] {
                low.push(format!(
                    "{name} F1 {f:.1} % below its floor {} %",
                    FLOORS[k]
                ));
            }
        }
        low
    }
}

fn main() {
    harness::run(&[(
        "figures_of_real_sentences_are_read_as_an_editor_reads_them",
        figures_of_real_sentences_are_read_as_an_editor_reads_them,
    )]);
}
