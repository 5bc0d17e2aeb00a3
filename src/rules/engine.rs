//! The engine: compiled rules over the claims of a batch → findings.
//!
//! Stories are grouped into events first (front matter `event`, else their
//! folder, else the whole batch); nothing is compared across events. Within
//! an event each figure rule gathers the claims it measures, compares every
//! pair from different outlets (and, within one story, the headline or KEY
//! POINTS against the body), and joins the pairs that disagree into one
//! finding per connected group of claims. Cost grows with the claims of an
//! event and a measure, never with the whole batch.
//!
//! Two figures agree when their intervals, widened by the rule's tolerance
//! and by the precision the text shows (`52 percent` covers 52.3), share a
//! point. A cumulative measure may rise between reports; a later, lower
//! figure is a discrepancy. Different named sources make a finding `info` at
//! most.

use super::model::{Kind, LintCheck, Severity};
use super::{Compare, Rule};
use crate::Analysis;
use crate::extract::frame::Claim;
use crate::extract::quantity::{Interval, Qualifier, Unit, interval_for};
use crate::story::Story;
use crate::text::Block;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::ops::Range;

/// How stories are grouped into events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// Front matter `event`, else the story's folder.
    #[default]
    Event,
    /// The story's folder.
    Dir,
    /// The whole batch is one event.
    Batch,
    /// Events found from content: shared names, figures and dates
    /// ([`super::cluster`]); front matter `event` is not used.
    Auto,
}

/// One claim, quantifier or sentence cited by a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the story in the analyses given to [`check`].
    pub story: usize,
    /// Index of the claim in that story, when the evidence is a claim.
    pub claim: Option<usize>,
    /// Byte span in the story's text.
    pub span: Range<usize>,
    /// The claim the others are compared against (most conflicts).
    pub primary: bool,
}

/// A disagreement (or, for lint rules, a problem in one story).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub event: String,
    pub title: String,
    pub message: String,
    pub evidence: Vec<Evidence>,
    /// For quote findings: the word diff from the first version to the second.
    pub diff: Option<Vec<(crate::quote::diff::Op, String)>>,
}

/// What each outlet says about one measure of one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub rule: String,
    pub title: String,
    /// (story, claims) for every story with a claim of this measure.
    pub cells: Vec<(usize, Vec<usize>)>,
    /// Claims that disagree with another (story, claim).
    pub conflicting: Vec<(usize, usize)>,
}

/// An event: its stories and measures.
#[derive(Debug, Clone, PartialEq)]
pub struct EventGroup {
    pub event: String,
    pub stories: Vec<usize>,
    pub measures: Vec<Measure>,
    /// Why the stories are one event, when that was found from content.
    pub reason: Option<String>,
}

/// What grouping knows of a story.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub event: Option<&'a str>,
}

impl<'a> Key<'a> {
    pub fn of(s: &'a Story) -> Self {
        Key {
            id: &s.id,
            path: &s.path,
            event: s.event.as_deref(),
        }
    }
}

fn folder(s: &Key<'_>) -> String {
    std::path::Path::new(&s.path)
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| ".".to_string())
}

fn event_key(s: &Key<'_>, by: GroupBy) -> String {
    match by {
        GroupBy::Event => s.event.map_or_else(|| folder(s), str::to_string),
        GroupBy::Dir => folder(s),
        GroupBy::Batch | GroupBy::Auto => "batch".to_string(),
    }
}

/// An event before comparison: its name, its stories (indices into the
/// batch) and, when grouped by content, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub event: String,
    pub stories: Vec<usize>,
    pub reason: Option<String>,
}

