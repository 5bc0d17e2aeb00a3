//! Rules: YAML files that say what to compare and how, and the findings
//! they make.
//!
//! [`model`] is the file format (plain serde types); [`load`] reads files
//! and compiles each rule once into a validated [`Rule`], whose
//! [`RuleKind`] holds what its kind needs and nothing else; [`engine`]
//! runs compiled rules over the events of a batch and returns
//! [`Finding`]s ([`finding`]). Each kind's comparison has a file of its
//! own: [`figure`] (figures of one measure, story against story), [`date`]
//! (the event's date, compared as figures are), [`lint`] (one story
//! alone), [`quote`] (one remark worded differently) and [`person`] (a
//! person's age or name). The engine never re-validates and never
//! formats: findings are data.

pub mod baseline;
pub(crate) mod date;
pub(crate) mod engine;
pub(crate) mod event;
pub(crate) mod figure;
pub(crate) mod finding;
pub(crate) mod lint;
pub mod load;
pub(crate) mod matcher;
pub mod model;
pub(crate) mod pair;
pub(crate) mod person;
pub(crate) mod quote;
pub mod test;

pub use engine::check;
pub(crate) use event::{EventGroup, Measure};
pub use finding::{Evidence, Finding, WordDiff};
pub use load::{RuleError, defaults, load_str};
pub(crate) use matcher::{Matcher, UnitMatch, Words};
pub(crate) use model::LintCheck;
pub use model::{Kind, Severity};

/// A compiled, validated rule: what every kind has, and its [`RuleKind`].
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// The highest level its findings reach (every kind's comparison caps
    /// them at it; crosscheck.yaml's `severity` sets it).
    pub severity: Severity,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) kind: RuleKind,
    pub(crate) tests: Vec<model::TestDef>,
    /// Where the rule was defined.
    pub file: String,
    pub(crate) line: usize,
}

/// What a rule of each kind compares, and how.
#[derive(Debug, Clone)]
pub(crate) enum RuleKind {
    /// One measure across outlets ([`figure`]).
    Figure(FigureRule),
    /// The event's date across outlets ([`date`]).
    Date(FigureRule),
    /// One story alone ([`lint`]).
    Lint(LintCheck),
    /// One remark worded differently between outlets ([`quote`]).
    Quote(QuoteRule),
    /// A person's age or first name across outlets ([`person`]).
    Person,
}

impl RuleKind {
    /// The kind as rule files and findings name it.
    pub(crate) fn name(&self) -> Kind {
        match self {
            RuleKind::Figure(_) => Kind::Figure,
            RuleKind::Date(_) => Kind::Date,
            RuleKind::Lint(_) => Kind::Lint,
            RuleKind::Quote(_) => Kind::Quote,
            RuleKind::Person => Kind::Person,
        }
    }
}

/// A figure or date rule: which claims it measures and how they compare.
#[derive(Debug, Clone)]
pub(crate) struct FigureRule {
    pub(crate) matcher: Matcher,
    pub(crate) compare: Compare,
}

/// How a figure or date rule compares claims.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Compare {
    /// Slack beyond the qualifiers' own meaning, as a share of the figure.
    pub(crate) tolerance: f64,
    /// What "around" and "about" mean, as a share of the figure.
    pub(crate) approx: f64,
    /// The measure only grows: a later, higher figure is an update.
    pub(crate) cumulative: bool,
    /// Figures of different places are different measures.
    pub(crate) scope_must_match: bool,
}

/// A quote rule: when two quotations are one remark, and the level of
/// each class of difference (capped at the rule's own level).
#[derive(Debug, Clone)]
pub(crate) struct QuoteRule {
    pub(crate) thresholds: crate::quote::align::Thresholds,
    pub(crate) severities: model::QuoteSeverities,
}
