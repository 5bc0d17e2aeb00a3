//! Durations and ages after a number.
//!
//! ```text
//! age      = ( "-" | SPACE ) "year" [ "s" ] ( "-" | SPACE ) "old"
//! duration = ( "-" | SPACE ) timeunit [ "s" ]
//! timeunit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade" | "century"
//! ```
//!
//! `28-second clip` and `15 years` are durations; `34-year-old` is an age;
//! `120-metre span` and `5 km` are measures. None is ever a count.
//!
//! ```text
//! measure  = ( "-" | SPACE ) measure-unit [ "s" ]
//! measure-unit = "metre" | "meter" | "km" | "kilometre" | "mile" | "foot" | "feet" | "kg"
//!          | "kilogram" | "tonne" | "ton" | "acre" | "hectare" | "storey" | "degree" | ...
//! ```

use super::alpha_word_ci;
use crate::extract::quantity::{TimeUnit, Unit};

/// The time units and their words: one table, asked by [`time_unit`] and
/// folded into the filter [`may_be_unit`].
const TIME_UNITS: &[(&str, TimeUnit)] = &[
    ("second", TimeUnit::Second),
    ("sec", TimeUnit::Second),
    ("minute", TimeUnit::Minute),
    ("min", TimeUnit::Minute),
    ("hour", TimeUnit::Hour),
    ("hr", TimeUnit::Hour),
    ("day", TimeUnit::Day),
    ("week", TimeUnit::Week),
    ("month", TimeUnit::Month),
    ("year", TimeUnit::Year),
    ("yr", TimeUnit::Year),
    ("decade", TimeUnit::Decade),
    ("century", TimeUnit::Century),
    ("centurie", TimeUnit::Century),
];

fn time_unit(w: &str) -> Option<TimeUnit> {
    let w = w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w);
    TIME_UNITS.iter().find(|(t, _)| *t == w).map(|(_, u)| *u)
}

/// Per first and last letter of a unit word (folded to five bits, so that
/// case does not matter), its lengths as bits: every word of [`MEASURES`]
/// and of [`TIME_UNITS`], and each time word with an `s`. Built with the
/// program from the tables the lookups read, so that no word they know
/// fails it.
static UNIT_ENDS: [[u32; 32]; 32] = {
    const fn mark(t: &mut [[u32; 32]; 32], w: &[u8], plural: bool) {
        let (last, len) = if plural {
            (b's', w.len() + 1)
        } else {
            (w[w.len() - 1], w.len())
        };
        t[(w[0] & 0x1f) as usize][(last & 0x1f) as usize] |= 1 << len;
    }
    let mut t = [[0u32; 32]; 32];
    let mut k = 0;
    while k < MEASURES.len() {
        mark(&mut t, MEASURES[k].0.as_bytes(), false);
        k += 1;
    }
    let mut k = 0;
    while k < TIME_UNITS.len() {
        mark(&mut t, TIME_UNITS[k].0.as_bytes(), false);
        mark(&mut t, TIME_UNITS[k].0.as_bytes(), true);
        k += 1;
    }
    t
};

/// Whether the ASCII letters `i` starts with may be a unit word, in any
/// case: one load from [`UNIT_ENDS`], before the word is lower-cased.
/// Every word [`measure_unit`] or [`time_unit`] knows passes it; most
/// words after a number (`people`, `the`) fail it.
#[inline]
pub(crate) fn may_be_unit(i: &str) -> bool {
    let b = i.as_bytes();
    let n = super::alpha_run(b);
    n > 0
        && n < 32
        && UNIT_ENDS[usize::from(b[0] & 0x1f)][usize::from(b[n - 1] & 0x1f)] >> n & 1 == 1
}

