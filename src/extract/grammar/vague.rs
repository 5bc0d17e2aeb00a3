//! Vague plural quantities.
//!
//! ```text
//! vague = [ ( "tens" | "hundreds" ) SPACE "of" SPACE ] big
//!       | "dozens" | "scores"
//!       | ( "several" | "a few" ) SPACE ( "dozen" | "hundred" | "thousand" | "million" | "billion" )
//! big   = "hundreds" | "thousands" | "millions" | "billions"
//! ```
//!
//! `several dozen` and `a few hundred` mean what `dozens` and `hundreds`
//! mean: the word before the singular makes it vague ([`several`]).
//!
//! | text | interval |
//! |---|---|
//! | dozens | [24, 99] |
//! | scores | [40, 99] |
//! | hundreds | [200, 999] |
//! | thousands | [2000, 9999] |
//! | tens of thousands | [20000, 99999] |
//! | hundreds of thousands | [200000, 999999] |
//! | millions | [2·10⁶, ∞) |
//! | tens of millions | [2·10⁷, 10⁸) |
//! | billions | [2·10⁹, ∞) |

use super::alpha_word_ci;

/// A vague quantity: the rest, the low end and the high end (`None` when
/// unbounded).
pub fn vague(i: &str) -> Option<(&str, f64, Option<f64>)> {
    // every vague word ends in an s: the last letter first, nothing
    // lower-cased
    if !last_letter_in(i, b"sS") {
        return None;
    }
    let (r, w) = alpha_word_ci(i)?;
    let scale = |w: &str| match w {
        "hundreds" => Some(1e2),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    };
    let bounds = |s: f64| {
        let high = if s >= 1e6 { None } else { Some(s * 10.0 - 1.0) };
        (2.0 * s, high)
    };
    match w.as_str() {
        "dozens" => return Some((r, 24.0, Some(99.0))),
        "scores" => return Some((r, 40.0, Some(99.0))),
        "tens" | "hundreds" => {
            // "tens of thousands", "hundreds of millions"
            let mult = if w == "tens" { 10.0 } else { 100.0 };
            if let Some(after) = r.strip_prefix(" of ") {
                if let Some((r2, w2)) = alpha_word_ci(after) {
                    if let Some(s) = scale(&w2).filter(|&s| s >= 1e3) {
                        let base = s * mult;
                        return Some((r2, 2.0 * base, Some(base * 10.0 - 1.0)));
                    }
                }
            }
        }
        _ => {}
    }
    let s = scale(&w)?;
    let (lo, hi) = bounds(s);
    Some((r, lo, hi))
}

/// Words before a singular scale word that make it vague: `several dozen`.
/// Whether the run of ASCII letters `i` starts with ends in one of `last`.
fn last_letter_in(i: &str, last: &[u8]) -> bool {
    let n = super::alpha_run(i.as_bytes());
    n > 0 && last.contains(&i.as_bytes()[n - 1])
}

pub fn vague_before(w: &str) -> bool {
    matches!(super::Lower::new(w).as_str(), "several" | "few")
}

/// The singular scale word after `several` or `a few`, with the interval
/// of its plural: `dozen` is `dozens`, [24, 99].
pub fn several(i: &str) -> Option<(&str, f64, Option<f64>)> {
    // every scale word here ends in an n or a d
    if !last_letter_in(i, b"nNdD") {
        return None;
    }
    let (r, w) = alpha_word_ci(i)?;
    let plural = match w.as_str() {
        "dozen" => "dozens",
        "hundred" => "hundreds",
        "thousand" => "thousands",
        "million" => "millions",
        "billion" => "billions",
        _ => return None,
    };
    let (_, lo, hi) = vague(plural)?;
    Some((r, lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        assert_eq!(vague("dozens of"), Some((" of", 24.0, Some(99.0))));
        assert_eq!(vague("hundreds more"), Some((" more", 200.0, Some(999.0))));
        assert_eq!(vague("Thousands"), Some(("", 2000.0, Some(9999.0))));
        assert_eq!(
            vague("tens of thousands of"),
            Some((" of", 20000.0, Some(99999.0)))
        );
        assert_eq!(
            vague("hundreds of thousands"),
            Some(("", 200_000.0, Some(999_999.0)))
        );
        assert_eq!(
            vague("millions of Russians"),
            Some((" of Russians", 2e6, None))
        );
        assert_eq!(vague("tens"), None);
        assert_eq!(vague("hundred"), None);
    }
}