/// Group a batch into events, sorted by name. `clusters` (one per story)
/// are used for [`GroupBy::Auto`], where they must be given.
pub fn plan(
    stories: &[Key<'_>],
    by: GroupBy,
    clusters: Option<Vec<super::cluster::Cluster>>,
) -> Vec<Planned> {
    let mut groups: BTreeMap<String, Planned> = BTreeMap::new();
    let mut add = |i: usize, event: String, reason: Option<String>| {
        groups
            .entry(event.clone())
            .or_insert_with(|| Planned {
                event,
                stories: Vec::new(),
                reason,
            })
            .stories
            .push(i);
    };
    match clusters {
        Some(cs) if by == GroupBy::Auto => {
            for (i, c) in cs.into_iter().enumerate() {
                add(i, c.event, Some(c.reason));
            }
        }
        _ => {
            for (i, s) in stories.iter().enumerate() {
                add(i, event_key(s, by), None);
            }
        }
    }
    groups.into_values().collect()
}

/// Run every rule over the batch. Findings and events come back sorted.
pub fn check(
    analyses: &[Analysis],
    rules: &[Rule],
    by: GroupBy,
) -> (Vec<EventGroup>, Vec<Finding>) {
    let stories: Vec<Key<'_>> = analyses.iter().map(|a| Key::of(&a.story)).collect();
    let clusters = (by == GroupBy::Auto).then(|| super::cluster::cluster(analyses));
    let planned = plan(&stories, by, clusters);
    // events are independent: compare them in parallel; collecting keeps
    // their order, so the output does not depend on the thread count
    let results: Vec<(EventGroup, Vec<Finding>)> = {
        use rayon::prelude::*;
        planned
            .into_par_iter()
            .map(|p| check_event(analyses, p, rules))
            .collect()
    };
    let mut events = Vec::with_capacity(results.len());
    let mut findings = Vec::new();
    for (g, f) in results {
        events.push(g);
        findings.extend(f);
    }
    sort_findings(analyses, &mut findings);
    (events, findings)
}

/// Run every rule over one event's stories (indices into `analyses`).
pub fn check_event(
    analyses: &[Analysis],
    planned: Planned,
    rules: &[Rule],
) -> (EventGroup, Vec<Finding>) {
    let Planned {
        event,
        mut stories,
        reason,
    } = planned;
    stories.sort_by(|&a, &b| story_order(analyses, a, b));
    // each claim's words are looked up once, not once per rule
    let (vocabulary, matchers) = super::Words::matchers(rules);
    let words: Vec<Vec<super::ClaimWords>> = stories
        .iter()
        .map(|&s| {
            analyses[s]
                .claims
                .iter()
                .map(|c| vocabulary.of(c))
                .collect()
        })
        .collect();
    let mut measures = Vec::new();
    let mut findings = Vec::new();
    for (rule, matcher) in rules.iter().zip(&matchers) {
        match rule.kind {
            Kind::Figure | Kind::Date => {
                let on = On {
                    stories: &stories,
                    words: &words,
                    matcher,
                };
                let (m, f) = compare_rule(analyses, on, rule, &event);
                if let Some(m) = m {
                    measures.push(m);
                }
                findings.extend(f);
            }
            Kind::Lint => findings.extend(lint(analyses, &stories, rule, &event)),
            Kind::Quote => {
                findings.extend(compare_quotes(analyses, &stories, rule, &event));
            }
        }
    }
    let group = EventGroup {
        event,
        stories,
        measures,
        reason,
    };
    (group, findings)
}

/// Findings in report order: event, severity, rule, then where they are.
pub fn sort_findings(analyses: &[Analysis], findings: &mut [Finding]) {
    findings.sort_by(|a, b| finding_order(analyses, a, b));
}

fn story_order(analyses: &[Analysis], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&analyses[a].story, &analyses[b].story);
    (&x.path, &x.id).cmp(&(&y.path, &y.id))
}

fn finding_order(analyses: &[Analysis], a: &Finding, b: &Finding) -> std::cmp::Ordering {
    let key = |f: &Finding| {
        let e = f.evidence.first();
        (
            f.event.clone(),
            std::cmp::Reverse(f.severity),
            f.rule.clone(),
            e.map(|e| {
                (
                    analyses[e.story].story.path.clone(),
                    analyses[e.story].story.id.clone(),
                    e.span.start,
                )
            }),
        )
    };
    key(a).cmp(&key(b))
}

