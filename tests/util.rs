//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Analyse every story under `path` with the library.
pub fn analyse(path: &Path) -> (Vec<crosscheck::Analysis>, Vec<crosscheck::story::Rejected>) {
    let batch = crosscheck::story::ingest(
        &[path.to_string_lossy().into_owned()],
        &mut std::io::empty(),
    );
    (
        batch.stories.into_iter().map(crosscheck::analyse).collect(),
        batch.rejected,
    )
}

/// The binary, run from the crate root with the environment that changes
/// its output (colour, the GitHub job summary) cleared.
pub fn crosscheck() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(root());
    // the JUnit suites' timestamp is the time of the run: fixed here
    c.env("SOURCE_DATE_EPOCH", "1733367600");
    c.env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}
