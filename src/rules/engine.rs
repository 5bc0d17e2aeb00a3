//! The engine: compiled rules over the claims of a batch → findings.
//!
//! Stories are grouped into events first ([`crate::group`]); nothing is
//! compared across events. Within an event each figure or date rule
//! gathers the claims it measures (all of them go to the event's table)
//! and hands the bound ones to [`super::figure`], which holds each story's
//! figures against every other story's (and a story's headline against its
//! lead) and joins the disagreements into one finding per connected group,
//! blamed on the odd one out. Cost grows with the distinct ways an event's
//! figures are stated, never with the whole batch.
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
use crate::group::{GroupBy, Planned};
use std::collections::BTreeMap;
use std::ops::Range;

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
    /// For quote findings: the word diff from the version most outlets
    /// give to the odd one out, and what kind of difference it is.
    pub diff: Option<WordDiff>,
}

/// The word diff of a quote finding.
#[derive(Debug, Clone, PartialEq)]
pub struct WordDiff {
    pub parts: Vec<(crate::quote::diff::Op, String)>,
    /// The kinds of difference (`negation`, `word`, ...), most serious
    /// first; empty for a misattribution.
    pub classes: Vec<crate::quote::diff::Class>,
    /// The most serious, in an editor's words: `a negation is dropped:
    /// “not”`, `the same words are given to two speakers`.
    pub reason: String,
}

impl WordDiff {
    /// `negation: a negation is dropped: “not”`: the classes and the reason.
    pub fn why(&self) -> String {
        if self.classes.is_empty() {
            return self.reason.clone();
        }
        let names: Vec<&str> = self.classes.iter().map(|c| c.as_str()).collect();
        format!("{}: {}", names.join(", "), self.reason)
    }
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
    /// The named people of the event with their ages, per story.
    pub people: Vec<super::person::PersonRow>,
    /// Why the stories are one event, when that was found from content.
    pub reason: Option<String>,
}

/// Run every rule over the batch. Findings and events come back sorted.
pub fn check(
    analyses: &[Analysis],
    rules: &[Rule],
    by: GroupBy,
) -> (Vec<EventGroup>, Vec<Finding>) {
    let planned = crate::group::events(analyses, by);
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
            Kind::Person => {
                findings.extend(super::person::compare_people(
                    analyses, &stories, rule, &event,
                ));
            }
        }
    }
    let people = super::person::people_table(analyses, &stories);
    let group = EventGroup {
        event,
        stories,
        measures,
        people,
        reason,
    };
    (group, findings)
}

/// Findings in report order: event, severity, rule, then where they are.
pub fn sort_findings(analyses: &[Analysis], findings: &mut [Finding]) {
    findings.sort_by(|a, b| finding_order(analyses, a, b));
}

