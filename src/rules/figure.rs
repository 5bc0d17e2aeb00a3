//! Figure rules: what each outlet says about one measure of one event,
//! compared story against story (and, with a date's claims, date rules:
//! [`super::date`]).
//!
//! Only claims a clause pattern bound to the measure take part (see
//! `extract::frame::bind`); sub-groups (`three of the officers`) and
//! background (`since the war began`, another year) never do. Each story
//! brings the set of figures it states, and two stories disagree only when
//! no figure of one agrees with any figure of the other: an outlet that
//! says both `3 dead` and `killing two` (the gunman counted once, once
//! not) agrees with an outlet that says `two killed`. Within one story the
//! headline, KEY POINTS and captions are held against the body the same
//! way.
//!
//! Two figures agree when their intervals, widened by the rule's tolerance
//! and by the precision the text shows (`52 percent` covers 52.3), share a
//! point. A cumulative measure may rise between reports; a later, lower
//! figure is a discrepancy.
//!
//! Severity says how sure the finding is. `error` needs two figures of the
//! same day, from the same or no named source, that differ by a digit swap,
//! a slipped zero or a factor of two or more; a near miss, figures of
//! different days, or two stories of one outlet make a `warning`; different
//! named sources, or figures several days apart, make `info`. Near-identical
//! stories (an archive copy, wire copy on several sites) are one story here
//! and are not compared with each other.
//!
//! The stories of a disagreement are joined into one finding per connected
//! group; its primary evidence is the odd one out, the story that
//! disagrees with the most others and agrees with the fewest (ties: the
//! later story, so a falling toll blames its later report).

use super::matcher::{ClaimWords, Compiled};
use super::model::{Kind, Severity};
use super::{Compare, Evidence, FigureRule, Finding, Measure, Rule};
use crate::Analysis;
use crate::extract::frame::Claim;
use crate::extract::quantity::{Interval, Qualifier, Unit, interval_for};
use crate::text::Block;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// How far apart, in days, two figures may be dated and still be compared
/// as one moment of the news.
const SAME_NEWS_CYCLE_DAYS: i32 = 3;

/// A figure or date rule as its comparison reads it.
#[derive(Debug, Clone, Copy)]
struct Measuring<'a> {
    id: &'a str,
    title: &'a str,
    severity: Severity,
    /// Figure or date.
    kind: Kind,
    compare: Compare,
}

/// The stories of an event, their claims' words, and a rule's matcher.
#[derive(Clone, Copy)]
pub(super) struct On<'a> {
    pub(super) stories: &'a [usize],
    /// Per story (in `stories` order), per claim.
    pub(super) words: &'a [Vec<ClaimWords>],
    pub(super) matcher: &'a Compiled<'a>,
}

/// Compare the figures of a figure rule (every unit but dates).
pub(super) fn compare_rule(
    analyses: &[Analysis],
    on: On<'_>,
    rule: &Rule,
    how: &FigureRule,
    event: &str,
) -> (Option<Measure>, Vec<Finding>) {
    let takes = |c: &Claim| c.quantity.unit != Unit::Date;
    measure(analyses, on, rule, how, Kind::Figure, takes, event)
}

/// The measure of a figure or date rule in one event: its claims that
/// `takes` accepts go to the event's table, the bound ones are compared.
pub(super) fn measure(
    analyses: &[Analysis],
    on: On<'_>,
    rule: &Rule,
    how: &FigureRule,
    kind: Kind,
    takes: impl Fn(&Claim) -> bool,
    event: &str,
) -> (Option<Measure>, Vec<Finding>) {
    let stories = on.stories;
    let mut claims: Vec<(usize, usize)> = Vec::new();
    for (&s, words) in stories.iter().zip(on.words) {
        for ((k, c), &w) in analyses[s].claims.iter().enumerate().zip(words) {
            if takes(c) && !c.additional && !c.superseded && on.matcher.accepts(c, w) {
                claims.push((s, k));
            }
        }
    }
    if claims.is_empty() {
        return (None, Vec::new());
    }
    let spec = Measuring {
        id: &rule.id,
        title: &rule.title,
        severity: rule.severity,
        kind,
        compare: how.compare,
    };
    let (findings, mut conflicting) = compare(analyses, &spec, event, &claims);
    let mut cells: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(s, k) in &claims {
        cells.entry(s).or_default().push(k);
    }
    let mut cells: Vec<(usize, Vec<usize>)> = cells.into_iter().collect();
    cells.sort_by(|a, b| super::finding::story_order(analyses, a.0, b.0));
    conflicting.sort_unstable();
    conflicting.dedup();
    let measure = Measure {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        cells,
        conflicting,
    };
    (Some(measure), findings)
}

