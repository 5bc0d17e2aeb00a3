//! Rules: YAML files that say which figures to compare and how.
//!
//! [`model`] is the file format (plain serde types); [`load`] reads files
//! and compiles each rule once into a validated [`Rule`]; [`engine`] runs
//! compiled rules over the claims of a batch and returns [`Finding`]s. The
//! engine never re-validates and never formats: findings are data.

pub mod baseline;
pub mod engine;
pub(crate) mod figure;
pub mod load;
pub mod model;
pub mod pair;
pub mod person;
pub mod test;

pub use engine::{EventGroup, Evidence, Finding, Measure, check};
pub use load::{RuleError, defaults, load_dir, load_str};
pub use model::{Kind, LintCheck, Severity};

use crate::extract::frame::Claim;
use crate::extract::quantity::Unit;

/// Lower each finding of a rule `caps` names to that level at most (a
/// quotation's classes have levels of their own).
pub fn cap(findings: &mut [Finding], caps: &std::collections::BTreeMap<String, Severity>) {
    if caps.is_empty() {
        return;
    }
    for f in findings {
        if let Some(&level) = caps.get(&f.rule) {
            f.severity = f.severity.min(level);
        }
    }
}

/// Which units a rule accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitMatch {
    Any,
    /// Any currency.
    Money,
    /// Exactly this unit, as written in JSON (`count`, `money:EUR`).
    Exact(String),
}

/// Which claims a rule looks at.
#[derive(Debug, Clone)]
pub struct Matcher {
    pub counted: Vec<String>,
    pub event: Vec<String>,
    pub unless: Vec<String>,
    pub unit: UnitMatch,
}

impl Matcher {
    /// Whether a claim is one this rule measures.
    pub fn accepts(&self, c: &Claim) -> bool {
        let unit_ok = match &self.unit {
            UnitMatch::Any => true,
            UnitMatch::Money => matches!(c.quantity.unit, Unit::Money(_)),
            UnitMatch::Exact(u) => c.quantity.unit.is_named(u),
        };
        if !unit_ok {
            return false;
        }
        // the rule's words are lower-cased when it is loaded
        let counted = c.counted.as_deref();
        let is_counted = |u: &String| counted.is_some_and(|cn| lower_eq(cn, u));
        let event = c.event.as_deref();
        if self.unless.iter().any(is_counted) {
            return false;
        }
        if event.is_some_and(|e| self.unless.iter().any(|u| u == e)) {
            return false;
        }
        let counted_ok = self.counted.is_empty() || self.counted.iter().any(is_counted);
        let event_ok =
            self.event.is_empty() || event.is_some_and(|e| self.event.iter().any(|x| x == e));
        counted_ok && event_ok
    }
}

/// The words of a set of rules, numbered, so that a claim's counted noun
/// and event are looked up once instead of compared with every list of
/// every rule. [`Words::matchers`] turns each rule's lists into sets of
/// these numbers; [`Words::of`] numbers a claim's words;
/// [`Compiled::accepts`] then answers as [`Matcher::accepts`] does.
#[derive(Debug, Default)]
pub struct Words<'r> {
    ids: rustc_hash::FxHashMap<&'r str, u32>,
}

/// A claim's counted noun (lower-cased) and event as numbers in [`Words`];
/// `None` when no rule names them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimWords {
    counted: Option<u32>,
    event: Option<u32>,
}

/// A [`Matcher`] over numbered words.
#[derive(Debug)]
pub struct Compiled<'r> {
    unit: &'r UnitMatch,
    counted: Option<Vec<u64>>,
    event: Option<Vec<u64>>,
    unless: Vec<u64>,
}

fn has(bits: &[u64], id: Option<u32>) -> bool {
    id.is_some_and(|i| {
        bits.get(i as usize / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    })
}

impl<'r> Words<'r> {
    /// Number the words of `rules` and compile their matchers, in order.
    pub fn matchers(rules: &'r [Rule]) -> (Words<'r>, Vec<Compiled<'r>>) {
        let mut words = Words::default();
        for r in rules {
            let m = &r.matcher;
            for w in m.counted.iter().chain(&m.event).chain(&m.unless) {
                let next = words.ids.len() as u32;
                words.ids.entry(w.as_str()).or_insert(next);
            }
        }
        let set = |list: &[String]| {
            let mut bits = vec![0u64; words.ids.len().div_ceil(64)];
            for w in list {
                let i = words.ids[w.as_str()] as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
            bits
        };
        let compiled = rules
            .iter()
            .map(|r| {
                let m = &r.matcher;
                Compiled {
                    unit: &m.unit,
                    counted: (!m.counted.is_empty()).then(|| set(&m.counted)),
                    event: (!m.event.is_empty()).then(|| set(&m.event)),
                    unless: set(&m.unless),
                }
            })
            .collect();
        (words, compiled)
    }

    /// A claim's words by number.
    pub fn of(&self, c: &Claim) -> ClaimWords {
        let counted = c.counted.as_deref().and_then(|cn| {
            if cn.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                self.ids.get(cn.to_lowercase().as_str()).copied()
            } else {
                self.ids.get(cn).copied()
            }
        });
        let event = c.event.as_deref().and_then(|e| self.ids.get(e).copied());
        ClaimWords { counted, event }
    }
}

impl Compiled<'_> {
    /// [`Matcher::accepts`], for a claim numbered by the same [`Words`].
    pub fn accepts(&self, c: &Claim, w: ClaimWords) -> bool {
        let unit_ok = match self.unit {
            UnitMatch::Any => true,
            UnitMatch::Money => matches!(c.quantity.unit, Unit::Money(_)),
            UnitMatch::Exact(u) => c.quantity.unit.is_named(u),
        };
        unit_ok
            && !has(&self.unless, w.counted)
            && !has(&self.unless, w.event)
            && self.counted.as_deref().is_none_or(|b| has(b, w.counted))
            && self.event.as_deref().is_none_or(|b| has(b, w.event))
    }
}

/// Whether `s` lower-cased is `lower`, without building the lower-cased copy.
fn lower_eq(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.len() == lower.len()
            && s.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        s.to_lowercase() == lower
    }
}

/// How a figure rule compares claims.
#[derive(Debug, Clone, Copy)]
pub struct Compare {
    pub tolerance: f64,
    pub approx: f64,
    pub cumulative: bool,
    pub scope_must_match: bool,
}

/// A compiled quote rule's settings.
#[derive(Debug, Clone)]
pub struct QuoteConfig {
    pub thresholds: crate::quote::align::Thresholds,
    pub severities: model::QuoteSeverities,
}

/// A compiled, validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub title: String,
    pub description: Option<String>,
    pub matcher: Matcher,
    pub compare: Compare,
    pub check: Option<LintCheck>,
    /// For quote rules: alignment thresholds and severities.
    pub quote: Option<QuoteConfig>,
    pub tests: Vec<model::TestDef>,
    /// Where the rule was defined.
    pub file: String,
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::lower_eq;

    #[test]
    fn lower_eq_compares_with_the_lower_cased_word() {
        assert!(lower_eq("Civilians", "civilians"));
        assert!(lower_eq("civilians", "civilians"));
        assert!(!lower_eq("Civilian", "civilians"));
        assert!(!lower_eq("civilians", "Civilians"));
        assert!(lower_eq("ÉLÈVES", "élèves"));
        assert!(!lower_eq("ÉLÈVE", "élèves"));
    }
}