/// The interval a claim allows under a rule: the rule's meaning of
/// "around", the text's own precision, and the rule's tolerance.
pub fn widened(c: &Claim, cmp: &Compare) -> Interval {
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

fn as_of(a: &Analysis, c: &Claim) -> Option<jiff::civil::Date> {
    c.as_of.or(a.story.published)
}

fn same_source(x: &str, y: &str) -> bool {
    let norm = |s: &str| {
        let l = s.to_lowercase();
        l.trim_start_matches("the ").to_string()
    };
    let (a, b) = (norm(x), norm(y));
    a == b || a.contains(&b) || b.contains(&a)
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

/// Whether two claims of one measure disagree, and how seriously. `ia` and
/// `ib` are their intervals under the rule ([`widened`]).
fn conflict(
    analyses: &[Analysis],
    rule: &Rule,
    (x, ia): ((usize, usize), Interval),
    (y, ib): ((usize, usize), Interval),
) -> Option<Severity> {
    let (a, b) = (&analyses[x.0], &analyses[y.0]);
    let (ca, cb) = (&a.claims[x.1], &b.claims[y.1]);
    if ia.intersects(&ib) {
        return None;
    }
    if rule.compare.cumulative {
        if let (Some(da), Some(db)) = (as_of(a, ca), as_of(b, cb)) {
            if da != db {
                let (early, late) = if da < db { (&ia, &ib) } else { (&ib, &ia) };
                // the later report is higher: the toll rose
                if early.high.is_some_and(|h| late.low >= h) {
                    return None;
                }
            }
        }
    }
    let mut sev = rule.severity;
    if let (Some(sa), Some(sb)) = (&ca.source, &cb.source) {
        if !same_source(sa, sb) {
            return Some(Severity::Info);
        }
    }
    let (pa, pb) = (ca.stated.0, cb.stated.0);
    let serious = digit_swap(pa, pb) || magnitude_slip(pa, pb);
    let gap = if ia.high.is_some_and(|h| h < ib.low) {
        ib.low - ia.high.unwrap_or(ib.low)
    } else {
        ia.low - ib.high.unwrap_or(ia.low)
    };
    let scale = pa.abs().max(pb.abs()).max(1.0);
    let vague = matches!(ca.quantity.qualifier, Qualifier::Vague)
        || matches!(cb.quantity.qualifier, Qualifier::Vague);
    // a day apart is as wrong as a month apart; only figures have near misses
    if rule.kind == Kind::Figure && !serious && (gap / scale <= 0.10 || vague) {
        sev = sev.min(Severity::Warning);
    }
    Some(sev)
}

fn scope_compatible(rule: &Rule, x: &Claim, y: &Claim) -> bool {
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

fn comparable(analyses: &[Analysis], x: (usize, usize), y: (usize, usize)) -> bool {
    if x.0 != y.0 {
        return true;
    }
    // one story: the headline or KEY POINTS against the body
    let a = &analyses[x.0];
    let (cx, cy) = (&a.claims[x.1], &a.claims[y.1]);
    let summary = |b: Block| matches!(b, Block::Headline | Block::ListItem | Block::Caption);
    cx.sentence != cy.sentence && summary(cx.block) != summary(cy.block)
}

/// Union-find root with path shortening.
fn find(p: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while p[r] != r {
        r = p[r];
    }
    p[i] = r;
    r
}

/// A group of disagreeing claim classes: its classes and its edges.
type Component = (Vec<usize>, Vec<(usize, usize, Severity)>);

/// Text compared as its lower-cased form (`str::to_lowercase`), without
/// building it when the text is ASCII.
#[derive(Debug, Clone, Copy)]
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0, other.0);
        if a.is_ascii() && b.is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        if self.0.is_ascii() {
            for b in self.0.bytes() {
                h.write_u8(b.to_ascii_lowercase());
            }
        } else {
            for b in self.0.to_lowercase().bytes() {
                h.write_u8(b);
            }
        }
        h.write_u8(0xff);
    }
}

/// The stories of an event, their claims' words, and a rule's matcher.
#[derive(Clone, Copy)]
struct On<'a> {
    stories: &'a [usize],
    /// Per story (in `stories` order), per claim.
    words: &'a [Vec<super::ClaimWords>],
    matcher: &'a super::Compiled<'a>,
}