/// The interval a claim allows under a rule: the rule's meaning of
/// "around", the text's own precision, and the rule's tolerance.
fn widened(c: &Claim, cmp: &Compare) -> Interval {
    let q = &c.quantity;
    let mut iv = match q.qualifier {
        Qualifier::Approx | Qualifier::ApproxBelow => {
            interval_for(q.qualifier, c.stated.0, c.stated.1, cmp.approx)
        }
        _ => q.interval,
    };
    // "52 percent" covers 52.3: just under half a step either way
    let half = if matches!(
        q.qualifier,
        Qualifier::Exact | Qualifier::Approx | Qualifier::ApproxBelow | Qualifier::Range
    ) {
        0.499 * q.precision
    } else {
        0.0
    };
    let scale = iv.low.abs().max(iv.high.map_or(0.0, f64::abs));
    let slack = half + cmp.tolerance * scale;
    iv.low -= slack;
    if let Some(h) = iv.high.as_mut() {
        *h += slack;
    }
    iv
}

fn as_of_date(a: &Analysis, c: &Claim) -> Option<jiff::civil::Date> {
    c.as_of.or(a.story.published)
}

fn digits(v: f64) -> Option<Vec<u8>> {
    (v.fract() == 0.0 && v.abs() < 1e15).then(|| {
        let mut d: Vec<u8> = format!("{}", v.abs() as u64).into_bytes();
        d.sort_unstable();
        d
    })
}

/// `35` and `53`: the same digits in another order.
fn digit_swap(a: f64, b: f64) -> bool {
    a != b && a >= 10.0 && digits(a).is_some_and(|d| Some(d) == digits(b))
}

/// `35` and `350`, `€3m` and `€30m`: a factor of ten or more with the same leading digits.
fn magnitude_slip(a: f64, b: f64) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if lo <= 0.0 || hi / lo < 9.5 {
        return false;
    }
    let r = (hi / lo).log10();
    (r - r.round()).abs() < 0.02
}

/// Whether a claim takes part in comparisons at all.
pub(crate) fn eligible(c: &Claim) -> bool {
    // `a man was shot dead` describes one victim, not the event's toll
    c.bound.is_some_and(crate::extract::frame::bind::comparable)
        && !c.subgroup
        && !c.background
        && !c.perpetrator
        && !c.additional
        && !c.superseded
}

/// Counted nouns that name people in general: `35 people` and `35 dead`
/// (no noun) compare with each other; `35 civilians`, `35 children` and
/// `12 victims` (the attacker not counted) count a narrower group and
/// compare only with their own.
const GENERIC: &[&str] = &["person", "other"];

/// A change compares only with a change the same way (`rose 5%` with
/// `rose 5%`, never with `rose to 5%`), a level only with a level. The end
/// a change reached (`rose to 35, up from 20`) is the level of its day; the
/// end it came from is an earlier level, compared only with another such
/// end.
fn same_change(x: &Claim, y: &Claim) -> bool {
    use crate::extract::quantity::Change;
    // level, up, down, earlier level
    let kind = |c: &Claim| match c.quantity.change {
        Change::Level => 0,
        Change::FromTo { to, .. } if c.stated.0 == to => 0,
        Change::Up => 1,
        Change::Down => 2,
        Change::FromTo { .. } => 3,
    };
    kind(x) == kind(y)
}

fn same_counted(x: &Claim, y: &Claim) -> bool {
    let generic = |c: &Claim| c.counted.as_deref().is_none_or(|n| GENERIC.contains(&n));
    match (generic(x), generic(y)) {
        (true, true) => true,
        (false, false) => {
            x.counted.as_deref().map(str::to_lowercase)
                == y.counted.as_deref().map(str::to_lowercase)
        }
        _ => false,
    }
}

/// A story is held against another by at most this many of its figures of
/// one measure; a body with more is a roundup.
const MAX_PER_STORY: usize = 32;

/// An event whose figures of one measure are stated in more distinct ways
/// than this compares each way with the most common ones only.
const MAX_CLASSES: usize = 256;

/// The first sentences of a story (its headline and lead) state its own
/// incident; later ones often recall others, give a part of the toll, or
/// another figure the story goes on to explain. Stories are held against
/// each other by their leads.
const LEAD_SENTENCES: usize = 6;

fn lead(c: &Claim) -> bool {
    c.sentence < LEAD_SENTENCES
}

fn summary(b: Block) -> bool {
    matches!(b, Block::Headline | Block::ListItem | Block::Caption)
}

/// Two claims of one measure that disagree, how seriously, and why.
#[derive(Debug, Clone)]
struct Clash {
    severity: Severity,
    reason: &'static str,
    /// Relative gap between the figures; the closest pair explains a clash.
    gap: f64,
}

