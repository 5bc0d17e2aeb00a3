//! Percentages and percentage points after a number.
//!
//! ```text
//! percent = [ SPACE ] "%"
//!         | "pc"                                  (* glued, British house style: "up 7pc" *)
//!         | SPACE ( "percent" | "percents" | "per" SPACE "cent" | "pct" | "percentage" )
//! points  = SPACE ( "percentage" | "percent" ) SPACE ( "point" | "points" )
//! ```

use super::{alpha_word_ci, is_space};
use crate::extract::quantity::Unit;

/// A percent sign or word after a number; returns the rest and the unit.
pub fn suffix(i: &str) -> Option<(&str, Unit)> {
    let t = i.trim_start_matches(is_space);
    if let Some(r) = t.strip_prefix('%').or_else(|| t.strip_prefix('\u{ff05}')) {
        return Some((r, Unit::Percent));
    }
    if t.len() == i.len() {
        // "7pc", "a 15pc stake"; words need a space before them
        return i
            .strip_prefix("pc")
            .filter(|r| super::boundary_after(r))
            .map(|r| (r, Unit::Percent));
    }
    let r = word(t)?;
    // "percentage points", "percent points"
    if let Some(after) = r.strip_prefix(' ') {
        if let Some((r2, w2)) = alpha_word_ci(after) {
            if w2 == "point" || w2 == "points" {
                return Some((r2, Unit::PercentPoint));
            }
        }
    }
    Some((r, Unit::Percent))
}

/// A percent word at the start of `i` (`percent`, `per cent`, `pct`,
/// `percentage`); the rest after it.
pub fn word(i: &str) -> Option<&str> {
    let (r, w) = alpha_word_ci(i)?;
    match w.as_str() {
        "percent" | "percents" | "pct" | "percentage" | "percentages" => Some(r),
        "per" => {
            let (r2, w2) = alpha_word_ci(r.strip_prefix(' ')?)?;
            (w2 == "cent").then_some(r2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(suffix("% of"), Some((" of", Unit::Percent)));
        assert_eq!(suffix(" %"), Some(("", Unit::Percent)));
        assert_eq!(suffix(" percent."), Some((".", Unit::Percent)));
        assert_eq!(suffix(" per cent"), Some(("", Unit::Percent)));
        assert_eq!(suffix(" Percent"), Some(("", Unit::Percent)));
        assert_eq!(suffix(" percentage points"), Some(("", Unit::PercentPoint)));
        assert_eq!(suffix(" per capita"), None);
        assert_eq!(suffix("percent"), None);
        assert_eq!(suffix("pc stake"), Some((" stake", Unit::Percent)));
        assert_eq!(suffix("pc."), Some((".", Unit::Percent)));
        assert_eq!(suffix("pcs"), None);
        assert_eq!(suffix(" pc"), None);
    }
}