fn compare_rule(
    analyses: &[Analysis],
    on: On<'_>,
    rule: &Rule,
    event: &str,
) -> (Option<Measure>, Vec<Finding>) {
    let stories = on.stories;
    let mut claims: Vec<(usize, usize)> = Vec::new();
    for (&s, words) in stories.iter().zip(on.words) {
        for ((k, c), &w) in analyses[s].claims.iter().enumerate().zip(words) {
            let unit_ok = match rule.kind {
                Kind::Date => c.quantity.unit == Unit::Date && c.quantity.date.is_some(),
                _ => c.quantity.unit != Unit::Date,
            };
            if unit_ok && !c.additional && !c.superseded && on.matcher.accepts(c, w) {
                claims.push((s, k));
            }
        }
    }
    let outlets: std::collections::BTreeSet<usize> = claims.iter().map(|c| c.0).collect();
    if claims.is_empty() {
        return (None, Vec::new());
    }
    // identical claims compare identically: claims with the same value,
    // qualifier, place, source, date and kind of block form a class, classes
    // are compared once each, and each weighs as many stories as it has. The
    // cost follows the distinct figures of an event, not the square of its
    // stories (100,000 stories with 97 distinct tolls are 97 classes).
    let all_claims = claims;
    let key = |&(s, k): &(usize, usize)| {
        let a = &analyses[s];
        let c = &a.claims[k];
        let q = &c.quantity;
        (
            q.qualifier,
            c.stated.0.to_bits(),
            c.stated.1.to_bits(),
            q.interval.low.to_bits(),
            q.interval.high.map(f64::to_bits),
            q.precision.to_bits(),
            c.scope.as_deref().map(Caseless),
            c.source.as_deref().map(Caseless),
            as_of(a, c),
            matches!(c.block, Block::Headline | Block::ListItem | Block::Caption),
        )
    };
    let mut class_of = FxHashMap::default();
    // per class: its claims (all copies), in story order
    let mut classes: Vec<Vec<(usize, usize)>> = Vec::new();
    for c in &all_claims {
        let r = *class_of.entry(key(c)).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[r].push(*c);
    }
    // per class: one claim per story (the evidence it gives)
    let firsts: Vec<Vec<(usize, usize)>> = classes
        .iter()
        .map(|cl| {
            let mut seen = FxHashSet::default();
            cl.iter().copied().filter(|c| seen.insert(c.0)).collect()
        })
        .collect();
    let weight: Vec<usize> = firsts.iter().map(Vec::len).collect();
    let intervals: Vec<Interval> = classes
        .iter()
        .map(|cl| widened(&analyses[cl[0].0].claims[cl[0].1], &rule.compare))
        .collect();
    // two classes meet when some pair of their claims may be compared:
    // claims of different stories always, of one story only headline (or
    // KEY POINTS, caption) against body
    let meet = |i: usize, j: usize| {
        let single = |f: &[(usize, usize)]| (f.len() == 1).then(|| f[0].0);
        match (single(&firsts[i]), single(&firsts[j])) {
            (Some(a), Some(b)) if a == b => classes[i]
                .iter()
                .any(|&x| classes[j].iter().any(|&y| comparable(analyses, x, y))),
            _ => true,
        }
    };
    let mut edges: Vec<(usize, usize, Severity)> = Vec::new();
    for i in 0..classes.len() {
        for j in i + 1..classes.len() {
            let (x, y) = (classes[i][0], classes[j][0]);
            let (cx, cy) = (&analyses[x.0].claims[x.1], &analyses[y.0].claims[y.1]);
            if !scope_compatible(rule, cx, cy) || !meet(i, j) {
                continue;
            }
            if let Some(sev) = conflict(analyses, rule, (x, intervals[i]), (y, intervals[j])) {
                edges.push((i, j, sev));
            }
        }
    }
    let mut parent: Vec<usize> = (0..classes.len()).collect();
    for &(i, j, _) in &edges {
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut components: BTreeMap<usize, Component> = BTreeMap::new();
    for &(i, j, sev) in &edges {
        let root = find(&mut parent, i);
        let e = components.entry(root).or_default();
        e.0.extend([i, j]);
        e.1.push((i, j, sev));
    }
    let mut findings = Vec::new();
    let mut conflicting = Vec::new();
    for (mut members, comp_edges) in components.into_values() {
        members.sort_unstable();
        members.dedup();
        let severity = comp_edges
            .iter()
            .map(|e| e.2)
            .max()
            .unwrap_or(Severity::Info);
        // different sources disagreeing is expected: count those only when
        // nothing else disagrees
        let serious = comp_edges.iter().any(|e| e.2 > Severity::Info);
        // per class: the stories it disagrees with, in all and counting
        // only the disagreements that matter
        let mut degree: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
        for &(i, j, sev) in &comp_edges {
            let counts = !serious || sev > Severity::Info;
            let di = degree.entry(i).or_default();
            di.0 += weight[j];
            di.1 += if counts { weight[j] } else { 0 };
            let dj = degree.entry(j).or_default();
            dj.0 += weight[i];
            dj.1 += if counts { weight[i] } else { 0 };
        }
        let primary = members
            .iter()
            .copied()
            .max_by_key(|&m| (degree.get(&m).map_or(0, |d| d.0), std::cmp::Reverse(m)))
            .unwrap_or(members[0]);
        let mut evidence: Vec<Evidence> = members
            .iter()
            .flat_map(|&m| {
                firsts[m]
                    .iter()
                    .enumerate()
                    .map(move |(n, &(s, k))| Evidence {
                        story: s,
                        claim: Some(k),
                        span: analyses[s].claims[k].surface(),
                        primary: m == primary && n == 0,
                    })
            })
            .collect();
        evidence.sort_by(|a, b| {
            story_order(analyses, a.story, b.story).then(a.span.start.cmp(&b.span.start))
        });
        // the odd ones out: claims that disagree with most of the others
        // in their group from other stories (a lone 53 among 35s, not the 35s)
        let mut per_story: FxHashMap<usize, usize> = FxHashMap::default();
        for e in &evidence {
            *per_story.entry(e.story).or_default() += 1;
        }
        let total = evidence.len();
        for &m in &members {
            let d = degree.get(&m).map_or(0, |d| d.1);
            for &(s, _) in &firsts[m] {
                let others = total - per_story[&s];
                if d > 0 && (2 * d > others || d == others) {
                    // the claim and every copy of it in its story
                    conflicting.extend(classes[m].iter().filter(|c| c.0 == s).copied());
                }
            }
        }
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
        let note = if severity == Severity::Info && rule.severity > Severity::Info {
            " — different sources"
        } else {
            ""
        };
        findings.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity,
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!("{}{note}: {}", rule.title, parts.join("; ")),
            evidence,
            diff: None,
        });
    }
    let measure = (!outlets.is_empty()).then(|| {
        let mut cells: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(s, k) in &all_claims {
            cells.entry(s).or_default().push(k);
        }
        let mut cells: Vec<(usize, Vec<usize>)> = cells.into_iter().collect();
        cells.sort_by(|a, b| story_order(analyses, a.0, b.0));
        conflicting.sort_unstable();
        conflicting.dedup();
        Measure {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            cells,
            conflicting,
        }
    });
    (measure, findings)
}