fn same_source(x: &str, y: &str) -> bool {
    let norm = |s: &str| {
        let l = s.to_lowercase();
        l.trim_start_matches("the ").to_string()
    };
    let (a, b) = (norm(x), norm(y));
    a == b || a.contains(&b) || b.contains(&a)
}

fn scope_compatible(rule: &Measuring<'_>, x: &Claim, y: &Claim) -> bool {
    if !rule.compare.scope_must_match {
        return true;
    }
    // a figure with no place is taken as the event's own; a site (`at
    // Norrby station`) is local by nature and meets only the same site
    let site = |s: &Option<String>| s.as_deref().is_some_and(|p| p.starts_with("at "));
    match (&x.scope, &y.scope) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => !site(&x.scope) && !site(&y.scope),
    }
}

/// Whether two claims disagree under a rule, and how seriously.
fn clash(
    rule: &Measuring<'_>,
    (a, ca, ia): (&Analysis, &Claim, Interval),
    (b, cb, ib): (&Analysis, &Claim, Interval),
) -> Option<Clash> {
    if ia.intersects(&ib) {
        return None;
    }
    let (da, db) = (as_of_date(a, ca), as_of_date(b, cb));
    let mut later_lower = false;
    if let (Some(da), Some(db)) = (da, db) {
        if da != db && rule.compare.cumulative {
            let (early, late) = if da < db { (&ia, &ib) } else { (&ib, &ia) };
            // the later report is higher: the toll rose
            if early.high.is_some_and(|h| late.low >= h) {
                return None;
            }
            later_lower = true;
        }
    }
    let (pa, pb) = (ca.stated.0, cb.stated.0);
    let gap = if ia.high.is_some_and(|h| h < ib.low) {
        ib.low - ia.high.unwrap_or(ib.low)
    } else {
        ia.low - ib.high.unwrap_or(ia.low)
    };
    let scale = pa.abs().max(pb.abs()).max(1.0);
    let rel = gap / scale;
    let info = |reason| {
        Some(Clash {
            severity: Severity::Info.min(rule.severity),
            reason,
            gap: rel,
        })
    };
    if let (Some(sa), Some(sb)) = (&ca.source, &cb.source) {
        if !same_source(sa, sb) {
            return info("different named sources");
        }
    }
    let apart = match (da, db) {
        (Some(x), Some(y)) => (x - y).get_days().abs(),
        _ => 0,
    };
    if apart > SAME_NEWS_CYCLE_DAYS && rule.kind == Kind::Figure {
        return info("figures several days apart");
    }
    let vague = matches!(ca.quantity.qualifier, Qualifier::Vague)
        || matches!(cb.quantity.qualifier, Qualifier::Vague);
    let (lo, hi) = if pa.abs() < pb.abs() {
        (pa.abs(), pb.abs())
    } else {
        (pb.abs(), pa.abs())
    };
    let (reason, large) = if rule.kind == Kind::Date {
        ("a different day", true)
    } else if digit_swap(pa, pb) {
        ("a digit swap", true)
    } else if magnitude_slip(pa, pb) {
        ("a slipped zero", true)
    } else if !vague && lo > 0.0 && hi / lo >= 2.0 {
        ("one figure at least twice the other", true)
    } else if later_lower {
        ("a later, lower count", false)
    } else {
        ("figures that do not agree", false)
    };
    // a word like `dozens` commits to no figure: it never makes a warning
    if vague {
        return info("a vague quantity");
    }
    if ca.revision || cb.revision {
        return info("an explicit revision");
    }
    // an undated figure (no publication date) cannot be placed in time
    let same_day = da.is_some() && da == db;
    // a digit swap or a slipped zero is a slip of the pen; a factor of two
    // is as often an early count, another incident or another way of
    // counting as a mistake, and makes a warning
    let sure = large && reason != "one figure at least twice the other";
    let severity = if sure && same_day {
        rule.severity
    } else {
        rule.severity.min(Severity::Warning)
    };
    let reason = if later_lower && large {
        "a later, lower count"
    } else {
        reason
    };
    Some(Clash {
        severity,
        reason,
        gap: rel,
    })
}

/// The outcome of holding one set of claims against another.
enum Verdict {
    /// No pair of claims could be compared (other places).
    Apart,
    Agree,
    /// No pair agrees; the closest pair and its clash.
    Clash((usize, usize), (usize, usize), Clash),
}

/// The closest pair of two sets and their clash.
type Closest = ((usize, usize), (usize, usize), Clash);

