//! Writes the real-news set repeated K times as one JSON Lines file, for the
//! benchmarks of real text: `cargo run --release --example realnews-batch --
//! K OUT.jsonl [IN.jsonl ...]` (default input: every
//! `../shared/realnews/*/stories.jsonl`).
//!
//! Copy 0 is the lines as they are; copy k gives every story and event a
//! new id and event name (`~k` appended), so that the copies are new
//! stories of new events, grouped and compared as the originals are (their
//! keys in the same order, their strings written again by serde_json). The
//! stories' text is read at run time and never kept in the project.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// A JSON object with its keys in the order written.
struct Ordered(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
                let mut keys = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    keys.push(entry);
                }
                Ok(Ordered(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

const USAGE: &str = "usage: realnews-batch K OUT.jsonl [IN.jsonl ...]";

fn main() {
    let mut args = std::env::args().skip(1);
    let k: usize = args.next().and_then(|a| a.parse().ok()).expect(USAGE);
    let out = PathBuf::from(args.next().expect(USAGE));
    let mut inputs: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if inputs.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realnews");
        let Ok(dirs) = std::fs::read_dir(&root) else {
            eprintln!("skipped: {} is missing", root.display());
            std::process::exit(3);
        };
        inputs = dirs
            .filter_map(Result::ok)
            .map(|d| d.path().join("stories.jsonl"))
            .filter(|p| p.is_file())
            .collect();
        inputs.sort();
    }
    let mut lines: Vec<(String, Ordered)> = Vec::new();
    for p in &inputs {
        let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        for line in std::io::BufReader::new(f).lines() {
            let line = line.expect("read a line");
            if !line.trim().is_empty() {
                let story = serde_json::from_str(&line).expect("a JSON object a line");
                lines.push((line, story));
            }
        }
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out).expect("create OUT"));
    let mut bytes = 0usize;
    for copy in 0..k {
        for (raw, story) in &lines {
            let line = if copy == 0 {
                raw.clone()
            } else {
                let fields: Vec<String> = story
                    .0
                    .iter()
                    .map(|(key, value)| {
                        let mut value = value.clone();
                        if let ("id" | "event", serde_json::Value::String(s)) =
                            (key.as_str(), &mut value)
                        {
                            s.push_str(&format!("~{copy}"));
                        }
                        let key = serde_json::to_string(key).expect("serialise");
                        format!(
                            "{key}: {}",
                            serde_json::to_string(&value).expect("serialise")
                        )
                    })
                    .collect();
                format!("{{{}}}", fields.join(", "))
            };
            bytes += line.len() + 1;
            writeln!(w, "{line}").expect("write");
        }
    }
    w.flush().expect("write");
    let events: std::collections::BTreeSet<String> = lines
        .iter()
        .filter_map(|(_, story)| story.0.iter().find(|(key, _)| key == "event"))
        .map(|(_, v)| v.to_string())
        .collect();
    eprintln!(
        "wrote {} stories in {} events ({k} copies), {:.1} MB, to {}",
        lines.len() * k,
        events.len() * k,
        bytes as f64 / 1e6,
        out.display()
    );
}