fn lint(analyses: &[Analysis], stories: &[usize], rule: &Rule, event: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |s: usize, claim: Option<usize>, span: Range<usize>, message: String| {
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Lint,
            severity: rule.severity,
            event: event.to_string(),
            title: rule.title.clone(),
            message,
            evidence: vec![Evidence {
                story: s,
                claim,
                span,
                primary: true,
            }],
            diff: None,
        });
    };
    for &s in stories {
        let a = &analyses[s];
        match rule.check {
            Some(LintCheck::DanglingQuantifier) => {
                for d in &a.dangling {
                    let text = &a.story.text[d.span.clone()];
                    push(
                        s,
                        None,
                        d.span.clone(),
                        format!("{}: \u{201c}{text}\u{201d} has no number", rule.title),
                    );
                }
            }
            Some(LintCheck::WeekdayMismatch) => {
                // "Tuesday, March 3, 2024": the weekday written right before a date
                for (k, c) in a.claims.iter().enumerate() {
                    let Some(d) = c.quantity.date.filter(|_| {
                        c.quantity.unit == Unit::Date && c.quantity.qualifier == Qualifier::Exact
                    }) else {
                        continue;
                    };
                    let head = a.story.text[..c.span.start].trim_end_matches([' ', ',']);
                    let n = head
                        .bytes()
                        .rev()
                        .take_while(u8::is_ascii_alphabetic)
                        .count();
                    let word = &head[head.len() - n..];
                    let Some(wd) = crate::extract::grammar::date::weekday_name(word) else {
                        continue;
                    };
                    if d.weekday() != wd {
                        let span = head.len() - n..c.span.end;
                        let text = &a.story.text[span.clone()];
                        push(
                            s,
                            Some(k),
                            span,
                            format!(
                                "{}: \u{201c}{text}\u{201d}, but {d} is a {:?}",
                                rule.title,
                                d.weekday()
                            ),
                        );
                    }
                }
            }
            Some(LintCheck::SharesOver100) => {
                let mut by_sentence: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
                for (k, c) in a.claims.iter().enumerate() {
                    if c.quantity.unit == Unit::Percent && c.quantity.qualifier == Qualifier::Exact
                    {
                        if let Some(n) = &c.counted {
                            by_sentence
                                .entry((c.sentence, n.to_lowercase()))
                                .or_default()
                                .push(k);
                        }
                    }
                }
                for ks in by_sentence.values().filter(|ks| ks.len() >= 2) {
                    let sum: f64 = ks.iter().map(|&k| a.claims[k].stated.0).sum();
                    if sum > 100.5 {
                        let span =
                            a.claims[ks[0]].span.start..a.claims[ks[ks.len() - 1]].surface().end;
                        push(
                            s,
                            Some(ks[0]),
                            span,
                            format!("{}: the shares add up to {sum}%", rule.title),
                        );
                    }
                }
            }
            None => {}
        }
    }
    out
}