fn hold(
    analyses: &[Analysis],
    rule: &Measuring<'_>,
    intervals: &FxHashMap<(usize, usize), Interval>,
    xs: &[(usize, usize)],
    ys: &[(usize, usize)],
) -> Verdict {
    crate::work::step(xs.len() * ys.len());
    let mut best: Option<Closest> = None;
    let mut compared = false;
    for &x in xs {
        for &y in ys {
            let (ax, ay) = (&analyses[x.0], &analyses[y.0]);
            let (cx, cy) = (&ax.claims[x.1], &ay.claims[y.1]);
            if !scope_compatible(rule, cx, cy)
                || !same_counted(cx, cy)
                || !same_change(cx, cy)
                || !cx.incident.compatible(&cy.incident)
            {
                continue;
            }
            compared = true;
            match clash(rule, (ax, cx, intervals[&x]), (ay, cy, intervals[&y])) {
                None => return Verdict::Agree,
                Some(c) => {
                    let better = best
                        .as_ref()
                        .is_none_or(|(_, _, b)| (c.severity, c.gap) < (b.severity, b.gap));
                    if better {
                        best = Some((x, y, c));
                    }
                }
            }
        }
    }
    match best {
        Some((x, y, c)) => Verdict::Clash(x, y, c),
        None if compared => Verdict::Agree,
        None => Verdict::Apart,
    }
}

/// Word 5-grams of a story, hashed: two stories that share most of them
/// are one text (an archive copy, wire copy on another site).
///
/// The words, each in lower case, are kept in one buffer, not a string
/// each; a 5-gram is hashed as the slice of its five strings hashes (its
/// length, then each word's bytes and `0xff`), so the hashes are those of
/// the words as strings.
fn shingles(text: &str) -> FxHashSet<u64> {
    use std::hash::Hasher;
    let mut lower = String::with_capacity(text.len());
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let start = lower.len();
        if w.is_ascii() {
            lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.push_str(&w.to_lowercase());
        }
        words.push(start..lower.len());
    }
    words
        .windows(5)
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            h.write_usize(w.len());
            for r in w {
                h.write(&lower.as_bytes()[r.clone()]);
                h.write_u8(0xff);
            }
            h.finish()
        })
        .collect()
}

/// Near-identical stories: most of the shorter one's 5-grams are in the other.
fn near_identical(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() < 20 {
        return false;
    }
    let shared = small.iter().filter(|h| large.contains(h)).count();
    shared * 10 >= small.len() * 8
}

/// A disagreement between two classes of stories (or a story's summary and
/// its body, `a == b`), with the closest pair of claims of their
/// representatives.
struct Edge {
    a: usize,
    b: usize,
    x: (usize, usize),
    y: (usize, usize),
    clash: Clash,
}

/// What makes two claims compare alike.
type ClaimKey = (
    u8,
    u64,
    u64,
    u64,
    Option<u64>,
    u64,
    Option<String>,
    Option<String>,
    Option<jiff::civil::Date>,
    bool,
    crate::extract::frame::Incident,
);

fn claim_key(a: &Analysis, c: &Claim) -> ClaimKey {
    let q = &c.quantity;
    (
        q.qualifier as u8,
        c.stated.0.to_bits(),
        c.stated.1.to_bits(),
        q.interval.low.to_bits(),
        q.interval.high.map(f64::to_bits),
        q.precision.to_bits(),
        c.scope.as_deref().map(str::to_lowercase),
        c.source.as_deref().map(str::to_lowercase),
        as_of_date(a, c),
        summary(c.block),
        c.incident,
    )
}

/// Compare the eligible claims of one measure, story against story.
/// `claims` are the measure's claims in story order; the result is the
/// findings and the claims that disagree (the odd ones out).
///
/// Stories that state the same figures the same way form a class and are
/// compared once: the cost follows the distinct ways an event's figures
/// are stated, not the square of its stories.
fn compare(
    analyses: &[Analysis],
    rule: &Measuring<'_>,
    event: &str,
    claims: &[(usize, usize)],
) -> (Vec<Finding>, Vec<(usize, usize)>) {
    let per_story = eligible_per_story(analyses, claims);
    if per_story.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let members = story_classes(&per_story);
    let held = Held::new(analyses, rule, &per_story, &members);
    let mut edges: Vec<Edge> = Vec::new();
    // per class: how many stories agree with it
    let mut agree: Vec<usize> = members.iter().map(|m| m.len() - 1).collect();
    let ambiguous: Vec<bool> = (0..held.reps.len())
        .map(|ci| held.within_story(ci, &mut edges))
        .collect();
    held.across_classes(&ambiguous, &mut agree, &mut edges);
    let classes = Classes {
        members: &members,
        per_story: &per_story,
        agree: &agree,
    };
    findings(analyses, rule, event, &edges, &classes)
}

