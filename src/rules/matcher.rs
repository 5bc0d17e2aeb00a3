//! Which claims a figure or date rule measures: the counted noun, what
//! happened, what rules them out, the unit. [`Matcher`] says it plainly;
//! [`Words`] numbers the words of every rule once, so that an event's
//! claims are looked up once instead of compared with every list of every
//! rule ([`Compiled`] answers as [`Matcher`] does).

use super::{Rule, RuleKind};
use crate::extract::frame::Claim;
use crate::extract::quantity::Unit;

/// Which units a rule accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UnitMatch {
    Any,
    /// Any currency.
    Money,
    /// Exactly this unit, as written in JSON (`count`, `money:EUR`).
    Exact(String),
}

/// Which claims a rule looks at.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    pub(crate) counted: Vec<String>,
    pub(crate) event: Vec<String>,
    pub(crate) unless: Vec<String>,
    pub(crate) unit: UnitMatch,
}

#[cfg(test)]
impl Matcher {
    /// Whether a claim is one this rule measures: the plain reading of the
    /// rule, which [`Compiled::accepts`] is tested against.
    pub(crate) fn accepts(&self, c: &Claim) -> bool {
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
pub(crate) struct Words<'r> {
    ids: rustc_hash::FxHashMap<&'r str, u32>,
}

/// A claim's counted noun (lower-cased) and event as numbers in [`Words`];
/// `None` when no rule names them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClaimWords {
    counted: Option<u32>,
    event: Option<u32>,
}

/// A [`Matcher`] over numbered words.
#[derive(Debug)]
pub(crate) struct Compiled<'r> {
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
    /// Number the words of `rules` and compile their matchers, in order
    /// (`None` for a rule of a kind that measures no claim).
    pub(crate) fn matchers(rules: &'r [Rule]) -> (Words<'r>, Vec<Option<Compiled<'r>>>) {
        let matcher = |r: &'r Rule| match &r.kind {
            RuleKind::Figure(f) | RuleKind::Date(f) => Some(&f.matcher),
            _ => None,
        };
        let mut words = Words::default();
        for m in rules.iter().filter_map(matcher) {
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
                matcher(r).map(|m| Compiled {
                    unit: &m.unit,
                    counted: (!m.counted.is_empty()).then(|| set(&m.counted)),
                    event: (!m.event.is_empty()).then(|| set(&m.event)),
                    unless: set(&m.unless),
                })
            })
            .collect();
        (words, compiled)
    }

    /// A claim's words by number.
    pub(crate) fn of(&self, c: &Claim) -> ClaimWords {
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
    pub(crate) fn accepts(&self, c: &Claim, w: ClaimWords) -> bool {
        // the words first: a few bits, and most claims fail there; the
        // unit, a comparison of names, last
        !has(&self.unless, w.counted)
            && !has(&self.unless, w.event)
            && self.counted.as_deref().is_none_or(|b| has(b, w.counted))
            && self.event.as_deref().is_none_or(|b| has(b, w.event))
            && match self.unit {
                UnitMatch::Any => true,
                UnitMatch::Money => matches!(c.quantity.unit, Unit::Money(_)),
                UnitMatch::Exact(u) => c.quantity.unit.is_named(u),
            }
    }
}

/// Whether `s` lower-cased is `lower`, without building the lower-cased copy.
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_eq_compares_with_the_lower_cased_word() {
        assert!(lower_eq("Civilians", "civilians"));
        assert!(lower_eq("civilians", "civilians"));
        assert!(!lower_eq("Civilian", "civilians"));
        assert!(!lower_eq("civilians", "Civilians"));
        assert!(lower_eq("ÉLÈVES", "élèves"));
        assert!(!lower_eq("ÉLÈVE", "élèves"));
    }

    /// The engine looks a claim's words up once per event ([`Words`]);
    /// that must accept exactly the claims each rule's [`Matcher`]
    /// accepts, whatever the case of the claim's words.
    #[test]
    fn numbered_words_accept_what_the_matchers_accept() {
        let mut rules = crate::rules::defaults().unwrap();
        // the defaults say no `unless`: a rule that does, with words in other rules' lists
        let unless = "rules:\n  - id: not-soldiers\n    kind: figure\n    severity: warning\n    title: t\n    match:\n      counted: [person, soldier, Élève]\n      unless: [soldier, injured]\n";
        rules.extend(crate::rules::load_str("unless.yaml", unless).unwrap());
        let (words, compiled) = Words::matchers(&rules);
        let mut claims = Vec::new();
        for dir in ["tests/fixtures", "examples/batch"] {
            let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
            let batch = crate::story::ingest(&[path], &mut std::io::empty());
            claims.extend(
                batch
                    .stories
                    .into_iter()
                    .flat_map(|s| crate::analyse(s).claims),
            );
        }
        assert!(claims.len() > 100, "{} claims", claims.len());
        // the same claims with their words in capitals, and with words no rule names
        let variants: Vec<_> = claims
            .iter()
            .flat_map(|c| {
                let mut upper = c.clone();
                upper.counted = c.counted.as_deref().map(str::to_uppercase);
                upper.event = c.event.as_deref().map(str::to_uppercase);
                let mut other = c.clone();
                other.counted = Some("Élève".into());
                [upper, other]
            })
            .collect();
        let (mut accepted, mut refused) = (0, 0);
        for c in claims.iter().chain(&variants) {
            let w = words.of(c);
            for (rule, m) in rules.iter().zip(&compiled) {
                let (RuleKind::Figure(how) | RuleKind::Date(how), Some(m)) = (&rule.kind, m) else {
                    assert!(m.is_none(), "rule {} measures no claim", rule.id);
                    continue;
                };
                let expected = how.matcher.accepts(c);
                assert_eq!(m.accepts(c, w), expected, "rule {} on {c:?}", rule.id);
                if expected {
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
        }
        assert!(
            accepted > 100 && refused > 100,
            "{accepted} accepted, {refused} refused"
        );
    }
}
