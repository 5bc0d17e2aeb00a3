//! Finding the same remark in different stories.
//!
//! Two quotes are one remark only when their speakers can be the same
//! person and a long common core of words joins them: a local alignment
//! of the two word sequences (Smith–Waterman over words; a gap at an
//! ellipsis costs nothing) that covers most of the shorter quote and is
//! mostly matched words, not a handful of words the two happen to share. The shorter quote
//! sits inside the longer one, or the two overlap at their ends; what lies
//! outside the aligned region is a partial quote, never a change.
//!
//! Speakers: a speaker counts only when the quote's own sentence attributes
//! it (`..." the mayor said`, `Berg said: "..."`, or the quote carries on
//! one in its paragraph); one guessed from the sentence before or from a
//! pronoun is unknown, so that no finding hinges on a guess. Two people
//! named by name are one speaker when their names share a word (`Abdel
//! Rahman`, `Rami Abdel Rahman`); a role or an organisation (`police`,
//! `the prosecutor`, `AFP`) could be anyone and counts as unknown, with a
//! stricter bar. The same words given to two people named by name, near
//! enough word for word, are a misattribution.
//!
//! Candidates come from an index of word pairs (bigrams): each quote is
//! aligned only with the few quotes that share most pairs with it, and
//! pairs so common in the event that they say nothing are left out, so an
//! event with thousands of quotes costs about as many alignments.

use super::diff::Normalized;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// How two aligned quotes relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// One remark, the same speaker (or one speaker unknown).
    Same,
    /// The same words, attributed to two people named by name.
    Misattributed,
}

/// The bars two quotes must clear to be one remark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Share of the shorter quote the aligned region covers when both name
    /// one speaker.
    pub same_speaker: f64,
    /// The same when a speaker is unknown or only described.
    pub unknown_speaker: f64,
    /// Share of the longer quote the aligned region covers for the same
    /// words given to two different people to be a misattribution.
    pub misattribution: f64,
    /// Words the alignment matches at least, when both name one speaker;
    /// twice as many otherwise.
    pub core: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            same_speaker: 0.6,
            unknown_speaker: 0.75,
            misattribution: 0.9,
            core: 3,
        }
    }
}

/// Who a quote is given to, as far as comparing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The words of a person's name, lower case, without titles and roles
    /// (`Fire chief Hanna Berg` → `hanna`, `berg`); empty for a role, an
    /// organisation or a pronoun.
    pub names: Vec<String>,
    /// The name is a person's, first name and surname (`Drew Kelton`).
    pub person: bool,
    /// The last word, lower case, for a speaker named by role (`mayor`).
    pub role: String,
    /// Attributed in the quote's own sentence, not guessed.
    pub sure: bool,
}

impl Speaker {
    /// Read a speaker as the quote extraction found it. The name is the run
    /// of capitalised words that ends the phrase (before a comma, and
    /// before trailing roles: `Andrew Feldman, SeaMicro CEO`, `a grieving
    /// Miguel Cruz`); a phrase that ends otherwise describes someone (`a
    /// Bukit Sama village resident`, `the Palmer fire chief`) or is a
    /// pronoun (`... he`), and names nobody.
    pub fn new(speaker: &str, sure: bool) -> Speaker {
        let l = super::lexicon::lexicon();
        let head = speaker.split(',').next().unwrap_or("");
        let words: Vec<&str> = head
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        // each word in lower case, once
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let role = lower.last().cloned().unwrap_or_default();
        let acronym = |w: &str| {
            let letters = w.chars().filter(|c| c.is_alphabetic());
            letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
        };
        let name = |k: usize| {
            let (w, lower) = (words[k], &lower[k]);
            w.chars().next().is_some_and(char::is_uppercase)
                && !acronym(w)
                && !l.titles.contains(lower.trim_end_matches('.'))
                && !l.function.contains(lower)
                && !l.roles.contains(lower)
                && !l.organisations.contains(lower)
                && !l.dates.contains(lower)
        };
        // "... he": a pronoun; trailing roles and abbreviations ("SeaMicro
        // CEO") are no name
        let mut end = if l.function.contains(&role) {
            0
        } else {
            words.len()
        };
        while end > 0 && (acronym(words[end - 1]) || l.roles.contains(&lower[end - 1])) {
            end -= 1;
        }
        let start = (0..end).rposition(|k| !name(k)).map_or(0, |p| p + 1);
        let run = &words[start..end];
        // "Drew Kelton", "Rami Abdel Rahman": two words or more, each a
        // capital and lower-case letters (not "T Mobile", not "SeaMicro")
        let person = run.len() >= 2
            && run.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase)
                    && cs.clone().count() >= 1
                    && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
            });
        Speaker {
            names: lower[start..end].to_vec(),
            person,
            role,
            sure,
        }
    }
}