/// Per story: its eligible claims among `claims`, each with its key,
/// sorted by key, one claim per key.
fn eligible_per_story(
    analyses: &[Analysis],
    claims: &[(usize, usize)],
) -> BTreeMap<usize, Vec<(ClaimKey, usize)>> {
    let mut per_story: BTreeMap<usize, Vec<(ClaimKey, usize)>> = BTreeMap::new();
    crate::work::step(claims.len());
    for &(s, k) in claims {
        let c = &analyses[s].claims[k];
        if eligible(c) {
            per_story
                .entry(s)
                .or_default()
                .push((claim_key(&analyses[s], c), k));
        }
    }
    for cs in per_story.values_mut() {
        cs.sort_by(|a, b| a.0.cmp(&b.0));
        cs.dedup_by(|a, b| a.0 == b.0);
    }
    per_story
}

/// Classes of stories whose claims have the same keys: their stories, in
/// story order, classes in the order of their first story.
fn story_classes(per_story: &BTreeMap<usize, Vec<(ClaimKey, usize)>>) -> Vec<Vec<usize>> {
    // the keys are borrowed: a reference hashes and compares as its value
    let mut class_of: FxHashMap<Vec<&ClaimKey>, usize> = FxHashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (&s, cs) in per_story {
        let sig: Vec<&ClaimKey> = cs.iter().map(|c| &c.0).collect();
        let n = members.len();
        let c = *class_of.entry(sig).or_insert(n);
        if c == n {
            members.push(Vec::new());
        }
        members[c].push(s);
    }
    members
}

/// The classes of one measure's stories, each held against itself and
/// the others through its first story (its representative).
struct Held<'a> {
    analyses: &'a [Analysis],
    rule: &'a Measuring<'a>,
    per_story: &'a BTreeMap<usize, Vec<(ClaimKey, usize)>>,
    members: &'a [Vec<usize>],
    /// The first story of each class.
    reps: Vec<usize>,
    /// The widened interval of every claim of a representative.
    intervals: FxHashMap<(usize, usize), Interval>,
}

impl<'a> Held<'a> {
    fn new(
        analyses: &'a [Analysis],
        rule: &'a Measuring<'a>,
        per_story: &'a BTreeMap<usize, Vec<(ClaimKey, usize)>>,
        members: &'a [Vec<usize>],
    ) -> Self {
        let reps: Vec<usize> = members.iter().map(|m| m[0]).collect();
        let mut held = Held {
            analyses,
            rule,
            per_story,
            members,
            reps,
            intervals: FxHashMap::default(),
        };
        for &r in &held.reps {
            for c in held.claims_of(r) {
                let iv = widened(&analyses[c.0].claims[c.1], &rule.compare);
                held.intervals.insert(c, iv);
            }
        }
        held
    }

    /// The eligible claims of story `s`, in the order of their keys.
    fn claims_of(&self, s: usize) -> Vec<(usize, usize)> {
        self.per_story[&s].iter().map(|&(_, k)| (s, k)).collect()
    }

    /// Claims `xs` held against claims `ys`.
    fn hold(&self, xs: &[(usize, usize)], ys: &[(usize, usize)]) -> Verdict {
        hold(self.analyses, self.rule, &self.intervals, xs, ys)
    }

    /// Class `ci`'s story against itself: pushes an edge per headline or
    /// summary claim that clashes with the lead of its body, and returns
    /// whether the story is ambiguous (held against others by its
    /// headline alone).
    fn within_story(&self, ci: usize, edges: &mut Vec<Edge>) -> bool {
        let analyses = self.analyses;
        let (sum, body): (Vec<_>, Vec<_>) = self
            .claims_of(self.reps[ci])
            .into_iter()
            .partition(|&(s, k)| summary(analyses[s].claims[k].block));
        // a body that disagrees with itself speaks of several things (a
        // roundup, a price list): the story is held against others by its
        // headline alone
        // (more figures of one measure than a story states of one incident
        // is a roundup too, and no square of them is compared)
        let ambiguous = body.len() > MAX_PER_STORY
            || body.iter().enumerate().any(|(i, &x)| {
                body[i + 1..]
                    .iter()
                    .any(|&y| matches!(self.hold(&[x], &[y]), Verdict::Clash(..)))
            });
        // the headline against the lead, which restates its figure
        let body: Vec<_> = body
            .into_iter()
            .filter(|&(s, k)| lead(&analyses[s].claims[k]))
            .collect();
        if sum.is_empty() || body.is_empty() {
            return ambiguous;
        }
        for &x in &sum {
            if let Verdict::Clash(x, y, mut clash) = self.hold(&[x], &body) {
                clash.reason = "the headline or summary against the body";
                edges.push(Edge {
                    a: ci,
                    b: ci,
                    x,
                    y,
                    clash,
                });
            }
        }
        ambiguous
    }

