//! The link between the two ends of a range.
//!
//! ```text
//! range     = figure link figure
//! link      = SPACE* ( "-" | "–" | "—" | "~" ) SPACE*
//!           | SPACE ( "to" | "through" | "and" ) SPACE     (* "and" only after "between" *)
//!           | SPACE "or" SPACE                              (* "three or four": neighbours only *)
//! score     = figure "-" figure score-word                 (* "a 2-13 season": no range *)
//! ```
//!
//! The driver parses the two figures; this module only knows the link. A
//! range whose upper end is not above its lower end (`2-1`, `3-3`) is a
//! score or a label, not a range, and the driver drops it.

use super::{alpha_word_ci, is_space};

/// What opened the range to the left of the first figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    None,
    Between,
    From,
}

/// The link after the first figure; returns the text where the second starts.
pub fn link(i: &str, opener: Opener) -> Option<&str> {
    let t = i.trim_start_matches(is_space);
    for dash in ['-', '–', '—', '~'] {
        if let Some(r) = t.strip_prefix(dash) {
            // "15-18", "15 – 18"; but not "15 -18" (a list, a sign)
            let spaced_before = t.len() < i.len();
            let r2 = r.trim_start_matches(is_space);
            let spaced_after = r2.len() < r.len();
            if spaced_before != spaced_after {
                return None;
            }
            return Some(r2);
        }
    }
    if t.len() == i.len() {
        return None;
    }
    let (r, w) = alpha_word_ci(t)?;
    let ok = match w.as_str() {
        "to" | "through" | "thru" => true,
        "and" => opener == Opener::Between,
        "or" => opener == Opener::None,
        _ => false,
    };
    if !ok {
        return None;
    }
    let r2 = r.trim_start_matches(is_space);
    (r2.len() < r.len()).then_some(r2)
}

/// Words after `X-Y` that make it a score or a record, two figures of
/// their own: `a 2-13 season`, `a 7-0 run`, `a 60-46 lead`.
const SCORE_WORDS: &[&str] = &[
    "season",
    "record",
    "lead",
    "win",
    "victory",
    "defeat",
    "loss",
    "draw",
    "run",
    "score",
    "scoreline",
    "margin",
    "deficit",
    "advantage",
    "edge",
    "split",
    "tie",
    "decision",
    "vote",
    "verdict",
    "finish",
    "start",
    "mark",
    "rout",
    "thrashing",
    "triumph",
];

/// Whether the text after a dashed pair makes it a score or a record.
pub fn score_after(rest: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(alpha_word_ci)
        .is_some_and(|(_, w)| SCORE_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        assert_eq!(link("-18,000", Opener::None), Some("18,000"));
        assert_eq!(link(" – 18", Opener::None), Some("18"));
        assert_eq!(link(" to 18", Opener::None), Some("18"));
        assert_eq!(link(" and 18", Opener::Between), Some("18"));
        assert_eq!(link(" and 18", Opener::None), None);
        assert_eq!(link(" -18", Opener::None), None);
        assert_eq!(link(" people", Opener::None), None);
        assert_eq!(link(" or 4", Opener::None), Some("4"));
        assert_eq!(link(" or 4", Opener::Between), None);
        assert!(score_after(" season, the worst"));
        assert!(score_after(" lead at the break"));
        assert!(!score_after(" people"));
        assert!(!score_after(" seasons"));
    }
}
