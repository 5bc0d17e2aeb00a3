//! Date rules: the event dated differently between outlets (`March 3`
//! against `March 4`).
//!
//! A date rule measures the claims whose unit is a date the grammar could
//! resolve (formats normalised, weekdays resolved against the story's
//! publication date), and compares them as figure rules compare figures
//! ([`super::figure`]): each date is an interval of days, two stories
//! disagree when none of their dates meet, and the odd one out is blamed.
//! What differs: a different day is always the reason, and stories days
//! apart are compared all the same (an event keeps its date).

use super::figure::{On, measure};
use super::{FigureRule, Finding, Kind, Measure, Rule};
use crate::Analysis;
use crate::extract::frame::Claim;
use crate::extract::quantity::Unit;

/// Compare the dates of a date rule.
pub(super) fn compare_rule(
    analyses: &[Analysis],
    on: On<'_>,
    rule: &Rule,
    how: &FigureRule,
    event: &str,
) -> (Option<Measure>, Vec<Finding>) {
    let takes = |c: &Claim| c.quantity.unit == Unit::Date && c.quantity.date.is_some();
    measure(analyses, on, rule, how, Kind::Date, takes, event)
}