    /// What class `c` says, held against another: its most precise lead
    /// figures (`35`, `about 35`) when it gives any, else its bounds (`at
    /// least 35`), which agree with far more; an ambiguous story, its
    /// headline; at most [`MAX_PER_STORY`] of them.
    fn compared(&self, c: usize, ambiguous: &[bool]) -> Vec<(usize, usize)> {
        let analyses = self.analyses;
        let all: Vec<(usize, usize)> = self
            .claims_of(self.reps[c])
            .into_iter()
            .filter(|&(s, k)| {
                let claim = &analyses[s].claims[k];
                lead(claim) && (!ambiguous[c] || summary(claim.block))
            })
            .collect();
        let precise = |&(s, k): &(usize, usize)| {
            matches!(
                analyses[s].claims[k].quantity.qualifier,
                Qualifier::Exact | Qualifier::Approx | Qualifier::ApproxBelow | Qualifier::Range
            )
        };
        let mut chosen: Vec<(usize, usize)> = if all.iter().any(precise) {
            all.into_iter().filter(precise).collect()
        } else {
            all
        };
        chosen.truncate(MAX_PER_STORY);
        chosen
    }

    /// The classes each class is held against, in class order: all of
    /// them, or, in an event stated in more ways than [`MAX_CLASSES`], the
    /// `MAX_CLASSES` stated by the most stories (the cost stays linear in
    /// the classes).
    fn partners(&self) -> Vec<usize> {
        let mut partners: Vec<usize> = (0..self.reps.len()).collect();
        if self.reps.len() > MAX_CLASSES {
            partners.sort_by_key(|&c| (std::cmp::Reverse(self.members[c].len()), c));
            partners.truncate(MAX_CLASSES);
            partners.sort_unstable();
        }
        partners
    }

    /// Every class against its partners, each pair once: an agreement
    /// adds each class's stories to the other's count in `agree`, a clash
    /// pushes an edge (none between two single stories of near-identical
    /// text; a warning at most between two of one outlet).
    fn across_classes(&self, ambiguous: &[bool], agree: &mut [usize], edges: &mut Vec<Edge>) {
        let mut texts: FxHashMap<usize, FxHashSet<u64>> = FxHashMap::default();
        let partners = self.partners();
        let partner_claims: Vec<Vec<(usize, usize)>> = partners
            .iter()
            .map(|&j| self.compared(j, ambiguous))
            .collect();
        let mut is_partner = vec![false; self.reps.len()];
        for &j in &partners {
            is_partner[j] = true;
        }
        for (i, &partnered) in is_partner.iter().enumerate() {
            let xs = self.compared(i, ambiguous);
            for (&j, ys) in partners.iter().zip(&partner_claims) {
                // each pair once: two partners in order, any other class
                // with every partner
                if j == i || partnered && j < i {
                    continue;
                }
                let swap = j < i;
                let (i, j) = if swap { (j, i) } else { (i, j) };
                let (xs, ys) = if swap { (ys, &xs) } else { (&xs, ys) };
                match self.hold(xs, ys) {
                    Verdict::Apart => {}
                    Verdict::Agree => {
                        agree[i] += self.members[j].len();
                        agree[j] += self.members[i].len();
                    }
                    Verdict::Clash(x, y, clash) => {
                        if let Some(clash) = self.between_classes(i, j, clash, &mut texts) {
                            edges.push(Edge {
                                a: i,
                                b: j,
                                x,
                                y,
                                clash,
                            });
                        }
                    }
                }
            }
        }
    }

    /// The clash of classes `i` and `j` as it stands between them: `None`
    /// when each is a single story and their texts are near-identical (one
    /// story filed twice), capped at a warning when those two stories are
    /// of one outlet. `texts` caches the stories' shingles.
    fn between_classes(
        &self,
        i: usize,
        j: usize,
        mut clash: Clash,
        texts: &mut FxHashMap<usize, FxHashSet<u64>>,
    ) -> Option<Clash> {
        let analyses = self.analyses;
        let (a, b) = (self.reps[i], self.reps[j]);
        if self.members[i].len() == 1 && self.members[j].len() == 1 {
            for s in [a, b] {
                texts
                    .entry(s)
                    .or_insert_with(|| shingles(&analyses[s].story.text));
            }
            if near_identical(&texts[&a], &texts[&b]) {
                return None;
            }
            if analyses[a]
                .story
                .outlet
                .eq_ignore_ascii_case(&analyses[b].story.outlet)
            {
                clash.severity = clash.severity.min(Severity::Warning);
                clash.reason = "two stories of one outlet";
            }
        }
        Some(clash)
    }
}

