//! Quote rules: the same remark worded differently between outlets, or
//! given to another speaker.
//!
//! The versions of each remark come from [`crate::quote::remark`]; each
//! difference has a class (a negation dropped, a number changed, a word
//! replaced, ...) whose level the rule sets, and the rule's own level caps
//! them, as it caps the findings of every kind.

use super::model::QuoteSeverities;
use super::{Evidence, Finding, Kind, QuoteRule, Rule, Severity, WordDiff};
use crate::Analysis;
use crate::quote::align::Candidate;
use crate::quote::diff::{Class, QuoteDiff};
use crate::quote::remark::{Cited, Misattribution, Outlier, Remarks, remarks};
use std::collections::BTreeMap;
use std::ops::Range;

/// The same quotation worded differently (or given to another speaker):
/// one finding per odd version of a remark ([`crate::quote::remark`]).
pub(super) fn compare(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    cfg: &QuoteRule,
    event: &str,
) -> Vec<Finding> {
    if quoted_stories_below_two(analyses, stories) {
        return Vec::new();
    }
    let (refs, cands) = event_quotes(analyses, stories);
    if cands.len() < 2 {
        return Vec::new();
    }
    let rank: BTreeMap<usize, usize> = stories.iter().enumerate().map(|(r, &s)| (s, r)).collect();
    let sev = &cfg.severities;
    let remarks = remarks(
        &cands,
        |s| rank.get(&s).copied().unwrap_or(usize::MAX),
        cfg.thresholds,
        |d| class_level(sev, d),
    );
    let ctx = QuoteEvent {
        analyses,
        refs: &refs,
        cands: &cands,
        remarks: &remarks,
        rule,
        event,
    };
    let mut out: Vec<Finding> = remarks
        .outliers
        .iter()
        .filter_map(|o| ctx.outlier_finding(o))
        .collect();
    out.extend(
        remarks
            .misattributions
            .iter()
            .filter_map(|x| ctx.misattribution_finding(x, sev.misattribution)),
    );
    out
}

/// Whether fewer than two of `stories` quote anyone. Two quotes of one
/// story are never one remark (`remarks` pairs versions of different
/// stories only), so such an event has nothing to compare and is not
/// normalised.
fn quoted_stories_below_two(analyses: &[Analysis], stories: &[usize]) -> bool {
    stories
        .iter()
        .filter(|&&s| !analyses[s].quotes.is_empty())
        .nth(1)
        .is_none()
}

/// Every quote of the event in report order: its (story, quote index) and
/// its candidate for [`remarks`], index for index.
fn event_quotes(analyses: &[Analysis], stories: &[usize]) -> (Vec<(usize, usize)>, Vec<Candidate>) {
    let mut refs: Vec<(usize, usize)> = Vec::new();
    let mut cands = Vec::new();
    for &s in stories {
        for (k, c) in crate::quote::align::candidates(&analyses[s], s) {
            refs.push((s, k));
            cands.push(c);
        }
    }
    (refs, cands)
}

/// The level the rule gives difference `d`: the highest of its classes'
/// levels and, when one version quotes more than the other, the partial
/// level; `None` when none of them is reported.
fn class_level(sev: &QuoteSeverities, d: &QuoteDiff) -> Option<Severity> {
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
}

/// The quotes of one event and their remarks, shared by the steps that
/// turn odd versions into findings.
struct QuoteEvent<'a> {
    analyses: &'a [Analysis],
    /// (story, quote index) of each candidate.
    refs: &'a [(usize, usize)],
    cands: &'a [Candidate],
    remarks: &'a Remarks<Severity>,
    rule: &'a Rule,
    event: &'a str,
}

