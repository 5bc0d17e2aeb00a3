//! Rules: YAML files that say which figures to compare and how.
//!
//! [`model`] is the file format (plain serde types); [`load`] reads files
//! and compiles each rule once into a validated [`Rule`]; [`engine`] runs
//! compiled rules over the claims of a batch and returns [`Finding`]s. The
//! engine never re-validates and never formats: findings are data.

pub mod baseline;
pub mod cluster;
pub mod engine;
pub mod load;
pub mod model;
pub mod pair;
pub mod test;

pub use engine::{EventGroup, Evidence, Finding, GroupBy, Measure, Planned, check};
pub use load::{RuleError, defaults, load_dir, load_str};
pub use model::{Kind, LintCheck, Severity};

use crate::extract::frame::Claim;
use crate::extract::quantity::Unit;

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