struct Classes<'a> {
    members: &'a [Vec<usize>],
    per_story: &'a BTreeMap<usize, Vec<(ClaimKey, usize)>>,
    agree: &'a [usize],
}

impl Classes<'_> {
    /// The claim of story `s` (a member of the class of `rep`) that stands
    /// where `rep`'s claim `(rep, k)` stands.
    fn same_claim(&self, rep: (usize, usize), s: usize) -> (usize, usize) {
        let pos = self.per_story[&rep.0]
            .iter()
            .position(|&(_, k)| k == rep.1)
            .unwrap_or(0);
        (s, self.per_story[&s][pos].1)
    }

    /// Every claim `group`'s disagreements cite, in every story of its
    /// class: sorted, each once.
    fn cited(&self, group: &[&Edge]) -> Vec<(usize, usize)> {
        let mut cited: Vec<(usize, usize)> = Vec::new();
        for e in group {
            for (class, claim) in [(e.a, e.x), (e.b, e.y)] {
                for &s in &self.members[class] {
                    cited.push(self.same_claim(claim, s));
                }
            }
        }
        cited.sort_unstable();
        cited.dedup();
        cited
    }

    /// The odd one out of clash group `group`: the class that disagrees
    /// with the most stories and agrees with the fewest; ties go to the
    /// later story, then to the first class.
    fn odd_class(&self, analyses: &[Analysis], group: &[&Edge]) -> usize {
        let mut against: BTreeMap<usize, usize> = BTreeMap::new();
        for e in group {
            *against.entry(e.a).or_default() += self.members[e.b].len();
            if e.b != e.a {
                *against.entry(e.b).or_default() += self.members[e.a].len();
            }
        }
        let latest = |c: usize| {
            self.members[c]
                .iter()
                .map(|&s| analyses[s].story.published)
                .max()
                .flatten()
        };
        let score = |c: usize, n: usize| n as i64 - self.agree[c] as i64;
        against
            .iter()
            .max_by(|&(&c, &n), &(&d, &m)| {
                score(c, n)
                    .cmp(&score(d, m))
                    .then(latest(c).cmp(&latest(d)))
                    .then(d.cmp(&c))
            })
            .map_or(group[0].a, |(&c, _)| c)
    }

    /// The claim of class `primary` in its closest disagreement of
    /// `group`, as its latest story states it.
    fn primary_claim(
        &self,
        analyses: &[Analysis],
        group: &[&Edge],
        primary: usize,
    ) -> Option<(usize, usize)> {
        let lead = group
            .iter()
            .filter(|e| e.a == primary || e.b == primary)
            .min_by(|p, q| {
                (p.clash.severity, p.clash.gap)
                    .partial_cmp(&(q.clash.severity, q.clash.gap))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|e| if e.a == primary { e.x } else { e.y });
        let primary_story = self.members[primary]
            .iter()
            .copied()
            .max_by_key(|&s| (analyses[s].story.published, std::cmp::Reverse(s)))
            .unwrap_or(self.members[primary][0]);
        lead.map(|l| self.same_claim(l, primary_story))
    }
}

/// The findings of one measure from its clashes `edges`: one per group of
/// classes linked by clashes, and the claims of each group's odd class
/// (sorted, each once).
fn findings(
    analyses: &[Analysis],
    rule: &Measuring<'_>,
    event: &str,
    edges: &[Edge],
    classes: &Classes<'_>,
) -> (Vec<Finding>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut odd = Vec::new();
    for group in clash_groups(classes.members.len(), edges) {
        let primary = classes.odd_class(analyses, &group);
        let lead = classes.primary_claim(analyses, &group, primary);
        let cited = classes.cited(&group);
        let evidence = claim_evidence(analyses, &cited, lead);
        odd.extend(
            cited
                .iter()
                .copied()
                .filter(|c| classes.members[primary].contains(&c.0)),
        );
        out.push(group_finding(analyses, rule, event, &group, evidence));
    }
    odd.sort_unstable();
    odd.dedup();
    (out, odd)
}

/// The clashes `edges` between `n` classes in groups of classes they
/// link, groups in the order of their union-find roots, clashes in order.
fn clash_groups(n: usize, edges: &[Edge]) -> Vec<Vec<&Edge>> {
    let mut sets = crate::group::UnionFind::new(n);
    for e in edges {
        sets.union(e.a, e.b);
    }
    let mut groups: BTreeMap<usize, Vec<&Edge>> = BTreeMap::new();
    for e in edges {
        let root = sets.find(e.a);
        groups.entry(root).or_default().push(e);
    }
    groups.into_values().collect()
}