/// Whether two speakers can be one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Same,
    Unknown,
    Different,
}

fn who(a: Option<&Speaker>, b: Option<&Speaker>) -> Who {
    match (a.filter(|s| s.sure), b.filter(|s| s.sure)) {
        (Some(x), Some(y)) if !x.names.is_empty() && !y.names.is_empty() => {
            if x.names.iter().any(|n| y.names.contains(n)) {
                Who::Same
            } else if x.person && y.person {
                Who::Different
            } else {
                Who::Unknown
            }
        }
        (Some(x), Some(y)) if x.names.is_empty() && y.names.is_empty() && x.role == y.role => {
            Who::Same
        }
        _ => Who::Unknown,
    }
}

/// One quote to align: its story, its normalised words and its speaker.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub story: usize,
    pub words: Normalized,
    pub speaker: Option<Speaker>,
}

/// The quotes of one story as candidates, each with its index in
/// `a.quotes`.
pub fn candidates(a: &crate::Analysis, story: usize) -> Vec<(usize, Candidate)> {
    a.quotes
        .iter()
        .enumerate()
        .map(|(k, q)| {
            let c = Candidate {
                story,
                words: super::diff::normalize(&a.story.text[q.span.clone()]),
                speaker: q
                    .speaker
                    .as_deref()
                    .map(|s| Speaker::new(s, q.attribution.is_sure())),
            };
            (k, c)
        })
        .collect()
}

/// Two quotes found to be one remark (or one remark given to two people):
/// candidates `i < j` and the aligned regions of their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub i: usize,
    pub j: usize,
    pub relation: Relation,
    /// The aligned words of `i` and of `j`.
    pub a: Range<usize>,
    pub b: Range<usize>,
    /// Words the alignment matched.
    pub matched: usize,
}

/// How many of the quotes that share most word pairs with a quote are
/// aligned with it.
const NEAREST: usize = 24;

