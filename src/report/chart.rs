//! The HTML report's chart of a measure: each outlet's figure against
//! publication time, as inline SVG (no script, nothing fetched).
//!
//! Each figure is a dot at the value its text states, on a bar that spans
//! the interval it means (`at least 35`: a bar from 35 up, with an arrow).
//! Publication days run left to right, so a toll that rises from one day
//! to the next (an update) climbs, while two outlets of one day that
//! disagree (a contradiction) stand one above the other, the odd one
//! drawn as differing. Shown for a measure with figures from three or more
//! stories; colour is never the only signal (a differing dot is a square).

use super::{Mark, mark, measure_name};
use crate::Analysis;
use crate::extract::quantity::Unit;
use crate::rules::Measure;
use jiff::civil::Date;
use maud::{Markup, html};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One figure on the chart.
struct Dot<'a> {
    day: Option<Date>,
    low: f64,
    high: Option<f64>,
    value: f64,
    mark: Mark,
    outlet: &'a str,
    text: &'a str,
    meaning: String,
}

/// A vertical scale: linear, or logarithmic when the figures span more
/// than a factor of 20 (`€3m` and `€30m` both stay readable).
struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
}

impl Scale {
    fn new(values: impl Iterator<Item = f64>) -> Option<Scale> {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if !lo.is_finite() {
            return None;
        }
        let log = lo > 0.0 && hi / lo > 20.0;
        if log {
            return Some(Scale {
                lo: lo / 1.3,
                hi: hi * 1.3,
                log,
            });
        }
        let pad = if hi > lo {
            (hi - lo) * 0.12
        } else {
            lo.abs().max(1.0) * 0.1
        };
        let lo = if lo >= 0.0 {
            (lo - pad).max(0.0)
        } else {
            lo - pad
        };
        Some(Scale {
            lo,
            hi: hi + pad,
            log,
        })
    }

    /// The y of `v` on the page (top is 0).
    fn y(&self, v: f64) -> f64 {
        let (lo, hi, v) = if self.log {
            (self.lo.ln(), self.hi.ln(), v.max(self.lo).ln())
        } else {
            (self.lo, self.hi, v)
        };
        let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        TOP + (1.0 - t) * (HEIGHT - TOP - BOTTOM)
    }
}

/// A value for the axis: a day for dates, else a number.
fn label(v: f64, unit: &Unit) -> String {
    if *unit == Unit::Date {
        let day = Date::new(1970, 1, 1)
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days(v.round() as i64)).ok());
        if let Some(d) = day {
            return d.to_string();
        }
    }
    let v = crate::notation::clean(v);
    if v.abs() >= 1e6 {
        format!("{}m", crate::notation::interval_number(v / 1e6))
    } else {
        crate::notation::interval_number((v * 10.0).round() / 10.0)
    }
}

/// A story's column of the chart: its publication day, its outlet and
/// its dots (one per figure).
type Column<'a> = (Option<Date>, &'a str, Vec<Dot<'a>>);

/// Each story's column of measure `m`, in the measure's order, and the
/// unit of its figures (the last figure's).
fn columns<'a>(analyses: &'a [Analysis], m: &Measure) -> (Vec<Column<'a>>, Unit) {
    let mut stories: Vec<Column<'a>> = Vec::new();
    let mut unit = Unit::Count;
    for (s, ks) in &m.cells {
        let a = &analyses[*s];
        let story_mark = mark(analyses, m, *s, ks);
        let mut dots = Vec::new();
        for &k in ks {
            let c = &a.claims[k];
            let iv = c.quantity.interval;
            unit = c.quantity.unit;
            let value = if c.stated.0 >= iv.low && iv.high.is_none_or(|h| c.stated.0 <= h) {
                c.stated.0
            } else {
                iv.low
            };
            dots.push(Dot {
                day: a.story.published,
                low: iv.low,
                high: iv.high,
                value,
                mark: if super::not_compared(c).is_some() {
                    Mark::NotCompared
                } else {
                    story_mark
                },
                outlet: &a.story.outlet,
                text: a.story.slice(c.surface()),
                meaning: crate::notation::interval_text(&c.quantity),
            });
        }
        stories.push((a.story.published, &a.story.outlet, dots));
    }
    (stories, unit)
}

/// The values the axis is marked at: the lowest figure and, when it
/// differs, the highest (the figures themselves, not the padded ends).
fn ticks(dots: &[&Dot]) -> Vec<f64> {
    let (mut vlo, mut vhi) = (f64::INFINITY, f64::NEG_INFINITY);
    for d in dots {
        vlo = vlo.min(d.value);
        vhi = vhi.max(d.value);
    }
    let mut ticks = vec![vlo];
    if vhi > vlo {
        ticks.push(vhi);
    }
    ticks
}

/// The publication days of the stories, left to right; undated stories
/// last.
fn days(stories: &[Column<'_>]) -> Vec<Option<Date>> {
    let mut days: Vec<Option<Date>> = stories.iter().map(|s| s.0).collect();
    days.sort_by_key(|d| (d.is_none(), *d));
    days.dedup();
    days
}

/// Each story placed in its day's slot `slot` wide: (x, the story's dots,
/// its outlet, whether its label goes below), stories of a day spread
/// across its slot with labels alternately above and below.
fn place<'s, 'a>(
    stories: &'s [Column<'a>],
    days: &[Option<Date>],
    slot: f64,
) -> Vec<(f64, &'s Vec<Dot<'a>>, &'a str, bool)> {
    let mut placed = Vec::with_capacity(stories.len());
    for (i, day) in days.iter().enumerate() {
        let here: Vec<&Column<'a>> = stories.iter().filter(|s| s.0 == *day).collect();
        for (j, st) in here.iter().enumerate() {
            let x = LEFT + slot * i as f64 + slot * (j as f64 + 1.0) / (here.len() as f64 + 1.0);
            placed.push((x, &st.2, st.1, j % 2 == 1));
        }
    }
    placed
}

