#![allow(dead_code)] // each user of the generator needs only part of it
//! A deterministic generator of news-like text for benchmarks: sentences
//! with tolls, crowds, money, dates, quotes and plain prose, in the
//! proportions wire copy has (about one figure per 350 bytes); and batches
//! of stories about many events, for the batch benchmark and the tests of
//! automatic grouping.

use std::fmt::Write as _;

/// A small linear congruential generator: deterministic, no dependency.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PLACES: &[&str] = &[
    "Marren",
    "Tarn",
    "Oskar Bay",
    "the northern province",
    "Kessel",
    "Lindow",
    "the capital",
];
const SOURCES: &[&str] = &[
    "police said",
    "officials said",
    "the ministry said",
    "according to the fire service",
    "the mayor told reporters",
];
const QUALIFIERS: &[&str] = &[
    "",
    "",
    "at least ",
    "more than ",
    "around ",
    "nearly ",
    "up to ",
    "some ",
];
const NOUNS: &[&str] = &[
    "people",
    "civilians",
    "residents",
    "soldiers",
    "children",
    "protesters",
    "homes",
];
const EVENTS: &[&str] = &[
    "were killed",
    "were injured",
    "have been detained",
    "were displaced",
    "remain missing",
    "were evacuated",
];
const WORDS: &[&str] = &[
    "fifty",
    "twenty-three",
    "a dozen",
    "hundreds of",
    "two-thirds of the",
    "thousands of",
    "seven",
];
const PROSE: &[&str] = &[
    "The storm swept through the valley overnight, tearing roofs from houses and cutting power lines.",
    "Rescue teams worked through the night as the river continued to rise.",
    "Residents described scenes of chaos as water poured into the streets.",
    "The government has faced criticism over its handling of the crisis.",
    "Aid agencies warned that the situation could deteriorate further in the coming days.",
    "Local businesses said it would take months to recover from the damage.",
];

fn figure(r: &mut Lcg) -> String {
    match r.below(6) {
        0 => format!("{}", r.below(90) + 2),
        1 => {
            let n = r.below(9000) + 1000;
            format!("{},{:03}", n / 1000, n % 1000)
        }
        2 => format!("{}.{} million", r.below(9) + 1, r.below(10)),
        3 => format!("between {} and {}", r.below(50) + 10, r.below(50) + 70),
        _ => r.pick(WORDS).to_string(),
    }
}

/// One story of roughly `target` bytes.
pub fn story(r: &mut Lcg, target: usize) -> String {
    let mut s = String::with_capacity(target + 256);
    while s.len() < target {
        // about one figure per 350 bytes, as in wire copy
        let line = match r.below(16) {
            0 | 1 => format!(
                "{}{} {} {} in {}, {}.",
                capital(r.pick(QUALIFIERS)),
                figure(r),
                r.pick(NOUNS),
                r.pick(EVENTS),
                r.pick(PLACES),
                r.pick(SOURCES)
            ),
            2 => format!(
                "The government pledged ${}.{}bn in aid on March {}, and {}% of residents backed the plan.",
                r.below(9) + 1,
                r.below(10),
                r.below(28) + 1,
                r.below(60) + 20
            ),
            3 => format!(
                "\"We have never seen anything like this,\" said {} resident Anna Weber, {}.",
                r.pick(PLACES),
                r.below(50) + 20
            ),
            _ => r.pick(PROSE).to_string(),
        };
        s.push_str(&line);
        s.push(if r.below(3) == 0 { '\n' } else { ' ' });
        if r.below(5) == 0 {
            s.push('\n');
        }
    }
    s
}

/// A few sentences of prose with no figures.
pub fn prose(r: &mut Lcg) -> String {
    let mut s = String::new();
    for k in 0..(2 + r.below(3)) {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(r.pick(PROSE));
    }
    s
}

fn capital(q: &str) -> String {
    let mut c = q.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Stories adding up to at least `bytes` bytes.
pub fn corpus(bytes: usize, seed: u64) -> Vec<String> {
    let mut r = Lcg::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let len = 2000 + r.below(4000) as usize;
        let s = story(&mut r, len);
        total += s.len();
        out.push(s);
    }
    out
}

