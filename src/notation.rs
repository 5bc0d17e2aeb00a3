//! How a figure is written for people: `53`, `2.5`, `[35, ∞)`,
//! `(70, 100]`, `2024-03-03`, without binary noise. One notation for every
//! report, and for the features auto-grouping names events by, so it sits
//! below both.

use crate::extract::quantity::Quantity;

/// Round away binary noise (`1893.6000000000001`) so output is stable.
pub(crate) fn clean(x: f64) -> f64 {
    if x.abs() >= 1e15 {
        return x;
    }
    (x * 1e6).round() / 1e6
}

/// A number for people: `10`, `2.5`, without binary noise.
pub(crate) fn interval_number(x: f64) -> String {
    let x = clean(x);
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A figure's meaning in short notation, for people: `53`, `[35, ∞)`,
/// `(70, 100]`, `2024-03-03`. One formatter for every human format.
pub(crate) fn interval_text(q: &Quantity) -> String {
    if let Some(d) = q.date {
        return d.to_string();
    }
    let num = interval_number;
    let iv = q.interval;
    match iv.high {
        Some(h) if h == iv.low => num(h),
        high => format!(
            "{}{}, {}{}",
            if iv.low_inclusive { '[' } else { '(' },
            num(iv.low),
            high.map_or_else(|| "∞".to_string(), num),
            if iv.high_inclusive { ']' } else { ')' }
        ),
    }
}
