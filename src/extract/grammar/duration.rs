//! Durations and ages after a number.
//!
//! ```text
//! age      = ( "-" | SPACE ) "year" [ "s" ] ( "-" | SPACE ) "old"
//! duration = ( "-" | SPACE ) timeunit [ "s" ]
//! timeunit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade" | "century"
//! ```
//!
//! `28-second clip` and `15 years` are durations; `34-year-old` is an age.
//! Neither is ever a count.

use super::alpha_word_ci;
use crate::extract::quantity::{TimeUnit, Unit};

fn time_unit(w: &str) -> Option<TimeUnit> {
    let w = w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w);
    Some(match w {
        "second" | "sec" => TimeUnit::Second,
        "minute" | "min" => TimeUnit::Minute,
        "hour" | "hr" => TimeUnit::Hour,
        "day" => TimeUnit::Day,
        "week" => TimeUnit::Week,
        "month" => TimeUnit::Month,
        "year" | "yr" => TimeUnit::Year,
        "decade" => TimeUnit::Decade,
        "century" | "centurie" => TimeUnit::Century,
        _ => return None,
    })
}

/// A duration or age unit after a number.
pub fn suffix(i: &str) -> Option<(&str, Unit)> {
    let t = i.strip_prefix(['-', ' '])?;
    let (r, w) = alpha_word_ci(t)?;
    let tu = time_unit(&w)?;
    // "34-year-old", "34 years old"
    if tu == TimeUnit::Year {
        if let Some(r2) = r.strip_prefix(['-', ' ']) {
            if let Some((r3, w2)) = alpha_word_ci(r2) {
                if w2 == "old" {
                    return Some((r3, Unit::Age));
                }
            }
        }
    }
    Some((r, Unit::Duration(tu)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(suffix("-second clip"), Some((" clip", Unit::Duration(TimeUnit::Second))));
        assert_eq!(suffix(" years for"), Some((" for", Unit::Duration(TimeUnit::Year))));
        assert_eq!(suffix("-year-old man"), Some((" man", Unit::Age)));
        assert_eq!(suffix(" years old."), Some((".", Unit::Age)));
        assert_eq!(suffix(" months"), Some(("", Unit::Duration(TimeUnit::Month))));
        assert_eq!(suffix(" people"), None);
        assert_eq!(suffix(" dayside"), None);
    }
}
