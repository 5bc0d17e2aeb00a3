//! Reading inputs: every story checked or rejected with a reason and its
//! position, the same whoever runs it and in whatever order the paths come,
//! and no input (a pipe, a device, a huge number) that hangs or exhausts
//! the run.

use crate::util::crosscheck;

#[test]
fn jobs_beyond_the_maximum_are_bad_usage() {
    for n in [
        "257",
        "8000",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let out = crosscheck()
            .args(["-j", n, "claims", "examples/batch/flood/harbour-herald.md"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "-j {n}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("0..=256"), "-j {n}: {err}");
    }
    for n in ["0", "1", "256"] {
        let out = crosscheck()
            .args([
                "--jobs",
                n,
                "claims",
                "examples/batch/flood/harbour-herald.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "-j {n}");
    }
}
