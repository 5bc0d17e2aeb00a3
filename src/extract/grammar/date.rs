//! Calendar dates and weekdays.
//!
//! ```text
//! date      = month SPACE day [ "," ] [ SPACE year ]        (* Feb. 24, February 24, 2022 *)
//!           | day [ ordsuffix ] SPACE [ "of" SPACE ] month [ [","] SPACE year ]   (* 24 February *)
//!           | year "-" mm "-" dd                            (* 2022-02-24 *)
//!           | mm "/" dd "/" year                            (* 5/17/2018 *)
//!           | month SPACE year                              (* March 2022: the whole month *)
//!           | weekday                                       (* resolved against `published` *)
//! month     = "January" | "Jan" [ "." ] | ... | "Sept" [ "." ] | ...   (* capitalised *)
//! weekday   = "Monday" | ... | "Sunday"                                 (* capitalised *)
//! ordsuffix = "st" | "nd" | "rd" | "th"
//! ```
//!
//! Parse first, resolve later: the parser returns a [`DateRef`]; [`resolve`]
//! turns it into days using the story's publication date.

use jiff::civil::{Date, Weekday};

/// A date as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRef {
    /// A day of a month, with the year if the text gives it.
    Day {
        year: Option<i16>,
        month: i8,
        day: i8,
    },
    /// A whole month.
    Month { year: Option<i16>, month: i8 },
    /// A weekday: the latest one on or before publication, or after it when
    /// the text says `next`.
    Weekday { weekday: Weekday, next: bool },
}