const TOWNS: &[&str] = &[
    "Arlen", "Brisk", "Corvo", "Dunmore", "Elster", "Farrow", "Galen", "Hollin", "Istra", "Jessup",
];
const KINDS: &[(&str, &str)] = &[
    ("flood", "the river burst its banks"),
    ("quake", "the earthquake struck"),
    ("fire", "the fire broke out"),
    ("storm", "the storm hit"),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
];
const SPELLED: &[&str] = &[
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

fn toll_phrase(r: &mut Lcg, toll: u64) -> String {
    match r.below(5) {
        0 => format!("{toll} people were killed"),
        1 => format!("at least {} people died", toll.saturating_sub(r.below(3))),
        2 if toll < SPELLED.len() as u64 => {
            format!("{} people were killed", SPELLED[toll as usize])
        }
        3 => format!("the death toll rose to {toll}"),
        _ => format!("{toll} people have died"),
    }
}

/// Write a batch of `n` stories about `n / per_event` events through
/// `write(relative path, text)`: Markdown with front matter, one folder per
/// event. Outlets report the same facts in different words and qualifiers,
/// around background prose and figures the outlets agree on; one event in ten
/// has a planted discrepancy (a digit swap in the toll). Events share towns,
/// kinds and months with others and differ in their figures and days.
/// Deterministic: the same arguments give the same files. Returns the
/// number of events.
pub fn batch(n: usize, per_event: usize, mut write: impl FnMut(&str, &str)) -> usize {
    let per_event = per_event.max(1);
    let mut r = Lcg::new(n as u64);
    let events = n.div_ceil(per_event);
    for e in 0..events {
        // no two events (of the first 11,200) share town, month, kind and day
        let town = TOWNS[e % TOWNS.len()];
        let month_no = (e / TOWNS.len()) % MONTHS.len();
        let month = MONTHS[month_no];
        let (kind, what) = KINDS[(e / (TOWNS.len() * MONTHS.len())) % KINDS.len()];
        let day = 1 + (e / (TOWNS.len() * MONTHS.len() * KINDS.len())) as u64 % 28;
        let toll = 10 + r.below(80);
        let injured = 20 + r.below(300);
        let homes = 1000 + r.below(8000);
        let evacuated = 100 * (20 + r.below(500));
        let aid = 5 + r.below(200);
        let crews = 12 + r.below(60);
        let planted = e % 10 == 3;
        for k in 0..per_event.min(n - e * per_event) {
            let mut s = String::with_capacity(4500);
            // a digit swap in one outlet of the planted events
            let my_toll = if planted && k == 1 && toll % 10 != toll / 10 {
                (toll % 10) * 10 + toll / 10
            } else {
                toll
            };
            let _ = writeln!(
                s,
                "---\nid: e{e:05}-o{k:02}\noutlet: Outlet {k:02}\ntitle: \"{my_toll} dead in {town} {kind}\"\npublished: 2024-{:02}-{:02}\nevent: {kind}-{e:05}\n---",
                month_no + 1,
                day + 1
            );
            let _ = writeln!(
                s,
                "{} in {town} after {what} on {month} {day}, officials said.\n",
                capital(&toll_phrase(&mut r, my_toll))
            );
            let _ = writeln!(
                s,
                "Hospitals treated {injured} people who were injured, the health ministry said.\n"
            );
            let _ = writeln!(
                s,
                "Around {} homes were damaged, according to the regional authority.\n",
                homes - homes % 100
            );
            // background: prose, and figures every outlet of the event
            // agrees on, in the event's order of paragraphs
            let target = 3600 + r.below(900) as usize;
            let mut k_fact = 0;
            while s.len() < target {
                s.push_str(&prose(&mut r));
                s.push_str("\n\n");
                let fact = match k_fact % 3 {
                    0 => format!(
                        "Officials said {evacuated} residents had been evacuated from low-lying districts.\n\n"
                    ),
                    1 => format!(
                        "The regional government pledged ${aid} million in emergency aid on {month} {}.\n\n",
                        day + 1
                    ),
                    _ => format!(
                        "About {crews} rescue crews from neighbouring towns joined the search.\n\n"
                    ),
                };
                s.push_str(&fact);
                k_fact += 1;
            }
            let _ = writeln!(
                s,
                "\"We have lost everything,\" said resident Maria Novak, {}.",
                30 + r.below(50)
            );
            write(&format!("event-{e:05}/outlet-{k:02}.md"), &s);
        }
    }
    events
}