/// The same quotation worded differently (or given to another speaker).
fn compare_quotes(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    event: &str,
) -> Vec<Finding> {
    use crate::quote::align::{Candidate, Relation, align};
    use crate::quote::diff::{Class, compare};
    let Some(cfg) = &rule.quote else {
        return Vec::new();
    };
    // one candidate per statement: a speaker's consecutive quotes in a paragraph
    let mut refs: Vec<(usize, Range<usize>)> = Vec::new();
    let mut cands: Vec<Candidate> = Vec::new();
    for &s in stories {
        for (run, c) in crate::quote::align::candidates(&analyses[s], s) {
            refs.push((s, run));
            cands.push(c);
        }
    }
    let sev = &cfg.severities;
    let mut out = Vec::new();
    for (i, j, rel) in align(&cands, cfg.thresholds) {
        // the earlier story (in report order) is the reference
        let (i, j) = if story_order(analyses, refs[i].0, refs[j].0).is_gt() {
            (j, i)
        } else {
            (i, j)
        };
        let (x, y) = (refs[i].clone(), refs[j].clone());
        let span_of = |s: usize, run: &Range<usize>| {
            let qs = &analyses[s].quotes;
            qs[run.start].span.start..qs[run.end - 1].span.end
        };
        let (sa, sb) = (span_of(x.0, &x.1), span_of(y.0, &y.1));
        let (qa, qb) = (
            &analyses[x.0].quotes[x.1.start],
            &analyses[y.0].quotes[y.1.start],
        );
        let d = compare(&cands[i].words, &cands[j].words);
        let (severity, what) = match rel {
            Relation::Misattributed => (
                sev.misattribution,
                format!(
                    "the same words are given to {} and to {}",
                    qa.speaker.as_deref().unwrap_or("?"),
                    qb.speaker.as_deref().unwrap_or("?")
                ),
            ),
            Relation::Same => {
                if d.classes.is_empty() {
                    continue;
                }
                let level = |c: &Class| match c {
                    Class::Negation => sev.negation,
                    Class::Number => sev.number,
                    Class::Word => sev.word,
                    Class::Rewording => sev.rewording,
                    Class::Omission => sev.omission,
                };
                let worst = d.classes.iter().map(level).max().unwrap_or(Severity::Info);
                let names: Vec<&str> = d.classes.iter().map(|c| c.as_str()).collect();
                (worst.min(rule.severity.max(worst)), names.join(", "))
            }
        };
        let text = |s: usize, q: &crate::quote::Quote| {
            let a = &analyses[s];
            format!(
                "{}: \u{201c}{}\u{201d}",
                a.story.outlet,
                &a.story.text[q.span.clone()]
            )
        };
        let speaker = qa
            .speaker
            .as_deref()
            .or(qb.speaker.as_deref())
            .unwrap_or("an unnamed speaker");
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            severity,
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({what}) — {speaker}: {} / {}",
                rule.title,
                text(x.0, qa),
                text(y.0, qb)
            ),
            evidence: vec![
                Evidence {
                    story: x.0,
                    claim: None,
                    span: sa,
                    primary: false,
                },
                Evidence {
                    story: y.0,
                    claim: None,
                    span: sb,
                    primary: true,
                },
            ],
            diff: Some(d.parts),
        });
    }
    out
}
