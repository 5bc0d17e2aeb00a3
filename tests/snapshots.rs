//! Snapshots of the claims extracted from fixture stories, one per file,
//! so a change in the grammar or the frame shows up as a reviewed diff.

use crosscheck::report::claims::{ClaimsFormat, write};

fn snapshot_of(path: &str) -> String {
    let (analyses, rejected) = crate::util::analyse(&crate::util::root().join(path));
    let mut out = Vec::new();
    write(&mut out, ClaimsFormat::Human, &analyses, &rejected, false).unwrap();
    // paths differ between machines only in the prefix; keep them relative
    String::from_utf8(out)
        .unwrap()
        .replace(&crate::util::root().to_string_lossy().into_owned(), "")
}

macro_rules! fixture {
    ($name:ident, $path:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(snapshot_of($path));
        }
    };
}

fixture!(tabloid, "tests/fixtures/stories/tabloid.md");
fixture!(wire, "tests/fixtures/stories/wire.txt");
fixture!(broadsheet_json, "tests/fixtures/stories/broadsheet.json");
fixture!(bulletin_jsonl, "tests/fixtures/stories/bulletin.jsonl");
fixture!(markets, "tests/fixtures/stories/markets.txt");
fixture!(example_flood, "examples/batch/flood");
fixture!(example_strike, "examples/batch/strike");
