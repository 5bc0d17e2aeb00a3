//! A test runner for the checks that need `../shared` (the seeds, real
//! news), built with `harness = false`: libtest would print `ok` for a
//! check that found no data and checked nothing, as a pass. Here each
//! check says `ok`, `FAILED` or `skipped` with why, and the summary counts
//! the skipped apart.
//!
//! Arguments as libtest takes them, as far as they matter here: a word
//! filters the checks by name; `--ignored` runs none (none is ignored);
//! other flags are accepted and ignored.

use std::path::PathBuf;

/// A check ran and passed (`Ok`), or could not run (`Err(why)`); a
/// failure is a panic, as in any test.
pub type Outcome = Result<(), String>;

/// A check: its name and what runs it.
pub type Check = (&'static str, fn() -> Outcome);

/// `../shared` beside the checkout (`CROSSCHECK_SHARED` names another
/// place) when it holds `sub`, or why the checks that need it are skipped.
pub fn shared(sub: &str) -> Result<PathBuf, String> {
    let p = std::env::var_os("CROSSCHECK_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    if p.join(sub).exists() {
        Ok(p)
    } else {
        Err(format!("{} is missing; CI runs it", p.join(sub).display()))
    }
}

/// The story files of the three real-news sets under `shared`.
#[allow(dead_code)] // the seeds binary shares this module and reads no real news
pub fn realnews_files(shared: &std::path::Path) -> Vec<String> {
    ["gva", "ecbplus", "fakes"]
        .iter()
        .map(|d| {
            shared
                .join("realnews")
                .join(d)
                .join("stories.jsonl")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Run the checks; exit 1 when one failed.
pub fn run(checks: &[Check]) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<&Check> = if args.iter().any(|a| a == "--ignored") {
        Vec::new()
    } else {
        checks
            .iter()
            .filter(|(name, _)| {
                filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()))
            })
            .collect()
    };
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, check) in chosen {
        match std::panic::catch_unwind(check) {
            Ok(Ok(())) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Ok(Err(why)) => {
                println!("test {name} ... skipped: {why}");
                skipped += 1;
            }
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    println!("\ntest result: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        std::process::exit(1);
    }
}