/// Measure words and the unit each names: one table, asked through a set
/// whose inlined filter on length and end letters turns most words away
/// before any lookup.
const MEASURES: &[(&str, &str)] = &[
    ("metre", "metre"),
    ("metres", "metre"),
    ("meter", "metre"),
    ("meters", "metre"),
    ("m", "metre"),
    ("km", "kilometre"),
    ("kilometre", "kilometre"),
    ("kilometres", "kilometre"),
    ("kilometer", "kilometre"),
    ("kilometers", "kilometre"),
    ("cm", "centimetre"),
    ("centimetre", "centimetre"),
    ("centimetres", "centimetre"),
    ("centimeter", "centimetre"),
    ("centimeters", "centimetre"),
    ("mm", "millimetre"),
    ("millimetre", "millimetre"),
    ("millimetres", "millimetre"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("foot", "foot"),
    ("feet", "foot"),
    ("ft", "foot"),
    ("inch", "inch"),
    ("inches", "inch"),
    ("yard", "yard"),
    ("yards", "yard"),
    ("kg", "kilogram"),
    ("kilo", "kilogram"),
    ("kilos", "kilogram"),
    ("kilogram", "kilogram"),
    ("kilograms", "kilogram"),
    ("kilogramme", "kilogram"),
    ("kilogrammes", "kilogram"),
    ("tonne", "tonne"),
    ("tonnes", "tonne"),
    ("ton", "tonne"),
    ("tons", "tonne"),
    ("lb", "pound-weight"),
    ("lbs", "pound-weight"),
    ("litre", "litre"),
    ("litres", "litre"),
    ("liter", "litre"),
    ("liters", "litre"),
    ("gallon", "gallon"),
    ("gallons", "gallon"),
    ("barrel", "barrel"),
    ("barrels", "barrel"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("hectare", "hectare"),
    ("hectares", "hectare"),
    ("ha", "hectare"),
    ("storey", "storey"),
    ("storeys", "storey"),
    ("story", "storey"),
    ("floor", "storey"),
    ("degree", "degree"),
    ("degrees", "degree"),
    ("mph", "speed"),
    ("kph", "speed"),
    ("kmh", "speed"),
    ("mw", "power"),
    ("gw", "power"),
    ("kw", "power"),
    ("megawatt", "power"),
    ("megawatts", "power"),
    ("gigawatt", "power"),
    ("gigawatts", "power"),
    ("magnitude", "magnitude"),
    ("gb", "gigabyte"),
    ("gigabyte", "gigabyte"),
    ("gigabytes", "gigabyte"),
    ("tb", "terabyte"),
    ("terabyte", "terabyte"),
    ("terabytes", "terabyte"),
    ("mb", "megabyte"),
    ("megabyte", "megabyte"),
    ("megabytes", "megabyte"),
    ("ghz", "gigahertz"),
    ("gigahertz", "gigahertz"),
    ("mhz", "megahertz"),
    ("megahertz", "megahertz"),
];

/// The measure unit a word names (as written: `Feet` names none).
fn measure_unit(w: &str) -> Option<&'static str> {
    static INDEX: std::sync::LazyLock<(
        crate::text::words::WordSet,
        rustc_hash::FxHashMap<&str, &str>,
    )> = std::sync::LazyLock::new(|| {
        let words: Vec<&'static str> = MEASURES.iter().map(|(w, _)| *w).collect();
        (
            crate::text::words::WordSet::new(&words),
            MEASURES.iter().copied().collect(),
        )
    });
    let (set, units) = &*INDEX;
    if !set.contains(w) {
        return None;
    }
    units.get(w).copied()
}

/// A measure unit word at the start of `i` (`tonne`, `barrels`), with the
/// rest after it.
pub fn measure_word(i: &str) -> Option<(&str, &'static str)> {
    let (r, w) = alpha_word_ci(i)?;
    measure_unit(&w).map(|m| (r, m))
}

/// A duration, age or measure unit after a number.
pub fn suffix(i: &str) -> Option<(&str, Unit)> {
    let attached = i.starts_with(|c: char| c.is_ascii_alphabetic());
    let t = if attached {
        i
    } else {
        i.strip_prefix(['-', ' '])?
    };
    // a word that is no unit is turned away before it is lower-cased
    if !may_be_unit(t) {
        return None;
    }
    let (r, w) = alpha_word_ci(t)?;
    if let Some(m) = measure_unit(&w) {
        // "10m" glued is a metre only when not money: the caller asks money first
        return Some((r, Unit::Measure(m)));
    }
    if attached {
        return None;
    }
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
    use proptest::strategy::Strategy as _;

    /// The table searched word by word: what [`measure_unit`] must agree with.
    fn measure_unit_plain(w: &str) -> Option<&'static str> {
        MEASURES.iter().find(|(m, _)| *m == w).map(|(_, u)| *u)
    }

    #[test]
    fn every_listed_measure_word_names_its_unit_once() {
        for (w, u) in MEASURES {
            assert_eq!(measure_unit(w), Some(*u), "{w}");
            assert_eq!(
                MEASURES.iter().filter(|(m, _)| m == w).count(),
                1,
                "{w} twice"
            );
        }
        assert_eq!(measure_unit("Feet"), None, "as written");
    }

    proptest::proptest! {
        #[test]
        fn the_measure_word_filter_agrees_with_the_table(w in proptest::prop_oneof![
            proptest::sample::select(MEASURES).prop_map(|(w, _)| w.to_string()),
            proptest::sample::select(MEASURES).prop_flat_map(|(w, _)| (proptest::strategy::Just(w), 0..w.len(), "[a-zA-Z]{0,2}"))
                .prop_map(|(w, cut, tail)| format!("{}{tail}", &w[..cut])),
            "[a-zA-Z]{1,16}",
            "\\PC{0,6}",
        ]) {
            proptest::prop_assert_eq!(measure_unit(&w), measure_unit_plain(&w));
        }
    }

    /// [`suffix`] as it was before [`may_be_unit`]: every word lower-cased
    /// and looked up.
    fn suffix_plain(i: &str) -> Option<(&str, Unit)> {
        let attached = i.starts_with(|c: char| c.is_ascii_alphabetic());
        let t = if attached {
            i
        } else {
            i.strip_prefix(['-', ' '])?
        };
        let (r, w) = alpha_word_ci(t)?;
        if let Some(m) = measure_unit(&w) {
            return Some((r, Unit::Measure(m)));
        }
        if attached {
            return None;
        }
        let tu = time_unit(&w)?;
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

    #[test]
    fn every_unit_word_passes_the_filter_in_any_case() {
        let words = MEASURES.iter().map(|(w, _)| (*w).to_string()).chain(
            TIME_UNITS
                .iter()
                .flat_map(|(w, _)| [(*w).to_string(), format!("{w}s")]),
        );
        for w in words {
            for v in [w.clone(), w.to_ascii_uppercase(), format!("{w}-old")] {
                assert!(may_be_unit(&v), "{v}");
            }
        }
        assert!(!may_be_unit("people"));
        assert!(!may_be_unit(""));
        assert!(!may_be_unit("5 days"));
    }

    proptest::proptest! {
        /// The filter changes nothing: the suffix read with it is the
        /// suffix read without it, for unit words in any case, cut or
        /// lengthened, and for other text.
        #[test]
        fn the_suffix_reads_as_without_the_filter(
            head in proptest::sample::select(vec!["", " ", "-", "  ", "'"]),
            w in proptest::prop_oneof![
                proptest::sample::select(MEASURES).prop_map(|(w, _)| w.to_string()),
                proptest::sample::select(TIME_UNITS).prop_map(|(w, _)| w.to_string()),
                proptest::sample::select(TIME_UNITS).prop_map(|(w, _)| format!("{w}s")),
                proptest::sample::select(TIME_UNITS).prop_flat_map(|(w, _)| (proptest::strategy::Just(w), 0..=w.len(), "[a-zA-Z]{0,2}"))
                    .prop_map(|(w, cut, tail)| format!("{}{tail}", &w[..cut])),
                "[a-zA-Z]{1,12}",
                "\\PC{0,6}",
            ],
            upper in proptest::collection::vec(proptest::bool::ANY, 12),
            tail in proptest::sample::select(vec!["", " old", "-old man", "s", "3", "é", " years", ".", "-"]),
        ) {
            let w: String = w.chars().zip(upper.iter().cycle()).map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c }).collect();
            let i = format!("{head}{w}{tail}");
            proptest::prop_assert_eq!(suffix(&i), suffix_plain(&i));
        }
    }

    #[test]
    fn forms() {
        assert_eq!(
            suffix("-second clip"),
            Some((" clip", Unit::Duration(TimeUnit::Second)))
        );
        assert_eq!(
            suffix(" years for"),
            Some((" for", Unit::Duration(TimeUnit::Year)))
        );
        assert_eq!(suffix("-year-old man"), Some((" man", Unit::Age)));
        assert_eq!(suffix(" years old."), Some((".", Unit::Age)));
        assert_eq!(
            suffix(" months"),
            Some(("", Unit::Duration(TimeUnit::Month)))
        );
        assert_eq!(suffix(" people"), None);
        assert_eq!(suffix(" dayside"), None);
        assert_eq!(
            suffix("-metre span"),
            Some((" span", Unit::Measure("metre")))
        );
        assert_eq!(
            suffix("km away"),
            Some((" away", Unit::Measure("kilometre")))
        );
        assert_eq!(suffix(" tonnes of"), Some((" of", Unit::Measure("tonne"))));
    }
}