fn month_name(w: &str) -> Option<i8> {
    // asked of every capitalised word that may start a figure: the length
    // and the capital first, then the word lower-cased on the stack
    let l = lower_name(w)?;
    Some(match &l.0[..l.1] {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// A capitalised word of three to nine bytes (the lengths of the names of
/// months and weekdays), ASCII-lower-cased on the stack with its length.
#[inline]
fn lower_name(w: &str) -> Option<([u8; 9], usize)> {
    let b = w.as_bytes();
    if !(3..=9).contains(&b.len()) || !b[0].is_ascii_uppercase() {
        return None;
    }
    let mut l = [0u8; 9];
    for (d, c) in l.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    Some((l, b.len()))
}

/// A capitalised weekday name.
pub fn weekday_name(w: &str) -> Option<Weekday> {
    let l = lower_name(w)?;
    Some(match &l.0[..l.1] {
        b"monday" => Weekday::Monday,
        b"tuesday" => Weekday::Tuesday,
        b"wednesday" => Weekday::Wednesday,
        b"thursday" => Weekday::Thursday,
        b"friday" => Weekday::Friday,
        b"saturday" => Weekday::Saturday,
        b"sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn word(i: &str) -> Option<(&str, &str)> {
    let n = i.bytes().take_while(u8::is_ascii_alphabetic).count();
    (n > 0).then(|| (&i[n..], &i[..n]))
}

fn number(i: &str, min: usize, max: usize) -> Option<(&str, u32)> {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((&i[n..], i[..n].parse().ok()?))
}

fn day_number(i: &str) -> Option<(&str, i8)> {
    let (mut r, d) = number(i, 1, 2)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    for suf in ["st", "nd", "rd", "th"] {
        if let Some(r2) = r.strip_prefix(suf) {
            r = r2;
            break;
        }
    }
    if r.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((r, d as i8))
}

fn year_after(i: &str) -> Option<(&str, i16)> {
    let t = i.strip_prefix(", ").or_else(|| i.strip_prefix(' '))?;
    let (r, y) = number(t, 4, 4)?;
    if r.starts_with(|c: char| c.is_alphanumeric()) || !(1000..=2999).contains(&y) {
        return None;
    }
    Some((r, y as i16))
}

fn valid(year: Option<i16>, month: i8, day: i8) -> bool {
    Date::new(year.unwrap_or(2024), month, day).is_ok()
}

/// A date starting with a month name: `Feb. 24`, `February 24, 2022`, `March 2022`.
pub fn month_first(i: &str) -> Option<(&str, DateRef)> {
    // the capital first: most words that may start a figure have none
    if !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let (r, w) = word(i)?;
    let month = month_name(w)?;
    let r = if w.len() <= 4 {
        r.strip_prefix('.').unwrap_or(r)
    } else {
        r
    };
    let t = r.strip_prefix(' ')?;
    if let Some((r2, day)) = day_number(t) {
        let (r3, year) = match year_after(r2) {
            Some((r3, y)) => (r3, Some(y)),
            None => (r2, None),
        };
        return valid(year, month, day).then_some((r3, DateRef::Day { year, month, day }));
    }
    let (r2, y) = number(t, 4, 4)?;
    if r2.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((
        r2,
        DateRef::Month {
            year: Some(y as i16),
            month,
        },
    ))
}

/// A date starting with the day: `24 February`, `24th of February 2022`.
pub fn day_first(i: &str) -> Option<(&str, DateRef)> {
    // the cheap test first: one or two digits, then a space before a
    // capital or `of`, or an ordinal suffix; most numbers are none
    let b = i.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let spaced = |k: usize| {
        b.get(k) == Some(&b' ')
            && b.get(k + 1)
                .is_some_and(|c| c.is_ascii_uppercase() || *c == b'o')
    };
    if !(1..=2).contains(&n) || !(spaced(n) || matches!(b.get(n), Some(b's' | b'n' | b'r' | b't')))
    {
        return None;
    }
    let (r, day) = day_number(i)?;
    let t = r.strip_prefix(' ')?;
    let t = t.strip_prefix("of ").unwrap_or(t);
    let (r2, w) = word(t)?;
    let month = month_name(w)?;
    let r2 = if w.len() <= 4 {
        r2.strip_prefix('.').unwrap_or(r2)
    } else {
        r2
    };
    if r2.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let (r3, year) = match year_after(r2) {
        Some((r3, y)) => (r3, Some(y)),
        None => (r2, None),
    };
    valid(year, month, day).then_some((r3, DateRef::Day { year, month, day }))
}

/// `2022-02-24` and `5/17/2018`.
pub fn numeric(i: &str) -> Option<(&str, DateRef)> {
    // the cheap test first: four digits and a dash, or one or two and a
    // slash; most numbers are neither
    let b = i.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !matches!((n, b.get(n)), (4, Some(b'-')) | (1 | 2, Some(b'/'))) {
        return None;
    }
    if let Some((r, y)) = number(i, 4, 4) {
        let r = r.strip_prefix('-')?;
        let (r, m) = number(r, 2, 2)?;
        let r = r.strip_prefix('-')?;
        let (r, d) = number(r, 2, 2)?;
        if r.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        let (y, m, d) = (y as i16, m as i8, d as i8);
        return valid(Some(y), m, d).then_some((
            r,
            DateRef::Day {
                year: Some(y),
                month: m,
                day: d,
            },
        ));
    }
    let (r, a) = number(i, 1, 2)?;
    let r = r.strip_prefix('/')?;
    let (r, b) = number(r, 1, 2)?;
    let r = r.strip_prefix('/')?;
    let (r, y) = number(r, 4, 4)?;
    if r.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // month first unless that cannot be
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    let (y, m, d) = (y as i16, m as i8, d as i8);
    valid(Some(y), m, d).then_some((
        r,
        DateRef::Day {
            year: Some(y),
            month: m,
            day: d,
        },
    ))
}

/// A weekday name; `next` is read from the word before by the caller.
pub fn weekday(i: &str) -> Option<(&str, Weekday)> {
    if !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let (r, w) = word(i)?;
    let wd = weekday_name(w)?;
    Some((r, wd))
}

/// The days from 1970-01-01 to `d` (negative before it), counted on the
/// proleptic Gregorian calendar in eras of 400 years, as
/// `d.since(1970-01-01)` counts them without building a span.
pub fn epoch_days(d: Date) -> i32 {
    let (m, day) = (i32::from(d.month()), i32::from(d.day()));
    // the year from March, so that a leap day ends it
    let y = i32::from(d.year()) - i32::from(m <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Resolve a date against the story's publication date: the first and last
/// day it can mean. `None` when it needs a publication date and has none.
pub fn resolve(d: DateRef, published: Option<Date>) -> Option<(Date, Date, bool)> {
    match d {
        DateRef::Day {
            year: Some(y),
            month,
            day,
        } => {
            let date = Date::new(y, month, day).ok()?;
            Some((date, date, false))
        }
        DateRef::Day {
            year: None,
            month,
            day,
        } => {
            let p = published?;
            let mut date = Date::new(p.year(), month, day).ok()?;
            // a day well after publication is last year's ("Feb. 24" in January)
            if date > p && date.since(p).ok()?.get_days() > 62 {
                date = Date::new(p.year() - 1, month, day).ok()?;
            }
            Some((date, date, true))
        }
        DateRef::Month { year, month } => {
            let y = year.or_else(|| published.map(Date::year))?;
            let first = Date::new(y, month, 1).ok()?;
            Some((first, first.last_of_month(), year.is_none()))
        }
        DateRef::Weekday { weekday, next } => {
            let p = published?;
            let date = if next {
                p.nth_weekday(1, weekday).ok()?
            } else if p.weekday() == weekday {
                p
            } else {
                p.nth_weekday(-1, weekday).ok()?
            };
            Some((date, date, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Every day of years -9999 to 9999 counts as `since` counts it.
    #[test]
    fn days_from_the_epoch_are_those_of_since() {
        let epoch = Date::constant(1970, 1, 1);
        let mut d = Date::constant(-9999, 1, 1);
        let mut want = d.since(epoch).map_or(i32::MAX, |s| s.get_days());
        loop {
            assert_eq!(epoch_days(d), want, "{d}");
            let Ok(next) = d.tomorrow() else { break };
            d = next;
            want += 1;
            if d.day() == 1 && d.month() == 1 && d.year() % 500 == 0 {
                // now and then from `since` itself, not from counting on
                assert_eq!(d.since(epoch).ok().map(|s| s.get_days()), Some(want), "{d}");
            }
        }
        assert_eq!(d, Date::constant(9999, 12, 31));
    }

    #[test]
    fn forms() {
        assert_eq!(
            month_first("Feb. 24 to"),
            Some((
                " to",
                DateRef::Day {
                    year: None,
                    month: 2,
                    day: 24
                }
            ))
        );
        assert_eq!(
            month_first("February 24, 2022."),
            Some((
                ".",
                DateRef::Day {
                    year: Some(2022),
                    month: 2,
                    day: 24
                }
            ))
        );
        assert_eq!(
            day_first("24 February, though"),
            Some((
                ", though",
                DateRef::Day {
                    year: None,
                    month: 2,
                    day: 24
                }
            ))
        );
        assert_eq!(
            day_first("3rd of March 2022"),
            Some((
                "",
                DateRef::Day {
                    year: Some(2022),
                    month: 3,
                    day: 3
                }
            ))
        );
        assert_eq!(
            numeric("2022-02-24"),
            Some((
                "",
                DateRef::Day {
                    year: Some(2022),
                    month: 2,
                    day: 24
                }
            ))
        );
        assert_eq!(
            month_first("March 2022"),
            Some((
                "",
                DateRef::Month {
                    year: Some(2022),
                    month: 3
                }
            ))
        );
        assert_eq!(month_first("may 5"), None);
        assert_eq!(month_first("Feb. 30"), None);
        assert_eq!(day_first("24 people"), None);
    }

    #[test]
    fn resolution_against_publication() {
        let published = Some(date(2022, 4, 19)); // a Tuesday
        let tue = DateRef::Weekday {
            weekday: Weekday::Tuesday,
            next: false,
        };
        assert_eq!(resolve(tue, published).unwrap().0, date(2022, 4, 19));
        let sun = DateRef::Weekday {
            weekday: Weekday::Sunday,
            next: false,
        };
        assert_eq!(resolve(sun, published).unwrap().0, date(2022, 4, 17));
        let feb = DateRef::Day {
            year: None,
            month: 2,
            day: 24,
        };
        assert_eq!(resolve(feb, published).unwrap().0, date(2022, 2, 24));
        let dec = DateRef::Day {
            year: None,
            month: 12,
            day: 24,
        };
        assert_eq!(
            resolve(dec, Some(date(2023, 1, 5))).unwrap().0,
            date(2022, 12, 24)
        );
        assert_eq!(resolve(tue, None), None);
    }
}
