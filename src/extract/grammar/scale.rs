//! Scale suffixes after digits.
//!
//! ```text
//! suffix = [ SPACE ] ( "k" | "K" | "M" | "MM" | "mn" | "mln" | "mil" | "bn" | "b" | "bln" | "B"
//!                    | "tn" | "tln" | "trn" )        (* then a word boundary *)
//!        | "m"                                       (* only when money: see `money` *)
//! ```
//!
//! Lower-case `m` alone is a metre as often as a million (`10m wall`), so it
//! scales only inside a money amount (`£30m`), which [`super::money`] asks
//! for with [`suffix_money`]. Scale *words* (`1.5 million`) are handled by
//! [`super::cardinal`].

use super::boundary_after;

fn table(s: &str, money: bool) -> Option<f64> {
    Some(match s {
        "k" | "K" => 1e3,
        "M" | "MM" | "mn" | "Mn" | "mln" | "mil" => 1e6,
        "m" if money => 1e6,
        "bn" | "Bn" | "BN" | "b" | "B" | "bln" => 1e9,
        "tn" | "Tn" | "tln" | "trn" => 1e12,
        _ => return None,
    })
}

fn parse(i: &str, money: bool) -> Option<(&str, f64)> {
    let attached = i.starts_with(|c: char| c.is_ascii_alphabetic());
    let t = if attached { i } else { i.strip_prefix(' ')? };
    let n = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n == 0 || n > 3 {
        return None;
    }
    let rest = &t[n..];
    if !boundary_after(rest) {
        return None;
    }
    // a detached single letter is too ambiguous ("10 m", "5 b"), except k
    if !attached && n == 1 && !matches!(&t[..1], "k" | "K") {
        return None;
    }
    table(&t[..n], money).map(|s| (rest, s))
}

/// A scale suffix right after digits: `3k`, `1.2bn`, `10M`, `2mil`.
pub fn suffix(i: &str) -> Option<(&str, f64)> {
    parse(i, false)
}

/// The same inside a money amount, where `m` means million: `£30m`.
pub fn suffix_money(i: &str) -> Option<(&str, f64)> {
    parse(i, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_suffixes() {
        assert_eq!(suffix("k people"), Some((" people", 1e3)));
        assert_eq!(suffix("bn."), Some((".", 1e9)));
        assert_eq!(suffix("M."), Some((".", 1e6)));
        assert_eq!(suffix("m wall"), None);
        assert_eq!(suffix_money("m."), Some((".", 1e6)));
        assert_eq!(suffix("km"), None);
        assert_eq!(suffix(" people"), None);
        assert_eq!(suffix("G"), None);
    }
}
