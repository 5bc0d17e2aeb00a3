//! Rule files as written: plain serde types, every field documented.
//!
//! These types say what a rule file may contain and nothing more; they are
//! compiled once into [`super::Rule`]s by [`super::load`], which checks what
//! serde cannot (known units and events, percentages that parse, tests that
//! make sense). The JSON Schema in `rules/schema.json` is generated from
//! these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rule file: a list of rules.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules in this file.
    pub(crate) rules: Vec<RuleDef>,
}

/// What a rule compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The same measure (what is counted, what happened, where) across outlets.
    Figure,
    /// The same event dated differently.
    Date,
    /// One story on its own: dangling quantifiers, weekdays that do not match
    /// their date, shares adding up to more than 100 %.
    Lint,
    /// The same remark quoted differently between outlets: a negation or a
    /// number changed, words replaced, the words given to another speaker.
    Quote,
    /// The same person given different ages or spellings.
    Person,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Probably a discrepancy.
    Warning,
    /// A discrepancy an editor must fix (`--fail-on error`, the default).
    Error,
}

impl Kind {
    /// The kind as rule files write it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Figure => "figure",
            Kind::Date => "date",
            Kind::Lint => "lint",
            Kind::Quote => "quote",
            Kind::Person => "person",
        }
    }
}

impl Severity {
    /// Each level by name, most serious first, as `--min-level` and
    /// crosscheck.yaml write them.
    pub const NAMES: [(&'static str, Severity); 3] = [
        ("error", Severity::Error),
        ("warning", Severity::Warning),
        ("info", Severity::Info),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    /// Unique id, lower-case words joined by hyphens (`civilian-deaths`).
    pub(crate) id: String,
    /// What the rule compares.
    pub(crate) kind: Kind,
    /// The most serious a finding of this rule can be; the size of the gap
    /// ranks it down (a near miss is a warning, different sources an info).
    pub(crate) severity: Severity,
    /// One line saying what a finding means.
    pub(crate) title: String,
    /// A longer explanation for `crosscheck rules explain`.
    #[serde(default)]
    pub(crate) description: Option<String>,
    /// Which claims the rule looks at.
    #[serde(default, rename = "match")]
    pub(crate) matcher: MatchDef,
    /// How claims are compared.
    #[serde(default)]
    pub(crate) compare: CompareDef,
    /// For `lint` rules: which check to run.
    #[serde(default)]
    pub(crate) check: Option<LintCheck>,
    /// For `quote` rules: when two quotes are one quotation, and how serious
    /// each kind of difference is.
    #[serde(default)]
    pub(crate) quote: Option<QuoteDef>,
    /// Cases that must fire and cases that must not, run by `crosscheck rules test`.
    #[serde(default)]
    pub(crate) tests: Vec<TestDef>,
}

/// Which claims a rule looks at. Every list is a set of alternatives.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatchDef {
    /// What is counted, as singular lemmas (`civilian`, `person`). Empty: anything.
    #[serde(default)]
    pub(crate) counted: Vec<String>,
    /// What happened, as the frame's canonical events (`killed`, `injured`,
    /// `killed or injured`, `detained`, `displaced`, `support`, ...). Empty: anything.
    #[serde(default)]
    pub(crate) event: Vec<String>,
    /// Counted nouns or events that exclude a claim.
    #[serde(default)]
    pub(crate) unless: Vec<String>,
    /// The unit: `count`, `percent`, `percentage-point`, `money` (any
    /// currency) or `money:EUR`, `date`, `duration:year`, `age`, `year`,
    /// `ordinal`, `measure:metre`. Empty: any (a date rule: `date`).
    #[serde(default)]
    pub(crate) unit: Option<String>,
}

/// How a figure rule compares claims.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompareDef {
    /// Slack beyond what the qualifiers themselves allow, as a percentage (`5%`).
    #[serde(default = "zero_percent")]
    pub(crate) tolerance: String,
    /// What "around" and "about" mean, as a percentage (`10%`).
    #[serde(default = "ten_percent")]
    pub(crate) approx: String,
    /// The measure only grows (a death toll): a later, higher figure is an
    /// update; a later, lower one is a discrepancy.
    #[serde(default)]
    pub(crate) cumulative: bool,
    /// `must-match`: figures with different places (`in Bucha`, `in Kyiv`)
    /// are different measures; `ignore`: places do not matter.
    #[serde(default)]
    pub(crate) scope: ScopeMode,
}

impl Default for CompareDef {
    fn default() -> Self {
        CompareDef {
            tolerance: zero_percent(),
            approx: ten_percent(),
            cumulative: false,
            scope: ScopeMode::MustMatch,
        }
    }
}

fn zero_percent() -> String {
    "0%".to_string()
}