/// The pairs of candidates that are one remark (or a misattributed one).
/// `distinct(i, j)` says whether two candidates may be compared at all
/// (not two quotes of one story).
pub fn align(
    cands: &[&Candidate],
    t: Thresholds,
    distinct: impl Fn(usize, usize) -> bool,
) -> Vec<Pair> {
    let total: usize = cands.iter().map(|c| c.words.words.len()).sum();
    let mut ids: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(total, rustc_hash::FxBuildHasher);
    let seqs: Vec<Vec<u32>> = cands
        .iter()
        .map(|c| {
            c.words
                .words
                .iter()
                .map(|w| {
                    let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                    *ids.entry(w.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    // each quote's words sorted: the words two quotes share bound what an
    // alignment of them can match ([`possible`])
    let sorted: Vec<Vec<u32>> = seqs
        .iter()
        .map(|s| {
            let mut v = s.clone();
            v.sort_unstable();
            v
        })
        .collect();
    let mut scratch = Scratch::default();
    nearest(&seqs, t, distinct)
        .into_iter()
        .filter_map(|(i, j)| {
            possible(cands, &seqs, &sorted, i, j, t, &mut scratch)
                .then(|| pair(cands, &seqs, i, j, t, &mut scratch))
                .flatten()
        })
        .collect()
}

/// The pairs of quotes (`i < j`, sorted) worth aligning: for each quote,
/// the [`NEAREST`] quotes `distinct` from it that share most word pairs
/// with it, word pairs too common in the event left out.
fn nearest(
    seqs: &[Vec<u32>],
    t: Thresholds,
    distinct: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let n = seqs.len();
    // the word pairs of each quote long enough to align, each once, as
    // numbers: `grams[starts[i]..starts[i + 1]]` are quote i's, and the
    // quotes of word pair g are `postings[offsets[g]..offsets[g + 1]]`, in
    // order; flat lists, not a list allocated per word pair
    let total: usize = seqs.iter().map(Vec::len).sum();
    let mut number: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(total, rustc_hash::FxBuildHasher);
    let mut grams: Vec<usize> = Vec::with_capacity(total);
    let mut starts: Vec<usize> = Vec::with_capacity(n + 1);
    let mut counts: Vec<usize> = Vec::new();
    let mut own: Vec<u64> = Vec::new();
    for s in seqs {
        starts.push(grams.len());
        if s.len() < t.core {
            continue;
        }
        own.clear();
        own.extend(
            s.windows(2)
                .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])),
        );
        own.sort_unstable();
        own.dedup();
        for &x in &own {
            let next = number.len();
            let g = *number.entry(x).or_insert(next);
            if g == counts.len() {
                counts.push(0);
            }
            counts[g] += 1;
            grams.push(g);
        }
    }
    starts.push(grams.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(counts.len() + 1);
    let mut sum = 0;
    for &c in &counts {
        offsets.push(sum);
        sum += c;
    }
    offsets.push(sum);
    let mut fill = offsets.clone();
    let mut postings = vec![0usize; sum];
    for i in 0..n {
        for &g in &grams[starts[i]..starts[i + 1]] {
            postings[fill[g]] = i;
            fill[g] += 1;
        }
    }
    // a word pair in a quarter of an event's quotes ("it is") says nothing
    let common = (n / 4).max(64);
    let mut shared = vec![0u32; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for j in 0..n {
        if seqs[j].len() < t.core {
            continue;
        }
        for &g in &grams[starts[j]..starts[j + 1]] {
            let p = &postings[offsets[g]..offsets[g + 1]];
            if p.len() > common {
                continue;
            }
            for &i in p {
                if i != j {
                    if shared[i] == 0 {
                        touched.push(i);
                    }
                    shared[i] += 1;
                }
            }
        }
        let mut near: Vec<usize> = touched
            .iter()
            .copied()
            .filter(|&i| distinct(i, j))
            .collect();
        near.sort_by_key(|&i| (std::cmp::Reverse(shared[i]), i));
        pairs.extend(near.iter().take(NEAREST).map(|&i| (i.min(j), i.max(j))));
        for &i in &touched {
            shared[i] = 0;
        }
        touched.clear();
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The bars of two quotes whose speakers relate as `who`: the words an
/// alignment must match at least, and the share of the quotes' words it
/// must cover.
fn bars(who: Who, t: Thresholds) -> (usize, f64) {
    match who {
        Who::Same => (t.core, t.same_speaker),
        Who::Unknown => (2 * t.core, t.unknown_speaker),
        Who::Different => (2 * t.core, t.misattribution),
    }
}

/// Whether two quotes can clear their bars at all, from the words they
/// share (`sorted`: each quote's word numbers, sorted) and the longest
/// run of them both have in order. An alignment's matched words are words
/// both quotes have, in order: no more than they share, and no more than
/// their longest common subsequence; its regions are at most twice its
/// matches long (or it is not dense), so they cover at most twice that
/// many words of the shorter quote (of the longer, for a
/// misattribution). A pair this says no to, [`pair`] says no to; the test
/// below checks it.
fn possible(
    cands: &[&Candidate],
    seqs: &[Vec<u32>],
    sorted: &[Vec<u32>],
    i: usize,
    j: usize,
    t: Thresholds,
    scratch: &mut Scratch,
) -> bool {
    let who = who(cands[i].speaker.as_ref(), cands[j].speaker.as_ref());
    let (core, bar) = bars(who, t);
    let (la, lb) = (seqs[i].len(), seqs[j].len());
    let n = if who == Who::Different {
        la.max(lb)
    } else {
        la.min(lb)
    };
    // the share as `pair` computes it, of a region twice the words matched
    let clears =
        |matched: usize| matched >= core && (2 * matched) as f64 / n.max(1) as f64 + 1e-9 >= bar;
    // the shared words first (cheap), then the common subsequence
    if !clears(shared_words(&sorted[i], &sorted[j])) {
        return false;
    }
    common_subsequence(&seqs[i], &seqs[j], &mut scratch.masks).is_none_or(clears)
}

/// The length of the longest common subsequence of two word sequences,
/// or `None` when both are longer than 128 words: bit-parallel (Allison
/// and Dix; Hyyrö), a bit per word of the shorter sequence. `masks` is
/// scratch space.
fn common_subsequence(a: &[u32], b: &[u32], masks: &mut Vec<(u32, u128)>) -> Option<usize> {
    let (a, b) = if b.len() <= a.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        return Some(0);
    }
    if b.len() > 128 {
        return None;
    }
    // per word of `b`, the bits of its positions
    masks.clear();
    masks.extend(b.iter().enumerate().map(|(k, &w)| (w, 1u128 << k)));
    masks.sort_unstable_by_key(|m| m.0);
    masks.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 |= later.1;
        }
        same
    });
    // a zero bit of `v` per word of `b` matched so far
    let mut v = u128::MAX;
    for &x in a {
        if let Ok(k) = masks.binary_search_by_key(&x, |m| m.0) {
            let u = v & masks[k].1;
            v = v.wrapping_add(u) | (v - u);
        }
    }
    let low = u128::MAX >> (128 - b.len());
    let zeros = (!v & low).count_ones();
    Some(zeros as usize)
}

/// How many words two sorted lists share, each as often as both have it.
fn shared_words(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn pair(
    cands: &[&Candidate],
    seqs: &[Vec<u32>],
    i: usize,
    j: usize,
    t: Thresholds,
    scratch: &mut Scratch,
) -> Option<Pair> {
    let (a, b) = (&cands[i], &cands[j]);
    let (sa, sb) = (&seqs[i], &seqs[j]);
    let (ra, rb, matched) = local(sa, &a.words.elisions, sb, &b.words.elisions, scratch)?;
    // the share of the shorter quote the aligned region covers, and of the
    // longer one for a misattribution; the region must be mostly matches
    let share = |r: &Range<usize>, n: usize| r.len() as f64 / n.max(1) as f64;
    let (ca, cb) = (share(&ra, sa.len()), share(&rb, sb.len()));
    let shorter = match sa.len().cmp(&sb.len()) {
        std::cmp::Ordering::Less => ca,
        std::cmp::Ordering::Greater => cb,
        std::cmp::Ordering::Equal => ca.min(cb),
    };
    let longer = ca.min(cb);
    let who = who(a.speaker.as_ref(), b.speaker.as_ref());
    let (core, bar) = bars(who, t);
    let covered = if who == Who::Different {
        longer
    } else {
        shorter
    };
    // a hair below a bar still clears it: 3 of 5 words is 60 %; the
    // content words are compared last, only for a pair that clears the rest
    let clears = matched >= core
        && covered + 1e-9 >= bar
        && 2 * matched >= ra.len().max(rb.len())
        && content_matched(a, &ra, b, &rb, sa.len() <= sb.len());
    if !clears {
        return None;
    }
    let relation = if who == Who::Different {
        Relation::Misattributed
    } else {
        Relation::Same
    };
    let (ra, rb) = extend(&a.words, sa, ra, &b.words, sb, rb);
    Some(Pair {
        i,
        j,
        relation,
        a: ra,
        b: rb,
        matched,
    })
}

/// Whether the words that carry meaning in the shorter quote's aligned
/// region are mostly matched in the other (the same word or one of its
/// forms), or half of them and the rest changed in one place: `The regime in Khartoum is attempting to provoke South Sudan`
/// and `The regime's end game is to either capture South Sudan` share a
/// frame, not a remark; `she was a good person` and `she was a sweet
/// girl`, nothing that means anything.
fn content_matched(
    a: &Candidate,
    ra: &Range<usize>,
    b: &Candidate,
    rb: &Range<usize>,
    a_shorter: bool,
) -> bool {
    use super::diff::{is_content, related};
    use similar::{Algorithm, DiffTag, capture_diff_slices};
    let (wa, wb) = (&a.words.words[ra.clone()], &b.words.words[rb.clone()]);
    let (short, long) = if a_shorter { (wa, wb) } else { (wb, wa) };
    let mut matched = vec![false; short.len()];
    let mut changes: Vec<std::ops::Range<usize>> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, short, long) {
        let (tag, x, y) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => matched[x].iter_mut().for_each(|m| *m = true),
            DiffTag::Replace => {
                changes.push(x.clone());
                for (i, j) in x.zip(y) {
                    matched[i] = related(&short[i], &long[j]);
                }
            }
            _ => changes.push(x),
        }
    }
    let content: Vec<bool> = short.iter().map(|w| is_content(w)).collect();
    let total = content.iter().filter(|&&c| c).count();
    let got = content
        .iter()
        .zip(&matched)
        .filter(|&(&c, &m)| c && m)
        .count();
    // the places where words that mean something were changed
    let places = changes
        .into_iter()
        .filter(|x| x.clone().any(|i| content[i] && !matched[i]))
        .count();
    // two thirds of them matched; or half, the rest changed in one place
    // (`this is Newburgh where everyone has a gun` / `this is Newburgh,
    // everybody fires a gun`)
    total > 0 && (3 * got >= 2 * total || (2 * got >= total && places <= 1))
}

/// A cell of [`local`]'s table: the best score of an alignment ending
/// there, where it starts and the words it matched.
#[derive(Clone, Copy, Default)]
struct Cell {
    score: i32,
    start: (u32, u32),
    matched: u32,
}

/// The rows of [`local`]'s table, kept from one pair to the next.
#[derive(Default)]
struct Scratch {
    prev: Vec<Cell>,
    row: Vec<Cell>,
    free_b: Vec<bool>,
    /// The bits of the words of a sequence ([`common_subsequence`]).
    masks: Vec<(u32, u128)>,
}

/// The best local alignment of two word sequences: the aligned region of
/// each and the words matched. A match scores 2, a changed, left-out or
/// added word costs 1, and words skipped where the other version has an
/// ellipsis cost nothing.
fn local(
    a: &[u32],
    a_elided: &[usize],
    b: &[u32],
    b_elided: &[usize],
    scratch: &mut Scratch,
) -> Option<(Range<usize>, Range<usize>, usize)> {
    let m = b.len();
    let Scratch {
        prev, row, free_b, ..
    } = scratch;
    free_b.clear();
    free_b.extend((0..=m).map(|j| b_elided.contains(&j)));
    prev.clear();
    prev.resize(m + 1, Cell::default());
    row.clear();
    row.resize(m + 1, Cell::default());
    let mut best = (Cell::default(), 0usize, 0usize);
    let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    for i in 1..=a.len() {
        let free_a = a_elided.contains(&i);
        row[0] = Cell {
            start: (at(i), 0),
            ..Cell::default()
        };
        for j in 1..=m {
            let d = prev[j - 1];
            let hit = a[i - 1] == b[j - 1];
            let diag = Cell {
                score: d.score + if hit { 2 } else { -1 },
                start: if d.score == 0 {
                    (at(i - 1), at(j - 1))
                } else {
                    d.start
                },
                matched: if d.score == 0 { 0 } else { d.matched } + u32::from(hit),
            };
            // a[i-1] left out of b, where b stands at j
            let u = prev[j];
            let up = Cell {
                score: u.score - i32::from(!free_b[j]),
                ..u
            };
            // b[j-1] added, where a stands at i
            let l = row[j - 1];
            let left = Cell {
                score: l.score - i32::from(!free_a),
                ..l
            };
            let mut c = diag;
            if up.score > c.score {
                c = up;
            }
            if left.score > c.score {
                c = left;
            }
            if c.score <= 0 {
                c = Cell {
                    score: 0,
                    start: (at(i), at(j)),
                    matched: 0,
                };
            }
            row[j] = c;
            if c.score > best.0.score {
                best = (c, i, j);
            }
        }
        std::mem::swap(prev, row);
    }
    let (c, i, j) = best;
    (c.matched > 0).then_some((
        c.start.0 as usize..i,
        c.start.1 as usize..j,
        c.matched as usize,
    ))
}

/// The next word both versions share past the end of their aligned
/// words (`a` and `b` are the words that follow, within the sentence):
/// how many words of each to take up to it, when the words between cost
/// at most a point more than the shared word scores (`You close the
/// depots, f**k` / `You are closing warehouses, dammit` go on to the
/// expletive).
fn anchor(a: &[u32], b: &[u32]) -> Option<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut score = vec![vec![0i32; m + 1]; n + 1];
    let mut best: Option<(i32, usize, usize)> = None;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 || j == 0 {
                score[i][j] = -i32::try_from(i + j).unwrap_or(i32::MAX);
                continue;
            }
            let hit = a[i - 1] == b[j - 1];
            let diag = score[i - 1][j - 1] + if hit { 2 } else { -1 };
            score[i][j] = diag.max(score[i - 1][j] - 1).max(score[i][j - 1] - 1);
            if hit && diag >= -1 && best.is_none_or(|(s, x, y)| (diag, i + j) > (s, x + y)) {
                best = Some((diag, i, j));
            }
        }
    }
    best.map(|(_, i, j)| (i, j))
}