pub(crate) fn story_order(analyses: &[Analysis], a: usize, b: usize) -> std::cmp::Ordering {
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
pub(crate) fn widened(c: &Claim, cmp: &Compare) -> Interval {
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

pub(crate) fn as_of_date(a: &Analysis, c: &Claim) -> Option<jiff::civil::Date> {
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
pub(crate) fn digit_swap(a: f64, b: f64) -> bool {
    a != b && a >= 10.0 && digits(a).is_some_and(|d| Some(d) == digits(b))
}

/// `35` and `350`, `€3m` and `€30m`: a factor of ten or more with the same leading digits.
pub(crate) fn magnitude_slip(a: f64, b: f64) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if lo <= 0.0 || hi / lo < 9.5 {
        return false;
    }
    let r = (hi / lo).log10();
    (r - r.round()).abs() < 0.02
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
    if claims.is_empty() {
        return (None, Vec::new());
    }
    let (findings, mut conflicting) = super::figure::compare(analyses, rule, event, &claims);
    let mut cells: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(s, k) in &claims {
        cells.entry(s).or_default().push(k);
    }
    let mut cells: Vec<(usize, Vec<usize>)> = cells.into_iter().collect();
    cells.sort_by(|a, b| story_order(analyses, a.0, b.0));
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
                    // a date written without its year, well before the
                    // story, may be of the year before: no mismatch if it
                    // fits that year ("Saturday, Sept. 12" in a January story)
                    let year_before = c.quantity.year_inferred
                        && a.story.published.is_some_and(|p| (p - d).get_days() > 60)
                        && d.checked_sub(jiff::Span::new().years(1))
                            .is_ok_and(|e| e.weekday() == wd);
                    if d.weekday() != wd && !year_before {
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
                    // a share of a whole: `40% of voters`, `40 percent of
                    // the vote`, `40% of respondents` — not a rate or a
                    // change (`a 20 percent improvement`, `a 79 percent
                    // conviction rate`)
                    let of_whole = a.story.text[c.span.end..].trim_start().starts_with("of ")
                        || c.counted
                            .as_deref()
                            .is_some_and(crate::extract::frame::is_person);
                    if c.quantity.unit == Unit::Percent
                        && c.quantity.qualifier == Qualifier::Exact
                        && of_whole
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

/// The same quotation worded differently (or given to another speaker):
/// one finding per odd version of a remark ([`crate::quote::remark`]).
fn compare_quotes(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    event: &str,
) -> Vec<Finding> {
    use crate::quote::diff::{Class, QuoteDiff};
    use crate::quote::remark::{Cited, remarks};
    let Some(cfg) = &rule.quote else {
        return Vec::new();
    };
    // every quote of the event, in report order
    let mut refs: Vec<(usize, usize)> = Vec::new();
    let mut cands = Vec::new();
    for &s in stories {
        for (k, c) in crate::quote::align::candidates(&analyses[s], s) {
            refs.push((s, k));
            cands.push(c);
        }
    }
    if cands.len() < 2 {
        return Vec::new();
    }
    let rank: BTreeMap<usize, usize> = stories.iter().enumerate().map(|(r, &s)| (s, r)).collect();
    let sev = &cfg.severities;
    let level = |d: &QuoteDiff| {
        let of = |c: &Class| match c {
            Class::Negation => Some(sev.negation),
            Class::Number => Some(sev.number),
            Class::Word => Some(sev.word),
            Class::Rewording => Some(sev.rewording),
            Class::Omission => Some(sev.omission),
            Class::Form => Some(sev.form),
            Class::Tense => Some(sev.tense),
            Class::Function => Some(sev.function),
            Class::Partial => sev.partial,
        };
        let partial = d.partial.then_some(sev.partial).flatten();
        d.classes.iter().filter_map(of).max().max(partial)
    };
    let r = remarks(
        &cands,
        |s| rank.get(&s).copied().unwrap_or(usize::MAX),
        cfg.thresholds,
        level,
    );
    // the bytes of aligned words `w` of candidate `m`
    let span_of = |m: usize, w: &Range<usize>| {
        let (s, k) = refs[m];
        let q = &analyses[s].quotes[k].span;
        let spans = &cands[m].words.spans;
        match (
            spans.get(w.start),
            w.end.checked_sub(1).and_then(|e| spans.get(e)),
        ) {
            (Some(a), Some(b)) if !w.is_empty() => q.start + a.start..q.start + b.end,
            _ => q.clone(),
        }
    };
    let quoted = |m: usize, w: &Range<usize>| {
        let a = &analyses[refs[m].0];
        format!(
            "{}: \u{201c}{}\u{201d}",
            a.story.outlet,
            a.story.slice(span_of(m, w)).replace('\n', " ")
        )
    };
    let speaker_of = |m: usize| analyses[refs[m].0].quotes[refs[m].1].speaker.as_deref();
    let sure = |m: usize| analyses[refs[m].0].quotes[refs[m].1].attribution.is_sure();
    // every story of the outlier and of the versions cited, each once
    let evidence = |outlier: usize, region: &Range<usize>, cited: &[&Cited]| {
        let mut out: Vec<Evidence> = Vec::new();
        let mut push = |m: usize, w: &Range<usize>, primary: bool| {
            let story = refs[m].0;
            let span = span_of(m, w);
            if !out.iter().any(|e| e.story == story && e.span == span) {
                out.push(Evidence {
                    story,
                    claim: None,
                    span,
                    primary,
                });
            }
        };
        let members = &r.versions[outlier].members;
        for (k, &m) in members.iter().enumerate() {
            push(m, region, k == 0);
        }
        for c in cited {
            for &m in &r.versions[c.version].members {
                push(m, &c.region, false);
            }
        }
        out.sort_by(|a, b| {
            story_order(analyses, a.story, b.story).then(a.span.start.cmp(&b.span.start))
        });
        out
    };
    let mut out = Vec::new();
    for o in &r.outliers {
        let region = o
            .references
            .iter()
            .map(|c| c.outlier_region.clone())
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
            .unwrap_or_default();
        let cited: Vec<&Cited> = o
            .references
            .iter()
            .chain(&o.others)
            .chain(&o.allies)
            .collect();
        let m = r.versions[o.version].members[0];
        let Some(first) = o.references.first() else {
            continue;
        };
        let reference = r.versions[first.version].members[0];
        let speaker = std::iter::once(m)
            .chain(
                cited
                    .iter()
                    .flat_map(|c| r.versions[c.version].members.iter().copied()),
            )
            .filter(|&x| sure(x))
            .find_map(speaker_of)
            .unwrap_or("an unnamed speaker");
        let why = crate::rules::engine::WordDiff {
            parts: o.diff.parts.clone(),
            classes: o.diff.classes.clone(),
            reason: o.diff.reason(),
        };
        let others = cited
            .iter()
            .map(|c| r.versions[c.version].stories.len())
            .sum::<usize>();
        let more = match others {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            severity: o.level,
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({}) \u{2014} {speaker}: {}{more} / {}",
                rule.title,
                why.why(),
                quoted(reference, &first.region),
                quoted(m, &region),
            ),
            evidence: evidence(o.version, &region, &cited),
            diff: Some(why),
        });
    }
    for x in &r.misattributions {
        let m = r.versions[x.version].members[0];
        let Some(first) = x.others.first() else {
            continue;
        };
        let reference = r.versions[first.version].members[0];
        let reason = format!(
            "the same words are given to {} and to {}",
            speaker_of(reference).unwrap_or("?"),
            speaker_of(m).unwrap_or("?")
        );
        let cited: Vec<&Cited> = x.others.iter().collect();
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            severity: sev.misattribution,
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({reason}) \u{2014} {} / {}",
                rule.title,
                quoted(reference, &first.region),
                quoted(m, &first.outlier_region),
            ),
            evidence: evidence(x.version, &first.outlier_region, &cited),
            diff: Some(WordDiff {
                parts: x.diff.parts.clone(),
                classes: Vec::new(),
                reason,
            }),
        });
    }
    out
}