fn ten_percent() -> String {
    "10%".to_string()
}

/// Whether places must match for figures to be compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ScopeMode {
    #[default]
    MustMatch,
    Ignore,
}

/// How a `quote` rule aligns and ranks quotations.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteDef {
    /// Share of the shorter quote that the words aligned with the other
    /// must cover for two quotes by one speaker to be one remark (`60%`).
    #[serde(default = "sixty_percent")]
    pub(crate) same_speaker: String,
    /// The same when a speaker is unknown, guessed or only described
    /// (`75%`).
    #[serde(default = "seventy_five_percent")]
    pub(crate) unknown_speaker: String,
    /// Share of the longer quote the aligned words must cover for the same
    /// words given to two people named by name to be a misattribution
    /// (`90%`).
    #[serde(default = "ninety_percent")]
    pub(crate) misattribution: String,
    /// Words the alignment must match at least when both quotes name one
    /// speaker; twice as many otherwise (`3`).
    #[serde(default = "three")]
    pub(crate) core: usize,
    /// The severity of each kind of difference.
    #[serde(default)]
    pub(crate) severity: QuoteSeverities,
}

fn sixty_percent() -> String {
    "60%".to_string()
}

fn seventy_five_percent() -> String {
    "75%".to_string()
}

fn ninety_percent() -> String {
    "90%".to_string()
}

fn three() -> usize {
    3
}

/// Severities of the kinds of difference between two versions of a quote.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteSeverities {
    /// A negation dropped or added inside the words of one remark.
    #[serde(default = "error")]
    pub(crate) negation: Severity,
    /// A number changed, dropped or added.
    #[serde(default = "error")]
    pub(crate) number: Severity,
    /// Content words replaced by others (`before` / `after`).
    #[serde(default = "warning")]
    pub(crate) word: Severity,
    /// Much of the quotation reworded (a translation).
    #[serde(default = "warning")]
    pub(crate) rewording: Severity,
    /// Words left out or added inside the quotation without an ellipsis.
    #[serde(default = "info")]
    pub(crate) omission: Severity,
    /// A word's form or spelling (`kill` / `killing`, `Hasakeh` / `Hasakah`).
    #[serde(default = "info")]
    pub(crate) form: Severity,
    /// The tense of reported speech (`is` / `was`).
    #[serde(default = "info")]
    pub(crate) tense: Severity,
    /// Function words only (`to` / `on`, a `that` added).
    #[serde(default = "info")]
    pub(crate) function: Severity,
    /// One version quotes more of the remark than another; not reported
    /// unless a severity is given.
    #[serde(default)]
    pub(crate) partial: Option<Severity>,
    /// The same words given to two people named by name.
    #[serde(default = "warning")]
    pub(crate) misattribution: Severity,
}

impl Default for QuoteSeverities {
    fn default() -> Self {
        QuoteSeverities {
            negation: Severity::Error,
            number: Severity::Error,
            word: Severity::Warning,
            rewording: Severity::Warning,
            omission: Severity::Info,
            form: Severity::Info,
            tense: Severity::Info,
            function: Severity::Info,
            partial: None,
            misattribution: Severity::Warning,
        }
    }
}

fn error() -> Severity {
    Severity::Error
}

fn warning() -> Severity {
    Severity::Warning
}

fn info() -> Severity {
    Severity::Info
}

/// The checks a `lint` rule can run on one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LintCheck {
    /// A quantifier with no number after it: `at least people were killed`.
    DanglingQuantifier,
    /// A weekday next to a date it does not fall on: `Tuesday, March 3, 2024`.
    WeekdayMismatch,
    /// Shares of one whole in one sentence adding up to more than 100 %.
    #[serde(rename = "shares-over-100")]
    SharesOver100,
}

/// A rule test: stories written inline, and what must (or must not) be found.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TestDef {
    /// What the case shows.
    pub(crate) name: String,
    /// The stories of one event.
    pub(crate) stories: Vec<TestStory>,
    /// Findings this rule must report; empty means it must report none.
    #[serde(default)]
    pub(crate) expect: Vec<Expectation>,
}

/// One story of a rule test.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TestStory {
    /// The outlet's name.
    pub(crate) outlet: String,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub(crate) published: Option<String>,
    /// The headline, if any.
    #[serde(default)]
    pub(crate) title: Option<String>,
    /// The story's text.
    pub(crate) text: String,
}

/// A finding a rule test expects.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expectation {
    /// The severity it must have.
    #[serde(default)]
    pub(crate) severity: Option<Severity>,
    /// Texts the finding must cite among its evidence (`"35"`, `"53 people"`).
    #[serde(default)]
    pub(crate) cites: Vec<String>,
}