impl QuoteEvent<'_> {
    /// The bytes of aligned words `w` of candidate `m` (the whole quote
    /// when `w` is empty or out of its words).
    fn span_of(&self, m: usize, w: &Range<usize>) -> Range<usize> {
        let (s, k) = self.refs[m];
        let q = &self.analyses[s].quotes[k].span;
        let spans = &self.cands[m].words.spans;
        match (
            spans.get(w.start),
            w.end.checked_sub(1).and_then(|e| spans.get(e)),
        ) {
            (Some(a), Some(b)) if !w.is_empty() => q.start + a.start..q.start + b.end,
            _ => q.clone(),
        }
    }

    /// `outlet: “words”` for aligned words `w` of candidate `m`, on one line.
    fn quoted(&self, m: usize, w: &Range<usize>) -> String {
        let a = &self.analyses[self.refs[m].0];
        format!(
            "{}: \u{201c}{}\u{201d}",
            a.story.outlet,
            a.story.slice(self.span_of(m, w)).replace('\n', " ")
        )
    }

    /// The speaker candidate `m`'s story gives its quote, if any.
    fn speaker_of(&self, m: usize) -> Option<&str> {
        let (s, k) = self.refs[m];
        self.analyses[s].quotes[k].speaker.as_deref()
    }

    /// Whether candidate `m`'s attribution is sure.
    fn sure(&self, m: usize) -> bool {
        let (s, k) = self.refs[m];
        self.analyses[s].quotes[k].attribution.is_sure()
    }

    /// The evidence of a finding on version `outlier`: every story of the
    /// outlier (its first member primary) and of the versions `cited`,
    /// each span once, in story order.
    fn evidence(&self, outlier: usize, region: &Range<usize>, cited: &[&Cited]) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = Vec::new();
        let mut push = |m: usize, w: &Range<usize>, primary: bool| {
            let story = self.refs[m].0;
            let span = self.span_of(m, w);
            if !out.iter().any(|e| e.story == story && e.span == span) {
                out.push(Evidence {
                    story,
                    claim: None,
                    span,
                    primary,
                });
            }
        };
        let members = &self.remarks.versions[outlier].members;
        for (k, &m) in members.iter().enumerate() {
            push(m, region, k == 0);
        }
        for c in cited {
            for &m in &self.remarks.versions[c.version].members {
                push(m, &c.region, false);
            }
        }
        out.sort_by(|a, b| {
            super::finding::story_order(self.analyses, a.story, b.story)
                .then(a.span.start.cmp(&b.span.start))
        });
        out
    }

    /// The first sure speaker among candidate `m` and the members of the
    /// versions `cited`, or "an unnamed speaker".
    fn speaker_named(&self, m: usize, cited: &[&Cited]) -> &str {
        let versions = &self.remarks.versions;
        std::iter::once(m)
            .chain(
                cited
                    .iter()
                    .flat_map(|c| versions[c.version].members.iter().copied()),
            )
            .filter(|&x| self.sure(x))
            .find_map(|x| self.speaker_of(x))
            .unwrap_or("an unnamed speaker")
    }

    /// The finding on outlier `o`, or `None` when it has no reference.
    fn outlier_finding(&self, o: &Outlier<Severity>) -> Option<Finding> {
        let versions = &self.remarks.versions;
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
        let m = versions[o.version].members[0];
        let first = o.references.first()?;
        let reference = versions[first.version].members[0];
        let speaker = self.speaker_named(m, &cited);
        let why = WordDiff {
            parts: o.diff.parts.clone(),
            classes: o.diff.classes.clone(),
            reason: o.diff.reason(),
        };
        let others = cited
            .iter()
            .map(|c| versions[c.version].stories.len())
            .sum::<usize>();
        let more = match others {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let rule = self.rule;
        Some(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            // the rule's own level caps its classes' levels
            severity: o.level.min(rule.severity),
            event: self.event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({}) \u{2014} {speaker}: {}{more} / {}",
                rule.title,
                why.why(),
                self.quoted(reference, &first.region),
                self.quoted(m, &region),
            ),
            evidence: self.evidence(o.version, &region, &cited),
            diff: Some(why),
        })
    }

    /// The finding on misattributed version `x` at level `level` (capped
    /// by the rule's), or `None` when no other version is cited.
    fn misattribution_finding(&self, x: &Misattribution, level: Severity) -> Option<Finding> {
        let versions = &self.remarks.versions;
        let m = versions[x.version].members[0];
        let first = x.others.first()?;
        let reference = versions[first.version].members[0];
        let reason = format!(
            "the same words are given to {} and to {}",
            self.speaker_of(reference).unwrap_or("?"),
            self.speaker_of(m).unwrap_or("?")
        );
        let cited: Vec<&Cited> = x.others.iter().collect();
        let rule = self.rule;
        Some(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            severity: level.min(rule.severity),
            event: self.event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({reason}) \u{2014} {} / {}",
                rule.title,
                self.quoted(reference, &first.region),
                self.quoted(m, &first.outlier_region),
            ),
            evidence: self.evidence(x.version, &first.outlier_region, &cited),
            diff: Some(WordDiff {
                parts: x.diff.parts.clone(),
                classes: Vec::new(),
                reason,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{Severity, load_str};

    /// The findings of a quote rule of level `severity` on two stories
    /// that quote one remark with and without its "not", and give it to
    /// two people.
    fn levels(severity: &str) -> Vec<(Severity, String)> {
        let rule = format!(
            "rules:\n  - id: q\n    kind: quote\n    severity: {severity}\n    title: Quote differs\n    quote:\n      severity:\n        negation: error\n        misattribution: warning\n"
        );
        let rules = load_str("q.yaml", &rule).unwrap();
        let story = |id: &str, text: &str| {
            crate::analyse(
                crate::story::inline(id, id, None, Some("2024-05-02"), None, text).unwrap(),
            )
        };
        let stories = [
            story(
                "a",
                "\"We did not order the evacuation of the valley,\" Mayor Ida Brenner said. \"The river will be open to boats again by the end of the month,\" said Tomas Reyes.",
            ),
            story(
                "b",
                "\"We did order the evacuation of the valley,\" Mayor Ida Brenner said. \"The river will be open to boats again by the end of the month,\" said Ida Brenner.",
            ),
        ];
        let (_, findings) = crate::rules::check(&stories, &rules, crate::group::GroupBy::Batch);
        findings
            .into_iter()
            .map(|f| (f.severity, f.diff.map(|d| d.reason).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_rules_level_caps_the_levels_of_its_classes() {
        let error = levels("error");
        assert!(
            error.iter().any(|f| f.0 == Severity::Error),
            "a dropped negation is an error under an error rule: {error:?}"
        );
        for (severity, cap) in [("warning", Severity::Warning), ("info", Severity::Info)] {
            let capped = levels(severity);
            assert_eq!(capped.len(), error.len(), "{capped:?}");
            for (f, e) in capped.iter().zip(&error) {
                assert_eq!(f.0, e.0.min(cap), "{capped:?}");
                assert_eq!(f.1, e.1);
            }
        }
    }
}
