//! Rule files: any text loads or reports errors with positions; never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match crosscheck::rules::load_str("fuzz.yaml", src) {
        Ok(rules) => {
            let _ = crosscheck::rules::load::check_unique(&rules);
        }
        Err(errors) => {
            for e in errors {
                let shown = e.to_string();
                assert!(shown.starts_with("fuzz.yaml:"), "{shown}");
            }
        }
    }
});