/// The evidence of claims `cited`, `lead` primary, in story order.
fn claim_evidence(
    analyses: &[Analysis],
    cited: &[(usize, usize)],
    lead: Option<(usize, usize)>,
) -> Vec<Evidence> {
    let mut evidence: Vec<Evidence> = cited
        .iter()
        .map(|&(s, k)| Evidence {
            story: s,
            claim: Some(k),
            span: analyses[s].claims[k].surface(),
            primary: Some((s, k)) == lead,
        })
        .collect();
    evidence.sort_by(|a, b| {
        super::finding::story_order(analyses, a.story, b.story)
            .then(a.span.start.cmp(&b.span.start))
    });
    evidence
}

/// The finding of clash group `group`: its most serious clash's level,
/// that clash's reason (the closest pair among equals), and the figure
/// every story of `evidence` states.
fn group_finding(
    analyses: &[Analysis],
    rule: &Measuring<'_>,
    event: &str,
    group: &[&Edge],
    evidence: Vec<Evidence>,
) -> Finding {
    let severity = group
        .iter()
        .map(|e| e.clash.severity)
        .max()
        .unwrap_or(Severity::Info);
    // the reason of the most serious disagreement
    let why = group
        .iter()
        .max_by(|p, q| {
            p.clash.severity.cmp(&q.clash.severity).then(
                q.clash
                    .gap
                    .partial_cmp(&p.clash.gap)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
        })
        .map_or("figures that do not agree", |e| e.clash.reason);
    let parts: Vec<String> = evidence
        .iter()
        .map(|e| {
            let a = &analyses[e.story];
            let c = &a.claims[e.claim.unwrap_or(0)];
            let src = c
                .source
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!(
                "{}: \u{201c}{}\u{201d}{src}",
                a.story.outlet,
                &a.story.text[e.span.clone()]
            )
        })
        .collect();
    Finding {
        rule: rule.id.to_string(),
        kind: rule.kind,
        severity,
        event: event.to_string(),
        title: rule.title.to_string(),
        message: format!("{} ({why}): {}", rule.title, parts.join("; ")),
        evidence,
        diff: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 5-grams as they were hashed: a string per word.
    fn shingles_of_strings(text: &str) -> FxHashSet<u64> {
        use std::hash::{Hash, Hasher};
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words
            .windows(5)
            .map(|w| {
                let mut h = rustc_hash::FxHasher::default();
                w.hash(&mut h);
                h.finish()
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The 5-grams of words in one buffer hash as those of a string
        /// per word, for any text (Greek final sigma, Kelvin sign, İ).
        #[test]
        fn shingles_hash_as_strings(
            any in "(\\PC|[ ,.'’ΣσςAaKİ\u{212a}]){0,200}",
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "The", "toll", "ROSE", "to", "35", "ΟΔΟΣ", "Σ", "İstanbul", "\u{212a}elvin",
                    "café", "ß", "'s", "—", ",", ".",
                ]),
                0..60,
            ),
        ) {
            proptest::prop_assert_eq!(shingles(&any), shingles_of_strings(&any));
            let text = words.join(" ");
            proptest::prop_assert_eq!(shingles(&text), shingles_of_strings(&text));
        }
    }

    fn claims_of(text: &str) -> Vec<Claim> {
        let sentences = crate::text::sentences(text, 0);
        let mentions = crate::extract::scan::mentions(text, None);
        crate::extract::frame::claims(text, &sentences, mentions, None).0
    }

    fn claim(text: &str, figure: &str) -> Claim {
        let at = text.find(figure).unwrap();
        claims_of(text)
            .into_iter()
            .find(|c| c.value_span.start == at)
            .unwrap_or_else(|| panic!("{figure} in {text}"))
    }

    #[test]
    fn a_change_compares_with_a_change_and_a_level_with_a_level() {
        let rose = "Fares rose 6% to 58 cents in May.";
        let rose_to = "Fares rose to 6% of wages in May.";
        let fell = "Fares fell 6% in May.";
        let from_to = "Fares went from 50 cents to 58 cents.";
        let (up, level) = (claim(rose, "6%"), claim(rose, "58 cents"));
        assert!(same_change(&up, &up.clone()));
        assert!(!same_change(&up, &claim(rose_to, "6%")));
        assert!(!same_change(&up, &claim(fell, "6%")));
        // the end a change reached is a level; the end it left is not
        assert!(same_change(&level, &claim(from_to, "58 cents")));
        assert!(!same_change(&level, &claim(from_to, "50 cents")));
        assert!(same_change(
            &claim(from_to, "50 cents"),
            &claim(from_to, "50 cents")
        ));
    }
}