/// How far the aligned region may be carried on: up to the next sentence
/// or ellipsis, and at most a dozen words.
fn reach(n: &Normalized, r: &Range<usize>, forward: bool) -> Range<usize> {
    let breaks = n.sentences.iter().chain(&n.elisions).copied();
    if forward {
        let stop = breaks
            .filter(|&p| p >= r.end)
            .min()
            .unwrap_or(n.words.len())
            .min(r.end + 12);
        r.end..stop.max(r.end)
    } else {
        let start = breaks
            .filter(|&p| p <= r.start)
            .max()
            .unwrap_or(0)
            .max(r.start.saturating_sub(12));
        start.min(r.start)..r.start
    }
}

/// The aligned regions carried on to the words both versions share past
/// either end within the sentence ([`anchor`]); then, where both versions
/// still go on within one clause and one of them ends within two words,
/// the words up to that end are compared too: `It is not over yet` / `It
/// is over now` differ in `now`.
fn extend(
    a: &Normalized,
    sa: &[u32],
    mut ra: Range<usize>,
    b: &Normalized,
    sb: &[u32],
    mut rb: Range<usize>,
) -> (Range<usize>, Range<usize>) {
    loop {
        let (xa, xb) = (reach(a, &ra, true), reach(b, &rb, true));
        match anchor(&sa[xa], &sb[xb]) {
            Some((i, j)) => {
                ra.end += i;
                rb.end += j;
            }
            None => break,
        }
    }
    loop {
        let (xa, xb) = (reach(a, &ra, false), reach(b, &rb, false));
        let rev = |s: &[u32], x: Range<usize>| s[x].iter().rev().copied().collect::<Vec<u32>>();
        match anchor(&rev(sa, xa), &rev(sb, xb)) {
            Some((i, j)) => {
                ra.start -= i;
                rb.start -= j;
            }
            None => break,
        }
    }
    let breaks = |n: &Normalized, r: Range<usize>| {
        n.sentences
            .iter()
            .chain(&n.clauses)
            .chain(&n.elisions)
            .any(|p| r.contains(p))
    };
    // before: the words a.start-k..a.start; a break at the region's start
    // means the words before belong to another clause
    let k = ra.start.min(rb.start);
    if k > 0 && (ra.start <= 2 || rb.start <= 2) {
        let k = k.min(2);
        if !breaks(a, ra.start + 1 - k..ra.start + 1) && !breaks(b, rb.start + 1 - k..rb.start + 1)
        {
            ra.start -= k;
            rb.start -= k;
        }
    }
    let (la, lb) = (a.words.len() - ra.end, b.words.len() - rb.end);
    let k = la.min(lb);
    if k > 0 && (la <= 2 || lb <= 2) {
        let k = k.min(2);
        if !breaks(a, ra.end..ra.end + k) && !breaks(b, rb.end..rb.end + k) {
            ra.end += k;
            rb.end += k;
        }
    }
    (ra, rb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::diff::normalize;

    fn c(story: usize, text: &str, speaker: Option<&str>) -> Candidate {
        Candidate {
            story,
            words: normalize(text),
            speaker: speaker.map(|s| Speaker::new(s, true)),
        }
    }

    fn run(cands: &[Candidate]) -> Vec<Pair> {
        let all: Vec<&Candidate> = cands.iter().collect();
        align(&all, Thresholds::default(), |i, j| {
            cands[i].story != cands[j].story
        })
    }

    #[test]
    fn partial_quotes_same_and_other_speakers() {
        let cands = vec![
            c(
                0,
                "We will rebuild every home in this valley before winter comes",
                Some("Hanna Berg"),
            ),
            c(1, "rebuild every home in this valley", Some("Berg")),
            c(
                2,
                "We will rebuild every home in this valley before winter comes",
                Some("Tomas Lind"),
            ),
            c(
                3,
                "The weather has been kind to the farmers this spring",
                None,
            ),
        ];
        let pairs = run(&cands);
        let find = |i, j| pairs.iter().find(|p| p.i == i && p.j == j);
        let p = find(0, 1).expect("a fragment of the remark");
        assert_eq!(
            (p.relation, p.a.clone(), p.b.clone()),
            (Relation::Same, 2..8, 0..6)
        );
        assert_eq!(
            find(0, 2).map(|p| p.relation),
            Some(Relation::Misattributed)
        );
        assert!(!pairs.iter().any(|p| p.i == 3 || p.j == 3));
    }

    #[test]
    fn a_handful_of_shared_words_is_no_remark() {
        let cands = vec![
            c(
                0,
                "He was shot in broad daylight outside the school gates",
                None,
            ),
            c(
                1,
                "They shot in broad daylight, and nobody came to help us",
                None,
            ),
            c(
                2,
                "We are asking everyone for information about the shooting",
                Some("the sheriff"),
            ),
            c(
                3,
                "Anyone who stays silent about the shooting should be ashamed",
                Some("the sheriff"),
            ),
        ];
        assert!(run(&cands).is_empty(), "{:?}", run(&cands));
    }

    #[test]
    fn the_ends_of_the_overlap_and_an_ellipsis() {
        let cands = vec![
            c(
                0,
                "We have never seen the water rise this quickly. It is over now.",
                Some("Hanna Berg"),
            ),
            c(1, "It is not over yet.", Some("Berg")),
            c(
                2,
                "We have never seen the water ... It is over now",
                Some("Berg"),
            ),
        ];
        let pairs = run(&cands);
        let p = pairs
            .iter()
            .find(|p| (p.i, p.j) == (0, 1))
            .expect("one remark");
        assert_eq!(
            (p.a.clone(), p.b.clone()),
            (9..13, 0..5),
            "up to where both end"
        );
        let p = pairs
            .iter()
            .find(|p| (p.i, p.j) == (0, 2))
            .expect("one remark");
        assert_eq!(p.a.start, 0);
        assert_eq!(p.b.start, 0);
    }

    /// The pairs to align as the index gave them before it was kept in
    /// flat lists: one list of quotes per word pair.
    fn nearest_by_lists(
        seqs: &[Vec<u32>],
        t: Thresholds,
        distinct: impl Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize)> {
        let n = seqs.len();
        let grams: Vec<Vec<u64>> = seqs
            .iter()
            .map(|s| {
                let mut g: Vec<u64> = s
                    .windows(2)
                    .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
                    .collect();
                g.sort_unstable();
                g.dedup();
                g
            })
            .collect();
        let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, g) in grams.iter().enumerate() {
            if seqs[i].len() >= t.core {
                for &x in g {
                    postings.entry(x).or_default().push(i);
                }
            }
        }
        let common = (n / 4).max(64);
        let mut pairs = Vec::new();
        for j in 0..n {
            if seqs[j].len() < t.core {
                continue;
            }
            let mut shared = vec![0u32; n];
            for g in &grams[j] {
                let Some(p) = postings.get(g).filter(|p| p.len() <= common) else {
                    continue;
                };
                for &i in p {
                    if i != j {
                        shared[i] += 1;
                    }
                }
            }
            let mut near: Vec<usize> = (0..n)
                .filter(|&i| shared[i] > 0 && distinct(i, j))
                .collect();
            near.sort_by_key(|&i| (std::cmp::Reverse(shared[i]), i));
            pairs.extend(near.iter().take(NEAREST).map(|&i| (i.min(j), i.max(j))));
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// A quote of words from a small vocabulary (so that quotes share
    /// words and word pairs often), with commas, full stops and ellipses.
    fn quote_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            4 => proptest::sample::select(vec![
                "we", "will", "not", "rebuild", "the", "valley", "homes", "before",
                "after", "winter", "it", "is", "over", "never", "35", "53", "men",
            ])
            .prop_map(str::to_string),
            1 => proptest::sample::select(vec![",", ".", "...", "don't"]).prop_map(str::to_string),
        ];
        proptest::collection::vec(word, 0..24).prop_map(|w| w.join(" "))
    }

    fn speaker() -> impl proptest::strategy::Strategy<Value = Option<Speaker>> {
        use proptest::prelude::*;
        (
            proptest::sample::select(vec![
                "",
                "Hanna Berg",
                "Berg",
                "Tomas Lind",
                "Lind",
                "the mayor",
                "police",
            ]),
            any::<bool>(),
        )
            .prop_map(|(name, sure)| (!name.is_empty()).then(|| Speaker::new(name, sure)))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// The flat index picks the pairs the lists of quotes per word pair
        /// picked, for any quotes and any rule of which may be compared.
        #[test]
        fn the_flat_index_picks_the_same_pairs(
            seqs in proptest::collection::vec(proptest::collection::vec(0u32..12, 0..16), 0..300),
            stories in proptest::collection::vec(0usize..6, 300),
            core in 0usize..5,
            vocabulary in 2u32..13,
        ) {
            // a small vocabulary makes word pairs common enough to be left out
            let seqs: Vec<Vec<u32>> = seqs
                .into_iter()
                .map(|s| s.into_iter().map(|w| w % vocabulary).collect())
                .collect();
            let t = Thresholds { core, ..Thresholds::default() };
            let distinct = |i: usize, j: usize| stories[i] != stories[j];
            proptest::prop_assert_eq!(
                nearest(&seqs, t, distinct),
                nearest_by_lists(&seqs, t, distinct)
            );
        }

        /// The bit-parallel common subsequence is the one of the table.
        #[test]
        fn the_common_subsequence_is_the_longest(
            a in proptest::collection::vec(0u32..6, 0..150),
            b in proptest::collection::vec(0u32..6, 0..150),
        ) {
            let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    table[i][j] = if a[i - 1] == b[j - 1] {
                        table[i - 1][j - 1] + 1
                    } else {
                        table[i - 1][j].max(table[i][j - 1])
                    };
                }
            }
            let want = (a.len().min(b.len()) <= 128).then_some(table[a.len()][b.len()]);
            proptest::prop_assert_eq!(common_subsequence(&a, &b, &mut Vec::new()), want);
        }

        /// The shared words and the common subsequence rule out only
        /// pairs that are no remark: any pair `pair` finds, `possible`
        /// lets through.
        #[test]
        fn the_bound_on_shared_words_rules_out_no_remark(
            texts in proptest::collection::vec((quote_text(), speaker()), 2..8),
            core in 0usize..5,
            same in 0.0f64..1.0,
            unknown in 0.0f64..1.0,
            misattribution in 0.0f64..1.0,
        ) {
            let cands: Vec<Candidate> = texts
                .iter()
                .enumerate()
                .map(|(k, (text, speaker))| Candidate {
                    story: k,
                    words: normalize(text),
                    speaker: speaker.clone(),
                })
                .collect();
            let all: Vec<&Candidate> = cands.iter().collect();
            let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
            let seqs: Vec<Vec<u32>> = cands
                .iter()
                .map(|c| {
                    c.words
                        .words
                        .iter()
                        .map(|w| {
                            let next = u32::try_from(ids.len()).unwrap();
                            *ids.entry(w.as_str()).or_insert(next)
                        })
                        .collect()
                })
                .collect();
            let sorted: Vec<Vec<u32>> = seqs
                .iter()
                .map(|s| {
                    let mut v = s.clone();
                    v.sort_unstable();
                    v
                })
                .collect();
            let mut scratch = Scratch::default();
            for t in [
                Thresholds::default(),
                Thresholds { same_speaker: same, unknown_speaker: unknown, misattribution, core },
            ] {
                for i in 0..cands.len() {
                    for j in i + 1..cands.len() {
                        if pair(&all, &seqs, i, j, t, &mut scratch).is_some() {
                            proptest::prop_assert!(
                                possible(&all, &seqs, &sorted, i, j, t, &mut scratch),
                                "{:?} / {:?}", texts[i], texts[j]
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn speakers_named_roles_and_guesses() {
        let s = |t: &str| Speaker::new(t, true);
        assert_eq!(s("Fire chief Hanna Berg").names, vec!["hanna", "berg"]);
        assert_eq!(
            s("ABC Entertainment Group president Paul Lee").names,
            vec!["paul", "lee"]
        );
        assert!(s("Agence France Presse AFP").names.is_empty());
        assert!(s("the county prosecutor").names.is_empty());
        assert!(s("a Bukit Sama village resident").names.is_empty());
        assert!(s("from Raqqa he").names.is_empty());
        assert!(!s("T Mobile").person && !s("Berg").person && s("Drew Kelton").person);
        assert_eq!(s("Times Union Friday").names, Vec::<String>::new());
        assert_eq!(s("a grieving Miguel Cruz").names, vec!["miguel", "cruz"]);
        assert!(s("the Palmer fire chief").names.is_empty());
        assert_eq!(s("Hanna Berg, fire chief").names, vec!["hanna", "berg"]);
        assert_eq!(
            who(Some(&s("Abdel Rahman")), Some(&s("Rami Abdel Rahman"))),
            Who::Same
        );
        assert_eq!(
            who(Some(&s("Hanna Berg")), Some(&s("Tomas Lind"))),
            Who::Different
        );
        assert_eq!(
            who(Some(&s("Berg")), Some(&s("Lind"))),
            Who::Unknown,
            "surnames alone"
        );
        assert_eq!(who(Some(&s("the mayor")), Some(&s("Berg"))), Who::Unknown);
        assert_eq!(who(Some(&s("the mayor")), Some(&s("The mayor"))), Who::Same);
        let guessed = Speaker::new("Lind", false);
        assert_eq!(who(Some(&s("Hanna Berg")), Some(&guessed)), Who::Unknown);
    }
}
