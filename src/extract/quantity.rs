//! What a figure means: an interval, a unit and the qualifier that made it.
//!
//! Every surface form ends here. `at least 2,000` is `[2000, ∞)`, `around
//! 2,100` is `[1890, 2310]` with the default approximation, `dozens` is
//! `[24, 99]`. Rules compare intervals, never strings.

use serde::Serialize;
use std::fmt;

/// How the text bounds a figure. The names are the JSON contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Exact,
    Approx,
    ApproxBelow,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Range,
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::ApproxBelow => "approx-below",
            Qualifier::AtLeast => "at-least",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtMost => "at-most",
            Qualifier::LessThan => "less-than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a figure states a level or a change of one. News states both
/// side by side: `shares rose 4.1% to 212p` is a rise of 4.1 % and a level
/// of 212p. The names are the JSON contract's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// What something is (`rose to 5%`, `212p`): the default.
    Level,
    /// By how much it went up (`rose 5%`, `up 23 cents`, `grew by $12.4bn`).
    Up,
    /// By how much it went down (`fell 3.9 percent`, `down 1.2 per cent`).
    Down,
    /// Both ends of a change (`fell from $61,200 to $58,900`), as stated:
    /// each of the two figures carries the pair.
    FromTo { from: f64, to: f64 },
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Level => "level",
            Change::Up => "up",
            Change::Down => "down",
            Change::FromTo { .. } => "from-to",
        }
    }

    /// Whether two figures state the same kind of thing: a change compares
    /// only with a change of the same direction, a level only with a level.
    /// Both ends of a change compare with both ends.
    pub fn comparable(self, other: Change) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

/// Units of time for durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl TimeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
            TimeUnit::Decade => "decade",
            TimeUnit::Century => "century",
        }
    }
}

