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

/// Every word [`measure_unit_match`] knows, as a set whose inlined filter on
/// length and end letters turns most words away before any string
/// comparison (the `match` compares a word with each entry of its length).
const MEASURE_WORDS: &[&str] = &[
    "metre",
    "metres",
    "meter",
    "meters",
    "m",
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "cm",
    "centimetre",
    "centimetres",
    "centimeter",
    "centimeters",
    "mm",
    "millimetre",
    "millimetres",
    "mile",
    "miles",
    "foot",
    "feet",
    "ft",
    "inch",
    "inches",
    "yard",
    "yards",
    "kg",
    "kilo",
    "kilos",
    "kilogram",
    "kilograms",
    "kilogramme",
    "kilogrammes",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "lb",
    "lbs",
    "litre",
    "litres",
    "liter",
    "liters",
    "gallon",
    "gallons",
    "barrel",
    "barrels",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "ha",
    "storey",
    "storeys",
    "story",
    "floor",
    "degree",
    "degrees",
    "mph",
    "kph",
    "kmh",
    "mw",
    "gw",
    "kw",
    "megawatt",
    "megawatts",
    "gigawatt",
    "gigawatts",
    "magnitude",
    "gb",
    "gigabyte",
    "gigabytes",
    "tb",
    "terabyte",
    "terabytes",
    "mb",
    "megabyte",
    "megabytes",
    "ghz",
    "gigahertz",
    "mhz",
    "megahertz",
];

/// The measure unit a word names: [`measure_unit_match`] behind a [`MEASURE_WORDS`] check.
fn measure_unit(w: &str) -> Option<&'static str> {
    if !crate::word_set!(MEASURE_WORDS).contains(w) {
        return None;
    }
    measure_unit_match(w)
}

fn measure_unit_match(w: &str) -> Option<&'static str> {
    Some(match w {
        "metre" | "metres" | "meter" | "meters" | "m" => "metre",
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "kilometre",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "centimetre",
        "mm" | "millimetre" | "millimetres" => "millimetre",
        "mile" | "miles" => "mile",
        "foot" | "feet" | "ft" => "foot",
        "inch" | "inches" => "inch",
        "yard" | "yards" => "yard",
        "kg" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => {
            "kilogram"
        }
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "lb" | "lbs" => "pound-weight",
        "litre" | "litres" | "liter" | "liters" => "litre",
        "gallon" | "gallons" => "gallon",
        "barrel" | "barrels" => "barrel",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "hectare",
        "storey" | "storeys" | "story" | "floor" => "storey",
        "degree" | "degrees" => "degree",
        "mph" | "kph" | "kmh" => "speed",
        "mw" | "gw" | "kw" | "megawatt" | "megawatts" | "gigawatt" | "gigawatts" => "power",
        "magnitude" => "magnitude",
        "gb" | "gigabyte" | "gigabytes" => "gigabyte",
        "tb" | "terabyte" | "terabytes" => "terabyte",
        "mb" | "megabyte" | "megabytes" => "megabyte",
        "ghz" | "gigahertz" => "gigahertz",
        "mhz" | "megahertz" => "megahertz",
        _ => return None,
    })
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

    #[test]
    fn every_listed_measure_word_is_matched() {
        for w in MEASURE_WORDS {
            assert!(measure_unit_match(w).is_some(), "{w}");
            assert_eq!(measure_unit(w), measure_unit_match(w), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_measure_word_filter_agrees_with_the_match(w in proptest::prop_oneof![
            proptest::sample::select(MEASURE_WORDS).prop_map(str::to_string),
            proptest::sample::select(MEASURE_WORDS).prop_flat_map(|w| (proptest::strategy::Just(w), 0..w.len(), "[a-zA-Z]{0,2}"))
                .prop_map(|(w, cut, tail)| format!("{}{tail}", &w[..cut])),
            "[a-zA-Z]{1,16}",
            "\\PC{0,6}",
        ]) {
            proptest::prop_assert_eq!(measure_unit(&w), measure_unit_match(&w));
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
