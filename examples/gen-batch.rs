//! Writes a batch of generated stories: `cargo run --release --example
//! gen-batch -- N OUT [OUTLETS_PER_EVENT]`.
//!
//! N stories in N / OUTLETS_PER_EVENT events (default 10 outlets an event),
//! one folder per event, Markdown with front matter. Outlets report the
//! same facts in different words and qualifiers; one event in ten has a
//! planted discrepancy (a digit swap in the toll), so a run has findings to
//! report. Deterministic: the same N gives the same files.

#[path = "../benches/corpus.rs"]
mod corpus;

use corpus::Lcg;
use std::fmt::Write as _;
use std::path::PathBuf;

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

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("usage: gen-batch N OUT [OUTLETS_PER_EVENT]");
    let out = PathBuf::from(
        args.next()
            .expect("usage: gen-batch N OUT [OUTLETS_PER_EVENT]"),
    );
    let per_event: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let mut r = Lcg::new(n as u64);
    let events = n.div_ceil(per_event);
    let mut bytes = 0usize;
    for e in 0..events {
        let dir = out.join(format!("event-{e:05}"));
        std::fs::create_dir_all(&dir).expect("create the event folder");
        let town = TOWNS[e % TOWNS.len()];
        let (kind, what) = KINDS[(e / TOWNS.len()) % KINDS.len()];
        let toll = 10 + r.below(80);
        let injured = 20 + r.below(300);
        let homes = 1000 + r.below(8000);
        let month = MONTHS[e % MONTHS.len()];
        let day = 1 + r.below(27);
        let planted = e % 10 == 3;
        for k in 0..per_event.min(n - e * per_event) {
            let mut s = String::with_capacity(4096);
            // a digit swap in one outlet of the planted events
            let my_toll = if planted && k == 1 && toll % 10 != toll / 10 {
                (toll % 10) * 10 + toll / 10
            } else {
                toll
            };
            let _ = writeln!(
                s,
                "---\nid: e{e:05}-o{k:02}\noutlet: Outlet {k:02}\ntitle: \"{my_toll} dead in {town} {kind}\"\npublished: 2024-{:02}-{:02}\nevent: {kind}-{e:05}\n---",
                (e % 10) + 1,
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
            for _ in 0..(3 + r.below(4)) {
                s.push_str(&corpus::prose(&mut r));
                s.push_str("\n\n");
            }
            let _ = writeln!(
                s,
                "\"We have lost everything,\" said resident Maria Novak, {}.",
                30 + r.below(50)
            );
            bytes += s.len();
            std::fs::write(dir.join(format!("outlet-{k:02}.md")), s).expect("write a story");
        }
    }
    eprintln!(
        "wrote {n} stories in {events} events, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