/// The chart of measure `m` of an event, when three or more stories give
/// a figure of it.
pub(crate) fn measure(analyses: &[Analysis], m: &Measure) -> Option<Markup> {
    if m.cells.len() < 3 {
        return None;
    }
    let (stories, unit) = columns(analyses, m);
    let dots: Vec<&Dot> = stories.iter().flat_map(|s| &s.2).collect();
    let scale = Scale::new(
        dots.iter()
            .flat_map(|d| [d.low, d.value, d.high.unwrap_or(d.value)]),
    )?;
    let ticks = ticks(&dots);
    let days = days(&stories);
    let slot = (WIDTH - LEFT - RIGHT) / days.len() as f64;
    let placed = place(&stories, &days, slot);
    let name = measure_name(&m.title);
    let described = format!(
        "{name}: {} figures from {} stories, by publication day",
        dots.len(),
        stories.len()
    );
    let bottom = HEIGHT - BOTTOM;
    let px = |v: f64| format!("{v:.1}");
    Some(html! {
        figure class="chart" {
            figcaption { (name) " " span class="muted" { "— each outlet's figure (dot) and what it means (bar), by publication day" } }
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label=(described) {
                title { (described) }
                line class="axis" x1=(px(LEFT)) y1=(px(TOP)) x2=(px(LEFT)) y2=(px(bottom)) {}
                line class="axis" x1=(px(LEFT)) y1=(px(bottom)) x2=(px(WIDTH - RIGHT)) y2=(px(bottom)) {}
                @for t in &ticks {
                    line class="grid" x1=(px(LEFT)) y1=(px(scale.y(*t))) x2=(px(WIDTH - RIGHT)) y2=(px(scale.y(*t))) {}
                    text class="tick" x=(px(LEFT - 6.0)) y=(px(scale.y(*t) + 4.0)) text-anchor="end" { (label(*t, &unit)) }
                }
                @for (i, day) in days.iter().enumerate() {
                    text class="tick" x=(px(LEFT + slot * (i as f64 + 0.5))) y=(px(bottom + 16.0)) text-anchor="middle" {
                        (day.map_or_else(|| "undated".to_string(), |d| d.to_string()))
                    }
                }
                @if scale.log { text class="tick" x=(px(LEFT - 6.0)) y=(px(bottom + 30.0)) text-anchor="end" { "log scale" } }
                @for (x, story_dots, outlet, below) in &placed {
                    @for d in story_dots.iter() {
                        @let class = match d.mark {
                            Mark::Differs => "pt differs",
                            Mark::Agrees => "pt agrees",
                            Mark::OnlyOne | Mark::NotCompared => "pt alone",
                        };
                        @let tip = format!("{}{}: \u{201c}{}\u{201d} {} ({})", d.outlet, d.day.map(|x| format!(", {x}")).unwrap_or_default(), d.text, d.meaning, d.mark.text());
                        g class=(class) {
                            title { (tip) }
                            @let top = d.high.map_or(TOP, |h| scale.y(h));
                            line class="bar" x1=(px(*x)) y1=(px(scale.y(d.low))) x2=(px(*x)) y2=(px(top)) {}
                            @if d.high.is_none() {
                                polygon points={ (px(*x - 4.0)) "," (px(TOP + 6.0)) " " (px(*x + 4.0)) "," (px(TOP + 6.0)) " " (px(*x)) "," (px(TOP)) } {}
                            }
                            @if d.mark == Mark::Differs {
                                rect x=(px(x - 5.0)) y=(px(scale.y(d.value) - 5.0)) width="10" height="10" {}
                            } @else {
                                circle cx=(px(*x)) cy=(px(scale.y(d.value))) r="4.5" {}
                            }
                        }
                    }
                    // the outlet once, above its highest figure or below its lowest
                    @let y = if *below {
                        story_dots.iter().map(|d| scale.y(d.value)).fold(f64::NEG_INFINITY, f64::max) + 18.0
                    } else {
                        story_dots.iter().map(|d| scale.y(d.value)).fold(f64::INFINITY, f64::min) - 9.0
                    };
                    text class="who" x=(px(*x)) y=(px(y)) text-anchor="middle" { (outlet.chars().take(18).collect::<String>()) }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_span_is_drawn_on_a_log_scale() {
        let s = Scale::new([1e6, 3e7, 2.7e7].into_iter()).unwrap();
        assert!(s.log);
        // 1m and 30m a good part of the height apart, both inside
        let (a, b) = (s.y(1e6), s.y(3e7));
        assert!(a > b && a - b > 100.0, "{a} {b}");
        assert!(b > TOP && a < HEIGHT - BOTTOM);
        let s = Scale::new([35.0, 53.0, 36.0].into_iter()).unwrap();
        assert!(!s.log);
        assert!(s.y(35.0) > s.y(53.0));
        // a factor of ten stays linear (€3m against €30m)
        assert!(!Scale::new([3e6, 3e7].into_iter()).unwrap().log);
    }

    #[test]
    fn dates_are_labelled_as_days() {
        assert_eq!(label(19785.0, &Unit::Date), "2024-03-03");
        assert_eq!(label(30_000_000.0, &Unit::Count), "30m");
        assert_eq!(label(35.0, &Unit::Count), "35");
    }
}