/// What a figure measures. Serialised as `count`, `percent`, `money:USD`,
/// `duration:year`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Count,
    Percent,
    /// Percentage points: a difference between two percentages.
    PercentPoint,
    /// ISO 4217 code (or `XBT` for bitcoin).
    Money(&'static str),
    /// A calendar date; the interval holds days since 1970-01-01.
    Date,
    Duration(TimeUnit),
    Age,
    Year,
    Ordinal,
    /// Lengths, weights, areas and the like (`metre`, `tonne`): never counts.
    Measure(&'static str),
    /// A number used as a name or code: the parts of a phone number or IP
    /// address, `F-35`, `Section 427`. Never a figure of anything.
    Label,
}

impl Unit {
    /// The unit's name in two parts, `money` and `EUR` for `money:EUR`:
    /// what [`fmt::Display`] writes and [`Unit::is_named`] compares.
    fn parts(&self) -> (&'static str, Option<&'static str>) {
        match self {
            Unit::Count => ("count", None),
            Unit::Percent => ("percent", None),
            Unit::PercentPoint => ("percentage-point", None),
            Unit::Money(code) => ("money", Some(code)),
            Unit::Date => ("date", None),
            Unit::Duration(t) => ("duration", Some(t.as_str())),
            Unit::Age => ("age", None),
            Unit::Year => ("year", None),
            Unit::Ordinal => ("ordinal", None),
            Unit::Measure(m) => ("measure", Some(m)),
            Unit::Label => ("label", None),
        }
    }

    /// Whether this unit is written `name`, without building the string.
    pub fn is_named(&self, name: &str) -> bool {
        match self.parts() {
            (kind, None) => name == kind,
            (kind, Some(detail)) => name
                .strip_prefix(kind)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|r| r == detail),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parts() {
            (kind, None) => f.write_str(kind),
            (kind, Some(detail)) => write!(f, "{kind}:{detail}"),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A normalised figure: `[low, high]` with open or closed ends; `high` is
/// `None` when unbounded above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: Option<f64>,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
}

impl Interval {
    pub fn exact(v: f64) -> Self {
        Interval {
            low: v,
            high: Some(v),
            low_inclusive: true,
            high_inclusive: true,
        }
    }

    pub fn closed(low: f64, high: f64) -> Self {
        Interval {
            low,
            high: Some(high),
            low_inclusive: true,
            high_inclusive: true,
        }
    }

    /// Whether two intervals share at least one point.
    pub fn intersects(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| match a.high {
            // a lies wholly below b
            Some(h) => h < b.low || (h == b.low && !(a.high_inclusive && b.low_inclusive)),
            None => false,
        };
        !below(self, other) && !below(other, self)
    }

    /// The point value when the interval is a single point.
    pub fn point(&self) -> Option<f64> {
        (self.high == Some(self.low)).then_some(self.low)
    }
}

/// Default meaning of "around", "about", ...: ±10 %.
pub const DEFAULT_APPROX: f64 = 0.10;

/// Build the interval a qualifier gives a value `v` (or a range `v..=w`).
pub fn interval_for(qualifier: Qualifier, v: f64, w: f64, approx: f64) -> Interval {
    let (lo, hi) = if v <= w { (v, w) } else { (w, v) };
    let spread = |x: f64| (x * approx).abs();
    match qualifier {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => Interval::closed(lo, hi),
        Qualifier::Approx => Interval::closed(lo - spread(lo), hi + spread(hi)),
        Qualifier::ApproxBelow => Interval::closed(hi - spread(hi), hi),
        Qualifier::AtLeast => Interval {
            low: lo,
            high: None,
            low_inclusive: true,
            high_inclusive: false,
        },
        Qualifier::MoreThan => Interval {
            low: lo,
            high: None,
            low_inclusive: false,
            high_inclusive: false,
        },
        Qualifier::AtMost => Interval {
            low: 0f64.min(hi),
            high: Some(hi),
            low_inclusive: true,
            high_inclusive: true,
        },
        Qualifier::LessThan => Interval {
            low: 0f64.min(hi),
            high: Some(hi),
            low_inclusive: true,
            high_inclusive: false,
        },
    }
}

/// A figure as the text states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub unit: Unit,
    /// The smallest step the text can express: 1 for `52`, 0.1 for `52.3`,
    /// 100,000 for `2.1 million`. Rules use it for rounding.
    pub precision: f64,
    /// ISO date (`2022-02-24`) for `Unit::Date`.
    pub date: Option<jiff::civil::Date>,
    /// The date has no year in the text; the year came from the story.
    pub year_inferred: bool,
    /// A level (the default) or a change up, down or from one level to another.
    pub change: Change,
}

impl Quantity {
    pub fn new(qualifier: Qualifier, unit: Unit, v: f64, w: f64, precision: f64) -> Self {
        let upper_bounded_share = matches!(unit, Unit::Percent)
            && matches!(qualifier, Qualifier::MoreThan | Qualifier::AtLeast);
        let mut interval = interval_for(qualifier, v, w, DEFAULT_APPROX);
        if upper_bounded_share && v < 100.0 {
            // "well above fifty percent" is (50, 100]: a share has a ceiling.
            interval.high = Some(100.0);
            interval.high_inclusive = true;
        }
        Quantity {
            interval,
            qualifier,
            unit,
            precision,
            date: None,
            year_inferred: false,
            change: Change::Level,
        }
    }

    pub fn exact(unit: Unit, v: f64) -> Self {
        Quantity::new(Qualifier::Exact, unit, v, v, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_become_the_design_intervals() {
        let at_least = interval_for(Qualifier::AtLeast, 2000.0, 2000.0, 0.1);
        assert_eq!((at_least.low, at_least.high), (2000.0, None));
        assert!(at_least.low_inclusive);
        let more = interval_for(Qualifier::MoreThan, 500.0, 500.0, 0.1);
        assert!(!more.low_inclusive);
        let approx = interval_for(Qualifier::Approx, 2100.0, 2100.0, 0.1);
        assert_eq!((approx.low, approx.high), (1890.0, Some(2310.0)));
        let nearly = interval_for(Qualifier::ApproxBelow, 1300.0, 1300.0, 0.1);
        assert_eq!((nearly.low, nearly.high), (1170.0, Some(1300.0)));
        let up_to = interval_for(Qualifier::AtMost, 15000.0, 15000.0, 0.1);
        assert_eq!((up_to.low, up_to.high), (0.0, Some(15000.0)));
        let fewer = interval_for(Qualifier::LessThan, 20.0, 20.0, 0.1);
        assert!(!fewer.high_inclusive);
    }

    #[test]
    fn at_least_2000_agrees_with_2104_and_more_than_500_excludes_500() {
        let at_least = interval_for(Qualifier::AtLeast, 2000.0, 2000.0, 0.1);
        assert!(at_least.intersects(&Interval::exact(2104.0)));
        assert!(!at_least.intersects(&Interval::exact(1999.0)));
        let more = interval_for(Qualifier::MoreThan, 500.0, 500.0, 0.1);
        assert!(!more.intersects(&Interval::exact(500.0)));
        assert!(more.intersects(&Interval::exact(501.0)));
    }

    #[test]
    fn shares_above_a_figure_stop_at_one_hundred_percent() {
        let q = Quantity::new(Qualifier::MoreThan, Unit::Percent, 50.0, 50.0, 1.0);
        assert_eq!(q.interval.high, Some(100.0));
        assert!(!q.interval.low_inclusive);
    }

    #[test]
    fn a_unit_is_named_exactly_as_it_is_written() {
        let units = [
            Unit::Count,
            Unit::Percent,
            Unit::PercentPoint,
            Unit::Money("EUR"),
            Unit::Date,
            Unit::Duration(TimeUnit::Year),
            Unit::Duration(TimeUnit::Second),
            Unit::Age,
            Unit::Year,
            Unit::Ordinal,
            Unit::Measure("tonne"),
            Unit::Label,
        ];
        for u in units {
            let name = u.to_string();
            assert!(u.is_named(&name), "{name}");
            assert!(!u.is_named(&name[..name.len() - 1]), "{name} shortened");
            assert!(!u.is_named(&format!("{name}s")), "{name} lengthened");
        }
        assert!(!Unit::Money("EUR").is_named("money:USD"));
        assert!(!Unit::Count.is_named("percent"));
    }
}
